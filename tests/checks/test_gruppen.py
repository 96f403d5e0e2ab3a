"""Groups (issue 4): composition, memberships, recommendations, contact data, `luedialog gruppen`
and the consent rule in every output.

The fictional Gruppenstadt (tests/fixtures/gruppenstadt, 2009–2012) is fully staffed: a steering
group with every seat of Anlage 3 filled, two working groups (Bildung, Wohnen), a Jahreskonferenz,
three recommendations and a target agreement. In AG Bildung the professional companion changes on
01.01.2011 from Frieda Fach to Fritz Folger. Sabine Geheim and Kurt Verschwiegen have not agreed
to the publication of their names: outside the terminal with --intern they are „N. N.“.
Each rule test copies the fixture, changes one thing and checks exactly what `pruefen` says.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO, Projekt, Run, lines, run_cli

GRUPPENSTADT = FIXTURES / "gruppenstadt"
SG = "data/gruppen/steuerungsgruppe.yaml"
AG = "data/gruppen/ag-bildung.yaml"
JK = "data/gruppen/jahreskonferenz.yaml"
DATEIEN = 10  # luedialog.yaml, 1 Leitlinien-, 4 Gruppen-, 4 Maßnahmendateien
ENDE = "2012-12-31"  # end of the process: every entry of the fixture lies before it
GEHEIM = ("Sabine", "Geheim", "Kurt", "Verschwiegen")
WIDE = {"COLUMNS": "200", "FORCE_COLOR": None}

HINWEIS_LEER = "Tragen Sie die Mitgliedschaft ein, sobald der Sitz besetzt ist."
HINWEIS_VOLL = "Prüfen Sie Beginn und Ende der Mitgliedschaften."
HINWEIS_KONTAKT = (
    "Das Repository kann öffentlich sein: führen Sie Adressen, Telefonnummern und E-Mail-Adressen "
    "in einer geschützten Kontaktliste außerhalb von git."
)


# --- helpers ------------------------------------------------------------------------------------


@pytest.fixture
def stadt(tmp_path: Path) -> Projekt:
    root = tmp_path / "gruppenstadt"
    shutil.copytree(GRUPPENSTADT, root)
    return Projekt(root)


def pruefen(stadt: Projekt, *extra: str) -> Run:
    return stadt.run("pruefen", "--stichtag", ENDE, *extra)


def befunde(result: Run) -> list[str]:
    """The finding lines of `pruefen` (without the file headings and the summary)."""
    return [line[2:] for line in result.stdout.splitlines() if line.startswith("  ")]


def summary(result: Run) -> str:
    return result.stdout.splitlines()[-1]


def zeile(stadt: Projekt, name: str, text: str, nth: int = 1) -> int:
    """The line number of the nth line of the file that reads exactly ``text``."""
    hits = [i for i, line in enumerate(stadt.read(name).split("\n"), start=1) if line == text]
    assert len(hits) >= nth, f"{text!r} not in {name}"
    return hits[nth - 1]


def mitglied_zeile(stadt: Projekt, name: str, person: str, nth: int = 1) -> int:
    return zeile(stadt, name, f"  - person: {person}", nth)


def sitz_zeile(stadt: Projekt, name: str, sitz: str) -> int:
    return zeile(stadt, name, f"  - id: {sitz}")


def ohne_mitglied(stadt: Projekt, name: str, person: str, nth: int = 1) -> None:
    """Remove the nth membership of ``person`` from the group file."""
    text = stadt.read(name).split("\n")
    start = mitglied_zeile(stadt, name, person, nth) - 1
    end = start + 1
    while end < len(text) and text[end].startswith("    "):
        end += 1
    stadt.write(name, "\n".join(text[:start] + text[end:]))


def neues_mitglied(stadt: Projekt, name: str, block: str) -> None:
    """Append a membership (YAML lines indented as list items of `mitglieder`)."""
    stadt.replace(name, "\nsitzungen:\n", "\n" + block + "sitzungen:\n")


def warnung(name: str, line: int, text: str, hint: str = "", key: str = "") -> str:
    return _befund(name, line, "Warnung", text, hint, key)


def fehler(name: str, line: int, text: str, hint: str = "", key: str = "") -> str:
    return _befund(name, line, "Fehler", text, hint, key)


def _befund(name: str, line: int, label: str, text: str, hint: str, key: str) -> str:
    return f"{name}:{line}: {label}: {text}" + (f" [{key}]" if key else "") + (f" → {hint}" if hint else "")


def gruppen(stadt: Projekt, *args: str) -> Run:
    return run_cli("--daten", str(stadt.root), "gruppen", *args, env=WIDE)


def assert_nichts_geheimes(text: str) -> None:
    for name in GEHEIM:
        assert name not in text, name


# --- the fixture itself -------------------------------------------------------------------------


def test_gruppenstadt_is_valid_even_strictly() -> None:
    result = run_cli("--daten", str(GRUPPENSTADT), "pruefen", "--streng", "--stichtag", ENDE)
    assert result.exit_code == 0
    assert result.stdout == f"Alles in Ordnung: {DATEIEN} Dateien geprüft, keine Fehler, keine Warnungen.\n"


# --- composition: working groups ----------------------------------------------------------------


def test_working_group_without_member_of_the_executive_board(stadt: Projekt) -> None:
    ohne_mitglied(stadt, AG, "Volker Vorstand")
    result = pruefen(stadt)
    assert result.exit_code == 0  # a warning
    assert befunde(result) == [
        warnung(
            AG,
            sitz_zeile(stadt, AG, "ag-bildung-vorstand"),
            "Sitz „Mitglied des Verwaltungsvorstandes“ ist am 01.01.2009 nicht voll besetzt (0 von 1 besetzt).",
            HINWEIS_LEER,
            "sitze[1]",
        )
    ]
    assert summary(result) == f"{DATEIEN} Dateien geprüft: 0 Fehler, 1 Warnung."
    assert pruefen(stadt, "--streng").exit_code == 1


def test_working_group_without_professional_companion(stadt: Projekt) -> None:
    ohne_mitglied(stadt, AG, "Frieda Fach")
    ohne_mitglied(stadt, AG, "Fritz Folger")
    assert befunde(pruefen(stadt)) == [
        warnung(
            AG,
            sitz_zeile(stadt, AG, "ag-bildung-begleitung"),
            "Sitz „Fachliche Begleitung“ ist am 01.01.2009 nicht voll besetzt (0 von 1 besetzt).",
            HINWEIS_LEER,
            "sitze[2]",
        )
    ]


def test_two_professional_companions_at_once(stadt: Projekt) -> None:
    stadt.replace(AG, "    fuer: Schulamt\n    beginn: 2011-01-01\n", "    fuer: Schulamt\n    beginn: 2010-07-01\n")
    result = pruefen(stadt)
    assert result.exit_code == 0
    assert befunde(result) == [
        warnung(
            AG,
            sitz_zeile(stadt, AG, "ag-bildung-begleitung"),
            "Sitz „Fachliche Begleitung“ hat am 01.07.2010 2 Mitglieder, vorgesehen sind 1.",
            HINWEIS_VOLL,
            "sitze[2]",
        )
    ]


def test_two_members_of_the_executive_board_at_once(stadt: Projekt) -> None:
    neues_mitglied(
        stadt,
        AG,
        "  - person: Hanna Haupt\n    rolle: verwaltungsvorstand\n    sitz: ag-bildung-vorstand\n"
        "    beginn: 2011-01-01\n    ende: 2012-12-31\n",
    )
    assert befunde(pruefen(stadt)) == [
        warnung(
            AG,
            sitz_zeile(stadt, AG, "ag-bildung-vorstand"),
            "Sitz „Mitglied des Verwaltungsvorstandes“ hat am 01.01.2011 2 Mitglieder, vorgesehen sind 1.",
            HINWEIS_VOLL,
            "sitze[1]",
        )
    ]


def test_gap_between_two_companions(stadt: Projekt) -> None:
    stadt.replace(
        AG, "    fuer: Schulamt\n    beginn: 2009-01-01\n    ende: 2010-12-31\n",
        "    fuer: Schulamt\n    beginn: 2009-01-01\n    ende: 2010-10-31\n",
    )  # fmt: skip
    assert befunde(pruefen(stadt)) == [
        warnung(
            AG,
            sitz_zeile(stadt, AG, "ag-bildung-begleitung"),
            "Sitz „Fachliche Begleitung“ ist am 01.11.2010 nicht voll besetzt (0 von 1 besetzt).",
            HINWEIS_LEER,
            "sitze[2]",
        )
    ]


def test_one_day_gap_at_the_handover(stadt: Projekt) -> None:
    """Frieda Fach ends on 31.12.2010; the fixture's handover to Fritz Folger on 01.01.2011 is seamless."""
    stadt.replace(AG, "    fuer: Schulamt\n    beginn: 2011-01-01\n", "    fuer: Schulamt\n    beginn: 2011-01-02\n")
    assert befunde(pruefen(stadt)) == [
        warnung(
            AG,
            sitz_zeile(stadt, AG, "ag-bildung-begleitung"),
            "Sitz „Fachliche Begleitung“ ist am 01.01.2011 nicht voll besetzt (0 von 1 besetzt).",
            HINWEIS_LEER,
            "sitze[2]",
        )
    ]


