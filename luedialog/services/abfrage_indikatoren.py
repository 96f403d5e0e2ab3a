"""Indicators in the yearly query (``abfrage erstellen --indikatoren``): the values an office delivers.

The query gets one row per indicator (of the office) and breakdown value — the whole, then e.g. every
district — with empty cells for year, value and source: in a workbook on a sheet of its own
(``Indikatoren``, columns :data:`SHEET_COLUMNS`), in a CSV file below the measures with four more
columns (:data:`INDICATOR_COLUMNS`; „Aktueller Status“ says „Indikator (Prozent)“). ``abfrage einlesen``
reads the filled rows as strictly as the status rows and records them through
:mod:`luedialog.services.wert` (the same rules as ``luedialog wert``), in the same transaction as the
status rows: all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from luedialog.dates import german
from luedialog.errors import LuedialogError
from luedialog.files.arbeitsmappe import Spalte, Wert
from luedialog.model.indikatoren import EINHEITEN, Indikator, aufschluesselung_text, periode_text, wert_text
from luedialog.queries.indikatoren import effective, handlungsfeld_of
from luedialog.services.eingabe import EingabeFehler, parse_day
from luedialog.services.transaction import Transaction
from luedialog.services.wert import (
    Messung,
    field_problems,
    file_of,
    indicator,
    parse_periode,
    parse_wert,
    plan_value,
    recorded,
)
from luedialog.snapshot import Snapshot

SHEET = "Indikatoren"
KIND = "Indikator"  # in the column „Aktueller Status“ of a CSV file: the row is an indicator's
# the sheet „Indikatoren“ of a workbook
SHEET_COLUMNS = (
    "ID",
    "Titel",
    "Handlungsfeld",
    "Verantwortlich",
    "Einheit",
    "Aufschlüsselung",
    "Stand vom",
    "Letzter Wert",
    "Jahr",
    "Wert",
    "Quelle",
    "Datum",
    "Notiz",
    "Berichtet von",
)
SPALTEN = (
    Spalte("ID", fest=True),
    Spalte("Titel", fest=True, umbruch=True),
    Spalte("Handlungsfeld", fest=True),
    Spalte("Verantwortlich", fest=True),
    Spalte("Einheit", fest=True),
    Spalte("Aufschlüsselung", fest=True),
    Spalte("Stand vom", "datum", fest=True),
    Spalte("Letzter Wert", fest=True),
    Spalte("Jahr"),
    Spalte("Wert"),
    Spalte("Quelle", umbruch=True),
    Spalte("Datum", "datum"),
    Spalte("Notiz", umbruch=True),
    Spalte("Berichtet von"),
)
FILL_IN = ("Jahr", "Wert", "Quelle", "Datum", "Notiz", "Berichtet von")
REQUIRED = ("ID", "Aufschlüsselung", *FILL_IN)  # in the header of a sheet of indicators
# a CSV file: the measure columns and these; the first is to read, the others only indicators fill in
INDICATOR_COLUMNS = ("Aufschlüsselung", "Jahr", "Wert", "Quelle")
OWN = ("Jahr", "Wert", "Quelle")
MEASURES_ONLY = ("Neuer Status", "Nachweis", "Fortschritt")  # stay empty in an indicator's row
COLUMN_OF = {  # the field a rule of services/wert.py names → the column of the sheet
    "wert": "Wert",
    "aufschluesselung": "Aufschlüsselung",
    "quelle": "Quelle",
    "erfasst": "Datum",
    "periode": "Jahr",
    "korrigiert": "Jahr",
}


@dataclass(frozen=True)
class Indikatorzeile:
    """One row of an indicator: the whole or one value of a breakdown, with its last known value."""

    indikator: str
    titel: str
    handlungsfeld: str
    verantwortlich: str
    einheit: str  # the label: Prozent, Anzahl …
    aufschluesselung: str  # „Gesamt“ or „Stadtteil: Gahmen“
    stand_vom: date | None  # when the last value was recorded
    letzter_wert: str  # „2011: 92 %“, empty without one

    def werte(self) -> tuple[Wert, ...]:
        """The cells of the sheet „Indikatoren“."""
        read = (self.indikator, self.titel, self.handlungsfeld, self.verantwortlich, self.einheit)
        return (*read, self.aufschluesselung, self.stand_vom, self.letzter_wert, None, None, None, None, None, None)

    def csv_cells(self) -> dict[str, str]:
        """The cells of its row in a CSV file, by column name (the others stay empty)."""
        return {
            "ID": self.indikator,
            "Titel": self.titel,
            "Handlungsfeld": self.handlungsfeld,
            "Verantwortlich": self.verantwortlich,
            "Aktueller Status": f"{KIND} ({self.einheit})",
            "Stand vom": german(self.stand_vom) if self.stand_vom else "",
            "Letzte Notiz": self.letzter_wert,
            "Aufschlüsselung": self.aufschluesselung,
        }


def auswahl(row: Indikatorzeile) -> tuple[str, ...]:
    """What the cell „Wert“ of ``row`` offers in the workbook: ja and nein for a ja/nein indicator,
    nothing to choose (any number) for the others."""
    return ("ja", "nein") if row.einheit == EINHEITEN["ja_nein"] else ()


def offices(snap: Snapshot) -> set[str]:
    """The offices that deliver an indicator's values."""
    return {i.verantwortlich for i in snap.indikatoren.values() if i.verantwortlich}


