"""The yearly status query to departments as a spreadsheet round trip (Excel workbook or CSV).

``erstellen`` makes one row per open measure with empty columns to fill in, as a workbook
(``.xlsx``: locked columns, a drop-down of the possible statuses, date and percent cells, the
explanations on a second sheet) or as CSV for German Excel with the explanations in a text file.
``einlesen`` reads the returned file (a workbook, or a CSV as Excel saves it) and records every
filled row as a Sachstand — all or nothing, strictly: a file that might be read wrongly is
refused with the row it concerns, never half understood. With ``--indikatoren`` the query also
asks for the values of indicators (:mod:`luedialog.services.abfrage_indikatoren`), read in the same
transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from luedialog.checks.kontakt import kind_of as contact_kind
from luedialog.dates import german
from luedialog.errors import LuedialogError
from luedialog.files.append import append_entries, appended_items
from luedialog.files.arbeitsmappe import Blatt, Hinweisblatt, Spalte, Wert, kind_of, read_workbook, workbook
from luedialog.files.tabelle import Rohblatt, excel_csv, plain, read_csv, read_input
from luedialog.model.config import Config
from luedialog.model.schema import suggest
from luedialog.model.types import Massnahme, VerlaufEintrag
from luedialog.queries.stand import state_of
from luedialog.services import abfrage_indikatoren
from luedialog.services.abfrage_indikatoren import Indikatorzeile, Wertzeile
from luedialog.services.ausgabe import write_output
from luedialog.services.eingabe import EingabeFehler, measure_id, parse_day, parse_percent, status_key
from luedialog.services.sachstand import (
    ENTRY_FIELDS,
    Eintrag,
    current_measure,
    entry_problems,
    entry_values,
    file_of,
    is_placeholder,
)
from luedialog.services.transaction import Aenderung, Transaction
from luedialog.snapshot import Snapshot

T = TypeVar("T")
COLUMNS = (
    "ID",
    "Titel",
    "Handlungsfeld",
    "Verantwortlich",
    "Aktueller Status",
    "Stand vom",
    "Letzte Notiz",
    "Mögliche neue Status",
    "Neuer Status",
    "Datum",
    "Notiz",
    "Nachweis",
    "Fortschritt",
    "Berichtet von",
)
FILL_IN = ("Neuer Status", "Datum", "Notiz", "Nachweis", "Fortschritt", "Berichtet von")
REQUIRED = ("ID", *FILL_IN)
FILL_IN_OF = {  # by the kind of sheet: a row that fills in none of these is empty
    "massnahmen": FILL_IN,
    "gemischt": (*FILL_IN, *abfrage_indikatoren.OWN),
    "indikatoren": abfrage_indikatoren.FILL_IN,
}
SPALTEN = (  # how the columns look in a workbook
    Spalte("ID", fest=True),
    Spalte("Titel", fest=True, umbruch=True),
    Spalte("Handlungsfeld", fest=True),
    Spalte("Verantwortlich", fest=True),
    Spalte("Aktueller Status", fest=True),
    Spalte("Stand vom", "datum", fest=True),
    Spalte("Letzte Notiz", fest=True, umbruch=True),
    Spalte("Mögliche neue Status", fest=True, umbruch=True),
    Spalte("Neuer Status"),
    Spalte("Datum", "datum"),
    Spalte("Notiz", umbruch=True),
    Spalte("Nachweis", umbruch=True),
    Spalte("Fortschritt", "prozent"),
    Spalte("Berichtet von"),
)
COLUMN_HELP: tuple[tuple[tuple[str, ...], str], ...] = (  # every column, for the notes file and sheet
    (("ID", "Titel", "Handlungsfeld", "Verantwortlich"), "welche Maßnahme (nicht ändern)."),
    (("Aktueller Status", "Stand vom", "Letzte Notiz"), "was bisher bekannt ist."),
    (("Mögliche neue Status",), "welche Status auf den aktuellen folgen dürfen."),
    (
        ("Neuer Status",),
        "einer der möglichen neuen Status (Bezeichnung oder Schlüssel); leer lassen, wenn sich der Status nicht "
        "ändert und Sie nur einen neuen Sachstand berichten.",
    ),
    (("Datum",), "Datum des Sachstands, z. B. 15.03.2010 (Pflicht in jeder ausgefüllten Zeile)."),
    (("Notiz",), "der Sachstand in Worten (Pflicht). Ist die Maßnahme überfällig, nennen Sie bitte den Grund."),
    (("Nachweis",), "Ratsvorlage, Link oder Dokument (Pflicht, wenn der neue Status {nachweis} ist)."),
    (("Fortschritt",), "in Prozent, 0 bis 100 (freiwillig)."),
    (("Berichtet von",), "Ihr Fachbereich oder Ihr Name."),
)
SHEET = "Sachstandsabfrage"
HINTS_SHEET = "Hinweise"
NO_OFFICE = "ohne Verantwortlich"
INDICATOR_SHEET = abfrage_indikatoren.SHEET
INTRO = (
    "Bitte tragen Sie für jede Maßnahme, zu der es Neues gibt, in den Spalten „Neuer Status“ bis „Berichtet von“ "
    "den aktuellen Sachstand ein. Zeilen, in denen diese Spalten leer bleiben, werden übersprungen. Bitte ändern "
    "Sie weder die Spalte „ID“ noch die Spaltenüberschriften."
)
RETURN = {
    "csv": "Speichern Sie die Datei wieder als CSV (Trennzeichen Semikolon) und geben Sie sie zurück.",
    "xlsx": "Speichern Sie die Datei wieder als Excel-Arbeitsmappe (.xlsx) und geben Sie sie zurück. Grau "
    "hinterlegte Spalten sind gesperrt; den neuen Status wählen Sie aus der Liste der Zelle.",
}
PARAGRAPHS = ("Ausfüllen", "Speichern", "Alles oder nichts")  # in the text file without their term
ALL_OR_NOTHING = (
    "Die Datei wird nur eingelesen, wenn alle ausgefüllten Zeilen gültig sind; sonst bekommen Sie eine Liste der "
    "Zeilen mit dem jeweiligen Grund."
)


@dataclass(frozen=True)
class Abfragezeile:
    """One measure's row: a value per column, and the statuses (labels) its new status may take."""

    werte: tuple[Wert, ...]
    auswahl: tuple[str, ...]
    verantwortlich: str | None

    def texts(self) -> list[str]:
        return [german(v) if isinstance(v, date) else "" if v is None else str(v) for v in self.werte]


