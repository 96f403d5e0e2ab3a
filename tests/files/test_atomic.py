"""Safe writes: only the added lines change, atomically (old or new file, never a mix), under a lock."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from luedialog.errors import LuedialogError
from luedialog.files import atomic as writer
from luedialog.files.atomic import DELAY_ENV, LOCK_FILE, TEMP_PREFIX, atomic_write, project_lock
from tests.conftest import REPO, Projekt, daten, verlauf

M2 = "data/massnahmen/M-BIL-02.yaml"
MASSNAHMEN = "data/massnahmen"

# no git identity: entries written without --von have no "von"
pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")


def temp_files(projekt: Projekt) -> list[Path]:
    return sorted(projekt.path(MASSNAHMEN).glob(f"{TEMP_PREFIX}*"))


def sachstand(projekt: Projekt, ident: str, status: str, notiz: str, datum: str = "2010-03-01") -> tuple[int, str]:
    result = projekt.run("sachstand", ident, status, "--notiz", notiz, "--datum", datum, "--von", "Bauamt")
    return result.exit_code, result.stderr


NEW_ENTRY = b"  - datum: 2010-03-01\n    status: in_umsetzung\n    notiz: Bauantrag gestellt\n    von: Bauamt\n"


# --- atomic writes, crashes and failures --------------------------------------------------------------


def _luedialog(projekt: Projekt, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "luedialog", "--daten", str(projekt.root), *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_killed_write_leaves_the_old_file(projekt: Projekt) -> None:
    old = projekt.path(M2).read_bytes()
    before = daten(projekt.root)
    proc = _luedialog(
        projekt,
        "sachstand", "M-BIL-02", "in_umsetzung", "--notiz", "Bauantrag gestellt", "--datum", "2010-03-01",
        "--von", "Bauamt",
        env={DELAY_ENV: "60"},
    )  # fmt: skip
    try:
        # wait until the complete new content sits in the hidden temporary file, then kill the writer
        deadline = time.monotonic() + 30
        while not (temp_files(projekt) and temp_files(projekt)[0].read_bytes() == old + NEW_ENTRY):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the temporary file never appeared"
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert projekt.path(M2).read_bytes() == old
    assert [p.name for p in temp_files(projekt)] == [f"{TEMP_PREFIX}{proc.pid}-M-BIL-02.yaml"]
    assert {k: v for k, v in daten(projekt.root).items() if not Path(k).name.startswith(TEMP_PREFIX)} == before
    # the hidden leftover does not disturb pruefen ...
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert (result.exit_code, result.stdout) == (
        0,
        "Alles in Ordnung: 6 Dateien geprüft, keine Fehler, keine Warnungen.\n",
    )
    # ... and the next write removes it
    assert sachstand(projekt, "M-BIL-02", "in_umsetzung", "Bauantrag gestellt")[0] == 0
    assert temp_files(projekt) == []
    assert projekt.path(M2).read_bytes() == old + NEW_ENTRY


def test_a_leftover_temporary_file_is_removed_even_by_a_dry_run(projekt: Projekt) -> None:
    leftover = projekt.write(f"{MASSNAHMEN}/{TEMP_PREFIX}999-M-BIL-02.yaml", "halb geschrie")
    result = projekt.run("sachstand", "M-BIL-02", "geplant", "--notiz", "Planung", "--dry-run", "--von", "Bauamt")
    assert result.exit_code == 0
    assert not leftover.exists()


def test_parallel_writers_on_one_measure_lose_nothing(projekt: Projekt) -> None:
    old = verlauf(projekt.path(M2))
    procs = [
        _luedialog(
            projekt,
            "sachstand",
            "M-BIL-02",
            "geplant",
            "--notiz",
            f"Bericht {i}",
            "--datum",
            "2010-03-01",
            "--von",
            "Bauamt",
        )
        for i in range(8)
    ]
    outcomes = [(p.communicate()[1].decode(), p.returncode) for p in procs]
    assert outcomes == [
        ("Eingetragen: M-BIL-02 geplant am 01.03.2010 in data/massnahmen/M-BIL-02.yaml\n", 0) for _ in range(8)
    ]
    entries = verlauf(projekt.path(M2))
    assert entries[:1] == old
    assert sorted(str(e["notiz"]) for e in entries[1:]) == [f"Bericht {i}" for i in range(8)]
    assert {(e["datum"], e["status"]) for e in entries[1:]} == {(date(2010, 3, 1), "geplant")}
    assert projekt.run("pruefen", "--stichtag", "2011-12-31").exit_code == 0


def test_parallel_writers_on_different_measures_lose_nothing(projekt: Projekt) -> None:
    template = projekt.read(M2)
    idents = [f"M-BIL-{n:02d}" for n in range(3, 11)]
    for ident in idents:
        projekt.write(f"{MASSNAHMEN}/{ident}.yaml", template.replace("M-BIL-02", ident))
    before = daten(projekt.root)
    procs = [
        _luedialog(
            projekt,
            "sachstand",
            ident,
            "in_umsetzung",
            "--notiz",
            f"Start {ident}",
            "--datum",
            "2010-03-01",
            "--von",
            "Bauamt",
        )
        for ident in idents
    ]
    assert [(p.communicate()[1].decode(), p.returncode) for p in procs] == [
        (f"Eingetragen: {ident} in_umsetzung am 01.03.2010 in data/massnahmen/{ident}.yaml\n", 0) for ident in idents
    ]
    for ident in idents:
        name = f"{MASSNAHMEN}/{ident}.yaml"
        assert projekt.path(name).read_bytes() == before[name] + (
            f"  - datum: 2010-03-01\n    status: in_umsetzung\n    notiz: Start {ident}\n    von: Bauamt\n".encode()
        )
    assert projekt.run("pruefen", "--stichtag", "2011-12-31").exit_code == 0


DISK_FULL = (
    "Fehler: M-BIL-02.yaml konnte nicht geschrieben werden (der Datenträger ist voll). Die Datei ist unverändert. "
    "Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.\n"
)


def _disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_full_disk_is_reported_in_german_and_changes_nothing(
    projekt: Projekt, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    before = daten(projekt.root)
    with monkeypatch.context() as patched:
        patched.setattr(os, step, _disk_full)
        code, stderr = sachstand(projekt, "M-BIL-02", "in_umsetzung", "Bauantrag gestellt")
    assert (code, stderr) == (1, DISK_FULL)
    assert daten(projekt.root) == before
    assert temp_files(projekt) == []


def test_a_full_disk_while_creating_the_temporary_file(projekt: Projekt, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = open

    def full_for_temp_files(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file).name.startswith(TEMP_PREFIX):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(file, *args, **kwargs)

    before = daten(projekt.root)
    monkeypatch.setattr(writer, "open", full_for_temp_files, raising=False)
    assert sachstand(projekt, "M-BIL-02", "in_umsetzung", "Bauantrag gestellt") == (1, DISK_FULL)
    assert daten(projekt.root) == before


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_folder_is_reported_and_changes_nothing(projekt: Projekt) -> None:
    before = daten(projekt.root)
    folder = projekt.path(MASSNAHMEN)
    folder.chmod(0o555)
    try:
        code, stderr = sachstand(projekt, "M-BIL-02", "in_umsetzung", "Bauantrag gestellt")
    finally:
        folder.chmod(0o755)
    assert code == 1
    assert stderr.startswith("Fehler: M-BIL-02.yaml konnte nicht geschrieben werden (")
    assert "Die Datei ist unverändert." in stderr
    assert daten(projekt.root) == before


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_atomic_write_keeps_the_file_mode(tmp_path: Path) -> None:
    folder = tmp_path / "ordner"
    folder.mkdir()
    target = folder / "M-X.yaml"
    target.write_bytes(b"alt\n")
    target.chmod(0o640)
    atomic_write(target, b"neu\n")
    assert (target.read_bytes(), target.stat().st_mode & 0o777) == (b"neu\n", 0o640)
    assert sorted(p.name for p in folder.iterdir()) == ["M-X.yaml"]


@pytest.fixture
def gesperrt(tmp_path: Path) -> Iterator[Path]:
    with project_lock(tmp_path):
        yield tmp_path


def test_a_second_writer_waits_for_the_lock_and_then_gives_up(gesperrt: Path) -> None:
    with pytest.raises(LuedialogError) as caught, project_lock(gesperrt, timeout=0.1):
        pass
    assert str(caught.value) == (
        "Ein anderer luedialog-Vorgang schreibt gerade in dieses Projekt. Warten Sie kurz und versuchen Sie es erneut."
    )


def test_the_lock_is_released_after_use(tmp_path: Path) -> None:
    with project_lock(tmp_path):
        pass
    with project_lock(tmp_path, timeout=0):
        assert (tmp_path / LOCK_FILE).exists()
