"""Expected failures and the documented exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of every luedialog command (documented in the README)."""

    OK = 0
    FINDINGS = 1  # data errors or an expected failure (file missing, refused change …)
    USAGE = 2  # wrong arguments or options
    INTERNAL = 3  # unexpected internal error: a bug in luedialog


class LuedialogError(Exception):
    """An expected failure, shown to the user as one German line.

    ``message`` says what is wrong, ``hint`` what to do; ``file`` and ``line`` point at the
    place in the data, where there is one; ``details`` are further lines shown below it (e.g. one
    per refused row of a spreadsheet).
    """

    exit_code: ExitCode = ExitCode.FINDINGS

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        file: str | None = None,
        line: int | None = None,
        details: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.file = file
        self.line = line
        self.details = details

    def __str__(self) -> str:
        place = ""
        if self.file:
            place = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        text = f"{place}{self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text


class UsageError(LuedialogError):
    """A wrong argument or option value (exit code 2)."""

    exit_code = ExitCode.USAGE


class ProjectNotFoundError(LuedialogError):
    """No ``luedialog.yaml`` in the working directory or above it."""
