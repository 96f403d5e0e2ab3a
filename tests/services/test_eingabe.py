"""Input as people type it (services/eingabe.py): status, measure ID, date and progress."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from luedialog.errors import LuedialogError
from luedialog.model.config import Config, Zeitraum
from luedialog.services.eingabe import EingabeFehler, measure_id, parse_day, parse_percent, status_key
from luedialog.snapshot import Snapshot, load_snapshot
from tests.conftest import REPO


@pytest.fixture(scope="module")
def luenen() -> Snapshot:
    """The shipped data (read only): the statuses and IDs of the Lüner Dialog, period 2008–2014."""
    snap = load_snapshot(REPO).snapshot
    assert snap is not None
    return snap


def message(caught: pytest.ExceptionInfo[EingabeFehler]) -> str:
    assert isinstance(caught.value, LuedialogError) and isinstance(caught.value, ValueError)
    return caught.value.message


# --- status_key ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("in_umsetzung", "in_umsetzung"),
        ("In Umsetzung", "in_umsetzung"),
        ("in umsetzung", "in_umsetzung"),
        ("IN UMSETZUNG", "in_umsetzung"),
        ("  In   Umsetzung ", "in_umsetzung"),
        ("In-Umsetzung", "in_umsetzung"),
        ("zurückgestellt", "zurueckgestellt"),
        ("Zurückgestellt", "zurueckgestellt"),
        ("ZURUECKGESTELLT", "zurueckgestellt"),
        ("Umgesetzt", "umgesetzt"),
    ],
)
def test_a_status_is_accepted_as_key_or_label_in_any_case(luenen: Snapshot, text: str, key: str) -> None:
    assert status_key(luenen.config, text) == key


def test_an_unknown_status_names_the_labels(luenen: Snapshot) -> None:
    with pytest.raises(EingabeFehler) as caught:
        status_key(luenen.config, "erledigt")
    assert message(caught) == (
        "„erledigt“ ist kein bekannter Status. Möglich: Empfohlen, Vorgeschlagen, Beauftragt, Geplant, In Umsetzung, "
        "Umgesetzt, Verstetigt, Zurückgestellt, Eingestellt."
    )


def test_a_mistyped_status_gets_a_suggestion(luenen: Snapshot) -> None:
    with pytest.raises(EingabeFehler) as caught:
        status_key(luenen.config, "In Umsetzng")
    assert message(caught) == "„In Umsetzng“ ist kein bekannter Status. Meinten Sie „In Umsetzung“?"


def test_an_empty_status_is_refused(luenen: Snapshot) -> None:
    with pytest.raises(EingabeFehler) as caught:
        status_key(luenen.config, "  ")
    assert message(caught).startswith("Kein Status angegeben. Möglich: Empfohlen, ")


def test_a_key_wins_over_a_label_of_another_status(luenen: Snapshot) -> None:
    statuses = tuple(
        replace(s, bezeichnung="Geplant") if s.schluessel == "beauftragt" else s for s in luenen.config.status
    )
    config = replace(luenen.config, status=statuses)
    assert status_key(config, "geplant") == "geplant"


# --- measure_id ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["M-AUW-05", "m-auw-05", "M-auw-05", " M-AUW-05 "])
def test_an_id_is_accepted_in_any_case(luenen: Snapshot, text: str) -> None:
    assert measure_id(luenen, text) == "M-AUW-05"


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("M-AUW-1", "M-AUW-01"), ("m-auw-2", "M-AUW-02"), ("M-AUW-001", "M-AUW-01"), ("M-AWU-05", "M-AUW-05")],
)
def test_a_suggestion_prefers_the_same_field_and_number(luenen: Snapshot, text: str, suggestion: str) -> None:
    with pytest.raises(EingabeFehler) as caught:
        measure_id(luenen, text)
    assert message(caught) == f"Keine Maßnahme mit der ID „{text}“. Meinten Sie „{suggestion}“?"


def test_an_id_without_anything_close(luenen: Snapshot) -> None:
    with pytest.raises(EingabeFehler) as caught:
        measure_id(luenen, "Schwimmbad")
    assert message(caught) == "Keine Maßnahme mit der ID „Schwimmbad“. Alle IDs zeigt: luedialog status"


def test_an_empty_id_is_refused(luenen: Snapshot) -> None:
    with pytest.raises(EingabeFehler) as caught:
        measure_id(luenen, "")
    assert message(caught) == "Keine ID angegeben."


# --- parse_day ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2010-03-15", date(2010, 3, 15)),
        ("15.03.2010", date(2010, 3, 15)),
        ("15.3.2010", date(2010, 3, 15)),
        ("15.03.10", date(2010, 3, 15)),
        ("1.3.09", date(2009, 3, 1)),
        ("31.12.14", date(2014, 12, 31)),
        ("01.01.08", date(2008, 1, 1)),
        (" 15.03.10\u00a0", date(2010, 3, 15)),
    ],
)
def test_dates_as_people_and_spreadsheets_write_them(luenen: Snapshot, text: str, day: date) -> None:
    assert parse_day(text, luenen.config) == day


def test_a_two_digit_year_outside_the_period_is_refused(luenen: Snapshot) -> None:
    with pytest.raises(EingabeFehler) as caught:
        parse_day("15.03.15", luenen.config)
    assert message(caught) == (
        "Die zweistellige Jahreszahl in „15.03.15“ liegt nicht im Zeitraum des Prozesses (2008–2014); "
        "bitte das Jahr vierstellig schreiben (15.03.1915 oder 15.03.2015)."
    )


def test_a_two_digit_year_that_fits_the_period_twice_is_ambiguous(luenen: Snapshot) -> None:
    long_process = replace(luenen.config, zeitraum=Zeitraum(date(1990, 1, 1), 2100))
    assert long_process.anfang.year == 2008  # the founding paper's year
    config: Config = replace(long_process, vorlage=None)
    with pytest.raises(EingabeFehler) as caught:
        parse_day("15.03.95", config)
    assert message(caught) == (
        "Die zweistellige Jahreszahl in „15.03.95“ ist mehrdeutig; bitte das Jahr vierstellig schreiben "
        "(15.03.1995 oder 15.03.2095)."
    )
    assert parse_day("15.03.2095", config) == date(2095, 3, 15)


@pytest.mark.parametrize("text", ["31.02.2010", "2010-02-31", "31.02.10", "00.01.2010"])
def test_an_impossible_day_is_refused(luenen: Snapshot, text: str) -> None:
    with pytest.raises(EingabeFehler) as caught:
        parse_day(text, luenen.config)
    assert message(caught) == f"„{text}“ ist kein gültiges Kalenderdatum."


@pytest.mark.parametrize("text", ["morgen", "15.03.", "2010", "15/03/2010", "40252", ""])
def test_no_date_is_refused_with_examples(luenen: Snapshot, text: str) -> None:
    with pytest.raises(EingabeFehler) as caught:
        parse_day(text, luenen.config)
    assert message(caught) == f"„{text}“ ist kein Datum; erwartet wird z. B. 15.03.2010, 15.03.10 oder 2010-03-15."


# --- parse_percent ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("70", 70), ("70 %", 70), ("70%", 70), (" 70\u00a0% ", 70), ("0", 0), ("100 %", 100), ("70,0", 70)],
)
def test_progress_as_people_write_it(text: str, value: int) -> None:
    assert parse_percent(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("viel", "„viel“ ist keine Prozentzahl; erwartet wird eine ganze Zahl von 0 bis 100, z. B. 70 oder 70 %."),
        (
            "70 Prozent",
            "„70 Prozent“ ist keine Prozentzahl; erwartet wird eine ganze Zahl von 0 bis 100, z. B. 70 oder 70 %.",
        ),
        ("", "„“ ist keine Prozentzahl; erwartet wird eine ganze Zahl von 0 bis 100, z. B. 70 oder 70 %."),
        ("70,5 %", "„70,5 %“ ist keine ganze Zahl; erwartet wird eine ganze Zahl von 0 bis 100."),
        ("120 %", "„120 %“ liegt nicht zwischen 0 und 100."),
        ("-5", "„-5“ liegt nicht zwischen 0 und 100."),
    ],
)
def test_progress_that_is_no_whole_percentage_is_refused(text: str, expected: str) -> None:
    with pytest.raises(EingabeFehler) as caught:
        parse_percent(text)
    assert message(caught) == expected
