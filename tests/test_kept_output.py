"""Kept terminal output: `status` and `--help` of unchanged inputs are written again, for the same
terminal only, without loading the project or rich; anything that changes the text makes it anew."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from luedialog import cachedir, kept_output
from luedialog.kept_output import show, terminal_state
from luedialog.reporters import terminal
from tests.conftest import PAST, Projekt, age, run_cli, spy

MEASURE = "data/massnahmen/M-BIL-02.yaml"


pytestmark = pytest.mark.usefixtures("own_key")  # each test signs with its own key, keeps help apart


class Render:
    """Writes its text to stdout and counts how often it was asked to."""

    def __init__(self, *parts: str, fail: bool = False) -> None:
        self.parts = parts
        self.fail = fail
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        for part in self.parts:
            sys.stdout.write(part)
        if self.fail:
            raise RuntimeError("kaputt")


def kept(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# --- the store ----------------------------------------------------------------------------------


def test_a_text_is_written_again_without_being_made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    render = Render("Stand ", "am 31.12.2010\n")
    show(tmp_path / "k", "status|a", render)
    show(tmp_path / "k", "status|a", render)
    assert capsys.readouterr().out == "Stand am 31.12.2010\n" * 2
    assert render.calls == 1 and len(kept(tmp_path / "k")) == 1


def test_another_key_makes_the_text_anew(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    render = Render("x\n")
    show(tmp_path / "k", "status|a", render)
    show(tmp_path / "k", "status|b", render)
    assert render.calls == 2 and len(kept(tmp_path / "k")) == 2


@pytest.mark.parametrize(
    ("name", "value"),
    [("COLUMNS", "60"), ("NO_COLOR", "1"), ("FORCE_COLOR", "1"), ("TERM", "dumb"), ("TERMINAL_WIDTH", "70")],
)
def test_another_terminal_makes_the_text_anew(
    name: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(name, raising=False)
    render = Render("x\n")
    show(tmp_path / "k", "status|a", render)
    monkeypatch.setenv(name, value)
    show(tmp_path / "k", "status|a", render)
    assert render.calls == 2


def test_an_unrelated_variable_keeps_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    render = Render("x\n")
    show(tmp_path / "k", "status|a", render)
    monkeypatch.setenv("LUEDIALOG_TEST_UNRELATED", "anders")
    show(tmp_path / "k", "status|a", render)
    assert render.calls == 1


def test_terminal_state_names_what_rich_decides_on(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

    class Pipe(Tty):
        def isatty(self) -> bool:
            return False

    assert terminal_state(Tty()) != terminal_state(Pipe())
    before = terminal_state(Pipe())
    monkeypatch.setenv("LC_ALL", "C")
    assert terminal_state(Pipe()) != before


def test_a_failed_render_keeps_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    render = Render("halb", fail=True)
    with pytest.raises(RuntimeError):
        show(tmp_path / "k", "status|a", render)
    with pytest.raises(RuntimeError):
        show(tmp_path / "k", "status|a", render)
    assert render.calls == 2 and kept(tmp_path / "k") == []
    assert sys.stdout is not None and type(sys.stdout).__name__ != "_Tee"


def test_an_empty_text_is_not_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    render = Render()
    show(tmp_path / "k", "status|a", render)
    show(tmp_path / "k", "status|a", render)
    assert render.calls == 2 and kept(tmp_path / "k") == []


@pytest.mark.parametrize("switch", ["no key", "cache off"])
def test_nothing_is_kept_without_a_key_or_with_the_cache_off(
    switch: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if switch == "cache off":
        monkeypatch.setenv(cachedir.DISABLE_ENV, "1")
    key = None if switch == "no key" else "status|a"
    render = Render("x\n")
    show(tmp_path / "k", key, render)
    show(tmp_path / "k", key, render)
    assert render.calls == 2 and capsys.readouterr().out == "x\n" * 2 and kept(tmp_path / "k") == []


def test_a_text_signed_by_another_user_is_made_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    render = Render("x\n")
    show(tmp_path / "k", "status|a", render)
    monkeypatch.setenv(cachedir.KEY_DIR_ENV, str(tmp_path / "anderer-schluessel"))
    show(tmp_path / "k", "status|a", render)
    assert render.calls == 2


# --- through the commands -----------------------------------------------------------------------


@pytest.fixture
def overviews(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The status overviews really rendered."""
    return spy(monkeypatch, terminal, "status_overview", lambda config, data: data.stichtag)


def test_an_unchanged_status_is_written_again(aged: Projekt, overviews: list[object]) -> None:
    first = aged.run("status", "--stichtag", "31.12.2011")
    second = aged.run("status", "--stichtag", "31.12.2011")
    assert first.exit_code == second.exit_code == 0
    assert second.stdout == first.stdout and "Stand am 31.12.2011" in first.stdout
    assert len(overviews) == 1


@pytest.mark.parametrize("other", [["--stichtag", "30.06.2011"], ["--feld", "bildung", "--stichtag", "31.12.2011"]])
def test_another_stichtag_or_filter_makes_status_anew(other: list[str], aged: Projekt, overviews: list[object]) -> None:
    first = aged.run("status", "--stichtag", "31.12.2011")
    again = aged.run("status", *other)
    assert again.exit_code == 0 and again.stdout != first.stdout and len(overviews) == 2


def test_an_edited_measure_is_in_the_next_status(aged: Projekt, overviews: list[object]) -> None:
    before = aged.run("status", "--feld", "bildung", "--stichtag", "31.12.2011")
    aged.replace(MEASURE, "titel: Lehrschwimmbecken", "titel: Lehrschwimmbecken Nord")
    age(aged, PAST + 5)
    after = aged.run("status", "--feld", "bildung", "--stichtag", "31.12.2011")
    assert before.stdout != after.stdout and len(overviews) == 2


