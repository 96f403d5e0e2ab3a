"""The command line in German: help panels, the help option, placeholders, the usage line, the
messages of shell completion, and click's messages translated.

Everything goes through public API: typer's ``rich_utils`` texts, the parameters' ``help`` and
``metavar`` attributes and their ``display_type_rich``, the ``formatter_class`` of typer's
``Context`` (whose ``write_usage`` prints "Aufruf:"), the ``options_metavar`` and
``subcommand_metavar`` of the app, the callbacks of the completion options, and the text of click's
exceptions (``format_message``).
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

import typer
import typer.core

from luedialog.cli import werte

HELP_OPTION = "Diese Hilfe anzeigen und beenden."
USAGE = "Aufruf: "
OPTIONS_METAVAR = "[OPTIONEN]"
SUBCOMMAND_METAVAR = "BEFEHL [ARGUMENTE]..."

# German placeholders for the types typer would show as ``<str>``, ``<int>``, ``<list[str]>`` …
PLACEHOLDERS = {
    "str": "TEXT",
    "list[str]": "TEXT",
    "int": "ZAHL",
    "float": "ZAHL",
    "path": "PFAD",
    "list[path]": "PFAD",
    "datetime": "DATUM",
    "date": "DATUM",
    "bool": "ja|nein",
}

_COMPLETION_HELP = {
    "install_completion": "Tab-Vervollständigung für die aktuelle Shell einrichten.",
    "show_completion": "Skript für die Tab-Vervollständigung anzeigen (zum Kopieren oder Anpassen).",
}

_CLICK_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"No such option: (\S+)", r"Unbekannte Option: \1"),
    (r"No such command '([^']*)'\.", r"Unbekannter Befehl „\1“."),
    (r"Missing argument '([^']*)'\.", r"Es fehlt das Argument \1."),
    (r"Missing option '([^']*)'\.", r"Es fehlt die Option \1."),
    (r"Option '([^']*)' requires an argument\.", r"Die Option \1 braucht einen Wert."),
    (r"Got unexpected extra arguments?(?:\(s\))? \(([^)]*)\)", r"Unerwartete zusätzliche Angabe: \1"),
    (r"Invalid value for '([^']*)': ", r"Ungültiger Wert für \1: "),
    (r"'([^']*)' is not one of (.*)\.", r"„\1“ ist nicht erlaubt; möglich sind: \2."),
    (r"'([^']*)' is not a valid integer\.", r"„\1“ ist keine ganze Zahl."),
    (r"'([^']*)' is not in the range (.*)\.", r"„\1“ liegt nicht im Bereich \2."),
    (r"Did you mean (.*)\?", r"Meinten Sie \1?"),
    (r"Value error, ", ""),
    (r"Input should be less than or equal to (\S+)", r"höchstens \1 erlaubt"),
    (r"Input should be greater than or equal to (\S+)", r"mindestens \1 erforderlich"),
    (r"Input should be a valid integer.*", r"keine ganze Zahl"),
    (r"\(Possible options: (.*)\)", r"(Mögliche Optionen: \1)"),
)


def usage_message(message: str) -> str:
    """click's English usage message in German."""
    for pattern, replacement in _CLICK_MESSAGES:
        message = re.sub(pattern, replacement, message)
    return message


def help_panels() -> None:
    """German panel titles in --help; typer loads its rich help (and rich) only to show help."""
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - rich is a dependency
        return
    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumente"
    rich_utils.OPTIONS_PANEL_TITLE = "Optionen"
    rich_utils.COMMANDS_PANEL_TITLE = "Befehle"
    rich_utils.ERRORS_PANEL_TITLE = "Fehler"
    rich_utils.DEFAULT_STRING = "[Standard: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[Pflicht]"
    rich_utils.ENVVAR_STRING = "[Umgebungsvariable: {}]"
    rich_utils.ABORTED_TEXT = "Abgebrochen."


def placeholder(shown: str | None) -> str | None:
    """typer's ``<str>`` → ``TEXT``, ``<int>`` → ``ZAHL`` …; choices ``<md|html|pdf>`` → ``[md|html|pdf]``
    (as docs/cli.md writes them); anything else as it is."""
    if shown is None or not (shown.startswith("<") and shown.endswith(">")):
        return shown
    inner = shown[1:-1]
    return f"[{inner}]" if "|" in inner else PLACEHOLDERS.get(inner.lower(), shown)