def test_group_without_members_is_not_yet_filled_but_the_steering_group_misses_it(stadt: Projekt) -> None:
    stadt.write(
        "data/gruppen/ag-kultur.yaml",
        "id: ag-kultur\nname: Arbeitsgruppe Kultur\nart: arbeitsgruppe\nquelle: Vorlage 3/08, Anlage 3\n"
        "sitze:\n"
        "  - id: ag-kultur-vorstand\n    rolle: verwaltungsvorstand\n"
        "    bezeichnung: Mitglied des Verwaltungsvorstandes\n    anzahl: 1\n"
        "  - id: ag-kultur-begleitung\n    rolle: fachliche_begleitung\n"
        "    bezeichnung: Fachliche Begleitung\n    anzahl: 1\n"
        "mitglieder: []\n",
    )
    result = pruefen(stadt)
    assert befunde(result) == [
        warnung(
            SG,
            sitz_zeile(stadt, SG, "sg-begleitung"),
            "Sitz „fachliche Begleitungen der Arbeitsgruppen“ ist am 01.01.2009 nicht voll besetzt (fehlt: ag-kultur).",
            HINWEIS_LEER,
            "sitze[4]",
        ),
        warnung(
            SG,
            sitz_zeile(stadt, SG, "sg-extern"),
            "Sitz „je Arbeitsgruppe ein externes Mitglied“ ist am 01.01.2009 nicht voll besetzt (fehlt: ag-kultur).",
            HINWEIS_LEER,
            "sitze[6]",
        ),
    ]
    assert summary(result) == f"{DATEIEN + 1} Dateien geprüft: 0 Fehler, 2 Warnungen."


# --- composition: steering group ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "nth", "sitz", "key", "meldung"),
    [
        pytest.param(
            "Berta Bürger", 1, "sg-vorsitz", "sitze[1]",
            "Sitz „Bürgermeisterin“ ist am 01.01.2009 nicht voll besetzt (0 von 1 besetzt).",
            id="vorsitz",
        ),
        pytest.param(
            "Gudrun Gleich", 1, "sg-gleichstellung", "sitze[3]",
            "Sitz „Gleichstellungsbeauftragte“ ist am 01.01.2009 nicht voll besetzt (0 von 1 besetzt).",
            id="gleichstellungsbeauftragte",
        ),
        pytest.param(
            "Wilma Wohn", 1, "sg-begleitung", "sitze[4]",
            "Sitz „fachliche Begleitungen der Arbeitsgruppen“ ist am 01.01.2009 nicht voll besetzt "
            "(fehlt: ag-wohnen).",
            id="begleitung-ag-wohnen",
        ),
        pytest.param(
            "Fritz Folger", 1, "sg-begleitung", "sitze[4]",
            "Sitz „fachliche Begleitungen der Arbeitsgruppen“ ist am 01.01.2011 nicht voll besetzt "
            "(fehlt: ag-bildung).",
            id="begleitung-ag-bildung-ab-2011",
        ),
        pytest.param(
            "Sonja Stadt", 1, "sg-fraktion", "sitze[5]",
            "Sitz „je Ratsfraktion ein Mitglied“ ist am 01.01.2009 nicht voll besetzt (fehlt: Stadtpartei).",
            id="ratsfraktion",
        ),
        pytest.param(
            "Kurt Verschwiegen", 1, "sg-extern", "sitze[6]",
            "Sitz „je Arbeitsgruppe ein externes Mitglied“ ist am 01.01.2009 nicht voll besetzt (fehlt: ag-wohnen).",
            id="extern-ag-wohnen",
        ),
        pytest.param(
            "Sabine Geheim", 2, "sg-extern", "sitze[6]",
            "Sitz „je Arbeitsgruppe ein externes Mitglied“ ist am 01.01.2011 nicht voll besetzt (fehlt: ag-bildung).",
            id="extern-ag-bildung-nicht-erneuert",
        ),
        pytest.param(
            "Mira Migra", 1, "sg-migrationsrat", "sitze[7]",
            "Sitz „Vorsitz des Migrationsrates“ ist am 01.01.2009 nicht voll besetzt (0 von 1 besetzt).",
            id="vorsitz-migrationsrat",
        ),
    ],
)  # fmt: skip
def test_steering_group_reports_each_empty_seat(
    stadt: Projekt, person: str, nth: int, sitz: str, key: str, meldung: str
) -> None:
    ohne_mitglied(stadt, SG, person, nth)
    result = pruefen(stadt)
    assert result.exit_code == 0
    assert befunde(result) == [warnung(SG, sitz_zeile(stadt, SG, sitz), meldung, HINWEIS_LEER, key)]


def test_steering_group_needs_one_member_per_faction_of_the_configuration(stadt: Projekt) -> None:
    stadt.replace(
        "luedialog.yaml",
        "ratsfraktionen: [Bürgerliste, Stadtpartei]",
        "ratsfraktionen: [Bürgerliste, Stadtpartei, Freie Liste]",
    )
    assert befunde(pruefen(stadt)) == [
        warnung(
            SG,
            sitz_zeile(stadt, SG, "sg-fraktion"),
            "Sitz „je Ratsfraktion ein Mitglied“ ist am 01.01.2009 nicht voll besetzt (fehlt: Freie Liste).",
            HINWEIS_LEER,
            "sitze[5]",
        )
    ]


def test_open_and_optional_seats_of_the_steering_group_may_stay_empty(stadt: Projekt) -> None:
    ohne_mitglied(stadt, SG, "Volker Vorstand")  # „übrige Mitglieder des Verwaltungsvorstandes“: open number
    assert stadt.read(SG).count("rolle: moderation") == 1  # the optional seat; nobody moderates
    result = pruefen(stadt, "--streng")
    assert (result.exit_code, befunde(result)) == (0, [])


def test_empty_seats_of_the_steering_group_by_name_in_gruppen(stadt: Projekt) -> None:
    ohne_mitglied(stadt, SG, "Kurt Verschwiegen")
    ohne_mitglied(stadt, SG, "Sonja Stadt")
    result = gruppen(stadt, "steuerungsgruppe", "--stichtag", "2010-06-30")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert out[out.index("Sitze:") + 1 : out.index("Sitze:") + 9] == [
        "  Bürgermeisterin: 1 von 1 besetzt",
        "  übrige Mitglieder des Verwaltungsvorstandes: 1 besetzt (offene Zahl)",
        "  Gleichstellungsbeauftragte: 1 von 1 besetzt",
        "  fachliche Begleitungen der Arbeitsgruppen: 2 von 2 besetzt",
        "  je Ratsfraktion ein Mitglied: 1 von 2 besetzt – 1 leer (fehlt: Stadtpartei)",
        "  je Arbeitsgruppe ein externes Mitglied: 1 von 2 besetzt – 1 leer (fehlt: ag-wohnen)",
        "  Vorsitz des Migrationsrates: 1 von 1 besetzt",
        "  externe Moderation: 0 besetzt (nach Bedarf)",
    ]


