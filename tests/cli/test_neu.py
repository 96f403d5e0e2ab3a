"""`luedialog neu massnahme`, `neu empfehlung` and `neu leitlinie`: every field the model knows, checked
before anything is written; a refusal names the option and leaves every file byte for byte as it was."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from luedialog.files.read import Value, read_document
from tests.conftest import FIXTURES, Projekt, added_lines, daten, git

pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git ist nicht installiert")


@pytest.fixture
def stadt(tmp_path: Path) -> Projekt:
    """A copy of Gruppenstadt: recommendations, target agreements, groups, two districts."""
    root = tmp_path / "gruppenstadt"
    shutil.copytree(FIXTURES / "gruppenstadt", root)
    return Projekt(root)


def data_of(projekt: Projekt, name: str) -> dict[str, Value]:
    doc, findings = read_document(projekt.path(name), name)
    assert doc is not None and findings == [] and isinstance(doc.data, dict), findings
    return doc.data


def test_every_field_of_a_measure_and_a_first_entry_in_the_past(stadt: Projekt) -> None:
    result = stadt.run(
        "neu", "massnahme", "--feld", "Bildung", "--titel", "Schwimmhalle: Sanierung", "--art", "projekt",
        "--leitlinie", "l-bil-1", "--teil-von", "m-bil-01", "--gewicht", "2", "--beschreibung", "Dach und Technik",
        "--priorisiert", "--stadtteil", "nordviertel", "--stadtteil", "Südhafen", "--gruppe", "AG-Bildung",
        "--verantwortlich", "Gebäudemanagement", "--zieldatum", "31.12.11", "--status", "In Umsetzung",
        "--datum", "15.03.2010", "--notiz", "Vom Rat beschlossen", "--nachweis", "Vorlage 12/10",
        "--fortschritt", "10 %", "--von", "Bauamt", "--kosten", "1.200.000", "--foerderung", "800.000,50",
        "--eigenanteil", "399999,50", "--haushalt", "Produkt 03.01", "--finanz-notiz", "Förderprogramm Bäder",
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Angelegt: M-BIL-03 in data/massnahmen/M-BIL-03.yaml\n"
    assert stadt.read("data/massnahmen/M-BIL-03.yaml") == (
        "# yaml-language-server: $schema=../../schema/massnahme.schema.json\n"
        "# Maßnahme M-BIL-03, angelegt mit luedialog neu massnahme\n"
        "id: M-BIL-03\n"
        'titel: "Schwimmhalle: Sanierung"\n'
        "art: projekt\n"
        "handlungsfeld: bildung\n"
        "leitlinien:\n  - L-BIL-1\n"
        "priorisiert: ja\n"
        "beschreibung: Dach und Technik\n"
        "stadtteile:\n  - Nordviertel\n  - Südhafen\n"
        "teil_von: M-BIL-01\n"
        "gewicht: 2.0\n"
        "gruppen:\n  - ag-bildung\n"
        "verantwortlich: Gebäudemanagement\n"
        "zieldatum: 2011-12-31\n"
        "finanzen:\n  kosten: 1200000.0\n  foerderung: 800000.5\n  eigenanteil: 399999.5\n"
        "  haushalt: Produkt 03.01\n  notiz: Förderprogramm Bäder\n"
        "verlauf:\n"
        "  - datum: 2010-03-15\n    status: in_umsetzung\n    notiz: Vom Rat beschlossen\n    von: Bauamt\n"
        "    nachweis: Vorlage 12/10\n    fortschritt: 10\n"
    )
    assert stadt.run("pruefen").exit_code == 0


def test_a_target_agreement_with_partners(stadt: Projekt) -> None:
    result = stadt.run(
        "neu", "massnahme", "--feld", "wohnen", "--titel", "Quartiersbüro", "--art", "zielvereinbarung",
        "--partner", "Wohnungsbau eG", "--partner", "Mieterverein", "--vereinbart-am", "01.02.2010",
        "--datum", "01.02.2010", "--status", "beauftragt",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = data_of(stadt, "data/massnahmen/M-WOH-03.yaml")
    assert (data["partner"], data["vereinbart_am"]) == (["Wohnungsbau eG", "Mieterverein"], date(2010, 2, 1))
    assert stadt.run("pruefen", "--streng").exit_code == 0


def test_a_recommendation_of_a_group(stadt: Projekt) -> None:
    result = stadt.run(
        "neu", "empfehlung", "--herkunft", "ag-wohnen", "--herkunft-datum", "10.05.2010", "--feld", "wohnen",
        "--titel", "Mieterberatung im Quartier", "--adressat", "Wohnungsbau eG", "--weg", "selbstverpflichtung",
        "--datum", "10.05.2010", "--von", "AG Wohnen",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "Angelegt: Empfehlung M-WOH-03 in data/massnahmen/M-WOH-03.yaml\n")
    assert stadt.read("data/massnahmen/M-WOH-03.yaml").split("id: M-WOH-03\n", 1)[1] == (
        "titel: Mieterberatung im Quartier\n"
        "art: empfehlung\n"
        "handlungsfeld: wohnen\n"
        "herkunft:\n  gruppe: ag-wohnen\n  datum: 2010-05-10\n"
        "adressat: Wohnungsbau eG\n"
        "weg: selbstverpflichtung\n"
        "verlauf:\n  - datum: 2010-05-10\n    status: empfohlen\n    notiz: Empfehlung aufgenommen.\n"
        "    von: AG Wohnen\n"
    )
    assert stadt.run("pruefen", "--streng").exit_code == 0


REFUSALS: list[tuple[str, list[str], str]] = [
    (
        "recommendation fields for a project",
        ["--feld", "bildung", "--titel", "X", "--art", "projekt", "--adressat", "Schulamt"],
        "Fehler: --adressat gilt nur für Empfehlungen (--art empfehlung); diese Maßnahme hat die Art „projekt“.\n",
    ),
    (
        "partners for a recommendation",
        ["--feld", "bildung", "--titel", "X", "--art", "empfehlung", "--partner", "Verein"],
        "Fehler: --partner gilt nur für Zielvereinbarungen (--art zielvereinbarung); diese Maßnahme hat die Art "
        "„empfehlung“.\n",
    ),
    (
        "a first entry in the future",
        ["--feld", "bildung", "--titel", "X", "--art", "projekt", "--datum", "01.01.2099"],
        f"Fehler: --datum: Der 01.01.2099 liegt in der Zukunft (heute ist der {date.today():%d.%m.%Y}).\n",
    ),
    (
        "a target date before the first entry",
        ["--feld", "bildung", "--titel", "X", "--art", "projekt", "--datum", "01.03.2010", "--zieldatum", "01.01.2010"],
        "Fehler: --zieldatum: Das Zieldatum 01.01.2010 liegt vor dem ersten Eintrag (01.03.2010).\n",
    ),
    (
        "a weight without a parent",
        ["--feld", "bildung", "--titel", "X", "--art", "projekt", "--gewicht", "2"],
        "Fehler: --gewicht gilt nur für eine Teilmaßnahme (mit --teil-von).\n",
    ),
    (
        "an unknown district",
        ["--feld", "bildung", "--titel", "X", "--art", "projekt", "--stadtteil", "Westend"],
        "Fehler: --stadtteil: „Westend“ ist unbekannt. Möglich: Nordviertel, Südhafen.\n",
    ),
    (
        "a negative amount",
        ["--feld", "bildung", "--titel", "X", "--art", "projekt", "--kosten", "-5"],
        "Fehler: --kosten: Ein Betrag kann nicht negativ sein (-5).\n",
    ),
    (
        "an absurd amount",
        ["--feld", "bildung", "--titel", "X", "--art", "projekt", "--kosten", "1e308"],
        "Fehler: --kosten: Der Betrag 1e+308 ist zu groß (höchstens 1.000.000.000.000,00 €).\n",
    ),
    (
        "a weight that is no number",
        ["--feld", "bildung", "--titel", "X", "--art", "projekt", "--teil-von", "M-BIL-01", "--gewicht", "nan"],
        "Fehler: --gewicht: „nan“ ist kein Gewicht; erwartet wird eine Zahl bis 1.000.000.\n",
    ),
    (
        "an amount that is none",
        ["--feld", "bildung", "--titel", "X", "--kosten", "viel"],
        "Fehler: Ungültiger Wert für --kosten: kein Betrag (z. B. 1200 oder 1.200,50)\n"
        "Hilfe: luedialog neu massnahme --help\n",
    ),
    (
        "an unknown route",
        ["--feld", "bildung", "--titel", "X", "--art", "empfehlung", "--weg", "post"],
        "Fehler: --weg: „post“ ist unbekannt. Möglich: steuerungsgruppe, selbstverpflichtung.\n",
    ),
]


@pytest.mark.parametrize(("case", "args", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusals_name_the_option_and_write_nothing(stadt: Projekt, case: str, args: list[str], message: str) -> None:
    before = daten(stadt.root)
    result = stadt.run("neu", "massnahme", *args)
    assert (result.exit_code, result.stderr) == (2, message)
    assert daten(stadt.root) == before


def test_an_unknown_parent_suggests_the_same_number(stadt: Projekt) -> None:
    result = stadt.run("neu", "massnahme", "--feld", "bildung", "--titel", "X", "--teil-von", "M-BIL-1")
    assert (result.exit_code, result.stderr) == (
        1,
        "Fehler: --teil-von: Keine Maßnahme mit der ID „M-BIL-1“. Meinten Sie „M-BIL-01“?\n",
    )


def test_dry_run_shows_the_new_file_as_a_diff(stadt: Projekt) -> None:
    before = daten(stadt.root)
    result = stadt.run("neu", "massnahme", "--feld", "bildung", "--titel", "Probe", "--art", "projekt", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("--- /dev/null\n+++ b/data/massnahmen/M-BIL-03.yaml\n")
    assert "+id: M-BIL-03\n" in result.stdout
    assert daten(stadt.root) == before


@needs_git
def test_commit_holds_exactly_the_new_file(stadt: Projekt) -> None:
    root = stadt.root
    git(root, "init", "-q")
    git(root, "config", "user.name", "Erika Mustermann")
    git(root, "config", "user.email", "erika@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Anfang")
    stadt.write("entwurf.txt", "nicht committen\n")
    result = stadt.run("neu", "massnahme", "--feld", "bildung", "--titel", "Probe", "--art", "projekt", "--commit")
    assert result.stderr == (
        "Angelegt: M-BIL-03 in data/massnahmen/M-BIL-03.yaml\ngit-Commit angelegt: data/massnahmen/M-BIL-03.yaml\n"
    )
    assert git(root, "show", "--name-only", "--format=%s", "HEAD") == (
        "Neue Maßnahme M-BIL-03: Probe\n\ndata/massnahmen/M-BIL-03.yaml\n"
    )
    assert git(root, "status", "--porcelain", "--untracked-files=no") == ""  # nothing else was committed or staged
    assert "?? entwurf.txt\n" in git(root, "status", "--porcelain")


# --- neu leitlinie ---------------------------------------------------------------------------------


def test_a_guideline_adopted_later_is_appended_with_the_decision_as_source(stadt: Projekt) -> None:
    name = "data/leitlinien/bildung.yaml"
    before = stadt.path(name).read_bytes()
    result = stadt.run(
        "neu", "leitlinie", "--feld", "bildung", "--text", "Jede Schule hat einen Ganztag.",
        "--quelle", "Ratsbeschluss vom 12.05.2011 (Vorlage 23/11)", "--beschlossen-am", "12.05.2011",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "Angelegt: Leitlinie L-BIL-2 in data/leitlinien/bildung.yaml\n")
    assert added_lines(before, stadt.path(name).read_bytes()) == [
        "  - id: L-BIL-2\n",
        "    art: strategisches_ziel\n",
        "    text: Jede Schule hat einen Ganztag.\n",
        "    quelle: Ratsbeschluss vom 12.05.2011 (Vorlage 23/11)\n",
        "    beschlossen_am: 2011-05-12\n",
    ]
    assert stadt.run("pruefen").exit_code == 0
    shown = stadt.run("zeige", "l-bil-2").stdout
    assert "Jede Schule hat einen Ganztag." in shown


def test_a_guideline_with_contact_data_is_refused_without_repeating_it(stadt: Projekt) -> None:
    """Guidelines are public text: an address or a number in it is refused like in any other file."""
    before = daten(stadt.root)
    result = stadt.run(
        "neu", "leitlinie", "--feld", "bildung", "--text", "Anmeldung im Schulamt, Tel. 02306 104-1234.",
        "--quelle", "Ratsbeschluss vom 12.05.2011", "--beschlossen-am", "12.05.2011",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "steht eine Telefonnummer" in result.stderr
    assert "104-1234" not in result.stderr + result.stdout
    assert daten(stadt.root) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [
                "--feld",
                "bildung",
                "--text",
                "X",
                "--quelle",
                "Rat",
                "--beschlossen-am",
                "12.05.2011",
                "--id",
                "l-bil-1",
            ],
            "Fehler: --id: Die ID „l-bil-1“ gibt es schon (Leitlinie in data/leitlinien/bildung.yaml).\n",
        ),
        (
            ["--feld", "kultur", "--text", "X", "--quelle", "Rat", "--beschlossen-am", "12.05.2011"],
            "Fehler: --feld: Keine Leitlinien-Datei hat das Handlungsfeld „kultur“. Handlungsfelder der Dateien: "
            "bildung.\n",
        ),
        (
            ["--datei", "bildung", "--text", "X", "--quelle", "Rat", "--beschlossen-am", "12.05.2099"],
            "Fehler: --beschlossen-am: Der 12.05.2099 liegt in der Zukunft.\n",
        ),
    ],
)
def test_guideline_refusals_write_nothing(stadt: Projekt, args: list[str], message: str) -> None:
    before = daten(stadt.root)
    result = stadt.run("neu", "leitlinie", *args)
    assert result.stderr == message
    assert result.exit_code in (1, 2)
    assert daten(stadt.root) == before