def row_of(snap: Snapshot, m: Massnahme, stichtag: date) -> Abfragezeile | None:
    """The query row of ``m`` at ``stichtag``, with its current state (None without any entry)."""
    config = snap.config
    z = state_of(snap, m, stichtag)
    if z.eintrag is None:
        return None
    current = z.eintrag.status
    labels = tuple(_label(config, s) for s in (current, *config.allowed_after(current)))
    werte: tuple[Wert, ...] = (
        m.id,
        m.titel,
        config.feld(m.handlungsfeld).name,
        z.verantwortlich or "",
        _label(config, current),
        z.eintrag.datum,
        z.eintrag.notiz,
        ", ".join(labels),
        None,
        None,
        None,
        None,
        None,
        None,
    )
    return Abfragezeile(werte, labels, z.verantwortlich)


def _label(config: Config, key: str) -> str:
    return config.status_def(key).bezeichnung if key in config.status_keys else key


def hint_rows(
    config: Config,
    stichtag: date,
    fmt: str,
    extra: Sequence[tuple[str, str | None]] = (),
    title: str = "Sachstandsabfrage",
) -> list[tuple[str, str | None]]:
    """The explanations of a query (or export) sheet: (term, text); a text of None makes a heading."""
    nachweis = " oder ".join(f"„{s.bezeichnung}“" for s in config.status if s.nachweis) or "–"
    rows: list[tuple[str, str | None]] = [
        (f"{title} {config.name} – Stand {german(stichtag)}", None),
        ("So geht es", None),
        ("Ausfüllen", INTRO),
        ("Die Spalten", None),
    ]
    rows += [(", ".join(names), text.format(nachweis=nachweis)) for names, text in COLUMN_HELP]
    rows += list(extra)
    rows.append(("Die Status bedeuten", None))
    rows += [(f"{s.bezeichnung} ({s.schluessel})", s.bedeutung or "–") for s in config.status]
    rows += [("Zurückgeben", None), ("Speichern", RETURN[fmt]), ("Alles oder nichts", ALL_OR_NOTHING)]
    return rows


