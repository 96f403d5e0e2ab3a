"""Sheets (files/tabelle.py): read strictly as Excel saves them, written for German Excel, formulas never evaluated."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from luedialog.errors import LuedialogError
from luedialog.files.tabelle import Rohblatt, excel_csv, neutralise, plain, read_csv, read_input

ROWS = [["ID", "Notiz"], ["M-1", "Bäder überlastet"], ["M-2", "Größer; schöner"]]


def text(delimiter: str) -> str:
    def cell(c: str) -> str:
        return f'"{c}"' if delimiter in c else c

    return "".join(delimiter.join(cell(c) for c in row) + "\r\n" for row in ROWS)


@pytest.mark.parametrize(
    ("raw", "delimiter"),
    [
        (b"\xef\xbb\xbf" + text(";").encode("utf-8"), ";"),
        (text(";").encode("utf-8"), ";"),
        (text(",").encode("utf-8"), ","),
        (text(";").encode("cp1252"), ";"),
        (b"\xff\xfe" + text("\t").encode("utf-16-le"), "\t"),
        (text("\t").encode("utf-16-le"), "\t"),
        (b"\xfe\xff" + text("\t").encode("utf-16-be"), "\t"),
        (text("\t").encode("utf-16-be"), "\t"),
    ],
    ids=["utf8-bom", "utf8", "utf8-komma", "windows-1252", "utf16le-bom", "utf16le", "utf16be-bom", "utf16be"],
)
def test_what_excel_saves_is_read(raw: bytes, delimiter: str) -> None:
    assert read_csv(raw) == Rohblatt(None, list(enumerate(ROWS, start=1)), trennzeichen=delimiter)


def test_a_tie_of_separators_goes_to_the_semicolon() -> None:
    assert read_csv(b"ID;Notiz,Text\r\n").trennzeichen == ";"


def test_separators_inside_quotes_do_not_count() -> None:
    assert read_csv(b'"ID;A;B;C",Notiz,Text\r\n').trennzeichen == ","


def test_nul_bytes_are_refused() -> None:
    with pytest.raises(LuedialogError) as caught:
        read_csv(b"ID;Notiz\r\nM-1;a\x00b\r\n")
    assert caught.value.message == "Die Datei enthält NUL-Bytes; sie ist keine Textdatei (CSV)."


def test_broken_utf16_is_refused() -> None:
    with pytest.raises(LuedialogError) as caught:
        read_csv(b"\xff\xfe" + "ID;Notiz".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    assert caught.value.message.startswith("Die Datei ist in UTF-16 („Unicode-Text“) gespeichert, enthält aber")


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"ID\r\n")
    assert read_input(path) == b"ID\r\n"


def test_the_size_limit_counts_what_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"x" * 101)
    with pytest.raises(LuedialogError) as caught:
        read_input(path, limit=100)
    assert caught.value.message == f"{path} ist 0,0 MB groß; eine Tabelle darf höchstens 0,0 MB groß sein."
    assert read_input(path, limit=101) == b"x" * 101


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="Dateirechte wirken nicht für root")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"ID\r\n")
    path.chmod(0)
    with pytest.raises(LuedialogError) as caught:
        read_input(path)
    assert caught.value.message == f"{path} darf nicht gelesen werden (keine Berechtigung)."


@pytest.mark.skipif(os.name != "posix", reason="Verweise (Symlinks) auf Geräte gibt es nur unter POSIX")
def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "abfrage.csv"
    link.symlink_to("/dev/zero")
    with pytest.raises(LuedialogError) as caught:
        read_input(link)
    assert caught.value.message == f"{link} ist keine gewöhnliche Datei (sondern ein Gerät, eine Pipe oder ein Socket)."


# --- writing: the dialect and the guard against formulas ---------------------------------------


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
