"""The state at a Stichtag, overdue and stale measures, changes, and the roll-up of sub-measures."""

from __future__ import annotations

from datetime import date

from luedialog.queries.stand import reported_progress, state_of
from luedialog.queries.uebersicht import Filter, changes, overview, states
from luedialog.snapshot import Snapshot, load_snapshot
from tests.conftest import Projekt


def snapshot(projekt: Projekt) -> Snapshot:
    result = load_snapshot(projekt.root)
    assert result.findings == []
    assert result.snapshot is not None
    return result.snapshot


def test_state_is_the_latest_entry_up_to_the_stichtag(projekt: Projekt) -> None:
    snap = snapshot(projekt)
    m = snap.massnahmen["M-WOH-01"]
    assert state_of(snap, m, date(2010, 4, 30)).status.schluessel == "geplant"  # type: ignore[union-attr]
    assert state_of(snap, m, date(2010, 5, 1)).status.schluessel == "in_umsetzung"  # type: ignore[union-attr]
    assert state_of(snap, m, date(2026, 1, 1)).status.schluessel == "umgesetzt"  # type: ignore[union-attr]


def test_a_report_for_a_past_date_does_not_change_when_entries_are_added(projekt: Projekt) -> None:
    before = overview(snapshot(projekt), date(2010, 12, 31))
    projekt.write(
        "data/massnahmen/M-WOH-01.yaml",
        projekt.read("data/massnahmen/M-WOH-01.yaml")
        + "  - datum: 2012-01-10\n    status: umgesetzt\n    notiz: Nachtrag.\n    nachweis: Bericht 2012\n",
    )
    after = overview(snapshot(projekt), date(2010, 12, 31))
    assert [f.anzahl for f in after.felder] == [f.anzahl for f in before.felder]
    assert [(a.massnahme.id, a.eintrag.datum) for a in after.aenderungen] == [
        (a.massnahme.id, a.eintrag.datum) for a in before.aenderungen
    ]


def test_measures_without_an_entry_yet_are_not_counted(projekt: Projekt) -> None:
    snap = snapshot(projekt)
    assert states(snap, date(2009, 1, 31)) == []
    assert [z.massnahme.id for z in states(snap, date(2009, 2, 1))] == ["M-BIL-01", "M-BIL-02", "M-WOH-01"]


def test_counts_per_field_and_status(projekt: Projekt) -> None:
    data = overview(snapshot(projekt), date(2010, 12, 31))
    assert [(f.handlungsfeld.schluessel, f.gesamt, f.anzahl) for f in data.felder] == [
        ("bildung", 2, {"geplant": 1, "in_umsetzung": 1, "umgesetzt": 0, "eingestellt": 0}),
        ("wohnen", 1, {"geplant": 0, "in_umsetzung": 1, "umgesetzt": 0, "eingestellt": 0}),
    ]


def test_overdue_means_target_date_passed_and_not_final(projekt: Projekt) -> None:
    snap = snapshot(projekt)
    assert [z.massnahme.id for z in overview(snap, date(2010, 6, 30)).ueberfaellig] == []
    assert [z.massnahme.id for z in overview(snap, date(2010, 7, 1)).ueberfaellig] == ["M-BIL-01"]


def test_final_measures_are_never_overdue_or_stale(projekt: Projekt) -> None:
    projekt.replace("data/massnahmen/M-WOH-01.yaml", "stadtteile:", "zieldatum: 2010-01-01\nstadtteile:")
    z = state_of(snapshot(projekt), snapshot(projekt).massnahmen["M-WOH-01"], date(2020, 1, 1))
    assert (z.ueberfaellig, z.veraltet) == (False, False)


def test_stale_after_the_configured_months_without_entry(projekt: Projekt) -> None:
    snap = snapshot(projekt)
    # M-BIL-01: last entry 2009-09-01, twelve months configured
    assert "M-BIL-01" not in [z.massnahme.id for z in overview(snap, date(2010, 9, 1)).veraltet]
    assert "M-BIL-01" in [z.massnahme.id for z in overview(snap, date(2010, 9, 2)).veraltet]


