"""The Sachstandsabfrage as an Excel workbook: `abfrage erstellen --format xlsx`, `abfrage einlesen DATEI.xlsx`,
and `export --format xlsx`, whose rows read back the same way.

The workbooks are filled with openpyxl as Excel fills them: real date cells, numbers in percent cells,
text where a number belongs, a sheet added, a row deleted.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from luedialog.services.abfrage import COLUMNS
from tests.conftest import Projekt, Run, daten, verlauf

M1 = "data/massnahmen/M-BIL-01.yaml"  # in_umsetzung since 01.09.2009, overdue after 30.06.2010
M2 = "data/massnahmen/M-BIL-02.yaml"  # geplant since 01.02.2009
W1 = "data/massnahmen/M-WOH-01.yaml"  # in_umsetzung on 31.12.2010, umgesetzt since 01.04.2011
FILL = {name: COLUMNS.index(name) + 1 for name in COLUMNS}  # column numbers


def erstellen(projekt: Projekt, target: Path, *args: str) -> Run:
    return projekt.run("abfrage", "erstellen", "--ausgabe", str(target), "--stichtag", "2010-12-31", *args)


def mappe(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


def blatt(book: openpyxl.Workbook, name: str) -> Worksheet:
    sheet = book[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def werte(sheet: Worksheet) -> list[list[Any]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def choices(sheet: Worksheet, book: openpyxl.Workbook, cell: str) -> list[str]:
    """The values of the drop-down of ``cell`` (a list validation over a range of the hidden sheet)."""
    found = [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, cell
    dv = found[0]
    assert (dv.type, dv.allow_blank, dv.showErrorMessage, dv.showDropDown) == ("list", True, True, False)
    sheet_name, cells = str(dv.formula1).split("!")
    source = blatt(book, sheet_name.strip("'"))
    return [str(c.value) for row in source[cells.replace("$", "")] for c in row]


def fill(path: Path, sheet_name: str, rows: dict[int, dict[str, Any]]) -> None:
    """Type values into the workbook at ``path`` as a user would in Excel, and save it."""
    book = mappe(path)
    sheet = blatt(book, sheet_name)
    for row, values in rows.items():
        for column, value in values.items():
            sheet.cell(row=row, column=FILL[column]).value = value
    book.save(path)


def einlesen(projekt: Projekt, path: Path, *args: str) -> Run:
    return projekt.run("abfrage", "einlesen", str(path), *args)


# --- abfrage erstellen --format xlsx --------------------------------------------------------------------


def test_erstellen_writes_a_workbook_when_the_file_ends_in_xlsx(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "abfrage.xlsx"
    result = erstellen(projekt, target)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"Geschrieben: {target} (3 Maßnahmen)\n")
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["abfrage.xlsx"]  # no notes file beside it
    book = mappe(target)
    assert book.sheetnames == ["Sachstandsabfrage", "Hinweise", "Auswahl"]
    assert [blatt(book, n).sheet_state for n in book.sheetnames] == ["visible", "visible", "hidden"]
    assert book.active is not None and book.active.title == "Sachstandsabfrage"
    assert werte(blatt(book, "Sachstandsabfrage")) == [
        list(COLUMNS),
        ["M-BIL-01", "Schwimmkurse", "Bildung", None, "In Umsetzung", datetime(2009, 9, 1), "Erste Kurse laufen."]
        + ["In Umsetzung, Umgesetzt, Eingestellt", None, None, None, None, None, None],
        ["M-BIL-02", "Lehrschwimmbecken", "Bildung", None, "Geplant", datetime(2009, 2, 1), "Stand laut Vorlage."]
        + ["Geplant, In Umsetzung, Eingestellt", None, None, None, None, None, None],
        ["M-WOH-01", "Hafenpromenade", "Wohnen", None, "In Umsetzung", datetime(2010, 5, 1), "Bauarbeiten begonnen."]
        + ["In Umsetzung, Umgesetzt, Eingestellt", None, None, None, None, None, None],
    ]


def test_the_columns_to_read_are_locked_and_shaded_the_others_open(projekt: Projekt, tmp_path: Path) -> None:
    erstellen(projekt, tmp_path / "abfrage.xlsx")
    sheet = blatt(mappe(tmp_path / "abfrage.xlsx"), "Sachstandsabfrage")
    assert sheet.protection.sheet is True and sheet.protection.password is None  # no password: staff may lift it
    assert (sheet.protection.formatColumns, sheet.protection.formatRows, sheet.protection.autoFilter) == (
        False,
        False,
        False,
    )
    for row in (2, 3, 4):
        cells = {name: sheet.cell(row=row, column=number) for name, number in FILL.items()}
        locked = [name for name, cell in cells.items() if cell.protection.locked]
        shaded = [name for name, cell in cells.items() if cell.fill.fill_type == "solid"]
        assert locked == shaded == list(COLUMNS[:8])
        assert cells["ID"].fill.fgColor.rgb == "FFE7E6E6"
    assert all(cell.font.bold for cell in sheet[1])


def test_cells_show_dates_and_percentages_and_the_header_stays_in_view(projekt: Projekt, tmp_path: Path) -> None:
    erstellen(projekt, tmp_path / "abfrage.xlsx")
    sheet = blatt(mappe(tmp_path / "abfrage.xlsx"), "Sachstandsabfrage")
    for row in (2, 3, 4):
        assert sheet.cell(row=row, column=FILL["Stand vom"]).number_format == "DD.MM.YYYY"
        assert sheet.cell(row=row, column=FILL["Datum"]).number_format == "DD.MM.YYYY"
        assert sheet.cell(row=row, column=FILL["Fortschritt"]).number_format == "0%"
        assert sheet.cell(row=row, column=FILL["Notiz"]).alignment.wrap_text is True
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == "A1:N4"
    widths = {name: sheet.column_dimensions[chr(64 + number)].width for name, number in FILL.items()}
    assert widths["ID"] == len("M-BIL-01") + 2
    assert widths["Titel"] == len("Lehrschwimmbecken") + 2
    assert widths["Mögliche neue Status"] == len("In Umsetzung, Umgesetzt, Eingestellt") + 2
    assert widths["Datum"] == len("Datum") + 2 and widths["Stand vom"] == 12


def test_each_new_status_cell_offers_the_statuses_allowed_after_the_current(projekt: Projekt, tmp_path: Path) -> None:
    erstellen(projekt, tmp_path / "abfrage.xlsx")
    book = mappe(tmp_path / "abfrage.xlsx")
    sheet = blatt(book, "Sachstandsabfrage")
    assert choices(sheet, book, "I2") == ["In Umsetzung", "Umgesetzt", "Eingestellt"]
    assert choices(sheet, book, "I3") == ["Geplant", "In Umsetzung", "Eingestellt"]
    assert choices(sheet, book, "I4") == ["In Umsetzung", "Umgesetzt", "Eingestellt"]
    assert not [dv for dv in sheet.data_validations.dataValidation if "H2" in dv.sqref or "J2" in dv.sqref]


def test_the_notes_sheet_explains_every_column(projekt: Projekt, tmp_path: Path) -> None:
    erstellen(projekt, tmp_path / "abfrage.xlsx")
    notes = werte(blatt(mappe(tmp_path / "abfrage.xlsx"), "Hinweise"))
    assert notes[0] == ["Sachstandsabfrage Musterdialog – Stand 31.12.2010", None]
    explained = {name for term, text in notes if text for name in str(term).split(", ")}
    assert explained >= set(COLUMNS)
    assert [
        "Nachweis",
        "Ratsvorlage, Link oder Dokument (Pflicht, wenn der neue Status „Umgesetzt“ ist).",
    ] in notes
    assert ["In Umsetzung (in_umsetzung)", "–"] in notes
    assert [
        "Speichern",
        "Speichern Sie die Datei wieder als Excel-Arbeitsmappe (.xlsx) und geben Sie sie zurück. Grau hinterlegte "
        "Spalten sind gesperrt; den neuen Status wählen Sie aus der Liste der Zelle.",
    ] in notes


def test_one_sheet_per_responsible_office(projekt: Projekt, tmp_path: Path) -> None:
    projekt.replace(M2, "art: massnahme\n", "art: massnahme\nverantwortlich: FB 3\n")
    projekt.replace(W1, "art: projekt\n", "art: projekt\nverantwortlich: FB 3/Hafen\n")
    target = tmp_path / "abfrage.xlsx"
    assert erstellen(projekt, target, "--je-verantwortlich").exit_code == 0
    book = mappe(target)
    assert book.sheetnames == ["FB 3", "FB 3_Hafen", "ohne Verantwortlich", "Hinweise", "Auswahl"]
    assert [[row[0] for row in werte(blatt(book, name))[1:]] for name in book.sheetnames[:3]] == [
        ["M-BIL-02"],
        ["M-WOH-01"],
        ["M-BIL-01"],
    ]
    assert choices(blatt(book, "FB 3"), book, "I2") == ["Geplant", "In Umsetzung", "Eingestellt"]


def test_a_text_that_looks_like_a_formula_is_written_as_text(projekt: Projekt, tmp_path: Path) -> None:
    projekt.replace(M2, "titel: Lehrschwimmbecken", 'titel: "=SUMME(A1:A9)"')
    target = tmp_path / "abfrage.xlsx"
    erstellen(projekt, target)
    cell = blatt(mappe(target), "Sachstandsabfrage")["B3"]
    assert (cell.value, cell.data_type) == ("=SUMME(A1:A9)", "s")
    with zipfile.ZipFile(target) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "xlsx", "--ausgabe", "abfrage.csv"],
            "--ausgabe abfrage.csv passt nicht zu --format xlsx: die Datei braucht die Endung .xlsx.",
        ),
        (
            ["--format", "csv", "--ausgabe", "abfrage.xlsx"],
            "--ausgabe abfrage.xlsx passt nicht zu --format csv: die Datei braucht die Endung zum Beispiel .csv.",
        ),
        (
            ["--je-verantwortlich", "--ausgabe", "abfrage.csv"],
            "--je-verantwortlich geht nur mit --format xlsx: eine CSV-Datei hat nur ein Blatt.",
        ),
    ],
)
def test_format_and_file_name_must_agree(projekt: Projekt, args: list[str], message: str) -> None:
    result = projekt.run("abfrage", "erstellen", *args)
    assert (result.exit_code, result.stderr) == (2, f"Fehler: {message}\n")


def test_format_xlsx_without_a_file_name_uses_the_date(
    projekt: Projekt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = projekt.run("abfrage", "erstellen", "--format", "xlsx", "--stichtag", "31.12.2010")
    assert result.stderr == "Geschrieben: sachstandsabfrage-2010-12-31.xlsx (3 Maßnahmen)\n"
    assert mappe(tmp_path / "sachstandsabfrage-2010-12-31.xlsx").sheetnames[0] == "Sachstandsabfrage"


# --- abfrage einlesen DATEI.xlsx ---------------------------------------------------------------------------


NEW_M1 = (
    "  - datum: 2010-03-15\n    status: in_umsetzung\n    notiz: Kurse für Flüchtlingskinder ergänzt\n"
    "    von: Schulamt Süd\n    fortschritt: 70\n"
).encode()
NEW_M2 = b"  - datum: 2010-03-01\n    status: in_umsetzung\n    notiz: Bauantrag gestellt\n    fortschritt: 10\n"


@pytest.fixture
def abfrage(projekt: Projekt, tmp_path: Path) -> Path:
    target = tmp_path / "abfrage.xlsx"
    assert erstellen(projekt, target).exit_code == 0
    return target


def test_a_workbook_filled_as_excel_fills_it_is_read(projekt: Projekt, abfrage: Path) -> None:
    before = daten(projekt.root)
    fill(
        abfrage,
        "Sachstandsabfrage",
        {
            2: {  # a real date cell and a number in the percent cell, as Excel stores "70 %"
                "Datum": datetime(2010, 3, 15),
                "Notiz": "Kurse für Flüchtlingskinder ergänzt",
                "Fortschritt": 0.7,
                "Berichtet von": "Schulamt Süd",
            },
            3: {"Neuer Status": "In Umsetzung", "Datum": datetime(2010, 3, 1), "Notiz": "Bauantrag gestellt"}
            | {"Fortschritt": 0.1},
        },
    )
    result = einlesen(projekt, abfrage)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "Eingetragen: 2 Sachstände in 2 Dateien; 1 leere Zeile übersprungen.\n"
        "  Zeile 2: M-BIL-01 in_umsetzung (15.03.2010)\n"
        "  Zeile 3: M-BIL-02 in_umsetzung (01.03.2010)\n"
    )
    assert projekt.path(M1).read_bytes() == before[M1] + NEW_M1
    assert projekt.path(M2).read_bytes() == before[M2] + NEW_M2
    assert projekt.path(W1).read_bytes() == before[W1]
    again = einlesen(projekt, abfrage)
    assert again.stderr.splitlines()[0] == (
        "Eingetragen: 0 Sachstände in 0 Dateien; 1 leere Zeile übersprungen; 2 Zeilen waren schon eingetragen "
        "(Zeile 2, 3)."
    )


def test_text_where_a_number_or_date_belongs_is_read(projekt: Projekt, abfrage: Path) -> None:
    fill(
        abfrage,
        "Sachstandsabfrage",
        {
            2: {"Datum": "15.03.10", "Notiz": "Kurse für Flüchtlingskinder ergänzt", "Fortschritt": "70 %"}
            | {"Berichtet von": "Schulamt Süd"},
            3: {"Neuer Status": "in_umsetzung", "Datum": "2010-03-01", "Notiz": "Bauantrag gestellt"}
            | {"Fortschritt": 10},
        },
    )
    book = mappe(abfrage)  # the percent format of the cell was removed: 10 is a plain number
    blatt(book, "Sachstandsabfrage").cell(row=3, column=FILL["Fortschritt"]).number_format = "General"
    book.save(abfrage)
    before = daten(projekt.root)
    assert einlesen(projekt, abfrage).exit_code == 0
    assert projekt.path(M1).read_bytes() == before[M1] + NEW_M1
    assert projekt.path(M2).read_bytes() == before[M2] + NEW_M2


def test_an_added_sheet_and_a_deleted_row_do_not_disturb(projekt: Projekt, abfrage: Path) -> None:
    book = mappe(abfrage)
    sheet = blatt(book, "Sachstandsabfrage")
    sheet.delete_rows(2)  # M-BIL-01 is not ours
    sheet.cell(row=2, column=FILL["Datum"]).value = datetime(2010, 3, 1)
    sheet.cell(row=2, column=FILL["Notiz"]).value = "Bauantrag gestellt"
    sheet.cell(row=3, column=FILL["Notiz"]).value = "tbd"
    notes = book.create_sheet("Notizen", 0)
    notes["A1"] = "Rückfragen an Herrn Muster"
    book.save(abfrage)
    before = daten(projekt.root)
    result = einlesen(projekt, abfrage)
    assert (result.exit_code, result.stderr.splitlines()[1:]) == (
        1,
        [
            "  Zeile 3 (M-WOH-01): Spalte „Datum“ ist leer.",
            "  Zeile 3 (M-WOH-01): Spalte „Notiz“: „tbd“ ist ein "
            "Platzhalter; bitte den Sachstand in Worten beschreiben.",
        ],
    )
    assert daten(projekt.root) == before
    fill(abfrage, "Sachstandsabfrage", {3: {"Notiz": None}})
    result = einlesen(projekt, abfrage)
    assert result.stderr == (
        "Eingetragen: 1 Sachstand in 1 Datei; 1 leere Zeile übersprungen.\n  Zeile 2: M-BIL-02 geplant (01.03.2010)\n"
    )


def test_sheets_per_office_are_read_together_and_named_in_messages(projekt: Projekt, tmp_path: Path) -> None:
    projekt.replace(M2, "art: massnahme\n", "art: massnahme\nverantwortlich: FB 3\n")
    target = tmp_path / "abfrage.xlsx"
    assert erstellen(projekt, target, "--je-verantwortlich").exit_code == 0
    fill(target, "FB 3", {2: {"Datum": datetime(2010, 3, 1), "Notiz": "Bauantrag gestellt"}})
    fill(target, "ohne Verantwortlich", {2: {"Datum": datetime(2010, 3, 1)}})
    result = einlesen(projekt, target)
    assert result.stderr.splitlines()[1:] == [
        "  Blatt „ohne Verantwortlich“, Zeile 2 (M-BIL-01): Spalte „Notiz“ ist leer."
    ]
    fill(target, "ohne Verantwortlich", {2: {"Notiz": "Zweiter Kurs läuft"}})
    result = einlesen(projekt, target)
    assert result.stderr == (
        "Eingetragen: 2 Sachstände in 2 Dateien; 1 leere Zeile übersprungen.\n"
        "  Blatt „FB 3“, Zeile 2: M-BIL-02 geplant (01.03.2010)\n"
        "  Blatt „ohne Verantwortlich“, Zeile 2: M-BIL-01 in_umsetzung (01.03.2010)\n"
    )


def test_a_formula_or_an_error_value_is_not_read(projekt: Projekt, abfrage: Path) -> None:
    fill(
        abfrage,
        "Sachstandsabfrage",
        {
            2: {"Datum": "=HEUTE()", "Notiz": "Kurse laufen weiter"},
            3: {"Datum": datetime(2010, 3, 1), "Notiz": "Bauantrag gestellt", "Fortschritt": "#NV"},
        },
    )
    book = mappe(abfrage)
    blatt(book, "Sachstandsabfrage").cell(row=3, column=FILL["Fortschritt"]).data_type = "e"
    book.save(abfrage)
    before = daten(projekt.root)
    result = einlesen(projekt, abfrage)
    assert result.stderr.splitlines()[1:] == [
        "  Zeile 2 (M-BIL-01): Spalte „Datum“: die Zelle enthält eine Formel (=HEUTE()); Formeln werden nicht "
        "ausgewertet – bitte den Wert selbst eintragen.",
        "  Zeile 3 (M-BIL-02): Spalte „Fortschritt“: die Zelle zeigt den Fehler #NV.",
    ]
    assert daten(projekt.root) == before


def test_a_percent_cell_holding_a_whole_number_is_refused(projekt: Projekt, abfrage: Path) -> None:
    # 70 typed into a percent cell where the program does not divide by 100 shows 7000 %
    fill(abfrage, "Sachstandsabfrage", {3: {"Datum": datetime(2010, 3, 1), "Notiz": "Bauantrag", "Fortschritt": 70}})
    result = einlesen(projekt, abfrage)
    assert result.stderr.splitlines()[1:] == [
        "  Zeile 3 (M-BIL-02): Spalte „Fortschritt“: „7000 %“ liegt nicht zwischen 0 und 100."
    ]


def test_a_huge_number_is_shown_as_excel_shows_it_not_with_300_digits(projekt: Projekt, abfrage: Path) -> None:
    fill(abfrage, "Sachstandsabfrage", {3: {"Datum": datetime(2010, 3, 1), "Notiz": "Bauantrag", "Fortschritt": 1e300}})
    result = einlesen(projekt, abfrage)
    assert result.stderr.splitlines()[1:] == [
        "  Zeile 3 (M-BIL-02): Spalte „Fortschritt“: „1e+302 %“ ist keine Prozentzahl; erwartet wird eine ganze "
        "Zahl von 0 bis 100, z. B. 70 oder 70 %."
    ]


def test_a_date_number_without_date_format_is_refused(projekt: Projekt, abfrage: Path) -> None:
    book = mappe(abfrage)
    sheet = blatt(book, "Sachstandsabfrage")
    sheet.cell(row=3, column=FILL["Datum"]).value = 40238
    sheet.cell(row=3, column=FILL["Datum"]).number_format = "General"
    sheet.cell(row=3, column=FILL["Notiz"]).value = "Bauantrag gestellt"
    book.save(abfrage)
    result = einlesen(projekt, abfrage)
    assert result.stderr.splitlines()[1:] == [
        "  Zeile 3 (M-BIL-02): Spalte „Datum“: „40238“ ist kein Datum; erwartet wird z. B. 15.03.2010, 15.03.10 "
        "oder 2010-03-15."
    ]


def test_duplicates_are_refused_in_workbooks_too(projekt: Projekt, abfrage: Path) -> None:
    book = mappe(abfrage)
    sheet = blatt(book, "Sachstandsabfrage")
    sheet.protection.sheet = False
    sheet["A4"] = "M-BIL-02"  # the row of M-WOH-01 overwritten with a copy
    for row in (3, 4):
        sheet.cell(row=row, column=FILL["Datum"]).value = datetime(2010, 3, 1)
        sheet.cell(row=row, column=FILL["Notiz"]).value = "Bauantrag gestellt"
    sheet.cell(row=1, column=16).value = "ID"
    book.save(abfrage)
    result = einlesen(projekt, abfrage)
    assert result.stderr == (
        "Fehler: Blatt „Sachstandsabfrage“: In der Kopfzeile steht die Spalte „ID“ doppelt (Spalte A und P); so ist "
        "nicht klar, welche gilt. Löschen oder benennen Sie eine der beiden Spalten um.\n"
    )
    book = mappe(abfrage)
    blatt(book, "Sachstandsabfrage").cell(row=1, column=16).value = None
    book.save(abfrage)
    assert einlesen(projekt, abfrage).stderr.splitlines()[1:] == [
        "  Zeile 4 (M-BIL-02): dieselbe Zeile wie Zeile 3 (doppelt eingefügt?); bitte eine der beiden löschen."
    ]


def test_a_workbook_without_a_query_sheet_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Wert"])
    path = tmp_path / "fremd.xlsx"
    book.save(path)
    assert einlesen(projekt, path).stderr == (
        "Fehler: Kein Blatt der Arbeitsmappe hat in Zeile 1 die Spalte „ID“; es gibt nichts einzulesen. Lesen Sie die "
        "Arbeitsmappe ein, die „luedialog abfrage erstellen“ geschrieben hat.\n"
    )


def test_a_query_sheet_missing_columns_is_named(projekt: Projekt, abfrage: Path) -> None:
    book = mappe(abfrage)
    blatt(book, "Sachstandsabfrage").delete_cols(FILL["Nachweis"])
    book.save(abfrage)
    assert einlesen(projekt, abfrage).stderr == (
        "Fehler: Blatt „Sachstandsabfrage“: In der Kopfzeile fehlen die Spalten „Nachweis“. Erzeugen Sie die Abfrage "
        "mit „luedialog abfrage erstellen“ und ändern Sie die Kopfzeile nicht.\n"
    )


def ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        (
            "abfrage.ods",
            ods(),
            "Die Datei ist eine LibreOffice-/OpenDocument-Tabelle (.ods); gelesen werden .xlsx und CSV. Speichern Sie "
            "sie in LibreOffice mit „Datei › Speichern unter…“ als „Excel 2007-365 (.xlsx)“ oder als „Text CSV (.csv)“ "
            "und lesen Sie diese Datei ein.",
        ),
        (
            "abfrage.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "Die Datei ist eine alte Excel-Tabelle (.xls, Excel 97–2003) oder mit einem Kennwort verschlüsselt; "
            "gelesen werden .xlsx und CSV. Speichern Sie sie in Excel ohne Kennwort als „Excel-Arbeitsmappe (.xlsx)“ "
            "und lesen Sie diese ein.",
        ),
        (
            "abfrage.pdf",
            b"%PDF-1.7\n",
            "Die Datei ist ein PDF, keine Tabelle. Speichern Sie die Tabelle als Excel-Arbeitsmappe (.xlsx) oder als "
            "CSV-Datei und lesen Sie diese ein.",
        ),
        (
            "abfrage.zip",
            b"PK\x03\x04" + bytes(30),
            "Die Datei ist ein ZIP-Archiv, aber keine Excel-Arbeitsmappe. Speichern Sie die Tabelle als "
            "Excel-Arbeitsmappe (.xlsx) oder als CSV-Datei und lesen Sie diese ein.",
        ),
    ],
    ids=["ods", "xls", "pdf", "zip"],
)
def test_other_formats_are_refused_saying_what_to_do(
    projekt: Projekt, tmp_path: Path, name: str, raw: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    result = einlesen(projekt, path)
    assert (result.exit_code, result.stderr) == (1, f"Fehler: {message}\n")


def test_a_damaged_workbook_is_refused(projekt: Projekt, abfrage: Path) -> None:
    raw = abfrage.read_bytes()
    with zipfile.ZipFile(abfrage) as archive, zipfile.ZipFile(abfrage.with_name("kaputt.xlsx"), "w") as broken:
        for info in archive.infolist():
            data = archive.read(info)
            broken.writestr(info, data[: len(data) // 2] if info.filename.endswith("sheet1.xml") else data)
    result = einlesen(projekt, abfrage.with_name("kaputt.xlsx"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Fehler: Ein Blatt der Excel-Arbeitsmappe kann nicht gelesen werden (beschädigt?)")
    assert raw == abfrage.read_bytes()


def test_a_workbook_that_unpacks_to_too_much_is_refused(projekt: Projekt, abfrage: Path) -> None:
    with zipfile.ZipFile(abfrage, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/bild.bin", bytes(65 * 1024 * 1024))
    assert abfrage.stat().st_size < 1024 * 1024
    result = einlesen(projekt, abfrage)
    assert (result.exit_code, result.stderr) == (
        1,
        "Fehler: Die Arbeitsmappe wäre entpackt 65 MB groß; erlaubt sind höchstens 64 MB. Speichern Sie nur die "
        "Tabelle der Abfrage, ohne Bilder und weitere Blätter.\n",
    )


def rewritten(path: Path, part: str, change: Callable[[str], str]) -> None:
    """The workbook at ``path`` with one of its XML parts changed (as another program might write it)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_rows_beyond_a_stale_sheet_size_are_read(projekt: Projekt, abfrage: Path) -> None:
    fill(abfrage, "Sachstandsabfrage", {4: {"Datum": datetime(2010, 6, 1), "Notiz": "Halb fertig", "Nachweis": "B"}})
    rewritten(
        abfrage,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:N2"', xml),
    )
    result = einlesen(projekt, abfrage)
    assert result.stderr.splitlines()[1:] == [
        "  Zeile 4 (M-WOH-01): Das Datum 01.06.2010 liegt vor dem letzten Eintrag "
        "(01.04.2011); der Verlauf wird nur fortgeschrieben."
    ]


