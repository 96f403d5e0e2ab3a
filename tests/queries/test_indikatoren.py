"""Indicators at a Stichtag, on the Berichtsstadt fixture with known values: every assessment of every
year word for word, the series per breakdown, the trend, and corrections that change nothing before
they were recorded (see tests/fixtures/berichtsstadt/luedialog.yaml for the story of each indicator).
"""

from __future__ import annotations

from datetime import date

import pytest

from luedialog.queries.indikatoren import (
    Vergleichspunkt,
    counts,
    effective,
    for_leitlinie,
    staende,
    stand,
)
from luedialog.snapshot import Snapshot, load_snapshot
from tests.conftest import FIXTURES, Projekt


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    loaded = load_snapshot(FIXTURES / "berichtsstadt").snapshot
    assert loaded is not None
    return loaded


ASSESSMENTS = [
    (
        "I-BIL-01",
        2009,
        "keine_daten",
        "Eine Richtung zeigen erst zwei Werte im Prozesszeitraum; erfasst ist einer (2008: 70 %).",
    ),
    (
        "I-BIL-02",
        2009,
        "keine_daten",
        "Eine Richtung zeigen erst zwei Werte im Prozesszeitraum; erfasst ist einer (2009: 20 %).",
    ),
    ("I-BIL-03", 2009, "keine_daten", "Bis zum Stichtag ist kein Wert erfasst."),
    (
        "I-DIA-01",
        2009,
        "keine_daten",
        "Ein Vergleichsjahr zeigt noch keine Richtung: Zuwanderungsgeschichte „mit“ 20 %, „ohne“ 35 % (2009); "
        "Abstand 15 Prozentpunkte.",
    ),
    (
        "I-DIA-02",
        2009,
        "keine_daten",
        "Noch nicht erreicht (2009: nein); ob das Ziel (ja bis 2010) erreicht wird, zeigt erst ein weiterer Wert.",
    ),
    (
        "I-WOH-01",
        2009,
        "keine_daten",
        "Eine Richtung zeigen erst zwei Werte im Prozesszeitraum; erfasst ist einer (2009: 6,20 €).",
    ),
    ("I-WOH-02", 2009, "keine_daten", "Bis zum Stichtag ist kein Wert erfasst."),
    (
        "I-BIL-01",
        2010,
        "auf_kurs",
        "steigen: der letzte Wert (2010: 80 %) liegt über dem ersten im Prozesszeitraum (2008: 70 %).",
    ),
    (
        "I-BIL-02",
        2010,
        "auf_kurs",
        "sinken: der letzte Wert (2010: 12 %) liegt unter dem ersten im Prozesszeitraum (2009: 20 %).",
    ),
    ("I-BIL-03", 2010, "keine_daten", "Bis zum Stichtag ist kein Wert erfasst."),
    (
        "I-DIA-01",
        2010,
        "auf_kurs",
        "Der Abstand zwischen Zuwanderungsgeschichte „mit“ und „ohne“ ist kleiner geworden: 6 Prozentpunkte "
        "(2010), im ersten Vergleich im Prozesszeitraum 15 Prozentpunkte (2009).",
    ),
    ("I-DIA-02", 2010, "nicht_auf_kurs", "Ziel (ja bis 2010) nicht erreicht; letzter Wert 2009: nein."),
    (
        "I-WOH-01",
        2010,
        "auf_kurs",
        "gleich bleiben: der letzte Wert (2010: 6,50 €) weicht um 0,30 € vom ersten Wert im Prozesszeitraum "
        "(2009: 6,20 €) ab; erlaubt sind 0,50 €.",
    ),
    (
        "I-WOH-02",
        2010,
        "nicht_auf_kurs",
        "steigen: der letzte Wert (2010: 40) liegt nicht über dem ersten im Prozesszeitraum (2009: 40).",
    ),
    (
        "I-BIL-01",
        2011,
        "erreicht",
        "Ziel erreicht: der letzte Wert (2011: 92 %) liegt auf oder über dem Zielwert 90 %.",
    ),
    (
        "I-BIL-02",
        2011,
        "auf_kurs",
        "sinken: der letzte Wert (2011: 18 %) liegt unter dem ersten im Prozesszeitraum (2009: 20 %).",
    ),
    ("I-BIL-03", 2011, "keine_daten", "Bis zum Stichtag ist kein Wert erfasst."),
    (
        "I-DIA-01",
        2011,
        "erreicht",
        "Gleichstand erreicht: Zuwanderungsgeschichte „mit“ 33 %, „ohne“ 33,5 % (2011); Abstand 0,5 "
        "Prozentpunkte, erlaubt sind 1 Prozentpunkt.",
    ),
    ("I-DIA-02", 2011, "erreicht", "Ziel erreicht (ja bis 2010): 2011: ja, nach dem Zieljahr."),
    (
        "I-WOH-01",
        2011,
        "nicht_auf_kurs",
        "gleich bleiben: der letzte Wert (2011: 7,10 €) weicht um 0,90 € vom ersten Wert im Prozesszeitraum "
        "(2009: 6,20 €) ab; erlaubt sind 0,50 €.",
    ),
    (
        "I-WOH-02",
        2011,
        "auf_kurs",
        "steigen: der letzte Wert (2011: 55) liegt über dem ersten im Prozesszeitraum (2009: 40).",
    ),
]


