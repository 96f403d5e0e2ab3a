"""Kept results: an unchanged report or export is given out again; any change makes it anew."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from luedialog import cachedir, results
from luedialog.reporters import export
from luedialog.reports import build
from luedialog.results import RESULTS_DIR, remembered_text
from tests.conftest import PAST, Projekt, age, spy

MEASURE = "data/massnahmen/M-BIL-02.yaml"


pytestmark = pytest.mark.usefixtures("own_key")  # each test signs with its own key


def folder(root: Path) -> Path:
    return root / cachedir.CACHE_DIR / RESULTS_DIR


def kept(root: Path) -> list[str]:
    return sorted(p.name for p in folder(root).iterdir()) if folder(root).is_dir() else []


class Maker:
    """Makes a text in parts and counts how often it was asked to."""

    def __init__(self, *parts: str) -> None:
        self.parts = parts
        self.calls = 0

    def __call__(self) -> Iterator[str]:
        self.calls += 1
        yield from self.parts


def name_of(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]


def whole(root: Path, key: str | None, make: Callable[[], Iterator[str]]) -> bytes:
    return b"".join(remembered_text(root, key, make))


# --- the store itself ---------------------------------------------------------------------------


def test_a_text_is_made_once_per_key(tmp_path: Path) -> None:
    make = Maker("{", "„Lünen“", "}")
    assert whole(tmp_path, "k1", make) == "{„Lünen“}".encode()
    assert whole(tmp_path, "k1", make) == "{„Lünen“}".encode()
    assert make.calls == 1
    assert whole(tmp_path, "k2", make) == "{„Lünen“}".encode()
    assert make.calls == 2 and len(kept(tmp_path)) == 2


def test_without_a_key_nothing_is_kept(tmp_path: Path) -> None:
    make = Maker("a", "b")
    assert whole(tmp_path, None, make) == b"ab" and whole(tmp_path, None, make) == b"ab"
    assert make.calls == 2 and kept(tmp_path) == []


def test_a_consumer_that_stops_early_keeps_nothing(tmp_path: Path) -> None:
    parts = remembered_text(tmp_path, "k", Maker("erster Teil", "zweiter Teil"))
    assert next(parts) == b"erster Teil"
    parts.close()  # e.g. `luedialog export | head`: the pipe closed
    assert kept(tmp_path) == []


def test_a_failure_while_making_keeps_nothing(tmp_path: Path) -> None:
    def broken() -> Iterator[str]:
        yield "Anfang"
        raise RuntimeError("kaputt")

    with pytest.raises(RuntimeError):
        whole(tmp_path, "k", broken)
    assert kept(tmp_path) == []
    make = Maker("ganz")
    assert whole(tmp_path, "k", make) == b"ganz" and make.calls == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[:-1] + bytes([blob[-1] ^ 1]),  # one bit of the text
        lambda blob: blob[:20] + bytes([blob[20] ^ 1]) + blob[21:],  # one bit of the signature
        lambda blob: blob[:30],  # cut off
        lambda blob: b"",
    ],
    ids=["text", "signature", "cut", "empty"],
)
def test_a_damaged_text_is_made_anew(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    make = Maker("Bericht an den Rat")
    whole(tmp_path, "k", make)
    (path,) = folder(tmp_path).iterdir()
    path.write_bytes(damage(path.read_bytes()))
    assert whole(tmp_path, "k", make) == b"Bericht an den Rat"
    assert make.calls == 2
    assert whole(tmp_path, "k", make) == b"Bericht an den Rat" and make.calls == 2  # kept again


def test_a_text_signed_with_another_key_is_never_given_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole(tmp_path, "k", Maker("von jemand anderem"))
    monkeypatch.setenv(cachedir.KEY_DIR_ENV, str(tmp_path / "anderer-schluessel"))
    make = Maker("eigener Text")
    assert whole(tmp_path, "k", make) == b"eigener Text" and make.calls == 1


def test_the_same_file_under_another_key_is_not_taken(tmp_path: Path) -> None:
    """The key is signed with the text: a file copied to another key's name is refused."""
    whole(tmp_path, "Bericht 2010", Maker("2010"))
    (first,) = folder(tmp_path).iterdir()
    make = Maker("2011")
    whole(tmp_path, "Bericht 2011", make)
    second = next(p for p in folder(tmp_path).iterdir() if p != first)
    second.write_bytes(first.read_bytes())
    assert whole(tmp_path, "Bericht 2011", make) == b"2011" and make.calls == 2


def test_a_folder_that_cannot_be_written_keeps_nothing_and_fails_nothing(tmp_path: Path) -> None:
    (tmp_path / cachedir.CACHE_DIR).write_text("eine Datei, kein Ordner", encoding="utf-8")
    make = Maker("Text")
    assert whole(tmp_path, "k", make) == b"Text" and whole(tmp_path, "k", make) == b"Text"
    assert make.calls == 2


def test_the_least_recently_used_texts_go_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results, "KEPT_FILES", 2)
    a, b, c = Maker("a"), Maker("b"), Maker("c")
    whole(tmp_path, "a", a)
    whole(tmp_path, "b", b)
    os.utime(folder(tmp_path) / name_of("a"), ns=(PAST * 10**9,) * 2)
    os.utime(folder(tmp_path) / name_of("b"), ns=((PAST + 1) * 10**9,) * 2)
    whole(tmp_path, "a", a)  # used again: now the newest
    whole(tmp_path, "c", c)  # one too many: b, used least recently, goes
    assert kept(tmp_path) == sorted([name_of("a"), name_of("c")])
    assert a.calls == 1


def test_too_many_bytes_are_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results, "KEPT_BYTES", 100)
    make = Maker("x" * 200)
    whole(tmp_path, "gross", make)
    assert kept(tmp_path) == []


