"""Safe writes: append lines to a YAML list without touching anything else, atomically, under a lock.

Only the added lines change: comments, key order, quoting, blank lines and line endings of the
rest of the file stay byte for byte. A write goes to a hidden temporary file beside the target,
is flushed and fsynced, and then replaces the target in one step, so an interrupted run leaves
either the old or the new file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from luedialog.errors import LuedialogError
from luedialog.yamlio import Document

LOCK_FILE = ".luedialog.lock"
TEMP_PREFIX = ".luedialog-tmp-"
# For crash tests only: seconds to sleep between writing the temporary file and replacing the target.
DELAY_ENV = "LUEDIALOG_TEST_WRITE_DELAY"

_PLAIN = re.compile(r"^[A-Za-zÄÖÜäöüß0-9(][^:#\n\"'{}\[\],&*!|>%@`]*$")
# control characters, DEL, C1 controls, and the Unicode line/paragraph separators and BOM
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}

Scalar = str | int | float | date


def scalar(value: Scalar, indent: int) -> str:
    """A YAML scalar for ``value`` that reads back as exactly the same value."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if _UNSAFE.search(value):
        return _double_quoted(value)
    literal_ok = not re.search(r"(^[ \t])|([ \t]$)|\t", value, re.MULTILINE) and not value.endswith("\n")
    if "\n" in value and literal_ok:
        pad = " " * (indent + 2)
        body = "\n".join(pad + line if line else "" for line in value.split("\n"))
        return "|-\n" + body
    if (
        "\n" not in value
        and _PLAIN.match(value)
        and value == value.strip()
        and value.lower() not in _RESERVED
        and not re.match(r"^[0-9.+-]", value)
        and ": " not in value
        and " #" not in value
    ):
        return value
    return _double_quoted(value)


def _double_quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset) with every character that YAML
    would read as a line break or forbids escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def mapping_item(fields: Sequence[tuple[str, Scalar | None]], dash_col: int) -> list[str]:
    """Lines of a block-sequence item ``- key: value`` with the dash at ``dash_col``."""
    key_col = dash_col + 2
    lines: list[str] = []
    for i, (key, value) in enumerate(f for f in fields if f[1] is not None):
        assert value is not None
        prefix = " " * dash_col + "- " if i == 0 else " " * key_col
        text = scalar(value, key_col)
        lines.append(f"{prefix}{key}: {text}")
    return "\n".join(lines).split("\n")


def append_to_list(doc: Document, key: str, fields: Sequence[tuple[str, Scalar | None]]) -> str:
    """Return the file text with a new mapping item appended to the top-level block list ``key``.

    ``doc.text`` has LF line endings (as read); the caller restores the file's own line endings.
    """
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get(key), list):
        raise LuedialogError(f"{doc.name}: „{key}“ ist keine Liste.", file=doc.name)
    items = doc.data[key]
    assert isinstance(items, list)
    lines = doc.text.split("\n")
    key_line = doc.key_line((key,))  # 1-based
    if not items:
        raise LuedialogError(
            f"Die Liste „{key}“ ist leer; der erste Eintrag muss von Hand angelegt werden.",
            file=doc.name,
            line=key_line,
        )
    first_item_line = doc.line((key, 0))
    first = lines[first_item_line - 1]
    list_line, list_col = doc.position((key,))
    if lines[list_line - 1][list_col - 1 : list_col] == "[" or "-" not in first:
        raise LuedialogError(
            f"„{key}“ ist in Kurzschreibweise ([...]) geschrieben; "
            "luedialog kann nur an Listen in Blockschreibweise anhängen.",
            hint="Schreiben Sie die Einträge untereinander mit „- “.",
            file=doc.name,
            line=key_line,
        )
    dash_col = first.index("-")
    # Insert right after the last line of the last item's content (known from the parser), so
    # comments and blank lines that follow the list stay where they are.
    last = len(items) - 1
    insert_at = max(
        (line for path, (line, _) in doc.ends.items() if path[:2] == (key, last)),
        default=doc.line((key, last)),
    )
    new_lines = mapping_item(fields, dash_col)
    result = lines[:insert_at] + new_lines + lines[insert_at:]
    text = "\n".join(result)
    if not text.endswith("\n"):
        text += "\n"
    return text


