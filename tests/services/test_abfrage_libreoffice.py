"""The Sachstandsabfrage through a real spreadsheet program: LibreOffice Calc opens and saves the workbook
(``soffice --headless --convert-to``), cells are filled, and what it saves (xlsx, and CSV in German) is read.

Slow (LibreOffice starts for every conversion); skipped with a reason where LibreOffice is missing
(``.ci/run`` installs ``libreoffice-calc-nogui``).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from luedialog.services.abfrage import COLUMNS
from luedialog.services.abfrage_indikatoren import SHEET_COLUMNS
from tests.conftest import Projekt, daten, verlauf

M1 = "data/massnahmen/M-BIL-01.yaml"
M2 = "data/massnahmen/M-BIL-02.yaml"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# separator ";" (59), text in '"' (34), UTF-8 (76), from line 1, German formats (1031)
CSV_GERMAN = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1031"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        SOFFICE is None,
        reason="LibreOffice (soffice) fehlt: der Rundweg durch ein echtes Tabellenprogramm wird nicht geprüft "
        "(.ci/run installiert libreoffice-calc-nogui)",
    ),
]


@pytest.fixture(scope="module", autouse=True)
def libreoffice_runs(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Skip (with the reason) where soffice is installed but cannot start."""
    assert SOFFICE is not None
    profile = tmp_path_factory.mktemp("lo-profil")
    try:
        done = subprocess.run(
            [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--version"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"LibreOffice (soffice) lässt sich nicht starten: {exc}")
    if done.returncode != 0:
        pytest.skip(f"LibreOffice (soffice) lässt sich nicht starten: {(done.stderr or done.stdout).strip()[:200]}")


def convert(source: Path, to: str, out: Path, profile: Path) -> Path:
    """What LibreOffice saves when it opens ``source`` and saves it as ``to``; a private profile each time."""
    assert SOFFICE is not None
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    target = out / f"{source.stem}.{to.split(':')[0]}"
    assert done.returncode == 0 and target.is_file(), done.stdout + done.stderr
    return target


def test_a_workbook_saved_filled_and_saved_again_by_libreoffice_is_read(projekt: Projekt, tmp_path: Path) -> None:
    profile = tmp_path / "lo-profil"
    created = tmp_path / "abfrage.xlsx"
    assert projekt.run("abfrage", "erstellen", "--ausgabe", str(created), "--stichtag", "2010-12-31").exit_code == 0
    opened = convert(created, "xlsx", tmp_path / "geoeffnet", profile)  # a department opens it in Calc and saves

    book = openpyxl.load_workbook(opened)
    assert book.sheetnames == ["Sachstandsabfrage", "Hinweise", "Auswahl"]
    sheet = book["Sachstandsabfrage"]
    assert isinstance(sheet, Worksheet)
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet.protection.sheet is True and sheet["A2"].protection.locked and not sheet["I2"].protection.locked
    assert [str(dv.formula1) for dv in sheet.data_validations.dataValidation] != []
    column = {name: COLUMNS.index(name) + 1 for name in COLUMNS}
    filled: dict[int, dict[str, Any]] = {
        2: {"Datum": datetime(2010, 3, 15), "Notiz": "Kurse für Flüchtlingskinder ergänzt", "Fortschritt": 0.7}
        | {"Berichtet von": "Schulamt Süd"},
        3: {"Neuer Status": "In Umsetzung", "Datum": "15.03.10", "Notiz": "Bauantrag gestellt", "Fortschritt": 0.1},
    }
    for row, values in filled.items():
        for name, value in values.items():
            sheet.cell(row=row, column=column[name]).value = value
    book.save(tmp_path / "ausgefuellt.xlsx")
    saved = convert(tmp_path / "ausgefuellt.xlsx", "xlsx", tmp_path / "gespeichert", profile)
    as_csv = convert(tmp_path / "ausgefuellt.xlsx", CSV_GERMAN, tmp_path / "csv", profile)
    text = as_csv.read_text(encoding="utf-8")
    assert ";15.03.2010;Kurse für Flüchtlingskinder ergänzt;;70%;Schulamt Süd" in text  # German formats

    before = daten(projekt.root)
    result = projekt.run("abfrage", "einlesen", str(as_csv))
    assert (result.exit_code, result.stderr) == (
        0,
        "Eingetragen: 2 Sachstände in 2 Dateien; 1 leere Zeile übersprungen.\n"
        "  Zeile 2: M-BIL-01 in_umsetzung (15.03.2010)\n"
        "  Zeile 3: M-BIL-02 in_umsetzung (15.03.2010)\n",
    )
    assert projekt.path(M1).read_bytes().startswith(before[M1])
    assert verlauf(projekt.path(M1))[-1] == {
        "datum": datetime(2010, 3, 15).date(),
        "status": "in_umsetzung",
        "notiz": "Kurse für Flüchtlingskinder ergänzt",
        "von": "Schulamt Süd",
        "fortschritt": 70,
    }
    assert verlauf(projekt.path(M2))[-1]["fortschritt"] == 10
    after_csv = daten(projekt.root)

    # the workbook LibreOffice saved holds exactly the same: every row is already recorded
    again = projekt.run("abfrage", "einlesen", str(saved))
    assert (again.exit_code, again.stderr) == (
        0,
        "Eingetragen: 0 Sachstände in 0 Dateien; 1 leere Zeile übersprungen; 2 Zeilen waren schon eingetragen "
        "(Zeile 2, 3).\n",
    )
    assert daten(projekt.root) == after_csv


def test_a_workbook_saved_as_ods_is_refused_saying_what_to_do(projekt: Projekt, tmp_path: Path) -> None:
    created = tmp_path / "abfrage.xlsx"
    assert projekt.run("abfrage", "erstellen", "--ausgabe", str(created), "--stichtag", "2010-12-31").exit_code == 0
    ods = convert(created, "ods", tmp_path / "ods", tmp_path / "lo-profil")
    result = projekt.run("abfrage", "einlesen", str(ods))
    assert (result.exit_code, result.stderr) == (
        1,
        "Fehler: Die Datei ist eine LibreOffice-/OpenDocument-Tabelle (.ods); gelesen werden .xlsx und CSV. Speichern "
        "Sie sie in LibreOffice mit „Datei › Speichern unter…“ als „Excel 2007-365 (.xlsx)“ oder als „Text CSV "
        "(.csv)“ und lesen Sie diese Datei ein.\n",
    )


def test_the_sheet_of_indicators_survives_libreoffice(berichtsstadt: Projekt, tmp_path: Path) -> None:
    profile = tmp_path / "lo-profil"
    created = tmp_path / "abfrage.xlsx"
    args = ("--ausgabe", str(created), "--stichtag", "2011-12-31", "--indikatoren", "--verantwortlich", "Jugendamt")
    assert berichtsstadt.run("abfrage", "erstellen", *args).exit_code == 0
    book = openpyxl.load_workbook(convert(created, "xlsx", tmp_path / "geoeffnet", profile))
    sheet = book["Indikatoren"]
    assert isinstance(sheet, Worksheet)
    assert [c.value for c in sheet[1]] == list(SHEET_COLUMNS)
    assert sheet.protection.sheet is True and sheet["A2"].protection.locked and not sheet["I2"].protection.locked
    column = {name: SHEET_COLUMNS.index(name) + 1 for name in SHEET_COLUMNS}
    filled: dict[str, Any] = {
        "Jahr": 2011,
        "Wert": 88.5,
        "Quelle": "Kita-Statistik 2011",
        "Datum": datetime(2012, 1, 15),
    }
    for name, value in filled.items():
        sheet.cell(row=5, column=column[name]).value = value
    book.save(tmp_path / "ausgefuellt.xlsx")
    saved = convert(tmp_path / "ausgefuellt.xlsx", "xlsx", tmp_path / "gespeichert", profile)
    before = daten(berichtsstadt.root)
    result = berichtsstadt.run("abfrage", "einlesen", str(saved))
    assert (result.exit_code, result.stderr) == (
        0,
        "Eingetragen: 0 Sachstände und 1 Wert von Indikatoren in 1 Datei; 3 leere Zeilen übersprungen.\n"
        "  Blatt „Indikatoren“, Zeile 5: I-BIL-01 2011 (Stadtteil: Altstadt): 88,5 %\n",
    )
    indicator = "data/indikatoren/I-BIL-01.yaml"
    assert berichtsstadt.path(indicator).read_bytes() == before[indicator] + (
        b"  - jahr: 2011\n    wert: 88.5\n    aufschluesselung:\n      Stadtteil: Altstadt\n"
        b"    quelle: Kita-Statistik 2011\n    erfasst: 2012-01-15\n"
    )