def rows(snap: Snapshot, stichtag: date, verantwortlich: str | None) -> list[Indikatorzeile]:
    """One row per indicator (of the office, if one is given) and breakdown value, by ID."""
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
                Indikatorzeile(
                    ind.id,
                    " ".join(ind.name.split()),
                    snap.config.feld(feld).name if feld else "",
                    ind.verantwortlich or "",
                    EINHEITEN[ind.einheit],
                    aufschluesselung_text(pairs),
                    last.erfasst if last else None,
                    f"{periode_text(last.periode_jahr, last.datum)}: {wert_text(last.wert, ind.einheit)}"
                    if last
                    else "",
                )
            )
    return result


def hint_rows(fmt: str) -> list[tuple[str, str | None]]:
    """The explanations of the indicators' rows for the notes (a heading, then (term, text))."""
    if fmt == "xlsx":
        where = (
            "Auf dem Blatt „Indikatoren“ steht je Indikator Ihrer Stelle eine Zeile für den Gesamtwert und je "
            "eine für jeden Teil seiner Aufschlüsselung (z. B. je Stadtteil)."
        )
        known = (("Stand vom, Letzter Wert",), "der zuletzt erfasste Wert dieser Zeile.")
        read = ("ID", "Titel", "Handlungsfeld", "Verantwortlich", "Einheit", "Aufschlüsselung")
    else:
        where = (
            "Unter den Maßnahmen steht je Indikator Ihrer Stelle eine Zeile für den Gesamtwert und je eine für "
            "jeden Teil seiner Aufschlüsselung (z. B. je Stadtteil); in ihr beginnt „Aktueller Status“ mit "
            "„Indikator“. Die Spalten „Neuer Status“, „Nachweis“ und „Fortschritt“ bleiben in diesen Zeilen leer, "
            "die Spalten „Jahr“, „Wert“ und „Quelle“ in den Zeilen der Maßnahmen."
        )
        known = (("Stand vom, Letzte Notiz",), "der zuletzt erfasste Wert dieser Zeile.")
        read = ("ID", "Titel", "Handlungsfeld", "Verantwortlich", "Aktueller Status", "Aufschlüsselung")
    texts: list[tuple[tuple[str, ...], str]] = [
        (read, "welcher Indikator und welcher Teil (nicht ändern)."),
        known,
        (("Jahr",), "für welches Jahr der Wert gilt, z. B. 2010, oder ein Stichtag wie 30.06.2010 (Pflicht)."),
        (
            ("Wert",),
            "die Zahl (Prozent von 0 bis 100, z. B. 12,5; Anzahlen ganz, z. B. 1.234; Euro z. B. 6,20) oder ja/nein "
            "(Pflicht).",
        ),
        (("Quelle",), "woher der Wert stammt: Statistik, Bericht oder Stelle (Pflicht)."),
        (("Datum",), "Tag der Erfassung, z. B. 15.01.2011 (leer: der Tag des Einlesens)."),
        (("Notiz", "Berichtet von"), "eine Bemerkung zum Wert und Ihr Fachbereich (freiwillig)."),
        (
            ("Berichtigen",),
            "Je Zeile und Jahr gibt es einen Wert. Einen schon eingetragenen Wert berichtigt die Verwaltung mit "
            "„luedialog wert … --korrigiert NR“.",
        ),
    ]
    return [("Indikatoren", None), ("Die Zeilen", where), *((", ".join(n), t) for n, t in texts)]


# --- reading a returned sheet -----------------------------------------------------------------------


def indicator_rows(snap: Snapshot) -> Callable[[dict[str, str]], bool]:
    """For a CSV file with measures and indicators: is a row an indicator's? By its ID, and for an
    unknown ID by whether it fills in a column only indicators have (the IDs are folded once)."""
    indicators = {k.casefold() for k in snap.indikatoren}
    measures = {k.casefold() for k in snap.massnahmen}

    def is_indicator_row(cells: dict[str, str]) -> bool:
        ident = cells.get("ID", "").strip().casefold()
        if ident in indicators:
            return True
        if ident in measures:
            return False
        return any(cells.get(name) for name in OWN)

    return is_indicator_row


