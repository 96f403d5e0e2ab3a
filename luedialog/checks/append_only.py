"""History is append-only: compare every measure's ``verlauf`` with a git revision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from luedialog import gitutil
from luedialog.files.read import Value, parse_bytes
from luedialog.findings import Finding, error
from luedialog.paths import MASSNAHMEN_DIR
from luedialog.snapshot import SUFFIXES, Snapshot


def _entries(data: Value) -> list[Value] | None:
    if isinstance(data, dict) and isinstance(data.get("verlauf"), list):
        items = data["verlauf"]
        assert isinstance(items, list)
        return items
    return None


def _when(entry: Value) -> str:
    value = entry.get("datum") if isinstance(entry, dict) else None
    if isinstance(value, date):
        return f" vom {value.strftime('%d.%m.%Y')}"
    return f" vom {value}" if value is not None else ""


def check_append_only(snap: Snapshot, root: Path, revision: str) -> list[Finding]:
    """Findings for every history entry that existed at ``revision`` and was changed or removed since."""
    commit = gitutil.resolve(root, revision)
    findings: list[Finding] = []
    hint = (
        "Der Verlauf wird nur fortgeschrieben: stellen Sie den alten Eintrag wieder her und ergänzen Sie einen neuen."
    )
    for name, raw in sorted(gitutil.files_at(root, commit, MASSNAHMEN_DIR).items()):
        if not name.endswith(SUFFIXES) or name.rsplit("/", 1)[-1].startswith("."):
            continue
        old_doc, _ = parse_bytes(root / name, name, raw)
        old = _entries(old_doc.data) if old_doc else None
        if not old:
            continue
        if not (root / name).exists():
            findings.append(
                error(
                    name,
                    0,
                    "verlauf-entfernt",
                    f"Die Datei wurde seit {revision} gelöscht; ihre {len(old)} Verlaufseinträge sind verloren.",
                    hint="Maßnahmen werden nicht gelöscht, sondern mit dem Status „eingestellt“ beendet.",
                )
            )
            continue
        doc = snap.documents.get(name)
        current = _entries(doc.data) if doc else None
        if doc is None or current is None:
            continue  # the file's own findings say what is wrong with it
        for i, entry in enumerate(old):
            if i >= len(current):
                findings.append(
                    error(
                        name,
                        doc.key_line(("verlauf",)),
                        "verlauf-entfernt",
                        f"Verlaufseintrag {i + 1}{_when(entry)} wurde seit {revision} entfernt.",
                        hint=hint,
                        key=f"verlauf[{i + 1}]",
                    )
                )
            elif current[i] != entry:
                findings.append(
                    error(
                        name,
                        doc.line(("verlauf", i)),
                        "verlauf-geaendert",
                        f"Verlaufseintrag {i + 1}{_when(entry)} wurde seit {revision} geändert.",
                        hint=hint,
                        key=f"verlauf[{i + 1}]",
                    )
                )
    return findings