def test_one_person_may_accompany_two_working_groups(stadt: Projekt) -> None:
    """A seat with one member per working group is one seat per group, not one seat."""
    stadt.replace(SG, "  - person: Frieda Fach\n", "  - person: Wilma Wohn\n")
    stadt.replace(SG, "  - person: Fritz Folger\n", "  - person: Wilma Wohn\n")
    result = pruefen(stadt, "--streng")
    assert (result.exit_code, befunde(result)) == (0, [])


# --- memberships ----------------------------------------------------------------------------------


def test_membership_without_start_is_an_error_and_nothing_else(stadt: Projekt) -> None:
    stadt.replace(AG, "    fuer: Grundschule am Park\n    beginn: 2009-03-01\n", "    fuer: Grundschule am Park\n")
    result = pruefen(stadt)
    assert result.exit_code == 1
    # the group file cannot be loaded; references to ag-bildung from other files are not errors too
    assert result.stdout == (
        f"{AG}\n"
        + "  "
        + fehler(
            AG,
            mitglied_zeile(stadt, AG, "Otto Offen"),
            "Pflichtfeld „beginn“ fehlt in Mitgliedschaft.",
            "Ergänzen Sie „beginn: …“. (Beginn der verbindlichen Erklärung)",
            "mitglieder[4]",
        )
        + f"\n\n{DATEIEN} Dateien geprüft: 1 Fehler, 0 Warnungen.\n"
    )


def test_declaration_without_end_is_a_warning(stadt: Projekt) -> None:
    stadt.replace(AG, "    ende: 2011-02-28\n", "")
    result = pruefen(stadt)
    assert result.exit_code == 0
    assert befunde(result) == [
        warnung(
            AG,
            mitglied_zeile(stadt, AG, "Otto Offen"),
            "Die verbindliche Erklärung hat kein Enddatum.",
            "Die Teilnahme wird befristet erklärt (i. d. R. mindestens ein Jahr): ergänzen Sie „ende: …“.",
            "mitglieder[4]",
        )
    ]


@pytest.mark.parametrize(
    ("ende", "kurz"),
    [("2010-02-27", True), ("2010-02-28", False), ("2009-03-01", True)],
    ids=["ein-tag-zu-kurz", "genau-ein-jahr", "ein-tag"],
)
def test_declaration_shorter_than_a_year_is_a_warning(stadt: Projekt, ende: str, kurz: bool) -> None:
    stadt.replace(AG, "    ende: 2011-02-28\n", f"    ende: {ende}\n")  # Otto Offen, from 01.03.2009
    expected = warnung(
        AG,
        mitglied_zeile(stadt, AG, "Otto Offen"),
        "Die verbindliche Erklärung gilt kürzer als ein Jahr.",
        "Die Dauer soll in der Regel ein Jahr nicht unterschreiten (außer bei Projekten mit anderer Laufzeit).",
        "mitglieder[4]",
    )
    result = pruefen(stadt)
    assert (result.exit_code, befunde(result)) == (0, [expected] if kurz else [])


def test_end_before_start_is_an_error(stadt: Projekt) -> None:
    stadt.replace(AG, "    ende: 2011-02-28\n", "    ende: 2009-02-28\n")
    result = pruefen(stadt)
    assert result.exit_code == 1
    assert befunde(result) == [
        fehler(
            AG,
            mitglied_zeile(stadt, AG, "Otto Offen"),
            "Das Ende (28.02.2009) liegt vor dem Beginn (01.03.2009).",
            key="mitglieder[4].ende",
        )
    ]
    assert summary(result) == f"{DATEIEN} Dateien geprüft: 1 Fehler, 0 Warnungen."


OTTO_WIEDER = (
    "  - person: Otto Offen\n    rolle: mitglied\n    sitz: ag-bildung-schulen\n"
    "    beginn: {beginn}\n    ende: {ende}\n    veroeffentlichen: ja\n"
)


@pytest.mark.parametrize(
    ("beginn", "ende"),
    [("2010-03-01", "2011-02-28"), ("2011-02-28", "2012-02-29"), ("2008-03-01", "2012-12-31")],
    ids=["zur-haelfte", "ein-tag", "umfassend"],
)
def test_overlapping_duplicate_membership_in_one_seat_is_an_error(stadt: Projekt, beginn: str, ende: str) -> None:
    neues_mitglied(stadt, AG, OTTO_WIEDER.format(beginn=beginn, ende=ende))
    result = pruefen(stadt)
    assert result.exit_code == 1
    first, second = mitglied_zeile(stadt, AG, "Otto Offen", 1), mitglied_zeile(stadt, AG, "Otto Offen", 2)
    assert befunde(result) == [  # no name: findings are published by CI (issue 12)
        fehler(
            AG,
            second,
            "Mitgliedschaft 6 in „ag-bildung“ überschneidet sich im Sitz „Vertreter/-innen der Schulen“ mit "
            f"Mitgliedschaft 4 derselben Person (Zeile {first}).",
            "Verlängern Sie die bestehende Mitgliedschaft oder lassen Sie die neue nach dem Ende der alten beginnen.",
            "mitglieder[6]",
        )
    ]


def test_repeated_membership_without_overlap_is_fine(stadt: Projekt) -> None:
    neues_mitglied(stadt, AG, OTTO_WIEDER.format(beginn="2011-03-01", ende="2012-02-29"))
    result = pruefen(stadt, "--streng")
    assert (result.exit_code, befunde(result)) == (0, [])


def test_same_person_in_another_seat_at_the_same_time_is_fine(stadt: Projekt) -> None:
    neues_mitglied(
        stadt,
        AG,
        "  - person: Otto Offen\n    rolle: mitglied\n    sitz: ag-bildung-buerger\n"
        "    beginn: 2010-03-01\n    ende: 2011-02-28\n",
    )
    result = pruefen(stadt, "--streng")
    assert (result.exit_code, befunde(result)) == (0, [])


def test_membership_naming_an_unknown_seat_is_an_error(stadt: Projekt) -> None:
    stadt.replace(AG, "    sitz: ag-bildung-schulen\n", "    sitz: ag-bildung-schule\n")
    result = pruefen(stadt)
    assert result.exit_code == 1
    assert befunde(result) == [
        fehler(
            AG,
            mitglied_zeile(stadt, AG, "Otto Offen"),
            "Die Mitgliedschaft nennt den Sitz „ag-bildung-schule“, den die Gruppe nicht hat.",
            "Erlaubt: ag-bildung-begleitung, ag-bildung-buerger, ag-bildung-schulen, ag-bildung-vorstand.",
            "mitglieder[4].sitz",
        )
    ]


# --- recommendations and target agreements ---------------------------------------------------------

M_BIL_01 = "data/massnahmen/M-BIL-01.yaml"
M_BIL_02 = "data/massnahmen/M-BIL-02.yaml"
M_WOH_01 = "data/massnahmen/M-WOH-01.yaml"
M_WOH_02 = "data/massnahmen/M-WOH-02.yaml"
WEITERLEITUNG = (
    "Die Empfehlung ist über die Steuerungsgruppe weiterzuleiten und hat sich weiterentwickelt, "
    "aber das Datum der Weiterleitung fehlt."
)


def massnahme_befund(stadt: Projekt, name: str, text: str, hint: str) -> str:
    return warnung(name, zeile(stadt, name, f"id: {Path(name).stem}"), text, hint)


def test_recommendation_without_origin(stadt: Projekt) -> None:
    stadt.replace(M_WOH_01, "herkunft:\n  gruppe: ag-wohnen\n  datum: 2010-05-10\n", "")
    result = pruefen(stadt)
    assert result.exit_code == 0
    assert befunde(result) == [
        massnahme_befund(
            stadt,
            M_WOH_01,
            "Die Empfehlung hat keine Herkunft.",
            "Ergänzen Sie „herkunft: {gruppe: …, datum: …}“ (Gruppe oder Jahreskonferenz und Datum der Sitzung).",
        )
    ]


