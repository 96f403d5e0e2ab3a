"""Dates as people write them, and the calendar arithmetic the views use (luedialog/dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from luedialog.dates import InvalidDateError, german, months_earlier, one_year_later, parse_date, plus_days


@pytest.mark.parametrize("text", ["2010-03-15", "15.03.2010", " 15.3.2010 ", "2010-3-15"])
def test_iso_and_german_dates_are_read(text: str) -> None:
    assert parse_date(text) == date(2010, 3, 15)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31.02.2010", "„31.02.2010“ ist kein gültiges Kalenderdatum"),
        ("morgen", "„morgen“ ist kein Datum; erwartet wird z. B. 2010-03-15 oder 15.03.2010"),
        ("15.03.10", "„15.03.10“ ist kein Datum; erwartet wird z. B. 2010-03-15 oder 15.03.2010"),
    ],
)
def test_no_date_says_why_in_german(text: str, message: str) -> None:
    with pytest.raises(InvalidDateError) as raised:
        parse_date(text)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("day", "months", "earlier"),
    [
        (date(2010, 3, 31), 1, date(2010, 2, 28)),  # the 31st becomes the last day of a shorter month
        (date(2012, 3, 31), 1, date(2012, 2, 29)),
        (date(2010, 3, 31), 12, date(2009, 3, 31)),
        (date(2010, 1, 15), 13, date(2008, 12, 15)),
        (date(1, 3, 1), 2, date(1, 1, 1)),
        (date(1, 3, 1), 3, date.min),  # held at the start of the calendar
    ],
)
def test_months_earlier(day: date, months: int, earlier: date) -> None:
    assert months_earlier(day, months) == earlier


@pytest.mark.parametrize(
    ("day", "later"),
    [
        (date(2010, 9, 25), date(2011, 9, 25)),
        (date(2012, 2, 29), date(2013, 2, 28)),
        (date(9998, 12, 31), date(9999, 12, 31)),
        (date(9999, 1, 1), date.max),
    ],
)
def test_one_year_later(day: date, later: date) -> None:
    assert one_year_later(day) == later


def test_plus_days_is_held_at_the_ends_of_the_calendar() -> None:
    assert (plus_days(date(2010, 12, 31), 1), plus_days(date.max, 1), plus_days(date.min, -1)) == (
        date(2011, 1, 1),
        date.max,
        date.min,
    )


def test_german_writes_four_digit_years() -> None:
    assert (german(date(2010, 3, 5)), german(date.min)) == ("05.03.2010", "01.01.0001")
