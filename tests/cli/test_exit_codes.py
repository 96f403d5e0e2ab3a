"""The installed command in a process of its own, as CI and pre-commit run it: the exit code is the verdict.

With typer 0.12.5 and a newer click, every command – `pruefen` on broken data too – printed the
version and exited 0: CI would have been green without checking anything. These tests run in the
lowest-versions job (.ci/lowest) as well, so a dependency that breaks the verdict fails there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from luedialog import __version__
from tests.conftest import FIXTURES


def luedialog(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The console script beside this Python (as installed), else ``python -m luedialog``."""
    script = Path(sys.executable).parent / ("luedialog.exe" if os.name == "nt" else "luedialog")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "luedialog"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [*command, *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env, check=False
    )


@pytest.fixture
def stadt(tmp_path: Path) -> Path:
    root = tmp_path / "musterstadt"
    shutil.copytree(FIXTURES / "musterstadt", root)
    return root


def test_pruefen_on_good_data_exits_0(stadt: Path) -> None:
    done = luedialog("pruefen", "--stichtag", "2011-12-31", cwd=stadt)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "Alles in Ordnung: 6 Dateien geprüft, keine Fehler, keine Warnungen.\n",
        "",
    )


@pytest.mark.parametrize("output_format", ["text", "json", "github", "gitlab"])
def test_pruefen_on_broken_data_exits_1(stadt: Path, output_format: str) -> None:
    measure = stadt / "data" / "massnahmen" / "M-BIL-01.yaml"
    text = measure.read_text(encoding="utf-8")
    assert "status: in_umsetzung" in text
    measure.write_text(text.replace("status: in_umsetzung", "status: in_umstzung"), encoding="utf-8")
    done = luedialog("pruefen", "--format", output_format, "--stichtag", "2011-12-31", cwd=stadt)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "in_umstzung" in done.stdout
    assert f"luedialog {__version__}" not in done.stdout


def test_a_usage_error_exits_2(stadt: Path) -> None:
    done = luedialog("pruefen", "--format", "word", cwd=stadt)
    assert done.returncode == 2
    assert done.stderr.startswith("Fehler: ")
    assert done.stdout == ""


def test_no_project_exits_1(tmp_path: Path) -> None:
    done = luedialog("pruefen", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("Fehler: Kein luedialog-Projekt gefunden")


def test_version(tmp_path: Path) -> None:
    done = luedialog("--version", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, f"luedialog {__version__}\n")
