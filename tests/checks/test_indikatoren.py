"""The rules for indicators (data/indikatoren), each on a broken copy of the Berichtsstadt fixture.

Each case breaks exactly one thing and expects exactly one finding, word for word, with file and line.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from luedialog.checks.indikatoren import breakdown_problems, source_problem, value_problem
from luedialog.model.indikatoren import Indikator
from luedialog.snapshot import load_snapshot
from tests.conftest import FIXTURES, Projekt

STICHTAG = "2012-12-31"
B1 = "data/indikatoren/I-BIL-01.yaml"
B2 = "data/indikatoren/I-BIL-02.yaml"
B3 = "data/indikatoren/I-BIL-03.yaml"
W1 = "data/indikatoren/I-WOH-01.yaml"
W2 = "data/indikatoren/I-WOH-02.yaml"
D1 = "data/indikatoren/I-DIA-01.yaml"
D2 = "data/indikatoren/I-DIA-02.yaml"

Break = Callable[[Projekt], object]


def _replace(name: str, old: str, new: str) -> Break:
    return lambda p: p.replace(name, old, new)


def _append(name: str, text: str) -> Break:
    return lambda p: p.write(name, p.read(name) + text)


def _both(first: Break, second: Break) -> Break:
    return lambda p: (first(p), second(p))


def findings(projekt: Projekt) -> tuple[int, list[str]]:
    """Exit code and the finding lines of ``pruefen`` (without the file headings and the summary)."""
    result = projekt.run("pruefen", "--stichtag", STICHTAG)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]


def test_fixture_is_clean_even_strictly(berichtsstadt: Projekt) -> None:
    result = berichtsstadt.run("pruefen", "--streng", "--stichtag", STICHTAG)
    assert (result.exit_code, result.stdout) == (
        0,
        "Alles in Ordnung: 25 Dateien geprüft, keine Fehler, keine Warnungen.\n",
    )


CASES: list[tuple[str, Break, list[str]]] = [
    (
        "leitlinie-unbekannt",
        _replace(B2, "leitlinie: L-BIL-1", "leitlinie: L-BIL-9"),
        [
            f"{B2}:5: Fehler: Verweis auf eine Leitlinie „L-BIL-9“, die es nicht gibt. [leitlinie] → Meinten "
            "Sie „L-BIL-3“?",
        ],
    ),
    (
        "unterziel-zu-gross",
        _replace(B1, "unterziel: 1", "unterziel: 2"),
        [
            f"{B1}:6: Fehler: Die Leitlinie L-BIL-3 hat 1 Unterziel, kein Unterziel 2. [unterziel] → Zählen "
            "Sie ab 1 in der Reihenfolge von „unterziele“ der Leitlinie.",
        ],
    ),
    (
        "empfehlung-ohne-empfehlungen",
        _replace(B2, "leitlinie: L-BIL-1\n", "leitlinie: L-BIL-1\nempfehlung: 1\n"),
        [
            f"{B2}:6: Fehler: Die Leitlinie L-BIL-1 hat 0 Handlungsempfehlungen, keine Handlungsempfehlung 1. "
            "[empfehlung] → Lassen Sie „empfehlung“ weg und verweisen Sie auf die Leitlinie selbst.",
        ],
    ),
    (
        "unterziel-und-empfehlung",
        _replace(B1, "unterziel: 1\n", "unterziel: 1\nempfehlung: 1\n"),
        [
            f"{B1}:7: Fehler: Ein Indikator misst ein Unterziel oder eine Handlungsempfehlung, nicht beides. "
            "[empfehlung] → Lassen Sie „unterziel“ oder „empfehlung“ weg.",
        ],
    ),
    (
        "wortlaut-abweichend",
        _replace(B2, "wortlaut: Alle Kinder lernen schwimmen.", "wortlaut: Alle Kinder lernen tauchen."),
        [
            f"{B2}:6: Warnung: Der Wortlaut steht so nicht in L-BIL-1. [wortlaut] → Zitieren Sie das Ziel "
            "wörtlich, wie es in der Leitlinie steht.",
        ],
    ),
    (
        "handlungsfeld-abweichend",
        _replace(B2, "einheit: prozent\n", "einheit: prozent\nhandlungsfeld: wohnen\n"),
        [
            f"{B2}:5: Warnung: Das Handlungsfeld „wohnen“ ist nicht das der Leitlinie L-BIL-1 („bildung“). "
            "[handlungsfeld] → Lassen Sie „handlungsfeld“ weg, dann gilt das der Leitlinie.",
        ],
    ),
    (
        "massnahme-unbekannt",
        _replace(B1, "massnahmen: [M-BIL-03]", "massnahmen: [M-BIL-30]"),
        [
            f"{B1}:15: Fehler: Verweis auf eine Maßnahme „M-BIL-30“, die es nicht gibt. [massnahmen[1]] → "
            "Meinten Sie „M-BIL-04“?",
        ],
    ),
    (
        "einheit-unbekannt",
        _replace(B2, "einheit: prozent", "einheit: proznet"),
        [
            f"{B2}:4: Fehler: „proznet“ ist kein bekannter Wert für die Einheit. [einheit] → Meinten Sie „prozent“?",
        ],
    ),
    (
        "ja-nein-steigt-nicht",
        _replace(D2, "richtung: erreicht_bis", "richtung: steigen"),
        [
            f"{D2}:8: Fehler: Ein Indikator mit ja/nein kann nicht „steigen“. [richtung] → Möglich bei "
            "ja/nein: erreicht_bis oder gleich_bleiben.",
        ],
    ),
    (
        "zielwert-ueber-100-prozent",
        _replace(B1, "zielwert: 90", "zielwert: 120"),
        [
            f"{B1}:10: Fehler: Der Zielwert 120 liegt nicht zwischen 0 und 100 (Einheit Prozent). [zielwert]",
        ],
    ),
    (
        "erreicht-bis-ohne-zieljahr",
        _replace(D2, "zieljahr: 2010\n", ""),
        [
            f"{D2}:8: Fehler: „erreicht_bis“ braucht ein Zieljahr. [richtung] → Ergänzen Sie „zieljahr: …“.",
        ],
    ),
    (
        "zieljahr-ohne-zielwert",
        _replace(W2, "richtung: steigen\n", "richtung: steigen\nzieljahr: 2012\n"),
        [
            f"{W2}:9: Warnung: Ein Zieljahr ohne Zielwert wird nicht bewertet. [zieljahr] → Ergänzen Sie "
            "„zielwert“ oder lassen Sie „zieljahr“ weg.",
        ],
    ),
    (
        "gleichstand-ohne-vergleich",
        _replace(D1, "vergleich: Zuwanderungsgeschichte\n", ""),
        [
            f"{D1}:8: Fehler: „gleichstand“ braucht „vergleich“: die Aufschlüsselung, deren zwei Werte "
            "verglichen werden. [richtung] → Zum Beispiel: vergleich: Migrationshintergrund",
        ],
    ),
    (
        "gleichstand-mit-zielwert",
        _replace(D1, "toleranz: 1\n", "toleranz: 1\nzielwert: 30\n"),
        [
            f"{D1}:10: Fehler: Bei „gleichstand“ ist das Ziel, dass zwei Reihen gleich sind; ein Zielwert hat "
            "keine Bedeutung. [zielwert] → Lassen Sie „zielwert“ weg (der erlaubte Abstand ist „toleranz“).",
        ],
    ),
    (
        "vergleich-ohne-gleichstand",
        _replace(D1, "richtung: gleichstand", "richtung: steigen"),
        [
            f"{D1}:11: Fehler: „vergleich“ gilt nur bei der Richtung „gleichstand“. [vergleich]",
        ],
    ),
    (
        "vergleich-mit-drei-werten",
        _replace(
            D1,
            "[Zuwanderungsgeschichte]\nvergleich: Zuwanderungsgeschichte",
            "[Zuwanderungsgeschichte, Stadtteil]\nvergleich: Stadtteil",
        ),
        [
            f"{D1}:11: Fehler: Verglichen werden zwei Reihen; „Stadtteil“ hat 3 Werte in luedialog.yaml. "
            "[vergleich] → Wählen Sie eine Aufschlüsselung mit genau zwei Werten (z. B. mit, ohne).",
        ],
    ),
    (
        "vergleich-nicht-aufgeschluesselt",
        _both(
            _replace(
                "luedialog.yaml",
                "  Zuwanderungsgeschichte: [mit, ohne]",
                "  Zuwanderungsgeschichte: [mit, ohne]\n  Alter: [jung, alt]",
            ),
            _replace(D1, "vergleich: Zuwanderungsgeschichte", "vergleich: Alter"),
        ),
        [
            f"{D1}:11: Fehler: „Alter“ steht nicht in den Aufschlüsselungen des Indikators. [vergleich] → "
            "Ergänzen Sie es in „aufschluesselungen“: [Alter].",
        ],
    ),
    (
        "aufschluesselung-unbekannt",
        _replace(B1, "aufschluesselungen: [Stadtteil]", "aufschluesselungen: [Stadtteil, Alter]"),
        [
            f"{B1}:12: Fehler: „Alter“ ist kein bekannter Wert für die Aufschlüsselung (luedialog.yaml). "
            "[aufschluesselungen[2]] → Erlaubt: Stadtteil, Zuwanderungsgeschichte.",
        ],
    ),
    (
        "toleranz-bei-ja-nein",
        _replace(D2, "zieljahr: 2010\n", "zieljahr: 2010\ntoleranz: 1\n"),
        [
            f"{D2}:10: Fehler: Bei ja/nein gibt es keine Toleranz. [toleranz]",
        ],
    ),
    (
        "wert-jahr-und-datum",
        _replace(W1, "  - jahr: 2010\n", "  - jahr: 2010\n    datum: 2010-06-30\n"),
        [
            f"{W1}:17: Fehler: Wert 2 hat „jahr“ und „datum“; gemeint sein kann nur eines. [werte[2]] → „jahr:"
            " 2010“ für einen Jahreswert, „datum: 2010-06-30“ für einen Stichtag.",
        ],
    ),
    (
        "wert-ohne-periode",
        _replace(W1, "  - jahr: 2010\n    wert: 6.5", "  - wert: 6.5"),
        [
            f"{W1}:17: Fehler: Wert 2: genau eines von „jahr“ und „datum“ ist nötig. [werte[2]] → „jahr: 2010“"
            " für einen Jahreswert, „datum: 2010-06-30“ für einen Stichtag.",
        ],
    ),
    (
        "wert-fehlt",
        _replace(W1, "    wert: 6.5\n", ""),
        [
            f"{W1}:17: Fehler: Wert 2 hat keinen „wert“. [werte[2]] → Nur eine Korrektur darf einen Wert streichen.",
        ],
    ),
    (
        "anzahl-mit-komma",
        _replace(W2, "    wert: 55", "    wert: 55.5"),
        [
            f"{W2}:21: Fehler: Wert 3: 55,5 ist keine Anzahl (eine ganze Zahl ab 0). [werte[3].wert]",
        ],
    ),
    (
        "ja-bei-prozent",
        _replace(B2, "    wert: 18", "    wert: ja"),
        [
            f"{B2}:27: Fehler: Wert 4: muss eine Zahl sein (Einheit Prozent), nicht ja oder nein. [werte[4].wert]",
        ],
    ),
    (
        "zahl-bei-ja-nein",
        _replace(D2, "    wert: nein", "    wert: 0"),
        [
            f"{D2}:13: Fehler: Wert 1: muss ja oder nein sein (Einheit ja/nein). [werte[1].wert]",
        ],
    ),
    (
        "aufschluesselung-nicht-beim-indikator",
        _replace(W1, "    wert: 6.5\n", "    wert: 6.5\n    aufschluesselung:\n      Stadtteil: Altstadt\n"),
        [
            f"{W1}:20: Fehler: Wert 2: Der Indikator I-WOH-01 ist nicht nach „Stadtteil“ aufgeschlüsselt. "
            "[werte[2].aufschluesselung] → Ergänzen Sie „aufschluesselungen: [Stadtteil]“ beim Indikator.",
        ],
    ),
    (
        "aufschluesselung-wert-unbekannt",
        _replace(B1, "      Stadtteil: Nordviertel", "      Stadtteil: Nordviertl"),
        [
            f"{B1}:32: Fehler: Wert 4: „Nordviertl“ ist kein Wert der Aufschlüsselung „Stadtteil“ "
            "(luedialog.yaml). [werte[4].aufschluesselung] → Meinten Sie „Nordviertel“?",
        ],
    ),
    (
        "quelle-platzhalter",
        _replace(B1, "    quelle: Kita-Statistik 2009", "    quelle: noch festzulegen"),
        [
            f"{B1}:23: Fehler: Wert 2: Jeder Wert braucht eine Quelle; „noch festzulegen“ nennt keine (z. B. "
            "Schulstatistik 2010/11). [werte[2].quelle]",
        ],
    ),
    (
        "erfasst-nach-dem-stichtag",
        _append(W2, "  - jahr: 2012\n    wert: 60\n    quelle: Förderbericht 2012\n    erfasst: 2013-01-15\n"),
        [
            f"{W2}:27: Fehler: Wert 4: erfasst am 15.01.2013, nach dem Stichtag 31.12.2012. [werte[4].erfasst]"
            " → Werte werden eingetragen, wenn sie vorliegen.",
        ],
    ),
    (
        "erfasst-vor-dem-jahr",
        _replace(
            W2,
            "  - jahr: 2011\n    wert: 55\n    quelle: Förderbericht 2011\n    erfasst: 2011-12-01",
            "  - jahr: 2012\n    wert: 55\n    quelle: Förderbericht 2011\n    erfasst: 2011-12-01",
        ),
        [
            f"{W2}:23: Fehler: Wert 3 für 2012 ist am 01.12.2011 erfasst, also vorher. [werte[3].erfasst] → "
            "Tippfehler im Jahr oder im Datum der Erfassung?",
        ],
    ),
    (
        "erfasst-nicht-in-reihenfolge",
        _append(W2, "  - jahr: 2008\n    wert: 30\n    quelle: Förderbericht 2008\n    erfasst: 2009-01-15\n"),
        [
            f"{W2}:27: Fehler: Wert 4 ist am 15.01.2009 erfasst, der vorige am 01.12.2011. [werte[4].erfasst] "
            "→ Neue Werte gehören ans Ende der Liste (die Werte werden nur fortgeschrieben).",
        ],
    ),
    (
        "korrektur-nach-vorn",
        _replace(B2, "    korrigiert: 2", "    korrigiert: 3"),
        [
            f"{B2}:20: Fehler: Für 2010 gibt es schon Wert 2. [werte[3]] → Eine Berichtigung nennt den "
            "Eintrag, den sie ersetzt: korrigiert: 2 (mit dem Grund in notiz).",
            f"{B2}:25: Fehler: Wert 3 korrigiert Eintrag 3; korrigiert werden kann nur ein früherer. "
            "[werte[3].korrigiert]",
        ],
    ),
    (
        "korrektur-ohne-grund",
        _replace(B2, "    notiz: Tippfehler beim Eintragen (22 statt 12).\n", ""),
        [
            f"{B2}:20: Fehler: Wert 3 ist eine Korrektur und braucht den Grund in „notiz“. [werte[3]] → Zum "
            "Beispiel: notiz: Tippfehler im Jahr (2012 statt 2010).",
        ],
    ),
    (
        "korrektur-doppelt",
        _append(
            B2,
            "  - jahr: 2010\n    wert: 21\n    quelle: Schulamt\n    erfasst: 2011-12-01\n"
            "    notiz: Nachgezählt.\n    korrigiert: 2\n",
        ),
        [
            f"{B2}:30: Fehler: Für 2010 gibt es schon Wert 3. [werte[5]] → Eine Berichtigung nennt den "
            "Eintrag, den sie ersetzt: korrigiert: 3 (mit dem Grund in notiz).",
            f"{B2}:35: Fehler: Eintrag 2 ist schon von Eintrag 3 korrigiert. [werte[5].korrigiert] → "
            "Korrigieren Sie die Korrektur: korrigiert: 3.",
        ],
    ),
    (
        "wert-doppelt",
        _append(W2, "  - jahr: 2011\n    wert: 56\n    quelle: Förderbericht 2011\n    erfasst: 2012-01-15\n"),
        [
            f"{W2}:24: Fehler: Für 2011 gibt es schon Wert 3. [werte[4]] → Eine Berichtigung nennt den "
            "Eintrag, den sie ersetzt: korrigiert: 3 (mit dem Grund in notiz).",
        ],
    ),
    (
        "id-passt-nicht-zum-dateinamen",
        _replace(B3, "id: I-BIL-03", "id: I-BIL-04"),
        [
            f"{B3}:2: Fehler: Die ID „I-BIL-04“ passt nicht zum Dateinamen „I-BIL-03.yaml“. [id] → Benennen "
            "Sie die Datei in „I-BIL-04.yaml“ um oder korrigieren Sie die ID.",
        ],
    ),
    (
        "konfiguration-aufschluesselung-leer",
        _replace(
            "luedialog.yaml",
            "  Zuwanderungsgeschichte: [mit, ohne]",
            "  Zuwanderungsgeschichte: [mit, ohne]\n  Alter: []",
        ),
        [
            "luedialog.yaml:44: Fehler: Die Aufschlüsselung „Alter“ hat keine Werte. [aufschluesselungen] → "
            "Tragen Sie die Werte ein, z. B. Alter: [mit, ohne].",
        ],
    ),
]


@pytest.mark.parametrize(("brk", "expected"), [pytest.param(b, e, id=n) for n, b, e in CASES])
def test_one_break_its_findings(berichtsstadt: Projekt, brk: Break, expected: list[str]) -> None:
    brk(berichtsstadt)
    code, found = findings(berichtsstadt)
    assert found == expected
    assert code == (0 if all(": Warnung: " in e for e in expected) else 1)


def test_a_withdrawing_correction_needs_no_value(berichtsstadt: Projekt) -> None:
    berichtsstadt.write(
        W2,
        berichtsstadt.read(W2)
        + "  - jahr: 2011\n    quelle: Förderbericht 2011\n    erfasst: 2012-01-15\n"
        + "    notiz: Der Wert gehört zu einem anderen Indikator.\n    korrigiert: 3\n",
    )
    assert findings(berichtsstadt) == (0, [])


def test_a_correction_may_change_the_year(berichtsstadt: Projekt) -> None:
    berichtsstadt.write(
        W2,
        berichtsstadt.read(W2)
        + "  - jahr: 2008\n    wert: 61\n    quelle: Förderbericht 2012\n    erfasst: 2012-12-01\n"
        + "  - jahr: 2012\n    wert: 61\n    quelle: Förderbericht 2012\n    erfasst: 2012-12-02\n"
        + "    notiz: Tippfehler im Jahr (2008 statt 2012).\n    korrigiert: 4\n",
    )
    assert findings(berichtsstadt) == (0, [])


def test_value_rules_in_words() -> None:
    assert value_problem("prozent", 100.0) is None
    assert value_problem("prozent", -0.5) == "Der Wert -0,5 liegt nicht zwischen 0 und 100 (Einheit Prozent)."
    assert value_problem("anzahl", 3.0) is None
    assert value_problem("euro", -1234.5) is None
    assert value_problem("ja_nein", True) is None
    assert value_problem("euro", False) == "Der Wert muss eine Zahl sein (Einheit Euro), nicht ja oder nein."
    assert source_problem("Kita-Statistik 2010") is None
    assert source_problem(" ? ") == "Jeder Wert braucht eine Quelle; „?“ nennt keine (z. B. Schulstatistik 2010/11)."


def test_breakdown_rules_in_words() -> None:
    snap = load_snapshot(FIXTURES / "berichtsstadt").snapshot
    assert snap is not None
    ind: Indikator = snap.indikatoren["I-DIA-01"]
    assert breakdown_problems(snap.config, ind, (("Zuwanderungsgeschichte", "mit"),)) == []
    assert breakdown_problems(snap.config, ind, (("Zuwanderungsgeschichte", "Mit"), ("Stadtteil", "Altstadt"))) == [
        ("„Mit“ ist kein Wert der Aufschlüsselung „Zuwanderungsgeschichte“ (luedialog.yaml).", "Meinten Sie „mit“?"),
        ("Der Indikator I-DIA-01 ist nicht nach „Stadtteil“ aufgeschlüsselt.", "Erlaubt: Zuwanderungsgeschichte."),
    ]
