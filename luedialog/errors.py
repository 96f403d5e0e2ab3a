"""Expected failures and the documented exit codes."""

from __future__ import annotations

import errno
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


_SYSTEM_REASONS = {
    "ENOENT": "nicht gefunden",
    "EACCES": "keine Berechtigung",
    "EPERM": "keine Berechtigung",
    "EISDIR": "das ist ein Ordner",
    "ENOTDIR": "ein Teil des Pfads ist kein Ordner",
    "ENOSPC": "der Datenträger ist voll",
    "EDQUOT": "das Speicherkontingent ist erschöpft",
    "EROFS": "das Dateisystem ist schreibgeschützt",
    "EFBIG": "die Datei wäre zu groß",
    "ELOOP": "zu viele Verweise (Symlinks), vielleicht im Kreis",
    "ENAMETOOLONG": "der Name ist zu lang",
    "EIO": "Ein-/Ausgabefehler des Datenträgers",
    "EBUSY": "wird gerade benutzt",
    "EEXIST": "existiert schon",
    "ENOTEMPTY": "der Ordner ist nicht leer",
    "EMFILE": "zu viele offene Dateien",
    "ENFILE": "zu viele offene Dateien im System",
    "ENXIO": "kein solches Gerät (etwa eine Pipe ohne Leser)",
    "ETXTBSY": "die Datei wird gerade ausgeführt",
    "EINVAL": "ungültiger Name oder ungültige Angabe",
    "EXDEV": "liegt auf einem anderen Datenträger",
    "ESTALE": "die Netzwerkfreigabe ist nicht mehr erreichbar",
    "ETIMEDOUT": "Zeitüberschreitung (Netzlaufwerk?)",
}


def system_reason(exc: OSError) -> str:
    """Why the system refused, in German (``[Errno 13] Permission denied`` → ``keine Berechtigung``);
    an errno without German text is named by its code (``Systemfehler ENOEXEC``), never in English."""
    code = errno.errorcode.get(exc.errno or 0, "")
    return _SYSTEM_REASONS.get(code) or (f"Systemfehler {code}" if code else "Systemfehler")
