"""The Typer app: the commands, German help, and the one error boundary.

Every command lives in a module of its own in this package; this module only puts them together.
The error boundary (like pre-commit's ``error_handler``) turns every failure into one German line
on standard error and a documented exit code: an expected failure (:class:`LuedialogError`) into
its message and code, a wrong argument into exit 2, anything unexpected into exit 3 with one
line (``LUEDIALOG_DEBUG=1`` shows the traceback).

The command modules do not use ``from __future__ import annotations``: typer reads the parameters
of every command from their annotations on every start, and string annotations would be compiled
and evaluated anew each time.
"""

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from luedialog import __version__
from luedialog.cli import german
from luedialog.cli.common import state
from luedialog.errors import ExitCode, LuedialogError, UsageError, reason
from luedialog.text import visible


def _is_usage_error(exc: BaseException) -> bool:
    """click's usage errors (wrong option, missing argument …), recognised by their public interface."""
    return callable(getattr(exc, "format_message", None)) and getattr(exc, "exit_code", None) == 2


def _fail(message: str, code: ExitCode) -> NoReturn:
    typer.echo(visible(message), err=True)
    sys.exit(int(code))


class OutputClosed(Exception):
    """Standard output was closed by its reader (``luedialog export | head``); click would turn the
    ``BrokenPipeError`` into exit code 1, so it travels to the boundary as this instead."""


