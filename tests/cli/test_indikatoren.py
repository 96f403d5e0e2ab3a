"""`luedialog indikatoren`, and the indicators in `status` and `zeige L-…`, through the CLI on Berichtsstadt."""

from __future__ import annotations

import json

from tests.conftest import FIXTURES, REPO, lines, run_cli

STADT = str(FIXTURES / "berichtsstadt")
WIDE: dict[str, str | None] = {"COLUMNS": "120", "NO_COLOR": "1"}


def shown(*args: str) -> list[str]:
    result = run_cli("--daten", STADT, *args, env=WIDE)
    assert result.exit_code == 0, result.stderr
    return list(lines(result.stdout))


def test_indikatoren_of_one_field_in_words() -> None:
    assert shown("indikatoren", "--feld", "dialog", "--stichtag", "31.12.2010") == [
        "Berichtsdialog – Indikatoren am 31.12.2010",
        "",
        "Dialog der Kulturen",
        "  I-DIA-01  Anteil der Einwohner, die ein Begegnungsangebot nutzen  auf Kurs",
        "    Ziel          Gleichstand zweier Reihen: Zuwanderungsgeschichte (Toleranz 1 Prozentpunkt)",
        "    Wortlaut      Begegnungen zwischen allen Gruppen der Stadt werden gefördert. (Vorlage 7/08, Anlage 1, "
        "Dialog der",
        "                  Kulturen, Nr. 1)",
        "    Misst         L-DIA-1",
        "    Letzter Wert  2010: mit 28 %, ohne 34 % (Abstand 6 Prozentpunkte)",
        "    Trend         2009: mit 20 %, ohne 35 % (Abstand 15 Prozentpunkte) → 2010: mit 28 %, ohne 34 % (Abstand 6",
        "                  Prozentpunkte)",
        "    Regel         Der Abstand zwischen Zuwanderungsgeschichte „mit“ und „ohne“ ist kleiner geworden: 6 "
        "Prozentpunkte",
        "                  (2010), im ersten Vergleich im Prozesszeitraum 15 Prozentpunkte (2009).",
        "    Quelle        Bürgerumfrage",
        "  I-DIA-02  Stadtportal in mehreren Sprachen  nicht auf Kurs",
        "    Ziel          ja bis 2010",
        "    Wortlaut      Die Stadt informiert mehrsprachig. (Vorlage 7/08, Anlage 1, Dialog der Kulturen, Nr. 2)",
        "    Misst         L-DIA-2",
        "    Letzter Wert  2009: nein",
        "    Trend         2009: nein",
        "    Regel         Ziel (ja bis 2010) nicht erreicht; letzter Wert 2009: nein.",
        "    Quelle        Presseamt",
        "",
        "Indikatoren: 1 auf Kurs · 1 nicht auf Kurs · 0 erreicht · 0 keine Daten",
    ]


def test_a_correction_is_listed_from_its_day_on() -> None:
    out = shown("indikatoren", "--feld", "bildung", "--stichtag", "31.12.2011")
    assert "    Korrektur     Wert 3 berichtigt Wert 2 am 10.01.2011: Tippfehler beim Eintragen (22 statt 12)." in out
    assert not any("Korrektur" in line for line in shown("indikatoren", "--stichtag", "31.12.2010"))