def test_recommendation_without_addressee(stadt: Projekt) -> None:
    stadt.replace(M_WOH_01, "adressat: Wohnungsbaugesellschaft Gruppenstadt\n", "")
    assert befunde(pruefen(stadt)) == [
        massnahme_befund(
            stadt,
            M_WOH_01,
            "Die Empfehlung hat keinen Adressaten.",
            "Ergänzen Sie „adressat: …“ (Organisation, Institution, Gesellschaft, im Ausnahmefall eine Person).",
        )
    ]


def test_recommendation_from_the_jahreskonferenz_is_fine(stadt: Projekt) -> None:
    stadt.replace(
        M_BIL_02, "  gruppe: ag-bildung\n  datum: 2010-09-20\n", "  gruppe: jahreskonferenz\n  datum: 2010-11-20\n"
    )
    result = pruefen(stadt, "--streng")
    assert (result.exit_code, befunde(result)) == (0, [])


def test_recommendation_from_an_unknown_group_is_an_error(stadt: Projekt) -> None:
    stadt.replace(M_WOH_01, "  gruppe: ag-wohnen\n", "  gruppe: ag-wohen\n")
    result = pruefen(stadt)
    assert result.exit_code == 1
    assert befunde(result) == [
        fehler(
            M_WOH_01,
            zeile(stadt, M_WOH_01, "  gruppe: ag-wohen"),
            "Die Herkunft nennt die Gruppe „ag-wohen“, die es nicht gibt.",
            key="herkunft.gruppe",
        )
    ]


def test_forwarded_recommendation_needs_the_date_once_its_status_moves_on(stadt: Projekt) -> None:
    stadt.replace(M_BIL_01, "weitergeleitet_am: 2010-04-15\n", "")
    result = pruefen(stadt)
    assert result.exit_code == 0
    assert befunde(result) == [massnahme_befund(stadt, M_BIL_01, WEITERLEITUNG, "Ergänzen Sie „weitergeleitet_am: …“.")]


NEUER_STAND = "  - datum: 2010-09-01\n    status: {status}\n    notiz: Neuer Stand.\n"


@pytest.mark.parametrize(("status", "warnt"), [("empfohlen", False), ("beauftragt", True)])
def test_forwarding_date_is_needed_only_after_the_first_status(stadt: Projekt, status: str, warnt: bool) -> None:
    """M-WOH-01 goes via the steering group and is not yet forwarded: fine while it is only recommended."""
    stadt.write(M_WOH_01, stadt.read(M_WOH_01) + NEUER_STAND.format(status=status))
    result = pruefen(stadt)
    expected = [massnahme_befund(stadt, M_WOH_01, WEITERLEITUNG, "Ergänzen Sie „weitergeleitet_am: …“.")]
    assert (result.exit_code, befunde(result)) == (0, expected if warnt else [])


def test_self_commitment_needs_no_forwarding_date(stadt: Projekt) -> None:
    """M-BIL-02 (Selbstverpflichtung) moved on without forwarding date: fine; via the steering group: not."""
    assert "weitergeleitet_am" not in stadt.read(M_BIL_02)
    assert befunde(pruefen(stadt)) == []
    stadt.replace(M_BIL_02, "weg: selbstverpflichtung\n", "weg: steuerungsgruppe\n")
    assert befunde(pruefen(stadt)) == [
        massnahme_befund(stadt, M_BIL_02, WEITERLEITUNG, "Ergänzen Sie „weitergeleitet_am: …“.")
    ]


@pytest.mark.parametrize(
    "weg",
    ["partner: [Wohnungsbaugesellschaft Gruppenstadt]\n", "vereinbart_am: 2010-06-30\n"],
    ids=["partner", "datum"],
)
def test_target_agreement_needs_partner_and_date(stadt: Projekt, weg: str) -> None:
    stadt.replace(M_WOH_02, weg, "")
    result = pruefen(stadt)
    assert result.exit_code == 0
    assert befunde(result) == [
        massnahme_befund(
            stadt,
            M_WOH_02,
            "Die Zielvereinbarung braucht Partner und das Datum der Vereinbarung.",
            "Ergänzen Sie „partner: […]“ und „vereinbart_am: …“.",
        )
    ]


def test_meeting_naming_an_unknown_recommendation_is_an_error(stadt: Projekt) -> None:
    stadt.replace(AG, "    empfehlungen: [M-BIL-02]\n", "    empfehlungen: [M-BIL-03]\n")
    result = pruefen(stadt)
    assert result.exit_code == 1
    assert befunde(result) == [
        fehler(
            AG,
            zeile(stadt, AG, "  - datum: 2010-09-20"),
            "Die Sitzung vom 20.09.2010 nennt die Empfehlung „M-BIL-03“, die es nicht gibt.",
        )
    ]


def test_broken_recommendation_file_is_reported_once(stadt: Projekt) -> None:
    """M-BIL-02 cannot be loaded: the meeting and the conference that name it are no further errors."""
    stadt.replace(M_BIL_02, "titel: Hausaufgabenhilfe durch Ehrenamtliche\n", "")
    result = pruefen(stadt)
    assert result.exit_code == 1
    assert befunde(result) == [
        fehler(
            M_BIL_02,
            zeile(stadt, M_BIL_02, "id: M-BIL-02"),
            "Pflichtfeld „titel“ fehlt in Maßnahme.",
            "Ergänzen Sie „titel: …“. (Kurzer Titel)",
        )
    ]


def test_renewal_of_a_non_member_is_a_warning(stadt: Projekt) -> None:
    stadt.replace(JK, "        person: Otto Offen\n", "        person: Otto Ofen\n")
    assert befunde(pruefen(stadt)) == [
        warnung(
            JK,
            zeile(stadt, JK, "      - gruppe: ag-bildung"),
            "Erneuerung 2 der Jahreskonferenz 2010 nennt eine Person, die kein Mitglied von „ag-bildung“ ist.",
            "Prüfen Sie die Schreibweise des Namens.",
            "konferenzen[2].erneuerungen[2]",
        )
    ]


# --- no contact data ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["email", "E-Mail", "mail", "telefon", "phone", "handy", "mobil", "fax", "adresse", "anschrift", "strasse",
     "plz", "wohnort", "geburtsdatum"],
)  # fmt: skip
def test_contact_data_in_a_membership_is_refused(stadt: Projekt, key: str) -> None:
    stadt.replace(AG, "    fuer: Grundschule am Park\n", f"    fuer: Grundschule am Park\n    {key}: 0123 456\n")
    result = pruefen(stadt)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{AG}\n  "
        + fehler(
            AG,
            zeile(stadt, AG, f"    {key}: 0123 456"),
            f"„{key}“ sieht nach Kontaktdaten aus; die gehören nicht in dieses Repository.",
            HINWEIS_KONTAKT,
            f"mitglieder[4].{key}",
        )
        + f"\n\n{DATEIEN} Dateien geprüft: 1 Fehler, 0 Warnungen.\n"
    )


@pytest.mark.parametrize(
    ("datei", "alt", "neu", "key"),
    [
        (AG, "quelle: Vorlage 3/08, Anlage 3\n", "quelle: Vorlage 3/08, Anlage 3\nkontakt_email: ag@example.org\n",
         "kontakt_email"),
        (AG, "    thema: Schulwege\n", "    thema: Schulwege\n    telefon_gastgeber: 0123 456\n",
         "sitzungen[2].telefon_gastgeber"),
        (SG, "  - id: sg-vorsitz\n", "  - id: sg-vorsitz\n    anschrift: Rathausplatz 1\n", "sitze[1].anschrift"),
        (JK, "        person: Otto Offen\n", "        person: Otto Offen\n        e-mail: otto@example.org\n",
         "konferenzen[2].erneuerungen[2].e-mail"),
    ],
    ids=["gruppe", "sitzung", "sitz", "erneuerung"],
)  # fmt: skip
def test_contact_data_anywhere_in_a_group_file_is_refused(
    stadt: Projekt, datei: str, alt: str, neu: str, key: str
) -> None:
    stadt.replace(datei, alt, neu)
    result = pruefen(stadt)
    assert result.exit_code == 1
    name = key.rsplit(".", 1)[-1]
    assert befunde(result) == [
        fehler(
            datei,
            zeile(stadt, datei, next(line for line in neu.split("\n") if line.strip().startswith(name + ":"))),
            f"„{name}“ sieht nach Kontaktdaten aus; die gehören nicht in dieses Repository.",
            HINWEIS_KONTAKT,
            key,
        )
    ]


