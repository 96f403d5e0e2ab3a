"""Indicators in the yearly query (``abfrage erstellen --indikatoren``): the values an office delivers.

The sheet gets four more columns (``INDICATOR_COLUMNS``) and one row per indicator and breakdown value
(the whole, then e.g. every district) with empty cells for year, value and source. ``abfrage einlesen``
records every filled row through :mod:`luedialog.services.wert`, in the same transaction as the status
rows: all or nothing.
"""

from __future__ import annotations

from datetime import date

from luedialog.dates import InvalidDateError, german, parse_date
from luedialog.errors import LuedialogError
from luedialog.model.indikatoren import EINHEITEN, aufschluesselung_text, periode_text, wert_text
from luedialog.queries.indikatoren import effective, handlungsfeld_of
from luedialog.services.transaction import Transaction
from luedialog.services.wert import Eingabe, Messung, plan_value, read_input, recorded
from luedialog.snapshot import Snapshot

INDICATOR_COLUMNS = ("Aufschlüsselung", "Jahr", "Wert", "Quelle")
# a row of an indicator counts as filled if one of these is
INDICATOR_FILL_IN = ("Jahr", "Wert", "Quelle")
KIND = "Indikator"  # in the column „Aktueller Status“: the row is an indicator's

HINWEISE_INDIKATOREN = """
Indikatoren (Zeilen, in denen „Aktueller Status“ mit „Indikator“ beginnt):
- Für jeden Indikator gibt es eine Zeile für den Gesamtwert und je eine für jeden Teil seiner
  Aufschlüsselung (z. B. je Stadtteil). Die Spalten ID, Titel und Aufschlüsselung bitte nicht ändern.
- Stand vom, Letzte Notiz: der zuletzt erfasste Wert dieser Zeile.
- Jahr: für welches Jahr der Wert gilt (z. B. 2010), oder ein Stichtag (30.06.2010). Pflicht.
- Wert: die Zahl (Prozent 0 bis 100, z. B. 12,5; Anzahlen ganz, z. B. 1.234; Euro z. B. 6,20) oder
  ja/nein. Pflicht. Leere Zeilen werden übersprungen.
- Quelle: woher der Wert stammt (Statistik, Bericht, Stelle). Pflicht.
- Datum: Tag der Erfassung (leer: der Tag des Einlesens). Notiz, Berichtet von: wie oben.
- Jedes Jahr hat je Zeile nur einen Wert; einen schon eingetragenen berichtigt die Verwaltung mit
  „luedialog wert … --korrigiert NR“.
"""


def offices(snap: Snapshot) -> set[str]:
    """The offices that deliver an indicator's values."""
    return {i.verantwortlich for i in snap.indikatoren.values() if i.verantwortlich}


def rows(snap: Snapshot, stichtag: date, verantwortlich: str | None) -> list[dict[str, str]]:
    """One row per indicator (of the office) and breakdown value, by column name."""
    result = []
    breakdowns = snap.config.breakdowns()
    for ind in sorted(snap.indikatoren.values(), key=lambda i: i.id):
        if verantwortlich is not None and ind.verantwortlich != verantwortlich:
            continue
        feld = handlungsfeld_of(snap, ind)
        parts: list[tuple[tuple[str, str], ...]] = [()]
        parts += [((name, value),) for name in ind.aufschluesselungen for value in breakdowns.get(name, ())]
        known = effective(ind, stichtag)
        for pairs in parts:
            mine = [w for _, w in known if tuple(sorted(w.aufschluesselung)) == pairs]
            last = max(mine, key=lambda w: (w.periode_jahr, w.datum or date(w.periode_jahr, 12, 31)), default=None)
            result.append(
                {
                    "ID": ind.id,
                    "Titel": " ".join(ind.name.split()),
                    "Handlungsfeld": snap.config.feld(feld).name if feld else "",
                    "Verantwortlich": ind.verantwortlich or "",
                    "Aktueller Status": f"{KIND} ({EINHEITEN[ind.einheit]})",
                    "Stand vom": german(last.erfasst) if last else "",
                    "Letzte Notiz": (
                        f"{periode_text(last.periode_jahr, last.datum)}: {wert_text(last.wert, ind.einheit)}"
                        if last
                        else ""
                    ),
                    "Aufschlüsselung": aufschluesselung_text(pairs),
                }
            )
    return result


def is_indicator(snap: Snapshot, ident: str) -> bool:
    return ident.strip() in snap.indikatoren


def _breakdown(cell: str) -> tuple[str, ...]:
    """``Stadtteil: Gahmen`` → ``("Stadtteil=Gahmen",)``; ``Gesamt`` or empty → ``()``."""
    text = cell.strip()
    if not text or text == "Gesamt":
        return ()
    pairs = []
    for part in text.split(", "):
        name, sep, value = part.partition(": ")
        if not sep:
            raise ValueError(f"Spalte „Aufschlüsselung“: „{cell}“ ist weder „Gesamt“ noch wie „Stadtteil: Gahmen“")
        pairs.append(f"{name}={value}")
    return tuple(pairs)


def plan_row(t: Transaction, cells: dict[str, str]) -> Messung | None:
    """Plan the value of a filled indicator row; None if exactly this value is already recorded.

    Raises ValueError or LuedialogError with the reason (German), naming the column.
    """
    for column in ("Jahr", "Wert", "Quelle"):
        if not cells.get(column, "").strip():
            raise ValueError(f"Spalte „{column}“ ist leer")
    day = t.today
    if cells.get("Datum", "").strip():
        try:
            day = parse_date(cells["Datum"])
        except InvalidDateError as exc:
            raise ValueError(f"Spalte „Datum“: {exc}") from None
    entry = Eingabe(
        indikator=cells["ID"].strip(),
        periode=cells["Jahr"],
        wert=cells["Wert"],
        quelle=cells["Quelle"],
        erfasst=day,
        aufschluesselung=_breakdown(cells.get("Aufschlüsselung", "")),
        notiz=cells.get("Notiz") or None,
        von=cells.get("Berichtet von") or None,
    )
    try:
        m = read_input(t, entry)
    except LuedialogError as exc:
        raise ValueError(exc.message) from None
    if recorded(t.snapshot.indikatoren[m.indikator], m):
        return None
    plan_value(t, m)
    return m
