"""One answer to "which conferences, meetings and recommendations in year X": queries.jahr, and every
view (``gruppen`` in text and JSON, the council report, the document of the Jahreskonferenz) agrees
with it.

Berichtsstadt: the Jahreskonferenz 2009 (14.11.2009) adopted M-DIA-01, which the AG Dialog had
recommended on 10.09.2009; the Jahreskonferenz 2010 (13.11.2010) adopted M-DIA-02, its own
recommendation (``herkunft: jahreskonferenz``).
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from luedialog.queries.jahr import gruppenjahr, im_jahr
from luedialog.reports.context import konferenzdokument, ratsbericht
from luedialog.services.project import open_project
from luedialog.snapshot import Snapshot
from tests.conftest import FIXTURES, lines, run_cli

BERICHTSSTADT = FIXTURES / "berichtsstadt"
GRUPPENSTADT = FIXTURES / "gruppenstadt"


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    return open_project(BERICHTSSTADT).snapshot


def _ids(states: object) -> list[str]:
    return [z.massnahme.id for z in states]  # type: ignore[attr-defined]


def test_a_conference_is_the_meeting_of_its_group(snap: Snapshot) -> None:
    year = gruppenjahr(snap, snap.gruppen["jahreskonferenz"], 2009, date(2009, 12, 31))
    assert [(t.datum, t.thema, t.konferenz.jahr if t.konferenz else None) for t in year.termine] == [
        (date(2009, 11, 14), None, 2009)
    ]
    assert _ids(year.empfehlungen) == ["M-DIA-01"]  # adopted there, recommended by the AG Dialog
    assert _ids(year.fruehere) == []


def test_recommendations_of_the_year_and_of_earlier_years(snap: Snapshot) -> None:
    year = gruppenjahr(snap, snap.gruppen["jahreskonferenz"], 2010, date(2010, 12, 31))
    assert _ids(year.empfehlungen) == ["M-DIA-02"]
    assert _ids(year.fruehere) == ["M-DIA-01"]
    dialog = gruppenjahr(snap, snap.gruppen["ag-dialog"], 2009, date(2009, 12, 31))
    assert _ids(dialog.empfehlungen) == ["M-DIA-01"]  # its herkunft
    assert _ids(gruppenjahr(snap, snap.gruppen["ag-dialog"], 2010, date(2010, 12, 31)).fruehere) == ["M-DIA-01"]


def test_nothing_after_the_stichtag(snap: Snapshot) -> None:
    before = gruppenjahr(snap, snap.gruppen["jahreskonferenz"], 2010, date(2010, 11, 12))
    assert (before.termine, _ids(before.empfehlungen)) == ((), [])
    on_the_day = gruppenjahr(snap, snap.gruppen["jahreskonferenz"], 2010, date(2010, 11, 13))
    assert [t.datum for t in on_the_day.termine] == [date(2010, 11, 13)]
    assert _ids(on_the_day.empfehlungen) == ["M-DIA-02"]


def test_the_conference_of_the_year(snap: Snapshot) -> None:
    found = im_jahr(snap, 2010, date(2010, 12, 31)).konferenz
    assert found is not None and (found[0].id, found[1].jahr, found[1].datum) == (
        "jahreskonferenz",
        2010,
        date(2010, 11, 13),
    )
    assert im_jahr(snap, 2010, date(2010, 11, 12)).konferenz is None


@pytest.mark.parametrize("jahr", [2009, 2010, 2011, 2012])
def test_gruppen_and_the_reports_agree_with_the_query(snap: Snapshot, jahr: int) -> None:
    day = date(jahr, 12, 31)
    year = im_jahr(snap, jahr, day)
    data = json.loads(
        run_cli("--daten", str(BERICHTSSTADT), "gruppen", "--stichtag", str(day), "--format", "json").stdout
    )
    rat = ratsbericht(snap, jahr, day)
    konferenz = konferenzdokument(snap, jahr, day)
    for g in year.gruppen:
        dates = [t.datum.isoformat() if t.datum else None for t in g.termine]
        view = next(v for v in data["gruppen"] if v["id"] == g.gruppe.id)
        assert [s["datum"] for s in view["sitzungen"]] == dates
        assert view["sitzungen_im_jahr"] == len(dates)
        assert [e["id"] for e in view["empfehlungen"]] == _ids(g.empfehlungen)
        assert [e["id"] for e in view["fruehere_empfehlungen"]] == _ids(g.fruehere)
        bericht = next(b for b in rat.gruppen if b.id == g.gruppe.id)
        assert [s.datum for s in bericht.sitzungen] == [f"{d[8:]}.{d[5:7]}.{d[:4]}" for d in dates if d]
        assert [z.id for z in bericht.empfehlungen] == _ids(g.empfehlungen)
        for b in konferenz.gruppen:
            if b.id == g.gruppe.id:
                assert [z.id for z in b.empfehlungen] == _ids(g.empfehlungen)
        text = run_cli("--daten", str(BERICHTSSTADT), "gruppen", g.gruppe.id, "--stichtag", str(day)).stdout
        assert f"Sitzungen {jahr} ({len(dates)}):" in lines(text)
        assert f"Empfehlungen {jahr} ({len(g.empfehlungen)}):" in lines(text)
    found = year.konferenz
    assert (rat.konferenz.jahr if rat.konferenz else None) == (found[1].jahr if found else None)


def test_gruppen_jahreskonferenz_shows_the_recorded_conference() -> None:
    result = run_cli("--daten", str(BERICHTSSTADT), "gruppen", "jahreskonferenz", "--stichtag", "31.12.2010")
    assert result.exit_code == 0
    out = lines(result.stdout)
    start = out.index("Sitzungen 2010 (1):")
    assert out[start : start + 9] == [
        "Sitzungen 2010 (1):",
        "  13.11.2010  Jahreskonferenz 2010",
        "",
        "Empfehlungen 2010 (1):",
        "  M-DIA-02  Empfohlen  Mehrsprachige Willkommensmappe",
        "",
        "Empfehlungen aus früheren Jahren (1):",
        "  M-DIA-01  Verstetigt  Interkulturelles Stadtfest",
        "",
    ]


def test_overview_counts_the_conference_as_a_meeting() -> None:
    result = run_cli("--daten", str(GRUPPENSTADT), "gruppen", "--stichtag", "31.12.2010", env={"COLUMNS": "120"})
    out = lines(result.stdout)
    assert out[out.index("Jahreskonferenz Gruppendialog") + 1] == (
        "  jahreskonferenz: 0 Mitglieder · 0 leere Sitze · 1 Sitzung 2010 · 1 Empfehlung 2010"
    )


def _gruppe_im_bericht(text: str, name: str) -> str:
    start = text.index(f"### {name}\n")
    return text[start : text.index("\n### ", start + 1)]


@pytest.mark.parametrize("jahr", [2009, 2010, 2011, 2012])
def test_council_report_never_says_nothing_is_recorded_beside_a_full_conference(jahr: int) -> None:
    text = run_cli("--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", str(jahr)).stdout
    konferenz = text[text.index(f"## Jahreskonferenz {jahr}\n") : text.index("## Arbeit der Gruppen")]
    assert re.search(rf"Die Jahreskonferenz {jahr} fand am \d\d\.\d\d\.{jahr} statt\.", konferenz)
    gruppe = _gruppe_im_bericht(text, "Jahreskonferenz Berichtsdialog")
    assert "sind keine Aufgaben, Sitzungen, Mitglieder oder Empfehlungen erfasst" not in gruppe
    assert f"| Jahreskonferenz {jahr} |" in gruppe  # listed as the group's meeting
    row = next(
        line for line in text.splitlines() if line.startswith("| Jahreskonferenz Berichtsdialog | Jahreskonferenz |")
    )
    assert row.split("|")[3].strip() == "1"  # one meeting in the table of the groups


def test_council_report_2009_lists_the_adopted_recommendation_under_the_conference() -> None:
    text = run_cli("--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", "2009").stdout
    gruppe = _gruppe_im_bericht(text, "Jahreskonferenz Berichtsdialog")
    assert "| 14.11.2009 | Jahreskonferenz 2009 | Rund 80 Teilnehmende; die Arbeitsgruppen stellten ihre " in gruppe
    assert "**M-DIA-01** Interkulturelles Stadtfest (Empfehlung)" in gruppe