def test_contact_data_blocks_export_and_reports(stadt: Projekt) -> None:
    stadt.replace(AG, "    fuer: Grundschule am Park\n", "    fuer: Grundschule am Park\n    email: otto@example.org\n")
    for args in (("export",), ("bericht", "rat", "--jahr", "2010")):
        result = stadt.run(*args)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr.startswith("Fehler: Die Daten enthalten 1 Fehler (zuerst: ")
        assert "otto@example.org" not in result.stderr


# --- luedialog gruppen ------------------------------------------------------------------------------


def test_overview(stadt: Projekt) -> None:
    result = gruppen(stadt, "--stichtag", "01.11.2010")
    assert (result.exit_code, result.stderr) == (0, "")
    assert lines(result.stdout) == [
        "Gruppen – Stand am 01.11.2010",
        "",
        "Arbeitsgruppe Bildung",
        "  ag-bildung: 4 Mitglieder · 0 leere Sitze · 2 Sitzungen 2010 · 2 Empfehlungen 2010",
        "",
        "Arbeitsgruppe Wohnen",
        "  ag-wohnen: 3 Mitglieder · 0 leere Sitze · 1 Sitzung 2010 · 1 Empfehlung 2010",
        "",
        "Jahreskonferenz Gruppendialog",
        "  jahreskonferenz: 0 Mitglieder · 0 leere Sitze · 0 Sitzungen 2010 · 0 Empfehlungen 2010",
        "",
        "Steuerungsgruppe Gruppendialog",
        "  steuerungsgruppe: 10 Mitglieder · 0 leere Sitze · 1 Sitzung 2010 · 0 Empfehlungen 2010",
        "",
        "Erklärungen, die in den nächsten 90 Tagen enden (3):",
        "  31.12.2010  Frieda Fach (Fachliche Begleitung) – Arbeitsgruppe Bildung",
        "  31.12.2010  N. N. (Mitglied) – Arbeitsgruppe Bildung",
        "  31.12.2010  Frieda Fach (Fachliche Begleitung) – Steuerungsgruppe Gruppendialog",
    ]


def test_overview_counts_empty_seats(stadt: Projekt) -> None:
    ohne_mitglied(stadt, AG, "Volker Vorstand")
    ohne_mitglied(stadt, SG, "Mira Migra")
    ohne_mitglied(stadt, SG, "Rudi Rat")
    out = lines(gruppen(stadt, "--stichtag", "2010-06-30").stdout)
    assert out[3] == "  ag-bildung: 3 Mitglieder · 1 leerer Sitz · 1 Sitzung 2010 · 1 Empfehlung 2010"
    assert out[12] == "  steuerungsgruppe: 8 Mitglieder · 2 leere Sitze · 1 Sitzung 2010 · 0 Empfehlungen 2010"


def test_one_group_in_detail(stadt: Projekt) -> None:
    result = gruppen(stadt, "ag-bildung", "--stichtag", "2010-11-01")
    assert (result.exit_code, result.stderr) == (0, "")
    assert lines(result.stdout) == [
        "Arbeitsgruppe Bildung (ag-bildung)",
        "Art: Arbeitsgruppe    Stand am 01.11.2010",
        "Handlungsfelder: Bildung",
        "",
        "Sitze:",
        "  Mitglied des Verwaltungsvorstandes: 1 von 1 besetzt",
        "  Fachliche Begleitung: 1 von 1 besetzt",
        "  Vertreter/-innen der Schulen: 1 besetzt (offene Zahl)",
        "  Interessierte Bürgerinnen und Bürger: 1 besetzt (offene Zahl)",
        "",
        "Mitglieder (4):",
        "  Volker Vorstand – Mitglied des Verwaltungsvorstandes; seit 01.01.2009 bis 31.12.2012",
        "  Frieda Fach – Fachliche Begleitung, für Schulamt; seit 01.01.2009 bis 31.12.2010",
        "  Otto Offen – Mitglied, für Grundschule am Park; seit 01.03.2009 bis 28.02.2011",
        "  N. N. – Mitglied, für Elternverein Nordviertel; seit 01.03.2009 bis 31.12.2010",
        "",
        "Aufgaben 2010:",
        "  • Schulwege und Hausaufgabenhilfe",
        "",
        "Sitzungen 2010 (2):",
        "  15.03.2010  Schulwege",
        "  20.09.2010  Hausaufgabenhilfe",
        "",
        "Empfehlungen 2010 (2):",
        "  M-BIL-01  In Umsetzung  Sichere Schulwege",
        "  M-BIL-02  Empfohlen     Hausaufgabenhilfe durch Ehrenamtliche",
        "",
        "Erklärungen, die in den nächsten 90 Tagen enden:",
        "  31.12.2010  Frieda Fach (Fachliche Begleitung)",
        "  31.12.2010  N. N. (Mitglied)",
        "",
        "Datei: data/gruppen/ag-bildung.yaml",
    ]


def _mitglieder(out: Sequence[str]) -> list[str]:
    """The members section of a detail view."""
    start = next(i for i, line in enumerate(out) if line.startswith("Mitglieder ("))
    return list(out[start : list(out).index("", start)])


def test_stichtag_changes_who_is_a_member(stadt: Projekt) -> None:
    before = lines(gruppen(stadt, "ag-bildung", "--stichtag", "2010-12-31").stdout)
    after = lines(gruppen(stadt, "ag-bildung", "--stichtag", "2011-01-01").stdout)
    assert _mitglieder(before) == [
        "Mitglieder (4):",
        "  Volker Vorstand – Mitglied des Verwaltungsvorstandes; seit 01.01.2009 bis 31.12.2012",
        "  Frieda Fach – Fachliche Begleitung, für Schulamt; seit 01.01.2009 bis 31.12.2010",
        "  Otto Offen – Mitglied, für Grundschule am Park; seit 01.03.2009 bis 28.02.2011",
        "  N. N. – Mitglied, für Elternverein Nordviertel; seit 01.03.2009 bis 31.12.2010",
    ]
    assert _mitglieder(after) == [
        "Mitglieder (3):",
        "  Volker Vorstand – Mitglied des Verwaltungsvorstandes; seit 01.01.2009 bis 31.12.2012",
        "  Fritz Folger – Fachliche Begleitung, für Schulamt; seit 01.01.2011 bis 31.12.2012",
        "  Otto Offen – Mitglied, für Grundschule am Park; seit 01.03.2009 bis 28.02.2011",
    ]
    before_2009 = lines(gruppen(stadt, "ag-bildung", "--stichtag", "2009-02-28").stdout)
    assert _mitglieder(before_2009) == [
        "Mitglieder (2):",
        "  Volker Vorstand – Mitglied des Verwaltungsvorstandes; seit 01.01.2009 bis 31.12.2012",
        "  Frieda Fach – Fachliche Begleitung, für Schulamt; seit 01.01.2009 bis 31.12.2010",
    ]


def test_stichtag_before_the_first_membership(stadt: Projekt) -> None:
    out = lines(gruppen(stadt, "ag-wohnen", "--stichtag", "2008-12-31").stdout)
    assert _mitglieder(out) == ["Mitglieder (0):", "  noch keine Mitgliedschaften erfasst"]
    assert out[5:8] == [
        "  Mitglied des Verwaltungsvorstandes: 0 von 1 besetzt – 1 leer",
        "  Fachliche Begleitung: 0 von 1 besetzt – 1 leer",
        "  Vertreter/-innen der Wohnungswirtschaft und der Mieter: 0 besetzt (offene Zahl)",
    ]


