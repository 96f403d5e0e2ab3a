"""Atomic writes under the project lock, and the journal of a write across several files.

A write goes to a hidden temporary file beside the target, is flushed and fsynced, and then
replaces the target in one step, so an interrupted run leaves either the old or the new file.

Test hooks: ``LUEDIALOG_TEST_WRITE_DELAY`` and ``LUEDIALOG_TEST_WRITE_TRACE`` (see ``_phase``) make
the phases of a write slow and observable for the crash tests; they do nothing otherwise.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from luedialog.errors import LuedialogError, reason
from luedialog.paths import CONFIG_FILE, DATA_DIR

LOCK_FILE = ".luedialog.lock"
# Written while several files are replaced one after another; if it survives (the writer was killed),
# the next writer finishes the replacements from the complete temporary files it lists.
JOURNAL_FILE = ".luedialog-journal"
MAX_JOURNAL_BYTES = 1024 * 1024  # a journal lists a few thousand files at most
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
    """Why a write failed, in German (one table for all of luedialog: :func:`luedialog.errors.reason`)."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "keine Schreibrechte"
    return reason(exc)


def _refusal(path: Path) -> str | None:
    """Why ``path`` must not be replaced, if it exists and may not be written (replacing it in its
    folder would ignore a read-only mark, even as root)."""
    try:
        own = path.lstat().st_mode
        mode = path.stat().st_mode
    except OSError:
        return None
    if not (stat.S_ISREG(own) or stat.S_ISLNK(own)):  # a device, a pipe, a socket: never replaced
        return "das ist keine gewöhnliche Datei"
    if mode & 0o222 == 0:
        return "die Datei ist schreibgeschützt"
    if os.access(path, os.W_OK):
        return None
    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return "das Dateisystem ist schreibgeschützt"
    return "keine Schreibrechte"


def _create_temp(temp: Path) -> BinaryIO:
    """Open ``temp`` as a new file: never through a link or over a file that is already there (a
    leftover of a killed writer with the same process ID is removed first)."""
    try:
        return open(temp, "xb")
    except FileExistsError:
        temp.unlink()
        return open(temp, "xb")


def _write_temp(temp: Path, path: Path, data: bytes) -> None:
    """Write ``data`` to ``temp`` and fsync it, with the mode of ``path`` where that exists."""
    with _create_temp(temp) as handle:
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


_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EXDEV, errno.EMLINK}


def _temp_for(path: Path) -> Path:
    return path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}")


def _place(temp: Path, path: Path, create: bool) -> None:
    """Put the complete ``temp`` at ``path`` in one step: replacing it, or (``create``) only if
    ``path`` does not exist yet (a hard link cannot overwrite; then the temporary name goes)."""
    if not create:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        # no hard links on this file system (FAT, some network shares): an exclusive open instead
        with open(path, "xb") as handle:
            handle.write(temp.read_bytes())
            handle.flush()
            os.fsync(handle.fileno())
    os.unlink(temp)


