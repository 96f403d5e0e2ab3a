"""Terminal output of unchanged inputs (``--help``, ``status``), written again instead of made anew.

``luedialog --help`` and ``luedialog status`` are what staff type most. Making their text takes
rich (for help also typer's rich help with Markdown and Pygments) and, for ``status``, the whole
snapshot: about 100 ms before the first line, more than starting Python and typer together. What
they print depends on nothing but the code, the command line, for ``status`` the project's files
and the Stichtag, and the terminal the text is made for: its size, whether it is a terminal, its
encoding and the environment variables that rich and typer read (colours, width). With all of that
in the key, the text an earlier run wrote is written again, with none of those modules loaded.

The texts are kept like reports (``results.py``): signed with this user's key, whole or not at
all, the least recently used ones go. ``status`` keeps its texts in the project's
``.luedialog-cache/ergebnisse/``, help in the user's cache folder (``hilfe/``), as help is also
asked for outside a project. ``LUEDIALOG_NO_CACHE=1`` switches it off. On a Windows console rich
colours through the console's own calls, not through the text: nothing is kept there.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from luedialog import cachedir
from luedialog.layout import CONFIG_FILE, DATA_DIRS
from luedialog.results import Keeper, code_state, folder_state, read_kept, results_folder

HELP_DIR = "hilfe"
# what rich, typer and click read from the environment to decide on colours, width and encoding
TERMINAL_ENV = frozenset(
    {
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "COLORTERM",
        "COLUMNS",
        "FORCE_COLOR",
        "GITHUB_ACTIONS",
        "LINES",
        "NO_COLOR",
        "PYTHONIOENCODING",
        "PYTHONUTF8",
        "PY_COLORS",
        "TERM",
        "TERMINAL_WIDTH",
        "TERM_PROGRAM",
        "TTY_COMPATIBLE",
        "TTY_INTERACTIVE",
    }
)
TERMINAL_ENV_PREFIXES = ("JUPYTER_", "LANG", "LC_", "TYPER_", "_TYPER_", "RICH_")


def terminal_state(stream: Any) -> str:
    """Everything about the terminal that a text written to ``stream`` is made for."""
    parts: list[object] = [sys.platform, getattr(stream, "encoding", None), _isatty(stream)]
    for fd in (0, 1, 2):  # rich takes the size of the first standard stream that is a terminal
        try:
            parts.append(tuple(os.get_terminal_size(fd)))
        except (OSError, ValueError):
            parts.append(None)
    parts.append(
        sorted((k, v) for k, v in os.environ.items() if k in TERMINAL_ENV or k.startswith(TERMINAL_ENV_PREFIXES))
    )
    return repr(parts)


def help_key(command_path: str) -> str:
    """The key of the help text of ``command_path`` (``luedialog abfrage einlesen``)."""
    return f"hilfe|{command_path}|{code_state(('typer', 'click', 'rich'))}"


def help_folder() -> Path:
    return cachedir.user_folder() / HELP_DIR


def status_key(root: Path, stichtag: date, options: Sequence[str | None]) -> str | None:
    """The key of ``status`` for the project at ``root``; ``None`` if a file changed just now."""
    state = folder_state([root / CONFIG_FILE, *(root / folder for folder in DATA_DIRS)])
    if state is None:
        return None
    return f"status|{root}|{stichtag.isoformat()}|{options!r}|{code_state(('rich',))}|{state}"


def status_folder(root: Path) -> Path:
    return results_folder(root)


def show(folder: Path, key: str | None, render: Callable[[], None]) -> None:
    """Run ``render`` (which writes to ``sys.stdout``) and keep what it writes under ``key``; or,
    if an earlier run kept a text under ``key`` for this terminal, write that text instead.

    Nothing is kept if ``render`` fails, writes nothing, or the text could not be written whole.
    """
    stream = sys.stdout
    signing = None
    if key is not None and stream is not None and not cachedir.disabled() and _keepable(stream):
        signing = cachedir.signing_key()
    if key is None or signing is None:
        render()
        return
    key = f"{key}|{terminal_state(stream)}"
    stored = read_kept(folder, key, signing)
    if stored is not None:
        stream.write(stored.decode("utf-8", "surrogatepass"))
        return
    keeper = Keeper(folder, key, signing)
    tee = _Tee(stream, keeper)
    sys.stdout = tee  # writes like the stream it stands for
    done = False
    try:
        render()
        done = tee.written > 0
    finally:
        if sys.stdout is tee:
            sys.stdout = stream
        keeper.close(keep=done)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def _keepable(stream: Any) -> bool:
    return sys.platform != "win32" or not _isatty(stream)


class _Tee:
    """Stands for a text stream: passes every write on and hands a copy to a :class:`Keeper`.
    Everything else (``isatty``, ``encoding``, ``fileno`` …) is the stream's own."""

    def __init__(self, stream: TextIO, keeper: Keeper) -> None:
        self._stream = stream
        self._keeper = keeper
        self.written = 0

    def write(self, text: str) -> int:
        count = self._stream.write(text)
        self._keeper.add(text.encode("utf-8", "surrogatepass"))
        self.written += len(text)
        return count

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
