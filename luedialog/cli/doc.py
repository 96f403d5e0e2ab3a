"""The command reference docs/cli.md, generated from the Typer app: ``python -m luedialog.cli.doc > docs/cli.md``.

Everything comes from the command tree itself (usage line, help text, arguments and options with their
help and defaults), so a new command or option shows up without touching this module. The output is plain
Markdown and does not depend on the terminal: no rich boxes, no colours, no line wrapping.

Typer 0.2x ships its own copy of click and older releases use click itself; the command objects are
therefore read by duck typing (``list_commands``, ``get_params``, ``opts`` …) and typed as ``Any``.
"""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass
from enum import Enum
from typing import Any

import typer

TITLE = "# Befehlsreferenz"
INTRO = (
    "Diese Seite wird aus dem Programm erzeugt: `python -m luedialog.cli.doc > docs/cli.md`. Bitte nicht von "
    "Hand ändern; ein Test prüft, dass sie zum Programm passt.\n\n"
    "Jeder Befehl erklärt sich auch selbst mit `--help` (kurz `-h`), z. B. `luedialog status --help`. "
    "Optionen von `luedialog` selbst (etwa `--daten`) stehen vor dem Befehl: "
    "`luedialog --daten ~/luener-dialog status`."
)

# Shown instead of a type name when an option has no metavar (e.g. ``--feld TEXT``).
_TYPE_NAMES = {
    "str": "TEXT",
    "text": "TEXT",
    "string": "TEXT",
    "int": "ZAHL",
    "integer": "ZAHL",
    "integer range": "ZAHL",
    "float": "ZAHL",
    "float range": "ZAHL",
    "path": "PFAD",
    "file": "DATEI",
    "filename": "DATEI",
    "date": "DATUM",
    "datetime": "DATUM",
}


@dataclass(frozen=True)
class Entry:
    """One command or group of the tree, with the context it is documented in."""

    path: str  # "luedialog abfrage erstellen"
    depth: int  # 0 for luedialog itself, 1 for its commands, 2 for commands of a group …
    command: Any
    ctx: Any

    @property
    def parent(self) -> str:
        return self.path.rsplit(" ", 1)[0] if self.depth else ""

    @property
    def is_group(self) -> bool:
        return callable(getattr(self.command, "list_commands", None))


def root_command() -> Any:
    """The click command behind ``luedialog.cli.app``."""
    from luedialog.cli.app import app

    return typer.main.get_command(app)


def _context(command: Any, name: str, parent: Any | None) -> Any:
    return typer.Context(command, info_name=name, parent=parent)


def walk(command: Any | None = None) -> list[Entry]:
    """Every visible command, depth first in the order ``--help`` lists them; the root comes first."""
    root = root_command() if command is None else command
    entries: list[Entry] = []

    def visit(cmd: Any, name: str, parent: Any | None, depth: int) -> None:
        ctx = _context(cmd, name, parent)
        entries.append(Entry(ctx.command_path, depth, cmd, ctx))
        list_commands = getattr(cmd, "list_commands", None)
        if not callable(list_commands):
            return
        for sub_name in list_commands(ctx):
            sub = cmd.get_command(ctx, sub_name)
            if sub is None or getattr(sub, "hidden", False):
                continue
            visit(sub, sub_name, ctx, depth + 1)

    visit(root, "luedialog", None, 0)
    return entries


def help_text(command: Any) -> str:
    """The command's help as written in its docstring (click's ``\\f`` cut and ``\\b`` markers removed)."""
    raw = getattr(command, "help", None) or getattr(command, "short_help", None) or ""
    text = inspect.cleandoc(str(raw).split("\f", 1)[0])
    lines = [line for line in text.splitlines() if line.strip() != "\b"]
    return "\n".join(lines).strip()


def summary(command: Any) -> str:
    """The first paragraph of the help, on one line."""
    first = help_text(command).split("\n\n", 1)[0]
    return " ".join(first.split())


def usage(entry: Entry) -> str:
    """The usage line as ``--help`` prints it, e.g. ``luedialog zeige [OPTIONS] {ID}``."""
    pieces = entry.command.collect_usage_pieces(entry.ctx)
    return " ".join([entry.path, *pieces])


def _is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


def _is_flag(param: Any) -> bool:
    return _is_option(param) and bool(getattr(param, "is_flag", False)) and not getattr(param, "count", False)


