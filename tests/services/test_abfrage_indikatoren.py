"""The yearly query with indicators (`abfrage erstellen --indikatoren`): one row per indicator and
breakdown value with empty cells for year, value and source — in a workbook on the sheet
„Indikatoren“, in a CSV file below the measures — and `abfrage einlesen` records the filled ones
together with the status rows, with the rules of `luedialog wert`: all or nothing."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from luedialog.services.abfrage import COLUMNS
from luedialog.services.abfrage_indikatoren import INDICATOR_COLUMNS, SHEET_COLUMNS
from tests.conftest import Projekt, Run, daten

B1 = "data/indikatoren/I-BIL-01.yaml"  # Prozent, by Stadtteil, Jugendamt
B3 = "data/indikatoren/I-BIL-03.yaml"  # Anzahl, no values yet
W2 = "data/indikatoren/I-WOH-02.yaml"  # Anzahl, Amt für Wohnungswesen
D1 = "data/indikatoren/I-DIA-01.yaml"  # Prozent, by Zuwanderungsgeschichte, Integrationsbüro
M2 = "data/massnahmen/M-DIA-02.yaml"  # in_umsetzung since 01.09.2011, Integrationsbüro
CSV_HEADER = [*COLUMNS, *INDICATOR_COLUMNS]
ALTSTADT = (
    "  - jahr: 2011\n    wert: 88.5\n    aufschluesselung:\n      Stadtteil: Altstadt\n"
    "    quelle: Kita-Statistik 2011\n    erfasst: 2012-01-15\n"
)
WOHNUNGEN = (
    "  - jahr: 2012\n    wert: 61\n    quelle: Förderbericht 2012\n    erfasst: 2012-12-01\n"
    "    von: Amt für Wohnungswesen\n"
)
SACHSTAND = (
    "  - datum: 2011-12-01\n    status: in_umsetzung\n    notiz: Neun von zehn Sprachen sind fertig.\n"
    "    von: Integrationsbüro\n"
)


def erstellen(projekt: Projekt, target: Path, *args: str) -> Run:
    return projekt.run("abfrage", "erstellen", "--ausgabe", str(target), "--stichtag", "2011-12-31", *args)


def einlesen(projekt: Projekt, path: Path, *args: str) -> Run:
    return projekt.run("abfrage", "einlesen", str(path), *args)


# --- the CSV file -------------------------------------------------------------------------------------


def tabelle(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def zurueck(tmp_path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    """The sheet as Excel saves it again."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    path = tmp_path / "rueckmeldung.csv"
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return path


def row(rows: list[dict[str, str]], ident: str, teil: str = "Gesamt") -> tuple[int, dict[str, str]]:
    """The row number (as Excel shows it) and the cells of an indicator's row."""
    return next((n, r) for n, r in enumerate(rows, start=2) if r["ID"] == ident and r["Aufschlüsselung"] == teil)


@pytest.fixture
def alle(berichtsstadt: Projekt, tmp_path: Path) -> tuple[list[str], list[dict[str, str]]]:
    assert erstellen(berichtsstadt, tmp_path / "alle.csv", "--indikatoren").exit_code == 0
    return tabelle(tmp_path / "alle.csv")


def test_without_the_option_the_sheet_is_as_before(berichtsstadt: Projekt, tmp_path: Path) -> None:
    result = erstellen(berichtsstadt, tmp_path / "a.csv")
    header, rows = tabelle(tmp_path / "a.csv")
    assert result.stderr == f"Geschrieben: {tmp_path / 'a.csv'} (3 Maßnahmen) und {tmp_path / 'a-hinweise.txt'}\n"
    assert header == list(COLUMNS) and [r["ID"] for r in rows] == ["M-DIA-02", "M-DIA-03", "M-WOH-02"]
    assert "Indikator" not in (tmp_path / "a-hinweise.txt").read_text(encoding="utf-8")