@pytest.mark.parametrize(
    ("ident", "jahr", "ergebnis", "regel"), ASSESSMENTS, ids=[f"{a[0]}-{a[1]}" for a in ASSESSMENTS]
)
def test_assessment_at_the_end_of_each_year(snap: Snapshot, ident: str, jahr: int, ergebnis: str, regel: str) -> None:
    result = stand(snap, snap.indikatoren[ident], date(jahr, 12, 31))
    assert (result.bewertung.ergebnis, result.bewertung.regel) == (ergebnis, regel)


def test_counts_per_assessment(snap: Snapshot) -> None:
    assert counts(staende(snap, date(2010, 12, 31))) == {
        "auf_kurs": 4,
        "nicht_auf_kurs": 2,
        "erreicht": 0,
        "keine_daten": 1,
    }
    assert counts(staende(snap, date(2011, 12, 31), feld="bildung")) == {
        "auf_kurs": 1,
        "nicht_auf_kurs": 0,
        "erreicht": 1,
        "keine_daten": 1,
    }


def test_series_per_breakdown_whole_first_then_the_order_of_the_configuration(snap: Snapshot) -> None:
    result = stand(snap, snap.indikatoren["I-BIL-01"], date(2011, 12, 31))
    assert [(r.name, [(p.periode, p.wert) for p in r.punkte]) for r in result.reihen] == [
        ("Gesamt", [("2008", 70), ("2009", 74), ("2010", 80), ("2011", 92)]),
        ("Stadtteil: Nordviertel", [("2010", 85)]),
        ("Stadtteil: Südhafen", [("2010", 72.5)]),
    ]
    assert [(p.periode, p.wert) for p in result.trend] == [("2009", 74), ("2010", 80), ("2011", 92)]
    assert result.handlungsfeld == "bildung"


def test_a_value_counts_from_the_day_it_was_recorded(snap: Snapshot) -> None:
    ind = snap.indikatoren["I-BIL-01"]
    assert [n for n, _ in effective(ind, date(2010, 12, 14))] == [1, 2]
    assert [n for n, _ in effective(ind, date(2010, 12, 15))] == [1, 2, 3, 4, 5]


