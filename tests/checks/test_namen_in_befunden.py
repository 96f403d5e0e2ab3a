"""Names without consent never appear in a finding, in any format of `pruefen` (issue 12, §3).

What CI publishes (GitHub annotations, GitLab's Code Quality report, the JSON document, the text
log) must not name a member who has not agreed: a finding about a membership names the group, the
seat and the number of the membership instead, and no finding quotes a name as the wrong value.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Projekt, Run

AG = "data/gruppen/ag-bildung.yaml"
JK = "data/gruppen/jahreskonferenz.yaml"
FORMATS = ["text", "json", "github", "gitlab"]
GEHEIM = ("Sabine", "Geheim", "Kurt", "Verschwiegen")
SABINE_WIEDER = (
    "  - person: Sabine Geheim\n    rolle: mitglied\n    sitz: ag-bildung-buerger\n"
    "    beginn: 2010-03-01\n    ende: 2011-02-28\n"
)


@pytest.fixture
def stadt(tmp_path: Path) -> Projekt:
    root = tmp_path / "gruppenstadt"
    shutil.copytree(FIXTURES / "gruppenstadt", root)
    return Projekt(root)


def pruefen(stadt: Projekt, fmt: str) -> Run:
    return stadt.run("pruefen", "--stichtag", "2012-12-31", "--format", fmt)


def assert_no_secret_name(text: str) -> None:
    for part in GEHEIM:
        assert part not in text, text


def line_of(stadt: Projekt, name: str, text: str, nth: int = 1) -> int:
    hits = [i for i, line in enumerate(stadt.read(name).split("\n"), start=1) if line == text]
    return hits[nth - 1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_duplicate_membership_names_group_seat_and_number_not_the_person(stadt: Projekt, fmt: str) -> None:
    stadt.replace(AG, "\nsitzungen:\n", "\n" + SABINE_WIEDER + "sitzungen:\n")
    result = pruefen(stadt, fmt)
    assert result.exit_code == 1
    assert_no_secret_name(result.stdout + result.stderr)
    if fmt == "text":
        first = line_of(stadt, AG, "  - person: Sabine Geheim")
        second = line_of(stadt, AG, "  - person: Sabine Geheim", 2)
        assert result.stdout.splitlines()[1] == (
            f"  {AG}:{second}: Fehler: Mitgliedschaft 6 in „ag-bildung“ überschneidet sich im Sitz "
            f"„Interessierte Bürgerinnen und Bürger“ mit Mitgliedschaft 5 derselben Person (Zeile {first}). "
            "[mitglieder[6]] → Verlängern Sie die bestehende Mitgliedschaft oder lassen Sie die neue nach dem "
            "Ende der alten beginnen."
        )


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_renewal_of_a_non_member_names_conference_and_number_not_the_person(stadt: Projekt, fmt: str) -> None:
    stadt.replace(JK, "        person: Sabine Geheim\n", "        person: Sabine Geheimnis\n")  # a typo
    result = pruefen(stadt, fmt)
    assert result.exit_code == 0
    assert_no_secret_name(result.stdout + result.stderr)
    if fmt == "text":
        assert result.stdout.splitlines()[1] == (
            f"  {JK}:{line_of(stadt, JK, '      - gruppe: steuerungsgruppe')}: Warnung: Erneuerung 1 der "
            "Jahreskonferenz 2010 nennt eine Person, die kein Mitglied von „steuerungsgruppe“ ist. "
            "[konferenzen[2].erneuerungen[1]] → Prüfen Sie die Schreibweise des Namens."
        )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a membership written as a bare name instead of a mapping
        ("  - person: Sabine Geheim\n    rolle: mitglied\n", "  - Sabine Geheim\n  - person: X\n    rolle: mitglied\n"),
        # a name with a tag YAML cannot apply
        ("    veroeffentlichen: nein\n", "    veroeffentlichen: nein\n    stimmrecht: !!bool Kurt Verschwiegen\n"),
        # a name where a date belongs, in the membership of that very person
        ("    beginn: 2009-03-01\n    ende: 2010-12-31\n", "    beginn: Sabine Geheim\n    ende: 2010-12-31\n"),
        # a name where a role belongs
        (
            "    rolle: mitglied\n    sitz: ag-bildung-buerger\n",
            "    rolle: Sabine Geheim\n    sitz: ag-bildung-buerger\n",
        ),
        # a membership written as "name: role"
        ("  - person: Sabine Geheim\n    rolle: mitglied\n", "  - Sabine Geheim: mitglied\n    rolle: mitglied\n"),
    ],
    ids=["liste-von-namen", "tag", "datum", "rolle", "name-als-schluessel"],
)
def test_no_finding_quotes_a_name_without_consent_as_a_wrong_value(
    stadt: Projekt, fmt: str, old: str, new: str
) -> None:
    target = "data/gruppen/ag-wohnen.yaml" if "Kurt" in new else AG
    stadt.replace(target, old, new)
    result = pruefen(stadt, fmt)
    assert result.exit_code == 1
    assert_no_secret_name(result.stdout + result.stderr)
    assert "N. N." in result.stdout


def test_writers_refusing_a_change_do_not_name_the_person_either(stadt: Projekt) -> None:
    stadt.replace(AG, "\nsitzungen:\n", "\n" + SABINE_WIEDER + "sitzungen:\n")
    for args in (("export",), ("bericht", "rat", "--jahr", "2010"), ("status",)):
        result = stadt.run(*args)
        assert_no_secret_name(result.stdout + result.stderr)
