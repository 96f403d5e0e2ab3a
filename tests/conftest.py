"""Shared fixtures: a tiny fictional project (Musterstadt) copied into ``tmp_path``, and helpers to
read it back (its files, a measure's verlauf) and to run git in it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from typer.testing import CliRunner

from luedialog.cli.app import app
from luedialog.files.atomic import DELAY_ENV, LOCK_FILE, TEMP_PREFIX, TRACE_ENV
from luedialog.files.read import Value, read_document

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


class Projekt:
    """A copy of the Musterstadt fixture that a test may change."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, name: str) -> Path:
        return self.root / name

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def write_bytes(self, name: str, data: bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def read(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> None:
        text = self.read(name)
        assert old in text, f"{old!r} not in {name}"
        self.write(name, text.replace(old, new, 1))

    def run(self, *args: str) -> Run:
        return run_cli("--daten", str(self.root), *args)


def run_cli(*args: str, env: dict[str, str | None] | None = None) -> Run:
    result = CliRunner(env=env).invoke(app, list(args))
    return Run(result.exit_code, result.stdout, result.stderr)


T = TypeVar("T")


def spy(monkeypatch: pytest.MonkeyPatch, owner: object, name: str, pick: Callable[..., T]) -> list[T]:
    """Wrap ``owner.name`` so that each call is recorded as ``pick(*args)``; the list fills as calls come."""
    calls: list[T] = []
    original = getattr(owner, name)

    def recording(*args: Any, **kwargs: Any) -> Any:
        calls.append(pick(*args))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return calls


@pytest.fixture
def projekt(tmp_path: Path) -> Projekt:
    root = tmp_path / "musterstadt"
    shutil.copytree(FIXTURES / "musterstadt", root)
    return Projekt(root)


@pytest.fixture
def berichtsstadt(tmp_path: Path) -> Projekt:
    """A copy of the Berichtsstadt fixture: measures, groups and indicators with known values."""
    root = tmp_path / "berichtsstadt"
    shutil.copytree(FIXTURES / "berichtsstadt", root)
    return Projekt(root)


def lines(text: str) -> Sequence[str]:
    return [line.rstrip() for line in text.splitlines()]


@pytest.fixture
def git_ohne_benutzer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No git identity, no global or system git configuration and no repository above ``tmp_path``,
    and no writer delays or traces: nothing depends on the machine.

    Returns the (empty) global git configuration file, which a test may fill.
    """
    config = tmp_path / "gitconfig"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(DELAY_ENV, raising=False)
    monkeypatch.delenv(TRACE_ENV, raising=False)
    return config


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed identity and no signing; its standard output."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def daten(root: Path, *, mit_temp: bool = True) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes, except git's files and the lock file.

    With ``mit_temp=False`` the hidden temporary files of (interrupted) writes are left out too.
    """
    result: dict[str, bytes] = {}
    for p in sorted(root.rglob("*")):
        parts = p.relative_to(root).parts
        if not p.is_file() or ".git" in parts or p.name == LOCK_FILE:
            continue
        if not mit_temp and p.name.startswith(TEMP_PREFIX):
            continue
        result[p.relative_to(root).as_posix()] = p.read_bytes()
    return result


def verlauf(path: Path) -> list[dict[str, Value]]:
    """The entries of the ``verlauf`` list of a measure file, which must read without findings."""
    doc, findings = read_document(path, path.name)
    assert doc is not None and findings == [], findings
    assert isinstance(doc.data, dict)
    items = doc.data["verlauf"]
    assert isinstance(items, list)
    result = []
    for item in items:
        assert isinstance(item, dict)
        result.append(item)
    return result


def added_lines(old: bytes, new: bytes) -> list[str]:
    """The lines ``new`` adds to ``old``; fails if it changes or removes any line of ``old``."""
    import difflib

    a, b = old.decode("utf-8").splitlines(keepends=True), new.decode("utf-8").splitlines(keepends=True)
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    assert all(tag in ("equal", "insert") for tag, *_ in ops), [op for op in ops if op[0] not in ("equal", "insert")]
    return [line for tag, _, _, j1, j2 in ops if tag == "insert" for line in b[j1:j2]]