def test_one_row_per_indicator_and_breakdown_value(berichtsstadt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "jugendamt.csv"
    result = erstellen(berichtsstadt, target, "--indikatoren", "--verantwortlich", "Jugendamt")
    assert (result.exit_code, result.stderr) == (
        0,
        f"Geschrieben: {target} (0 Maßnahmen, 4 Zeilen für Indikatoren) und {tmp_path / 'jugendamt-hinweise.txt'}\n",
    )
    header, rows = tabelle(target)
    assert header == CSV_HEADER
    assert [(r["ID"], r["Aufschlüsselung"], r["Stand vom"], r["Letzte Notiz"]) for r in rows] == [
        ("I-BIL-01", "Gesamt", "20.12.2011", "2011: 92 %"),
        ("I-BIL-01", "Stadtteil: Nordviertel", "15.12.2010", "2010: 85 %"),
        ("I-BIL-01", "Stadtteil: Südhafen", "15.12.2010", "2010: 72,5 %"),
        ("I-BIL-01", "Stadtteil: Altstadt", "", ""),
    ]
    assert {(r["Titel"], r["Handlungsfeld"], r["Verantwortlich"], r["Aktueller Status"]) for r in rows} == {
        ("Anteil der Kinder in einer Kindertagesstätte", "Bildung", "Jugendamt", "Indikator (Prozent)")
    }
    to_fill = ("Mögliche neue Status", "Neuer Status", "Datum", "Notiz", "Nachweis", "Fortschritt")
    assert {r[name] for r in rows for name in (*to_fill, "Berichtet von", "Jahr", "Wert", "Quelle")} == {""}
    hints = (tmp_path / "jugendamt-hinweise.txt").read_text(encoding="utf-8")
    assert "\nIndikatoren:\n- Die Zeilen: Unter den Maßnahmen steht je Indikator Ihrer Stelle eine Zeile" in hints
    assert "- Jahr: für welches Jahr der Wert gilt, z. B. 2010, oder ein Stichtag wie 30.06.2010 (Pflicht).\n" in hints


def test_the_measures_come_first_then_every_indicator(alle: tuple[list[str], list[dict[str, str]]]) -> None:
    _, rows = alle
    assert [(r["ID"], r["Aufschlüsselung"]) for r in rows] == [
        ("M-DIA-02", ""),
        ("M-DIA-03", ""),
        ("M-WOH-02", ""),
        ("I-BIL-01", "Gesamt"),
        ("I-BIL-01", "Stadtteil: Nordviertel"),
        ("I-BIL-01", "Stadtteil: Südhafen"),
        ("I-BIL-01", "Stadtteil: Altstadt"),
        ("I-BIL-02", "Gesamt"),
        ("I-BIL-03", "Gesamt"),
        ("I-DIA-01", "Gesamt"),
        ("I-DIA-01", "Zuwanderungsgeschichte: mit"),
        ("I-DIA-01", "Zuwanderungsgeschichte: ohne"),
        ("I-DIA-02", "Gesamt"),
        ("I-WOH-01", "Gesamt"),
        ("I-WOH-02", "Gesamt"),
    ]
    assert row(rows, "I-DIA-02")[1]["Letzte Notiz"] == "2011: ja"
    assert row(rows, "I-WOH-01")[1]["Letzte Notiz"] == "2011: 7,10 €"


def test_an_office_with_only_indicators_is_known_with_the_option(berichtsstadt: Projekt, tmp_path: Path) -> None:
    result = erstellen(berichtsstadt, tmp_path / "a.csv", "--verantwortlich", "Amt für Wohnungswesen")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "Fehler: Keine Maßnahme mit verantwortlich: „Amt für Wohnungswesen“. Bekannt: Bauverwaltung, "
        "Gebäudemanagement, Integrationsbüro, Jugendamt, Schulamt, Stadtbücherei, Stadtmarketing, Tiefbauamt.",
    )
    result = erstellen(berichtsstadt, tmp_path / "b.csv", "--verantwortlich", "Amt für Wohnungswesen", "--indikatoren")
    _, rows = tabelle(tmp_path / "b.csv")
    assert result.exit_code == 0
    assert [(r["ID"], r["Aufschlüsselung"]) for r in rows] == [("I-WOH-01", "Gesamt"), ("I-WOH-02", "Gesamt")]
    result = erstellen(berichtsstadt, tmp_path / "c.csv", "--verantwortlich", "Integrationsbüro", "--indikatoren")
    _, rows = tabelle(tmp_path / "c.csv")
    assert [(r["ID"], r["Aufschlüsselung"]) for r in rows] == [
        ("M-DIA-02", ""),
        ("I-DIA-01", "Gesamt"),
        ("I-DIA-01", "Zuwanderungsgeschichte: mit"),
        ("I-DIA-01", "Zuwanderungsgeschichte: ohne"),
    ]
    result = erstellen(berichtsstadt, tmp_path / "d.csv", "--verantwortlich", "Amt für Wohnen", "--indikatoren")
    assert result.stderr.splitlines()[0] == (
        "Fehler: Keine Maßnahme und kein Indikator mit verantwortlich: „Amt für Wohnen“. "
        "Meinten Sie „Amt für Wohnungswesen“?"
    )


