"""One in-memory snapshot of the whole process: every file read once, validated and indexed by ID.

The loader is the only place that reads data files. A snapshot can be rebuilt with some files
replaced (:func:`replaced`), so a write is validated against the whole project before a single
byte reaches the disk, without reading the other files again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from luedialog import nebenher
from luedialog.files.atomic import JOURNAL_FILE
from luedialog.files.discover import data_file_entries
from luedialog.files.read import Document, KeyPath, Value, parse_bytes, read_bytes, read_document
from luedialog.findings import Finding
from luedialog.model.ampel import AMPELN
from luedialog.model.config import CONFIG_SCHEMA, VOCABULARY_LABELS, Config, check_config
from luedialog.model.indikatoren import INDIKATOR_SCHEMA, Indikator
from luedialog.model.kontakt import contact_data
from luedialog.model.schema import Context, validate
from luedialog.model.types import (
    GRUPPE_SCHEMA,
    LEITLINIEN_DATEI_SCHEMA,
    MASSNAHME_SCHEMA,
    NN,
    Einwilligungen,
    Gruppe,
    Leitlinie,
    LeitlinienDatei,
    Massnahme,
)
from luedialog.paths import CONFIG_FILE, GRUPPEN_DIR, INDIKATOREN_DIR, LEITLINIEN_DIR, MASSNAHMEN_DIR


@dataclass(frozen=True)
class IdEntry:
    kind: str  # "Leitlinie", "Maßnahme", "Gruppe", "Indikator"
    id: str
    file: str
    line: int


@dataclass(frozen=True)
class FileResult:
    """What loading made of one data file."""

    kind: str  # "Leitlinie", "Maßnahme", "Gruppe"
    path: Path
    obj: Any  # LeitlinienDatei, Massnahme or Gruppe; None if the file has errors
    document: Document | None  # None if the file could not be read or parsed cleanly
    findings: tuple[Finding, ...]
    ident: str | None = None  # the ID a file that failed validation declares, if any
    raw: bytes | None = None  # its bytes, kept only when loading for a write
    # a group file's names of people (members, renewals) as written; None if it could not be parsed
    personen: tuple[str, ...] | None = ()
    # where its texts hold contact data (key path, what kind; model/kontakt.py), if it was loaded
    kontakt: tuple[tuple[KeyPath, str], ...] = ()


@dataclass
class Snapshot:
    """Everything that was valid, indexed by ID, plus the parsed documents (for line numbers)."""

    root: Path
    config: Config
    # every data file found (loaded or not), in the order of loading, with what loading made of it
    files: dict[str, FileResult] = field(default_factory=dict)
    leitlinien_dateien: list[LeitlinienDatei] = field(default_factory=list)
    leitlinien: dict[str, Leitlinie] = field(default_factory=dict)
    massnahmen: dict[str, Massnahme] = field(default_factory=dict)
    gruppen: dict[str, Gruppe] = field(default_factory=dict)
    indikatoren: dict[str, Indikator] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    ids: list[IdEntry] = field(default_factory=list)  # every ID as found, duplicates included
    # IDs (and file stems) of files that could not be loaded, by kind: references to them are not
    # reported again as unknown; the broken file's own findings say what is wrong.
    unloaded: dict[str, set[str]] = field(default_factory=dict)
    journal: bool = False  # a write across several files was interrupted: its journal is still there
    # whose name may be shown (the latest declaration that speaks decides; see Einwilligungen)
    einwilligungen: Einwilligungen = field(default_factory=Einwilligungen)
    # names of people without consent as they are written in the group files: never in a finding
    private_namen: frozenset[str] = frozenset()

    def may_exist(self, kind: str, ident: str) -> bool:
        """True if ``ident`` could be defined in a file of ``kind`` that failed to load."""
        names = self.unloaded.get(kind, set())
        return "*" in names or ident in names

    # indexes for children(), measures_for() and recommendations_of(), built on first use: asking
    # each measure for its children by scanning all measures would make a report take N² steps
    _index: tuple[int, dict[str, dict[str, list[Massnahme]]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def _indexed(self, index: str, key: str) -> list[Massnahme]:
        if self._index is None or self._index[0] != len(self.massnahmen):  # built anew if measures were added
            indexes: dict[str, dict[str, list[Massnahme]]] = {"teil_von": {}, "leitlinie": {}, "herkunft": {}}
            for m in self.massnahmen.values():
                if m.teil_von is not None:
                    indexes["teil_von"].setdefault(m.teil_von, []).append(m)
                for ident in dict.fromkeys(m.leitlinien):
                    indexes["leitlinie"].setdefault(ident, []).append(m)
                if m.herkunft is not None:
                    indexes["herkunft"].setdefault(m.herkunft.gruppe, []).append(m)
            self._index = (len(self.massnahmen), indexes)
        return list(self._index[1][index].get(key, ()))

    def children(self, massnahme_id: str) -> list[Massnahme]:
        return self._indexed("teil_von", massnahme_id)

    def measures_for(self, leitlinie_id: str) -> list[Massnahme]:
        return self._indexed("leitlinie", leitlinie_id)

    def recommendations_of(self, gruppe_id: str) -> list[Massnahme]:
        """Measures whose ``herkunft`` is this group."""
        return self._indexed("herkunft", gruppe_id)

    def line(self, file: str, key: tuple[str | int, ...]) -> int:
        doc = self.documents.get(file)
        return doc.line(key) if doc else 0

    def name(self, person: str, intern: bool = False) -> str:
        """A member's name with consent (or with ``intern``, for staff in the terminal), else „N. N.“."""
        return self.einwilligungen.name(person, intern)

    def redact(self, findings: Iterable[Finding]) -> list[Finding]:
        """Findings without the name of anyone who has not agreed (a quoted value becomes „N. N.“).

        What ``pruefen`` reports is published by CI; a finding that quotes a wrong value (a name
        where a date belongs, a membership written as a bare name) must not publish the name.
        """
        return redacted(findings, self.private_namen)


