"""The command line speaks German throughout: ``--help`` ("Aufruf:", German placeholders, no types
after an argument's name), the messages of shell completion, and the reasons the system gives."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
import shellingham  # type: ignore[import-untyped]

from luedialog.cli.german import completion_message, placeholder
from luedialog.errors import reason as system_reason
from tests.cli.test_app import command_paths
from tests.conftest import FIXTURES, Projekt, run_cli

WIDE: dict[str, str | None] = {"COLUMNS": "200"}
ENGLISH = (
    "Usage",
    "[OPTIONS]",
    "COMMAND",
    "[ARGS]",
    "Options",
    "Arguments",
    "Commands",
    "[default",
    "[required]",
    "<str>",
    "<int>",
    "<float>",
    "<path>",
    "<list[",
    "<bool>",
    "<datetime>",
)


@pytest.mark.parametrize("path", [[], *command_paths()], ids=lambda p: " ".join(p) or "luedialog")
def test_help_is_german(path: list[str]) -> None:
    result = run_cli(*path, "--help", env=WIDE)
    assert result.exit_code == 0
    assert re.search(rf"Aufruf: luedialog{' ' if path else ''}{' '.join(path)} \[OPTIONEN\]", result.stdout)
    for word in ENGLISH:
        assert word not in result.stdout, (path, word)
    assert not re.search(r"<[a-z]+>", result.stdout), path  # no type in angle brackets


def test_usage_lines_name_what_to_give() -> None:
    assert "Aufruf: luedialog [OPTIONEN] BEFEHL [ARGUMENTE]..." in run_cli("--help", env=WIDE).stdout
    assert "Aufruf: luedialog sachstand [OPTIONEN] ID STATUS" in run_cli("sachstand", "--help", env=WIDE).stdout
    assert "Aufruf: luedialog gruppen [OPTIONEN] [GRUPPE]" in run_cli("gruppen", "--help", env=WIDE).stdout


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        (["sachstand"], r"│ \*    ID +ID der Maßnahme, z\. B\. M-BEK-02\."),  # no type after the name
        (["sachstand"], r"--fortschritt +ZAHL 0–100 +Fortschritt in Prozent"),
        (["sachstand"], r"--notiz +TEXT +Der Sachstand in Worten"),
        (["sachstand"], r"--datum +DATUM +Datum des Sachstands"),
        (["status"], r"--feld +TEXT +Nur dieses Handlungsfeld"),
        (["status"], r"--format +\[text\|json\] +Ausgabeformat\."),
        (["status"], r"--alle +Listen nicht kürzen"),
        (["bericht"], r"│ \*    BERICHT +\[rat\|jahreskonferenz\|alle\] +rat, jahreskonferenz oder alle"),
        (["export"], r"--ausgabe +DATEI +In diese Datei schreiben"),
        (["abfrage", "einlesen"], r"│ \*    DATEI +Die ausgefüllte Tabelle \(\.xlsx oder CSV\)\."),
        (["neu", "massnahme"], r"--status +STATUS +Status des ersten Eintrags"),
    ],
)
def test_placeholders_are_german(path: list[str], pattern: str) -> None:
    assert re.search(pattern, run_cli(*path, "--help", env=WIDE).stdout), pattern


def test_placeholder_mapping() -> None:
    assert [placeholder(s) for s in ("<str>", "<int>", "<list[str]>", "<path>", "<text|json>", "DATUM")] == [
        "TEXT",
        "ZAHL",
        "TEXT",
        "PFAD",
        "[text|json]",
        "DATUM",
    ]


def test_install_completion_speaks_german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(shellingham, "detect_shell", lambda: ("bash", "/bin/bash"))
    result = run_cli("--install-completion")
    assert result.exit_code == 0
    script = tmp_path / ".bash_completions" / "luedialog.sh"
    assert result.stdout == (
        f"Tab-Vervollständigung für bash eingerichtet in {script}\nSie wirkt, sobald Sie ein neues Terminal öffnen.\n"
    )
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def test_completion_for_an_unknown_shell_speaks_german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(shellingham, "detect_shell", lambda: ("tcsh", "/bin/tcsh"))
    for option in ("--install-completion", "--show-completion"):
        result = run_cli(option)
        assert result.exit_code == 1
        assert (result.stdout + result.stderr) == (
            "Die Shell „tcsh“ wird nicht unterstützt; die Tab-Vervollständigung gibt es für bash, zsh, fish und "
            "PowerShell.\n"
        )
    assert list(tmp_path.iterdir()) == []


def test_completion_without_a_detected_shell_speaks_german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail() -> tuple[str, str]:
        raise shellingham.ShellDetectionFailure()

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(shellingham, "detect_shell", fail)
    result = run_cli("--install-completion")
    assert result.exit_code == 1
    assert (result.stdout + result.stderr) == (
        "Die Shell wurde nicht erkannt; die Tab-Vervollständigung gibt es für bash, zsh, fish und PowerShell.\n"
    )


def test_show_completion_prints_the_script_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shellingham, "detect_shell", lambda: ("bash", "/bin/bash"))
    result = run_cli("--show-completion")
    assert result.exit_code == 0
    assert result.stdout.startswith("_luedialog_completion() {")
    assert "complete -o default -F _luedialog_completion luedialog" in result.stdout


@pytest.mark.parametrize(
    ("english", "german"),
    [
        ("Invalid completion instruction.", "Ungültige Anweisung für die Tab-Vervollständigung."),
        ('Completion instruction "x" not supported.', "Die Anweisung „x“ für die Tab-Vervollständigung gibt es nicht."),
        ("Couldn't get PowerShell user profile", "Das Benutzerprofil der PowerShell wurde nicht gefunden."),
        ("Shell ksh not supported.", "Die Shell „ksh“ wird nicht unterstützt; die Tab-Vervollständigung gibt es "
         "für bash, zsh, fish und PowerShell."),
    ],
)  # fmt: skip
def test_completion_messages(english: str, german: str) -> None:
    assert completion_message(english) == german


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOENT, "die Datei oder der Ordner existiert nicht"),
        (errno.EACCES, "keine Berechtigung"),
        (errno.EISDIR, "das ist ein Ordner"),
        (errno.ENOSPC, "der Datenträger ist voll"),
        (errno.ENOEXEC, "Systemfehler ENOEXEC"),  # no German text: its code, never the English one
        (None, "unbekannter Systemfehler"),
    ],
)
def test_system_reasons_are_german(code: int | None, reason: str) -> None:
    exc = OSError(code, "English text") if code is not None else OSError("English text")
    assert system_reason(exc) == reason


def test_reading_a_folder_as_a_sheet_says_why_in_german(projekt: Projekt, tmp_path: Path) -> None:
    folder = tmp_path / "abfrage.csv"
    folder.mkdir()
    result = projekt.run("abfrage", "einlesen", str(folder))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Fehler: {folder} ist ein Ordner, keine Tabelle.")


def test_an_output_folder_below_a_file_says_why_in_german(tmp_path: Path) -> None:
    datei = tmp_path / "datei"
    datei.write_text("", encoding="utf-8")
    target = datei / "berichte"
    result = run_cli("--daten", str(FIXTURES / "berichtsstadt"), "bericht", "alle", "--ausgabe", str(target))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fehler: Der Ordner {target} kann nicht angelegt werden (ein Teil des Pfads ist kein Ordner).\n"
    )
