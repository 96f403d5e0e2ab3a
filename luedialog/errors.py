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


# what the system says (strerror) in German words: "No space left on device" never reaches a user
_REASONS = {
    errno.ENOSPC: "der Datenträger ist voll",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft",
    errno.EROFS: "das Dateisystem ist schreibgeschützt",
    errno.EACCES: "keine Berechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.EFBIG: "die Datei wäre zu groß",
    errno.ENOENT: "die Datei oder der Ordner existiert nicht",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
    errno.EISDIR: "das ist ein Ordner",
    errno.EEXIST: "die Datei gibt es schon",
    errno.ENOTEMPTY: "der Ordner ist nicht leer",
    errno.ELOOP: "Verweise (Symlinks) bilden einen Kreis",
    errno.ENAMETOOLONG: "der Name ist zu lang",
    errno.EIO: "Ein-/Ausgabefehler des Datenträgers",
    errno.EBUSY: "die Datei ist gerade in Benutzung",
    errno.ETXTBSY: "die Datei ist gerade in Benutzung",
    errno.EMFILE: "zu viele offene Dateien",
    errno.ENFILE: "zu viele offene Dateien im System",
    errno.ENOMEM: "nicht genug Arbeitsspeicher",
    errno.EXDEV: "Quelle und Ziel liegen auf verschiedenen Dateisystemen",
    errno.EINVAL: "ungültiger Name oder ungültige Angabe",
    errno.EPIPE: "der Empfänger hat die Ausgabe geschlossen",
    errno.ENXIO: "das Gerät ist nicht bereit",
    errno.ENODEV: "das Gerät gibt es nicht",
    errno.EAGAIN: "die Datei ist vorübergehend nicht verfügbar",
    errno.ESTALE: "die Netzwerkfreigabe ist nicht mehr erreichbar",
    errno.ETIMEDOUT: "Zeitüberschreitung",
    errno.ENOTSUP: "das Dateisystem kann das nicht",
    errno.EOPNOTSUPP: "das Dateisystem kann das nicht",
}


def reason(exc: OSError) -> str:
    """Why a file operation failed, in German words (never the system's English ``strerror``).

    Every message about a failed read, write or folder uses it. An error number this table does not
    know is named by its symbol (``Systemfehler EHOSTDOWN``), so the user can still look it up.
    """
    number = exc.errno or 0
    known = _REASONS.get(number)
    if known is not None:
        return known
    symbol = errno.errorcode.get(number)
    return f"Systemfehler {symbol}" if symbol else "unbekannter Systemfehler"
