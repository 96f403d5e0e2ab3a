"""One in-memory snapshot of the whole process: every file read, validated and indexed by ID."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from luedialog.config import VOCABULARY_LABELS, Config, load_config
from luedialog.findings import Finding, error
from luedialog.model import (
    GRUPPE_SCHEMA,
    LEITLINIEN_DATEI_SCHEMA,
    MASSNAHME_SCHEMA,
    Gruppe,
    Leitlinie,
    LeitlinienDatei,
    Massnahme,
)
from luedialog.schema import Context, Schema, validate
from luedialog.yamlio import Document, parse_bytes, read_document

DATA_DIR = "data"
LEITLINIEN_DIR = "data/leitlinien"
MASSNAHMEN_DIR = "data/massnahmen"
GRUPPEN_DIR = "data/gruppen"
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

    def may_exist(self, kind: str, ident: str) -> bool:
        """True if ``ident`` could be defined in a file of ``kind`` that failed to load."""
        names = self.unloaded.get(kind, set())
        return "*" in names or ident in names

    def children(self, massnahme_id: str) -> list[Massnahme]:
        return [m for m in self.massnahmen.values() if m.teil_von == massnahme_id]

    def measures_for(self, leitlinie_id: str) -> list[Massnahme]:
        return [m for m in self.massnahmen.values() if leitlinie_id in m.leitlinien]

    def line(self, file: str, key: tuple[str | int, ...]) -> int:
        doc = self.documents.get(file)
        return doc.line(key) if doc else 0


@dataclass
class LoadResult:
    snapshot: Snapshot | None
    findings: list[Finding]


def data_files(root: Path, folder: str) -> Iterator[tuple[Path, str, Finding | None]]:
    """The YAML files of ``folder`` in a stable order, as (path, display name, problem)."""
    directory = root / folder
    if not directory.is_dir():
        return
    resolved_root = root.resolve()
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() not in SUFFIXES:
            continue
        name = f"{folder}/{path.name}"
        problem = None
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(resolved_root):
                problem = error(
                    name,
                    0,
                    "symlink-ausserhalb",
                    f"Die Datei ist ein Verweis (Symlink) auf {target}, außerhalb des Projekts.",
                    hint="Legen Sie die Daten als echte Datei in den Projektordner.",
                )
        if problem is None and not path.is_file():
            problem = error(name, 0, "keine-datei", "Das ist keine lesbare Datei (Ordner oder defekter Verweis).")
        yield path, name, problem


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
    unloaded = snap.unloaded.setdefault(kind, set())
    files = list(data_files(root, folder))
    listed = {name for _, name, _ in files}
    files += [
        (root / name, name, None)
        for name in sorted(overrides)
        if name.rsplit("/", 1)[0] == folder and name not in listed
    ]
    for path, name, problem in files:
        if problem is not None and name not in overrides:
            findings.append(problem)
            unloaded.update(("*", path.stem) if kind == "Leitlinie" else (path.stem,))
            continue
        if name in overrides:
            doc, read_findings = parse_bytes(path, name, overrides[name])
        else:
            doc, read_findings = read_document(path, name)
        findings += read_findings
        obj = None
        if doc is not None and not read_findings:
            snap.documents[name] = doc
            ctx = Context(doc, vocab, VOCABULARY_LABELS)
            obj = validate(doc, schema, ctx)
            findings += ctx.findings
        if obj is None:
            unloaded.update(("*", path.stem) if kind == "Leitlinie" else (path.stem,))
            ident = doc.data.get("id") if doc is not None and isinstance(doc.data, dict) else None
            if isinstance(ident, str):
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
        leitlinien = tuple(dataclasses.replace(ll, handlungsfeld=datei.handlungsfeld) for ll in datei.leitlinien)
        datei = dataclasses.replace(datei, leitlinien=leitlinien)
        snap.leitlinien_dateien.append(datei)
        for ll in leitlinien:
            snap.ids.append(IdEntry("Leitlinie", ll.id, ll.datei, ll.zeile))
            snap.leitlinien.setdefault(ll.id, ll)
    for m in _load_folder(root, MASSNAHMEN_DIR, MASSNAHME_SCHEMA, vocab, findings, snap, "Maßnahme", overrides):
        snap.ids.append(IdEntry("Maßnahme", m.id, m.datei, m.zeile))
        snap.massnahmen.setdefault(m.id, m)
    for g in _load_folder(root, GRUPPEN_DIR, GRUPPE_SCHEMA, vocab, findings, snap, "Gruppe", overrides):
        snap.ids.append(IdEntry("Gruppe", g.id, g.datei, g.zeile))
        snap.gruppen.setdefault(g.id, g)
    return LoadResult(snap, findings)
