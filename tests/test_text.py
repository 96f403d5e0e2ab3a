"""German wording helpers: counts, and control characters from the data kept off the terminal."""

from __future__ import annotations

from datetime import date

import pytest

from luedialog.dates import german
from luedialog.text import count, visible
from tests.conftest import Projekt


@pytest.mark.parametrize(("n", "text"), [(0, "0 Dateien"), (1, "1 Datei"), (2, "2 Dateien")])
def test_count(n: int, text: str) -> None:
    assert count(n, "Datei", "Dateien") == text


def test_visible_escapes_control_characters_but_keeps_text() -> None:
    assert visible("Bäder\x1b[2J überlastet\r\x00\x9b\u2028") == "Bäder\\x1b[2J überlastet\\x0d\\x00\\x9b\\u2028"
    assert visible("zwei\nZeilen\tmit Tab") == "zwei\nZeilen\tmit Tab"
    assert visible("zwei\nZeilen", one_line=True) == "zwei\\x0aZeilen"


def test_german_dates_always_have_four_digit_years() -> None:
    assert german(date(2010, 3, 15)) == "15.03.2010"
    assert german(date(1, 1, 1)) == "01.01.0001"


def test_an_escape_sequence_in_the_data_does_not_reach_the_terminal(projekt: Projekt) -> None:
    projekt.replace("data/massnahmen/M-BIL-01.yaml", "status: geplant", 'status: "\\e[2Jgeplant"')
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout
    assert "„\\x1b[2Jgeplant“ ist kein bekannter Wert für den Status" in result.stdout


def test_an_escape_sequence_in_an_argument_does_not_reach_the_terminal(projekt: Projekt) -> None:
    result = projekt.run("sachstand", "M-BIL-\x1b[2J", "geplant", "--notiz", "Bericht")
    assert (result.exit_code, result.stderr) == (
        1,
        "Fehler: Keine Maßnahme mit der ID „M-BIL-\\x1b[2J“. Meinten Sie „M-BIL-02“?\n",
    )
