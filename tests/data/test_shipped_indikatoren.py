"""The shipped indicators: the targets paper 56/08 names, each quoting the paper's words at its place,
with the direction the words give, no invented source or target value, and no values at all (the paper
reports none)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from luedialog.model.indikatoren import EINHEITEN, RICHTUNGEN
from luedialog.queries.indikatoren import staende
from luedialog.snapshot import Snapshot, load_snapshot
from tests.conftest import REPO, run_cli
from tests.data.test_completeness import PAPER, load, norm

FILES = sorted((REPO / "data" / "indikatoren").glob("*.yaml"))

# ID: (guideline, sub-target or recommendation, unit, direction, compared breakdown)
EXPECTED = {
    "I-AUW-01": ("L-AUW-C7", ("unterziel", 1), "prozent", "steigen", None),
    "I-BEK-01": ("L-BEK-C2", ("unterziel", 1), "ja_nein", "erreicht_bis", None),
    "I-BEK-02": ("L-BEK-C5", ("unterziel", 1), "prozent", "gleichstand", "Migrationshintergrund"),
    "I-BEK-03": ("L-BEK-C7", ("unterziel", 2), "prozent", "sinken", None),
    "I-BEK-04": ("L-BEK-C10", ("unterziel", 1), "prozent", "steigen", None),
    "I-IKD-01": ("L-IKD-8", ("empfehlung", 2), "prozent", "gleichstand", "Bezugsgruppe"),
}


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    loaded = load_snapshot(REPO).snapshot
    assert loaded is not None
    return loaded


def test_the_indicators_the_paper_names(snap: Snapshot) -> None:
    assert sorted(snap.indikatoren) == sorted(EXPECTED)
    for ident, (leitlinie, (key, number), einheit, richtung, vergleich) in EXPECTED.items():
        ind = snap.indikatoren[ident]
        assert (ind.leitlinie, getattr(ind, key), ind.einheit, ind.richtung, ind.vergleich) == (
            leitlinie,
            number,
            einheit,
            richtung,
            vergleich,
        ), ident
        assert ind.einheit in EINHEITEN and ind.richtung in RICHTUNGEN


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_quotes_the_paper_word_for_word_and_names_its_place(path: Path) -> None:
    data = load(path)
    assert norm(data["wortlaut"]) in PAPER.normalized, data["wortlaut"]
    assert data["fundstelle"].startswith("Vorlage 56/08, Anlage 1, ")
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/indikator.schema.json\n# Indikator zu Vorlage 56/08, Anlage 1,"
    )


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_no_values_no_invented_source_target_or_office(path: Path) -> None:
    data = load(path)
    assert "werte" not in data
    assert data["quelle"] == "noch festzulegen"
    assert "verantwortlich" not in data and "toleranz" not in data
    # a target value only where the paper's words hold one: "Lünen hat 2009 …" is ja by 2009
    assert (data.get("zielwert"), data.get("zieljahr")) == (("ja", 2009) if data["id"] == "I-BEK-01" else (None, None))


def test_every_indicator_says_keine_daten_at_every_stichtag(snap: Snapshot) -> None:
    for day in (date(2008, 12, 31), date(2014, 12, 31)):
        assert {s.bewertung.ergebnis for s in staende(snap, day)} == {"keine_daten"}
        assert {s.bewertung.regel for s in staende(snap, day)} == {"Bis zum Stichtag ist kein Wert erfasst."}


def test_indikatoren_of_the_shipped_data_as_json() -> None:
    result = run_cli("--daten", str(REPO), "indikatoren", "--stichtag", "31.12.2010", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [i["id"] for i in data["indikatoren"]] == sorted(EXPECTED)
    assert {i["bewertung"] for i in data["indikatoren"]} == {"keine_daten"}
    assert all(i["letzter_wert"] is None and i["trend"] == [] for i in data["indikatoren"])
