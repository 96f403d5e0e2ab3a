"""Power loss: what the disk holds after the machine loses power at any moment of a write.

A power cut is not a SIGKILL: what the process wrote may be lost unless it was fsynced. These
tests record the file system calls of a real write (creating and writing a file, fsync of a file
or a folder, rename, unlink) and replay them on a model of a journaling file system (ext4, XFS
with default options):

- the content of a file is on disk only once the file was fsynced; a name whose content was not
  fsynced may come back empty or with garbage;
- changes of names (create, rename, unlink) reach the disk in the order they were made; any of
  them not yet made durable by an fsync of their folder may be lost, but only from the end;
- an fsync of a folder makes every earlier change of names durable (the journal is committed).

After every call, every state the disk could come back in is checked: each data file is old or
new (never empty, never half), a command that reported success is wholly on disk, and a journal of
``abfrage einlesen`` on disk lets the next writer finish the set. Linux only (``/proc/self/fd``).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from luedialog.files import atomic as writer
from luedialog.files.atomic import JOURNAL_FILE, LOCK_FILE, TEMP_PREFIX
from tests.conftest import Projekt, daten
from tests.robustness.test_durability import ABFRAGE_ROWS, M1, M2, W1, rueckmeldung, sachstand_args

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc/self/fd (Linux)"),
    pytest.mark.usefixtures("git_ohne_benutzer"),
]

Garbage = None  # content of a file whose data was never fsynced
State = tuple[tuple[str, bytes | None], ...]  # (name, content) of every file, sorted


class Disk:
    """Follows the file system calls under ``root`` and collects every state a power cut could leave."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._inodes = 0
        self.durable_names: dict[str, int] = {}  # name → inode, as on disk
        self.names: dict[str, int] = {}  # name → inode, as the process sees them
        self.content: dict[int, bytes | None] = {}  # inode → content on disk
        self.pending: list[tuple[str, str, str | int]] = []  # changes of names not yet durable
        for name, data in daten(root, mit_temp=True).items():
            inode = self._new_inode(data)
            self.durable_names[name] = self.names[name] = inode
        self.states: set[State] = set()
        self.events: list[str] = []
        self._record()

    def _new_inode(self, data: bytes | None) -> int:
        self._inodes += 1
        self.content[self._inodes] = data
        return self._inodes

    def name(self, path: str | os.PathLike[str]) -> str | None:
        """The name relative to the project, or None for files that are not followed."""
        try:
            rel = Path(os.path.abspath(path)).relative_to(self.root)
        except ValueError:
            return None
        if not rel.parts or rel.name == LOCK_FILE or ".git" in rel.parts:
            return None
        return rel.as_posix()

    # --- the calls -----------------------------------------------------------------------------

    def created(self, name: str) -> None:
        self.names[name] = self._new_inode(Garbage)
        self.pending.append(("create", name, self.names[name]))
        self._record(f"create {name}")

    def synced_file(self, name: str) -> None:
        self.content[self.names[name]] = (self.root / name).read_bytes()
        self._record(f"fsync {name}")

    def synced_folder(self) -> None:
        self._commit(len(self.pending))
        self._record("fsync folder")

    def renamed(self, source: str, target: str) -> None:
        self.names[target] = self.names.pop(source)
        self.pending.append(("rename", source, target))
        self._record(f"rename {source} → {target}")

    def linked(self, source: str, target: str) -> None:
        self.names[target] = self.names[source]
        self.pending.append(("link", source, target))
        self._record(f"link {source} → {target}")

    def unlinked(self, name: str) -> None:
        self.names.pop(name, None)
        self.pending.append(("unlink", name, ""))
        self._record(f"unlink {name}")

    # --- the model -----------------------------------------------------------------------------

    @staticmethod
    def _apply(names: dict[str, int], change: tuple[str, str, str | int]) -> None:
        kind, name, other = change
        if kind == "create":
            assert isinstance(other, int)
            names[name] = other
        elif kind == "rename":
            assert isinstance(other, str)
            if name in names:
                names[other] = names.pop(name)
        elif kind == "link":
            assert isinstance(other, str)
            if name in names:
                names[other] = names[name]
        else:
            names.pop(name, None)

    def _commit(self, count: int) -> None:
        for change in self.pending[:count]:
            self._apply(self.durable_names, change)
        del self.pending[:count]

    def _record(self, event: str = "start") -> None:
        """Every state the disk may come back in if the power fails now."""
        self.events.append(event)
        names = dict(self.durable_names)
        self.states.add(self._state(names))
        for change in self.pending:  # a prefix of the pending changes survives
            self._apply(names, change)
            self.states.add(self._state(names))

    def _state(self, names: dict[str, int]) -> State:
        return tuple(sorted((name, self.content[inode]) for name, inode in names.items()))

    def durable_now(self) -> dict[str, bytes | None]:
        """What is on disk for certain: the state with none of the pending changes."""
        return {name: self.content[inode] for name, inode in self.durable_names.items()}


