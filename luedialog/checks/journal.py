"""A write across several files that was interrupted: some files are new, others still old."""

from __future__ import annotations

from luedialog.files.atomic import JOURNAL_FILE
from luedialog.findings import Finding, warning
from luedialog.snapshot import Snapshot


def check_interrupted_write(snap: Snapshot) -> list[Finding]:
    """A multi-file write killed half-way leaves its journal: some files are new, others still old."""
    if not snap.journal:
        return []
    return [
        warning(
            JOURNAL_FILE,
            0,
            "schreiben-unterbrochen",
            "Ein Schreibvorgang mit mehreren Dateien (z. B. abfrage einlesen) wurde unterbrochen: "
            "Einige Dateien sind schon neu, andere noch alt.",
            hint="Der nächste schreibende Befehl von luedialog vollendet ihn (auch mit --dry-run, z. B. "
            "luedialog abfrage einlesen DATEI --dry-run), wenn alle Dateien noch so sind, wie der Vorgang sie "
            "hinterlassen hat; sonst sagt er, was er gefunden hat, und ändert nichts. Vorher nichts committen.",
        )
    ]
