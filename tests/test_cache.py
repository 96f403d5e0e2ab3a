"""The parse cache: a changed file is always seen, a broken cache is ignored, findings keep their lines."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from luedialog import cache, cachedir
from luedialog.cache import CACHE_FILE, CachedDocument, ParseCache
from luedialog.cachedir import CACHE_DIR
from luedialog.errors import LuedialogError
from luedialog.snapshot import LoadResult, load_snapshot
from tests.conftest import PAST, Projekt, age, spy

MEASURE = "data/massnahmen/M-BIL-02.yaml"


pytestmark = pytest.mark.usefixtures("own_key")  # each test signs with its own key


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[ParseCache]]:
    """Every ParseCache that load_snapshot opens, to look at its hits and misses."""
    caches: list[ParseCache] = []
    original = ParseCache.open.__func__  # type: ignore[attr-defined]

    def spy(cls: type[ParseCache], root: Path) -> ParseCache:
        result: ParseCache = original(cls, root)
        caches.append(result)
        return result

    monkeypatch.setattr(ParseCache, "open", classmethod(spy))
    yield caches


def load(projekt: Projekt) -> LoadResult:
    return load_snapshot(projekt.root)


def texts(result: LoadResult) -> list[str]:
    return [f.text() for f in result.findings]


@pytest.fixture
def cached(projekt: Projekt, opened: list[ParseCache], monkeypatch: pytest.MonkeyPatch) -> Projekt:
    """The Musterstadt project, loaded once so that every data file is in the cache."""
    monkeypatch.setattr(cachedir, "RACY_NS", 0)  # ctime cannot be set back: trust even files changed just now
    age(projekt)
    load(projekt)
    assert (projekt.root / CACHE_DIR / CACHE_FILE).is_file()
    load(projekt)
    assert opened[-1].misses == 0 and opened[-1].hits == 5
    return projekt


def test_second_run_takes_everything_from_the_cache(cached: Projekt, opened: list[ParseCache]) -> None:
    first = load(cached)
    assert opened[-1].hits == 5 and opened[-1].misses == 0
    snap = first.snapshot
    assert snap is not None
    assert snap.massnahmen["M-BIL-02"].titel == "Lehrschwimmbecken"
    assert isinstance(snap.documents[MEASURE], CachedDocument)
    # the document is parsed again only when someone asks for positions or values
    assert snap.documents[MEASURE].line(("teil_von",)) == 6
    assert isinstance(snap.documents[MEASURE].data, dict)


def test_an_edited_file_is_read_again(cached: Projekt, opened: list[ParseCache]) -> None:
    cached.replace(MEASURE, "titel: Lehrschwimmbecken", "titel: Ein größeres Lehrschwimmbecken")
    snap = load(cached).snapshot
    assert snap is not None and snap.massnahmen["M-BIL-02"].titel == "Ein größeres Lehrschwimmbecken"
    assert opened[-1].misses == 1 and opened[-1].hits == 4


def test_a_same_size_edit_with_a_new_mtime_is_read_again(cached: Projekt, opened: list[ParseCache]) -> None:
    path = cached.path(MEASURE)
    before = path.stat()
    cached.replace(MEASURE, "titel: Lehrschwimmbecken", "titel: Lehrschwimmhalle!")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert path.stat().st_size == before.st_size
    snap = load(cached).snapshot
    assert snap is not None and snap.massnahmen["M-BIL-02"].titel == "Lehrschwimmhalle!"
    assert opened[-1].misses == 1


def test_a_same_size_edit_with_the_old_mtime_is_still_seen(cached: Projekt, opened: list[ParseCache]) -> None:
    """Even an editor that keeps the mtime cannot keep the ctime: the change is seen."""
    path = cached.path(MEASURE)
    before = path.stat()
    cached.replace(MEASURE, "titel: Lehrschwimmbecken", "titel: Lehrschwimmhalle!")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    if path.stat().st_ctime_ns == before.st_ctime_ns:  # pragma: no cover - a coarse file system clock
        pytest.skip("the file system clock did not move between the two writes")
    snap = load(cached).snapshot
    assert snap is not None and snap.massnahmen["M-BIL-02"].titel == "Lehrschwimmhalle!"


def test_a_file_replaced_by_a_different_one_is_read_again(cached: Projekt, opened: list[ParseCache]) -> None:
    path = cached.path(MEASURE)
    before = path.stat()
    other = cached.root / "anders.tmp"
    other.write_text(path.read_text(encoding="utf-8").replace("Lehrschwimmbecken", "Lehrschwimmbassin"), "utf-8")
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert other.stat().st_size == before.st_size
    os.replace(other, path)
    snap = load(cached).snapshot
    assert snap is not None and snap.massnahmen["M-BIL-02"].titel == "Lehrschwimmbassin"
    assert opened[-1].misses == 1


def test_a_new_and_a_deleted_file_are_seen(cached: Projekt, opened: list[ParseCache]) -> None:
    cached.path("data/massnahmen/M-WOH-01.yaml").unlink()
    text = cached.read(MEASURE).replace("M-BIL-02", "M-BIL-03")
    cached.write("data/massnahmen/M-BIL-03.yaml", text)
    snap = load(cached).snapshot
    assert snap is not None and sorted(snap.massnahmen) == ["M-BIL-01", "M-BIL-02", "M-BIL-03"]
    assert (opened[-1].hits, opened[-1].misses) == (4, 1)


def test_findings_from_the_cache_have_the_same_lines(
    projekt: Projekt, opened: list[ParseCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Findings of validation come from the cache, findings of the checks need the positions."""
    projekt.replace(MEASURE, "art: massnahme", "art: unbekannt")  # a finding of validation
    projekt.replace("data/massnahmen/M-BIL-01.yaml", "leitlinien: [L-BIL-1]", "leitlinien: [L-BIL-9]")  # of a check
    projekt.replace("data/massnahmen/M-WOH-01.yaml", "id: M-WOH-01", "id: M-WOH-01\nid: M-WOH-01")  # of reading
    age(projekt)
    uncached = projekt.run("pruefen")  # the files changed just now are not stored
    assert opened[-1].misses == 5
    monkeypatch.setattr(cachedir, "RACY_NS", 0)
    stored = projekt.run("pruefen")
    from_cache = projekt.run("pruefen")
    assert opened[-1].hits == 5 and opened[-1].misses == 0
    assert uncached.exit_code == stored.exit_code == from_cache.exit_code == 1
    assert uncached.stdout == stored.stdout == from_cache.stdout
    assert "M-BIL-02.yaml:4" in from_cache.stdout and "M-BIL-01.yaml:6" in from_cache.stdout
    assert "M-WOH-01.yaml:3" in from_cache.stdout


