"""What the parse cache (``cache.py``) and the kept texts (``results.py``, ``kept_output.py``) share:
the cache folders, this user's signing key, the stamp of the code and the atomic placing of a file.

Kept free of heavy imports on purpose: a kept ``status`` or ``--help`` is given out with nothing
more than this, ``results.py`` and ``kept_output.py`` loaded.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CACHE_DIR = ".luedialog-cache"  # in the project root
DISABLE_ENV = "LUEDIALOG_NO_CACHE"
KEY_DIR_ENV = "LUEDIALOG_CACHE_KEY_DIR"  # where the signing key lives (tests); default: the user's cache folder
RACY_NS = 2_000_000_000  # files changed this recently are not trusted by size and mtime

_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n# Zwischenspeicher von luedialog; darf jederzeit gelöscht werden.\n"
)


def disabled() -> bool:
    """``LUEDIALOG_NO_CACHE=1``: nothing is read from or written to any cache."""
    return os.environ.get(DISABLE_ENV, "") not in ("", "0")


def prepare(folder: Path) -> None:
    """Create ``folder`` (and its parents) as a cache folder: git and backup tools leave it alone."""
    folder.mkdir(parents=True, exist_ok=True)
    for extra, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", _TAG)):
        if not (folder / extra).exists():
            (folder / extra).write_text(text, encoding="utf-8")


def module_stamps() -> list[str]:
    """Every module of the package (subpackages too) by path, size and mtime: a changed module,
    a developer's edit or an update, makes what the cache holds stale."""
    package = Path(__file__).parent
    stamps: list[str] = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    return ["?"]
                stamps.append(f"{os.path.relpath(path, package)}:{st.st_size}:{st.st_mtime_ns}")
    return stamps


def user_folder() -> Path:
    """This user's cache folder for luedialog (the signing key, texts kept outside a project)."""
    configured = os.environ.get(KEY_DIR_ENV)
    if configured:
        return Path(configured)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "luedialog"


def signing_key() -> bytes | None:
    """This user's random key (created on first use, readable only by the user), or None."""
    path = user_folder() / "cache-schluessel"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = os.urandom(32)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".schluessel-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(key)
            os.chmod(temp, 0o600)
            move_into_place(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return key
    except OSError:
        return None


def move_into_place(source: str, target: Path) -> None:
    """Put ``source`` in the place of ``target`` in one step.

    On POSIX ``os.rename`` does that; it is used there so that the cache stays out of the way of the
    writes of data files (``os.replace``), also when tests simulate a full disk there.
    """
    if os.name == "posix":
        os.rename(source, target)
    else:  # pragma: no cover - Windows: rename refuses an existing target
        os.replace(source, target)