def _silence_stdout() -> None:
    """Point standard output at the null device, so what is still buffered for it (and the flush
    when the interpreter ends) goes nowhere instead of failing once more."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


# what writing to standard output can fail with (a stream error has no file name; one of a file has)
_OUTPUT_ERRORS = {errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EAGAIN, errno.EBADF}


def _output_failed(exc: OSError) -> bool:
    """True if it is standard output that cannot be written (a full disk, a closed pipe)."""
    if exc.errno == errno.EPIPE:
        return True
    if exc.filename is None and exc.errno in _OUTPUT_ERRORS:
        return True
    try:
        sys.stdout.flush()  # what failed to go out may fail again if the output is the problem
    except OSError:
        return True
    return False


def check_arguments(args: list[str]) -> None:
    """Refuse an argument that did not arrive as UTF-8 (a Latin-1 or Windows-1252 terminal): Python
    keeps its bytes as lone surrogates, which could be written into no file and shown nowhere."""
    for arg in args:
        if any("\udc80" <= c <= "\udcff" for c in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise UsageError(
                f"Das Argument „{shown}“ ist nicht in UTF-8 kodiert (das Terminal verwendet vermutlich "
                "Latin-1 oder Windows-1252).",
                hint="Stellen Sie das Terminal auf UTF-8 um (z. B. LANG=de_DE.UTF-8) und geben Sie den Befehl "
                "erneut ein.",
            )


@contextlib.contextmanager
def error_boundary() -> Iterator[None]:
    """Exceptions → one German line on standard error and the documented exit code."""
    try:
        yield
    except LuedialogError as exc:
        typer.echo(visible(f"Fehler: {exc}"), err=True)
        for line in exc.details:
            typer.echo(visible(line, one_line=True), err=True)
        sys.exit(int(exc.exit_code))
    except typer.Abort:
        _fail("Abgebrochen.", ExitCode.FINDINGS)
    except (BrokenPipeError, OutputClosed):  # `luedialog export | head`: the reader has all it wanted
        _silence_stdout()
        sys.exit(int(ExitCode.OK))
    except Exception as exc:
        if isinstance(exc, OSError) and _output_failed(exc):
            if exc.errno == errno.EPIPE:
                _silence_stdout()
                sys.exit(int(ExitCode.OK))
            _silence_stdout()
            _fail(f"Fehler: Die Ausgabe konnte nicht geschrieben werden ({reason(exc)}).", ExitCode.FINDINGS)
        if _is_usage_error(exc):
            ctx = getattr(exc, "ctx", None)
            command = ctx.command_path if ctx is not None else "luedialog"
            message = exc.format_message()  # type: ignore[attr-defined]
            if message.strip():  # empty: a command without its subcommand, whose help was just shown
                typer.echo(visible(f"Fehler: {german.usage_message(message)}"), err=True)
                typer.echo(f"Hilfe: {command} --help", err=True)
            sys.exit(int(ExitCode.USAGE))
        if os.environ.get("LUEDIALOG_DEBUG"):
            raise
        _fail(
            f"Interner Fehler in luedialog ({type(exc).__name__}: {exc}). Das ist ein Programmfehler, "
            "nicht Ihrer: bitte mit dem Befehl und dieser Zeile melden. Details mit LUEDIALOG_DEBUG=1.",
            ExitCode.INTERNAL,
        )


class LuedialogCommand(TyperCommand):
    """A command whose help speaks German."""

    context_class = german.GermanContext

    def get_params(self, ctx: Any) -> Any:
        return german.shown_params(super().get_params(ctx), ctx)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = german.HELP_OPTION
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        german.help_panels()
        super().format_help(ctx, formatter)


class LuedialogGroup(TyperGroup):
    """A group whose help speaks German; the top one runs every command inside the error boundary."""

    context_class = german.GermanContext

    def get_params(self, ctx: Any) -> Any:
        return german.shown_params(super().get_params(ctx), ctx)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = german.HELP_OPTION
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        german.help_panels()
        super().format_help(ctx, formatter)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise OutputClosed from exc
            raise

    def main(self, *args: Any, **kwargs: Any) -> Any:
        standalone = kwargs.pop("standalone_mode", True)
        kwargs["standalone_mode"] = False
        with error_boundary():
            given = kwargs.get("args", args[0] if args else None)
            check_arguments(list(sys.argv[1:] if given is None else given))
            result = super().main(*args, **kwargs)
            sys.stdout.flush()  # a full disk or a closed pipe shows here, inside the boundary
        if not standalone:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def group(help: str) -> typer.Typer:
    """A group of subcommands (``abfrage``, ``neu``)."""
    return typer.Typer(
        cls=LuedialogGroup,
        help=help,
        no_args_is_help=True,
        rich_markup_mode="markdown",
        options_metavar=german.OPTIONS_METAVAR,
        subcommand_metavar=german.SUBCOMMAND_METAVAR,
    )


app = typer.Typer(
    name="luedialog",
    cls=LuedialogGroup,
    help=(
        "luedialog führt Leitlinien, Maßnahmen und Gruppen eines Bürgerdialogs als YAML-Dateien "
        "in git und zeigt, was aus ihnen geworden ist.\n\n"
        "Beispiel: luedialog status --stichtag 31.12.2010"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["--help", "-h"]},
    options_metavar=german.OPTIONS_METAVAR,
    subcommand_metavar=german.SUBCOMMAND_METAVAR,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"luedialog {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    daten: Annotated[
        Path | None,
        typer.Option(
            "--daten",
            help="Projektordner (mit luedialog.yaml). Ohne Angabe wird vom aktuellen Ordner aufwärts gesucht.",
            metavar="PFAD",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", help="Version anzeigen und beenden.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """luedialog: Leitlinien, Maßnahmen und Gruppen eines Bürgerdialogs."""
    state.daten = daten


def _register() -> None:
    from luedialog.cli import (
        abfrage,
        aendern,
        bericht,
        daten,
        export,
        gruppen,
        indikatoren,
        init,
        konferenz,
        korrigieren,
        mitglied,
        neu,
        neu_empfehlung,
        neu_leitlinie,
        pruefen,
        sachstand,
        schema,
        seite,
        sitzung,
        status,
        wert,
        zeige,
    )

    commands: list[Callable[..., None]] = [pruefen.pruefen, status.status, zeige.zeige, export.export]
    commands += [sachstand.sachstand, aendern.aendern, korrigieren.korrigieren]
    commands.append(wert.wert)
    for command in commands:
        app.command(cls=LuedialogCommand)(command)
    abfrage_app = group(abfrage.HELP)
    abfrage_app.command("erstellen", cls=LuedialogCommand)(abfrage.erstellen)
    abfrage_app.command("einlesen", cls=LuedialogCommand)(abfrage.einlesen)
    app.add_typer(abfrage_app, name="abfrage")
    app.command(cls=LuedialogCommand)(gruppen.gruppen)
    mitglied_app = group(mitglied.HELP)
    mitglied_app.command("eintragen", cls=LuedialogCommand)(mitglied.eintragen)
    mitglied_app.command("beenden", cls=LuedialogCommand)(mitglied.beenden)
    mitglied_app.command("verlaengern", cls=LuedialogCommand)(mitglied.verlaengern)
    app.add_typer(mitglied_app, name="mitglied")
    later: list[Callable[..., None]] = [sitzung.sitzung, konferenz.konferenz, indikatoren.indikatoren, schema.schema]
    for command in later:
        app.command(cls=LuedialogCommand)(command)
    neu_app = group(neu.HELP)
    neu_app.command("massnahme", cls=LuedialogCommand)(neu.massnahme)
    neu_app.command("empfehlung", cls=LuedialogCommand)(neu_empfehlung.empfehlung)
    neu_app.command("leitlinie", cls=LuedialogCommand)(neu_leitlinie.leitlinie)
    app.add_typer(neu_app, name="neu")
    last: list[Callable[..., None]] = [init.init, bericht.bericht, seite.seite, daten.daten]
    for command in last:
        app.command(cls=LuedialogCommand)(command)


_register()


def main() -> None:
    """Entry point of the console script."""
    app(prog_name="luedialog")