def test_a_changed_vocabulary_validates_again(cached: Projekt) -> None:
    """The validated objects depend on luedialog.yaml: a district removed there is an error now."""
    cached.replace("luedialog.yaml", "stadtteile: [Nordviertel, Südhafen]", "stadtteile: [Südhafen]")
    result = load(cached)
    assert any(f.code == "unbekannter-wert" and "Nordviertel" in f.message for f in result.findings)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: b"kein Zwischenspeicher",
        lambda data: data[:-10] + bytes(10),  # a broken end of the payload: the signature no longer fits
        lambda data: data[:20] + bytes([data[20] ^ 1]) + data[21:],  # a flipped bit in the signature
    ],
)
def test_a_corrupt_cache_is_ignored_and_replaced(cached: Projekt, opened: list[ParseCache], damage: object) -> None:
    path = cached.root / CACHE_DIR / CACHE_FILE
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    clean = texts(load(cached))
    assert opened[-1].hits == 0 and opened[-1].misses == 5
    assert load(cached).snapshot is not None and opened[-1].hits == 5  # written anew
    assert texts(load(cached)) == clean


def test_a_cache_signed_with_another_key_is_never_unpickled(
    cached: Projekt, opened: list[ParseCache], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache that came with the project (e.g. in a merge request) is not trusted: it is a pickle."""
    monkeypatch.setenv(cachedir.KEY_DIR_ENV, str(tmp_path / "anderer-schluessel"))
    monkeypatch.setattr(pickle, "loads", lambda *args, **kwargs: pytest.fail("unpickled"))
    monkeypatch.setattr(cache, "_worker_count", lambda files: 1)
    monkeypatch.setattr(ParseCache, "save", lambda self: None)
    load(cached)
    assert opened[-1].hits == 0


def test_a_cache_of_another_version_is_ignored(
    cached: Projekt, opened: list[ParseCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "__version__", "99.0")
    load(cached)
    assert opened[-1].hits == 0


def test_an_unwritable_cache_folder_is_no_problem(projekt: Projekt, opened: list[ParseCache]) -> None:
    age(projekt)
    shutil.rmtree(projekt.root / CACHE_DIR, ignore_errors=True)
    (projekt.root / CACHE_DIR).write_text("eine Datei, wo der Ordner hingehört", encoding="utf-8")
    assert projekt.run("pruefen").exit_code == 0
    assert projekt.run("pruefen").exit_code == 0
    assert opened[-1].hits == 0


def test_the_cache_can_be_switched_off(projekt: Projekt, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cachedir.DISABLE_ENV, "1")
    shutil.rmtree(projekt.root / CACHE_DIR, ignore_errors=True)
    age(projekt)
    assert projekt.run("pruefen").exit_code == 0
    assert not (projekt.root / CACHE_DIR).exists()


def test_the_cache_folder_ignores_itself(cached: Projekt) -> None:
    folder = cached.root / CACHE_DIR
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert (
        (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_files_changed_just_now_are_not_stored(
    projekt: Projekt, opened: list[ParseCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second change within the file system's timestamp resolution could keep size and mtime."""
    monkeypatch.setattr(cachedir, "RACY_NS", 600 * 10**9)  # "just now" = in the last ten minutes, for a slow machine
    for path in projekt.root.rglob("*.yaml"):
        os.utime(path)
    load(projekt)
    load(projekt)
    assert opened[-1].hits == 0
    age(projekt)  # an old mtime, but the ctime (changed by utime itself) is new: still not stored
    load(projekt)
    load(projekt)
    assert opened[-1].hits == 0


def test_a_document_changed_during_the_run_is_an_error_not_a_wrong_line(cached: Projekt) -> None:
    snap = load(cached).snapshot
    assert snap is not None
    cached.replace(MEASURE, "titel: Lehrschwimmbecken", "titel: Lehrschwimmhalle")
    with pytest.raises(LuedialogError, match="während des Laufs"):
        snap.documents[MEASURE].line(("teil_von",))


def test_a_cached_document_equals_the_parsed_one(cached: Projekt) -> None:
    snap = load(cached).snapshot
    assert snap is not None
    doc = snap.documents[MEASURE]
    raw = cached.path(MEASURE).read_bytes()
    fresh = CachedDocument(doc.path, doc.name, raw, hashlib.sha256(raw).digest())
    assert (doc.data, doc.positions, doc.text, doc.ends) == (fresh.data, fresh.positions, fresh.text, fresh.ends)


def test_parallel_loading_gives_the_same_result(
    projekt: Projekt, opened: list[ParseCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    projekt.replace(MEASURE, "art: massnahme", "art: unbekannt")
    age(projekt)
    alone = texts(load(projekt))
    shutil.rmtree(projekt.root / CACHE_DIR, ignore_errors=True)
    monkeypatch.setattr(cache, "_worker_count", lambda files: 3)
    monkeypatch.setattr(cachedir, "RACY_NS", 0)
    shared = load(projekt)
    assert texts(shared) == alone
    assert shared.snapshot is not None and sorted(shared.snapshot.massnahmen) == ["M-BIL-01", "M-WOH-01"]
    monkeypatch.setattr(cache, "_worker_count", lambda files: 1)
    assert texts(load(projekt)) == alone
    assert opened[-1].hits == 5  # the workers' entries were stored


def test_a_failing_worker_is_replaced_by_this_process(
    projekt: Projekt, opened: list[ParseCache], monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    age(projekt)
    alone = texts(load(projekt))
    parent = os.getpid()
    compute = cache._compute_one

    def broken_in_worker(*args: Any) -> Any:
        if os.getpid() != parent:
            raise RuntimeError("Absturz im Arbeitsprozess")
        return compute(*args)

    monkeypatch.setattr(cache, "_worker_count", lambda files: 2)
    monkeypatch.setattr(cache, "_compute_one", broken_in_worker)
    result = load(projekt)
    assert texts(result) == alone and result.snapshot is not None and len(result.snapshot.massnahmen) == 3
    assert "Traceback" not in capfd.readouterr().err


@pytest.fixture
def counted_checks(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """The Stichtage for which the checks across files really ran."""
    from luedialog import checks

    return spy(monkeypatch, checks, "run_checks", lambda snap, stichtag: stichtag)


def test_checks_are_remembered_for_the_same_files_and_stichtag(cached: Projekt, counted_checks: list[date]) -> None:
    cached.replace("data/massnahmen/M-BIL-01.yaml", "leitlinien: [L-BIL-1]", "leitlinien: [L-BIL-9]")
    age(cached, PAST + 5)
    runs = [cached.run("pruefen", "--stichtag", "31.12.2011") for _ in range(3)]
    assert len(counted_checks) == 1  # the first run checks and keeps the findings
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout and "L-BIL-9" in runs[2].stdout
    assert runs[2].exit_code == 1
    cached.run("pruefen", "--stichtag", "01.01.2012")  # another Stichtag: checked again
    assert len(counted_checks) == 2
    cached.replace("data/massnahmen/M-BIL-01.yaml", "leitlinien: [L-BIL-9]", "leitlinien: [L-BIL-1]")
    age(cached, PAST + 6)
    fixed = cached.run("pruefen", "--stichtag", "31.12.2011")
    assert len(counted_checks) == 3 and fixed.exit_code == 0 and "L-BIL-9" not in fixed.stdout


def test_checks_are_not_remembered_when_the_config_changed_just_now(
    cached: Projekt, counted_checks: list[date], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cachedir, "RACY_NS", 600 * 10**9)
    for _ in range(2):
        cached.run("pruefen")
    assert len(counted_checks) == 2


def test_checks_are_not_remembered_with_a_broken_file(cached: Projekt, counted_checks: list[date]) -> None:
    (cached.root / "data/massnahmen/M-BIL-09.yaml").symlink_to(cached.root / "fehlt.yaml")
    first, second = cached.run("pruefen"), cached.run("pruefen")
    assert len(counted_checks) == 2 and first.stdout == second.stdout and "M-BIL-09.yaml" in second.stdout


def test_remembered_checks_in_a_corrupt_file_are_ignored(cached: Projekt, counted_checks: list[date]) -> None:
    cached.run("pruefen")
    cached.run("pruefen")
    assert len(counted_checks) == 1
    (cached.root / CACHE_DIR / cache.CHECKS_FILE).write_bytes(b"kaputt")
    assert cached.run("pruefen").exit_code == 0
    assert len(counted_checks) == 2
