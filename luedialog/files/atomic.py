"""Safe writes: append lines to a YAML list without touching anything else, atomically, under a lock.

Only the added lines change: comments, key order, quoting, blank lines and line endings of the
rest of the file stay byte for byte. A write goes to a hidden temporary file beside the target,
is flushed and fsynced, and then replaces the target in one step, so an interrupted run leaves
either the old or the new file.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from luedialog.errors import LuedialogError
from luedialog.files.read import Document

LOCK_FILE = ".luedialog.lock"
# Written while several files are replaced one after another; if it survives (the writer was killed),
# the next writer finishes the replacements from the complete temporary files it lists.
JOURNAL_FILE = ".luedialog-journal"
TEMP_PREFIX = ".luedialog-tmp-"
# For crash tests only. LUEDIALOG_TEST_WRITE_DELAY is either seconds to sleep between syncing the
# temporary file and replacing the target, or a delay per phase ("before_temp=0.1,synced=0.5").
# LUEDIALOG_TEST_WRITE_TRACE names a file to which every phase appends "<phase> <file name>" as it starts.
DELAY_ENV = "LUEDIALOG_TEST_WRITE_DELAY"
TRACE_ENV = "LUEDIALOG_TEST_WRITE_TRACE"
# before_temp: nothing written yet; partial: half the temporary file is on disk; written: all of it,
# not yet synced; synced: the temporary file is safe on disk, the target not yet replaced;
# replaced: the target has its new content.
PHASES = ("before_temp", "partial", "written", "synced", "replaced")

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


def _phase(name: str, path: Path, handle: BinaryIO | None = None) -> None:
    """Test hook: make the phase ``name`` of writing ``path`` observable and slow; a no-op normally."""
    spec = os.environ.get(DELAY_ENV)
    trace = os.environ.get(TRACE_ENV)
    if not spec and not trace:
        return
    if handle is not None:
        handle.flush()  # what is written so far is on disk while the phase lasts
    if trace:
        with open(trace, "a", encoding="utf-8") as log:
            log.write(f"{name} {path.name}\n")
    delays: dict[str, float] = {}
    if spec and "=" not in spec:
        delays["synced"] = float(spec)
    elif spec:
        for part in spec.split(","):
            key, _, value = part.partition("=")
            delays[key.strip()] = float(value)
    if delays.get(name):
        time.sleep(delays[name])


def _reason(exc: OSError) -> str:
    """Why a write failed, in German."""
    reasons = {
        errno.ENOSPC: "der Datenträger ist voll",
        errno.EDQUOT: "das Speicherkontingent ist erschöpft",
        errno.EROFS: "das Dateisystem ist schreibgeschützt",
        errno.EACCES: "keine Schreibrechte",
        errno.EPERM: "keine Schreibrechte",
        errno.EFBIG: "die Datei wäre zu groß",
    }
    return reasons.get(exc.errno or 0) or exc.strerror or str(exc)


def _refusal(path: Path) -> str | None:
    """Why ``path`` must not be replaced, if it exists and may not be written (replacing it in its
    folder would ignore a read-only mark, even as root)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if mode & 0o222 == 0:
        return "die Datei ist schreibgeschützt"
    if os.access(path, os.W_OK):
        return None
    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return "das Dateisystem ist schreibgeschützt"
    return "keine Schreibrechte"