def test_indikatoren_as_json() -> None:
    data = json.loads("\n".join(shown("indikatoren", "--stichtag", "2011-12-31", "--format", "json")))
    assert data["stichtag"] == "2011-12-31" and data["filter"] == {"feld": None}
    assert data["bewertungen"] == {"auf_kurs": 2, "nicht_auf_kurs": 1, "erreicht": 3, "keine_daten": 1}
    by_id = {i["id"]: i for i in data["indikatoren"]}
    assert list(by_id) == ["I-BIL-01", "I-BIL-02", "I-BIL-03", "I-DIA-01", "I-DIA-02", "I-WOH-01", "I-WOH-02"]
    woh = by_id["I-WOH-01"]
    assert (woh["bewertung"], woh["bewertung_bezeichnung"], woh["ziel"]) == (
        "nicht_auf_kurs",
        "nicht auf Kurs",
        "gleich bleiben (Toleranz 0,50 €)",
    )
    assert [(p["periode"], p["wert"]) for p in woh["trend"]] == [("2009", 6.2), ("2010", 6.5), ("2011", 7.1)]
    assert woh["letzter_wert"] == {
        "periode": "2011",
        "jahr": 2011,
        "datum": None,
        "wert": 7.1,
        "quelle": "Mietspiegel 2011",
        "erfasst": "2011-10-01",
        "eintrag": 3,
        "korrektur": False,
    }
    dia = by_id["I-DIA-01"]["letzter_wert"]
    assert (dia["abstand"], [w["wert"] for w in dia["werte"]]) == (0.5, [33, 33.5])
    assert [(r["name"], r["aufschluesselung"]) for r in by_id["I-BIL-01"]["reihen"]] == [
        ("Gesamt", {}),
        ("Stadtteil: Nordviertel", {"Stadtteil": "Nordviertel"}),
        ("Stadtteil: Südhafen", {"Stadtteil": "Südhafen"}),
    ]
    assert by_id["I-BIL-02"]["korrekturen"] == [
        {"eintrag": 3, "korrigiert": 2, "erfasst": "2011-01-10", "grund": "Tippfehler beim Eintragen (22 statt 12)."}
    ]
    assert by_id["I-BIL-03"]["letzter_wert"] is None and by_id["I-BIL-03"]["trend"] == []


def test_unknown_field_is_a_usage_error() -> None:
    result = run_cli("--daten", STADT, "indikatoren", "--feld", "bildng")
    assert (result.exit_code, result.stderr) == (2, "Fehler: --feld: „bildng“ ist unbekannt. Meinten Sie „bildung“?\n")


def test_status_counts_the_indicators_per_assessment() -> None:
    out = shown("status", "--stichtag", "31.12.2010")
    assert "Indikatoren: 4 auf Kurs · 2 nicht auf Kurs · 0 erreicht · 1 keine Daten" in out
    assert "Indikatoren: 1 auf Kurs · 1 nicht auf Kurs · 0 erreicht · 0 keine Daten" in shown(
        "status", "--feld", "dialog", "--stichtag", "31.12.2010"
    )
    data = json.loads("\n".join(shown("status", "--stichtag", "31.12.2010", "--format", "json")))
    assert data["indikatoren"] == {"auf_kurs": 4, "nicht_auf_kurs": 2, "erreicht": 0, "keine_daten": 1}


def test_status_without_indicators_says_nothing_of_them() -> None:
    result = run_cli("--daten", str(FIXTURES / "musterstadt"), "status", "--stichtag", "31.12.2010", env=WIDE)
    assert "Indikatoren" not in result.stdout
    data = json.loads(run_cli("--daten", str(FIXTURES / "musterstadt"), "status", "--format", "json").stdout)
    assert data["indikatoren"] == {}


def test_zeige_lists_the_indicators_of_a_guideline() -> None:
    out = shown("zeige", "L-WOH-2", "--stichtag", "31.12.2011")
    start = out.index("Indikatoren zu dieser Leitlinie (2):")
    assert out[start : start + 3] == [
        "Indikatoren zu dieser Leitlinie (2):",
        "  I-WOH-01  nicht auf Kurs  Durchschnittliche Nettokaltmiete je Quadratmeter – Ziel: gleich bleiben "
        "(Toleranz 0,50 €);",
        "zuletzt 2011: 7,10 €",
    ]
    assert out[start + 3] == "  I-WOH-02  auf Kurs  Geförderte Wohnungen – Ziel: steigen; zuletzt 2011: 55"
    data = json.loads("\n".join(shown("zeige", "L-WOH-2", "--stichtag", "31.12.2011", "--format", "json")))
    assert [(i["id"], i["bewertung"]) for i in data["indikatoren"]] == [
        ("I-WOH-01", "nicht_auf_kurs"),
        ("I-WOH-02", "auf_kurs"),
    ]


def test_zeige_of_a_guideline_without_indicators_shows_none() -> None:
    assert not any("Indikatoren" in line for line in shown("zeige", "L-WOH-1"))


def test_zeige_of_the_shipped_data_names_the_indicator_of_c7() -> None:
    result = run_cli("--daten", str(REPO), "zeige", "L-BEK-C7", env=WIDE)
    assert (
        "  I-BEK-03  keine Daten  Quote von Schülerinnen und Schülern ohne Schulabschluss – Ziel: sinken; "
        "zuletzt kein Wert" in lines(result.stdout)
    )