def test_filled_rows_become_values_and_status_entries_in_one_go(
    berichtsstadt: Projekt, tmp_path: Path, alle: tuple[list[str], list[dict[str, str]]]
) -> None:
    header, rows = alle
    altstadt, cells = row(rows, "I-BIL-01", "Stadtteil: Altstadt")
    cells.update({"Jahr": "2011", "Wert": "88,5 %", "Quelle": "Kita-Statistik 2011", "Datum": "15.01.2012"})
    wohnungen, cells = row(rows, "I-WOH-02")
    cells.update({"Jahr": "2012", "Wert": "61", "Quelle": "Förderbericht 2012", "Datum": "01.12.2012"})
    cells["Berichtet von"] = "Amt für Wohnungswesen"
    rows[0].update(
        {"Datum": "01.12.2011", "Notiz": "Neun von zehn Sprachen sind fertig.", "Berichtet von": "Integrationsbüro"}
    )
    before = daten(berichtsstadt.root)
    path = zurueck(tmp_path, header, rows)
    result = einlesen(berichtsstadt, path)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "Eingetragen: 1 Sachstand und 2 Werte von Indikatoren in 3 Dateien; 12 leere Zeilen übersprungen.\n"
        "  Zeile 2: M-DIA-02 in_umsetzung (01.12.2011)\n"
        f"  Zeile {altstadt}: I-BIL-01 2011 (Stadtteil: Altstadt): 88,5 %\n"
        f"  Zeile {wohnungen}: I-WOH-02 2012: 61\n"
    )
    after = daten(berichtsstadt.root)
    assert after[B1] == before[B1] + ALTSTADT.encode()
    assert after[W2] == before[W2] + WOHNUNGEN.encode()
    assert after[M2] == before[M2] + SACHSTAND.encode()
    assert {k for k in after if after[k] != before.get(k)} == {B1, W2, M2}
    assert berichtsstadt.run("pruefen", "--streng").exit_code == 0
    again = einlesen(berichtsstadt, path)
    assert (again.exit_code, again.stderr) == (
        0,
        "Eingetragen: 0 Sachstände und 0 Werte von Indikatoren in 0 Dateien; 12 leere Zeilen übersprungen; "
        f"3 Zeilen waren schon eingetragen (Zeile 2, {altstadt}, {wohnungen}).\n",
    )
    assert daten(berichtsstadt.root) == after


def test_dry_run_shows_the_new_value_and_writes_nothing(
    berichtsstadt: Projekt, tmp_path: Path, alle: tuple[list[str], list[dict[str, str]]]
) -> None:
    header, rows = alle
    number, cells = row(rows, "I-BIL-03")
    cells.update({"Jahr": "2011", "Wert": "1.234", "Quelle": "Jahresbericht der Stadtbücherei", "Datum": "2012-01-15"})
    before = daten(berichtsstadt.root)
    result = einlesen(berichtsstadt, zurueck(tmp_path, header, rows), "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.endswith(
        " quelle: noch festzulegen\n+werte:\n+  - jahr: 2011\n+    wert: 1234\n"
        "+    quelle: Jahresbericht der Stadtbücherei\n+    erfasst: 2012-01-15\n"
    )
    assert result.stderr == (
        "Würde eintragen: 0 Sachstände und 1 Wert von Indikatoren in 1 Datei; 14 leere Zeilen übersprungen.\n"
        f"  Zeile {number}: I-BIL-03 2011: 1.234\n"
    )
    assert daten(berichtsstadt.root) == before


def test_an_empty_date_is_the_day_of_reading_and_the_id_may_be_lower_case(
    berichtsstadt: Projekt, tmp_path: Path, alle: tuple[list[str], list[dict[str, str]]]
) -> None:
    header, rows = alle
    _, cells = row(rows, "I-DIA-02")
    cells.update({"ID": "i-dia-02", "Jahr": "30.06.2012", "Wert": "Nein", "Quelle": "Internetredaktion"})
    assert einlesen(berichtsstadt, zurueck(tmp_path, header, rows)).exit_code == 0
    assert berichtsstadt.read("data/indikatoren/I-DIA-02.yaml").endswith(
        "  - datum: 2012-06-30\n    wert: nein\n    quelle: Internetredaktion\n"
        f"    erfasst: {date.today().isoformat()}\n"
    )


