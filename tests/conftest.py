"""Shared fixtures: a tiny fictional project (Musterstadt) copied into ``tmp_path``."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from luedialog.cli import app

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


@pytest.fixture
def projekt(tmp_path: Path) -> Projekt:
    root = tmp_path / "musterstadt"
    shutil.copytree(FIXTURES / "musterstadt", root)
    return Projekt(root)


def lines(text: str) -> Sequence[str]:
    return [line.rstrip() for line in text.splitlines()]