def hints_text(rows: Sequence[tuple[str, str | None]]) -> str:
    """The explanations as the text file beside a CSV query: the title, then each heading with its lines."""
    (title, _), *rest = rows
    lines = [title]
    for term, text in rest:
        if text is None:
            lines += ["", f"{term}:"]
        elif term in PARAGRAPHS:
            lines.append(text)
        else:
            lines.append(f"- {term}" if text == "–" else f"- {term}: {text}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Abfrage:
    projekt: str
    stichtag: date
    zeilen: list[Abfragezeile]
    config: Config
    indikatorzeilen: list[Indikatorzeile] | None = None  # None: without the indicators

    @property
    def csv(self) -> str:
        if self.indikatorzeilen is None:
            return excel_csv(COLUMNS, (row.texts() for row in self.zeilen))
        columns = (*COLUMNS, *abfrage_indikatoren.INDICATOR_COLUMNS)  # the indicators below the measures
        empty = [""] * len(abfrage_indikatoren.INDICATOR_COLUMNS)
        rows = [row.texts() + empty for row in self.zeilen]
        rows += [[r.csv_cells().get(name, "") for name in columns] for r in self.indikatorzeilen]
        return excel_csv(columns, rows)

    def hinweise(self, fmt: str) -> list[tuple[str, str | None]]:
        extra = abfrage_indikatoren.hint_rows(fmt) if self.indikatorzeilen is not None else ()
        return hint_rows(self.config, self.stichtag, fmt, extra)

    def xlsx(self, je_verantwortlich: bool = False) -> bytes:
        """The workbook: one sheet (or one per responsible office), the indicators' sheet, then „Hinweise“."""
        groups: dict[str, list[Abfragezeile]] = {}
        if je_verantwortlich:
            for row in sorted(self.zeilen, key=lambda r: (r.verantwortlich is None, r.verantwortlich or "")):
                groups.setdefault(row.verantwortlich or NO_OFFICE, []).append(row)
        else:
            groups[SHEET] = self.zeilen
        names = sheet_names(list(groups), also_taken=() if self.indikatorzeilen is None else (INDICATOR_SHEET,))
        sheets = [
            Blatt(name, SPALTEN, [r.werte for r in rows], {"Neuer Status": [r.auswahl for r in rows]})
            for name, rows in zip(names, groups.values(), strict=True)
        ] or [Blatt(SHEET, SPALTEN, [])]
        if self.indikatorzeilen is not None:
            values = [r.werte() for r in self.indikatorzeilen]
            drop_downs: dict[str, Sequence[Sequence[str]]] = {
                "Wert": [abfrage_indikatoren.auswahl(r) for r in self.indikatorzeilen]
            }
            sheets.append(Blatt(INDICATOR_SHEET, abfrage_indikatoren.SPALTEN, values, drop_downs))
        return workbook(sheets, Hinweisblatt(HINTS_SHEET, self.hinweise("xlsx")))


def sheet_names(wanted: list[str], also_taken: Sequence[str] = ()) -> list[str]:
    """Names Excel accepts: at most 31 characters, none of ``[]:*?/\\``, unique (also against the
    notes and lists sheets and ``also_taken``, in any case)."""
    taken = {HINTS_SHEET.casefold(), "auswahl", *(name.casefold() for name in also_taken)}
    result = []
    for name in wanted:
        clean = "".join("_" if c in "[]:*?/\\" else c for c in name).strip("' ") or NO_OFFICE
        candidate, number = clean[:31], 2
        while candidate.casefold() in taken:
            suffix = f" ({number})"
            candidate, number = clean[: 31 - len(suffix)] + suffix, number + 1
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


def erstellen(
    snap: Snapshot, stichtag: date, verantwortlich: str | None = None, mit_indikatoren: bool = False
) -> Abfrage:
    """One row per open (not final) measure, optionally of one responsible department; with
    ``mit_indikatoren`` also one row per indicator (of that department) and breakdown value."""
    measures = sorted(snap.massnahmen.values(), key=lambda m: m.id)
    if verantwortlich is not None:  # responsible at the Stichtag (a later entry may have changed it)
        office = {m.id: state_of(snap, m, stichtag).verantwortlich for m in measures}
        known = sorted(
            {o for o in office.values() if o} | (abfrage_indikatoren.offices(snap) if mit_indikatoren else set())
        )
        if verantwortlich not in known:
            what = "Keine Maßnahme und kein Indikator" if mit_indikatoren else "Keine Maßnahme"
            nobody = "Noch keine Maßnahme und kein Indikator hat" if mit_indikatoren else "Noch keine Maßnahme hat"
            hint = suggest(verantwortlich, known) or (
                "Bekannt: " + ", ".join(known) + "." if known else f"{nobody} „verantwortlich“."
            )
            raise LuedialogError(f"{what} mit verantwortlich: „{verantwortlich}“.", hint=hint)
        measures = [m for m in measures if office[m.id] == verantwortlich]
    rows: list[Abfragezeile] = []
    for m in measures:
        z = state_of(snap, m, stichtag)
        if z.eintrag is None or (z.status is not None and z.status.final):
            continue
        row = row_of(snap, m, stichtag)
        if row is not None:
            rows.append(row)
    values = abfrage_indikatoren.rows(snap, stichtag, verantwortlich) if mit_indikatoren else None
    return Abfrage(snap.config.name, stichtag, rows, snap.config, values)


@dataclass(frozen=True)
class Geschrieben:
    tabelle: Path
    hinweise: Path | None  # the notes file beside a CSV; a workbook holds them as a sheet
    zeilen: int
    indikatorzeilen: int | None = None  # None: without the indicators


def erstellen_dateien(
    root: Path,
    snap: Snapshot,
    stichtag: date,
    verantwortlich: str | None,
    ausgabe: Path | None,
    fmt: str = "csv",
    je_verantwortlich: bool = False,
    mit_indikatoren: bool = False,
) -> Geschrieben:
    """Write the query (default ``sachstandsabfrage-DATUM.csv`` or ``.xlsx``), for CSV with its notes beside it."""
    result = erstellen(snap, stichtag, verantwortlich, mit_indikatoren)
    target = ausgabe or Path(f"sachstandsabfrage-{stichtag.isoformat()}.{fmt}")
    values = None if result.indikatorzeilen is None else len(result.indikatorzeilen)
    if fmt == "xlsx":
        write_output(root, target, result.xlsx(je_verantwortlich))
        return Geschrieben(target, None, len(result.zeilen), values)
    hints = target.with_name(f"{target.stem}-hinweise.txt")
    write_output(root, target, result.csv.encode("utf-8"))
    write_output(root, hints, hints_text(result.hinweise("csv")).encode("utf-8"))
    return Geschrieben(target, hints, len(result.zeilen), values)


# --- reading a returned sheet ---------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Ort:
    """Where a row is: its row number as the spreadsheet shows it, and its sheet if there are several."""

    blatt_nr: int
    zeile: int
    blatt: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"Zeile {self.zeile}" if self.blatt is None else f"Blatt „{self.blatt}“, Zeile {self.zeile}"


@dataclass(frozen=True)
class Zeile:
    """A filled row: its place, its cells by column name, and the cells that could not be read."""

    ort: Ort
    zellen: dict[str, str]
    probleme: tuple[tuple[str, str], ...] = ()  # (column, why)
    # the kind of its sheet: of measures, of indicators, or both in one (a CSV file with indicators)
    blatt: str = "massnahmen"


@dataclass(frozen=True)
class Tabelle:
    zeilen: list[Zeile]
    leer: int  # rows with nothing filled in
    trennzeichen: str | None = None  # of a CSV file


def _header_key(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").split()).casefold()


def _letter(index: int) -> str:
    """Column A, B, …, Z, AA for the 0-based ``index``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _columns(sheet: Rohblatt, in_sheet: str, *, required: bool) -> tuple[str, dict[str, int]] | None:
    """The kind of the sheet (``massnahmen``, ``indikatoren`` or ``gemischt``) and column name → index from
    the header row; None for a sheet without „ID“ unless it is ``required``."""
    header = next((cells for row, cells in sheet.zeilen if row == 1), [])
    keys = [_header_key(h) for h in header]
    if _header_key("ID") not in keys and not required:
        return None
    seen: dict[str, int] = {}
    for index, key in enumerate(keys):
        if not key:
            continue
        if key in seen:
            raise LuedialogError(
                f"{in_sheet}In der Kopfzeile steht die Spalte „{header[index].strip()}“ doppelt "
                f"(Spalte {_letter(seen[key])} und {_letter(index)}); so ist nicht klar, welche gilt.",
                hint="Löschen oder benennen Sie eine der beiden Spalten um.",
            )
        seen[key] = index
    names: tuple[str, ...] = COLUMNS
    required_names: tuple[str, ...] = REQUIRED
    kind = "massnahmen"
    measures = _header_key("Neuer Status") in seen
    if not measures and not required and _header_key("Wert") in seen:  # a workbook's sheet „Indikatoren“
        kind, names, required_names = "indikatoren", abfrage_indikatoren.SHEET_COLUMNS, abfrage_indikatoren.REQUIRED
    elif measures and any(_header_key(name) in seen for name in abfrage_indikatoren.OWN):  # a CSV file
        names = (*COLUMNS, *abfrage_indikatoren.INDICATOR_COLUMNS)
        kind, required_names = "gemischt", (*REQUIRED, *abfrage_indikatoren.INDICATOR_COLUMNS)
    columns = {name: seen[_header_key(name)] for name in names if _header_key(name) in seen}
    missing = [name for name in required_names if name not in columns]
    if missing:
        raise LuedialogError(
            f"{in_sheet}In der Kopfzeile fehlen die Spalten " + ", ".join(f"„{m}“" for m in missing) + ".",
            hint="Erzeugen Sie die Abfrage mit „luedialog abfrage erstellen“ und ändern Sie die Kopfzeile nicht.",
        )
    return kind, columns


def read_rows(raw: bytes) -> Tabelle:
    """The filled rows of a returned sheet (a workbook or a CSV file), and the number of unfilled ones."""
    kind = kind_of(raw)
    if kind == "text":
        sheets = [read_csv(raw)]
        if not any(cell.strip() for _, cells in sheets[0].zeilen for cell in cells):
            raise LuedialogError("Die Datei ist leer.")
    else:
        sheets = read_workbook(raw)
    found: list[tuple[Rohblatt, str, dict[str, int]]] = []
    for sheet in sheets:
        in_sheet = f"Blatt „{sheet.name}“: " if sheet.name is not None else ""
        columns = _columns(sheet, in_sheet, required=sheet.name is None)  # a CSV file is one query sheet
        if columns is not None:
            found.append((sheet, *columns))
    if not found:
        raise LuedialogError(
            "Kein Blatt der Arbeitsmappe hat in Zeile 1 die Spalte „ID“; es gibt nichts einzulesen.",
            hint="Lesen Sie die Arbeitsmappe ein, die „luedialog abfrage erstellen“ geschrieben hat.",
        )
    several = len(found) > 1
    rows: list[Zeile] = []
    empty = 0
    for number, (sheet, kind, index) in enumerate(found):
        fill = FILL_IN_OF[kind]
        for row, cells in (r for r in sheet.zeilen if r[0] > 1):
            ort = Ort(number, row, sheet.name if several else None)
            zellen = {name: plain(cells[i]) if i < len(cells) else "" for name, i in index.items()}
            problems = tuple(
                (name, sheet.probleme[(row, i)]) for name, i in index.items() if (row, i) in sheet.probleme
            )
            if not any(zellen[name] for name in fill) and not any(name in fill for name, _ in problems):
                empty += any(c.strip() for c in cells)
                continue
            rows.append(Zeile(ort, zellen, problems, kind))
    return Tabelle(rows, empty, sheets[0].trennzeichen if sheets[0].name is None else None)


class ZeilenFehler(LuedialogError):
    """Rows of a returned query that cannot be applied; nothing was written."""

    def __init__(self, rows: list[tuple[Ort, str]]) -> None:
        rows = sorted(rows, key=lambda r: r[0])
        super().__init__(
            f"Nichts eingelesen: {len({ort for ort, _ in rows})} Zeile(n) fehlerhaft.",
            hint="Korrigieren Sie die Zeilen und lesen Sie die Datei erneut ein.",
            details=tuple(f"  {ort} {reason}" for ort, reason in rows),
        )
        self.rows = rows


@dataclass(frozen=True)
class Ergebnis:
    eintraege: list[tuple[Ort, Eintrag]]
    aenderungen: list[Aenderung]
    uebersprungen: int  # rows with nothing filled in
    # rows whose entry the history already holds word for word (the same sheet read in twice)
    schon_eingetragen: list[tuple[Ort, Eintrag]] = field(default_factory=list)
    werte: list[tuple[Ort, Wertzeile]] = field(default_factory=list)  # values of indicators
    werte_schon_eingetragen: list[tuple[Ort, Wertzeile]] = field(default_factory=list)


@dataclass(frozen=True)
class _Vorhaben:
    """A filled row whose cells are understood; its status is None when it keeps the current one."""

    ort: Ort
    massnahme: str
    status: str | None
    datum: date
    notiz: str
    nachweis: str | None
    fortschritt: int | None
    von: str | None


def _note(text: str) -> str:
    if is_placeholder(text):
        raise EingabeFehler(f"„{text}“ ist ein Platzhalter; bitte den Sachstand in Worten beschreiben.")
    return text


def _understand(
    snap: Snapshot, zeile: Zeile, delimiter: str | None, folded: set[str]
) -> tuple[str, list[str], _Vorhaben | None]:
    """The row's ID as shown, the problems of its cells (each naming its column), and what it asks for.
    ``folded``: the known IDs in lower case, for recognising rows swallowed into a cell of a CSV file."""
    config = snap.config
    cells = zeile.zellen
    unread = {column for column, _ in zeile.probleme}
    problems = [f"Spalte „{column}“: {why}." for column, why in zeile.probleme]

    def parsed(column: str, parse: Callable[[str], T], *, required: bool) -> T | None:
        """The value of ``column``; None, with the problem noted, if it is empty or not understood."""
        if column in unread:
            return None
        if not cells[column]:
            if required:
                problems.append(f"Spalte „{column}“ ist leer.")
            return None
        try:
            return parse(cells[column])
        except EingabeFehler as exc:
            problems.append(f"Spalte „{column}“: {exc.message}")
            return None

    ident = parsed("ID", lambda text: measure_id(snap, text), required=True)
    status = parsed("Neuer Status", lambda text: status_key(config, text), required=False)
    day = parsed("Datum", lambda text: parse_day(text, config), required=True)
    note = parsed("Notiz", _note, required=True)
    progress = parsed("Fortschritt", parse_percent, required=False)
    shown = ident or cells["ID"] or "ohne ID"
    if zeile.blatt == "gemischt":
        problems += [
            f"Spalte „{name}“ gilt nur für Indikatoren; in der Zeile einer Maßnahme bleibt sie leer."
            for name in abfrage_indikatoren.OWN
            if cells.get(name)
        ]
    problems += _swallowed(cells, delimiter, folded)
    if problems or ident is None or day is None or note is None:
        return shown, problems, None
    plan = _Vorhaben(
        zeile.ort, ident, status, day, note, cells["Nachweis"] or None, progress, cells["Berichtet von"] or None
    )
    return shown, problems, plan


def _swallowed(cells: dict[str, str], delimiter: str | None, folded: set[str]) -> list[str]:
    """A stray quote of a CSV file closed rows later: whole rows inside one cell, known by their IDs."""
    problems = []
    if delimiter is not None:
        for column, text in cells.items():
            for line in text.splitlines()[1:]:
                first = line.split(delimiter, 1)[0].strip().strip('"')
                if delimiter in line and first.casefold() in folded:
                    problems.append(
                        f"Spalte „{column}“: in der Zelle beginnt eine Zeile mit „{first}{delimiter}“ – "
                        'wahrscheinlich verschluckt ein einzelnes Anführungszeichen (") hier die folgenden Zeilen.'
                    )
                    break
    return problems


def _understand_value(
    t: Transaction, zeile: Zeile, delimiter: str | None, folded: set[str]
) -> tuple[str, list[str], Wertzeile | None]:
    """As :func:`_understand`, for the row of an indicator."""
    problems = [f"Spalte „{column}“: {why}." for column, why in zeile.probleme]
    unread = {column for column, _ in zeile.probleme}
    shown, own, plan = abfrage_indikatoren.understand(t, zeile.zellen, unread, zeile.blatt == "gemischt")
    problems += own + _swallowed(zeile.zellen, delimiter, folded)
    return shown, problems, None if problems else plan


def _same_values(plans: list[tuple[Ort, Wertzeile]], zellen: dict[Ort, dict[str, str]]) -> dict[Ort, tuple[str, str]]:
    """Rows of indicators pasted twice, and two rows for one indicator, period and breakdown."""
    seen_row: dict[tuple[str, tuple[str, ...]], Ort] = {}
    seen_key: dict[tuple[object, ...], Ort] = {}
    refused: dict[Ort, tuple[str, str]] = {}
    for ort, w in plans:
        ident = w.messung.indikator
        columns = ("Aufschlüsselung", *abfrage_indikatoren.FILL_IN)
        same = (ident, tuple(" ".join(zellen[ort].get(name, "").split()) for name in columns))
        if same in seen_row:
            refused[ort] = (
                ident,
                f"dieselbe Zeile wie {seen_row[same]} (doppelt eingefügt?); bitte eine der beiden löschen.",
            )
            continue
        seen_row[same] = ort
        key = abfrage_indikatoren.same_key(w)
        if key in seen_key:
            why = (
                f"Spalte „Jahr“: für {abfrage_indikatoren.period_text(w)} steht schon ein Wert dieses Indikators in "
                f"{seen_key[key]}; je Indikator, Jahr und Aufschlüsselung eine Zeile."
            )
            refused[ort] = (ident, why)
            continue
        seen_key[key] = ort
    return refused


def _same_rows(plans: list[_Vorhaben], zellen: dict[Ort, dict[str, str]]) -> dict[Ort, tuple[str, str]]:
    """Rows pasted twice, and two rows for one measure and one day: why each later one is refused."""
    seen_row: dict[tuple[str, tuple[str, ...]], Ort] = {}
    seen_day: dict[tuple[str, date], Ort] = {}
    refused: dict[Ort, tuple[str, str]] = {}  # row → (its measure, why)
    for plan in plans:
        cells = zellen[plan.ort]
        same = (plan.massnahme, tuple(" ".join(cells[name].split()) for name in FILL_IN))
        if same in seen_row:
            why = f"dieselbe Zeile wie {seen_row[same]} (doppelt eingefügt?); bitte eine der beiden löschen."
            refused[plan.ort] = (plan.massnahme, why)
            continue
        seen_row[same] = plan.ort
        day = (plan.massnahme, plan.datum)
        if day in seen_day:
            why = (
                f"Spalte „Datum“: für den {german(plan.datum)} steht schon ein Sachstand dieser Maßnahme in "
                f"{seen_day[day]}; je Maßnahme und Tag eine Zeile."
            )
            refused[plan.ort] = (plan.massnahme, why)
            continue
        seen_day[day] = plan.ort
    return refused


CONTACT_COLUMNS = ("Notiz", "Nachweis", "Berichtet von", "Quelle")  # the text cells that reach the data


def _contact_data(zellen: dict[str, str]) -> list[str]:
    """Contact data in a text cell, named by its column: ``pruefen``'s finding would name a line of a
    YAML file the user never saw, and only the first of several."""
    found = ((name, contact_kind(zellen.get(name, ""))) for name in CONTACT_COLUMNS)
    return [
        f"Spalte „{name}“: hier steht {kind}; Kontaktdaten gehören nicht in dieses Repository (es kann öffentlich "
        "sein) – bitte entfernen."
        for name, kind in found
        if kind is not None
    ]


def einlesen(root: Path, raw: bytes, today: date, *, dry_run: bool = False) -> Ergebnis:
    """Apply every filled row as a Sachstand (or a value of an indicator), or none of them (one transaction)."""
    tabelle = read_rows(raw)  # before taking the lock: reading a sheet never makes others wait
    with Transaction.begin(root, today) as t:
        snap = t.snapshot
        bad: list[tuple[Ort, str]] = []
        plans: list[_Vorhaben] = []
        value_plans: list[tuple[Ort, Wertzeile]] = []
        folded = {k.casefold() for k in (*snap.massnahmen, *snap.indikatoren)} if tabelle.trennzeichen else set()
        is_indicator_row = abfrage_indikatoren.indicator_rows(snap)
        for zeile in tabelle.zeilen:
            if zeile.blatt == "indikatoren" or (zeile.blatt == "gemischt" and is_indicator_row(zeile.zellen)):
                shown, problems, value = _understand_value(t, zeile, tabelle.trennzeichen, folded)
                bad += [(zeile.ort, f"({shown}): {p}") for p in problems + _contact_data(zeile.zellen)]
                if value is not None:
                    value_plans.append((zeile.ort, value))
                continue
            shown, problems, plan = _understand(snap, zeile, tabelle.trennzeichen, folded)
            bad += [(zeile.ort, f"({shown}): {p}") for p in problems + _contact_data(zeile.zellen)]
            if plan is not None:
                plans.append(plan)
        refused = _same_rows(plans, {z.ort: z.zellen for z in tabelle.zeilen})
        bad += [(ort, f"({ident}): {why}") for ort, (ident, why) in refused.items()]
        by_measure: dict[str, list[_Vorhaben]] = {}
        for plan in plans:
            if plan.ort not in refused:
                by_measure.setdefault(plan.massnahme, []).append(plan)
        entries: list[tuple[Ort, Eintrag]] = []
        already: list[tuple[Ort, Eintrag]] = []
        for ident, group in by_measure.items():
            planned = _plan_measure(t, ident, group, bad, already)
            entries += planned
        values, values_already = _plan_values(t, value_plans, {z.ort: z.zellen for z in tabelle.zeilen}, bad)
        if bad:
            raise ZeilenFehler(bad)
        changes = t.commit(dry_run=dry_run, refused="Die Änderungen würden die Prüfung scheitern lassen")
        return Ergebnis(
            sorted(entries, key=lambda e: e[0]),
            changes,
            tabelle.leer,
            sorted(already, key=lambda e: e[0]),
            values,
            values_already,
        )


def _plan_values(
    t: Transaction, plans: list[tuple[Ort, Wertzeile]], zellen: dict[Ort, dict[str, str]], bad: list[tuple[Ort, str]]
) -> tuple[list[tuple[Ort, Wertzeile]], list[tuple[Ort, Wertzeile]]]:
    """Plan the values of the rows of indicators in their order, with the rules of ``luedialog wert``:
    (the planned ones, the ones already recorded); the refused ones go to ``bad``."""
    refused = _same_values(plans, zellen)
    bad += [(ort, f"({ident}): {why}") for ort, (ident, why) in refused.items()]
    planned: list[tuple[Ort, Wertzeile]] = []
    already: list[tuple[Ort, Wertzeile]] = []
    for ort, w in sorted(plans, key=lambda p: p[0]):
        if ort in refused:
            continue
        try:
            known, problems = abfrage_indikatoren.plan_row(t, w)
        except LuedialogError as exc:
            known, problems = False, [exc.message]
        bad += [(ort, f"({w.messung.indikator}): {p}") for p in problems]
        if known:
            already.append((ort, w))
        elif not problems:
            planned.append((ort, w))
    return planned, already


def _plan_measure(
    t: Transaction, ident: str, group: list[_Vorhaben], bad: list[tuple[Ort, str]], already: list[tuple[Ort, Eintrag]]
) -> list[tuple[Ort, Eintrag]]:
    """Check the rows of one measure in order against its history and plan them in one change of its
    file: parsed once, appended once, read back once (linear in the rows, however many a measure has)."""
    config = t.snapshot.config
    try:
        name = file_of(t, ident)
        loaded = t.snapshot.files.get(name)
        if name not in t.changes and loaded and loaded.document and loaded.raw and isinstance(loaded.obj, Massnahme):
            doc, before, raw = loaded.document, loaded.obj, loaded.raw  # as loaded: no second parse
        else:
            doc, before, raw = current_measure(t, name)
    except LuedialogError as exc:
        bad += [(plan.ort, f"({ident}): {exc.message}") for plan in group]
        return []
    recorded = {entry_values(v) for v in before.verlauf}
    state = before
    accepted: list[tuple[Ort, Eintrag]] = []
    for plan in group:
        status = plan.status or (state.verlauf[-1].status if state.verlauf else "")
        e = Eintrag(ident, status, plan.notiz, plan.datum, plan.von, plan.fortschritt, plan.nachweis).normalized()
        if entry_values(e) in recorded:
            already.append((plan.ort, e))
            continue
        if status in config.status_keys and config.status_def(status).nachweis and not e.nachweis:
            bad.append(
                (
                    plan.ort,
                    f"({ident}): Spalte „Nachweis“ ist leer; für den Status „{_label(config, status)}“ ist ein "
                    "Nachweis nötig (z. B. Ratsvorlage, Link oder Dokument).",
                )
            )
            continue
        problems = entry_problems(config, state, e, t.today)
        if problems:
            bad.append((plan.ort, f"({ident}): " + " ".join(problems)))
            continue
        accepted.append((plan.ort, e))
        entry = VerlaufEintrag(e.datum, e.status, e.notiz, 0, e.von, e.nachweis, e.fortschritt)
        state = replace(state, verlauf=(*state.verlauf, entry))
    if accepted and doc is not None:
        new = append_entries(raw, doc, "verlauf", *(e.fields() for _, e in accepted))
        _read_back(name, raw, new, [e for _, e in accepted])
        t.change(name, new)
    return accepted


def _read_back(name: str, old: bytes, new: bytes, added: list[Eintrag]) -> None:
    """Only lines were added, and they read back as exactly the added entries (the file is not parsed
    again here: the commit validates the whole project with the new file)."""
    items = appended_items(old, new) or []
    values = [tuple(i.get(f) for f in ENTRY_FIELDS) if isinstance(i, dict) else None for i in items]
    if values != [entry_values(e) for e in added]:  # pragma: no cover - a bug in the writer
        raise RuntimeError(f"Die neuen Einträge in {name} ließen sich nicht fehlerfrei zurücklesen.")


def einlesen_datei(root: Path, datei: Path, today: date, *, dry_run: bool = False) -> Ergebnis:
    """Read the filled sheet ``datei`` and apply it (see :func:`einlesen`)."""
    return einlesen(root, read_input(datei), today, dry_run=dry_run)
