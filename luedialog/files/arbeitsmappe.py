"""Excel workbooks (``.xlsx``) as staff fill them, written and read with openpyxl.

Writing (:func:`workbook`): each sheet has a bold header row that stays in view, columns of text,
dates (shown ``TT.MM.JJJJ``) or percentages, widths that fit the content, and an auto filter.
Columns only to be read are locked and shaded; the sheet is protected without a password, so
only the cells to fill in can be changed (a user who must can lift the protection). A column may
offer a drop-down per row (a data validation over a list on the hidden sheet „Auswahl“). Text is
always written as text, never as a formula.

Reading (:func:`read_workbook`): every worksheet with its rows as cell texts, numbered as Excel
shows them, each value as the user saw it: a date as ``2010-03-15``, a percentage as ``70 %``, a
number with a decimal comma. Nothing is evaluated: a formula or an error value is reported for
its cell instead of being read. A file that is not a workbook, an OpenDocument or old Excel file,
and a workbook that unpacks to more than :data:`MAX_UNPACKED_BYTES` are refused with what to do.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from luedialog.errors import LuedialogError
from luedialog.files.tabelle import Rohblatt

MAX_UNPACKED_BYTES = 64 * 1024 * 1024
LISTS_SHEET = "Auswahl"
DATE_FORMAT = "DD.MM.YYYY"  # German Excel shows TT.MM.JJJJ
PERCENT_FORMAT = "0%"
SHADE = "FFE7E6E6"  # light grey: to read, not to fill in
HEADER_SHADE = "FFD0CECE"
MAX_WIDTH = 60
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97–2003) and password-protected workbooks
SAVE_AS = "Speichern Sie die Tabelle als Excel-Arbeitsmappe (.xlsx) oder als CSV-Datei und lesen Sie diese ein."

Art = Literal["text", "datum", "prozent"]
Wert = str | date | int | None  # a percentage as a whole number 0…100


@dataclass(frozen=True)
class Spalte:
    name: str
    art: Art = "text"
    fest: bool = False  # to be read only: locked and shaded
    umbruch: bool = False  # long text: wrapped


@dataclass(frozen=True)
class Blatt:
    """A sheet to write: a header row and rows of values, one per column."""

    name: str
    spalten: tuple[Spalte, ...]
    zeilen: Sequence[Sequence[Wert]]
    # column name → the values to choose from, per row (a drop-down in that row's cell)
    auswahl: dict[str, Sequence[Sequence[str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Hinweisblatt:
    """A sheet of explanations: rows of (term, explanation); a row whose explanation is None is a heading."""

    name: str
    zeilen: Sequence[tuple[str, str | None]]


def _text(value: str) -> str:
    """Text as openpyxl may store it: control characters it refuses become U+FFFD (data never has them)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def _width(spalte: Spalte, values: list[Wert]) -> float:
    longest = len(spalte.name)
    for value in values:
        if isinstance(value, date):
            longest = max(longest, 10)
        elif value is not None:
            longest = max(longest, *(len(line) for line in str(value).split("\n")))
    return float(min(longest + 2, MAX_WIDTH if spalte.umbruch else MAX_WIDTH // 2 * 3 // 2))


def _ranges(letter: str, rows: list[int]) -> list[str]:
    """``["I2:I5", "I8"]`` for rows 2, 3, 4, 5, 8."""
    result: list[str] = []
    start = previous = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == previous + 1:
            previous = row
            continue
        result.append(f"{letter}{start}" if start == previous else f"{letter}{start}:{letter}{previous}")
        if row is not None:
            start = previous = row
    return result


def workbook(blaetter: Sequence[Blatt], hinweise: Hinweisblatt | None = None) -> bytes:
    """The workbook as bytes: the sheets in order, then the explanations, then the hidden lists."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.protection import SheetProtection

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    bold = Font(bold=True)
    wrapped = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    header = NamedStyle("Abfrage: Kopfzeile", font=bold, fill=PatternFill("solid", fgColor=HEADER_SHADE))
    header.alignment = top
    book.add_named_style(header)
    styles: dict[tuple[bool, str, bool], str] = {}  # one named style per kind of column: cheap per cell

    def style(spalte: Spalte) -> str:
        key = (spalte.fest, spalte.art, spalte.umbruch)
        if key not in styles:
            name = (
                "Abfrage: "
                + ("gesperrt" if spalte.fest else "auszufüllen")
                + {"text": ""}.get(spalte.art, f", {spalte.art}")
                + (", Umbruch" if spalte.umbruch else "")
            )
            named = NamedStyle(
                name, number_format={"datum": DATE_FORMAT, "prozent": PERCENT_FORMAT}.get(spalte.art, "General")
            )
            named.alignment = wrapped if spalte.umbruch else top
            named.protection = Protection(locked=spalte.fest)
            if spalte.fest:
                named.fill = PatternFill("solid", fgColor=SHADE)
            book.add_named_style(named)
            styles[key] = name
        return styles[key]

    lists: dict[tuple[str, ...], str] = {}  # a list of choices → its range on the hidden sheet
    pending: list[tuple[Any, str, list[list[int]], list[tuple[str, ...]]]] = []
    for blatt in blaetter:
        sheet = book.create_sheet(blatt.name)
        for column, spalte in enumerate(blatt.spalten, start=1):
            cell = sheet.cell(row=1, column=column, value=_text(spalte.name))
            cell.data_type = "s"
            cell.style = header.name
        names = [style(spalte) for spalte in blatt.spalten]
        for row, values in enumerate(blatt.zeilen, start=2):
            for column, (spalte, value) in enumerate(zip(blatt.spalten, values, strict=True), start=1):
                cell = sheet.cell(row=row, column=column)
                if isinstance(value, str):
                    cell.value = _text(value)
                    cell.data_type = "s"  # never a formula, whatever the text begins with
                elif spalte.art == "prozent" and isinstance(value, int):
                    cell.value = value / 100
                elif value is not None:
                    cell.value = value
                cell.style = names[column - 1]
        for column, spalte in enumerate(blatt.spalten, start=1):
            letter = get_column_letter(column)
            values = [row[column - 1] for row in blatt.zeilen]
            sheet.column_dimensions[letter].width = _width(spalte, values)
            choices = blatt.auswahl.get(spalte.name)
            if choices is not None:
                by_list: dict[tuple[str, ...], list[int]] = {}
                for row, options in enumerate(choices, start=2):
                    by_list.setdefault(tuple(options), []).append(row)
                pending.append((sheet, letter, list(by_list.values()), list(by_list)))
        last = get_column_letter(len(blatt.spalten))
        sheet.freeze_panes = "C2" if len(blatt.spalten) > 2 else "A2"
        sheet.auto_filter.ref = f"A1:{last}{len(blatt.zeilen) + 1}"
        sheet.protection = SheetProtection(
            sheet=True, formatColumns=False, formatRows=False, autoFilter=False, selectLockedCells=False
        )
    if hinweise is not None:
        sheet = book.create_sheet(hinweise.name)
        sheet.column_dimensions["A"].width = 32
        sheet.column_dimensions["B"].width = 100
        for row, (term, text) in enumerate(hinweise.zeilen, start=1):
            a = sheet.cell(row=row, column=1, value=_text(term))
            a.data_type = "s"
            a.alignment = wrapped
            if text is None:
                a.font = bold
                continue
            b = sheet.cell(row=row, column=2, value=_text(text))
            b.data_type = "s"
            b.alignment = wrapped
        sheet.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False)
    if pending:
        store = book.create_sheet(LISTS_SHEET)
        store.sheet_state = "hidden"
        for sheet, letter, row_groups, options_list in pending:
            for rows, options in zip(row_groups, options_list, strict=True):
                if not options:  # nothing to choose from
                    continue
                if options not in lists:
                    place = get_column_letter(len(lists) + 1)
                    for row, option in enumerate(options, start=1):
                        cell = store.cell(row=row, column=len(lists) + 1, value=_text(option))
                        cell.data_type = "s"
                    lists[options] = f"{quote_sheetname(LISTS_SHEET)}!${place}$1:${place}${max(len(options), 1)}"
                validation = DataValidation(
                    type="list",
                    formula1=lists[options],
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="Kein möglicher Wert",
                    error="Bitte wählen Sie einen der möglichen Werte aus der Liste oder lassen Sie die Zelle leer.",
                    sqref=" ".join(_ranges(letter, rows)),  # at once: adding range by range is quadratic
                )
                sheet.add_data_validation(validation)
        store.protection = SheetProtection(sheet=True)
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- reading --------------------------------------------------------------------------------------


def _number(value: float) -> str:
    """A number as German Excel shows it: 70, 70,5, 1e+302 (never three hundred digits)."""
    if math.isfinite(value) and abs(value) < 1e15 and abs(value - round(value)) < 1e-9:
        return str(round(value))
    return repr(value).replace(".", ",")


def _cell_text(value: object, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "WAHR" if value else "FALSCH"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            return _number(value * 100) + " %"
        return _number(float(value))
    return str(value)


def kind_of(raw: bytes) -> str:
    """``xlsx``, ``ods``, ``xls`` (old Excel or an encrypted workbook), ``zip``, ``pdf`` or ``text``, by content."""
    if raw.startswith(OLE_MAGIC):
        return "xls"
    if raw.startswith(b"%PDF"):
        return "pdf"
    if not raw.startswith(ZIP_MAGIC):
        return "text"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
                return "ods"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return "zip"
    return "xlsx" if "xl/workbook.xml" in names else "zip"


def refuse_other_kinds(kind: str) -> None:
    """A plain German refusal for what is neither a workbook nor text."""
    if kind == "ods":
        raise LuedialogError(
            "Die Datei ist eine LibreOffice-/OpenDocument-Tabelle (.ods); gelesen werden .xlsx und CSV.",
            hint="Speichern Sie sie in LibreOffice mit „Datei › Speichern unter…“ als „Excel 2007-365 (.xlsx)“ "
            "oder als „Text CSV (.csv)“ und lesen Sie diese Datei ein.",
        )
    if kind == "xls":
        raise LuedialogError(
            "Die Datei ist eine alte Excel-Tabelle (.xls, Excel 97–2003) oder mit einem Kennwort verschlüsselt; "
            "gelesen werden .xlsx und CSV.",
            hint="Speichern Sie sie in Excel ohne Kennwort als „Excel-Arbeitsmappe (.xlsx)“ und lesen Sie diese ein.",
        )
    if kind == "pdf":
        raise LuedialogError("Die Datei ist ein PDF, keine Tabelle.", hint=SAVE_AS)
    if kind == "zip":
        raise LuedialogError("Die Datei ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe.", hint=SAVE_AS)


def read_workbook(raw: bytes) -> list[Rohblatt]:
    """Every worksheet of the workbook ``raw``, in order (see the module's description)."""
    refuse_other_kinds(kind_of(raw))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LuedialogError(f"Die Excel-Arbeitsmappe ist beschädigt ({exc}).", hint=SAVE_AS) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise LuedialogError(
            f"Die Arbeitsmappe wäre entpackt {unpacked / (1024 * 1024):.0f} MB groß; erlaubt sind höchstens "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB.",
            hint="Speichern Sie nur die Tabelle der Abfrage, ohne Bilder und weitere Blätter.",
        )
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file; none is the user's bug
        raise LuedialogError(
            f"Die Excel-Arbeitsmappe kann nicht gelesen werden (beschädigt?): {type(exc).__name__}.", hint=SAVE_AS
        ) from None
    try:
        return [_sheet(sheet) for sheet in book.worksheets]
    except LuedialogError:
        raise
    except Exception as exc:  # as above: a damaged sheet inside a readable package
        raise LuedialogError(
            f"Ein Blatt der Excel-Arbeitsmappe kann nicht gelesen werden (beschädigt?): {type(exc).__name__}.",
            hint=SAVE_AS,
        ) from None
    finally:
        book.close()


def _sheet(sheet: Any) -> Rohblatt:
    """The rows that hold anything (numbered as Excel shows them), whatever size the sheet claims to have."""
    rows: list[tuple[int, list[str]]] = []
    problems: dict[tuple[int, int], str] = {}
    number = 0
    sheet.reset_dimensions()  # the stored size may be stale: rows beyond it would be lost without a word
    for cells in sheet.iter_rows(min_row=1):
        number += 1
        texts: list[str] = []
        for index, cell in enumerate(cells):
            number = getattr(cell, "row", None) or number
            kind = getattr(cell, "data_type", None)
            value = getattr(cell, "value", None)
            if kind == "f":
                problems[(number, index)] = (
                    f"die Zelle enthält eine Formel ({str(value)[:40]}); Formeln werden nicht ausgewertet – "
                    "bitte den Wert selbst eintragen"
                )
                texts.append("")
                continue
            if kind == "e":
                problems[(number, index)] = f"die Zelle zeigt den Fehler {value}"
                texts.append("")
                continue
            texts.append(_cell_text(value, getattr(cell, "number_format", None)))
        while texts and not texts[-1] and (number, len(texts) - 1) not in problems:
            texts.pop()
        if texts:
            rows.append((number, texts))
    return Rohblatt(str(sheet.title), rows, problems)