def _ending(out: Sequence[str]) -> list[str]:
    """The section on declarations ending within 90 days (overview or detail view)."""
    start = next(i for i, line in enumerate(out) if line.startswith("Erklärungen, die in den nächsten 90 Tagen"))
    rest = list(out[start:])
    return rest[: rest.index("")] if "" in rest else rest


@pytest.mark.parametrize(
    ("stichtag", "expected"),
    [
        ("2010-10-01", ["Erklärungen, die in den nächsten 90 Tagen enden (0):", "  keine"]),  # 31.12. is day 91
        (
            "2010-10-02",  # 31.12.2010 is day 90
            [
                "Erklärungen, die in den nächsten 90 Tagen enden (3):",
                "  31.12.2010  Frieda Fach (Fachliche Begleitung) – Arbeitsgruppe Bildung",
                "  31.12.2010  N. N. (Mitglied) – Arbeitsgruppe Bildung",
                "  31.12.2010  Frieda Fach (Fachliche Begleitung) – Steuerungsgruppe Gruppendialog",
            ],
        ),
        (
            "2010-12-31",  # ending today still counts; Otto Offen ends on 28.02.2011
            [
                "Erklärungen, die in den nächsten 90 Tagen enden (4):",
                "  31.12.2010  Frieda Fach (Fachliche Begleitung) – Arbeitsgruppe Bildung",
                "  28.02.2011  Otto Offen (Mitglied) – Arbeitsgruppe Bildung",
                "  31.12.2010  N. N. (Mitglied) – Arbeitsgruppe Bildung",
                "  31.12.2010  Frieda Fach (Fachliche Begleitung) – Steuerungsgruppe Gruppendialog",
            ],
        ),
        (
            "2011-01-01",
            [
                "Erklärungen, die in den nächsten 90 Tagen enden (1):",
                "  28.02.2011  Otto Offen (Mitglied) – Arbeitsgruppe Bildung",
            ],
        ),
    ],
)
def test_declarations_ending_within_90_days(stadt: Projekt, stichtag: str, expected: list[str]) -> None:
    assert _ending(lines(gruppen(stadt, "--stichtag", stichtag).stdout)) == expected


def test_renewed_declaration_is_not_listed_as_ending(stadt: Projekt) -> None:
    """Sabine Geheim's seat in the steering group is renewed from 01.01.2011; without that she is listed."""
    assert "(Externes Mitglied" not in gruppen(stadt, "--stichtag", "2010-11-01").stdout
    ohne_mitglied(stadt, SG, "Sabine Geheim", 2)
    assert _ending(lines(gruppen(stadt, "--stichtag", "2010-11-01").stdout))[-1] == (
        "  31.12.2010  N. N. (Externes Mitglied, benannt von einer Arbeitsgruppe) – Steuerungsgruppe Gruppendialog"
    )


def test_gruppen_json_of_one_group(stadt: Projekt) -> None:
    result = gruppen(stadt, "ag-wohnen", "--stichtag", "2010-11-01", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "vollstaendig": True,
        "fehlende_dateien": [],
        "stichtag": "2010-11-01",
        "gruppen": [
            {
                "id": "ag-wohnen",
                "name": "Arbeitsgruppe Wohnen",
                "art": "arbeitsgruppe",
                "handlungsfelder": ["wohnen"],
                "mitglieder": [
                    {
                        "name": "Hanna Haupt",
                        "rolle": "Mitglied des Verwaltungsvorstandes",
                        "sitz": "Mitglied des Verwaltungsvorstandes",
                        "fuer": "",
                        "benannt_von": "",
                        "beginn": "2009-01-01",
                        "ende": "2012-12-31",
                        "intern": False,
                    },
                    {
                        "name": "Wilma Wohn",
                        "rolle": "Fachliche Begleitung",
                        "sitz": "Fachliche Begleitung",
                        "fuer": "Bauverwaltung",
                        "benannt_von": "",
                        "beginn": "2009-01-01",
                        "ende": "2012-12-31",
                        "intern": False,
                    },
                    {
                        "name": "N. N.",
                        "rolle": "Mitglied",
                        "sitz": "Vertreter/-innen der Wohnungswirtschaft und der Mieter",
                        "fuer": "Mieterverein Südhafen",
                        "benannt_von": "",
                        "beginn": "2009-01-01",
                        "ende": "2012-12-31",
                        "intern": False,
                    },
                ],
                "sitze": [
                    {
                        "bezeichnung": "Mitglied des Verwaltungsvorstandes",
                        "rolle": "Mitglied des Verwaltungsvorstandes",
                        "soll": 1,
                        "besetzt": 1,
                        "leer": 0,
                        "fehlend": [],
                        "optional": False,
                    },
                    {
                        "bezeichnung": "Fachliche Begleitung",
                        "rolle": "Fachliche Begleitung",
                        "soll": 1,
                        "besetzt": 1,
                        "leer": 0,
                        "fehlend": [],
                        "optional": False,
                    },
                    {
                        "bezeichnung": "Vertreter/-innen der Wohnungswirtschaft und der Mieter",
                        "rolle": "Mitglied",
                        "soll": None,
                        "besetzt": 1,
                        "leer": 0,
                        "fehlend": [],
                        "optional": False,
                    },
                ],
                "leere_sitze": 0,
                "sitzungen_im_jahr": 1,
                "sitzungen": [
                    {
                        "datum": "2010-05-10",
                        "thema": "Beratung im Quartier",
                        "jahreskonferenz": False,
                        "ergebnisse": "Empfehlung einer Mieterberatung beschlossen.",
                        "empfehlungen": ["M-WOH-01"],
                    }
                ],
                "empfehlungen": [
                    {
                        "id": "M-WOH-01",
                        "titel": "Mieterberatung im Quartier",
                        "handlungsfeld": "wohnen",
                        "status": "empfohlen",
                        "fortschritt": None,
                        "stand": "2010-05-10",
                        "letzte_notiz": "Von der Arbeitsgruppe Wohnen empfohlen.",
                        "zieldatum": None,
                        "ueberfaellig": False,
                        "veraltet": False,
                    }
                ],
                "fruehere_empfehlungen": [],
                "enden_bald": [],
            }
        ],
    }


def test_gruppen_json_overview(stadt: Projekt) -> None:
    ohne_mitglied(stadt, SG, "Sonja Stadt")
    data = json.loads(gruppen(stadt, "--stichtag", "2010-11-01", "--format", "json").stdout)
    assert data["stichtag"] == "2010-11-01"
    assert [
        (g["id"], len(g["mitglieder"]), g["leere_sitze"], g["sitzungen_im_jahr"], [e["id"] for e in g["empfehlungen"]])
        for g in data["gruppen"]
    ] == [
        ("ag-bildung", 4, 0, 2, ["M-BIL-01", "M-BIL-02"]),
        ("ag-wohnen", 3, 0, 1, ["M-WOH-01"]),
        ("jahreskonferenz", 0, 0, 0, []),
        ("steuerungsgruppe", 9, 1, 1, []),
    ]
    fraktion = next(s for s in data["gruppen"][3]["sitze"] if s["bezeichnung"] == "je Ratsfraktion ein Mitglied")
    assert fraktion == {
        "bezeichnung": "je Ratsfraktion ein Mitglied",
        "rolle": "Vertretung einer Ratsfraktion",
        "soll": 2,
        "besetzt": 1,
        "leer": 1,
        "fehlend": ["Stadtpartei"],
        "optional": False,
    }
    assert [(m["name"], m["rolle"], m["ende"]) for m in data["gruppen"][0]["enden_bald"]] == [
        ("Frieda Fach", "Fachliche Begleitung", "2010-12-31"),
        ("N. N.", "Mitglied", "2010-12-31"),
    ]


