"""The Excel CSV dialect and the guard against formulas, in one place."""

from __future__ import annotations

import csv
import io

import pytest

from luedialog.files.tabelle import excel_csv, neutralise, plain


@pytest.mark.parametrize("cell", ["=SUMME(A1:A9)", "+49 231", "-5", "@cmd", "\tTab", "\rCR"])
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe_and_comes_back_as_it_was(cell: str) -> None:
    assert neutralise(cell) == "'" + cell
    if cell[0] in "=+-@":
        assert plain(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["Schule", "15.03.2010", "'Zitat'", ""])
def test_other_cells_stay_as_they_are(cell: str) -> None:
    assert neutralise(cell) == cell


def test_the_sheet_is_for_german_excel_bom_semicolon_crlf() -> None:
    text = excel_csv(["ID", "Notiz"], [["M-1", "a; b"], ["M-2", "=1+1"]])
    assert text == '\ufeffID;Notiz\r\nM-1;"a; b"\r\nM-2;\'=1+1\r\n'
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert rows == [["ID", "Notiz"], ["M-1", "a; b"], ["M-2", "'=1+1"]]
