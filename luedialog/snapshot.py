"""One in-memory snapshot of the whole process: every file read, validated and indexed by ID."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from luedialog.files.read import Document, parse_bytes, read_document
from luedialog.findings import Finding, error
from luedialog.model.config import VOCABULARY_LABELS, Config, load_config
from luedialog.model.schema import Context, Schema, validate
from luedialog.model.types import (
    GRUPPE_SCHEMA,
    LEITLINIEN_DATEI_SCHEMA,
    MASSNAHME_SCHEMA,
    Gruppe,
    Leitlinie,
    LeitlinienDatei,
    Massnahme,
)
from luedialog.paths import GRUPPEN_DIR, LEITLINIEN_DIR, MASSNAHMEN_DIR

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class IdEntry:
    kind: str  # "Leitlinie", "Maßnahme", "Gruppe"
    id: str
    file: str
    line: int


@dataclass
class Snapshot:
    """Everything that was valid, indexed by ID, plus the parsed documents (for line numbers)."""

    root: Path
    config: Config
    leitlinien_dateien: list[LeitlinienDatei] = field(default_factory=list)
    leitlinien: dict[str, Leitlinie] = field(default_factory=dict)
    massnahmen: dict[str, Massnahme] = field(default_factory=dict)
    gruppen: dict[str, Gruppe] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    ids: list[IdEntry] = field(default_factory=list)  # every ID as found, duplicates included
    # IDs (and file stems) of files that could not be loaded, by kind: references to them are not
    # reported again as unknown; the broken file's own findings say what is wrong.
    unloaded: dict[str, set[str]] = field(default_factory=dict)
    files_listed: int = 0  # data files found in the folders (loaded or not), without luedialog.yaml

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


@dataclass
class LoadResult:
    snapshot: Snapshot | None
    findings: list[Finding]


def _listing(directory: Path) -> list[os.DirEntry[str]]:
    """The entries of the YAML files in ``directory``, in the order of ``sorted(Path.iterdir())``."""
    # os.scandir knows from the directory listing what is a plain file: no system call per file
    with os.scandir(directory) as listing:
        return sorted(
            (e for e in listing if not e.name.startswith(".") and e.name.lower().endswith(SUFFIXES)),
            key=lambda e: os.path.normcase(e.name),
        )


def count_data_files(root: Path, folder: str) -> int:
    """How many files :func:`data_files` gives for ``folder`` (without looking at each)."""
    directory = root / folder
    return len(_listing(directory)) if directory.is_dir() else 0


def data_files(root: Path, folder: str) -> Iterator[tuple[Path, str, Finding | None]]:
    """The YAML files of ``folder`` in a stable order, as (path, display name, problem)."""
    for path, name, problem in _data_files(root, folder):
        yield Path(path), name, problem


def _data_files(root: Path, folder: str) -> Iterator[tuple[str, str, Finding | None]]:
    """:func:`data_files` with the path as a string (10,000 Path objects take a noticeable time)."""
    directory = root / folder
    if not directory.is_dir():
        return
    resolved_root = root.resolve()
    for entry in _listing(directory):
        name = f"{folder}/{entry.name}"
        problem = None
        if entry.is_symlink():
            try:
                target = Path(entry.path).resolve()
            except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
                target = None
            if target is None:
                problem = error(
                    name,
                    0,
                    "symlink-kreis",
                    "Die Datei ist ein Verweis (Symlink), der im Kreis auf sich selbst zeigt.",
                    hint="Ersetzen Sie den Verweis durch eine echte Datei im Projektordner.",
                )
            elif not target.is_relative_to(resolved_root):
                problem = error(
                    name,
                    0,
                    "symlink-ausserhalb",
                    f"Die Datei ist ein Verweis (Symlink) auf {target}, außerhalb des Projekts.",
                    hint="Legen Sie die Daten als echte Datei in den Projektordner.",
                )
        if problem is None and not entry.is_file():
            problem = error(name, 0, "keine-datei", "Das ist keine lesbare Datei (Ordner oder defekter Verweis).")
        yield entry.path, name, problem


def _validator(
    schema: Schema, vocab: dict[str, tuple[str, ...]]
) -> Callable[[Document, list[Finding]], tuple[Any, list[Finding], str | None]]:
    """What loading derives from a parsed file: (object or None, findings, ID of a file that failed)."""

    def derive(doc: Document, read_findings: list[Finding]) -> tuple[Any, list[Finding], str | None]:
        obj = None
        found: list[Finding] = []
        if not read_findings:
            ctx = Context(doc, vocab, VOCABULARY_LABELS)
            obj = validate(doc, schema, ctx)
            found = ctx.findings
        if isinstance(obj, LeitlinienDatei):  # each Leitlinie knows the file's Handlungsfeld
            leitlinien = tuple(dataclasses.replace(ll, handlungsfeld=obj.handlungsfeld) for ll in obj.leitlinien)
            obj = dataclasses.replace(obj, leitlinien=leitlinien)
        ident = doc.data.get("id") if obj is None and isinstance(doc.data, dict) else None
        return obj, found, ident if isinstance(ident, str) else None

    return derive


def _load_folder(
    root: Path,
    folder: str,
    schema: Schema,
    vocab: dict[str, tuple[str, ...]],
    findings: list[Finding],
    snap: Snapshot,
    kind: str,
    overrides: Mapping[str, bytes],
) -> list[Any]:
    objects: list[Any] = []
    derive = _validator(schema, vocab)
    unloaded = snap.unloaded.setdefault(kind, set())
    files = list(_data_files(root, folder))
    snap.files_listed += len(files)
    listed = {name for _, name, _ in files}
    files += [
        (str(root / name), name, None)
        for name in sorted(overrides)
        if name.rsplit("/", 1)[0] == folder and name not in listed
    ]
    for path, name, problem in files:
        if problem is not None and name not in overrides:
            findings.append(problem)
            unloaded.update(("*", Path(path).stem) if kind == "Leitlinie" else (Path(path).stem,))
            continue
        if name in overrides:
            doc, read_findings = parse_bytes(Path(path), name, overrides[name])
        else:
            doc, read_findings = read_document(Path(path), name)
        findings += read_findings
        obj = ident = None
        if doc is not None:
            obj, found, ident = derive(doc, read_findings)
            findings += found
            if not read_findings:
                snap.documents[name] = doc
        if obj is None:
            unloaded.update(("*", Path(path).stem) if kind == "Leitlinie" else (Path(path).stem,))
            if ident is not None:
                unloaded.add(ident)
        else:
            objects.append(obj)
    return objects


def load_snapshot(root: Path, overrides: Mapping[str, bytes] | None = None) -> LoadResult:
    """Read the whole project below ``root``. Files with errors are left out of the snapshot;
    their problems are in the findings.

    ``overrides`` maps file names (``data/massnahmen/M-X-01.yaml``) to content that replaces
    (or adds) the file, so a change can be validated before a single byte reaches the disk.
    """
    overrides = overrides or {}
    config, findings = load_config(root)
    if config is None:
        return LoadResult(None, findings)
    snap = Snapshot(root=root, config=config)
    vocab = config.vocabularies()
    for datei in _load_folder(
        root, LEITLINIEN_DIR, LEITLINIEN_DATEI_SCHEMA, vocab, findings, snap, "Leitlinie", overrides
    ):
        snap.leitlinien_dateien.append(datei)
        for ll in datei.leitlinien:
            snap.ids.append(IdEntry("Leitlinie", ll.id, ll.datei, ll.zeile))
            snap.leitlinien.setdefault(ll.id, ll)
    for m in _load_folder(root, MASSNAHMEN_DIR, MASSNAHME_SCHEMA, vocab, findings, snap, "Maßnahme", overrides):
        snap.ids.append(IdEntry("Maßnahme", m.id, m.datei, m.zeile))
        snap.massnahmen.setdefault(m.id, m)
    for g in _load_folder(root, GRUPPEN_DIR, GRUPPE_SCHEMA, vocab, findings, snap, "Gruppe", overrides):
        snap.ids.append(IdEntry("Gruppe", g.id, g.datei, g.zeile))
        snap.gruppen.setdefault(g.id, g)
    return LoadResult(snap, findings)