def encode_like(original: bytes, text: str) -> bytes:
    """Encode ``text`` (LF endings) with the BOM and line endings of ``original``."""
    crlf = b"\r\n" in original
    data = text.replace("\n", "\r\n") if crlf else text
    raw = data.encode("utf-8")
    return (b"\xef\xbb\xbf" + raw) if original.startswith(b"\xef\xbb\xbf") else raw


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never a mix."""
    temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, path.stat().st_mode & 0o777)
        delay = os.environ.get(DELAY_ENV)
        if delay:
            time.sleep(float(delay))
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = "der Datenträger ist voll" if exc.errno == 28 else (exc.strerror or str(exc))
        raise LuedialogError(
            f"{path.name} konnte nicht geschrieben werden ({reason}). Die Datei ist unverändert.",
            hint="Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.",
        ) from None
    _fsync_dir(path.parent)


def atomic_write_all(files: Sequence[tuple[Path, bytes, bytes]]) -> None:
    """Write several files (path, new content, old content) all or nothing.

    All temporary files are written first; only when every one is safely on disk are the targets
    replaced. If replacing fails half-way, the files already replaced get their old content back.
    """
    if len(files) == 1:
        atomic_write(files[0][0], files[0][1])
        return
    temps: list[tuple[Path, Path]] = []
    try:
        for path, data, _ in files:
            temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}")
            temps.append((temp, path))
            with open(temp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(OSError):
                os.chmod(temp, path.stat().st_mode & 0o777)
    except OSError as exc:
        for temp, _ in temps:
            with contextlib.suppress(OSError):
                temp.unlink()
        reason = "der Datenträger ist voll" if exc.errno == 28 else (exc.strerror or str(exc))
        raise LuedialogError(
            f"Die Änderungen konnten nicht geschrieben werden ({reason}). Alle Dateien sind unverändert.",
            hint="Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.",
        ) from None
    old = {path: previous for path, _, previous in files}
    done: list[Path] = []
    for temp, path in temps:
        try:
            os.replace(temp, path)
        except OSError as exc:
            for other, _ in temps:
                with contextlib.suppress(OSError):
                    other.unlink()
            for written in done:  # roll back what was already replaced
                _restore(written, old[written])
            reason = "der Datenträger ist voll" if exc.errno == 28 else (exc.strerror or str(exc))
            raise LuedialogError(
                f"Die Änderungen konnten nicht geschrieben werden ({reason}). Alle Dateien sind unverändert.",
                hint="Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.",
            ) from None
        done.append(path)
    for folder in {path.parent for _, path in temps}:
        _fsync_dir(folder)


def _restore(path: Path, data: bytes) -> None:
    """Put old content back: atomically if possible, else by overwriting in place."""
    try:
        atomic_write(path, data)
    except LuedialogError:
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows cannot fsync a directory
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temp_files(folder: Path) -> None:
    """Remove temporary files left by killed writers (they are hidden and never read)."""
    for temp in folder.glob(f"{TEMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            temp.unlink()


@contextlib.contextmanager
def project_lock(root: Path, timeout: float = 60.0) -> Iterator[None]:
    """Serialize writers of one project (other luedialog processes wait up to ``timeout``)."""
    path = root / LOCK_FILE
    try:
        handle = open(path, "a+b")  # noqa: SIM115 - closed in finally
    except OSError as exc:
        raise LuedialogError(
            f"Die Sperrdatei {LOCK_FILE} kann nicht angelegt werden ({exc.strerror}).",
            hint="Prüfen Sie die Schreibrechte im Projektordner.",
        ) from None
    try:
        _acquire(handle, timeout)
        yield
    finally:
        _release(handle)
        handle.close()


def _acquire(handle: object, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    fileno = handle.fileno()  # type: ignore[attr-defined]
    while True:
        try:
            if sys.platform == "win32":  # pragma: no cover
                import msvcrt

                msvcrt.locking(fileno, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fileno, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise LuedialogError(
                    "Ein anderer luedialog-Vorgang schreibt gerade in dieses Projekt.",
                    hint="Warten Sie kurz und versuchen Sie es erneut.",
                ) from None
            time.sleep(0.02)


def _release(handle: object) -> None:
    fileno = handle.fileno()  # type: ignore[attr-defined]
    with contextlib.suppress(OSError):
        if sys.platform == "win32":  # pragma: no cover
            import msvcrt

            msvcrt.locking(fileno, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fileno, fcntl.LOCK_UN)
