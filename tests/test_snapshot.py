"""The loader gives the same snapshot and the same findings in the same order, whether one process
parses every file or a second one parses part of them (from ``PARALLEL_FROM`` files on)."""

from __future__ import annotations

import multiprocessing.context
import os
import shutil
from pathlib import Path

import pytest

from luedialog import nebenher, snapshot
from luedialog.files import read
from luedialog.snapshot import LoadResult, load_snapshot
from tests.conftest import FIXTURES


def _project(tmp_path: Path) -> Path:
    """Musterstadt with 60 more measures, some of them broken in different ways."""
    root = tmp_path / "musterstadt"
    shutil.copytree(FIXTURES / "musterstadt", root)
    folder = root / "data" / "massnahmen"
    template = (folder / "M-BIL-01.yaml").read_text(encoding="utf-8")
    for i in range(60):
        text = template.replace("M-BIL-01", f"M-BIL-{i + 10:02d}")
        if i % 7 == 0:
            text += "titel: doppelt\n"  # a duplicate key
        if i % 11 == 0:
            text = text.replace("verlauf:", "verlauf: [\n")  # a syntax error
        (folder / f"M-BIL-{i + 10:02d}.yaml").write_text(text, encoding="utf-8")
    (folder / "M-BIL-99.yaml").write_bytes(b"\xff\xfe t\x00")  # UTF-16
    return root


def _shape(result: LoadResult) -> object:
    assert result.snapshot is not None
    files = {
        name: (r.kind, r.path, r.obj, r.document.data if r.document else None, r.findings, r.ident, r.raw)
        for name, r in result.snapshot.files.items()
    }
    return result.findings, list(files.items()), result.snapshot.ids


@pytest.mark.skipif(not nebenher.usable(), reason="braucht Linux mit zwei nutzbaren Kernen")
@pytest.mark.parametrize("keep_raw", [False, True])
def test_two_processes_load_what_one_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_raw: bool) -> None:
    root = _project(tmp_path)
    alone = load_snapshot(root, keep_raw=keep_raw)
    monkeypatch.setattr(snapshot, "PARALLEL_FROM", 1)
    monkeypatch.setattr(snapshot, "_CHUNK", 7)
    log = tmp_path / "wer.txt"
    parse_chunk = snapshot._parse_chunk

    def noted(paths: list[tuple[str, Path, str]], keep_raw: bool) -> list[snapshot.Parsed]:
        with log.open("a", encoding="utf-8") as handle:  # which process parsed this chunk
            handle.write(f"{os.getpid()}\n")
        return parse_chunk(paths, keep_raw)

    monkeypatch.setattr(snapshot, "_parse_chunk", noted)
    shared = load_snapshot(root, keep_raw=keep_raw)
    assert _shape(shared) == _shape(alone)
    chunks = log.read_text(encoding="utf-8").split()
    assert len(chunks) > 1 and len(set(chunks)) == 1 and chunks[0] != str(os.getpid())  # all from the second
    assert any(f.code == "doppelter-schluessel" for f in shared.findings)
    assert any(f.code == "yaml-syntax" for f in shared.findings)


def test_without_a_second_process_this_one_parses_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    alone = load_snapshot(root)

    def no_process(self: object) -> None:
        raise OSError("keine Prozesse")

    monkeypatch.setattr(snapshot, "PARALLEL_FROM", 1)
    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", no_process)
    assert _shape(load_snapshot(root)) == _shape(alone)


def _broken_chunk(paths: list[tuple[Path, str]], keep_raw: bool) -> list[snapshot.Parsed]:
    raise RuntimeError("der zweite Prozess bricht ab")


def test_what_a_broken_second_process_did_not_parse_is_parsed_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    alone = load_snapshot(root)
    monkeypatch.setattr(snapshot, "PARALLEL_FROM", 1)
    monkeypatch.setattr(snapshot, "_CHUNK", 7)
    monkeypatch.setattr(snapshot, "_parse_chunk", _broken_chunk)
    assert _shape(load_snapshot(root)) == _shape(alone)


def test_a_loaded_file_keeps_its_objects_not_its_data(tmp_path: Path) -> None:
    """What is used after loading are the objects; the data of a valid file is composed again only
    when something asks for it, and is then the same."""
    root = _project(tmp_path)
    loaded = load_snapshot(root)
    assert loaded.snapshot is not None
    result = loaded.snapshot.files["data/massnahmen/M-BIL-11.yaml"]
    assert result.obj is not None and result.document is not None
    assert result.document._data is read._RELEASED
    fresh, _ = read.parse_text(result.document.name, result.path, result.document.text)
    assert fresh is not None and result.document.data == fresh.data
