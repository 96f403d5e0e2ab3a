"""What the command modules share: the project option, parsing of dates and numbers, options used by
several commands, and writing a result to the terminal.

Only typer is imported at module level: ``luedialog --help`` and shell completion stay quick. The
core is imported inside the functions that need it.
"""

from __future__ import annotations

import errno
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from luedialog.errors import ExitCode, UsageError
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
    """``2010-12-31``, ``31.12.2010`` or ``31.12.10`` → date; a German usage error naming ``option`` otherwise.

    A two-digit year is read in the process period of the project (``services.eingabe.parse_day``), so
    only then is the project's configuration read.
    """
    if value is None:
        return None
    from luedialog.dates import InvalidDateError, parse_date

    try:
        return parse_date(value)
    except InvalidDateError as exc:
        if not re.fullmatch(r"\s*\d{1,2}\.\d{1,2}\.\d{2}\s*", value):
            raise UsageError(f"{option}: {exc}.") from None
    from luedialog.services.eingabe import EingabeFehler, parse_day
    from luedialog.snapshot import load_config

    config, findings = load_config(project_root())
    if config is None:
        first = next((f.text() for f in findings if f.is_error), "")
        raise UsageError(
            f"{option}: Für „{value.strip()}“ braucht luedialog den Prozesszeitraum aus luedialog.yaml. {first}"
        )
    try:
        return parse_day(value, config)
    except EingabeFehler as exc:
        raise UsageError(f"{option}: {exc.message}") from None


def day_or_today(value: str | None, option: str = "--stichtag") -> date:
    return parse_date_option(value, option) or date.today()


def whole_number(low: int, high: int, *, percent: bool = False) -> Callable[[str], int]:
    """A parser for typer (``parser=``): a whole number from ``low`` to ``high``, with ``percent``
    also written ``70 %``. Its German messages name the option (``Ungültiger Wert für --jahr: …``)."""

    def parse(value: str) -> int:
        if isinstance(value, int):  # a default
            return value
        text = str(value).strip()
        if percent:  # as people type it: 70, 70 %, 70%
            from luedialog.services.eingabe import EingabeFehler, parse_percent

            try:
                return parse_percent(text)
            except EingabeFehler as exc:
                raise typer.BadParameter(exc.message) from None
        if not text.lstrip("-").isdigit():
            raise typer.BadParameter("keine ganze Zahl")
        number = int(text)
        if number > high:
            raise typer.BadParameter(f"höchstens {high} erlaubt")
        if number < low:
            raise typer.BadParameter(f"mindestens {low} erforderlich")
        return number

    return parse


def amount(value: str) -> float:
    """A parser for typer (``parser=``): an amount in euro as people write it: ``1200``, ``1200,50``,
    ``1.200,50``, ``1200.50``, ``1.200 €``."""
    if isinstance(value, (int, float)):  # a default
        return float(value)
    text = str(value).strip().removesuffix("€").removesuffix("Euro").removesuffix("EUR").strip().replace(" ", "")
    if "," in text:  # German: the comma separates the cents, dots group the thousands
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or (text.count(".") == 1 and len(text.rsplit(".", 1)[1]) == 3):
        text = text.replace(".", "")  # 1.200 or 1.200.000: thousands
    try:
        number = float(text)
    except ValueError:
        raise typer.BadParameter("kein Betrag (z. B. 1200 oder 1.200,50)") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise typer.BadParameter("kein Betrag (z. B. 1200 oder 1.200,50)")
    return number


def yes_no(value: str | None, option: str) -> bool | None:
    """``ja`` or ``nein`` (also ``j``/``n``, any case) → True/False; a usage error naming ``option``."""
    if value is None:
        return None
    text = value.strip().casefold()
    if text in ("ja", "j", "yes", "y", "true"):
        return True
    if text in ("nein", "n", "no", "false"):
        return False
    raise UsageError(f"{option}: „{value}“ – erwartet wird ja oder nein.")


def pair(value: str, option: str) -> tuple[str, str]:
    """``GRUPPE=TEXT`` (the text may contain further „=“); a usage error naming ``option`` otherwise."""
    key, sep, rest = value.partition("=")
    if not sep or not key.strip() or not rest.strip():
        raise UsageError(
            f'{option}: „{value}“ – erwartet wird GRUPPE=TEXT, z. B. ag-bildung="Ganztag an Grundschulen".'
        )
    return key.strip(), rest.strip()


def _console() -> Any:
    """rich's console for the views: no markup and no emoji codes read from the data, and a closed
    pipe left to the error boundary (rich would end the program with exit code 1)."""
    from rich.console import Console

    class Terminal(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

        def render_str(self, text: str, **options: Any) -> Any:
            """A table cell given as plain text: control characters shown before rich drops any."""
            return super().render_str(visible(text), **options)

    return Terminal(highlight=False, soft_wrap=False, markup=False, emoji=False)


def emit(output: Any) -> None:
    """A result on standard output: text as it is, anything else (a rich renderable) through rich.

    The one place where views reach the terminal: every piece of text rich lays out is made visible
    (control characters from the data shown as ``\\x1b``, never obeyed), whatever view made it.
    """
    if isinstance(output, str):
        typer.echo(output)
        return
    from rich.segment import Segment, Segments

    console = _console()
    segments = [s if s.control else Segment(visible(s.text), s.style) for s in console.render(output)]
    console.print(Segments(segments), end="")


def emit_lines(text: str) -> None:
    """Plain lines (``pruefen``'s findings): on a terminal wrapped between words, each continuation
    indented under its line; elsewhere (a pipe, a file, a CI log) one finding per line, as it is."""
    console = _console()
    if not console.is_terminal:
        typer.echo(text)
        return
    from luedialog.reporters.terminal import text_lines

    emit(text_lines(text))


def exit_if_incomplete(fehlend: Any) -> None:
    """Exit code 1 after a view that had to leave out files that could not be loaded."""
    if not fehlend.vollstaendig:
        raise typer.Exit(int(ExitCode.FINDINGS))


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


def complete_indikatoren(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.indikatoren, incomplete) if snap else []


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
Commit = Annotated[
    bool, typer.Option("--commit", help="Zusätzlich einen git-Commit genau mit den geänderten Dateien anlegen.")
]
Von = Annotated[
    str | None,
    typer.Option(
        "--von",
        help="Wer einträgt (eine Stelle); Standard: sachstand_von aus luedialog.yaml, ohne es Pflicht.",
        metavar="TEXT",
    ),
]


def report_write(done: Any, dry_run: bool, message: str) -> None:
    """What a write did: with ``--dry-run`` the diff (standard output) and that nothing was written,
    else ``message`` and whether a git commit was made (standard error)."""
    if dry_run:
        typer.echo(done.diff(), nl=False)
        say("Probelauf (--dry-run): nichts geschrieben.")
        return
    say(message)
    if done.commit:
        say("git-Commit angelegt: " + ", ".join(done.dateien))