@pytest.fixture
def disk(projekt: Projekt, monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    """Follow the writer's calls under the project (the real calls still happen)."""
    model = Disk(projekt.root)
    real_open, real_fsync, real_replace, real_unlink, real_link = open, os.fsync, os.replace, os.unlink, os.link

    def tracked_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        name = model.name(file) if isinstance(file, (str, os.PathLike)) else None
        handle = real_open(file, mode, *args, **kwargs)
        if name is not None and ("w" in mode or "x" in mode):
            model.created(name)
        return handle

    def tracked_fsync(fd: Any) -> None:
        real_fsync(fd)
        number = fd if isinstance(fd, int) else fd.fileno()
        path = os.readlink(f"/proc/self/fd/{number}")
        if os.path.isdir(path):
            if model.name(path) is not None or Path(path) == model.root:
                model.synced_folder()
            return
        name = model.name(path)
        if name is not None:
            model.synced_file(name)

    def tracked_replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        real_replace(source, target, *args, **kwargs)
        old, new = model.name(source), model.name(target)
        if old is not None and new is not None:
            model.renamed(old, new)

    def tracked_link(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        real_link(source, target, *args, **kwargs)
        old, new = model.name(source), model.name(target)
        if old is not None and new is not None:
            model.linked(old, new)

    def tracked_unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        real_unlink(path, *args, **kwargs)
        name = model.name(path)
        if name is not None:
            model.unlinked(name)

    monkeypatch.setattr(writer, "open", tracked_open, raising=False)
    monkeypatch.setattr(os, "fsync", tracked_fsync)
    monkeypatch.setattr(os, "replace", tracked_replace)
    monkeypatch.setattr(os, "unlink", tracked_unlink)
    monkeypatch.setattr(os, "link", tracked_link)
    yield model


def others(state: Mapping[str, bytes | None], *targets: str) -> dict[str, bytes | None]:
    """The data files of a state besides ``targets`` (temporary files and the journal left out)."""
    return {
        name: data
        for name, data in state.items()
        if name not in targets and not Path(name).name.startswith(TEMP_PREFIX) and name != JOURNAL_FILE
    }


def test_sachstand_is_old_or_new_after_a_power_cut_at_any_moment(projekt: Projekt, disk: Disk) -> None:
    before = daten(projekt.root, mit_temp=False)
    result = projekt.run(*sachstand_args("M-BIL-02", "Bauantrag gestellt", "in_umsetzung"))
    assert result.exit_code == 0, result.stderr
    new = projekt.path(M2).read_bytes()
    assert new != before[M2]
    for state in map(dict, disk.states):
        assert state[M2] in (before[M2], new), disk.events
        assert others(state, M2) == others(before, M2)
    assert disk.durable_now()[M2] == new  # reported as written: it is on disk for certain
    assert len(disk.states) >= 3, disk.events  # old, new, and states with the temporary file


def test_abfrage_after_a_power_cut_is_old_or_new_and_the_journal_finishes_it(
    projekt: Projekt, disk: Disk, tmp_path: Path
) -> None:
    before = daten(projekt.root, mit_temp=False)
    sheet = tmp_path / "rueckmeldung.csv"
    sheet.write_bytes(rueckmeldung(ABFRAGE_ROWS))
    result = projekt.run("abfrage", "einlesen", str(sheet))
    assert result.exit_code == 0, result.stderr
    new = {name: projekt.path(name).read_bytes() for name in (M1, M2)}
    assert disk.durable_now()[M1] == new[M1] and disk.durable_now()[M2] == new[M2]
    assert JOURNAL_FILE not in disk.durable_now()
    recovered: set[tuple[bytes, bytes]] = set()
    for number, state in enumerate(map(dict, disk.states)):
        for name in (M1, M2):
            assert state[name] in (before[name], new[name]), (name, disk.events)
        assert others(state, M1, M2) == others(before, M1, M2)
        journal = state.get(JOURNAL_FILE, b"absent")
        if journal == b"absent":  # no journal: the set is all old or all new
            assert (state[M1] == new[M1]) == (state[M2] == new[M2]), disk.events
            continue
        assert journal is not None, "a journal on disk must be whole"
        for temp, target in json.loads(journal)["ersetzen"]:  # each file can still be finished
            assert state.get(temp) == new[target] or state[target] == new[target], (temp, disk.events)
        recovered.add(after_restart(projekt, tmp_path / f"neustart-{number}", state))
    assert recovered == {(new[M1], new[M2])}  # the next writer finished every interrupted set


def after_restart(projekt: Projekt, folder: Path, state: dict[str, bytes | None]) -> tuple[bytes, bytes]:
    """Put ``state`` on a disk, let the next writer run (it finishes the journal), return M1 and M2."""
    shutil.copytree(projekt.root, folder, ignore=shutil.ignore_patterns(".git"))
    for path in list(folder.rglob("*")):
        if path.is_file() and path.relative_to(folder).as_posix() not in state:
            path.unlink()
    for name, data in state.items():
        (folder / name).write_bytes(b"\x00 Datenmuell" if data is None else data)
    again = Projekt(folder).run(*sachstand_args("M-WOH-01", "Nach dem Stromausfall", "umgesetzt"))
    assert again.exit_code in (0, 1), again.stderr  # W1 is final: refused or not, the journal is done first
    assert not (folder / JOURNAL_FILE).exists()
    return (folder / M1).read_bytes(), (folder / M2).read_bytes()


def test_a_new_measure_is_absent_or_whole_after_a_power_cut(projekt: Projekt, disk: Disk) -> None:
    result = projekt.run("neu", "massnahme", "--feld", "bildung", "--titel", "Leseförderung")
    assert result.exit_code == 0, result.stderr
    name = f"{Path(M1).parent.as_posix()}/M-BIL-03.yaml"
    whole = projekt.path(name).read_bytes()
    for state in map(dict, disk.states):
        assert state.get(name, whole) == whole, disk.events
    assert disk.durable_now()[name] == whole


def test_the_model_sees_a_write_without_fsync_as_unsafe(projekt: Projekt, disk: Disk) -> None:
    """The check can fail: a writer that renames before syncing the data may leave garbage."""
    target = projekt.path(W1)
    temp = target.with_name(f"{TEMP_PREFIX}1-{target.name}")
    with writer.open(temp, "wb") as handle:  # type: ignore[attr-defined]
        handle.write(b"id: M-WOH-01\n")
    os.replace(temp, target)
    assert any(dict(state).get(W1, b"") is None for state in disk.states)
