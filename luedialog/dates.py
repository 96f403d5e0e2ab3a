"""Dates as people write them: ISO (2010-03-15) and German (15.03.2010)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_GERMAN = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


class InvalidDateError(ValueError):
    """The text is no date, or no real one (31.02.2009)."""


def parse_date(text: str) -> date:
    """Parse ``2010-03-15`` or ``15.03.2010``; raise :class:`InvalidDateError` with a German text."""
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _GERMAN.match(text)
        if not match:
            raise InvalidDateError(f"„{text}“ ist kein Datum; erwartet wird z. B. 2010-03-15 oder 15.03.2010")
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidDateError(f"„{text.strip()}“ ist kein gültiges Kalenderdatum") from None


def plus_days(day: date, days: int) -> date:
    """``day + timedelta(days=days)``, held at the ends of the calendar (0001-01-01, 9999-12-31)
    instead of overflowing: ``ende: 9999-12-31`` is how people write "open-ended"."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def one_year_later(day: date) -> date:
    """The same day a year later (29 February becomes 28 February), at most 9999-12-31."""
    if day.year >= date.max.year:
        return date.max
    return day + relativedelta(years=1)


def months_earlier(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the 31st becomes the last day of a shorter month,
    as python-dateutil's ``relativedelta`` counts), at least 0001-01-01."""
    if (day.year * 12 + day.month - 1 - months) // 12 < date.min.year:
        return date.min
    return day - relativedelta(months=months)


@lru_cache(maxsize=4096)  # a report of 10,000 measures writes 40,000 dates, of a few hundred days
def german(value: date) -> str:
    """15.03.2010 (years before 1000 with four digits too: 01.01.0001)"""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