def test_temporary_files_of_killed_runs_are_removed(tmp_path: Path) -> None:
    folder(tmp_path).mkdir(parents=True)
    old = folder(tmp_path) / ".tmp-abgebrochen"
    fresh = folder(tmp_path) / ".tmp-laeuft-gerade"
    old.write_bytes(b"halb")
    fresh.write_bytes(b"halb")
    os.utime(old, ns=(PAST * 10**9,) * 2)
    whole(tmp_path, "k", Maker("Text"))
    assert not old.exists() and fresh.exists()


def test_the_code_state_covers_the_modules_of_subpackages(monkeypatch: pytest.MonkeyPatch) -> None:
    module = Path(build.__file__)
    before = module.stat()
    results.code_state.cache_clear()
    first = results.code_state()
    try:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
        results.code_state.cache_clear()
        assert results.code_state() != first
    finally:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
        results.code_state.cache_clear()
    assert results.code_state() == first


# --- through the commands -----------------------------------------------------------------------


@pytest.fixture
def json_exports(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """The Stichtage for which a JSON export was really made."""
    return spy(monkeypatch, export, "json_parts", lambda snap, stichtag: stichtag)


def test_an_unchanged_export_is_given_out_again(aged: Projekt, json_exports: list[date]) -> None:
    first = aged.run("export", "--stichtag", "31.12.2011")
    second = aged.run("export", "--stichtag", "31.12.2011")
    assert first.exit_code == second.exit_code == 0
    assert second.stdout == first.stdout and json.loads(second.stdout)["stichtag"] == "2011-12-31"
    assert json_exports == [date(2011, 12, 31)]
    aged.run("export", "--stichtag", "01.01.2012")  # another Stichtag: made anew
    assert len(json_exports) == 2


def test_an_edited_measure_is_in_the_next_export(aged: Projekt, json_exports: list[date]) -> None:
    aged.run("export", "--stichtag", "31.12.2011")
    aged.replace(MEASURE, "titel: Lehrschwimmbecken", "titel: Lehrschwimmbecken Nord")
    age(aged, PAST + 5)
    again = aged.run("export", "--stichtag", "31.12.2011")
    titles = {m["id"]: m["titel"] for m in json.loads(again.stdout)["massnahmen"]}
    assert titles["M-BIL-02"] == "Lehrschwimmbecken Nord" and len(json_exports) == 2


def test_csv_and_json_are_kept_apart(aged: Projekt) -> None:
    as_json = aged.run("export", "--stichtag", "31.12.2011")
    as_csv = aged.run("export", "--format", "csv", "--stichtag", "31.12.2011")
    assert as_csv.stdout.startswith("\ufeffid;titel;") and as_json.stdout.startswith("{")
    again = aged.run("export", "--format", "csv", "--stichtag", "31.12.2011", "--ausgabe", str(aged.root / "m.csv"))
    written = (aged.root / "m.csv").read_bytes()
    assert again.exit_code == 0 and b"\r\n" in written  # the runner's stdout turns CRLF into LF
    assert written.decode("utf-8").replace("\r\n", "\n") == as_csv.stdout


def test_without_the_cache_nothing_is_kept(aged: Projekt, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cachedir.DISABLE_ENV, "1")
    assert aged.run("export").exit_code == 0
    report(aged)
    assert kept(aged.root) == []


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates really rendered."""
    return spy(monkeypatch, build, "render_text", lambda templates, name, context: name)


def report(projekt: Projekt, fmt: str = "html", *extra: str) -> str:
    target = projekt.root / f"rat.{fmt}"
    result = projekt.run("bericht", "rat", "--jahr", "2011", "--format", fmt, "--ausgabe", str(target), *extra)
    assert result.exit_code == 0, result.stderr
    return target.read_text(encoding="utf-8")


def test_an_unchanged_report_is_given_out_again(aged: Projekt, rendered: list[str]) -> None:
    first, second = report(aged), report(aged)
    assert first == second and "<html" in first
    assert rendered == ["rat.html.j2"]
    report(aged, "md")  # another format: made anew
    report(aged, "html", "--stichtag", "30.06.2011")  # another Stichtag: made anew
    assert rendered == ["rat.html.j2", "rat.md.j2", "rat.html.j2"]


def test_an_edited_template_makes_the_report_anew(aged: Projekt, rendered: list[str]) -> None:
    own = aged.root / "templates"
    own.mkdir()
    (own / "rat.md.j2").write_text("Eigener Bericht {{ bericht.gesamt }}\n", encoding="utf-8")
    os.utime(own / "rat.md.j2", ns=(PAST * 10**9,) * 2)
    assert report(aged, "md") == "Eigener Bericht 3\n"
    (own / "rat.md.j2").write_text("Geändert {{ bericht.gesamt }}\n", encoding="utf-8")
    os.utime(own / "rat.md.j2", ns=((PAST + 5) * 10**9,) * 2)
    assert report(aged, "md") == "Geändert 3\n"
    assert rendered == ["rat.md.j2", "rat.md.j2"]


def test_a_template_changed_just_now_keeps_nothing(
    aged: Projekt, rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cachedir, "RACY_NS", 600 * 10**9)  # "just now" = in the last ten minutes
    report(aged)
    report(aged)
    assert rendered == ["rat.html.j2", "rat.html.j2"]


def test_an_edited_measure_is_in_the_next_report(aged: Projekt, rendered: list[str]) -> None:
    report(aged)
    aged.replace(MEASURE, "titel: Lehrschwimmbecken", "titel: Lehrschwimmbecken Nord")
    age(aged, PAST + 5)
    assert "Lehrschwimmbecken Nord" in report(aged) and len(rendered) == 2