def _write_temp(temp: Path, path: Path, data: bytes) -> None:
    """Write ``data`` to ``temp`` and fsync it, with the mode of ``path`` where that exists."""
    with open(temp, "wb") as handle:
        half = len(data) // 2
        handle.write(data[:half])
        _phase("partial", path, handle)
        handle.write(data[half:])
        _phase("written", path, handle)
        handle.flush()
        os.fsync(handle.fileno())
    with contextlib.suppress(OSError):
        os.chmod(temp, path.stat().st_mode & 0o777)
    _phase("synced", path)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never a mix."""
    existed = path.exists()
    problem = _refusal(path)
    if problem is None:
        temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}")
        _phase("before_temp", path)
        try:
            _write_temp(temp, path, data)
            os.replace(temp, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temp.unlink()
            problem = _reason(exc)
    if problem is not None:
        message = (
            f"{path.name} konnte nicht geschrieben werden ({problem}). Die Datei ist unverändert."
            if existed
            else f"{path.name} konnte nicht angelegt werden ({problem}). Es wurde nichts geschrieben."
        )
        raise LuedialogError(message, hint="Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.")
    _phase("replaced", path)
    _fsync_dir(path.parent)


def _all_failed(problem: str) -> LuedialogError:
    return LuedialogError(
        f"Die Änderungen konnten nicht geschrieben werden ({problem}). Alle Dateien sind unverändert.",
        hint="Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.",
    )


def atomic_write_all(files: Sequence[tuple[Path, bytes, bytes]], *, journal: Path | None = None) -> None:
    """Write several files (path, new content, old content) all or nothing.

    All temporary files are written and fsynced first; only then are the targets replaced. If
    replacing fails half-way, the files already replaced get their old content back. With a
    ``journal`` (a file path), the list of pending replacements is written there before the first
    replace and removed after the last: a process killed (SIGKILL, power loss) in between leaves
    some files new and the rest old, and the next writer that takes the project lock finishes the
    replacements (``finish_interrupted``), so in the end every file is new. Each file on its own is
    always either old or new.
    """
    if not files:
        return
    if len(files) == 1:
        atomic_write(files[0][0], files[0][1])
        return
    for path, _, _ in files:
        refusal = _refusal(path)
        if refusal is not None:
            raise _all_failed(f"{path.name}: {refusal}")
    _phase("before_temp", files[0][0])
    temps: list[tuple[Path, Path]] = []

    def discard_temps() -> None:
        for temp, _ in temps:
            with contextlib.suppress(OSError):
                temp.unlink()

    try:
        for path, data, _ in files:
            temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}")
            temps.append((temp, path))
            _write_temp(temp, path, data)
        if journal is not None:
            _write_journal(journal, temps)
    except OSError as exc:
        discard_temps()
        raise _all_failed(_reason(exc)) from None
    old = {path: previous for path, _, previous in files}
    done: list[Path] = []
    for temp, path in temps:
        try:
            os.replace(temp, path)
        except OSError as exc:
            discard_temps()
            for written in done:  # roll back what was already replaced
                _restore(written, old[written])
            if journal is not None:
                with contextlib.suppress(OSError):
                    journal.unlink()
            raise _all_failed(_reason(exc)) from None
        done.append(path)
        _phase("replaced", path)
    for folder in {path.parent for _, path in temps}:
        _fsync_dir(folder)
    if journal is not None:
        with contextlib.suppress(OSError):
            journal.unlink()
            _fsync_dir(journal.parent)


def _write_journal(journal: Path, temps: Sequence[tuple[Path, Path]]) -> None:
    """Record the pending replacements (paths relative to the journal's folder), durably."""
    base = journal.parent
    pairs = [[os.path.relpath(temp, base), os.path.relpath(path, base)] for temp, path in temps]
    data = json.dumps({"version": 1, "ersetzen": pairs}, ensure_ascii=False, indent=1).encode()
    pending = journal.with_name(f"{TEMP_PREFIX}{os.getpid()}-{journal.name}")
    with open(pending, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pending, journal)
    _fsync_dir(base)


def finish_interrupted(root: Path) -> list[str]:
    """Finish the replacements of a multi-file write that was killed half-way (see ``atomic_write_all``).

    Every temporary file the journal lists is complete (the journal is written only after all of
    them are synced), so replacing the targets with them is safe. Returns the finished targets
    (relative to ``root``). Call only while holding the project lock.
    """
    journal = root / JOURNAL_FILE
    if not journal.is_file():
        return []
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        pairs = [(str(temp), str(target)) for temp, target in data["ersetzen"]]
    except (OSError, ValueError, KeyError, TypeError):
        raise LuedialogError(
            f"{JOURNAL_FILE}: Die Liste eines unterbrochenen Schreibvorgangs ist unlesbar.",
            hint="Prüfen Sie die Dateien unter data/ mit git status, git diff und luedialog pruefen, "
            f"und löschen Sie dann {JOURNAL_FILE}.",
        ) from None
    finished = []
    for temp_name, target_name in pairs:
        temp, target = root / temp_name, root / target_name
        if temp.is_file():  # otherwise it was replaced before the writer died
            try:
                os.replace(temp, target)
            except OSError as exc:
                raise LuedialogError(
                    f"Ein unterbrochener Schreibvorgang kann nicht vollendet werden: {target_name} ({_reason(exc)}).",
                    hint="Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.",
                ) from None
            finished.append(target_name)
    for folder in {(root / target).parent for _, target in pairs}:
        _fsync_dir(folder)
    journal.unlink()
    _fsync_dir(root)
    return finished


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
    """Serialize writers of one project (other luedialog processes wait up to ``timeout``).

    Holding the lock, it first finishes a multi-file write that a killed process left half done.
    """
    path = root / LOCK_FILE
    try:
        handle = open(path, "a+b")  # noqa: SIM115 - closed in finally
    except OSError as exc:
        raise LuedialogError(
            f"Die Sperrdatei {LOCK_FILE} kann nicht geöffnet werden ({_reason(exc)}). Es wurde nichts geschrieben.",
            hint="Prüfen Sie die Schreibrechte im Projektordner.",
        ) from None
    try:
        _acquire(handle, timeout)
        finish_interrupted(root)
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
