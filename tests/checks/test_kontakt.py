"""No contact data in values (issue 12, §3): e-mail addresses, telephone numbers and street
addresses in any text of a group or of a measure's history are an error with file, line and hint.

The finding says what kind of contact data it is, never the data itself; the wording of council
papers (dates, paper numbers, amounts, street names without a house number) is not contact data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from luedialog.checks.kontakt import HINT, kind_of
from tests.conftest import FIXTURES, REPO, Projekt, daten, run_cli

AG = "data/gruppen/ag-bildung.yaml"
M1 = "data/massnahmen/M-BIL-01.yaml"
EMAIL, PHONE, ADDRESS = "eine E-Mail-Adresse", "eine Telefonnummer", "eine Anschrift"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Rückfragen an otto.offen@example.org", EMAIL),
        ("Kontakt: info@schule-am-park.de.", EMAIL),
        ("schreiben Sie an otto (at) example (dot) org", EMAIL),
        ("otto[at]example.org", EMAIL),
        ("Tel. 0231 123456", PHONE),
        ("Telefon: 12 34 56", PHONE),
        ("Fax 02306/104-123", PHONE),
        ("erreichbar unter +49 2306 104-0", PHONE),
        ("0049 (0)231 1234567", PHONE),
        ("Handy 0171 1234567", PHONE),
        ("Rückruf unter 0171-1234567 erbeten", PHONE),
        ("bitte unter (02306) 10 40 melden", PHONE),
        ("0231/9876543", PHONE),
        ("wohnt in der Schulstraße 12", ADDRESS),
        ("Treffen: Kurt-Schumacher-Str. 3a", ADDRESS),
        ("Am Marktplatz 1 im Rathaus", ADDRESS),
        ("Lange Straße 12", ADDRESS),
        ("Postfach 1234", ADDRESS),
        ("Rathaus, Willy-Brandt-Platz 1, 44532 Lünen", ADDRESS),
        ("D-44532 Lünen", ADDRESS),
    ],
)
def test_contact_data_is_recognised(text: str, kind: str) -> None:
    assert kind_of(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Stand laut Vorlage 56/08 vom 25.09.2008",
        "Beschluss vom 01.03.2009, Niederschrift 2009/12",
        "Drucksache 0815/2010",
        "Zeitraum 2009–2014, Kosten 10.000 € (0,5 Mio. im Haushalt 2010)",
        "Kinder von 0 bis 3 Jahren, Klassen 5/6",
        "§ 78 SGB VIII, Leitlinie L-BEK-B1.2, Maßnahme M-SUW-23",
        "Die Lange Straße wird umgebaut; die Münsterstraße bleibt.",
        "auf Platz 3 der Rangliste",
        "Die Schulwegstraße ist zu 80 % fertig",
        "12.000 Besucherinnen und Besucher, 15000 Einwohner",
        "Haushaltsstelle 0.2300.501000",
        "https://www.luenen.de/rat/vorlage-56-08",
        "Sitzung am 15.03.2010 um 17:00 Uhr",
        "Produktkonto 01 02 03",
        "+1 Tag Verzug, +49 231 0",
    ],
)
def test_the_words_of_council_papers_are_not_contact_data(text: str) -> None:
    assert kind_of(text) is None


@pytest.fixture
def stadt(tmp_path: Path) -> Projekt:
    root = tmp_path / "gruppenstadt"
    shutil.copytree(FIXTURES / "gruppenstadt", root)
    return Projekt(root)


def line_of(projekt: Projekt, name: str, text: str) -> int:
    return next(i for i, line in enumerate(projekt.read(name).split("\n"), start=1) if line == text)


@pytest.mark.parametrize(
    ("old", "new", "key", "kind"),
    [
        ("    thema: Schulwege\n", "    thema: Schulwege, Rückfragen an info@example.org\n",
         "sitzungen[2].thema", EMAIL),
        ("    fuer: Grundschule am Park\n", "    fuer: Grundschule am Park, Tel. 0231 123456\n",
         "mitglieder[4].fuer", PHONE),
        ("name: Arbeitsgruppe Bildung\n", "name: Arbeitsgruppe Bildung\nbeschreibung: Treffen in der Schulstraße 12\n",
         "beschreibung", ADDRESS),
    ],
    ids=["thema", "fuer", "beschreibung"],
)  # fmt: skip
def test_contact_data_in_a_group_text_is_an_error(stadt: Projekt, old: str, new: str, key: str, kind: str) -> None:
    stadt.replace(AG, old, new)
    result = stadt.run("pruefen", "--stichtag", "2012-12-31")
    assert result.exit_code == 1
    line = line_of(stadt, AG, next(x for x in new.split("\n") if x.strip().startswith(key.rsplit(".", 1)[-1] + ":")))
    findings = [x.strip() for x in result.stdout.splitlines() if x.startswith("  ")]
    assert findings == [
        f"{AG}:{line}: Fehler: In „{key}“ steht {kind}; Kontaktdaten gehören nicht in dieses Repository. "
        f"[{key}] → {HINT}"
    ]
    for fmt in ("json", "github", "gitlab"):  # what CI publishes says the kind, not the data
        out = stadt.run("pruefen", "--stichtag", "2012-12-31", "--format", fmt).stdout
        assert kind in out
        assert "example.org" not in out and "123456" not in out and "Schulstraße 12" not in out


def test_contact_data_in_a_history_entry_is_an_error(projekt: Projekt) -> None:
    projekt.replace(M1, "    von: Schulamt\n", "    von: Schulamt, otto@example.org\n")
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert (result.exit_code, result.stdout.splitlines()[1].strip()) == (
        1,
        f"{M1}:20: Fehler: In „verlauf[2].von“ steht eine E-Mail-Adresse; Kontaktdaten gehören nicht in "
        f"dieses Repository. [verlauf[2].von] → {HINT}",
    )


@pytest.mark.usefixtures("git_ohne_benutzer")
def test_sachstand_refuses_a_note_with_contact_data_and_changes_nothing(projekt: Projekt) -> None:
    before = daten(projekt.root)
    result = projekt.run(
        "sachstand", "M-BIL-02", "geplant", "--notiz", "Ruf mich an: 0171 1234567", "--datum", "2010-03-01",
        "--von", "Bauamt",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "steht eine Telefonnummer" in result.stderr and "0171" not in result.stderr
    assert daten(projekt.root) == before


def test_contact_data_in_a_guideline_is_an_error(projekt: Projekt) -> None:
    name = next(p for p in sorted((projekt.root / "data" / "leitlinien").glob("*.yaml")))
    text = name.read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith("text:"))
    rows = text.splitlines(keepends=True)
    rows[line - 1] = rows[line - 1].rstrip("\n") + ", Auskunft über info@example.org\n"
    name.write_text("".join(rows), encoding="utf-8")
    result = projekt.run("pruefen")
    assert result.exit_code == 1
    shown = [row.strip() for row in result.stdout.splitlines() if "E-Mail-Adresse" in row]
    assert len(shown) == 1
    assert shown[0].startswith(f"data/leitlinien/{name.name}:{line}: Fehler: In „")
    assert "example.org" not in result.stdout


def test_the_shipped_data_has_no_contact_data_and_passes_strictly() -> None:
    result = run_cli("--daten", str(REPO), "pruefen", "--streng")
    assert result.exit_code == 0, result.stdout


I1 = "data/indikatoren/I-BIL-01.yaml"


def test_contact_data_in_a_value_of_an_indicator_is_an_error(berichtsstadt: Projekt) -> None:
    berichtsstadt.replace(
        I1, "    quelle: Kita-Statistik 2009\n", "    quelle: Kita-Statistik, Frau Muster 0231 123456\n"
    )
    result = berichtsstadt.run("pruefen", "--stichtag", "2012-12-31")
    findings = [x.strip() for x in result.stdout.splitlines() if x.startswith("  ")]
    assert (result.exit_code, findings) == (
        1,
        [
            f"{I1}:23: Fehler: In „werte[2].quelle“ steht eine Telefonnummer; Kontaktdaten gehören nicht in "
            f"dieses Repository. [werte[2].quelle] → {HINT}"
        ],
    )


@pytest.mark.usefixtures("git_ohne_benutzer")
def test_wert_refuses_contact_data_in_source_or_note_and_changes_nothing(berichtsstadt: Projekt) -> None:
    before = daten(berichtsstadt.root)
    for extra in (
        ["--quelle", "Jugendamt, otto@example.org"],
        ["--quelle", "Jugendamt", "--notiz", "Tel. 0231 123456"],
    ):
        result = berichtsstadt.run("wert", "I-BIL-02", "2012", "5", "--erfasst", "2012-12-01", *extra)
        assert result.exit_code == 1, result.stderr
        assert "Kontaktdaten gehören nicht in dieses Repository" in result.stderr
        assert "example.org" not in result.stderr and "123456" not in result.stderr
    assert daten(berichtsstadt.root) == before


@pytest.mark.parametrize(
    ("old", "new", "key", "kind"),
    [
        ("titel: Schwimmkurse\n", "titel: Schwimmkurse, Anmeldung unter kurse@example.org\n", "titel", EMAIL),
        ("art: projekt\n", "art: projekt\nbeschreibung: Treffpunkt Schulstraße 12\n", "beschreibung", ADDRESS),
    ],
    ids=["titel", "beschreibung"],
)
def test_contact_data_in_title_or_description_of_a_measure_is_an_error(
    projekt: Projekt, old: str, new: str, key: str, kind: str
) -> None:
    projekt.replace(M1, old, new)
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    line = line_of(projekt, M1, new.split("\n")[-2])
    assert (result.exit_code, result.stdout.splitlines()[1].strip()) == (
        1,
        f"{M1}:{line}: Fehler: In „{key}“ steht {kind}; Kontaktdaten gehören nicht in dieses Repository. "
        f"[{key}] → {HINT}",
    )
