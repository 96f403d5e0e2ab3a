"""History is append-only: every measure's ``verlauf`` (and its ``korrekturen``) compared with the files
of a git revision."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from luedialog.dates import german
from luedialog.files.discover import is_data_file_name
from luedialog.files.read import Value, decode, parse_bytes
from luedialog.findings import Finding, error
from luedialog.snapshot import Snapshot


def _entries(data: Value, key: str = "verlauf") -> list[Value] | None:
    if isinstance(data, dict) and isinstance(data.get(key), list):
        items = data[key]
        assert isinstance(items, list)
        return items
    return None


def _unchanged(snap: Snapshot, name: str, raw: bytes) -> bool:
    """True if the file reads as it did at the revision: nothing in it can have changed (and its
    data need not be composed again, see ``Document.release``)."""
    doc = snap.documents.get(name)
    return doc is not None and decode(name, raw)[0] == doc.text


KORREKTUR_HINT = "Korrekturen werden nur angehängt: stellen Sie die alte wieder her und ergänzen Sie eine neue."


def _when(entry: Value) -> str:
    value = entry.get("datum") if isinstance(entry, dict) else None
    if isinstance(value, date):
        return f" vom {german(value)}"
    return f" vom {value}" if value is not None else ""


def check_append_only(snap: Snapshot, old_files: Mapping[str, bytes], revision: str) -> list[Finding]:
    """Findings for every history entry that existed at ``revision`` and was changed or removed since.

    ``old_files`` are the measure files at that revision (name → bytes, as git holds them).
    """
    findings: list[Finding] = []
    hint = (
        "Der Verlauf wird nur fortgeschrieben: stellen Sie den alten Eintrag wieder her und ergänzen Sie einen neuen."
    )
    for name, raw in sorted(old_files.items()):
        if not is_data_file_name(name) or _unchanged(snap, name, raw):
            continue
        old_doc, _ = parse_bytes(snap.root / name, name, raw)
        old = _entries(old_doc.data) if old_doc else None
        if not old:
            continue
        if name not in snap.files:
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
        old_corrections = _entries(old_doc.data, "korrekturen") if old_doc else None
        corrections = _entries(doc.data, "korrekturen") or []
        for i, entry in enumerate(old_corrections or []):
            if i >= len(corrections) or corrections[i] != entry:
                gone = i >= len(corrections)
                findings.append(
                    error(
                        name,
                        doc.key_line(("korrekturen",)) if gone else doc.line(("korrekturen", i)),
                        "verlauf-entfernt" if gone else "verlauf-geaendert",
                        f"Korrektur {i + 1}{_when(entry)} wurde seit {revision} {'entfernt' if gone else 'geändert'}.",
                        hint=KORREKTUR_HINT,
                        key=f"korrekturen[{i + 1}]",
                    )
                )
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


def _period(entry: Value) -> str:
    if not isinstance(entry, dict):
        return ""
    value = entry.get("datum") if entry.get("datum") is not None else entry.get("jahr")
    if isinstance(value, date):
        return f" für {german(value)}"
    return f" für {value}" if value is not None else ""


def check_values_append_only(snap: Snapshot, old_files: Mapping[str, bytes], revision: str) -> list[Finding]:
    """Findings for every value of an indicator that existed at ``revision`` and was changed or removed since.

    ``old_files`` are the indicator files at that revision (name → bytes, as git holds them). A wrong
    value is corrected by a new entry with ``korrigiert``, never by editing the old one.
    """
    findings: list[Finding] = []
    hint = (
        "Die Werte werden nur fortgeschrieben: stellen Sie den alten Eintrag wieder her und berichtigen Sie ihn "
        "mit einem neuen Eintrag mit „korrigiert: N“ und dem Grund in „notiz“."
    )
    for name, raw in sorted(old_files.items()):
        if not is_data_file_name(name) or _unchanged(snap, name, raw):
            continue
        old_doc, _ = parse_bytes(snap.root / name, name, raw)
        old_data = old_doc.data if old_doc else None
        old = old_data.get("werte") if isinstance(old_data, dict) else None
        if not isinstance(old, list) or not old:
            continue
        if name not in snap.files:
            findings.append(
                error(
                    name,
                    0,
                    "wert-entfernt",
                    f"Die Datei wurde seit {revision} gelöscht; ihre {len(old)} Werte sind verloren.",
                    hint="Indikatoren mit Werten werden nicht gelöscht; die Werte sind Teil der Berichte.",
                )
            )
            continue
        doc = snap.documents.get(name)
        data = doc.data if doc else None
        current = data.get("werte", []) if isinstance(data, dict) else None
        if doc is None or not isinstance(current, list):
            continue  # the file's own findings say what is wrong with it
        for i, entry in enumerate(old):
            if i >= len(current):
                findings.append(
                    error(
                        name,
                        doc.key_line(("werte",)) if isinstance(data, dict) and "werte" in data else 0,
                        "wert-entfernt",
                        f"Wert {i + 1}{_period(entry)} wurde seit {revision} entfernt.",
                        hint=hint,
                        key=f"werte[{i + 1}]",
                    )
                )
            elif current[i] != entry:
                findings.append(
                    error(
                        name,
                        doc.line(("werte", i)),
                        "wert-geaendert",
                        f"Wert {i + 1}{_period(entry)} wurde seit {revision} geändert.",
                        hint=hint,
                        key=f"werte[{i + 1}]",
                    )
                )
    return findings