def test_one_bad_row_and_nothing_is_written(
    berichtsstadt: Projekt, tmp_path: Path, alle: tuple[list[str], list[dict[str, str]]]
) -> None:
    header, rows = alle
    bad, cells = row(rows, "I-BIL-01")
    cells.update({"Jahr": "2012", "Wert": "120", "Quelle": "Kita-Statistik 2012", "Datum": "01.12.2012"})
    _, cells = row(rows, "I-WOH-02")
    cells.update({"Jahr": "2012", "Wert": "61", "Quelle": "Förderbericht 2012", "Datum": "01.12.2012"})
    no_source, cells = row(rows, "I-DIA-01")
    cells.update({"Jahr": "2012", "Wert": "30"})
    placeholder, cells = row(rows, "I-DIA-01", "Zuwanderungsgeschichte: mit")
    cells.update({"Jahr": "2012", "Wert": "31", "Quelle": "noch festzulegen", "Datum": "01.12.2012"})
    early, cells = row(rows, "I-WOH-01")
    cells.update({"Jahr": "2012", "Wert": "7,20", "Quelle": "Mietspiegel", "Datum": "01.06.2011"})
    twice, cells = row(rows, "I-BIL-02")
    cells.update({"Jahr": "2011", "Wert": "17", "Quelle": "Schulamt, Erhebung 2011, berichtigt", "Datum": "15.12.2011"})
    rows[0].update({"Datum": "01.12.2011", "Notiz": "Neun von zehn Sprachen sind fertig."})
    before = daten(berichtsstadt.root)
    result = einlesen(berichtsstadt, zurueck(tmp_path, header, rows))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Fehler: Nichts eingelesen: 5 Zeile(n) fehlerhaft. Korrigieren Sie die Zeilen und lesen Sie die Datei "
        "erneut ein.",
        f"  Zeile {bad} (I-BIL-01): Spalte „Wert“: Der Wert 120 liegt nicht zwischen 0 und 100 (Einheit Prozent).",
        f"  Zeile {twice} (I-BIL-02): Spalte „Jahr“: Für 2011 ist schon ein Wert eingetragen (Eintrag 4: 18 %). "
        "Berichtigen Sie ihn mit --korrigiert 4 und dem Grund in --notiz.",
        f"  Zeile {no_source} (I-DIA-01): Spalte „Quelle“ ist leer.",
        f"  Zeile {placeholder} (I-DIA-01): Spalte „Quelle“: Jeder Wert braucht eine Quelle; „noch festzulegen“ nennt "
        "keine (z. B. Schulstatistik 2010/11).",
        f"  Zeile {early} (I-WOH-01): Spalte „Datum“: Ein Wert für 2012 kann nicht am 01.06.2011 erfasst sein.",
        f"  Zeile {early} (I-WOH-01): Spalte „Datum“: Das Datum der Erfassung 01.06.2011 liegt vor dem des letzten "
        "Werts (01.10.2011); die Werte werden nur fortgeschrieben.",
    ]
    assert daten(berichtsstadt.root) == before


