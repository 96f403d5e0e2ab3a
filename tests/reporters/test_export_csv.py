"""The CSV export for German Excel: column names people read, and the finances of every measure."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from luedialog.reporters.export import CSV_COLUMNS
from tests.conftest import FIXTURES, Projekt


def rows(projekt: Projekt, *args: str) -> list[dict[str, str]]:
    result = projekt.run("export", "--format", "csv", "--stichtag", "31.12.2011", *args)
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))


def test_columns_are_named_for_people() -> None:
    assert CSV_COLUMNS[:6] == ("ID", "Titel", "Art", "Handlungsfeld", "Status", "Fortschritt in %")
    assert "Überfällig" in CSV_COLUMNS and "ueberfaellig" not in CSV_COLUMNS
    assert all(c[0].isupper() for c in CSV_COLUMNS)  # no program keys such as letzte_notiz
    assert len(set(CSV_COLUMNS)) == len(CSV_COLUMNS)


def test_finances_are_numbers_for_excel_and_missing_amounts_stay_empty(tmp_path: Path) -> None:
    root = tmp_path / "berichtsstadt"
    shutil.copytree(FIXTURES / "berichtsstadt", root)
    stadt = Projekt(root)
    stadt.replace(
        "data/massnahmen/M-DIA-03.yaml", "quellen:\n", "finanzen:\n  kosten: 45000\n  foerderung: 20000.5\nquellen:\n"
    )
    by_id = {r["ID"]: r for r in rows(stadt)}
    finance = ("Kosten in €", "Förderung in €", "Eigenanteil in €", "Haushalt", "Erläuterung zu den Finanzen")
    assert [by_id["M-BIL-02"][c] for c in finance] == [
        "250000,00",
        "150000,00",
        "100000,00",
        "Produktkonto 03.01.01",
        "Landesförderung „Gute Schule“",
    ]
    assert [by_id["M-DIA-03"][c] for c in finance] == ["45000,00", "20000,50", "", "", ""]
    assert [by_id["M-DIA-01"][c] for c in finance] == ["", "", "", "", ""]  # no finances at all
    assert (by_id["M-BIL-01"]["Überfällig"], by_id["M-BIL-01"]["Status"]) == ("nein", "Umgesetzt")
