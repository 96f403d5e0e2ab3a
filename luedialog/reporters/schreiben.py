"""What a write did, in words for the person who asked for it (standard error)."""

from __future__ import annotations

from luedialog.dates import german
from luedialog.model.indikatoren import aufschluesselung_text, periode_text
from luedialog.services.abfrage import Ergebnis
from luedialog.text import count


def einlesen_lines(result: Ergebnis, dry_run: bool) -> list[str]:
    """The summary of ``abfrage einlesen`` and one line per entry."""
    verb = "Würde eintragen" if dry_run else "Eingetragen"
    already = ""
    if result.schon_eingetragen:
        numbers = ", ".join(str(number) for number, _ in result.schon_eingetragen)
        rows = count(len(result.schon_eingetragen), "Zeile war", "Zeilen waren")
        already = f"; {rows} schon eingetragen (Zeile {numbers})"
    lines = [
        f"{verb}: {count(len(result.eintraege), 'Sachstand', 'Sachstände')} in "
        f"{count(len(result.aenderungen), 'Datei', 'Dateien')}; "
        f"{count(result.uebersprungen, 'leere Zeile', 'leere Zeilen')} übersprungen{already}."
    ]
    lines += [f"  Zeile {n}: {e.massnahme} {e.status} ({german(e.datum)})" for n, e in result.eintraege]
    if result.werte or result.werte_schon_eingetragen:
        again = ""
        if result.werte_schon_eingetragen:
            numbers = ", ".join(str(n) for n in result.werte_schon_eingetragen)
            rows = count(len(result.werte_schon_eingetragen), "Zeile war", "Zeilen waren")
            again = f"; {rows} schon eingetragen (Zeile {numbers})"
        lines.append(f"{verb}: {count(len(result.werte), 'Wert', 'Werte')} von Indikatoren{again}.")
        for n, m in result.werte:
            part = f" ({aufschluesselung_text(m.aufschluesselung)})" if m.aufschluesselung else ""
            lines.append(f"  Zeile {n}: {m.indikator} {periode_text(m.periode_jahr, m.datum)}{part}")
    return lines