def test_a_correction_changes_the_state_only_from_its_day_on(snap: Snapshot) -> None:
    ind = snap.indikatoren["I-BIL-02"]
    before = stand(snap, ind, date(2011, 1, 9))
    after = stand(snap, ind, date(2011, 1, 10))
    assert [(p.periode, p.wert, p.nummer) for p in before.reihen[0].punkte] == [("2009", 20, 1), ("2010", 12, 2)]
    assert before.korrekturen == ()
    assert [(p.periode, p.wert, p.nummer, p.korrektur) for p in after.reihen[0].punkte] == [
        ("2009", 20, 1, False),
        ("2010", 22, 3, True),
    ]
    assert before.bewertung.ergebnis == "auf_kurs"
    assert (after.bewertung.ergebnis, after.bewertung.regel) == (
        "nicht_auf_kurs",
        "sinken: der letzte Wert (2010: 22 %) liegt nicht unter dem ersten im Prozesszeitraum (2009: 20 %).",
    )
    [korrektur] = after.korrekturen
    assert (korrektur.nummer, korrektur.korrigiert, korrektur.grund) == (
        3,
        2,
        "Tippfehler beim Eintragen (22 statt 12).",
    )
    assert (korrektur.vorher and korrektur.vorher.wert, korrektur.nachher.wert) == (12, 22)


def test_a_withdrawing_correction_removes_the_value(berichtsstadt: Projekt) -> None:
    name = "data/indikatoren/I-WOH-02.yaml"
    berichtsstadt.write(
        name,
        berichtsstadt.read(name)
        + "  - jahr: 2011\n    quelle: Förderbericht 2011\n    erfasst: 2012-01-15\n"
        + "    notiz: Der Wert gehört zu einem anderen Indikator.\n    korrigiert: 3\n",
    )
    loaded = load_snapshot(berichtsstadt.root).snapshot
    assert loaded is not None
    result = stand(loaded, loaded.indikatoren["I-WOH-02"], date(2012, 12, 31))
    assert [(p.periode, p.wert) for p in result.bewertet] == [("2009", 40), ("2010", 40)]
    assert result.bewertung.ergebnis == "nicht_auf_kurs"


def test_gleichstand_compares_the_two_series_year_by_year(snap: Snapshot) -> None:
    result = stand(snap, snap.indikatoren["I-DIA-01"], date(2011, 12, 31))
    assert result.vergleich == ("Zuwanderungsgeschichte: mit", "Zuwanderungsgeschichte: ohne")
    assert all(isinstance(p, Vergleichspunkt) for p in result.bewertet)
    assert [(p.periode, p.wert) for p in result.bewertet] == [("2009", 15.0), ("2010", 6.0), ("2011", 0.5)]
    assert [r.name for r in result.reihen] == ["Zuwanderungsgeschichte: mit", "Zuwanderungsgeschichte: ohne"]


def test_only_breakdown_values_give_no_assessment_of_the_whole(berichtsstadt: Projekt) -> None:
    name = "data/indikatoren/I-BIL-03.yaml"
    berichtsstadt.replace(name, "richtung: steigen\n", "richtung: steigen\naufschluesselungen: [Stadtteil]\n")
    berichtsstadt.write(
        name,
        berichtsstadt.read(name)
        + "werte:\n  - jahr: 2011\n    wert: 4\n    aufschluesselung:\n      Stadtteil: Altstadt\n"
        + "    quelle: Bibliothek\n    erfasst: 2012-01-10\n",
    )
    loaded = load_snapshot(berichtsstadt.root).snapshot
    assert loaded is not None
    result = stand(loaded, loaded.indikatoren["I-BIL-03"], date(2012, 12, 31))
    assert (result.bewertung.ergebnis, result.bewertung.regel) == (
        "keine_daten",
        "Bewertet wird der Gesamtwert; erfasst sind bisher nur Werte je Aufschlüsselung.",
    )


def test_indicators_of_a_guideline(snap: Snapshot) -> None:
    assert [s.indikator.id for s in for_leitlinie(snap, "L-WOH-2", date(2011, 12, 31))] == ["I-WOH-01", "I-WOH-02"]
    assert for_leitlinie(snap, "L-WOH-1", date(2011, 12, 31)) == []