@dataclass
class LoadResult:
    snapshot: Snapshot | None
    findings: list[Finding]  # of the configuration and of every file, in the order of loading


KINDS = (
    ("Leitlinie", LEITLINIEN_DIR, LEITLINIEN_DATEI_SCHEMA),
    ("Maßnahme", MASSNAHMEN_DIR, MASSNAHME_SCHEMA),
    ("Gruppe", GRUPPEN_DIR, GRUPPE_SCHEMA),
    ("Indikator", INDIKATOREN_DIR, INDIKATOR_SCHEMA),
)
_SCHEMAS = {kind: schema for kind, _, schema in KINDS}


# bytes (None: unreadable), document, findings, contact data in its texts (model/kontakt.py)
Parsed = tuple[bytes | None, Document | None, list[Finding], tuple[tuple[KeyPath, str], ...]]


def _parse_file(kind: str, path: Path, name: str, raw: bytes | None) -> Parsed:
    """Read (unless ``raw`` is given) and parse one data file; look for contact data in its texts
    while its data is at hand (the loader lets go of the data once the file is validated)."""
    if raw is None:
        raw, problems = read_bytes(path, name)
        if raw is None:
            return None, None, problems, ()
    doc, findings = parse_bytes(path, name, raw)
    return raw, doc, findings, contact_data(kind, doc.data) if doc is not None and not findings else ()


def _text(value: Value) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value)


def persons_in(data: Value) -> tuple[str, ...]:
    """The names of people in a group file's data, as written, also where the file is invalid:
    ``mitglieder[*].person``, ``konferenzen[*].erneuerungen[*].person``, and a bare text where one
    of those lists expects a mapping (a membership written as just the name)."""
    found: list[str] = []

    def from_list(items: Value) -> None:
        for item in items if isinstance(items, list) else ():
            text = _text(item.get("person")) if isinstance(item, dict) else _text(item)
            if text is not None and text.strip():
                found.append(text)
            if isinstance(item, dict):  # "- Erika Muster: mitglied": a name written as a key
                found.extend(key for key in item if " " in key.strip())

    if isinstance(data, dict):
        from_list(data.get("mitglieder"))
        conferences = data.get("konferenzen")
        for conference in conferences if isinstance(conferences, list) else ():
            if isinstance(conference, dict):
                from_list(conference.get("erneuerungen"))
    return tuple(dict.fromkeys(found))


def _unknown(kind: str) -> tuple[str, ...] | None:
    """The people of a file that could not be read: unknown (None) for a group file."""
    return None if kind == "Gruppe" else ()


def redacted(findings: Iterable[Finding], names: frozenset[str]) -> list[Finding]:
    """``findings`` with every quoted ``„name“`` of ``names`` (and a name as a key in the key path)
    replaced by „N. N.“."""
    findings = list(findings)
    if not names:
        return findings
    quoted = sorted((f"„{n}“" for n in names), key=len, reverse=True)

    def clean(text: str) -> str:
        if "„" not in text:
            return text
        for q in quoted:
            text = text.replace(q, f"„{NN}“")
        return text

    segments = sorted((f".{n}" for n in names), key=len, reverse=True)

    def clean_key(key: str) -> str:  # mitglieder[5].Erika Muster: a name written as a key
        for segment in segments:
            if key.endswith(segment) or f"{segment}." in key or f"{segment}[" in key:
                key = key.replace(segment, f".{NN}")
        return key

    return [
        dataclasses.replace(f, message=clean(f.message), hint=clean(f.hint), key=clean_key(f.key)) for f in findings
    ]