def indicator_id(t: Transaction, text: str) -> str:
    """The ID of the known indicator ``text`` names, in any case (``i-bil-01`` → ``I-BIL-01``)."""
    ident = text.strip()
    if not ident:
        raise EingabeFehler("Keine ID angegeben.")
    folded = {k.casefold(): k for k in t.snapshot.indikatoren}
    if ident.casefold() in folded:
        return folded[ident.casefold()]
    try:
        file_of(t, ident)  # says why: a broken file, or a suggestion
    except LuedialogError as exc:
        raise EingabeFehler(f"{exc.message} {exc.hint}" if exc.hint else exc.message) from None
    raise AssertionError(ident)  # pragma: no cover - file_of knows every loaded indicator


def breakdown(cell: str) -> tuple[tuple[str, str], ...]:
    """``Stadtteil: Gahmen`` → ``(("Stadtteil", "Gahmen"),)``; ``Gesamt`` or empty → ``()``."""
    text = " ".join(cell.split())
    if not text or text.casefold() == "gesamt":
        return ()
    pairs = []
    for part in text.split(", "):
        name, sep, value = part.partition(": ")
        if not sep or not name.strip() or not value.strip():
            raise EingabeFehler(
                f"„{cell.strip()}“ ist weder „Gesamt“ noch wie „Stadtteil: Gahmen“; bitte die Zelle nicht ändern."
            )
        pairs.append((name.strip(), value.strip()))
    return tuple(pairs)


@dataclass(frozen=True)
class Wertzeile:
    """A filled row of an indicator whose cells are understood."""

    messung: Messung  # normalized
    einheit: str


def understand(
    t: Transaction, cells: dict[str, str], unread: set[str], mixed: bool
) -> tuple[str, list[str], Wertzeile | None]:
    """The row's ID as shown, the problems of its cells (each naming its column), and the value it asks
    for. ``unread``: columns whose cell could not be read (a formula); ``mixed``: a CSV file's row, in
    which the measures' columns stay empty."""
    problems: list[str] = []
    ind: Indikator | None = None

    def cell(column: str, *, required: bool) -> str | None:
        if column in unread:
            return None
        text = cells.get(column, "")
        if not text and required:
            problems.append(f"Spalte „{column}“ ist leer.")
        return text or None

    try:
        ind = indicator(t, indicator_id(t, cells.get("ID", "")))
    except LuedialogError as exc:
        problems.append(f"Spalte „ID“: {exc.message}")
    shown = ind.id if ind else cells.get("ID", "") or "ohne ID"
    periode: int | date | None = None
    wert = None
    pairs: tuple[tuple[str, str], ...] = ()
    erfasst = t.today
    year, value, source = cell("Jahr", required=True), cell("Wert", required=True), cell("Quelle", required=True)
    if year is not None:
        try:
            periode = parse_periode(year)
        except ValueError as exc:
            problems.append(f"Spalte „Jahr“: {exc}.")
    if value is not None and ind is not None:
        try:
            wert = parse_wert(value, ind.einheit)
        except ValueError as exc:
            problems.append(f"Spalte „Wert“: {exc}.")
    if "Aufschlüsselung" not in unread:
        try:
            pairs = breakdown(cells.get("Aufschlüsselung", ""))
        except EingabeFehler as exc:
            problems.append(f"Spalte „Aufschlüsselung“: {exc.message}")
    day = cell("Datum", required=False)
    if day is not None:
        try:
            erfasst = parse_day(day, t.snapshot.config)
        except EingabeFehler as exc:
            problems.append(f"Spalte „Datum“: {exc.message}")
    if mixed:
        problems += [
            f"Spalte „{name}“ gilt nur für Maßnahmen; in der Zeile eines Indikators bleibt sie leer."
            for name in MEASURES_ONLY
            if cells.get(name)
        ]
    if problems or unread or ind is None or periode is None or wert is None or source is None:
        return shown, problems, None
    m = Messung(ind.id, periode, wert, source, erfasst, pairs, cells.get("Notiz"), cells.get("Berichtet von"))
    return shown, problems, Wertzeile(m.normalized(), ind.einheit)


def same_key(w: Wertzeile) -> tuple[object, ...]:
    """What two rows of a sheet must not share: the indicator, the period and the breakdown."""
    m = w.messung
    return (m.indikator, m.periode_jahr, m.datum, tuple(sorted(m.aufschluesselung)))


def period_text(w: Wertzeile) -> str:
    """``2011`` or ``2011 (Stadtteil: Altstadt)``."""
    m = w.messung
    part = f" ({aufschluesselung_text(m.aufschluesselung)})" if m.aufschluesselung else ""
    return f"{periode_text(m.periode_jahr, m.datum)}{part}"


def plan_row(t: Transaction, w: Wertzeile) -> tuple[bool, list[str]]:
    """Check the value of a row against its indicator as planned so far and plan it: (already recorded,
    the problems each naming its column). Nothing is planned if there is a problem or it is recorded."""
    ind = indicator(t, w.messung.indikator)
    if recorded(ind, w.messung):
        return True, []
    problems = field_problems(t.snapshot.config, ind, w.messung, t.today)
    if problems:
        return False, [f"Spalte „{COLUMN_OF[name]}“: {text}" for name, text in problems]
    plan_value(t, w.messung)
    return False, []