def test_cells_that_do_not_fit_name_their_column(
    berichtsstadt: Projekt, tmp_path: Path, alle: tuple[list[str], list[dict[str, str]]]
) -> None:
    header, rows = alle
    unknown, cells = row(rows, "I-BIL-03")
    cells.update({"ID": "I-BIL-3", "Jahr": "2011", "Wert": "12", "Quelle": "Jahresbericht"})
    year, cells = row(rows, "I-WOH-02")
    cells.update({"Jahr": "11/12", "Wert": "zwölf", "Quelle": "Förderbericht", "Datum": "31.02.2012"})
    part, cells = row(rows, "I-BIL-01", "Stadtteil: Altstadt")
    cells.update({"Aufschlüsselung": "Stadtteil: Altstad", "Jahr": "2011", "Wert": "88", "Quelle": "Kita-Statistik"})
    kind, cells = row(rows, "I-BIL-01", "Stadtteil: Südhafen")
    cells.update({"Aufschlüsselung": "Südhafen", "Jahr": "2011", "Wert": "70", "Quelle": "Kita-Statistik"})
    status, cells = row(rows, "I-DIA-02")
    cells.update({"Jahr": "2012", "Wert": "ja", "Quelle": "Internetredaktion", "Neuer Status": "Umgesetzt"})
    rows[1].update({"Datum": "01.12.2011", "Notiz": "Das Sprachcafé öffnet im Januar.", "Wert": "3"})
    before = daten(berichtsstadt.root)
    result = einlesen(berichtsstadt, zurueck(tmp_path, header, rows))
    assert result.stderr.splitlines()[1:] == [
        "  Zeile 3 (M-DIA-03): Spalte „Wert“ gilt nur für Indikatoren; in der Zeile einer Maßnahme bleibt sie leer.",
        f"  Zeile {kind} (I-BIL-01): Spalte „Aufschlüsselung“: „Südhafen“ ist weder „Gesamt“ noch wie "
        "„Stadtteil: Gahmen“; bitte die Zelle nicht ändern.",
        f"  Zeile {part} (I-BIL-01): Spalte „Aufschlüsselung“: „Altstad“ ist kein Wert der Aufschlüsselung "
        "„Stadtteil“ (luedialog.yaml). Meinten Sie „Altstadt“?",
        f"  Zeile {unknown} (I-BIL-3): Spalte „ID“: Kein Indikator mit der ID „I-BIL-3“. Meinten Sie „I-BIL-03“?",
        f"  Zeile {status} (I-DIA-02): Spalte „Neuer Status“ gilt nur für Maßnahmen; in der Zeile eines Indikators "
        "bleibt sie leer.",
        f"  Zeile {year} (I-WOH-02): Spalte „Jahr“: „11/12“ ist weder ein Jahr (2010) noch ein Datum (30.06.2010).",
        f"  Zeile {year} (I-WOH-02): Spalte „Wert“: „zwölf“ ist keine Zahl; erwartet wird z. B. 12,5 oder 1.234.",
        f"  Zeile {year} (I-WOH-02): Spalte „Datum“: „31.02.2012“ ist kein gültiges Kalenderdatum.",
    ]
    assert result.exit_code == 1 and daten(berichtsstadt.root) == before


def test_duplicates_are_refused_with_both_row_numbers(
    berichtsstadt: Projekt, tmp_path: Path, alle: tuple[list[str], list[dict[str, str]]]
) -> None:
    header, rows = alle
    first, cells = row(rows, "I-BIL-03")
    cells.update({"Jahr": "2011", "Wert": "12", "Quelle": "Jahresbericht", "Datum": "15.01.2012"})
    pasted = dict(cells)
    other = dict(cells) | {"Wert": "13", "Quelle": "Jahresbericht, 2. Fassung"}
    rows += [pasted, other]
    before = daten(berichtsstadt.root)
    result = einlesen(berichtsstadt, zurueck(tmp_path, header, rows))
    n = len(rows) + 1
    assert result.stderr.splitlines()[1:] == [
        f"  Zeile {n - 1} (I-BIL-03): dieselbe Zeile wie Zeile {first} (doppelt eingefügt?); bitte eine der beiden "
        "löschen.",
        f"  Zeile {n} (I-BIL-03): Spalte „Jahr“: für 2011 steht schon ein Wert dieses Indikators in Zeile {first}; "
        "je Indikator, Jahr und Aufschlüsselung eine Zeile.",
    ]
    assert result.exit_code == 1 and daten(berichtsstadt.root) == before


def test_a_formula_is_text_never_a_number(
    berichtsstadt: Projekt, tmp_path: Path, alle: tuple[list[str], list[dict[str, str]]]
) -> None:
    header, rows = alle
    number, cells = row(rows, "I-BIL-03")
    cells.update({"Jahr": "2011", "Wert": "=6+6", "Quelle": '\'=HYPERLINK("http://x")', "Datum": "15.01.2012"})
    result = einlesen(berichtsstadt, zurueck(tmp_path, header, rows))
    assert result.stderr.splitlines()[1:] == [
        f"  Zeile {number} (I-BIL-03): Spalte „Wert“: „=6+6“ ist keine Zahl; erwartet wird z. B. 12,5 oder 1.234."
    ]
    cells["Wert"] = "12"
    assert einlesen(berichtsstadt, zurueck(tmp_path, header, rows)).exit_code == 0
    assert berichtsstadt.read(B3).endswith('    quelle: "=HYPERLINK(\\"http://x\\")"\n    erfasst: 2012-01-15\n')