def _load_file(
    kind: str, path: Path, name: str, raw: bytes | None, vocab: dict[str, tuple[str, ...]], keep_raw: bool
) -> FileResult:
    """Parse and validate one data file (read from ``path`` unless ``raw`` is given)."""
    return _validated(kind, path, name, _parse_file(kind, path, name, raw), vocab, keep_raw)


def _validated(
    kind: str, path: Path, name: str, parsed: Parsed, vocab: dict[str, tuple[str, ...]], keep_raw: bool
) -> FileResult:
    raw, doc, findings, kontakt = parsed
    unknown = _unknown(kind)
    if raw is None:
        return FileResult(kind, path, None, None, tuple(findings), personen=unknown)
    persons = unknown if doc is None else persons_in(doc.data) if kind == "Gruppe" else ()
    if doc is None or findings:
        return FileResult(kind, path, None, None, tuple(findings), raw=raw if keep_raw else None, personen=persons)
    ctx = Context(doc, vocab, VOCABULARY_LABELS)
    obj = validate(doc, _SCHEMAS[kind], ctx)
    if isinstance(obj, LeitlinienDatei):  # each Leitlinie knows the file's Handlungsfeld
        leitlinien = tuple(dataclasses.replace(ll, handlungsfeld=obj.handlungsfeld) for ll in obj.leitlinien)
        obj = dataclasses.replace(obj, leitlinien=leitlinien)
    ident = doc.data.get("id") if obj is None and isinstance(doc.data, dict) else None
    if obj is not None:  # what is used from now on is obj: its data would only keep the collector busy
        doc.release()
    return FileResult(
        kind,
        path,
        obj,
        doc,
        tuple(ctx.findings),
        ident if isinstance(ident, str) else None,
        raw if keep_raw else None,
        persons,
        kontakt if obj is not None else (),
    )


# From this many data files on, a second process parses part of them (Linux, two usable cores):
# below it, starting the process and sending the results back costs more than it saves
# (measured: docs/PERFORMANCE.md). SECOND_SHARE is that process's part; this one also validates.
PARALLEL_FROM = 2000
SECOND_SHARE = 0.65
_CHUNK = 250  # files per result sent back: the results of a chunk are passed on while the next is parsed


def _parse_chunk(paths: list[tuple[str, Path, str]], keep_raw: bool) -> list[Parsed]:
    """What the second process does with a chunk: the bytes go back only where they are kept."""
    parsed = [_parse_file(kind, path, name, None) for kind, path, name in paths]
    return parsed if keep_raw else [(b"" if raw is not None else None, doc, f, k) for raw, doc, f, k in parsed]


def _load_all(
    paths: list[tuple[str, Path, str]], vocab: dict[str, tuple[str, ...]], keep_raw: bool
) -> list[FileResult]:
    """Parse and validate every file, each exactly as alone, in the order given.

    From :data:`PARALLEL_FROM` files on (where a second process can run, :mod:`luedialog.nebenher`)
    a forked second process parses the last part, chunk by chunk, while this one parses and
    validates the first; nothing is written anywhere, the results come back through a pipe. What
    the second process did not parse (it could not start or failed) this one parses, so every
    finding and its order stay the same.
    """

    def validated(items: list[tuple[str, Path, str]], parsed: list[Parsed]) -> list[FileResult]:
        return [_validated(*item, p, vocab, keep_raw) for item, p in zip(items, parsed, strict=True)]

    def parsed_here(items: list[tuple[str, Path, str]]) -> list[Parsed]:
        return [_parse_file(kind, path, name, None) for kind, path, name in items]

    if len(paths) < PARALLEL_FROM or not nebenher.usable():
        return validated(paths, parsed_here(paths))
    own = len(paths) - int(len(paths) * SECOND_SHARE)
    chunks = [paths[i : i + _CHUNK] for i in range(own, len(paths), _CHUNK)]
    with nebenher.Nebenher(lambda chunk: _parse_chunk(chunk, keep_raw), chunks) as second:
        results = validated(paths[:own], parsed_here(paths[:own]))
        arrived = second.results()
        for chunk in chunks:
            parsed = next(arrived, None)
            results += validated(chunk, parsed_here(chunk) if parsed is None else parsed)
    return results