def test_a_new_measure_file_makes_status_anew(aged: Projekt, overviews: list[object]) -> None:
    aged.run("status", "--stichtag", "31.12.2011")
    aged.write("data/massnahmen/notiz.txt", "keine Maßnahme\n")
    aged.run("status", "--stichtag", "31.12.2011")
    assert len(overviews) == 2


def test_an_edited_configuration_makes_status_anew(aged: Projekt, overviews: list[object]) -> None:
    aged.run("status", "--stichtag", "31.12.2011")
    with (aged.root / "luedialog.yaml").open("a", encoding="utf-8") as out:
        out.write("# geändert\n")
    aged.run("status", "--stichtag", "31.12.2011")
    assert len(overviews) == 2


def test_a_status_that_fails_keeps_nothing(aged: Projekt) -> None:
    for _ in range(2):
        result = aged.run("status", "--feld", "sport")
        assert result.exit_code == 2 and "--feld: „sport“ ist unbekannt." in result.stderr
    assert os.listdir(kept_output.status_folder(aged.root)) == []  # not even a temporary file


def test_status_as_json_is_not_kept(aged: Projekt) -> None:
    assert aged.run("status", "--format", "json").exit_code == 0
    assert kept_output.status_folder(aged.root).is_dir() is False


@pytest.fixture
def helps(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The help texts really made by typer's rich help."""
    from typer import rich_utils

    return spy(monkeypatch, rich_utils, "rich_format_help", lambda *a, **k: "made")


@pytest.mark.parametrize("args", [["--help"], ["status", "--help"], ["abfrage", "einlesen", "--help"], []])
def test_help_is_written_again(args: list[str], helps: list[str], tmp_path: Path) -> None:
    first = run_cli(*args)
    second = run_cli(*args)
    assert first.exit_code == second.exit_code and first.stdout == second.stdout and "Usage: " in first.stdout
    assert len(helps) == 1 and len(kept(tmp_path / "schluessel" / kept_output.HELP_DIR)) == 1


def test_the_help_of_each_command_is_kept_apart(helps: list[str]) -> None:
    assert "pruefen" in run_cli("pruefen", "--help").stdout
    assert "einlesen" not in run_cli("status", "--help").stdout
    assert len(helps) == 2


# --- as a program: what a kept run loads, and a real terminal -------------------------------------


def settled(root: Path) -> None:
    """Wait until no file of the project counts as "changed just now" (ctime cannot be set back)."""
    newest = max(p.stat().st_ctime_ns for p in root.rglob("*") if p.is_file())
    rest = (newest + cachedir.RACY_NS - time.time_ns()) / 1e9
    if rest > 0:
        time.sleep(rest + 0.05)


def program(root: Path, tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, cachedir.KEY_DIR_ENV: str(tmp_path / "schluessel"), "COLUMNS": "100", **env}
    environment.pop(cachedir.DISABLE_ENV, None)
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "luedialog", "--daten", str(root), *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def imported(run: subprocess.CompletedProcess[str]) -> set[str]:
    return {line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}


def test_a_kept_status_loads_neither_the_project_nor_rich(projekt: Projekt, tmp_path: Path) -> None:
    age(projekt)
    settled(projekt.root)
    first = program(projekt.root, tmp_path, "status", "--stichtag", "31.12.2011")
    second = program(projekt.root, tmp_path, "status", "--stichtag", "31.12.2011")
    assert first.returncode == second.returncode == 0 and first.stdout == second.stdout
    assert {"rich.console", "yaml", "luedialog.snapshot"} <= imported(first)
    assert {"rich", "rich.console", "yaml", "luedialog.snapshot", "luedialog.model"}.isdisjoint(imported(second))


def test_kept_help_loads_no_rich(tmp_path: Path, projekt: Projekt) -> None:
    first = program(projekt.root, tmp_path, "--help")
    second = program(projekt.root, tmp_path, "--help")
    assert first.returncode == second.returncode == 0 and first.stdout == second.stdout
    assert "typer.rich_utils" in imported(first) and "rich.console" not in imported(second)


def on_terminal(command: list[str], env: dict[str, str], columns: int) -> bytes:
    """What ``command`` writes to a terminal ``columns`` wide (a pseudo-terminal)."""
    import fcntl
    import struct
    import termios

    main, child = os.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    process = subprocess.Popen(command, stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    out = b""
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other end closed: the program ended
            break
        if not chunk:
            break
        out += chunk
    process.wait(timeout=30)
    os.close(main)
    return out


@pytest.mark.skipif(sys.platform == "win32", reason="Pseudo-Terminals gibt es nur unter POSIX.")
@pytest.mark.parametrize("args", [["status", "--stichtag", "31.12.2011"], ["status", "--help"]])
@pytest.mark.parametrize("columns", [72, 120])
def test_on_a_real_terminal_the_kept_text_is_the_made_one(
    args: list[str], columns: int, projekt: Projekt, tmp_path: Path
) -> None:
    age(projekt)
    settled(projekt.root)
    env = {**os.environ, cachedir.KEY_DIR_ENV: str(tmp_path / "schluessel"), "TERM": "xterm-256color"}
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", cachedir.DISABLE_ENV):
        env.pop(name, None)
    command = [sys.executable, "-m", "luedialog", "--daten", str(projekt.root), *args]
    made = on_terminal(command, {**env, cachedir.DISABLE_ENV: "1"}, columns)
    first = on_terminal(command, env, columns)
    again = on_terminal(command, env, columns)
    assert b"\x1b[" in made  # in colour
    assert first == again == made
    widths = {len(line) for line in made.decode("utf-8").replace("\x1b[", "\x00").splitlines() if "\x00" not in line}
    assert max(widths) <= columns
