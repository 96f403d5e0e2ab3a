"""Input as people type it: status, measure ID, date and progress, in a sheet or on the command line.

The one home of reading what staff type, shared by the spreadsheet import and the commands:

    status_key(config, "In Umsetzung")   -> "in_umsetzung"   (key or label, any case)
    measure_id(snapshot, "m-bil-01")     -> "M-BIL-01"       (any case; suggests M-BIL-01 for M-BIL-1)
    parse_day("15.03.10", config)        -> date(2010, 3, 15) (ISO, German, two-digit years)
    parse_percent("70 %")                -> 70               (70, 70 %, 70%)

Each raises :class:`EingabeFehler` (a ``LuedialogError`` and a ``ValueError``) whose ``message`` is
one German sentence that names the value and says what is possible. It names neither a column nor
an option: the caller puts what the user touched in front (``Spalte „Datum“: …``, ``--datum: …``).
"""

from __future__ import annotations

import difflib
import re
from datetime import date

from luedialog.dates import InvalidDateError, parse_date
from luedialog.errors import LuedialogError
from luedialog.model.config import Config
from luedialog.snapshot import Snapshot

_TWO_DIGIT_YEAR = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})$")
_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# characters nobody sees, pasted from a web page or a word processor: zero-width space, non-joiner and
# joiner, word joiner, byte order mark, soft hyphen (an ID cannot contain them)
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
DATE_EXAMPLES = "15.03.2010, 15.03.10 oder 2010-03-15"


class EingabeFehler(LuedialogError, ValueError):
    """A typed value that is not what was asked for; the message names the value."""


def _folded(text: str) -> str:
    """For comparing names: case, ``_``/``-`` and runs of spaces do not count."""
    return _SPACES.sub(" ", text.replace("_", " ").replace("-", " ")).strip().casefold()


def status_key(config: Config, text: str) -> str:
    """The key of the status ``text`` names, by key or label in any case (``In Umsetzung``, ``zurückgestellt``)."""
    wanted = _folded(text)
    for s in config.status:  # keys first: a label can never shadow a key
        if _folded(s.schluessel) == wanted:
            return s.schluessel
    for s in config.status:
        if _folded(s.bezeichnung) == wanted:
            return s.schluessel
    labels = [s.bezeichnung for s in config.status]
    if not wanted:
        raise EingabeFehler("Kein Status angegeben. Möglich: " + ", ".join(labels) + ".")
    names = {_folded(n): n for s in config.status for n in (s.schluessel, s.bezeichnung)}  # labels win
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.8)  # typos only
    shown = text.strip()
    if close:
        raise EingabeFehler(f"„{shown}“ ist kein bekannter Status. Meinten Sie „{names[close[0]]}“?")
    raise EingabeFehler(f"„{shown}“ ist kein bekannter Status. Möglich: " + ", ".join(labels) + ".")


def _same_number(text: str, known: list[str]) -> str | None:
    """The known ID with the same prefix (any case) and the same number: ``M-AUW-1`` → ``M-AUW-01``."""
    match = _NUMBERED.match(text)
    if not match:
        return None
    prefix, number = match.group(1).casefold(), int(match.group(2))
    for ident in known:
        other = _NUMBERED.match(ident)
        if other and other.group(1).casefold() == prefix and int(other.group(2)) == number:
            return ident
    return None


def measure_id(snapshot: Snapshot, text: str) -> str:
    """The ID of the known measure ``text`` names, in any case (``m-auw-05`` → ``M-AUW-05``)."""
    ident = _INVISIBLE.sub("", text).strip()
    if not ident:
        raise EingabeFehler("Keine ID angegeben.")
    measures = snapshot.massnahmen
    for candidate in (ident, ident.upper()):  # the usual cases without looking at every ID
        if candidate in measures:
            return candidate
    folded = {k.casefold(): k for k in measures}
    if ident.casefold() in folded:
        return folded[ident.casefold()]
    if snapshot.may_exist("Maßnahme", ident) or snapshot.may_exist("Maßnahme", ident.upper()):
        raise EingabeFehler(
            f"Die Datei der Maßnahme „{ident}“ ist fehlerhaft; so lange wird nichts eingetragen. "
            "Die Fehler zeigt: luedialog pruefen"
        )
    known = sorted(measures)
    near = _same_number(ident, known)
    if near is None:
        close = difflib.get_close_matches(ident.casefold(), list(folded), n=1, cutoff=0.6)
        near = folded[close[0]] if close else None
    hint = f"Meinten Sie „{near}“?" if near else "Alle IDs zeigt: luedialog status"
    raise EingabeFehler(f"Keine Maßnahme mit der ID „{ident}“. {hint}")


def parse_day(text: str, config: Config) -> date:
    """``2010-03-15``, ``15.03.2010`` or ``15.03.10``; a two-digit year must fall into the process
    period (from the year of the founding paper to ``zeitraum.ende_jahr``) in exactly one way."""
    cleaned = _SPACES.sub("", text)
    match = _TWO_DIGIT_YEAR.match(cleaned)
    if match is None:
        try:
            return parse_date(cleaned)
        except InvalidDateError:
            if re.match(r"^\d{1,2}\.\d{1,2}\.\d{4}$|^\d{4}-\d{1,2}-\d{1,2}$", cleaned):
                raise EingabeFehler(f"„{text.strip()}“ ist kein gültiges Kalenderdatum.") from None
            raise EingabeFehler(f"„{text.strip()}“ ist kein Datum; erwartet wird z. B. {DATE_EXAMPLES}.") from None
    day, month, short = (int(g) for g in match.groups())
    first, last = config.anfang.year, config.zeitraum.ende_jahr
    years = [c * 100 + short for c in range(first // 100, last // 100 + 1) if first <= c * 100 + short <= last]
    if len(years) != 1:
        if not years:  # the two readings nearest to the period
            around = [c * 100 + short for c in range(first // 100 - 1, last // 100 + 2)]
            years = sorted(sorted(around, key=lambda y: max(first - y, y - last))[:2])
        readings = " oder ".join(f"{day:02d}.{month:02d}.{y}" for y in years)
        why = (
            "ist mehrdeutig" if first <= years[0] <= last else f"liegt nicht im Zeitraum des Prozesses ({first}–{last})"
        )
        raise EingabeFehler(
            f"Die zweistellige Jahreszahl in „{text.strip()}“ {why}; bitte das Jahr vierstellig schreiben ({readings})."
        )
    try:
        return date(years[0], month, day)
    except ValueError:
        raise EingabeFehler(f"„{text.strip()}“ ist kein gültiges Kalenderdatum.") from None


def parse_percent(text: str) -> int:
    """A whole percentage from 0 to 100, written ``70``, ``70 %`` or ``70%``."""
    shown = text.strip()
    cleaned = _SPACES.sub("", shown).removesuffix("%")
    if not re.fullmatch(r"-?\d+([.,]\d+)?", cleaned):
        raise EingabeFehler(
            f"„{shown}“ ist keine Prozentzahl; erwartet wird eine ganze Zahl von 0 bis 100, z. B. 70 oder 70 %."
        )
    value = float(cleaned.replace(",", "."))
    if not value.is_integer():
        raise EingabeFehler(f"„{shown}“ ist keine ganze Zahl; erwartet wird eine ganze Zahl von 0 bis 100.")
    if not 0 <= value <= 100:
        raise EingabeFehler(f"„{shown}“ liegt nicht zwischen 0 und 100.")
    return int(value)
