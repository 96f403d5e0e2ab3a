"""What a write did, in words for the person who asked for it (standard error)."""

from __future__ import annotations

from collections.abc import Sequence

from luedialog.dates import german
from luedialog.services.abfrage import Ergebnis, Ort
from luedialog.text import count


def places(orte: Sequence[Ort]) -> str:
    """``Zeile 2, 3`` or ``Blatt „FB 3“, Zeile 2, 3; Blatt „FB 4“, Zeile 5``."""
    groups: dict[str | None, list[str]] = {}
    for ort in orte:
        groups.setdefault(ort.blatt, []).append(str(ort.zeile))
    return "; ".join(
        ("" if blatt is None else f"Blatt „{blatt}“, ") + "Zeile " + ", ".join(rows) for blatt, rows in groups.items()
    )


def einlesen_lines(result: Ergebnis, dry_run: bool) -> list[str]:
    """The summary of ``abfrage einlesen`` and one line per entry."""
    verb = "Würde eintragen" if dry_run else "Eingetragen"
    already = ""
    if result.schon_eingetragen:
        rows = count(len(result.schon_eingetragen), "Zeile war", "Zeilen waren")
        already = f"; {rows} schon eingetragen ({places([ort for ort, _ in result.schon_eingetragen])})"
    lines = [
        f"{verb}: {count(len(result.eintraege), 'Sachstand', 'Sachstände')} in "
        f"{count(len(result.aenderungen), 'Datei', 'Dateien')}; "
        f"{count(result.uebersprungen, 'leere Zeile', 'leere Zeilen')} übersprungen{already}."
    ]
    lines += [f"  {ort}: {e.massnahme} {e.status} ({german(e.datum)})" for ort, e in result.eintraege]
    return lines
