"""Input as people type it on the command line: IDs in any case, a status as key or label, dates with
two-digit years, progress with a per cent sign; a wrong value is refused with the option it came from."""

from __future__ import annotations

import pytest

from tests.conftest import Projekt, daten, verlauf

M2 = "data/massnahmen/M-BIL-02.yaml"

pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")


@pytest.mark.parametrize("status", ["in_umsetzung", "In Umsetzung", "in umsetzung", "IN_UMSETZUNG"])
@pytest.mark.parametrize("fortschritt", ["70", "70 %", "70%"])
def test_sachstand_as_typed(projekt: Projekt, status: str, fortschritt: str) -> None:
    result = projekt.run(
        "sachstand", "m-bil-02", status, "--notiz", "Bauantrag gestellt", "--datum", "15.03.10",
        "--fortschritt", fortschritt, "--von", "Bauamt",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        0,
        "Eingetragen: M-BIL-02 in_umsetzung am 15.03.2010 in data/massnahmen/M-BIL-02.yaml\n",
    )
    last = verlauf(projekt.path(M2))[-1]
    assert (last["status"], str(last["datum"]), last["fortschritt"]) == ("in_umsetzung", "2010-03-15", 70)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--datum", "15.03.99"],
            "Fehler: --datum: Die zweistellige Jahreszahl in „15.03.99“ liegt nicht im Zeitraum des Prozesses "
            "(2009–2012); bitte das Jahr vierstellig schreiben (15.03.1999 oder 15.03.2099).\n",
        ),
        (["--datum", "31.02.2010"], "Fehler: --datum: „31.02.2010“ ist kein gültiges Kalenderdatum.\n"),
        (
            ["--fortschritt", "70,5 %"],
            "Fehler: Ungültiger Wert für --fortschritt: „70,5 %“ ist keine ganze Zahl; erwartet wird eine ganze Zahl "
            "von 0 bis 100.\nHilfe: luedialog sachstand --help\n",
        ),
    ],
)
def test_a_wrong_value_names_its_option(projekt: Projekt, args: list[str], message: str) -> None:
    before = daten(projekt.root)
    result = projekt.run("sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", *args)
    assert (result.exit_code, result.stderr) == (2, message)
    assert daten(projekt.root) == before


def test_an_unknown_id_suggests_the_same_field_and_number(projekt: Projekt) -> None:
    result = projekt.run("sachstand", "m-bil-1", "geplant", "--notiz", "Planung läuft")
    assert (result.exit_code, result.stderr) == (
        1,
        "Fehler: Keine Maßnahme mit der ID „m-bil-1“. Meinten Sie „M-BIL-01“?\n",
    )


def test_a_stichtag_with_a_two_digit_year(projekt: Projekt) -> None:
    assert (
        projekt.run("status", "--stichtag", "31.12.10", "--format", "json").stdout
        == projekt.run("status", "--stichtag", "2010-12-31", "--format", "json").stdout
    )


def test_a_group_in_any_case(projekt: Projekt) -> None:
    assert projekt.run("gruppen", "AG-Bildung").stdout == projekt.run("gruppen", "ag-bildung").stdout