def _is_help_option(param: Any, ctx: Any) -> bool:
    names = set(getattr(ctx, "help_option_names", None) or ["--help"])
    return _is_option(param) and bool(names.intersection(getattr(param, "opts", [])))


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)  # Typer's own click
    source = descriptor if descriptor is not None else getattr(param, "type", None)
    raw = getattr(source, "choices", None) or ()
    return [choice.value if isinstance(choice, Enum) else str(choice) for choice in raw]


def _type_name(param: Any) -> str:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None:
        annotation = getattr(descriptor, "annotation", None)
        args = getattr(annotation, "__args__", None)
        if getattr(annotation, "__origin__", None) in (list, tuple) and args:
            annotation = args[0]
        name = getattr(annotation, "__name__", str(annotation))
    else:
        name = str(getattr(getattr(param, "type", None), "name", "text"))
    name = name.lower()
    return _TYPE_NAMES.get(name, name.upper())


def value_display(param: Any) -> str:
    """What follows the option's name: its metavar, its choices or its type; nothing for a flag."""
    if _is_flag(param):
        return ""
    metavar = getattr(param, "metavar", None)
    if metavar:
        return str(metavar)
    choices = _choices(param)
    if choices:
        return "[" + "|".join(choices) + "]"
    return _type_name(param)


def param_name(param: Any) -> str:
    """``--format [text|json]``, ``--dry-run`` or, for an argument, ``ID``."""
    if not _is_option(param):
        return value_display(param) or str(getattr(param, "name", "")).upper()
    value = value_display(param)
    names = [", ".join(getattr(param, "opts", []))]
    if getattr(param, "secondary_opts", None):
        names.append(", ".join(param.secondary_opts))
    text = " / ".join(names)
    return f"{text} {value}" if value else text


def param_kind(param: Any) -> str:
    if not _is_option(param):
        return "Argument"
    return "Schalter" if _is_flag(param) else "Option"


def default_display(param: Any, ctx: Any) -> str:
    """``Pflicht``, the default in backticks, or ``–`` when there is none worth showing."""
    if getattr(param, "required", False):
        return "Pflicht"
    show = getattr(param, "show_default", True)
    if isinstance(show, str) and show:
        return show
    if show is False:
        return "–"
    try:
        value = param.get_default(ctx, call=False)
    except TypeError:  # very old click: get_default(ctx) only
        value = param.get_default(ctx)
    if value is None or callable(value) or isinstance(value, bool) or value in ((), []):
        return "–"
    if isinstance(value, (list, tuple)):
        return ", ".join(f"`{_code(str(v.value if isinstance(v, Enum) else v))}`" for v in value)
    if isinstance(value, Enum):
        value = value.value
    if value == "":
        return "(leer)"
    return f"`{_code(str(value))}`"


def _cell(text: str) -> str:
    """Text for a table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    return text.replace("`", "'")


def params_table(entry: Entry) -> list[str]:
    params = [
        p
        for p in entry.command.get_params(entry.ctx)
        if not getattr(p, "hidden", False) and not _is_help_option(p, entry.ctx)
    ]
    if not params:
        return []
    params.sort(key=lambda p: 0 if not _is_option(p) else 1)  # arguments first, each in declared order
    rows = ["| Name | Art | Beschreibung | Standard |", "|---|---|---|---|"]
    for p in params:
        name = f"`{_cell(_code(param_name(p)))}`"
        description = _cell(str(getattr(p, "help", None) or ""))
        rows.append(f"| {name} | {param_kind(p)} | {description} | {_cell(default_display(p, entry.ctx))} |")
    return rows


def section(entry: Entry, children: list[Entry]) -> list[str]:
    level = "#" * min(entry.depth + 2, 6)
    lines = [f"{level} `{entry.path}`", "", "```", usage(entry), "```", ""]
    text = help_text(entry.command)
    if text:
        lines += [text, ""]
    if children:
        lines += ["Befehle:", ""]
        lines += [f"- `{child.path}` – {summary(child.command)}" for child in children]
        lines.append("")
    table = params_table(entry)
    if table:
        lines += [*table, ""]
    return lines


def render() -> str:
    """The whole reference as Markdown (always the same for the same program)."""
    entries = walk()
    lines = [TITLE, "", INTRO, "", "## Übersicht", "", "| Befehl | wozu |", "|---|---|"]
    lines += [f"| `{e.path}` | {_cell(summary(e.command))} |" for e in entries if not e.is_group]
    lines.append("")
    for entry in entries:
        children = [] if entry.depth == 0 else [e for e in entries if e.parent == entry.path]
        lines += section(entry, children)
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    """Write the reference to standard output as UTF-8 (also on Windows consoles)."""
    text = render()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


if __name__ == "__main__":
    main()