@pytest.mark.parametrize(
    ("name", "meldung"),
    [
        ("ag-bldung", "Fehler: Keine Gruppe mit der ID „ag-bldung“. Meinten Sie „ag-bildung“?\n"),
        (
            "kultur",
            "Fehler: Keine Gruppe mit der ID „kultur“. "
            "Vorhanden: ag-bildung, ag-wohnen, jahreskonferenz, steuerungsgruppe.\n",
        ),
    ],
)
@pytest.mark.parametrize("format", ["text", "json"])
def test_unknown_group(stadt: Projekt, name: str, meldung: str, format: str) -> None:
    result = gruppen(stadt, name, "--format", format)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", meldung)


def test_invalid_stichtag_is_a_usage_error(stadt: Projekt) -> None:
    result = gruppen(stadt, "--stichtag", "31.02.2010")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Fehler: --stichtag: „31.02.2010“ ist kein gültiges Kalenderdatum.\n"


# --- consent: names only with veroeffentlichen: ja ------------------------------------------------


def test_without_consent_the_name_is_nn_with_role_in_the_terminal(stadt: Projekt) -> None:
    sg = lines(gruppen(stadt, "steuerungsgruppe", "--stichtag", "2011-06-30").stdout)
    assert [line for line in _mitglieder(sg) if "N. N." in line] == [
        "  N. N. – Externes Mitglied, benannt von einer Arbeitsgruppe, für Elternverein Nordviertel, "
        "entsandt von Arbeitsgruppe Bildung; seit 01.01.2011 bis 31.12.2012",
        "  N. N. – Externes Mitglied, benannt von einer Arbeitsgruppe, für Mieterverein Südhafen, "
        "entsandt von Arbeitsgruppe Wohnen; seit 01.01.2009 bis 31.12.2012",
    ]
    for args in ((), ("ag-bildung",), ("ag-wohnen",), ("steuerungsgruppe",), ("jahreskonferenz",)):
        for stichtag in ("2009-06-30", "2010-11-01", "2011-06-30"):
            result = gruppen(stadt, *args, "--stichtag", stichtag)
            assert result.exit_code == 0
            assert_nichts_geheimes(result.stdout)


def test_intern_shows_the_names_in_the_terminal(stadt: Projekt) -> None:
    ag = lines(gruppen(stadt, "ag-bildung", "--stichtag", "2010-11-01", "--intern").stdout)
    assert _mitglieder(ag)[-1] == (
        "  Sabine Geheim – Mitglied, für Elternverein Nordviertel; seit 01.03.2009 bis 31.12.2010"
    )
    assert _ending(ag)[-1] == "  31.12.2010  Sabine Geheim (Mitglied)"
    overview = lines(gruppen(stadt, "--stichtag", "2010-11-01", "--intern").stdout)
    assert _ending(overview)[2] == "  31.12.2010  Sabine Geheim (Mitglied) – Arbeitsgruppe Bildung"
    wohnen = lines(gruppen(stadt, "ag-wohnen", "--stichtag", "2010-11-01", "--intern").stdout)
    assert _mitglieder(wohnen)[-1] == (
        "  Kurt Verschwiegen – Mitglied, für Mieterverein Südhafen; seit 01.01.2009 bis 31.12.2012"
    )


@pytest.mark.parametrize("intern", [(), ("--intern",)], ids=["ohne", "intern"])
def test_gruppen_json_never_shows_names_without_consent(stadt: Projekt, intern: tuple[str, ...]) -> None:
    result = gruppen(stadt, "--stichtag", "2010-11-01", "--format", "json", *intern)
    assert result.exit_code == 0
    assert_nichts_geheimes(result.stdout)
    data = json.loads(result.stdout)
    names = {g["id"]: [m["name"] for m in g["mitglieder"]] for g in data["gruppen"]}
    assert names == {
        "ag-bildung": ["Volker Vorstand", "Frieda Fach", "Otto Offen", "N. N."],
        "ag-wohnen": ["Hanna Haupt", "Wilma Wohn", "N. N."],
        "jahreskonferenz": [],
        "steuerungsgruppe": [
            "Berta Bürger",
            "Volker Vorstand",
            "Gudrun Gleich",
            "Frieda Fach",
            "Wilma Wohn",
            "Rudi Rat",
            "Sonja Stadt",
            "N. N.",
            "N. N.",
            "Mira Migra",
        ],
    }


def test_export_json_shows_nn_with_role(stadt: Projekt) -> None:
    result = stadt.run("export", "--stichtag", "2011-12-31")
    assert result.exit_code == 0
    assert_nichts_geheimes(result.stdout)
    data = json.loads(result.stdout)
    groups = {g["id"]: g for g in data["gruppen"]}
    assert [(m["person"], m["rolle"], m["fuer"]) for m in groups["ag-bildung"]["mitglieder"]] == [
        ("Volker Vorstand", "verwaltungsvorstand", None),
        ("Frieda Fach", "fachliche_begleitung", "Schulamt"),
        ("Fritz Folger", "fachliche_begleitung", "Schulamt"),
        ("Otto Offen", "mitglied", "Grundschule am Park"),
        ("N. N.", "mitglied", "Elternverein Nordviertel"),
    ]
    assert [(m["person"], m["rolle"], m["fuer_gruppe"]) for m in groups["steuerungsgruppe"]["mitglieder"][8:]] == [
        ("N. N.", "externes_mitglied", "ag-bildung"),
        ("N. N.", "externes_mitglied", "ag-bildung"),
        ("N. N.", "externes_mitglied", "ag-wohnen"),
        ("Mira Migra", "vorsitz_migrationsrat", None),
    ]
    assert [
        [(e["gruppe"], e["person"]) for e in k["erneuerungen"]] for k in groups["jahreskonferenz"]["konferenzen"]
    ] == [
        [("ag-wohnen", "N. N.")],
        [("steuerungsgruppe", "N. N."), ("ag-bildung", "Otto Offen")],
    ]


def test_a_consent_withdrawn_in_a_later_declaration_keeps_the_name_out_everywhere(
    stadt: Projekt, tmp_path: Path
) -> None:
    # Otto Offen (consent) declares again from 2011, this time without consent
    neues_mitglied(
        stadt,
        AG,
        "  - person: Otto Offen\n    rolle: mitglied\n    sitz: ag-bildung-schulen\n"
        "    fuer: Grundschule am Park\n    beginn: 2011-03-01\n    ende: 2012-02-29\n    veroeffentlichen: nein\n",
    )
    data = json.loads(stadt.run("export", "--stichtag", "2011-12-31").stdout)
    groups = {g["id"]: g for g in data["gruppen"]}
    assert [[e["person"] for e in k["erneuerungen"]] for k in groups["jahreskonferenz"]["konferenzen"]] == [
        ["N. N."],
        ["N. N.", "N. N."],
    ]
    # the latest declaration that speaks decides for every membership (issue 12)
    assert [m["person"] for m in groups["ag-bildung"]["mitglieder"] if m["fuer"] == "Grundschule am Park"] == [
        "N. N.",
        "N. N.",
    ]
    text = _bericht(stadt, tmp_path, "rat", 2010, "md")
    assert "| Arbeitsgruppe Bildung | N. N. |\n" in text
    assert "| Arbeitsgruppe Bildung | Otto Offen |\n" not in text


def test_export_csv_names_nobody_without_consent(stadt: Projekt) -> None:
    result = stadt.run("export", "--format", "csv", "--stichtag", "2011-12-31")
    assert result.exit_code == 0
    assert_nichts_geheimes(result.stdout)
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    assert [(r[0], r[2], r[4]) for r in rows[1:]] == [
        ("M-BIL-01", "Empfehlung", "In Umsetzung"),
        ("M-BIL-02", "Empfehlung", "In Umsetzung"),
        ("M-WOH-01", "Empfehlung", "Empfohlen"),
        ("M-WOH-02", "Zielvereinbarung", "Beauftragt"),
    ]


def test_export_file_names_nobody_without_consent(stadt: Projekt, tmp_path: Path) -> None:
    for fmt in ("json", "csv"):
        target = tmp_path / f"export.{fmt}"
        assert stadt.run("export", "--format", fmt, "--ausgabe", str(target)).exit_code == 0
        assert_nichts_geheimes(target.read_text(encoding="utf-8"))


