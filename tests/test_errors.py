"""System error texts in German words (issue 12, §5): one table for every message about a file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from luedialog.errors import reason
from tests.conftest import Projekt


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (errno.ENOSPC, "der Datenträger ist voll"),
        (errno.EROFS, "das Dateisystem ist schreibgeschützt"),
        (errno.EACCES, "keine Berechtigung"),
        (errno.ENOENT, "die Datei oder der Ordner existiert nicht"),
        (errno.ENOTDIR, "ein Teil des Pfads ist kein Ordner"),
        (errno.EISDIR, "das ist ein Ordner"),
        (errno.ELOOP, "Verweise (Symlinks) bilden einen Kreis"),
        (errno.ENAMETOOLONG, "der Name ist zu lang"),
        (errno.EIO, "Ein-/Ausgabefehler des Datenträgers"),
        (errno.EPIPE, "der Empfänger hat die Ausgabe geschlossen"),
    ],
)
def test_system_errors_in_german_words(number: int, text: str) -> None:
    assert reason(OSError(number, os.strerror(number))) == text


def test_an_unknown_error_is_named_by_its_symbol_not_in_english() -> None:
    assert reason(OSError(errno.EHOSTDOWN, "Host is down")) == "Systemfehler EHOSTDOWN"
    assert reason(OSError(99999, "Something odd")) == "unbekannter Systemfehler"
    assert reason(OSError("ohne Nummer")) == "unbekannter Systemfehler"


def test_a_report_folder_below_a_file_is_reported_in_german(projekt: Projekt, tmp_path: Path) -> None:
    (tmp_path / "datei").write_text("kein Ordner", encoding="utf-8")
    result = projekt.run("bericht", "alle", "--ausgabe", str(tmp_path / "datei" / "berichte"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fehler: Der Ordner {tmp_path / 'datei' / 'berichte'} kann nicht angelegt werden "
        "(ein Teil des Pfads ist kein Ordner).\n"
    )