def test_a_sheet_without_indicator_columns_still_reads(berichtsstadt: Projekt, tmp_path: Path) -> None:
    erstellen(berichtsstadt, tmp_path / "alt.csv")
    header, rows = tabelle(tmp_path / "alt.csv")
    rows[0].update(
        {"Datum": "01.12.2011", "Notiz": "Neun von zehn Sprachen sind fertig.", "Berichtet von": "Integrationsbüro"}
    )
    result = einlesen(berichtsstadt, zurueck(tmp_path, header, rows))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        0,
        "Eingetragen: 1 Sachstand in 1 Datei; 2 leere Zeilen übersprungen.",
    )


def test_a_sheet_with_some_indicator_columns_is_refused(
    berichtsstadt: Projekt, tmp_path: Path, alle: tuple[list[str], list[dict[str, str]]]
) -> None:
    header, rows = alle
    header.remove("Quelle")
    result = einlesen(berichtsstadt, zurueck(tmp_path, header, rows))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "Fehler: In der Kopfzeile fehlen die Spalten „Quelle“. Erzeugen Sie die Abfrage mit „luedialog abfrage "
        "erstellen“ und ändern Sie die Kopfzeile nicht.",
    )


# --- the workbook -------------------------------------------------------------------------------------

FILL = {name: SHEET_COLUMNS.index(name) + 1 for name in SHEET_COLUMNS}