def test_a_cell_in_the_last_row_and_column_of_a_sheet_is_no_trouble(projekt: Projekt, abfrage: Path) -> None:
    book = mappe(abfrage)
    blatt(book, "Notizen" if "Notizen" in book.sheetnames else "Hinweise")["XFD1048576"] = "Ende"
    book.save(abfrage)
    result = einlesen(projekt, abfrage)
    assert (result.exit_code, result.stderr) == (
        0,
        "Eingetragen: 0 Sachstände in 0 Dateien; 3 leere Zeilen übersprungen.\n",
    )


# --- export --format xlsx: the same columns, so an export can be filled in and read back --------------------


def test_export_xlsx_has_the_query_columns_and_reads_back(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "export.xlsx"
    result = projekt.run("export", "--ausgabe", str(target), "--stichtag", "2011-12-31")
    assert (result.exit_code, result.stderr) == (0, f"Geschrieben: {target}\n")
    book = mappe(target)
    assert book.sheetnames == ["Maßnahmen", "Hinweise", "Auswahl"]
    sheet = blatt(book, "Maßnahmen")
    rows = werte(sheet)
    assert tuple(rows[0][: len(COLUMNS)]) == COLUMNS
    assert rows[0][len(COLUMNS) :] == [
        "Art",
        "Aktueller Fortschritt",
        "Priorisiert",
        "Leitlinien",
        "Teil von",
        "Stadtteile",
        "Gruppen",
        "Zieldatum",
        "Überfällig",
        "Veraltet",
        "Datei",
    ]
    assert [row[0] for row in rows[1:]] == ["M-BIL-01", "M-BIL-02", "M-WOH-01"]  # also the finished one
    assert rows[3][4] == "Umgesetzt" and choices(sheet, book, "I4") == ["Umgesetzt"]
    assert sheet.cell(row=2, column=len(COLUMNS) + 8).value == datetime(2010, 6, 30)
    explained = {n for term, text in werte(blatt(book, "Hinweise")) if text for n in str(term).split(", ")}
    assert explained >= set(rows[0])
    fill(target, "Maßnahmen", {3: {"Neuer Status": "In Umsetzung", "Datum": date(2011, 3, 1), "Notiz": "Bau läuft"}})
    before = daten(projekt.root)
    result = einlesen(projekt, target)
    assert result.stderr == (
        "Eingetragen: 1 Sachstand in 1 Datei; 2 leere Zeilen übersprungen.\n"
        "  Zeile 3: M-BIL-02 in_umsetzung (01.03.2011)\n"
    )
    assert (
        projekt.path(M2).read_bytes()
        == before[M2] + b"  - datum: 2011-03-01\n    status: in_umsetzung\n    notiz: Bau l\xc3\xa4uft\n"
    )
    assert verlauf(projekt.path(M2))[-1]["status"] == "in_umsetzung"


def test_export_xlsx_needs_a_file(projekt: Projekt) -> None:
    result = projekt.run("export", "--format", "xlsx")
    assert (result.exit_code, result.stderr) == (
        2,
        "Fehler: Eine Excel-Arbeitsmappe gehört in eine Datei: --ausgabe DATEI.xlsx\n",
    )
