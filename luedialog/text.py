"""German wording shared by the reporters and the CLI."""

from __future__ import annotations

import re


def count(n: int, one: str, many: str) -> str:
    """``1 Datei``, ``2 Dateien``, ``0 Dateien``."""
    return f"{n} {one if n == 1 else many}"


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_OR_NEWLINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """Text for a terminal: control characters from the data (an escape sequence, a carriage return)
    shown as ``\\x1b`` instead of acting on the terminal; with ``one_line`` also line breaks."""
    return (_CONTROL_OR_NEWLINE if one_line else _CONTROL).sub(_escape, text)
