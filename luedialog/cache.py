"""A parse cache: unchanged files are not parsed and validated again.

The cache lives in ``.luedialog-cache/`` at the project root (git-ignored; the folder also carries
its own ``.gitignore`` and a ``CACHEDIR.TAG``). For every data file it keeps what loading produced:
the findings of reading, what the caller derived from the document (the validated object and the
findings of validation, see ``snapshot.py``) and the SHA-256 of the file. Values and positions of
a document are not kept: :class:`CachedDocument` parses the file again when someone asks for them
(a finding of a cross-file check that needs a line number), and only if it still has that digest.

An entry is used only if the file's size, mtime (ns), inode and ctime are those recorded, and the
caller's ``derive_key`` (the schema and the vocabularies) is the same. Files changed in the last
two seconds are not stored at all: a second change within the file system's timestamp
resolution could otherwise keep the same size and mtime (git calls this "racily clean").

The whole cache is ignored, silently, if it is missing, unreadable, corrupt, written by another
version of luedialog (the version, this format number and the size and mtime of every module of
the package), another Python or PyYAML, or not signed with this user's key: the cache is a pickle,
and the key (in the user's cache folder, never in the project) makes sure that no cache file that
arrived with the project's files (a merge request, an archive) is ever unpickled. Writes are
atomic (a temporary file, then a rename); if the folder cannot be written, nothing is cached.
``LUEDIALOG_NO_CACHE=1`` switches the cache off.

Entries are pickled in chunks of 256 files, so that a changed file makes only its chunk be pickled
again. Many files not in the cache (a cold start) are parsed by forked worker processes (Linux),
one per core; a worker that fails leaves its share to this process.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from luedialog import __version__, cachedir
from luedialog.cachedir import CACHE_DIR, disabled, module_stamps, move_into_place, prepare, signing_key
from luedialog.errors import LuedialogError
from luedialog.findings import Finding
from luedialog.yamlio import MAX_FILE_BYTES, Document, KeyPath, Value, parse_bytes, read_document

CACHE_FILE = "dateien.cache"
FORMAT = 1  # raise when the layout of the cache changes

_MAGIC = b"LUEDCACH"
_HEADER = len(_MAGIC) + 2 + 32  # magic, format (2 bytes), HMAC-SHA256 of the payload
FileKey = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns
FilePath = str | Path
# (key, findings of reading, derive_key, derived value, SHA-256 of the file or None if it has no clean document)
Entry = tuple[FileKey, tuple[Finding, ...], str, Any, bytes | None]
Derive = Callable[[Document, list[Finding]], Any]


class CachedDocument(Document):
    """A document whose values and positions are parsed only on first use.

    From a cold run it keeps the bytes that were parsed; from the cache it reads the file again
    and uses it only if it still has the recorded SHA-256 (a file changed during the run is an
    error, never a wrong line number).
    """

    def __init__(self, path: FilePath, name: str, raw: bytes | None, digest: bytes) -> None:
        # no super().__init__(): nothing is parsed yet
        self._path = path
        self.name = name
        self._raw = raw
        self._digest = digest
        self._full: Document | None = None

    def _parsed(self) -> Document:
        if self._full is None:
            raw = self._raw
            if raw is None:
                raw, _ = _read_file(self.path)
                if raw is None or hashlib.sha256(raw).digest() != self._digest:
                    raise LuedialogError(
                        f"{self.name} wurde während des Laufs von luedialog geändert.",
                        hint="Bitte den Befehl noch einmal ausführen.",
                        file=self.name,
                    )
            doc, _ = parse_bytes(self.path, self.name, raw)
            if doc is None:  # pragma: no cover - the same bytes parsed before; parsing is deterministic
                raise RuntimeError(f"{self.name}: der Zwischenspeicher ist widersprüchlich.")
            self._full = doc
            self._raw = None
        return self._full

    @property
    def path(self) -> Path:
        if not isinstance(self._path, Path):
            self._path = Path(self._path)
        return self._path

    @path.setter
    def path(self, value: Path) -> None:
        self._path = value

    @property
    def data(self) -> Value:
        return self._parsed().data

    @data.setter
    def data(self, value: Value) -> None:
        self._parsed().data = value

    @property
    def positions(self) -> dict[KeyPath, tuple[int, int]]:
        return self._parsed().positions

    @positions.setter
    def positions(self, value: dict[KeyPath, tuple[int, int]]) -> None:
        self._parsed().positions = value

    @property
    def text(self) -> str:
        return self._parsed().text

    @text.setter
    def text(self, value: str) -> None:
        self._parsed().text = value

    @property
    def ends(self) -> dict[KeyPath, tuple[int, int]]:
        return self._parsed().ends

    @ends.setter
    def ends(self, value: dict[KeyPath, tuple[int, int]]) -> None:
        self._parsed().ends = value


def _file_key(st: os.stat_result) -> FileKey:
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


def _fingerprint() -> str:
    """Everything besides the files that decides what loading produces: the code and its versions."""
    parts = [f"{FORMAT}", __version__, sys.version, sys.implementation.cache_tag or "", *module_stamps()]
    yaml_module = sys.modules.get("yaml")
    parts.append(str(getattr(yaml_module, "__version__", "?")))
    parts.append(str(getattr(yaml_module, "__with_libyaml__", "?")))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


Result = tuple[Document | None, list[Finding], Any]  # what load_many gives for each file
# what computing one file gives: (key if the entry may be stored, findings of reading, derived, digest, bytes)
_Fresh = tuple[FileKey | None, tuple[Finding, ...], Any, bytes | None, bytes | None]


class ParseCache:
    """The cache of one project: ``load_many`` files through it, then ``save`` once."""

    def __init__(self, root: Path, chunks: list[bytes], key: bytes | None, fingerprint: str) -> None:
        self.folder = root / CACHE_DIR
        self._key = key
        self._fingerprint = fingerprint
        self._now = time.time_ns()
        # the stored entries, and the chunk (a separately pickled group of entries) each came in
        self._old: dict[str, Entry] = {}
        self._chunks: list[tuple[bytes, list[str]]] = []
        for chunk in chunks:
            try:
                entries = pickle.loads(chunk)
            except Exception:  # signed by us, so a bug or a broken disk: drop this part
                continue
            if isinstance(entries, dict):
                self._old.update(entries)
                self._chunks.append((chunk, list(entries)))
        self._used: set[str] = set()  # entries of _old used in this run
        self._fresh: dict[str, Entry] = {}  # entries computed in this run, to be stored
        self._fresh_chunks: list[bytes] = []  # ... of which these came pickled from worker processes
        self._fresh_in_chunks: set[str] = set()
        self.hits = 0
        self.misses = 0
        self._exact = key is not None  # every file loaded is known by its key (see state())

    @classmethod
    def open(cls, root: Path) -> ParseCache:
        """The cache of the project at ``root``; empty (never an error) if it cannot be used."""
        if disabled():
            return cls(root, [], None, "")
        key = signing_key()
        fingerprint = _fingerprint()
        return cls(root, _read(root / CACHE_DIR / CACHE_FILE, key, fingerprint) if key else [], key, fingerprint)

    def load_many(self, files: list[tuple[FilePath, str]], derive: Derive, derive_key: str) -> dict[str, Result]:
        """Read each (path, name) as :func:`~luedialog.yamlio.read_document` does, plus ``derive(doc, findings)``.

        For each name: (document, findings of reading, derived value); the document is ``None`` if
        the file has none or if reading it gave findings; the derived value is ``None`` if there is
        no document. Files not in the cache are parsed in worker processes when there are many.
        """
        results: dict[str, Result] = {}
        misses: list[tuple[FilePath, str, FileKey | None]] = []
        for path, name in files:
            try:
                before: FileKey | None = _file_key(os.stat(path))
            except OSError:
                before = None
            entry = self._old.get(name)
            if entry is not None and entry[0] == before and entry[2] == derive_key:
                self.hits += 1
                self._used.add(name)
                _, found, _, derived, digest = entry
                results[name] = (_document(path, name, None, digest), list(found), derived)
            else:
                misses.append((path, name, before))
        self.misses += len(misses)
        for (path, name, _), (key, found, derived, digest, raw) in zip(
            misses, self._compute(misses, derive, derive_key), strict=True
        ):
            results[name] = (_document(path, name, raw, digest), list(found), derived)
            if key is not None:
                self._fresh[name] = (key, found, derive_key, derived, digest)
            else:
                self._exact = False
        return results

    def not_exact(self) -> None:
        """Something was loaded that the cache cannot vouch for (a file given as bytes, a broken link)."""
        self._exact = False

    def state(self, config: Path) -> str | None:
        """A digest of everything loaded in this run (the code, ``config`` and every file by its key),
        or ``None`` if that is not known exactly (a file changed during the run, or just before)."""
        try:
            config_key = _file_key(os.stat(config))
        except OSError:
            return None
        if not self._exact or max(config_key[1], config_key[3]) >= self._now - cachedir.RACY_NS:
            return None
        files = {name: self._old[name] for name in self._used}
        files.update(self._fresh)
        rules = {e[2]: hashlib.sha256(e[2].encode("utf-8")).hexdigest()[:16] for e in files.values()}
        digest = hashlib.sha256(repr((self._fingerprint, config_key)).encode("utf-8"))
        for name in sorted(files):
            digest.update(repr((name, files[name][0], rules[files[name][2]])).encode("utf-8"))
        return digest.hexdigest()

    def _compute(
        self, misses: list[tuple[FilePath, str, FileKey | None]], derive: Derive, derive_key: str
    ) -> list[_Fresh]:
        workers = _worker_count(len(misses))
        if workers < 2:
            return [_compute_one(path, name, before, derive, self._now) for path, name, before in misses]
        return self._compute_in_parallel(misses, derive, derive_key, workers)

    def _compute_in_parallel(
        self, misses: list[tuple[FilePath, str, FileKey | None]], derive: Derive, derive_key: str, workers: int
    ) -> list[_Fresh]:
        """This process takes one share, ``workers - 1`` forked processes the others."""
        import multiprocessing

        context = multiprocessing.get_context("fork")
        shares = [misses[i::workers] for i in range(workers)]
        started: list[tuple[list[tuple[FilePath, str, FileKey | None]], Any, Any]] = []
        for share in shares[1:]:
            try:
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(
                    target=_worker, args=(share, derive, derive_key, self._now, sender), daemon=True
                )
                process.start()
            except Exception:  # no process to be had (limits, a daemonic parent …): this one does it
                started.append((share, None, None))
                continue
            sender.close()
            started.append((share, process, receiver))
        done: dict[str, _Fresh] = {}
        for path, name, before in shares[0]:
            done[name] = _compute_one(path, name, before, derive, self._now)
        for share, process, receiver in started:
            received = _receive(process, receiver)
            if received is None:  # the worker failed: do its share here
                for path, name, before in share:
                    done[name] = _compute_one(path, name, before, derive, self._now)
                continue
            chunks, rest = received
            for chunk in chunks:
                entries: dict[str, Entry] = pickle.loads(chunk)
                for name, (key, found, _, derived, digest) in entries.items():
                    done[name] = (key, found, derived, digest, None)
                    self._fresh_in_chunks.add(name)
                self._fresh_chunks.append(chunk)
            done.update(rest)
        return [done[name] for _, name, _ in misses]

    def save(self) -> None:
        """Write the entries used in this run if there are new ones (entries of files that are gone
        go with the next write). Never raises for I/O problems."""
        if self._key is None or not self._fresh:
            return
        try:
            chunks = [chunk for chunk, names in self._chunks if self._used.issuperset(names)]
            kept = {name for chunk, names in self._chunks if self._used.issuperset(names) for name in names}
            chunks += self._fresh_chunks
            rest = {name: self._old[name] for name in sorted(self._used - kept)}
            rest.update((name, entry) for name, entry in self._fresh.items() if name not in self._fresh_in_chunks)
            chunks += _pickle_chunks(rest)
        except (pickle.PicklingError, RecursionError, TypeError, AttributeError):
            return
        _write(self.folder, CACHE_FILE, self._key, self._fingerprint, chunks)


def _write(folder: Path, name: str, key: bytes, fingerprint: str, chunks: list[bytes]) -> None:
    """Write a signed cache file atomically (a temporary file, then a rename); never raises."""
    import tempfile

    try:
        payload = pickle.dumps((fingerprint, chunks), protocol=pickle.HIGHEST_PROTOCOL)
        signature = hmac.new(key, payload, hashlib.sha256).digest()
        prepare(folder)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC + FORMAT.to_bytes(2, "big") + signature)
                out.write(payload)
            move_into_place(temp, folder / name)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return


CHECKS_FILE = "pruefungen.cache"
CHECKS_KEPT = 16  # results of the last checks (by state and Stichtag) that are kept


def remembered(root: Path, key: str | None, compute: Callable[[], list[Finding]]) -> list[Finding]:
    """``compute()``, or its result from an earlier run with the same ``key`` (see :meth:`ParseCache.state`).

    The checks across files depend only on the loaded files and the Stichtag: when neither changed,
    their findings are taken from ``.luedialog-cache/pruefungen.cache`` (signed like the cache).
    """
    signing = signing_key() if key is not None else None
    if key is None or signing is None:
        return compute()
    path = root / CACHE_DIR / CHECKS_FILE
    chunks = _read(path, signing, _fingerprint())
    known: dict[str, tuple[Finding, ...]] = {}
    if chunks:
        try:
            loaded = pickle.loads(chunks[0])
        except Exception:  # signed by us: a bug or a broken disk
            loaded = None
        if isinstance(loaded, dict):
            known = loaded
    if key in known:
        return list(known[key])
    findings = compute()
    known = {k: v for k, v in known.items() if k != key}
    known[key] = tuple(findings)
    while len(known) > CHECKS_KEPT:
        del known[next(iter(known))]
    try:
        chunk = pickle.dumps(known, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return findings
    _write(root / CACHE_DIR, CHECKS_FILE, signing, _fingerprint(), [chunk])
    return findings


CHUNK_ENTRIES = 256  # entries pickled together: a changed file makes only its chunk be pickled again
PARALLEL_MIN = 256  # uncached files from which parsing is shared with worker processes
MAX_WORKERS = 8


def _worker_count(files: int) -> int:
    """How many processes should share parsing ``files`` files (1: this one alone)."""
    if files < PARALLEL_MIN or sys.platform != "linux" or disabled():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - Linux has it
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS, files // (PARALLEL_MIN // 2)))


def _document(path: FilePath, name: str, raw: bytes | None, digest: bytes | None) -> Document | None:
    return CachedDocument(path, name, raw, digest) if digest is not None else None


def _compute_one(file: FilePath, name: str, before: FileKey | None, derive: Derive, now: int) -> _Fresh:
    """Read, parse and derive one file; the key is None if the result must not be stored."""
    path = Path(file)
    raw, key = _read_file(path)
    if raw is None:  # too big, unreadable, gone: read_document says what is wrong
        doc, found = read_document(path, name)
    else:
        doc, found = parse_bytes(path, name, raw)
    derived = derive(doc, found) if doc is not None else None
    digest = hashlib.sha256(raw).digest() if raw is not None and doc is not None and not found else None
    # a file changed in the last two seconds could change again without a new size or mtime
    storable = raw is not None and key is not None and key == before and max(key[1], key[3]) < now - cachedir.RACY_NS
    return (key if storable else None), tuple(found), derived, digest, (raw if digest is not None else None)


def _worker(
    share: list[tuple[FilePath, str, FileKey | None]], derive: Derive, derive_key: str, now: int, sender: Any
) -> None:
    """In a forked process: compute ``share``, send the entries (pickled in chunks) and the rest."""
    import gc

    gc.disable()
    try:
        entries: dict[str, Entry] = {}
        rest: dict[str, _Fresh] = {}
        for path, name, before in share:
            key, found, derived, digest, _ = _compute_one(path, name, before, derive, now)
            if key is None:
                rest[name] = (key, found, derived, digest, None)
            else:
                entries[name] = (key, found, derive_key, derived, digest)
        message = pickle.dumps((_pickle_chunks(entries), rest), protocol=pickle.HIGHEST_PROTOCOL)
        sender.send_bytes(message)
    except BaseException:  # no traceback from a worker: the parent process does this share itself
        raise SystemExit(1) from None
    finally:
        sender.close()


def _receive(process: Any, receiver: Any) -> tuple[list[bytes], dict[str, _Fresh]] | None:
    if process is None:
        return None
    try:
        message = receiver.recv_bytes()
        chunks, rest = pickle.loads(message)
    except Exception:  # the worker died or sent nothing usable
        chunks = rest = None
    finally:
        receiver.close()
        process.join()
    if chunks is None or process.exitcode != 0:
        return None
    return chunks, rest


def _pickle_chunks(entries: dict[str, Any]) -> list[bytes]:
    names = list(entries)
    return [
        pickle.dumps({n: entries[n] for n in names[i : i + CHUNK_ENTRIES]}, protocol=pickle.HIGHEST_PROTOCOL)
        for i in range(0, len(names), CHUNK_ENTRIES)
    ]


def _read_file(path: Path) -> tuple[bytes | None, FileKey | None]:
    """The bytes of ``path`` and the key of exactly what was read (None if not a plain readable file)."""
    try:
        with path.open("rb") as handle:
            st = os.fstat(handle.fileno())
            if st.st_size > MAX_FILE_BYTES:
                return None, None
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None, None
    if len(raw) != st.st_size:  # changed while reading
        return raw, None
    return raw, _file_key(st)


def _read(path: Path, key: bytes, fingerprint: str) -> list[bytes]:
    """The chunks of a valid cache file; an empty list for anything else."""
    try:
        blob = path.read_bytes()
    except OSError:
        return []
    if len(blob) < _HEADER or not blob.startswith(_MAGIC):
        return []
    if int.from_bytes(blob[len(_MAGIC) : len(_MAGIC) + 2], "big") != FORMAT:
        return []
    view = memoryview(blob)
    payload = view[_HEADER:]
    expected = hmac.new(key, payload, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, bytes(view[len(_MAGIC) + 2 : _HEADER])):
        return []
    try:
        stored_fingerprint, chunks = pickle.loads(payload)
    except Exception:  # signed by us, so this is a bug or a broken disk: ignore the cache
        return []
    if stored_fingerprint != fingerprint or not isinstance(chunks, list):
        return []
    return [chunk for chunk in chunks if isinstance(chunk, bytes)]
