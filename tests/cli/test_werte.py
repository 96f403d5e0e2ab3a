"""Values of the command line are converted without pydantic where nothing needs it, and to exactly
what typer would make of them: for every parameter of every command and a range of values, luedialog's
``process_value`` and typer's own give the same value (same type) or the same error message."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.core
import typer.main

from luedialog.cli import werte
from luedialog.cli.app import app
from tests.conftest import Projekt


def _params() -> list[tuple[str, Any, Any]]:
    """(name, command, parameter) for every parameter of every command and group."""
    found: list[tuple[str, Any, Any]] = []

    def walk(command: Any, path: str) -> None:
        for param in command.params:
            found.append((f"{path} {param.name}".strip(), command, param))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(app), "")
    return found


def _samples(param: Any, tmp: Path) -> list[Any]:
    annotation = param.type_descriptor.annotation
    info = param.type_descriptor.parameter_info
    values: list[Any] = [None]
    if param.multiple or param.nargs == -1:
        return [None, ("a", "b"), ["eins"], (), ("a", 1)]
    if info.parser is not None:
        return [None, "3", "0", "-2", "1,5", "2,75", "x", "", "2026-01-01", " 7 ", "1_000", "ja"]
    if annotation is str:
        values += ["abc", "", "M-BEK-04", "ä ü ß", "--", " x ", 5]
    elif annotation is bool:
        values += [True, False, "ja", "", "1"]
    elif annotation is int:
        values += ["12", "0", "007", "-3", " 4", "x", "1_000", "", "٣", 5, 2.0]
    elif annotation is float:
        values += ["1.5", "x", 2]
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        for member in annotation:
            values += [member, str(member.value), str(member.value).upper(), f" {member.value}"]
        values += ["gibt-es-nicht", ""]
    elif annotation is Path:
        (tmp / "datei.txt").write_text("x", encoding="utf-8")
        (tmp / "ordner").mkdir(exist_ok=True)
        values += [
            str(tmp / "datei.txt"),
            str(tmp / "ordner"),
            str(tmp / "fehlt"),
            tmp / "datei.txt",
            tmp / "fehlt",
            "",
            "-",
            "a\0b",
            "relativ/pfad",
        ]
    return values


def _outcome(run: Any) -> tuple[str, Any]:
    try:
        value = run()
    except Exception as exc:  # the message and kind a person would see
        return ("Fehler", (type(exc).__name__, str(exc)))
    return (type(value).__name__, value)


PARAMS = _params()


@pytest.mark.parametrize(("name", "command", "param"), PARAMS, ids=[p[0] for p in PARAMS])
def test_same_value_or_message_as_typer(name: str, command: Any, param: Any, tmp_path: Path) -> None:
    base = typer.core.TyperArgument if isinstance(param, typer.core.TyperArgument) else typer.core.TyperOption

    def typer_process(ctx: Any, value: Any) -> Any:
        return base.process_value(param, ctx, value)

    callback, param.callback = param.callback, None  # conversion only: no completion script, no exit
    try:
        for value in _samples(param, tmp_path):
            ours = _outcome(lambda v=value: werte.process_value(param, typer.Context(command), v, typer_process))
            theirs = _outcome(lambda v=value: typer_process(typer.Context(command), v))
            assert ours == theirs, f"{name}: {value!r}"
    finally:
        param.callback = callback


def test_every_parameter_is_checked() -> None:
    """Every parameter takes part (the list is not empty by mistake), and every kind luedialog uses."""
    kinds = {str(p.type_descriptor.annotation) for _, _, p in PARAMS}
    assert len(PARAMS) > 150
    assert {"<class 'str'>", "<class 'bool'>", "<class 'int'>", "<class 'pathlib.Path'>", "list[str]"} <= kinds


def test_a_required_missing_value_is_typers_message() -> None:
    """Missing required arguments keep typer's (translated) message."""
    from tests.conftest import run_cli

    run = run_cli("zeige")
    assert run.exit_code == 2
    assert "Es fehlt das Argument ID." in run.stderr


SCRIPT = """
import json, sys
from luedialog.cli.app import app
try:
    app(sys.argv[1:], prog_name="luedialog")
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core", "annotated_types"))))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["zeige", "M-BEK-04"],
        ["pruefen", "--streng"],
        ["--daten", ".", "status", "--stichtag", "2026-01-01", "--format", "json"],
        ["bericht", "rat", "--jahr", "2025", "--ausgabe", "out.md"],
    ],
    ids=lambda a: " ".join(a),
)
def test_commands_do_not_load_pydantic(projekt: Projekt, args: list[str]) -> None:
    """Plain values need no pydantic: a command on the city's data loads none of it (60–90 ms)."""
    env = {k: v for k, v in os.environ.items() if k != "LUEDIALOG_DEBUG"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        cwd=projekt.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [], done.stderr


def test_an_unusual_value_still_goes_through_typer(projekt: Projekt) -> None:
    """A value luedialog does not convert itself is typer's to judge, with typer's message."""
    from tests.conftest import run_cli

    run = run_cli("--daten", str(projekt.root), "status", "--format", "xml")
    assert run.exit_code == 2
    assert "„xml“ ist nicht erlaubt" in run.stderr
