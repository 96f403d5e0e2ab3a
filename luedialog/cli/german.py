"""The command line in German: help panels, the help option, and click's messages translated.

Everything goes through public API: typer's ``rich_utils`` texts, the parameters' ``help`` and
``metavar`` attributes, and the text of click's exceptions (``format_message``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

HELP_OPTION = "Diese Hilfe anzeigen und beenden."

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


def shown_params(params: Iterable[Any]) -> Any:
    """Parameters as --help shows them: German help for typer's completion options, and no type
    after a flag (typer would show ``--streng <bool>`` as if the flag took a value)."""
    params = list(params)
    for param in params:
        help_text = _COMPLETION_HELP.get(getattr(param, "name", "") or "")
        if help_text and hasattr(param, "help"):
            param.help = help_text
        if getattr(param, "is_flag", False) and getattr(param, "metavar", "") is None:
            param.metavar = ""
    return params
