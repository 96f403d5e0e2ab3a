"""The benchmark's generated processes are real data: deterministic, and clean under pruefen."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tests.conftest import REPO, run_cli


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_process_passes_pruefen_strictly(tmp_path: Path) -> None:
    root = _generator().generate(40, tmp_path / "fiktiv")
    measures = sorted((root / "data" / "massnahmen").glob("*.yaml"))
    assert len(measures) == 40
    result = run_cli("--daten", str(root), "pruefen", "--streng")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Alles in Ordnung: ")


def test_generation_is_deterministic(tmp_path: Path) -> None:
    gen = _generator()
    first = _files(gen.generate(15, tmp_path / "a"))
    second = _files(gen.generate(15, tmp_path / "b"))
    assert first == second
    assert first != _files(gen.generate(15, tmp_path / "c", seed=7))
