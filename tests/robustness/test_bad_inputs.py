"""The bad-input corpus (tests/bad_inputs/cases.toml): broken files give a German finding, never a traceback.

Each case puts one file into a copy of the Musterstadt fixture and runs ``luedialog --daten PROJEKT
pruefen``, or, for a returned spreadsheet (place ``sheet``), puts it beside the project and runs
``abfrage einlesen`` on it: in-process through Typer's CliRunner, or, for the heavy cases (50 MB,
10,000 levels of nesting, the alias bomb, a pipe, /dev/zero), as a subprocess limited to 1 GB of
address space and a timeout.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Projekt, daten

CORPUS = Path(__file__).parent / "bad_inputs"
PLACES = {  # place → (folder, the fixture's file an input replaces)
    "measure": ("data/massnahmen", "M-BIL-01.yaml"),
    "guideline": ("data/leitlinien", "bildung.yaml"),
    "group": ("data/gruppen", "ag-bildung.yaml"),
    "config": ("", "luedialog.yaml"),
    "sheet": ("", "abfrage.csv"),  # outside the project: read with `abfrage einlesen`
}
GENERATORS = {"50mb", "nesting-flow", "nesting-block", "bom-crlf", "cr", "mixed-crlf", "sparse-21mb"}
SETUPS = {
    "symlink-outside", "symlink-loop", "symlink-dangling", "directory", "folder-symlink-outside", "name-not-utf8",
    "fifo", "device",
}  # fmt: skip
SHEET_FOLDER = "rueckmeldungen"  # beside the project
MEMORY_LIMIT = 1024**3  # bytes of address space for a heavy case
TIME_LIMIT = 60  # seconds; a heavy case takes well under one, this only catches a hang
NESTING = 10_000


@dataclass(frozen=True)
class Case:
    name: str
    place: str
    exit_code: int
    words: tuple[str, ...]
    line: int = 0
    input: str | None = None
    target_name: str | None = None
    generate: str | None = None
    setup: str | None = None
    heavy: bool = False
    absent: tuple[str, ...] = ()  # what the output must not contain (a name without consent, an ESC)

    @property
    def target(self) -> str:
        """The file's name in the project, as findings show it (the folder's, if that is the problem)."""
        folder, default = PLACES[self.place]
        if self.setup == "folder-symlink-outside":
            return folder
        name = self.target_name or default
        return f"{folder}/{name}" if folder else name


def load_cases() -> list[Case]:
    raw: list[dict[str, Any]] = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
    cases = []
    for entry in raw:
        entry = dict(entry)
        entry["words"] = tuple(entry["words"])
        entry["absent"] = tuple(entry.get("absent", ()))
        entry["target_name"] = entry.pop("as", None)
        cases.append(Case(**entry))
    return cases


CASES = load_cases()


def test_the_corpus_is_consistent() -> None:
    """Every case is well-formed, and every input file of the folder is used by a case."""
    assert len({c.name for c in CASES}) == len(CASES)
    for case in CASES:
        assert case.place in PLACES, case.name
        assert [case.input is not None, case.generate is not None, case.setup is not None].count(True) == 1, case.name
        assert case.generate is None or case.generate in GENERATORS, case.name
        assert case.setup is None or case.setup in SETUPS, case.name
        assert case.input is None or (CORPUS / case.input).is_file(), case.name
        assert case.words and case.exit_code in (0, 1, 2), case.name
        assert case.place != "config" or case.target_name is None, case.name
        sheet_only = case.generate == "sparse-21mb" or case.setup in ("fifo", "device")
        assert sheet_only == (case.place == "sheet" and case.input is None), case.name
    used = {c.input for c in CASES}
    assert (
        sorted(
            p.name for p in CORPUS.iterdir() if p.name not in used and p.name not in ("cases.toml", ".gitattributes")
        )
        == []
    )


def _nest(text: str, line: str) -> str:
    """``text`` with ``line`` inserted as its second line (after the fixture's comment)."""
    first, rest = text.split("\n", 1)
    return f"{first}\n{line}\n{rest}"


def generated(case: Case, original: bytes) -> bytes:
    text = original.decode("utf-8")
    if case.generate == "50mb":
        size = 50 * 1024 * 1024
        block = "  - datum: 2009-02-01\n    status: geplant\n    notiz: Stand laut Vorlage.\n"
        body = (text + block * (size // len(block) + 1)).encode("utf-8")
        return body[: size - 1] + b"\n"
    if case.generate == "nesting-flow":
        return _nest(text, "tief: " + "[" * NESTING + "]" * NESTING).encode("utf-8")
    if case.generate == "nesting-block":
        return _nest(text, "tief:\n" + "- " * NESTING + "x").encode("utf-8")
    if case.generate == "cr":
        return text.replace("\n", "\r").encode("utf-8")
    if case.generate == "mixed-crlf":
        lines = text.split("\n")
        return "".join(line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(lines[:-1])).encode("utf-8")
    assert case.generate == "bom-crlf"
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def sheet_path(case: Case, projekt: Projekt) -> Path:
    return projekt.root.parent / SHEET_FOLDER / (case.target_name or case.input or "abfrage.csv")


def command(case: Case, projekt: Projekt) -> list[str]:
    if case.place == "sheet":
        return ["abfrage", "einlesen", str(sheet_path(case, projekt))]
    return ["pruefen"]


def prepare_sheet(case: Case, projekt: Projekt) -> None:
    target = sheet_path(case, projekt)
    target.parent.mkdir(exist_ok=True)
    if case.input is not None:
        target.write_bytes((CORPUS / case.input).read_bytes())
    elif case.generate == "sparse-21mb":
        with target.open("wb") as handle:
            handle.truncate(21 * 1024 * 1024)
    elif case.setup == "fifo":
        os.mkfifo(target)
    else:
        assert case.setup == "device"
        target.symlink_to("/dev/zero")


def prepare(case: Case, projekt: Projekt, outside: Path) -> None:
    """Put the case's file (or link, or folder) into the project (a sheet beside it)."""
    if case.place == "sheet":
        prepare_sheet(case, projekt)
        return
    folder, default = PLACES[case.place]
    target = projekt.path(f"{folder}/{case.target_name or default}" if folder else case.target)
    original = projekt.path(f"{folder}/{default}" if folder else default)
    if case.input is not None:
        projekt.write_bytes(case.target, (CORPUS / case.input).read_bytes())
    elif case.generate is not None:
        projekt.write_bytes(case.target, generated(case, original.read_bytes()))
    elif case.setup == "symlink-outside":
        outside.mkdir()
        moved = outside / target.name
        shutil.move(target, moved)
        target.symlink_to(moved)
    elif case.setup == "name-not-utf8":  # "as" is the name as shown: "\xff" stands for that byte
        shown = case.target_name or ""
        raw_name = shown.encode("ascii").decode("unicode_escape").encode("latin-1")
        with open(os.fsencode(target.parent) + b"/" + raw_name, "wb") as handle:
            handle.write(original.read_bytes())
    elif case.setup == "folder-symlink-outside":
        outside.mkdir()
        moved = outside / target.parent.name
        shutil.move(target.parent, moved)
        target.parent.symlink_to(moved, target_is_directory=True)
    elif case.setup == "symlink-loop":
        other = target.with_name("schleife.yml")
        target.symlink_to(other)
        other.symlink_to(target)
    elif case.setup == "symlink-dangling":
        target.symlink_to(target.with_name("gibt-es-nicht.yaml"))
    else:
        assert case.setup == "directory"
        target.mkdir()


def check_output(case: Case, exit_code: int, output: str) -> None:
    assert exit_code == case.exit_code, output
    assert "Traceback" not in output and "Interner Fehler" not in output, output
    for word in case.absent:
        assert word not in output, f"{word!r} must not be in:\n{output}"
    if case.exit_code == 0:
        assert all(word in output for word in case.words), output
        return
    if case.place == "sheet":
        row = f"Zeile {case.line}" if case.line else ""
        assert any(all(w in line for w in (*case.words, row)) for line in output.splitlines()), (
            f"no line says {case.words} {row}:\n{output}"
        )
        return
    prefix = f"{case.target}:{case.line}: Fehler: " if case.line else f"{case.target}: Fehler: "
    findings = [line.strip() for line in output.splitlines() if line.strip().startswith(prefix)]
    assert any(all(word in finding for word in case.words) for finding in findings), (
        f"no line starting with {prefix!r} says {case.words}:\n{output}"
    )


needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.name, marks=[needs_symlinks] if c.setup else []) for c in CASES if not c.heavy],
)
def test_bad_input(case: Case, projekt: Projekt, tmp_path: Path) -> None:
    prepare(case, projekt, tmp_path / "draussen")
    before = daten(projekt.root)
    result = projekt.run(*command(case, projekt))
    check_output(case, result.exit_code, result.stdout + result.stderr)
    if case.place == "sheet" and case.exit_code != 0:
        assert daten(projekt.root) == before  # a refused sheet changes nothing


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    with contextlib.suppress(ValueError, OSError):  # macOS may refuse RLIMIT_AS; the timeout still applies
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.skipif(os.name == "nt", reason="resource limits need a POSIX system")
@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES if c.heavy])
def test_heavy_bad_input_in_bounded_time_and_memory(case: Case, projekt: Projekt, tmp_path: Path) -> None:
    prepare(case, projekt, tmp_path / "draussen")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("LUEDIALOG_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-m", "luedialog", "--daten", str(projekt.root), *command(case, projekt)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIME_LIMIT,
        preexec_fn=_limit_memory,
        check=False,
    )
    check_output(case, result.returncode, result.stdout + result.stderr)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is only enforced on Linux")
def test_the_memory_limit_bites() -> None:
    """A heavy case that needed more than the limit would end in MemoryError, not in exit code 1."""
    result = subprocess.run(
        [sys.executable, "-c", "b = bytearray(2 * 1024**3)"],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert result.returncode == 1 and "MemoryError" in result.stderr
