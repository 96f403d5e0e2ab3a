"""What a write did, in words for the person who asked for it (standard error)."""

from __future__ import annotations

from collections.abc import Sequence

from luedialog.dates import german
from luedialog.model.indikatoren import wert_text
from luedialog.services.abfrage import Ergebnis, Ort
from luedialog.services.abfrage_indikatoren import period_text
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
    """The summary of ``abfrage einlesen`` and one line per entry (and per value of an indicator)."""
    verb = "Würde eintragen" if dry_run else "Eingetragen"
    already = ""
    repeated = sorted([ort for ort, _ in result.schon_eingetragen] + [ort for ort, _ in result.werte_schon_eingetragen])
    if repeated:
        rows = count(len(repeated), "Zeile war", "Zeilen waren")
        already = f"; {rows} schon eingetragen ({places(repeated)})"
    what = count(len(result.eintraege), "Sachstand", "Sachstände")
    if result.werte or result.werte_schon_eingetragen:
        what += f" und {count(len(result.werte), 'Wert', 'Werte')} von Indikatoren"
    lines = [
        f"{verb}: {what} in {count(len(result.aenderungen), 'Datei', 'Dateien')}; "
        f"{count(result.uebersprungen, 'leere Zeile', 'leere Zeilen')} übersprungen{already}."
    ]
    lines += [f"  {ort}: {e.massnahme} {e.status} ({german(e.datum)})" for ort, e in result.eintraege]
    lines += [
        f"  {ort}: {w.messung.indikator} {period_text(w)}: {wert_text(w.messung.wert, w.einheit)}"
        for ort, w in result.werte
    ]
    return lines
