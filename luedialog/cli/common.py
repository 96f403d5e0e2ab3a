"""What the command modules share: the project option, parsing of dates and numbers, options used by
several commands, and writing a result to the terminal.

Only typer is imported at module level: ``luedialog --help`` and shell completion stay quick. The
core is imported inside the functions that need it.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from luedialog.errors import UsageError
from luedialog.text import visible

if TYPE_CHECKING:
    from luedialog.services.project import Project


class State:
    """Options of ``luedialog`` itself (before the command), for the command that runs."""

    daten: Path | None = None


state = State()


def project() -> Project:
    """The project at ``--daten``, or found from the working directory upwards."""
    from luedialog.services.project import open_project

    return open_project(state.daten)


def project_root() -> Path:
    """The root of that project, without loading it."""
    from luedialog.paths import project_root as root

    return root(state.daten)


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


def parse_date_option(value: str | None, option: str) -> date | None:
    """``2010-12-31`` or ``31.12.2010`` → date; a German usage error otherwise."""
    if value is None:
        return None
    from luedialog.dates import InvalidDateError, parse_date

    try:
        return parse_date(value)
    except InvalidDateError as exc:
        raise UsageError(f"{option}: {exc}.") from None


def day_or_today(value: str | None, option: str = "--stichtag") -> date:
    return parse_date_option(value, option) or date.today()


def whole_number(low: int, high: int, *, percent: bool = False) -> Callable[[str], int]:
    """A parser for typer (``parser=``): a whole number from ``low`` to ``high``, with ``percent``
    also written ``70 %``. Its German messages name the option (``Ungültiger Wert für --jahr: …``)."""

    def parse(value: str) -> int:
        if isinstance(value, int):  # a default
            return value
        text = str(value).strip()
        if percent:
            text = text.removesuffix("%").strip()
        if not text.lstrip("-").isdigit():
            raise typer.BadParameter("keine ganze Zahl")
        number = int(text)
        if number > high:
            raise typer.BadParameter(f"höchstens {high} erlaubt")
        if number < low:
            raise typer.BadParameter(f"mindestens {low} erforderlich")
        return number

    return parse


def emit(output: Any) -> None:
    """A result on standard output: text as it is, anything else (a rich renderable) through rich."""
    if isinstance(output, str):
        typer.echo(output)
        return
    from rich.console import Console

    class Terminal(Console):
        def on_broken_pipe(self) -> None:
            """rich would end the program with exit code 1; the error boundary ends it quietly."""
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    Terminal(highlight=False, soft_wrap=False).print(output)


def say(message: str) -> None:
    """A short message for people on standard error (what was written, what to do next)."""
    typer.echo(visible(message, one_line=True), err=True)


def write_parts(parts: Iterable[bytes]) -> None:
    """UTF-8 parts to standard output as they come, ending with a line break.

    On a terminal, control characters from the data are shown (``\\x1b``), never obeyed.
    """
    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    if sys.stdout.isatty():
        parts = (visible(part.decode("utf-8")).encode("utf-8") for part in parts)
    last = b""
    for part in parts:
        if binary is not None:
            binary.write(part)
        else:  # a text-only stream (some IDEs)
            sys.stdout.write(part.decode("utf-8"))
        last = part or last
    if not last.endswith(b"\n"):
        if binary is not None:
            binary.write(b"\n")
        else:
            sys.stdout.write("\n")


# --- shell completion: IDs, statuses, fields … from the project (never fails, never prints) ---------


def _completion_snapshot(ctx: typer.Context) -> Any:
    try:
        root = ctx.find_root().params.get("daten")
        from luedialog.paths import find_root
        from luedialog.snapshot import load_snapshot

        return load_snapshot(Path(root) if root else find_root(Path.cwd())).snapshot
    except Exception:  # completion must never break the shell
        return None


def _matching(values: Any, incomplete: str) -> list[str]:
    return sorted(v for v in values if str(v).lower().startswith(incomplete.lower()))


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching([*snap.leitlinien, *snap.massnahmen], incomplete) if snap else []


def complete_massnahmen(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.massnahmen, incomplete) if snap else []


def complete_leitlinien(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.leitlinien, incomplete) if snap else []


def complete_status(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.config.status_keys, incomplete) if snap else []


def complete_felder(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching([h.schluessel for h in snap.config.handlungsfelder], incomplete) if snap else []


def complete_stadtteile(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.config.stadtteile, incomplete) if snap else []


def complete_gruppen(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.gruppen, incomplete) if snap else []


# --- options used by several commands --------------------------------------------------------------

STICHTAG_HELP = "Stand an diesem Tag berechnen (2010-12-31 oder 31.12.2010); Standard: heute."

Stichtag = Annotated[str | None, typer.Option("--stichtag", help=STICHTAG_HELP, metavar="DATUM")]
Format = Annotated[TextOrJson, typer.Option("--format", help="Ausgabeformat.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Nur die Änderung als Diff zeigen, nichts schreiben.")]