def blatt(book: openpyxl.Workbook, name: str) -> Worksheet:
    sheet = book[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def fill(path: Path, rows: dict[int, dict[str, Any]], sheet_name: str = "Indikatoren") -> None:
    """Type values into the workbook as a user would in Excel, and save it."""
    book = openpyxl.load_workbook(path)
    sheet = blatt(book, sheet_name)
    columns = FILL if sheet_name == "Indikatoren" else {name: COLUMNS.index(name) + 1 for name in COLUMNS}
    for number, values in rows.items():
        for column, value in values.items():
            sheet.cell(row=number, column=columns[column]).value = value
    book.save(path)


@pytest.fixture
def mappe(berichtsstadt: Projekt, tmp_path: Path) -> Path:
    target = tmp_path / "abfrage.xlsx"
    result = erstellen(berichtsstadt, target, "--indikatoren", "--verantwortlich", "Jugendamt")
    assert result.stderr == f"Geschrieben: {target} (0 Maßnahmen, 4 Zeilen für Indikatoren)\n"
    return target


def test_the_workbook_has_a_sheet_of_indicators(mappe: Path) -> None:
    book = openpyxl.load_workbook(mappe)
    assert book.sheetnames == ["Sachstandsabfrage", "Indikatoren", "Hinweise", "Auswahl"]
    sheet = blatt(book, "Indikatoren")
    read = ["I-BIL-01", "Anteil der Kinder in einer Kindertagesstätte", "Bildung", "Jugendamt", "Prozent"]
    assert [[cell.value for cell in r] for r in sheet.iter_rows()] == [
        list(SHEET_COLUMNS),
        [*read, "Gesamt", datetime(2011, 12, 20), "2011: 92 %", None, None, None, None, None, None],
        [*read, "Stadtteil: Nordviertel", datetime(2010, 12, 15), "2010: 85 %", None, None, None, None, None, None],
        [*read, "Stadtteil: Südhafen", datetime(2010, 12, 15), "2010: 72,5 %", None, None, None, None, None, None],
        [*read, "Stadtteil: Altstadt", None, None, None, None, None, None, None, None],
    ]
    assert sheet.protection.sheet is True and sheet.protection.password is None
    for number in (2, 5):
        cells = {name: sheet.cell(row=number, column=column) for name, column in FILL.items()}
        assert [name for name, cell in cells.items() if cell.protection.locked] == list(SHEET_COLUMNS[:8])
        assert [name for name, cell in cells.items() if cell.fill.fill_type == "solid"] == list(SHEET_COLUMNS[:8])
        assert (cells["Stand vom"].number_format, cells["Datum"].number_format) == ("DD.MM.YYYY", "DD.MM.YYYY")
    hints = [(r[0].value, r[1].value if len(r) > 1 else None) for r in blatt(book, "Hinweise").iter_rows()]
    start = hints.index(("Indikatoren", None))
    assert hints[start + 1 : start + 4] == [
        (
            "Die Zeilen",
            "Auf dem Blatt „Indikatoren“ steht je Indikator Ihrer Stelle eine Zeile für den Gesamtwert und je eine "
            "für jeden Teil seiner Aufschlüsselung (z. B. je Stadtteil).",
        ),
        (
            "ID, Titel, Handlungsfeld, Verantwortlich, Einheit, Aufschlüsselung",
            "welcher Indikator und welcher Teil (nicht ändern).",
        ),
        ("Stand vom, Letzter Wert", "der zuletzt erfasste Wert dieser Zeile."),
    ]


def test_a_yes_no_indicator_offers_ja_and_nein_and_a_number_nothing(berichtsstadt: Projekt, tmp_path: Path) -> None:
    """The cell „Wert“ of a ja/nein indicator is a drop-down of ja and nein; a number is typed freely."""
    target = tmp_path / "abfrage.xlsx"
    assert erstellen(berichtsstadt, target, "--indikatoren").exit_code == 0
    book = openpyxl.load_workbook(target)
    sheet = blatt(book, "Indikatoren")
    column = openpyxl.utils.get_column_letter(FILL["Wert"])
    ids = {
        number: (sheet.cell(row=number, column=1).value, sheet.cell(row=number, column=5).value)
        for number in range(2, sheet.max_row + 1)
    }
    lists = [dv for dv in sheet.data_validations.dataValidation]
    offered = {}
    for number in ids:
        found = [dv for dv in lists if f"{column}{number}" in dv.sqref]
        assert len(found) <= 1
        if found:
            place = str(found[0].formula1).split("!")[1].replace("$", "")
            offered[number] = [str(c.value) for r in blatt(book, "Auswahl")[place] for c in r]
    yes_no = [number for number, (_, einheit) in ids.items() if einheit == "ja/nein"]
    assert [ids[n][0] for n in yes_no] == ["I-DIA-02"]
    assert offered == {yes_no[0]: ["ja", "nein"]}
    assert (lists[0].errorTitle, lists[0].showErrorMessage, lists[0].allow_blank) == ("Kein möglicher Wert", True, True)


def test_with_sheets_per_office_the_indicators_follow_them(berichtsstadt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "abfrage.xlsx"
    berichtsstadt.replace(M2, "verantwortlich: Integrationsbüro", "verantwortlich: Indikatoren")
    assert erstellen(berichtsstadt, target, "--indikatoren", "--je-verantwortlich").exit_code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "Bauverwaltung",
        "Indikatoren (2)",
        "Stadtbücherei",
        "Indikatoren",
        "Hinweise",
        "Auswahl",
    ]
    assert blatt(book, "Indikatoren").max_row == 13


def test_a_workbook_filled_as_excel_fills_it_is_read(berichtsstadt: Projekt, mappe: Path) -> None:
    fill(
        mappe,
        {
            2: {"Jahr": 2012, "Wert": 93, "Quelle": "Kita-Statistik 2012", "Datum": datetime(2012, 12, 20)},
            5: {"Jahr": "2011", "Wert": "88,5", "Quelle": "Kita-Statistik 2011", "Datum": "21.12.12"}
            | {"Notiz": "Nachgemeldet", "Berichtet von": "Jugendamt"},
        },
    )
    book = openpyxl.load_workbook(mappe)  # „88,5 %“ typed into a cell: Excel keeps 0.885 as a percentage
    cell = blatt(book, "Indikatoren").cell(row=5, column=FILL["Wert"])
    cell.value, cell.number_format = 0.885, "0.0%"
    book.save(mappe)
    before = daten(berichtsstadt.root)
    result = einlesen(berichtsstadt, mappe)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        "Eingetragen: 0 Sachstände und 2 Werte von Indikatoren in 1 Datei; 2 leere Zeilen übersprungen.\n"
        "  Blatt „Indikatoren“, Zeile 2: I-BIL-01 2012: 93 %\n"
        "  Blatt „Indikatoren“, Zeile 5: I-BIL-01 2011 (Stadtteil: Altstadt): 88,5 %\n"
    )
    assert berichtsstadt.path(B1).read_bytes() == before[B1] + (
        b"  - jahr: 2012\n    wert: 93\n    quelle: Kita-Statistik 2012\n    erfasst: 2012-12-20\n"
        b"  - jahr: 2011\n    wert: 88.5\n    aufschluesselung:\n      Stadtteil: Altstadt\n"
        b"    quelle: Kita-Statistik 2011\n    erfasst: 2012-12-21\n    von: Jugendamt\n    notiz: Nachgemeldet\n"
    )
    again = einlesen(berichtsstadt, mappe)
    assert again.stderr.splitlines()[0] == (
        "Eingetragen: 0 Sachstände und 0 Werte von Indikatoren in 0 Dateien; 2 leere Zeilen übersprungen; "
        "2 Zeilen waren schon eingetragen (Blatt „Indikatoren“, Zeile 2, 5)."
    )


