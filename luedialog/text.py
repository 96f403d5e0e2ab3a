"""German wording shared by the reporters and the CLI."""

from __future__ import annotations

import re


def count(n: int, one: str, many: str) -> str:
    """``1 Datei``, ``2 Dateien``, ``0 Dateien``."""
    return f"{n} {one if n == 1 else many}"


# C0 controls (without tab and line feed), DEL, C1 controls (a lone 0x9b starts a control sequence
# in many terminals), the Unicode line and paragraph separators and the bidirectional overrides and
# isolates that reorder what a terminal shows ("Trojan Source")
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
# and lone surrogates: the bytes of a file name that is not UTF-8 (os.fsdecode), shown as "\xff"
_SURROGATES = "\ud800-\udfff"
# the characters visible() replaces, for a character class of another expression (ranges written
# with the characters themselves: no "]", "\\", "^" or "-" at an edge)
CONTROL_CHARS = _UNSAFE + _SURROGATES
_CONTROL = re.compile(f"[{CONTROL_CHARS}]")
_CONTROL_OR_NEWLINE = re.compile(f"[\x0a{_UNSAFE}{_SURROGATES}]")
# what json.dumps(ensure_ascii=False) leaves unescaped although a terminal would act on it (or
# UTF-8 could not even encode)
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069{_SURROGATES}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """Text for a terminal: control characters from the data (an escape sequence, a carriage return,
    a C1 control, an OSC sequence's BEL) shown as ``\\x1b`` instead of acting on the terminal; with
    ``one_line`` also line breaks.

    Each character is replaced on its own: a text cut (to a width, to 100 characters) *before* it is
    made visible never holds a working escape sequence, and no shown ``\\x1b`` is cut in half.
    """
    return (_CONTROL_OR_NEWLINE if one_line else _CONTROL).sub(_escape, text)


def json_safe(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with every character a terminal would
    act on written as a ``\\u`` escape: the same JSON value, harmless on a terminal."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