class GermanArgument(typer.core.TyperArgument):
    """An argument whose help shows no type behind its German name (``ID``, not ``ID <str>``);
    only its choices, if it has any (``rat|jahreskonferenz|alle``). Plain values are converted
    without pydantic (``luedialog.cli.werte``)."""

    __slots__ = ()

    def process_value(self, ctx: Any, value: Any) -> Any:
        return werte.process_value(self, ctx, value, super().process_value)

    def display_type_rich(self, ctx: Any) -> str | None:
        shown = super().display_type_rich(ctx)
        german = placeholder(shown)
        return german if german is not None and "|" in german else None

    def get_usage_pieces(self, ctx: Any) -> list[str]:
        """``ID`` for a required argument, ``[GRUPPE]`` for an optional one (typer writes ``{ID}``)."""
        return [re.sub(r"^\{(.*)\}(\.\.\.)?$", r"\1\2", piece) for piece in super().get_usage_pieces(ctx)]


def _german_callback(callback: Callable[..., Any]) -> Callable[..., Any]:
    """typer's completion callback, its messages in German (it prints them and exits)."""

    def german(ctx: Any, param: Any, value: Any) -> Any:
        if not value or getattr(ctx, "resilient_parsing", False):
            return callback(ctx, param, value)
        out, err = io.StringIO(), io.StringIO()
        code: Any = 0
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                callback(ctx, param, value)
        except SystemExit as exc:
            code = exc.code
        except typer.Exit as exc:
            code = exc.exit_code
        sys.stdout.write(completion_message(out.getvalue()))
        sys.stderr.write(completion_message(err.getvalue()))
        sys.exit(code)

    german.luedialog_german = True  # type: ignore[attr-defined]
    return german


_COMPLETION_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"^(\S+) completion installed in (.+)$", r"Tab-Vervollständigung für \1 eingerichtet in \2"),
    (
        r"^Completion will take effect once you restart the terminal$",
        "Sie wirkt, sobald Sie ein neues Terminal öffnen.",
    ),
    (
        r"^Shell (?:None|) (?:is )?not supported\.$",
        "Die Shell wurde nicht erkannt; die Tab-Vervollständigung gibt es für bash, zsh, fish und PowerShell.",
    ),
    (
        r"^Shell (\S+) (?:is )?not supported\.$",
        r"Die Shell „\1“ wird nicht unterstützt; die Tab-Vervollständigung gibt es für bash, zsh, fish und "
        "PowerShell.",
    ),
    (r"^Couldn't get PowerShell user profile$", "Das Benutzerprofil der PowerShell wurde nicht gefunden."),
    (
        r"^Couldn't decode the path automatically$",
        "Der Pfad des PowerShell-Profils konnte nicht gelesen werden.",
    ),
    (r"^Invalid completion instruction\.$", "Ungültige Anweisung für die Tab-Vervollständigung."),
    (
        r'^Completion instruction "(.*)" not supported\.$',
        r"Die Anweisung „\1“ für die Tab-Vervollständigung gibt es nicht.",
    ),
)


def completion_message(text: str) -> str:
    """The English lines typer's shell completion prints, in German (a script passes unchanged)."""
    lines = []
    for line in text.split("\n"):
        for pattern, replacement in _COMPLETION_MESSAGES:
            line = re.sub(pattern, replacement, line)
        lines.append(line)
    return "\n".join(lines)


def shown_params(params: Iterable[Any], ctx: Any = None) -> Any:
    """Parameters as --help shows them and as they run: German help and messages for typer's
    completion options, German placeholders (``TEXT``, ``ZAHL``, ``PFAD``) instead of ``<str>``,
    ``<int>``, ``<path>``, no type behind an argument's name, and no type after a flag (typer would
    show ``--streng <bool>`` as if the flag took a value)."""
    params = list(params)
    for param in params:
        name = getattr(param, "name", "") or ""
        help_text = _COMPLETION_HELP.get(name)
        if help_text and hasattr(param, "help"):
            param.help = help_text
            callback = getattr(param, "callback", None)
            if callback is not None and not getattr(callback, "luedialog_german", False):
                param.callback = _german_callback(callback)
        if getattr(param, "is_flag", False) and getattr(param, "metavar", "") is None:
            param.metavar = ""
        if type(param) is typer.core.TyperArgument:
            param.__class__ = GermanArgument
        elif type(param) is typer.core.TyperOption:
            param.__class__ = werte.DirectOption
        if isinstance(param, typer.core.TyperOption) and param.metavar is None and ctx is not None:
            shown = param.display_type_rich(ctx)
            german = placeholder(shown)
            if german != shown:
                param.metavar = german
    return params


def _formatter_class() -> Any:
    base: Any = typer.Context.formatter_class

    class GermanHelpFormatter(base):  # type: ignore[misc]
        """click's help formatter with "Aufruf:" instead of "Usage:"."""

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, USAGE if prefix is None else prefix)

    return GermanHelpFormatter


class GermanContext(typer.Context):
    """The context of every command: its help formatter writes "Aufruf:"."""

    formatter_class = _formatter_class()
