"""The one write transaction every command that writes goes through.

    with Transaction.begin(root, today) as t:   # lock, finish a left-over journal, load once
        t.change(name, new_bytes)                # plan changes in memory (or t.create(...))
        t.commit(dry_run=False)                  # validate the whole project once, write, verify

Nothing reaches the disk before ``commit`` has validated the whole project with every planned
change: a change that adds an error is refused, naming it. Files are written atomically (with a
journal when there are several), then read back and compared with what was planned. A new file
is created exclusively: an existing file is never overwritten by a creation.
"""

from __future__ import annotations

import contextlib
import difflib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType

from luedialog.checks import run_checks
from luedialog.errors import LuedialogError
from luedialog.files import atomic
from luedialog.files.discover import folder_problem, is_data_file_name
from luedialog.files.read import MAX_FILE_BYTES
from luedialog.findings import Finding
from luedialog.paths import DATA_DIRS, inside
from luedialog.snapshot import LoadResult, Snapshot, load_snapshot, replaced
from luedialog.text import visible


@dataclass
class Aenderung:
    """The planned new content of one file (``old`` is None for a file that is created)."""

    name: str
    path: Path
    old: bytes | None
    new: bytes

    @property
    def neu(self) -> bool:
        return self.old is None

    def diff(self) -> str:
        """The change as a unified diff (what ``--dry-run`` shows), control characters made visible."""

        def lines(data: bytes | None) -> list[str]:
            text = (data or b"").decode("utf-8-sig").replace("\r\n", "\n")
            return text.splitlines(keepends=True)

        old_name = "/dev/null" if self.old is None else f"a/{self.name}"
        return visible("".join(difflib.unified_diff(lines(self.old), lines(self.new), old_name, f"b/{self.name}")))


def _key(f: Finding) -> tuple[str, str, str]:
    return f.file, f.code, f.message


@dataclass
class Transaction:
    root: Path
    today: date
    loaded: LoadResult
    changes: dict[str, Aenderung] = field(default_factory=dict)
    _lock: contextlib.ExitStack = field(default_factory=contextlib.ExitStack, repr=False)

    @classmethod
    def begin(cls, root: Path, today: date) -> Transaction:
        """Take the project lock, finish (or refuse) an interrupted write, and load the project once."""
        for folder in DATA_DIRS:  # nothing is written (not even the lock) where a data folder leads out
            problem = folder_problem(root, folder)
            if problem is not None:
                raise LuedialogError(
                    f"{folder}: {problem.message} So lange wird nichts geschrieben.", hint=problem.hint
                )
        stack = contextlib.ExitStack()
        stack.enter_context(atomic.project_lock(root))
        try:
            for folder in DATA_DIRS:
                atomic.remove_stale_temp_files(root / folder)
            loaded = load_snapshot(root, keep_raw=True)
            if loaded.snapshot is None:
                first = next((f for f in loaded.findings if f.is_error), None)
                raise LuedialogError(
                    "Die Projektkonfiguration ist fehlerhaft; so lange wird nichts geschrieben."
                    + (f" {first.text()}" if first else ""),
                    hint="Details: luedialog pruefen",
                )
        except BaseException:
            stack.close()
            raise
        return cls(root, today, loaded, _lock=stack)

    def __enter__(self) -> Transaction:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._lock.close()

    @property
    def snapshot(self) -> Snapshot:
        assert self.loaded.snapshot is not None
        return self.loaded.snapshot

    def current(self, name: str) -> bytes | None:
        """The content of ``name`` as planned so far, else as loaded; None if there is no such file."""
        if name in self.changes:
            return self.changes[name].new
        result = self.snapshot.files.get(name)
        return result.raw if result is not None else None

    def change(self, name: str, new: bytes) -> Aenderung:
        """Plan new content for an existing data file."""
        old = self.changes[name].old if name in self.changes else self.current(name)
        if old is None:
            raise LuedialogError(f"{name} kann nicht gelesen werden.", file=name)
        change = Aenderung(name, self.root / name, old, new)
        self.changes[name] = change
        return change

    def _check_place(self, name: str) -> Path:
        """The path of the data file ``name``: directly in one of the data folders, which lies inside
        the project, and named like a data file; a refusal otherwise."""
        folder, _, base = name.rpartition("/")
        path = self.root / name
        if (
            folder not in DATA_DIRS
            or not is_data_file_name(base)
            or base in (".", "..")
            or not inside(path.parent, self.root)
            or path.parent.resolve() != (self.root / folder).resolve()
        ):
            raise LuedialogError(
                f"{name} liegt nicht im Datenordner des Projekts; dorthin wird nichts geschrieben.", file=name
            )
        return path

    def create(self, name: str, new: bytes) -> Aenderung:
        """Plan a new data file; refused if a file of that name exists (also in another case)."""
        path = self._check_place(name)
        taken = {n.casefold() for n in self.snapshot.files}
        if name.casefold() in taken or path.exists() or path.is_symlink():
            raise LuedialogError(f"Die Datei {name} gibt es schon; sie wird nicht überschrieben.", file=name)
        change = Aenderung(name, path, None, new)
        self.changes[name] = change
        return change

    def new_errors(self) -> list[Finding]:
        """Errors the planned changes would add to the whole project (each rule run once before, once after)."""
        before = {_key(f) for f in self._errors(self.loaded)}
        after = replaced(self.loaded, {name: c.new for name, c in self.changes.items()})
        return [f for f in self._errors(after) if _key(f) not in before]

    def _errors(self, loaded: LoadResult) -> list[Finding]:
        found = list(loaded.findings)
        if loaded.snapshot is not None:
            found += run_checks(loaded.snapshot, self.today)
        return [f for f in found if f.is_error]

    def commit(
        self, *, dry_run: bool = False, refused: str = "Die Änderung würde die Prüfung scheitern lassen"
    ) -> list[Aenderung]:
        """Validate, then (unless ``dry_run``) write every planned change and verify it on disk.

        ``refused`` begins the message if the change would add an error.
        """
        changes = list(self.changes.values())
        if not changes:
            return []
        for c in changes:
            if len(c.new) > MAX_FILE_BYTES:
                raise LuedialogError(f"{c.name} würde zu groß; es wurde nichts geschrieben.", file=c.name)
        errors = self.new_errors()
        if errors:
            raise LuedialogError(f"{refused}: {errors[0].text()}", hint="Es wurde nichts geschrieben.")
        if dry_run:
            return changes
        for c in changes:  # once more, right before writing: every target inside the project's data
            self._check_place(c.name)
        created = [c for c in changes if c.old is None]
        for c in created:
            c.path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_all([(c.path, c.new, c.old) for c in changes], journal=self.root / atomic.JOURNAL_FILE)
        for c in changes:
            try:
                written = c.path.read_bytes()
            except OSError:
                written = None
            if written != c.new:  # pragma: no cover - only if the disk or another program interferes
                raise LuedialogError(
                    f"{c.name} hat nach dem Schreiben nicht den erwarteten Inhalt.",
                    hint="Prüfen Sie die Datei mit git diff und luedialog pruefen.",
                    file=c.name,
                )
        return changes
