"""Finished texts (reports, exports) of unchanged data, kept for the next identical run.

A report or an export depends on nothing but the loaded files (``Snapshot.source_state``, which
also covers ``luedialog.yaml`` and the parsing code), the code that makes the text, the command's
choices (report, year, format, Stichtag) and, for reports, the templates. The caller puts all of
that into one key; when an earlier run made a text under the same key, that text is given out
again instead of being made anew: for 10,000 measures, 60 MB of JSON or 14 MB of HTML that would
take a second to make. No key (``None``) means: make it, keep nothing. The caller gives ``None``
when anything is not known exactly (a file changed just now, the cache switched off).

The texts lie in ``.luedialog-cache/ergebnisse/``, one file per key, signed like the parse cache
with this user's key (a file that came with the project's files is never given out). A missing,
foreign, damaged or unreadable file is made anew, silently; a folder that cannot be written keeps
nothing. The files used least recently go when there are more than :data:`KEPT_FILES` or more than
:data:`KEPT_BYTES` together.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import os
import sys
from collections.abc import Callable, Generator, Iterable
from pathlib import Path
from typing import BinaryIO

from luedialog import cachedir
from luedialog.cachedir import CACHE_DIR, module_stamps, move_into_place, prepare, signing_key

RESULTS_DIR = "ergebnisse"
KEPT_FILES = 200  # `bericht alle` makes four texts a year
KEPT_BYTES = 512 * 2**20
_MAGIC = b"LUEDERGB"
_HEADER = len(_MAGIC) + 32  # magic, HMAC-SHA256 of key and text


@functools.cache
def code_state(libraries: tuple[str, ...] = ("jinja2", "markupsafe")) -> str:
    """The code that makes texts: every module of the package by name, size and mtime, the Python
    and the ``libraries`` in use (found, not imported: a kept text needs none of them).

    A changed module (a developer's edit, an update) makes every text anew.
    """
    import importlib.util

    parts = [sys.version, *module_stamps()]
    for library in libraries:
        try:
            spec = importlib.util.find_spec(library)
            origin = spec.origin if spec is not None and spec.origin else ""
            st = os.stat(origin)
            parts.append(f"{library}:{origin}:{st.st_size}:{st.st_mtime_ns}")
        except (OSError, ImportError, ValueError):
            parts.append(f"{library}:?")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def folder_state(folders: Iterable[Path]) -> str | None:
    """Every file below ``folders`` (or the file itself, where one is a file) by path, size, mtime,
    inode and ctime; ``None`` if one was changed in the last two seconds (a second change could keep
    size and mtime) or cannot be read."""
    import time

    recent = time.time_ns() - cachedir.RACY_NS
    digest = hashlib.sha256()
    for top in folders:
        digest.update(f"\0{top}".encode())
        walk = os.walk(top) if not os.path.isfile(top) else [(os.path.dirname(top), [], [os.path.basename(top)])]
        for folder, dirs, files in walk:
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    return None
                if max(st.st_mtime_ns, st.st_ctime_ns) >= recent:
                    return None
                key = (os.path.relpath(path, top), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
                digest.update(repr(key).encode("utf-8"))
    return digest.hexdigest()


def remembered_text(root: Path, key: str | None, make: Callable[[], Iterable[str]]) -> Generator[bytes, None, None]:
    """The parts of ``make()`` in UTF-8, or the whole text an earlier run made under ``key``.

    Made parts are given out as they come and written beside; the text is kept only once all of
    them were given out (a consumer that stops early, a closed pipe, keeps nothing).
    """
    signing = signing_key() if key is not None else None
    if key is None or signing is None:
        for part in make():
            yield part.encode("utf-8")
        return
    folder = results_folder(root)
    stored = read_kept(folder, key, signing)
    if stored is not None:
        yield stored
        return
    keeper = Keeper(folder, key, signing)
    done = False
    try:
        for part in make():
            data = part.encode("utf-8")
            keeper.add(data)
            yield data
        done = True
    finally:
        keeper.close(keep=done)


def results_folder(root: Path) -> Path:
    """Where the texts made from the project at ``root`` are kept."""
    return root / CACHE_DIR / RESULTS_DIR


def _path(folder: Path, key: str) -> Path:
    return folder / hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


def read_kept(folder: Path, key: str, signing: bytes) -> bytes | None:
    """The text kept in ``folder`` under ``key``, if there is a whole one signed with ``signing``."""
    path = _path(folder, key)
    stored = _read(path, signing, key)
    if stored is not None:
        with contextlib.suppress(OSError):
            os.utime(path)  # used just now: kept longest
    return stored


class Keeper:
    """Writes a text part by part into a temporary file and, when asked to keep it, signs it and
    puts it in place under ``key``. ``folder`` lies in a cache folder (``.luedialog-cache/``, the
    user's), which is made one if needed. Never raises for I/O problems: it just stops keeping."""

    def __init__(self, folder: Path, key: str, signing: bytes) -> None:
        self._path = _path(folder, key)
        self._folder = folder
        self._mac = hmac.new(signing, key.encode("utf-8") + b"\0", hashlib.sha256)
        self._out: BinaryIO | None = None
        self._temp: str | None = None
        import tempfile

        try:
            prepare(folder.parent)
            folder.mkdir(exist_ok=True)
            handle, self._temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            self._out = os.fdopen(handle, "wb")
            self._out.write(_MAGIC + bytes(32))
        except OSError:
            self._drop()

    def add(self, data: bytes) -> None:
        if self._out is None:
            return
        self._mac.update(data)
        try:
            self._out.write(data)
        except OSError:
            self._drop()

    def close(self, keep: bool) -> None:
        if self._out is None or self._temp is None:
            return
        if not keep:
            self._drop()
            return
        try:
            self._out.seek(len(_MAGIC))
            self._out.write(self._mac.digest())
            self._out.close()
            move_into_place(self._temp, self._path)
        except OSError:
            self._drop()
            return
        self._out = self._temp = None
        _tidy(self._folder)

    def _drop(self) -> None:
        if self._out is not None:
            with contextlib.suppress(OSError):
                self._out.close()
        if self._temp is not None:
            Path(self._temp).unlink(missing_ok=True)
        self._out = self._temp = None


def _read(path: Path, signing: bytes, key: str) -> bytes | None:
    """The text kept at ``path`` if it is whole, made under ``key`` and signed with this user's key."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    if len(blob) < _HEADER or not blob.startswith(_MAGIC):
        return None
    view = memoryview(blob)
    mac = hmac.new(signing, key.encode("utf-8") + b"\0", hashlib.sha256)
    mac.update(view[_HEADER:])
    if not hmac.compare_digest(mac.digest(), bytes(view[len(_MAGIC) : _HEADER])):
        return None
    return blob[_HEADER:]


def _tidy(folder: Path) -> None:
    """Remove the least recently used texts beyond the limits, and temporary files of crashed runs."""
    import time

    try:
        entries = [(e.stat().st_mtime_ns, e.stat().st_size, e.path, e.name) for e in os.scandir(folder) if e.is_file()]
    except OSError:
        return
    stale = time.time_ns() - 3600 * 10**9
    kept: list[tuple[int, int, str]] = []
    for mtime, size, path, name in entries:
        if name.startswith(".tmp-"):
            if mtime < stale:  # left by a run that was killed; a running one writes it now
                Path(path).unlink(missing_ok=True)
            continue
        kept.append((mtime, size, path))
    kept.sort(reverse=True)  # newest first
    total = 0
    for index, (_, size, path) in enumerate(kept):
        total += size
        if index >= KEPT_FILES or total > KEPT_BYTES:
            Path(path).unlink(missing_ok=True)