def test_filters(projekt: Projekt) -> None:
    snap = snapshot(projekt)
    day = date(2010, 12, 31)
    assert [z.massnahme.id for z in states(snap, day, Filter(feld="wohnen"))] == ["M-WOH-01"]
    assert [z.massnahme.id for z in states(snap, day, Filter(status="geplant"))] == ["M-BIL-02"]
    assert [z.massnahme.id for z in states(snap, day, Filter(stadtteil="Nordviertel"))] == ["M-BIL-01"]
    assert [z.massnahme.id for z in states(snap, day, Filter(gruppe="ag-bildung"))] == ["M-BIL-01"]


def test_changes_are_newest_first_with_previous_status(projekt: Projekt) -> None:
    snap = snapshot(projekt)
    day = date(2011, 12, 31)
    result = changes(snap, states(snap, day), day, since=date(2009, 12, 31))
    assert [(a.massnahme.id, a.eintrag.datum.isoformat(), a.vorher, a.eintrag.status) for a in result] == [
        ("M-WOH-01", "2011-04-01", "in_umsetzung", "umgesetzt"),
        ("M-WOH-01", "2010-05-01", "geplant", "in_umsetzung"),
    ]


def test_parent_progress_rolls_up_from_sub_measures(projekt: Projekt) -> None:
    # parent M-BIL-01 (own entry 2009-09-01: in_umsetzung, no progress reported), child M-BIL-02
    projekt.replace(
        "data/massnahmen/M-BIL-02.yaml",
        "    notiz: Stand laut Vorlage.\n",
        "    notiz: Stand laut Vorlage.\n  - datum: 2009-10-01\n    status: in_umsetzung\n    notiz: Bau läuft.\n"
        "    fortschritt: 80\n",
    )
    snap = snapshot(projekt)
    parent = snap.massnahmen["M-BIL-01"]
    z = state_of(snap, parent, date(2009, 12, 31))
    assert (z.fortschritt, z.fortschritt_aus_teilen, z.teile, z.teile_ohne_angabe) == (80, True, 1, 0)
    # before the part reported, nobody reported any progress: none is shown, none is made up
    z = state_of(snap, parent, date(2009, 9, 30))
    assert (z.fortschritt, z.fortschritt_aus_teilen, z.teile, z.teile_ohne_angabe) == (None, False, 1, 1)


def test_progress_is_only_what_an_entry_reported(projekt: Projekt) -> None:
    """No percentage comes from a status; a report holds until the status changes."""
    projekt.replace(
        "data/massnahmen/M-BIL-02.yaml",
        "    notiz: Stand laut Vorlage.\n",
        "    notiz: Stand laut Vorlage.\n  - datum: 2009-10-01\n    status: geplant\n    notiz: Plan steht.\n"
        "    fortschritt: 30\n  - datum: 2009-11-01\n    status: geplant\n    notiz: Weiter.\n"
        "  - datum: 2009-12-01\n    status: in_umsetzung\n    notiz: Bau beginnt.\n",
    )
    m = snapshot(projekt).massnahmen["M-BIL-02"]
    assert reported_progress(m, date(2009, 9, 30)) is None
    assert reported_progress(m, date(2009, 10, 1)) == 30
    assert reported_progress(m, date(2009, 11, 15)) == 30  # the same status: the report still holds
    assert reported_progress(m, date(2009, 12, 31)) is None  # a new status: nothing reported for it


def test_weighted_roll_up(projekt: Projekt) -> None:
    projekt.write(
        "data/massnahmen/M-BIL-03.yaml",
        projekt.read("data/massnahmen/M-BIL-02.yaml")
        .replace("M-BIL-02", "M-BIL-03")
        .replace("teil_von: M-BIL-01", "teil_von: M-BIL-01\ngewicht: 3")
        + "  - datum: 2009-10-01\n    status: in_umsetzung\n    notiz: Los.\n    fortschritt: 90\n",
    )
    snap = snapshot(projekt)
    z = state_of(snap, snap.massnahmen["M-BIL-01"], date(2009, 12, 31))
    # only M-BIL-03 reported (90 %, weight 3); M-BIL-02 reported nothing and is left out, not counted as 0
    assert (z.fortschritt, z.fortschritt_aus_teilen, z.teile, z.teile_ohne_angabe) == (90, True, 2, 1)
