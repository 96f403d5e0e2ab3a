"""The faster ways (for 10,000 measures, see benchmarks/) give exactly what the simple ones gave."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from luedialog.gruppen import _one_year_later
from luedialog.model import Herkunft
from luedialog.queries import changes, state_of, states
from luedialog.reporters import export, serialize
from luedialog.snapshot import Snapshot, count_data_files, data_files, load_snapshot
from tests.conftest import FIXTURES, REPO

PROJECTS = [REPO, FIXTURES / "musterstadt", FIXTURES / "gruppenstadt"]


def snapshot(root: Path) -> Snapshot:
    snap = load_snapshot(root).snapshot
    assert snap is not None
    return snap


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": [], "b": {}, "c": [[], [{}]]},
        [1.5, float("nan"), float("inf"), -float("inf"), True, False, None, 10**30, -0.0, 1e300],
        ['ä\n"\\\x01\u2028', "", "Lüner Dialog"],
        {2: 2, 1.5: 3, True: 4, False: 0, None: 5},
        ("ein", "Tupel"),
        "Text",
        7,
        None,
    ],
)
def test_dumps_is_json_dumps_with_indent(value: object) -> None:
    assert serialize.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_dumps_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        serialize.dumps({"datum": date(2010, 1, 1)})


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_export_is_json_dumps_of_the_whole(root: Path) -> None:
    snap = snapshot(root)
    day = date(2012, 12, 31)
    whole = {
        "projekt": snap.config.name,
        "stichtag": day.isoformat(),
        "leitlinien": [serialize.leitlinie(ll) for ll in sorted(snap.leitlinien.values(), key=lambda x: x.id)],
        "massnahmen": [
            serialize.massnahme(m, state_of(snap, m, day)) for m in sorted(snap.massnahmen.values(), key=lambda x: x.id)
        ],
        "gruppen": [serialize.gruppe(g, snap.gruppen) for g in sorted(snap.gruppen.values(), key=lambda x: x.id)],
    }
    assert export.as_json(snap, day) == json.dumps(whole, ensure_ascii=False, indent=2)


def test_export_of_an_empty_project_has_empty_lists(tmp_path: Path) -> None:
    root = tmp_path / "leer"
    (root / "data").mkdir(parents=True)
    (root / "luedialog.yaml").write_text((FIXTURES / "musterstadt" / "luedialog.yaml").read_text("utf-8"), "utf-8")
    snap = snapshot(root)
    text = export.as_json(snap, date(2010, 1, 1))
    assert json.loads(text)["massnahmen"] == [] and text == json.dumps(json.loads(text), ensure_ascii=False, indent=2)


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_indexes_are_the_plain_scans(root: Path) -> None:
    snap = snapshot(root)
    measures = list(snap.massnahmen.values())
    for ident in [*snap.massnahmen, "gibt-es-nicht"]:
        assert snap.children(ident) == [m for m in measures if m.teil_von == ident]
    for ident in [*snap.leitlinien, "gibt-es-nicht"]:
        assert snap.measures_for(ident) == [m for m in measures if ident in m.leitlinien]
    for ident in [*snap.gruppen, "gibt-es-nicht"]:
        assert snap.recommendations_of(ident) == [m for m in measures if m.herkunft and m.herkunft.gruppe == ident]


def test_indexes_follow_added_measures() -> None:
    snap = snapshot(FIXTURES / "musterstadt")
    assert snap.children("M-BIL-01") == [snap.massnahmen["M-BIL-02"]]
    neu = dataclasses.replace(snap.massnahmen["M-BIL-02"], id="M-BIL-09", herkunft=Herkunft("ag-bildung"))
    snap.massnahmen[neu.id] = neu
    assert snap.children("M-BIL-01") == [snap.massnahmen["M-BIL-02"], neu]
    assert snap.recommendations_of("ag-bildung") == [neu]


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_newest_changes_are_the_first_of_all_changes(root: Path) -> None:
    snap = snapshot(root)
    day = date(2030, 1, 1)
    zustaende = states(snap, day)
    everything = changes(snap, zustaende, day)
    for limit in (0, 1, 3, 10, len(everything) + 5):
        assert changes(snap, zustaende, day, limit=limit) == everything[:limit]


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_counting_the_files_is_listing_them(root: Path) -> None:
    for folder in ("data/leitlinien", "data/massnahmen", "data/gruppen", "data/gibt-es-nicht"):
        assert count_data_files(root, folder) == len(list(data_files(root, folder)))


def test_one_year_later_is_relativedelta() -> None:
    start = date(2007, 1, 1)
    for offset in range(366 * 10):
        day = start + timedelta(days=offset)
        assert _one_year_later(day) == day + relativedelta(years=1)