def test_values_and_statuses_of_one_workbook_in_one_transaction(berichtsstadt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "abfrage.xlsx"
    assert erstellen(berichtsstadt, target, "--indikatoren", "--verantwortlich", "Integrationsbüro").exit_code == 0
    fill(
        target,
        {2: {"Datum": datetime(2011, 12, 1), "Notiz": "Neun von zehn Sprachen sind fertig."}},
        "Sachstandsabfrage",
    )
    fill(target, {3: {"Jahr": 2012, "Wert": 150, "Quelle": "Bürgerbefragung 2012", "Datum": datetime(2012, 11, 1)}})
    before = daten(berichtsstadt.root)
    result = einlesen(berichtsstadt, target)
    assert (result.exit_code, result.stderr.splitlines()[1:]) == (
        1,
        [
            "  Blatt „Indikatoren“, Zeile 3 (I-DIA-01): Spalte „Wert“: Der Wert 150 liegt nicht zwischen 0 und 100 "
            "(Einheit Prozent)."
        ],
    )
    assert daten(berichtsstadt.root) == before  # the good status row was not written either
    fill(target, {3: {"Wert": 35}})
    result = einlesen(berichtsstadt, target)
    assert result.stderr == (
        "Eingetragen: 1 Sachstand und 1 Wert von Indikatoren in 2 Dateien; 2 leere Zeilen übersprungen.\n"
        "  Blatt „Sachstandsabfrage“, Zeile 2: M-DIA-02 in_umsetzung (01.12.2011)\n"
        "  Blatt „Indikatoren“, Zeile 3: I-DIA-01 2012 (Zuwanderungsgeschichte: mit): 35 %\n"
    )
    assert berichtsstadt.read(D1).endswith(
        "  - jahr: 2012\n    wert: 35\n    aufschluesselung:\n      Zuwanderungsgeschichte: mit\n"
        "    quelle: Bürgerbefragung 2012\n    erfasst: 2012-11-01\n"
    )


def test_a_formula_in_a_workbook_is_refused(berichtsstadt: Projekt, mappe: Path) -> None:
    fill(mappe, {5: {"Jahr": 2011, "Wert": "=B2*0,9", "Quelle": "Kita-Statistik 2011", "Datum": "=HEUTE()"}})
    before = daten(berichtsstadt.root)
    result = einlesen(berichtsstadt, mappe)
    assert (result.exit_code, result.stderr.splitlines()[1:]) == (
        1,
        [
            "  Blatt „Indikatoren“, Zeile 5 (I-BIL-01): Spalte „Wert“: die Zelle enthält eine Formel (=B2*0,9); "
            "Formeln werden nicht ausgewertet – bitte den Wert selbst eintragen.",
            "  Blatt „Indikatoren“, Zeile 5 (I-BIL-01): Spalte „Datum“: die Zelle enthält eine Formel (=HEUTE()); "
            "Formeln werden nicht ausgewertet – bitte den Wert selbst eintragen.",
        ],
    )
    assert daten(berichtsstadt.root) == before


def test_an_indicator_sheet_missing_a_column_is_named(berichtsstadt: Projekt, mappe: Path) -> None:
    book = openpyxl.load_workbook(mappe)
    blatt(book, "Indikatoren").delete_cols(FILL["Quelle"])
    book.save(mappe)
    result = einlesen(berichtsstadt, mappe)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "Fehler: Blatt „Indikatoren“: In der Kopfzeile fehlen die Spalten „Quelle“. Erzeugen Sie die Abfrage mit "
        "„luedialog abfrage erstellen“ und ändern Sie die Kopfzeile nicht.",
    )
