"""Findings: what a check found, as data (file, line, severity, code, German text)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from luedialog.text import visible


class Severity(StrEnum):
    FEHLER = "fehler"
    WARNUNG = "warnung"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the data.

    ``file`` is relative to the project root (with ``/``), ``line`` and ``column`` are 1-based
    (0 when unknown), ``key`` is the dotted path of the offending value (``verlauf[2].datum``).
    """

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""
    key: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.FEHLER

    def text(self) -> str:
        """``datei:zeile: Meldung (Schlüssel) Hinweis`` as one line."""
        place = f"{self.file}:{self.line}" if self.line else self.file
        label = "Fehler" if self.is_error else "Warnung"
        where = f" [{self.key}]" if self.key else ""
        hint = f" → {self.hint}" if self.hint else ""
        return visible(f"{place}: {label}: {self.message}{where}{hint}", one_line=True)


def error(file: str, line: int, code: str, message: str, *, hint: str = "", key: str = "", column: int = 0) -> Finding:
    return Finding(file, line, column, Severity.FEHLER, code, message, hint, key)


def warning(
    file: str, line: int, code: str, message: str, *, hint: str = "", key: str = "", column: int = 0
) -> Finding:
    return Finding(file, line, column, Severity.WARNUNG, code, message, hint, key)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)
