"""Recording what groups do: `mitglied eintragen/beenden/verlaengern`, `sitzung`, `konferenz`.

Every write only adds lines (the one exception: an empty `mitglieder: []` becomes `mitglieder:`), is
validated with the whole project, and a refusal leaves every file byte for byte as it was.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Projekt, added_lines, daten, git, run_cli

AG = "data/gruppen/ag-bildung.yaml"
JK = "data/gruppen/jahreskonferenz.yaml"

pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git ist nicht installiert")


@pytest.fixture
def stadt(tmp_path: Path) -> Projekt:
    root = tmp_path / "gruppenstadt"
    shutil.copytree(FIXTURES / "gruppenstadt", root)
    return Projekt(root)


# --- mitglied eintragen -------------------------------------------------------------------------


def test_the_first_member_of_an_empty_group(projekt: Projekt) -> None:
    before = projekt.path(AG).read_text(encoding="utf-8")
    result = projekt.run(
        "mitglied", "eintragen", "AG-Bildung", "--person", "Erika Muster", "--sitz", "ag-bildung-mitglieder",
        "--fuer", "Elternverein", "--beginn", "01.01.10", "--ende", "31.12.2010", "--veroeffentlichen", "nein",
        "--erklaerung", "themenbezogen: Schulwege, schriftlich am 12.01.2010",
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Eingetragen: Mitgliedschaft von N. N. in data/gruppen/ag-bildung.yaml\n"
    assert projekt.read(AG) == before.replace(
        "mitglieder: []\n",
        "mitglieder:\n"
        "  - person: Erika Muster\n"
        "    rolle: mitglied\n"
        "    sitz: ag-bildung-mitglieder\n"
        "    fuer: Elternverein\n"
        "    beginn: 2010-01-01\n"
        "    ende: 2010-12-31\n"
        "    veroeffentlichen: nein\n"
        '    erklaerung: "themenbezogen: Schulwege, schriftlich am 12.01.2010"\n',
    )
    shown = projekt.run("gruppen", "ag-bildung", "--stichtag", "01.06.2010").stdout
    assert "N. N. – Mitglied, für Elternverein; seit 01.01.2010 bis 31.12.2010" in shown
    assert "Erika" not in shown


def test_a_member_of_a_group_with_members_is_appended(stadt: Projekt) -> None:
    before = stadt.path(AG).read_bytes()
    result = stadt.run(
        "mitglied", "eintragen", "ag-bildung", "--person", "Paula  Neu", "--sitz", "ag-bildung-schulen",
        "--beginn", "01.03.2010", "--ende", "28.02.2011", "--veroeffentlichen", "ja", "--stimmrecht", "ja",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        0,
        "Eingetragen: Mitgliedschaft von Paula Neu in data/gruppen/ag-bildung.yaml\n",
    )
    assert added_lines(before, stadt.path(AG).read_bytes()) == [
        "  - person: Paula Neu\n",
        "    rolle: mitglied\n",
        "    sitz: ag-bildung-schulen\n",
        "    beginn: 2010-03-01\n",
        "    ende: 2011-02-28\n",
        "    stimmrecht: ja\n",
        "    veroeffentlichen: ja\n",
    ]
    assert stadt.run("pruefen", "--streng").exit_code == 0


MEMBER_REFUSALS: list[tuple[str, list[str], int, str]] = [
    (
        "unknown seat",
        ["--person", "A B", "--sitz", "ag-bildung-schule", "--beginn", "01.03.2010", "--veroeffentlichen", "ja"],
        2,
        "Fehler: --sitz: Die Gruppe „ag-bildung“ hat keinen Sitz „ag-bildung-schule“. Meinten Sie "
        "„ag-bildung-schulen“?\n",
    ),
    (
        "neither seat nor role",
        ["--person", "A B", "--beginn", "01.03.2010", "--veroeffentlichen", "ja"],
        2,
        "Fehler: Geben Sie den Sitz (--sitz) oder die Rolle (--rolle) an. Sitze der Gruppe: ag-bildung-vorstand "
        "(Mitglied des Verwaltungsvorstandes), ag-bildung-begleitung (Fachliche Begleitung), ag-bildung-schulen "
        "(Vertreter/-innen der Schulen), ag-bildung-buerger (Interessierte Bürgerinnen und Bürger).\n",
    ),
    (
        "end before begin",
        [
            "--person",
            "A B",
            "--sitz",
            "ag-bildung-schulen",
            "--beginn",
            "01.03.2010",
            "--ende",
            "01.02.2010",
            "--veroeffentlichen",
            "ja",
        ],
        2,
        "Fehler: --ende: Das Ende (01.02.2010) liegt vor dem Beginn (01.03.2010).\n",
    ),
    (
        "consent neither yes nor no",
        ["--person", "A B", "--sitz", "ag-bildung-schulen", "--beginn", "01.03.2010", "--veroeffentlichen", "gern"],
        2,
        "Fehler: --veroeffentlichen: „gern“ – erwartet wird ja oder nein.\n",
    ),
    (
        "an overlapping second membership on the same seat",
        [
            "--person",
            "Otto Offen",
            "--sitz",
            "ag-bildung-schulen",
            "--beginn",
            "01.01.2011",
            "--ende",
            "31.12.2011",
            "--veroeffentlichen",
            "ja",
        ],
        1,
        "Fehler: Das würde die Prüfung scheitern lassen: data/gruppen/ag-bildung.yaml:61: Fehler: Mitgliedschaft 6 "
        "in „ag-bildung“ überschneidet sich im Sitz „Vertreter/-innen der Schulen“ mit Mitgliedschaft 4 derselben "
        "Person (Zeile 48). [mitglieder[6]] → Verlängern Sie die bestehende Mitgliedschaft oder lassen Sie die neue "
        "nach dem Ende der alten beginnen. Es wurde nichts geschrieben.\n",
    ),
    (
        "unknown group",
        ["--person", "A B", "--rolle", "mitglied", "--beginn", "01.03.2010", "--veroeffentlichen", "ja"],
        1,
        "",
    ),
]


@pytest.mark.parametrize(("case", "args", "code", "message"), MEMBER_REFUSALS, ids=[r[0] for r in MEMBER_REFUSALS])
def test_membership_refusals_write_nothing(stadt: Projekt, case: str, args: list[str], code: int, message: str) -> None:
    before = daten(stadt.root)
    group = "ag-bildng" if case == "unknown group" else "ag-bildung"
    result = stadt.run("mitglied", "eintragen", group, *args)
    expected = message or "Fehler: GRUPPE: Keine Gruppe mit der ID „ag-bildng“. Meinten Sie „ag-bildung“?\n"
    assert (result.exit_code, result.stderr) == (code, expected)
    assert daten(stadt.root) == before


# --- beenden und verlängern ---------------------------------------------------------------------


def test_ending_a_membership_adds_beendet_am_to_it(stadt: Projekt) -> None:
    before = stadt.path(AG).read_bytes()
    result = stadt.run("mitglied", "beenden", "ag-bildung", "otto offen", "--datum", "30.06.2010")
    assert (result.exit_code, result.stderr) == (0, "Eingetragen: Mitgliedschaft in ag-bildung beendet am 30.06.2010\n")
    new = stadt.path(AG).read_bytes()
    assert added_lines(before, new) == ["    beendet_am: 2010-06-30\n"]
    assert new.decode().split("    ende: 2011-02-28\n", 1)[1].startswith("    veroeffentlichen: ja\n    beendet_am:")
    assert "Otto Offen" in stadt.run("gruppen", "ag-bildung", "--stichtag", "30.06.2010").stdout
    assert "Otto Offen" not in stadt.run("gruppen", "ag-bildung", "--stichtag", "01.07.2010").stdout
    assert stadt.run("pruefen").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Otto Offen", "--datum", "01.01.2012"],
            "Fehler: Am 01.01.2012 hat „Otto Offen“ in „ag-bildung“ keine laufende Mitgliedschaft (01.03.2009 bis "
            "28.02.2011). Das Datum des Ausscheidens liegt in einer Mitgliedschaft.\n",
        ),
        (
            ["Otto Ofen", "--datum", "01.06.2010"],
            "Fehler: „Otto Ofen“ ist kein Mitglied der Gruppe „ag-bildung“. Meinten Sie „Otto Offen“?\n",
        ),
        (
            ["Otto Offen", "--datum", "28.02.2011"],
            "Fehler: Die Mitgliedschaft endet ohnehin am 28.02.2011; nichts zu beenden.\n",
        ),
        (  # Sabine Geheim gave no consent: no suggestion names her
            ["Sabine Gehein", "--datum", "01.06.2010"],
            "Fehler: „Sabine Gehein“ ist kein Mitglied der Gruppe „ag-bildung“. Mitglieder zeigt: luedialog gruppen "
            "ag-bildung --intern\n",
        ),
    ],
)
def test_ending_refusals_write_nothing(stadt: Projekt, args: list[str], message: str) -> None:
    before = daten(stadt.root)
    result = stadt.run("mitglied", "beenden", "ag-bildung", *args)
    assert (result.exit_code, result.stderr) == (1, message)
    assert daten(stadt.root) == before


def test_renewing_a_declaration_adds_one_from_the_day_after_the_end(stadt: Projekt) -> None:
    before = stadt.path(AG).read_bytes()
    result = stadt.run("mitglied", "verlaengern", "ag-bildung", "Otto Offen", "--bis", "29.02.2012")
    assert (result.exit_code, result.stderr) == (0, "Eingetragen: Erklärung erneuert vom 01.03.2011 bis 29.02.2012\n")
    assert added_lines(before, stadt.path(AG).read_bytes()) == [
        "  - person: Otto Offen\n",
        "    rolle: mitglied\n",
        "    sitz: ag-bildung-schulen\n",
        "    fuer: Grundschule am Park\n",
        "    beginn: 2011-03-01\n",
        "    ende: 2012-02-29\n",
        "    veroeffentlichen: ja\n",
    ]
    overview = stadt.run("gruppen", "--stichtag", "01.02.2011").stdout
    assert "Otto Offen" not in overview.split("Erklärungen, die in den nächsten 90 Tagen enden", 1)[1]
    assert stadt.run("pruefen", "--streng").exit_code == 0


# --- sitzung -------------------------------------------------------------------------------------


def test_a_meeting_is_appended_with_topic_results_participants_and_recommendations(stadt: Projekt) -> None:
    before = stadt.path(AG).read_bytes()
    result = stadt.run(
        "sitzung", "ag-bildung", "--datum", "01.12.2010", "--thema", "Ganztag", "--teilnehmende", "14",
        "--ergebnisse", "Vorschlag für die Jahreskonferenz: Ganztag an allen Grundschulen.",
        "--empfehlung", "m-bil-02",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        0,
        "Eingetragen: Sitzung von ag-bildung am 01.12.2010 in data/gruppen/ag-bildung.yaml\n",
    )
    assert added_lines(before, stadt.path(AG).read_bytes()) == [
        "  - datum: 2010-12-01\n",
        "    thema: Ganztag\n",
        '    ergebnisse: "Vorschlag für die Jahreskonferenz: Ganztag an allen Grundschulen."\n',
        "    teilnehmende: 14\n",
        "    empfehlungen:\n",
        "      - M-BIL-02\n",
    ]
    report = stadt.run("bericht", "rat", "--jahr", "2010").stdout
    assert "| 01.12.2010 | Ganztag (14 Teilnehmende) | Vorschlag für die Jahreskonferenz" in report


def test_the_first_meeting_adds_the_list(projekt: Projekt) -> None:
    before = projekt.path(AG).read_bytes()
    assert projekt.run("sitzung", "ag-bildung", "--datum", "20.04.2009", "--thema", "Auftakt").exit_code == 0
    assert added_lines(before, projekt.path(AG).read_bytes()) == [
        "sitzungen:\n",
        "  - datum: 2009-04-20\n",
        "    thema: Auftakt\n",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--datum", "15.03.2010", "--thema", "Schulwege"],
            1,
            "Fehler: Die Sitzung vom 15.03.2010 zum Thema „Schulwege“ ist schon eingetragen.\n",
        ),
        (
            ["--datum", "01.01.2099", "--thema", "Zukunft"],
            2,
            "Fehler: --datum: Die Sitzung am 01.01.2099 liegt in der Zukunft "
            f"(heute ist der {date.today():%d.%m.%Y}).\n",
        ),
        (
            ["--datum", "01.12.2010", "--thema", "Ganztag", "--empfehlung", "M-BIL-3"],
            1,
            "Fehler: --empfehlung: Keine Maßnahme mit der ID „M-BIL-3“. Meinten Sie „M-BIL-02“?\n",
        ),
    ],
)
def test_meeting_refusals_write_nothing(stadt: Projekt, args: list[str], code: int, message: str) -> None:
    before = daten(stadt.root)
    result = stadt.run("sitzung", "ag-bildung", *args)
    assert (result.exit_code, result.stderr) == (code, message)
    assert daten(stadt.root) == before


# --- konferenz ------------------------------------------------------------------------------------


def test_a_conference_with_tasks_and_renewals_in_one_step(stadt: Projekt) -> None:
    before = daten(stadt.root)
    result = stadt.run(
        "konferenz", "--datum", "19.11.2011", "--ergebnisse", "Die Arbeitsgruppen stellten ihre Ergebnisse vor.",
        "--empfehlung", "M-WOH-01", "--aufgabe", "ag-bildung=Ganztag an allen Grundschulen",
        "--aufgabe", "AG-Wohnen=Beratung im Quartier", "--erneuerung", "ag-bildung=otto offen=29.02.2012",
        "--erneuerung", "ag-wohnen=Kurt Verschwiegen",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        0,
        "Eingetragen: Jahreskonferenz 2011 am 19.11.2011 (data/gruppen/ag-bildung.yaml, "
        "data/gruppen/jahreskonferenz.yaml)\n",
    )
    after = daten(stadt.root)
    assert [n for n in after if after[n] != before.get(n)] == [AG, JK]
    assert added_lines(before[JK], after[JK]) == [
        "  - jahr: 2011\n",
        "    datum: 2011-11-19\n",
        "    ergebnisse: Die Arbeitsgruppen stellten ihre Ergebnisse vor.\n",
        "    empfehlungen:\n",
        "      - M-WOH-01\n",
        "    aufgaben:\n",
        "      - jahr: 2012\n",
        "        gruppe: ag-bildung\n",
        "        text: Ganztag an allen Grundschulen\n",
        "      - jahr: 2012\n",
        "        gruppe: ag-wohnen\n",
        "        text: Beratung im Quartier\n",
        "    erneuerungen:\n",
        "      - gruppe: ag-bildung\n",
        "        person: Otto Offen\n",
        "        bis: 2012-02-29\n",
        "      - gruppe: ag-wohnen\n",
        "        person: Kurt Verschwiegen\n",
    ]
    assert "    beginn: 2011-03-01\n    ende: 2012-02-29\n" in after[AG].decode()
    assert stadt.run("pruefen", "--streng").exit_code == 0
    report = stadt.run("bericht", "jahreskonferenz", "--jahr", "2011").stdout
    assert "Ganztag an allen Grundschulen" in report and "Kurt Verschwiegen" not in report


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--datum", "20.11.2010"],
            1,
            "Fehler: Die Jahreskonferenz 2010 ist schon eingetragen (data/gruppen/jahreskonferenz.yaml).\n",
        ),
        (
            ["--datum", "19.11.2011", "--aufgabe", "ag-bildung"],
            2,
            'Fehler: --aufgabe: „ag-bildung“ – erwartet wird GRUPPE=TEXT, z. B. ag-bildung="Ganztag an '
            'Grundschulen".\n',
        ),
        (
            ["--datum", "19.11.2011", "--aufgabe", "ag-kultur=Theater"],
            1,
            "Fehler: --aufgabe: Keine Gruppe mit der ID „ag-kultur“. Bekannt: ag-bildung, ag-wohnen, jahreskonferenz, "
            "steuerungsgruppe.\n",
        ),
        (
            ["--datum", "19.11.2011", "--erneuerung", "ag-bildung=Nora Niemand=31.12.2012"],
            1,
            "Fehler: „Nora Niemand“ ist kein Mitglied der Gruppe „ag-bildung“. Mitglieder zeigt: luedialog gruppen "
            "ag-bildung --intern\n",
        ),
        (
            ["--datum", "19.11.2011", "--erneuerung", "ag-bildung=Otto Offen=31.13.2012"],
            2,
            "Fehler: --erneuerung: „31.13.2012“ ist kein gültiges Kalenderdatum.\n",
        ),
        (  # the report for 2013 would say „Die Jahreskonferenz 2013 fand am 19.11.2011 statt.“
            ["--datum", "19.11.2011", "--jahr", "2013"],
            2,
            "Fehler: --jahr: Die Jahreskonferenz 2013 kann nicht am 19.11.2011 stattgefunden haben; das Jahr ist "
            "das von --datum oder (für eine Konferenz zu Beginn des Folgejahres) das Jahr davor.\n",
        ),
        (
            ["--datum", "19.11.2011", "--jahr", "2009"],
            2,
            "Fehler: --jahr: Die Jahreskonferenz 2009 kann nicht am 19.11.2011 stattgefunden haben; das Jahr ist "
            "das von --datum oder (für eine Konferenz zu Beginn des Folgejahres) das Jahr davor.\n",
        ),
    ],
)
def test_conference_refusals_write_nothing(stadt: Projekt, args: list[str], code: int, message: str) -> None:
    before = daten(stadt.root)
    result = stadt.run("konferenz", *args)
    assert (result.exit_code, result.stderr) == (code, message)
    assert daten(stadt.root) == before


@needs_git
def test_commit_holds_exactly_the_two_files_of_a_conference(stadt: Projekt) -> None:
    root = stadt.root
    git(root, "init", "-q")
    git(root, "config", "user.name", "Erika Mustermann")
    git(root, "config", "user.email", "erika@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Anfang")
    result = run_cli(
        "--daten", str(root), "konferenz", "--datum", "19.11.2011", "--erneuerung",
        "ag-bildung=Otto Offen=29.02.2012", "--commit",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert git(root, "show", "--name-only", "--format=%s", "HEAD") == (
        f"Jahreskonferenz 2011 am 19.11.2011\n\n{AG}\n{JK}\n"
    )
    assert git(root, "status", "--porcelain", "--untracked-files=no") == ""
