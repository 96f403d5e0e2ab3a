"""mypy --strict, ruff and the layer contract are part of the suite, so one pytest run is the whole CI."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "luedialog"


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)


def test_mypy_strict_is_clean() -> None:
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "luedialog", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "format", "--check", "luedialog", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("lint-imports")
    return _run(str(script), "--no-cache", cwd=cwd)


def test_each_layer_imports_only_the_layers_below_it() -> None:
    result = _lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_an_import_against_the_layers_fails_the_contract(tmp_path: Path) -> None:
    """The contract has teeth: the snapshot importing a service is reported."""
    copy = tmp_path / "repo"
    shutil.copytree(PACKAGE, copy / "luedialog", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    snapshot = copy / "luedialog" / "snapshot.py"
    snapshot.write_text(snapshot.read_text(encoding="utf-8") + "\nimport luedialog.services.project\n", "utf-8")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "luedialog.snapshot -> luedialog.services.project" in result.stdout


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(REPO).as_posix())
def test_only_public_modules_of_typer_click_and_the_other_libraries(path: Path) -> None:
    private = sorted(name for name in _imports(path) if any(part.startswith("_") for part in name.split(".")[1:]))
    assert private == [], f"{path.name} imports private modules: {private}"


def test_the_removed_caches_are_gone() -> None:
    for name in ("cache.py", "results.py", "kept_output.py", "cachedir.py"):
        assert not (PACKAGE / name).exists()
    text = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    for word in (
        "LUEDIALOG_NO_CACHE",
        "LUEDIALOG_CACHE_KEY_DIR",
        ".luedialog-cache",
        "os._exit",
        "gc.freeze",
        "pickle",
    ):
        assert word not in text, word


def test_system_messages_reach_users_only_in_german() -> None:
    """An OSError's English text ("No space left on device") is never put into a message:
    ``errors.reason`` names it in German, and it is the only place that knows ``strerror``."""
    using = sorted(
        p.relative_to(REPO).as_posix()
        for p in PACKAGE.rglob("*.py")
        if ".strerror" in p.read_text(encoding="utf-8") and p != PACKAGE / "errors.py"
    )
    assert using == []
