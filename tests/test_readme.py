"""The README's steps for a new town run as written: install (uv, pipx), init, first measure, first
pruefen, first report – in a clean folder, with the wheel of this checkout in place of the package index.

The only change to the README's lines is the source of the installation: ``luedialog==X.Y.Z`` (PyPI)
becomes the wheel built from this checkout (tests/paket.py).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from luedialog import __version__
from tests.paket import REPO, Dist, build_dist, clean_env, run

README = REPO / "README.md"
SECTION = "## Eine neue Stadt: ein eigenes Repository mit luedialog"


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    return build_dist(tmp_path_factory)


def section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n{SECTION}\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def blocks(heading: str) -> list[list[str]]:
    """The lines of each ```bash block below the ``### heading`` of the section."""
    text = section()
    start = text.index(f"\n### {heading}")
    end = text.find("\n### ", start + 1)
    part = text[start : end if end != -1 else None]
    return [block.strip().splitlines() for block in re.findall(r"```bash\n(.*?)```", part, re.DOTALL)]


def install_blocks() -> tuple[list[str], list[str]]:
    uv, pipx = blocks("1. luedialog installieren")
    return uv, pipx


def test_the_readme_installs_this_version() -> None:
    uv, pipx = install_blocks()
    assert uv == [f"uv tool install 'luedialog[pdf]=={__version__}'"]
    assert pipx == [f"pipx install 'luedialog=={__version__}'", "pipx inject luedialog weasyprint"]
    assert f"| (ohne) oder `luedialog=={__version__}` | `luedialog=={__version__}` |" in section()


def test_the_steps_for_a_new_town() -> None:
    (steps,) = blocks("2. Anlegen, erste Maßnahme, erste Prüfung, erster Bericht")
    assert [line.split()[:2] for line in steps] == [
        ["luedialog", "init"],
        ["cd", "musterstadt-dialog"],
        ["luedialog", "neu"],
        ["luedialog", "pruefen"],
        ["luedialog", "bericht"],
    ]


def _tools(tmp_path: Path, **programs: str) -> Path:
    """A folder with only the named programs (as small scripts), for the front of PATH: the
    luedialog of this test environment must not be found."""
    folder = tmp_path / "werkzeuge"
    folder.mkdir()
    for name, command in programs.items():
        script = folder / name
        script.write_text(f'#!/bin/sh\nexec {command} "$@"\n', encoding="utf-8")
        script.chmod(0o755)
    return folder


def _path_without_this_environment() -> str:
    here = Path(sys.executable).parent
    return os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p and Path(p) != here)


def _run_steps(lines: list[str], cwd: Path, env: dict[str, str]) -> None:
    script = cwd.parent / "schritte.sh"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(["bash", "--noprofile", "--norc", "-e", str(script)], cwd, env)


def _town_is_there(work: Path) -> None:
    town = work / "musterstadt-dialog"
    assert (town / ".git").is_dir()
    assert (town / "data" / "massnahmen" / "M-BIL-01.yaml").is_file()
    html = (town / "rat-2026.html").read_text(encoding="utf-8")
    assert "Musterstädter Dialog" in html and "Schwimmkurse für alle Grundschulkinder" in html


def _uv() -> str | None:
    beside = Path(sys.executable).parent / ("uv.exe" if os.name == "nt" else "uv")
    return str(beside) if beside.is_file() else shutil.which("uv")


@pytest.mark.slow
def test_readme_steps_with_uv_tool_install(dist: Dist, tmp_path: Path) -> None:
    uv = _uv()
    if uv is None:
        pytest.skip("uv fehlt (pip install uv, im Test-Extra): die README-Schritte mit uv liefen nicht")
    tools = _tools(tmp_path, uv=uv)
    home, bin_dir = tmp_path / "home", tmp_path / "home" / ".local" / "bin"
    env = clean_env(home, UV_TOOL_DIR=str(home / "uv-tools"), UV_TOOL_BIN_DIR=str(bin_dir))
    env |= {"UV_CACHE_DIR": str(tmp_path / "uv-cache"), "UV_NO_MODIFY_PATH": "1"}
    env["PATH"] = os.pathsep.join([str(bin_dir), str(tools), _path_without_this_environment()])
    (install,) = install_blocks()[0:1]
    readme_source = f"'luedialog[pdf]=={__version__}'"
    assert readme_source in install[0]
    install = [install[0].replace(readme_source, f"'{dist.wheel}[pdf]'")]
    (steps,) = blocks("2. Anlegen, erste Maßnahme, erste Prüfung, erster Bericht")
    work = tmp_path / "sauber"
    work.mkdir()
    _run_steps([*install, *steps], work, env)
    _town_is_there(work)
    installed = run(["luedialog", "--version"], work, env)
    assert installed.stdout == f"luedialog {__version__}\n"
    assert Path(run(["sh", "-c", "command -v luedialog"], work, env).stdout.strip()).parent == bin_dir
    pdf = run(["luedialog", "bericht", "rat", "--jahr", "2026", "--format", "pdf"], work / "musterstadt-dialog", env)
    assert pdf.stderr == "Geschrieben: rat-2026.pdf\n"  # the [pdf] extra came along
    assert (work / "musterstadt-dialog" / "rat-2026.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.slow
def test_readme_install_with_pipx(dist: Dist, tmp_path: Path) -> None:
    if importlib.util.find_spec("pipx") is None:
        pytest.skip("pipx fehlt (pip install pipx, im Test-Extra): die Installation mit pipx lief nicht")
    tools = _tools(tmp_path, pipx=f"{sys.executable} -m pipx")
    home, bin_dir = tmp_path / "home", tmp_path / "home" / ".local" / "bin"
    env = clean_env(home, PIPX_HOME=str(home / "pipx"), PIPX_BIN_DIR=str(bin_dir), PIPX_MAN_DIR=str(home / "man"))
    env["PATH"] = os.pathsep.join([str(bin_dir), str(tools), _path_without_this_environment()])
    install = install_blocks()[1]
    readme_source = f"'luedialog=={__version__}'"
    assert readme_source in install[0]
    install = [install[0].replace(readme_source, f"'{dist.wheel}'"), *install[1:]]
    work = tmp_path / "sauber"
    work.mkdir()
    _run_steps(install, work, env)
    assert run(["luedialog", "--version"], work, env).stdout == f"luedialog {__version__}\n"
    assert run(["luedialog", "init", "stadt", "--name", "Dialog"], work, env).returncode == 0
    assert (work / "stadt" / ".gitlab-ci.yml").is_file()
    # pipx inject put WeasyPrint beside luedialog
    python = home / "pipx" / "venvs" / "luedialog" / "bin" / "python"
    run([str(python), "-c", "import weasyprint"], work, env)


@pytest.mark.slow
def test_the_readme_that_init_writes_installs_from_the_wheel_in_the_repository(dist: Dist, tmp_path: Path) -> None:
    """A town made with ``--paket <wheel>``: its own README's install commands work in its folder."""
    uv = _uv()
    if uv is None or importlib.util.find_spec("pipx") is None:
        pytest.skip("uv oder pipx fehlt (beide im Test-Extra): das README einer Stadt wurde nicht ausprobiert")
    tools = _tools(tmp_path, uv=uv, pipx=f"{sys.executable} -m pipx")
    home, bin_dir = tmp_path / "home", tmp_path / "home" / ".local" / "bin"
    env = clean_env(home, UV_TOOL_DIR=str(home / "uv-tools"), UV_TOOL_BIN_DIR=str(bin_dir))
    env |= {"UV_CACHE_DIR": str(tmp_path / "uv-cache"), "UV_NO_MODIFY_PATH": "1", "PIPX_HOME": str(home / "pipx")}
    env |= {"PIPX_BIN_DIR": str(home / "pipx-bin"), "PIPX_MAN_DIR": str(home / "man")}
    env["PATH"] = os.pathsep.join([str(bin_dir), str(tools), _path_without_this_environment()])
    town = tmp_path / "stadt"
    made = run([sys.executable, "-m", "luedialog", "init", str(town), "--name", "Dialog", "--paket", str(dist.wheel)],
               tmp_path, env)  # fmt: skip
    assert made.returncode == 0
    readme = (town / "README.md").read_text(encoding="utf-8")
    install = readme[readme.index("## luedialog installieren") : readme.index("## Täglich")]
    pipx, uv_lines = (block.strip().splitlines() for block in re.findall(r"```bash\n(.*?)```", install, re.DOTALL))
    wheel = f"./pakete/{dist.wheel.name}"
    assert uv_lines == [f"uv tool install '{wheel}[pdf]'"]
    assert pipx[0] == f"pipx install '{wheel}'"
    _run_steps(uv_lines, town, env)
    assert run([str(bin_dir / "luedialog"), "--version"], town, env).stdout == f"luedialog {__version__}\n"
    _run_steps([line.split("#")[0] for line in pipx], town, env)
    assert run([str(home / "pipx-bin" / "luedialog"), "--version"], town, env).stdout == f"luedialog {__version__}\n"