def _bericht(stadt: Projekt, tmp_path: Path, art: str, jahr: int, fmt: str) -> str:
    if fmt == "md":
        result = stadt.run("bericht", art, "--jahr", str(jahr))
        assert result.exit_code == 0, result.stderr
        return result.stdout
    target = tmp_path / f"{art}-{jahr}.{fmt}"
    result = stadt.run("bericht", art, "--jahr", str(jahr), "--format", fmt, "--ausgabe", str(target))
    assert result.exit_code == 0, result.stderr
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("art", ["rat", "jahreskonferenz"])
@pytest.mark.parametrize("jahr", [2009, 2010, 2011, 2012])
def test_reports_name_nobody_without_consent(stadt: Projekt, tmp_path: Path, art: str, jahr: int, fmt: str) -> None:
    text = _bericht(stadt, tmp_path, art, jahr, fmt)
    assert_nichts_geheimes(text)
    assert "N. N." in text
    assert "Volker Vorstand" in text  # names with consent are shown


def test_rat_report_lists_members_as_nn_with_role(stadt: Projekt, tmp_path: Path) -> None:
    text = _bericht(stadt, tmp_path, "rat", 2010, "md")
    assert "| N. N. | Mitglied | Elternverein Nordviertel | 31.12.2010 |\n" in text
    assert "| N. N. | Mitglied | Mieterverein Südhafen | 31.12.2012 |\n" in text
    assert "| Steuerungsgruppe Gruppendialog | N. N. |\n" in text  # renewed declaration


def test_jahreskonferenz_report_lists_ending_declarations_as_nn(stadt: Projekt, tmp_path: Path) -> None:
    text = _bericht(stadt, tmp_path, "jahreskonferenz", 2010, "md")
    assert "| Arbeitsgruppe Bildung | N. N. | Mitglied | 31.12.2010 |\n" in text
    assert "| Arbeitsgruppe Bildung | Frieda Fach | Fachliche Begleitung | 31.12.2010 |\n" in text
    html_text = _bericht(stadt, tmp_path, "jahreskonferenz", 2010, "html")
    assert "<td>N. N.</td>" in html_text


def test_all_reports_name_nobody_without_consent(stadt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "berichte"
    result = stadt.run("bericht", "alle", "--ausgabe", str(target))
    assert result.exit_code == 0, result.stderr
    files = sorted(p.name for p in target.iterdir())
    assert len(files) == 17  # 4 years × 2 reports × 2 formats + index.html
    for path in target.iterdir():
        assert_nichts_geheimes(path.read_text(encoding="utf-8"))


def test_status_and_zeige_name_nobody(stadt: Projekt) -> None:
    for args in (("status", "--format", "json"), ("status",), ("zeige", "M-BIL-01"), ("zeige", "M-WOH-02")):
        result = stadt.run(*args, "--stichtag", "2011-12-31")
        assert result.exit_code == 0
        assert_nichts_geheimes(result.stdout)


# --- the shipped data (council paper 56/08) ------------------------------------------------------

SHIPPED_GROUPS = [
    ("ag-beschaeftigung", "Arbeitsgruppe „Lüner Dialog zur Förderung von Beschäftigung“", 2),
    ("ag-bildung", "Arbeitsgruppe „Lüner Dialog zu Bildung, Erziehung und Kultur“", 2),
    ("ag-interkulturell", "Arbeitsgruppe „Lüner Dialog zum interkulturellen Zusammenleben“", 2),
    ("ag-stadtentwicklung", "Arbeitsgruppe „Lüner Dialog zur Stadtentwicklung und Stadtteilentwicklung“", 2),
    ("ag-wirtschaft", "Arbeitsgruppe „Lüner Dialog zur Förderung der Wirtschaft“", 2),
    ("ag-wohnen", "Arbeitsgruppe „Lüner Dialog zum Wohnen im Wandel“", 2),
    ("jahreskonferenz", "Jahreskonferenzen", 0),
    # Bürgermeister 1, Gleichstellungsbeauftragte 1, fachliche Begleitungen 6, externe Mitglieder 6,
    # Vorsitz Migrationsrat 1; no council factions are configured, the executive board is open
    ("steuerungsgruppe", "Steuerungsgruppe Lüner Dialog", 15),
]


def shipped(*args: str) -> Run:
    return run_cli("--daten", str(REPO), *args, env=WIDE)


def test_shipped_groups_show_their_empty_seats() -> None:
    result = shipped("gruppen", "--stichtag", "2010-06-30")
    assert (result.exit_code, result.stderr) == (0, "")
    expected = ["Gruppen – Stand am 30.06.2010"]
    for ident, name, leer in SHIPPED_GROUPS:
        sitze = "1 leerer Sitz" if leer == 1 else f"{leer} leere Sitze"
        expected += ["", name, f"  {ident}: 0 Mitglieder · {sitze} · 0 Sitzungen 2010 · 0 Empfehlungen 2010"]
    expected += ["", "Erklärungen, die in den nächsten 90 Tagen enden (0):", "  keine"]
    assert lines(result.stdout) == expected


def test_shipped_groups_as_json() -> None:
    data = json.loads(shipped("gruppen", "--stichtag", "2010-06-30", "--format", "json").stdout)
    assert [(g["id"], g["name"], g["leere_sitze"]) for g in data["gruppen"]] == SHIPPED_GROUPS
    assert all(g["mitglieder"] == [] and g["enden_bald"] == [] for g in data["gruppen"])


def test_shipped_steering_group_names_its_empty_seats() -> None:
    out = lines(shipped("gruppen", "steuerungsgruppe", "--stichtag", "2010-06-30").stdout)
    ags = "ag-beschaeftigung, ag-bildung, ag-interkulturell, ag-stadtentwicklung, ag-wirtschaft, ag-wohnen"
    assert out[out.index("Sitze:") : out.index("Sitze:") + 9] == [
        "Sitze:",
        "  Bürgermeister: 0 von 1 besetzt – 1 leer",
        "  übrige Mitglieder des Verwaltungsvorstandes: 0 besetzt (offene Zahl)",
        "  Gleichstellungsbeauftragte: 0 von 1 besetzt – 1 leer",
        f"  die „fachlichen Begleitungen“ der Arbeitsgruppen: 0 von 6 besetzt – 6 leer (fehlt: {ags})",
        "  je Ratsfraktion ein Mitglied: 0 besetzt (keine Einträge in luedialog.yaml, z. B. ratsfraktionen)",
        f"  je Arbeitsgruppe ein Mitglied aus dem Kreis der externen Akteure: 0 von 6 besetzt – 6 leer (fehlt: {ags})",
        "  der/die Vorsitzende des Migrationsrates: 0 von 1 besetzt – 1 leer",
        "  externe Moderation: 0 besetzt (nach Bedarf)",
    ]
    assert _mitglieder(out) == ["Mitglieder (0):", "  noch keine Mitgliedschaften erfasst"]


def test_shipped_working_group_shows_board_member_and_companion_empty() -> None:
    out = lines(shipped("gruppen", "ag-bildung", "--stichtag", "2010-06-30").stdout)
    assert out[out.index("Sitze:") + 1 : out.index("Sitze:") + 3] == [
        "  Mitglied des Verwaltungsvorstandes: 0 von 1 besetzt – 1 leer",
        "  Fachliche Begleitung: 0 von 1 besetzt – 1 leer",
    ]


def test_shipped_data_passes_strict_check() -> None:
    """No member is recorded yet, so no composition rule applies: the data validates even strictly."""
    folders = ("leitlinien", "massnahmen", "gruppen", "indikatoren")
    files = 1 + sum(len(list((REPO / "data" / d).glob("*.yaml"))) for d in folders)
    result = shipped("pruefen", "--streng")
    assert result.exit_code == 0
    assert result.stdout == f"Alles in Ordnung: {files} Dateien geprüft, keine Fehler, keine Warnungen.\n"