def _assemble(root: Path, config: Config, files: dict[str, FileResult], journal: bool) -> Snapshot:
    """Index the loaded objects by ID; remember what could not be loaded."""
    snap = Snapshot(root=root, config=config, files=files, journal=journal)
    unloaded: dict[str, set[str]] = {kind: set() for kind, _, _ in KINDS}
    for name, result in files.items():
        if result.document is not None:
            snap.documents[name] = result.document
        obj = result.obj
        if obj is None:
            stem = result.path.stem
            unloaded[result.kind].update(("*", stem) if result.kind == "Leitlinie" else (stem,))
            if result.ident is not None:
                unloaded[result.kind].add(result.ident)
        elif isinstance(obj, LeitlinienDatei):
            snap.leitlinien_dateien.append(obj)
            for ll in obj.leitlinien:
                snap.ids.append(IdEntry("Leitlinie", ll.id, ll.datei, ll.zeile))
                snap.leitlinien.setdefault(ll.id, ll)
        elif isinstance(obj, Massnahme):
            snap.ids.append(IdEntry("Maßnahme", obj.id, obj.datei, obj.zeile))
            snap.massnahmen.setdefault(obj.id, obj)
        elif isinstance(obj, Gruppe):
            snap.ids.append(IdEntry("Gruppe", obj.id, obj.datei, obj.zeile))
            snap.gruppen.setdefault(obj.id, obj)
        elif isinstance(obj, Indikator):
            snap.ids.append(IdEntry("Indikator", obj.id, obj.datei, obj.zeile))
            snap.indikatoren.setdefault(obj.id, obj)
    snap.unloaded = unloaded
    broken = [r for r in files.values() if r.kind == "Gruppe" and r.obj is None]
    snap.einwilligungen = Einwilligungen.aus(
        snap.gruppen.values(),
        unlesbar=(p for r in broken for p in r.personen or ()),
        # a group file that could not be read or parsed at all may hold a withdrawal: no name shows
        alle_verweigert=any(r.personen is None for r in broken),
    )
    persons = {p for r in files.values() for p in r.personen or ()}
    snap.private_namen = frozenset(p for p in persons if not snap.einwilligungen.zustimmung(p))
    return snap


def _findings(snap: Snapshot, config_findings: list[Finding], files: dict[str, FileResult]) -> list[Finding]:
    return snap.redact([*config_findings, *(f for result in files.values() for f in result.findings)])


def load_config(root: Path) -> tuple[Config | None, list[Finding]]:
    """Read and validate ``luedialog.yaml`` in ``root``."""
    doc, findings = read_document(root / CONFIG_FILE, CONFIG_FILE)
    if doc is None or findings:
        return None, findings
    ctx = Context(doc, {"ampel": AMPELN}, VOCABULARY_LABELS)
    config: Config | None = validate(doc, CONFIG_SCHEMA, ctx)
    findings += ctx.findings
    if config is not None:
        config_findings = check_config(config, doc)
        findings += config_findings
        if config_findings:
            config = None
    return config, findings


def load_snapshot(root: Path, *, keep_raw: bool = False) -> LoadResult:
    """Read the whole project below ``root`` once. Files with errors are left out of the snapshot;
    their problems are in the findings. ``keep_raw`` keeps every file's bytes (for a write)."""
    config, config_findings = load_config(root)
    if config is None:
        return LoadResult(None, config_findings)
    vocab = config.vocabularies()
    entries = [
        (kind, Path(path), name, problem)
        for kind, folder, _ in KINDS
        for path, name, problem in data_file_entries(root, folder)
    ]
    loaded = iter(
        _load_all([(kind, path, name) for kind, path, name, problem in entries if problem is None], vocab, keep_raw)
    )
    files: dict[str, FileResult] = {}
    for kind, path, name, problem in entries:
        if problem is not None:
            files[name] = FileResult(kind, path, None, None, (problem,), personen=_unknown(kind))
        else:
            files[name] = next(loaded)
    snap = _assemble(root, config, files, (root / JOURNAL_FILE).is_file())
    return LoadResult(snap, _findings(snap, config_findings, files))


def replaced(loaded: LoadResult, changes: Mapping[str, bytes]) -> LoadResult:
    """The project as it would be with ``changes`` (file name → new content; a new name adds the file).

    Only the changed files are parsed again; the configuration must not be among them.
    """
    snap = loaded.snapshot
    assert snap is not None, "a project without a valid configuration cannot be changed"
    config_findings = [f for f in loaded.findings if f.file == CONFIG_FILE]
    vocab = snap.config.vocabularies()
    files = dict(snap.files)
    for name in sorted(changes):
        folder = name.rsplit("/", 1)[0]
        kind = next((k for k, f, _ in KINDS if f == folder), None)
        if kind is None:
            raise ValueError(f"{name} liegt in keinem Datenordner")
        files[name] = _load_file(kind, snap.root / name, name, changes[name], vocab, True)
    ordered = {name: files[name] for _, folder, _ in KINDS for name in _in_folder(files, folder)}
    after = _assemble(snap.root, snap.config, ordered, snap.journal)
    return LoadResult(after, _findings(after, config_findings, ordered))


def _in_folder(files: Mapping[str, FileResult], folder: str) -> list[str]:
    """The names of ``folder`` in loading order: files found on disk first, then new ones by name."""
    return [n for n in files if n.rsplit("/", 1)[0] == folder]
