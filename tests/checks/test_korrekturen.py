"""`luedialog pruefen` on histories with corrections: every rule checks the corrected history; a
correction must say what it corrects, what is right, and come in the order of its dates."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import Projekt

M2 = "data/massnahmen/M-BIL-02.yaml"  # verlauf: 2009-02-01 geplant (line 11–13)
STICHTAG = "2011-12-31"

TYPO = """\
  - datum: 2012-03-15
    status: in_umsetzung
    notiz: Bauantrag gestellt
  - datum: 2010-05-01
    status: in_umsetzung
    notiz: Bauarbeiten begonnen
"""
CORRECTION = """\
korrekturen:
  - datum: 2010-04-02
    eintrag: 2
    grund: Tippfehler im Jahr
    richtig:
      datum: 2010-03-15
"""


def befunde(projekt: Projekt, stichtag: str = STICHTAG) -> tuple[int, list[tuple[int, str, str]]]:
    result = projekt.run("pruefen", "--format", "json", "--stichtag", stichtag)
    data: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, [(f["zeile"], f["code"], f["meldung"]) for f in data["befunde"] if f["datei"] == M2]


def test_a_mistyped_year_breaks_the_order_and_lies_after_the_stichtag(projekt: Projekt) -> None:
    projekt.write(M2, projekt.read(M2) + TYPO)
    assert befunde(projekt) == (
        1,
        [
            (14, "datum-zukunft", "Das Datum 15.03.2012 liegt nach dem Stichtag 31.12.2011."),
            (17, "verlauf-reihenfolge", "Eintrag vom 01.05.2010 steht nach einem Eintrag vom 15.03.2012."),
        ],
    )


def test_after_the_correction_the_history_is_in_order(projekt: Projekt) -> None:
    projekt.write(M2, projekt.read(M2) + TYPO + CORRECTION)
    assert befunde(projekt) == (0, [])


def test_a_correction_after_the_stichtag_does_not_count_yet_and_is_in_the_future(projekt: Projekt) -> None:
    projekt.write(M2, projekt.read(M2) + TYPO + CORRECTION.replace("2010-04-02", "2012-01-05"))
    code, found = befunde(projekt)
    assert code == 1
    assert [c for _, c, _ in found] == ["datum-zukunft", "verlauf-reihenfolge", "datum-zukunft"]
    assert found[2] == (
        21,
        "datum-zukunft",
        "Die Korrektur ist auf den 05.01.2012 datiert, nach dem Stichtag 31.12.2011.",
    )


def test_a_corrected_status_is_checked_against_the_transitions(projekt: Projekt) -> None:
    projekt.write(M2, projekt.read(M2) + TYPO + CORRECTION + "      status: eingestellt\n")
    assert befunde(projekt) == (
        1,
        [(18, "uebergang", "Der Wechsel von „eingestellt“ zu „in_umsetzung“ ist nicht erlaubt.")],
    )


CASES: list[tuple[str, str, int, str, str]] = [
    (
        "no such entry",
        "korrekturen:\n  - datum: 2010-04-02\n    eintrag: 9\n    grund: x\n    gestrichen: ja\n",
        21,
        "korrektur-eintrag",
        "Die Korrektur nennt Eintrag 9; der Verlauf hat nur 3 Einträge.",
    ),
    (
        "nothing said",
        "korrekturen:\n  - datum: 2010-04-02\n    eintrag: 3\n    grund: Falsch\n",
        21,
        "korrektur-leer",
        "Die Korrektur sagt nicht, was richtig ist.",
    ),
    (
        "no entry named",
        "korrekturen:\n  - datum: 2010-04-02\n    grund: Falsch\n    gestrichen: ja\n",
        21,
        "korrektur-eintrag",
        "Die Korrektur nennt keinen Eintrag.",
    ),
    (
        "unknown measure to move to",
        "korrekturen:\n  - datum: 2010-04-02\n    eintrag: 3\n    grund: x\n    gestrichen: ja\n"
        "    uebertragen_nach: M-BIL-09\n",
        21,
        "verweis-unbekannt",
        "Die Korrektur nennt die Maßnahme „M-BIL-09“, die es nicht gibt.",
    ),
    (
        "struck twice",
        "korrekturen:\n  - datum: 2010-06-01\n    eintrag: 3\n    grund: doppelt\n    gestrichen: ja\n"
        "  - datum: 2010-06-02\n    eintrag: 3\n    grund: nochmal\n    gestrichen: ja\n",
        25,
        "korrektur-eintrag",
        "Eintrag 3 ist schon gestrichen.",
    ),
    (
        "out of order",
        "korrekturen:\n  - datum: 2010-06-02\n    eintrag: 3\n    grund: a\n    richtig:\n      notiz: A\n"
        "  - datum: 2010-06-01\n    eintrag: 3\n    grund: b\n    richtig:\n      notiz: B\n",
        26,
        "korrektur-reihenfolge",
        "Die Korrektur vom 01.06.2010 steht nach einer vom 02.06.2010.",
    ),
]


@pytest.mark.parametrize(("case", "text", "line", "code", "message"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_of_corrections(projekt: Projekt, case: str, text: str, line: int, code: str, message: str) -> None:
    two = (
        "  - datum: 2010-03-15\n    status: in_umsetzung\n    notiz: a\n"
        "  - datum: 2010-05-01\n    status: in_umsetzung\n    notiz: b\n"
    )
    projekt.write(M2, projekt.read(M2) + two + text)
    assert befunde(projekt) == (1, [(line, code, message)])
