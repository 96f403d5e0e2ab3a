"""The history as known at a Stichtag: corrections apply from their date on, changes of the target date
and of the responsible office from their entry's date on; before, everything stays as it was."""

from __future__ import annotations

from datetime import date

from luedialog.queries.detail import massnahme_detail
from luedialog.queries.stand import known_history, state_of
from luedialog.queries.verlauf import file_order, history
from luedialog.snapshot import Snapshot, load_snapshot
from tests.conftest import Projekt

M2 = "data/massnahmen/M-BIL-02.yaml"  # geplant since 01.02.2009

TYPO = """\
  - datum: 2012-03-15
    status: in_umsetzung
    notiz: Bauantrag gestellt
  - datum: 2010-05-01
    status: in_umsetzung
    notiz: Bauarbeiten begonnen
    fortschritt: 30
korrekturen:
  - datum: 2010-04-02
    eintrag: 2
    grund: Tippfehler im Jahr
    richtig:
      datum: 2010-03-15
"""


def snapshot(projekt: Projekt) -> Snapshot:
    result = load_snapshot(projekt.root)
    assert result.findings == [], result.findings
    assert result.snapshot is not None
    return result.snapshot


def with_typo(projekt: Projekt) -> Snapshot:
    projekt.write(M2, projekt.read(M2) + TYPO)
    return snapshot(projekt)


def test_without_corrections_the_history_is_the_verlauf_itself(projekt: Projekt) -> None:
    m = snapshot(projekt).massnahmen["M-BIL-02"]
    assert history(m, date(2030, 1, 1)) is m.verlauf
    assert file_order(m, date(2030, 1, 1)) == list(m.verlauf)


def test_from_its_date_on_a_correction_gives_the_right_date_and_the_order_of_the_dates(projekt: Projekt) -> None:
    m = with_typo(projekt).massnahmen["M-BIL-02"]
    known = history(m, date(2010, 4, 2))
    assert [(e.nummer, e.datum) for e in known] == [
        (1, date(2009, 2, 1)),
        (2, date(2010, 3, 15)),
        (3, date(2010, 5, 1)),
    ]
    assert [k.grund for k in known[1].korrekturen] == ["Tippfehler im Jahr"]


def test_before_its_date_the_wrong_entry_stays_as_it_was(projekt: Projekt) -> None:
    m = with_typo(projekt).massnahmen["M-BIL-02"]
    assert [e.datum for e in history(m, date(2010, 4, 1))] == [date(2009, 2, 1), date(2010, 5, 1), date(2012, 3, 15)]


def test_the_history_known_at_a_stichtag_ends_there_also_when_written_out_of_order(projekt: Projekt) -> None:
    """Before the correction the entries of 2012 and 2010 stand in the wrong order in the file."""
    m = with_typo(projekt).massnahmen["M-BIL-02"]
    assert known_history(m, date(2009, 1, 31)) == ()
    assert [e.datum for e in known_history(m, date(2010, 4, 1))] == [date(2009, 2, 1)]
    # from the correction's date on, its entry is dated 15.03.2010
    assert [e.datum for e in known_history(m, date(2010, 4, 2))] == [date(2009, 2, 1), date(2010, 3, 15)]
    assert [e.datum for e in known_history(m, date(2010, 5, 1))] == [
        date(2009, 2, 1),
        date(2010, 3, 15),
        date(2010, 5, 1),
    ]


def test_the_state_at_a_stichtag_uses_the_corrections_known_then(projekt: Projekt) -> None:
    snap = with_typo(projekt)
    m = snap.massnahmen["M-BIL-02"]
    before = state_of(snap, m, date(2010, 3, 31))
    assert (before.status.schluessel if before.status else None, before.korrekturen) == ("geplant", ())
    after = state_of(snap, m, date(2010, 4, 2))
    assert after.status is not None and after.status.schluessel == "in_umsetzung"
    assert after.eintrag is not None and after.eintrag.datum == date(2010, 3, 15)
    assert [k.datum for k in after.korrekturen] == [date(2010, 4, 2)]


def test_a_struck_entry_no_longer_counts_and_an_added_one_does(projekt: Projekt) -> None:
    projekt.write(
        M2,
        projekt.read(M2)
        + "  - datum: 2010-03-01\n    status: in_umsetzung\n    notiz: Gehört zu M-BIL-01\n"
        + "korrekturen:\n"
        + "  - datum: 2010-03-10\n    eintrag: 2\n    grund: Falsche Maßnahme\n    gestrichen: ja\n"
        + "  - datum: 2010-03-11\n    grund: Fehlte\n    nachtrag:\n"
        + "      datum: 2010-02-01\n      status: geplant\n      notiz: Planung beauftragt\n",
    )
    snap = snapshot(projekt)
    m = snap.massnahmen["M-BIL-02"]
    assert [(e.datum, e.notiz) for e in history(m, date(2010, 3, 9))] == [
        (date(2009, 2, 1), "Stand laut Vorlage."),
        (date(2010, 3, 1), "Gehört zu M-BIL-01"),
    ]
    assert [(e.nummer, e.datum, e.notiz) for e in history(m, date(2010, 3, 11))] == [
        (1, date(2009, 2, 1), "Stand laut Vorlage."),
        (None, date(2010, 2, 1), "Planung beauftragt"),
    ]
    assert file_order(m, date(2010, 3, 11)) == [history(m, date(2010, 3, 11))[0]]


def test_a_postponed_target_date_counts_from_its_entry_on(projekt: Projekt) -> None:
    projekt.write(
        "data/massnahmen/M-BIL-01.yaml",
        projekt.read("data/massnahmen/M-BIL-01.yaml")
        + "  - datum: 2010-06-01\n    status: in_umsetzung\n    notiz: Hallenbad erst 2011 frei\n"
        + "    zieldatum: 2011-06-30\n    verantwortlich: Sportamt\n",
    )  # zieldatum 30.06.2010 in the file
    snap = snapshot(projekt)
    m = snap.massnahmen["M-BIL-01"]
    early = state_of(snap, m, date(2010, 5, 31))
    assert (early.zieldatum, early.verantwortlich, early.ueberfaellig) == (date(2010, 6, 30), None, False)
    late = state_of(snap, m, date(2010, 12, 31))
    assert (late.zieldatum, late.verantwortlich, late.ueberfaellig) == (date(2011, 6, 30), "Sportamt", False)
    overdue = state_of(snap, m, date(2011, 7, 1))
    assert overdue.ueberfaellig
    changes = massnahme_detail(snap, m, date(2010, 12, 31)).aenderungen
    assert [(c.feld, c.vorher, c.nachher) for c in changes] == [
        ("zieldatum", date(2010, 6, 30), date(2011, 6, 30)),
        ("verantwortlich", None, "Sportamt"),
    ]
