"""Contact data in values: e-mail addresses, telephone numbers and street addresses.

A key named ``email`` or ``telefon`` is refused by the schema; these rules look into the texts
themselves, of every value of a guideline file (its guidelines, explanations and sources), of a
group file (members, meetings, results, conferences …) and of an indicator file (its values with
their sources and notes), and of the title, description, every history entry and addressee of a
measure. The loader looks for them in each file while its data is at hand
(:func:`contact_data`); ``checks/kontakt.py`` makes the findings.

The patterns are strict enough for the wording of council papers: dates (``01.03.2009``), paper
numbers (``Vorlage 56/08``, ``0815/2010``), amounts (``10.000 €``), years and ranges do not match.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from datetime import date

from luedialog.files.read import KeyPath, Value

# Every pattern starts with what is rare in ordinary text (an "@", a bracket, a "+", a digit) and
# what must come before it is checked afterwards (``_after``): a search then passes over most of a
# text at once, and 10,000 measures are checked in a fraction of a second.
_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")  # before an "@"
_EMAIL = re.compile(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")  # name@example.org
_EMAIL_SPELLED = re.compile(  # name (at) example (dot) org, name[at]example.org
    r"[(\[{]\s*(?:at|ät)\s*[)\]}]\s*[A-Za-z0-9-]+(?:\s*(?:[(\[{]\s*(?:dot|punkt)\s*[)\]}]|\.)\s*[A-Za-z0-9-]+)+",
    re.IGNORECASE,
)
# a number of at least three digits after a word that announces it (Tel. 12 34 56, Fax: 02306 …)
_NUMBER = re.compile(r"[+(\d][\d ()/-]{2,}\d")
_PHONE_WORD = re.compile(
    r"\b(?:tel(?:efon)?|fon|phone|fax|telefax|mobil(?:funk)?|handy|ruf(?:nummer)?|durchwahl)\b\.?:?\s*$",
    re.IGNORECASE,
)
# international: +49 2306 104-0, 0049 (0)231 12345
_PHONE_INTERNATIONAL = re.compile(r"(?:\+|00)[1-9]\d{0,2}[ /-]?(?:\(0\)\s?)?\d[\d /-]{4,}\d")
# national: an area code (0 and 2–5 digits, optionally in brackets), a separator, the number
_PHONE_NATIONAL = re.compile(r"(?:\(0|0)[1-9]\d{1,4}\)?(?:[ /-]|\s?/\s?)\d[\d -]{2,}\d(?![\w.,/])")
_YEAR_AFTER_SLASH = re.compile(r"^\(?0\d+\)?\s?/\s?(?:19|20)\d\d$")  # a paper number such as 0815/2010

# an address: a house number (1–4 digits, maybe a letter) that is no part of a longer number, an
# amount or a date, after a street: Schulstraße 12, Kurt-Schumacher-Str. 3a, Am Marktplatz 1 (one
# word), Lange Straße 12 (two words); also Postfach 1234 and D-44532
# (written "\d\d{0,3}", not "\d{1,4}": the same matches, but a search skips to the next digit at once)
_HOUSE_NUMBER = re.compile(r"\d\d{0,3}(?:\s?[a-z])?(?![\w.,]*\d)(?!\s*(?:%|€|Jahr|Prozent))")
_STREET_SUFFIX = r"(?i:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|pfad|steig|wall|markt)"
_STREET_WORD = r"(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer|Chaussee|Pfad|Steig|Wall|Markt)"
_STREET_BEFORE = re.compile(
    rf"(?:\b[A-ZÄÖÜ][\wäöüß-]*[a-zäöüß-]{_STREET_SUFFIX}|\b[A-ZÄÖÜ][a-zäöüß-]+\s+{_STREET_WORD}|\bPostfach)\s*$"
)
# how the text before the number must end for each of the two patterns above: looked for first, in
# its last characters only (a search of the whole text before a number takes ten times as long)
_PHONE_WORD_END = re.compile(
    r"(?:tel(?:efon)?|fon|phone|fax|telefax|mobil(?:funk)?|handy|ruf(?:nummer)?|durchwahl)\.?:?\Z", re.IGNORECASE
)
_STREET_END = re.compile(rf"(?:{_STREET_SUFFIX}|Postfach)\Z")
_POSTCODE = re.compile(r"D-\d{5}\b")
_DIGIT = re.compile(r"\d")  # any decimal digit, as in the patterns (also Arabic-Indic, full-width …)
LOOK_BACK = 60  # characters before a number in which its street or announcing word is looked for

EMAIL, PHONE, ADDRESS = "eine E-Mail-Adresse", "eine Telefonnummer", "eine Anschrift"
SEPARATOR = "\x00"  # between the texts of one file: no pattern matches across it


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _before(text: str, position: int) -> str:
    """The text before ``position`` in the same text of a file."""
    start = max(0, position - LOOK_BACK)
    return text[start:position].rsplit(SEPARATOR, 1)[-1]


def _ends_with(end: re.Pattern[str], text: str) -> bool:
    """True if ``text`` without the white space at its end ends as ``end`` says."""
    return end.search(text.rstrip()[-12:]) is not None


def _after(text: str, position: int, forbidden: str) -> bool:
    """True if the character before ``position`` is none of ``forbidden`` nor a letter or digit."""
    if position == 0:
        return True
    previous = text[position - 1]
    return not (previous.isalnum() or previous == "_" or previous in forbidden)


def _has_digit(text: str) -> bool:
    """True if ``text`` holds a character that ``\\d`` matches. Only ASCII digits are looked for
    character by character (quick); the search for any other decimal digit only in a text that is
    not ASCII."""
    return any(digit in text for digit in "0123456789") or (not text.isascii() and _DIGIT.search(text) is not None)


def _matches(text: str) -> Iterator[tuple[int, str]]:
    """(position, kind) of every piece of contact data in ``text``, e-mail first, then telephone
    numbers, then addresses.

    A pattern is searched only where it can match: the spelled-out e-mail address begins with a
    bracket, every telephone number and house number holds a digit. Most texts have neither, and
    a search passes over the whole text even where it finds nothing."""
    for match in _EMAIL.finditer(text):
        if match.start() > 0 and text[match.start() - 1] in _LOCAL:
            yield match.start(), EMAIL
    if "(" in text or "[" in text or "{" in text:
        for match in _EMAIL_SPELLED.finditer(text):
            before = text[: match.start()].rstrip(" ")
            if before and before[-1] in _LOCAL:
                yield match.start(), EMAIL
    if _has_digit(text):
        yield from _numbers(text)
    for match in _POSTCODE.finditer(text):
        if _after(text, match.start(), "-"):
            yield match.start(), ADDRESS


def _numbers(text: str) -> Iterator[tuple[int, str]]:
    """Telephone numbers, then house numbers (every one holds a digit)."""
    for match in _NUMBER.finditer(text):
        before = _before(text, match.start())
        if _ends_with(_PHONE_WORD_END, before) and _PHONE_WORD.search(before):
            yield match.start(), PHONE
    zero = "0" in text  # a national number begins with "0" or "(0", an international one with "+" or "00"
    if zero or "+" in text:
        for match in _PHONE_INTERNATIONAL.finditer(text):
            if _after(text, match.start(), "+") and 8 <= _digits(match.group()) <= 16:
                yield match.start(), PHONE
    if zero:
        for match in _PHONE_NATIONAL.finditer(text):
            number = match.group()
            if (
                _after(text, match.start(), ".,/-")
                and 7 <= _digits(number) <= 14
                and not _YEAR_AFTER_SLASH.match(number)
            ):
                yield match.start(), PHONE
    for match in _HOUSE_NUMBER.finditer(text):
        if _after(text, match.start(), ".,/-"):
            before = _before(text, match.start())
            if _ends_with(_STREET_END, before) and _STREET_BEFORE.search(before):
                yield match.start(), ADDRESS


def kind_of(text: str) -> str | None:
    """What kind of contact data ``text`` holds (German, for a finding), or None."""
    return next((kind for _, kind in _matches(text)), None)


def _texts(value: Value, key: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, key + (i,))
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _texts(item, key + (name,))


MEASURE_FIELDS = ("titel", "beschreibung", "verlauf", "adressat", "partner", "verantwortlich")


def _measure_texts(data: dict[str, Value]) -> Iterator[tuple[KeyPath, str]]:
    """The texts of a measure's history and addressees (a flat loop: 10,000 measures are many)."""
    for name in MEASURE_FIELDS:
        value = data.get(name)
        if isinstance(value, str):
            yield (name,), value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield (name, i), item
                elif isinstance(item, dict):
                    for key, text in item.items():
                        if isinstance(text, str):
                            yield (name, i, key), text
                        elif text is not None and not isinstance(text, (int, float, date)):
                            yield from _texts(text, (name, i, key))


def contact_data(kind: str, data: Value) -> tuple[tuple[KeyPath, str], ...]:
    """Where the texts of a file of ``kind`` hold contact data: (key path of the text, what kind),
    in the order of the texts. A measure's texts are those of :data:`MEASURE_FIELDS`, every other
    file's all of its texts. The texts of one file are searched as one (each pattern once per
    file, not once per text)."""
    if kind == "Maßnahme":
        texts = list(_measure_texts(data)) if isinstance(data, dict) else []
    else:
        texts = list(_texts(data, ()))
    joined = SEPARATOR.join(text.replace(SEPARATOR, " ") for _, text in texts)
    found: dict[int, str] = {}
    starts: list[int] | None = None
    for position, what in _matches(joined):
        if starts is None:
            starts = list(itertools.accumulate((len(text) + 1 for _, text in texts[:-1]), initial=0))
        found.setdefault(bisect.bisect_right(starts, position) - 1, what)
    return tuple((texts[index][0], found[index]) for index in sorted(found))
