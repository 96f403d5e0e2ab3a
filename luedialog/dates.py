"""Dates as people write them: ISO (2010-03-15) and German (15.03.2010)."""

from __future__ import annotations

import re
from datetime import date

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


def german(value: date) -> str:
    """15.03.2010 (years before 1000 with four digits too: 01.01.0001)"""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