def atomic_write(path: Path, data: bytes, *, create: bool = False) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never a mix.

    With ``create`` the file must not exist yet: an existing file is never overwritten.
    """
    existed = path.exists()
    problem = _refusal(path)
    if problem is None and create and (existed or path.is_symlink()):
        problem = "die Datei gibt es schon"
    if problem is None:
        temp = _temp_for(path)
        _phase("before_temp", path)
        try:
            _write_temp(temp, path, data)
            _place(temp, path, create)
        except FileExistsError:
            with contextlib.suppress(OSError):
                temp.unlink()
            problem = "die Datei gibt es schon"
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


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_all(files: Sequence[tuple[Path, bytes, bytes | None]], *, journal: Path) -> None:
    """Write several files (path, new content, old content or None for a new file) all or nothing.

    All temporary files are written and fsynced first; only then are the targets replaced (a new
    file is created, never overwriting one that appeared meanwhile). If that fails half-way, the
    files already replaced get their old content back. Before the first replacement the list of
    pending ones is written to ``journal`` (with the size and SHA-256 of every temporary file and
    of the content each target had before) and removed after the last: a process killed
    (SIGKILL, power loss) in between leaves some files new and the rest old, and the next writer
    that takes the project lock finishes the replacements (:func:`finish_interrupted`) if, and only
    if, every file is still exactly as the interrupted write left it. Each file on its own is
    always either old or new.
    """
    if not files:
        return
    if len(files) == 1:
        path, data, old = files[0]
        atomic_write(path, data, create=old is None)
        return
    for path, _, old in files:
        refusal = _refusal(path)
        if refusal is None and old is None and (path.exists() or path.is_symlink()):
            refusal = "die Datei gibt es schon"
        if refusal is not None:
            raise _all_failed(f"{path.name}: {refusal}")
    _phase("before_temp", files[0][0])
    temps: list[tuple[Path, Path, bytes, bytes | None]] = []

    def discard_temps() -> None:
        for temp, *_ in temps:
            with contextlib.suppress(OSError):
                temp.unlink()

    try:
        for path, data, old in files:
            temp = _temp_for(path)
            temps.append((temp, path, data, old))
            _write_temp(temp, path, data)
        _write_journal(journal, temps)
    except OSError as exc:
        discard_temps()
        raise _all_failed(_reason(exc)) from None
    done: list[tuple[Path, bytes | None]] = []
    for temp, path, _, old in temps:
        try:
            _place(temp, path, old is None)
        except OSError as exc:
            discard_temps()
            for written, previous in done:  # roll back what was already replaced
                _restore(written, previous)
            with contextlib.suppress(OSError):
                journal.unlink()
            problem = "die Datei gibt es schon" if isinstance(exc, FileExistsError) else _reason(exc)
            raise _all_failed(problem) from None
        done.append((path, old))
        _phase("replaced", path)
    for folder in {path.parent for _, path, _, _ in temps}:
        _fsync_dir(folder)
    with contextlib.suppress(OSError):
        journal.unlink()
        _fsync_dir(journal.parent)


def _write_journal(journal: Path, temps: Sequence[tuple[Path, Path, bytes, bytes | None]]) -> None:
    """Record the pending replacements (paths relative to the journal's folder), durably."""
    base = journal.parent
    entries = [
        {
            "temp": os.path.relpath(temp, base),
            "ziel": os.path.relpath(path, base),
            "groesse": len(data),
            "sha256": _digest(data),
            "vorher": None if old is None else _digest(old),
        }
        for temp, path, data, old in temps
    ]
    pairs = [[e["temp"], e["ziel"]] for e in entries]
    body = {"version": 2, "ersetzen": pairs, "dateien": entries}
    data = json.dumps(body, ensure_ascii=False, indent=1).encode()
    pending = journal.with_name(f"{TEMP_PREFIX}{os.getpid()}-{journal.name}")
    with _create_temp(pending) as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pending, journal)
    _fsync_dir(base)


JOURNAL_HINT = (
    "Prüfen Sie die Dateien unter data/ mit git status, git diff und luedialog pruefen, und löschen Sie "
    f"dann {JOURNAL_FILE} und die versteckten Dateien {TEMP_PREFIX}* daneben."
)


def _journal_refusal(what: str) -> LuedialogError:
    return LuedialogError(
        f"{JOURNAL_FILE}: Ein unterbrochener Schreibvorgang wird nicht vollendet, weil {what}. "
        "Es wurde nichts verändert.",
        hint=JOURNAL_HINT,
    )


def _journal_entries(root: Path, data: object, allowed: Sequence[str]) -> list[tuple[Path, Path, int, str, str | None]]:
    """The entries of a journal, each checked to name a temporary file and a data file of the project."""
    if not isinstance(data, dict) or data.get("version") != 2 or not isinstance(data.get("dateien"), list):
        raise _journal_refusal("die Liste nicht von dieser Fassung von luedialog stammt")
    resolved_root = root.resolve()
    entries = []
    for item in data["dateien"]:
        if not isinstance(item, dict):
            raise _journal_refusal("die Liste beschädigt ist")
        temp_name, target_name = item.get("temp"), item.get("ziel")
        size, digest, before = item.get("groesse"), item.get("sha256"), item.get("vorher")
        if not (
            isinstance(temp_name, str)
            and isinstance(target_name, str)
            and isinstance(size, int)
            and isinstance(digest, str)
            and (before is None or isinstance(before, str))
        ):
            raise _journal_refusal("die Liste beschädigt ist")
        temp, target = root / temp_name, root / target_name
        try:
            real_target = target.resolve()
            real_temp = temp.resolve()
        except (OSError, RuntimeError):
            raise _journal_refusal(f"{target_name} nicht aufgelöst werden kann") from None
        inside = (
            any(
                real_target.is_relative_to(resolved_root / folder) and real_target != resolved_root / folder
                for folder in allowed
            )
            or real_target == resolved_root / CONFIG_FILE
        )
        if not inside:
            raise _journal_refusal(f"sie „{target_name}“ nennt, das nicht zu den Daten dieses Projekts gehört")
        if real_temp.parent != real_target.parent or not temp.name.startswith(TEMP_PREFIX):
            raise _journal_refusal(f"sie „{temp_name}“ nennt, das keine Zwischendatei von luedialog ist")
        entries.append((temp, target, size, digest, before))
    return entries


def _content(path: Path, name: str) -> bytes | None:
    """The bytes of a plain file, None if there is nothing at ``path``; a refusal for anything else."""
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file():
        raise _journal_refusal(f"{name} keine gewöhnliche Datei ist")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _journal_refusal(f"{name} nicht gelesen werden kann ({_reason(exc)})") from None


def finish_interrupted(root: Path, data_folders: Sequence[str] = (DATA_DIR,)) -> list[str]:
    """Finish the replacements of a multi-file write that was killed half-way (see :func:`write_all`).

    Only if every entry checks out: each target lies in the project's data (``data_folders``) or is
    ``luedialog.yaml``; each temporary file that is still there is the one luedialog wrote (size and
    SHA-256 as recorded) and its target still has the content the write started from; a target whose
    temporary file is gone has the new content. Otherwise nothing is changed and the user is told
    what was found. Returns the finished targets (relative to ``root``). Call only holding the lock.
    """
    journal = root / JOURNAL_FILE
    if not journal.is_file():
        return []
    try:
        with journal.open("rb") as handle:
            raw = handle.read(MAX_JOURNAL_BYTES + 1)
        if len(raw) > MAX_JOURNAL_BYTES:
            raise ValueError("too big")
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # also not UTF-8, or nested too deep
        raise LuedialogError(
            f"{JOURNAL_FILE}: Die Liste eines unterbrochenen Schreibvorgangs ist unlesbar.",
            hint=JOURNAL_HINT,
        ) from None
    entries = _journal_entries(root, data, data_folders)
    pending: list[tuple[Path, Path, str | None]] = []
    for temp, target, size, digest, before in entries:
        name = target.relative_to(root).as_posix()
        now = _content(target, name)
        temp_data = _content(temp, temp.name)
        if temp_data is None:  # replaced before the writer died: the target must be the new file
            if now is None or _digest(now) != digest:
                raise _journal_refusal(f"{name} seither geändert wurde")
            continue
        if len(temp_data) != size or _digest(temp_data) != digest:
            raise _journal_refusal(f"die Zwischendatei zu {name} nicht die ist, die luedialog geschrieben hat")
        if now is not None and _digest(now) == digest:
            continue  # already new (e.g. linked, the temporary name not yet removed)
        if (before is None and now is not None) or (before is not None and (now is None or _digest(now) != before)):
            raise _journal_refusal(f"{name} seither geändert wurde (von Hand oder durch git)")
        pending.append((temp, target, before))
    finished = []
    for temp, target, before in pending:
        try:
            _place(temp, target, before is None)
        except OSError as exc:
            raise LuedialogError(
                f"Ein unterbrochener Schreibvorgang kann nicht vollendet werden: "
                f"{target.relative_to(root).as_posix()} ({_reason(exc)}).",
                hint="Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.",
            ) from None
        finished.append(target.relative_to(root).as_posix())
    for temp, target, *_ in entries:
        with contextlib.suppress(OSError):
            if temp.exists() and target.exists():
                temp.unlink()  # a temporary name left after linking
    for folder in {target.parent for _, target, *_ in entries}:
        _fsync_dir(folder)
    journal.unlink()
    _fsync_dir(root)
    return finished


def _restore(path: Path, data: bytes | None) -> None:
    """Put old content back (or remove a created file): atomically if possible, else in place."""
    if data is None:
        with contextlib.suppress(OSError):
            path.unlink()
        return
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
    if path.is_symlink():  # opening it would create or lock a file elsewhere
        raise LuedialogError(
            f"Die Sperrdatei {LOCK_FILE} ist ein Verweis (Symlink). Es wurde nichts geschrieben.",
            hint=f"Löschen Sie {LOCK_FILE} im Projektordner; luedialog legt die Datei selbst an.",
        )
    try:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        handle = os.fdopen(os.open(path, flags, 0o644), "r+b")
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
