"""Consent follows the latest declaration that speaks (issue 12, §3).

Every membership is a declaration; one that says ``veroeffentlichen: ja`` or ``nein`` speaks, one
without it does not. For each person the latest declaration that speaks (by its beginning, across
all groups; on the same day a „nein“ wins) decides whether the name is shown — in every output and
for every Stichtag: a „nein“ of 2011 keeps the name out of the report for 2010 rendered today, and
every membership of that person shows as „N. N.“.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Projekt

AG = "data/gruppen/ag-bildung.yaml"
WOHNEN = "data/gruppen/ag-wohnen.yaml"


@pytest.fixture
def stadt(tmp_path: Path) -> Projekt:
    root = tmp_path / "gruppenstadt"
    shutil.copytree(FIXTURES / "gruppenstadt", root)
    return Projekt(root)


def add_member(stadt: Projekt, name: str, block: str) -> None:
    stadt.replace(name, "\nsitzungen:\n", "\n" + block + "sitzungen:\n")


def every_output(stadt: Projekt, tmp_path: Path) -> dict[str, str]:
    """Each output that can show a member's name, by a short label."""
    outputs: dict[str, str] = {}
    for label, args in {
        "export": ("export", "--stichtag", "2011-12-31"),
        "export-2010": ("export", "--stichtag", "2010-06-30"),
        "gruppen-json-2010": ("gruppen", "--format", "json", "--stichtag", "2010-06-30"),
        "gruppen-2010": ("gruppen", "ag-bildung", "--stichtag", "2010-06-30"),
        "gruppen-uebersicht-2010": ("gruppen", "--stichtag", "2010-12-01"),
        "steuerungsgruppe-2010": ("gruppen", "steuerungsgruppe", "--stichtag", "2010-06-30"),
        "rat-2010": ("bericht", "rat", "--jahr", "2010"),
        "jahreskonferenz-2010": ("bericht", "jahreskonferenz", "--jahr", "2010"),
        "rat-2009": ("bericht", "rat", "--jahr", "2009"),
    }.items():
        result = stadt.run(*args)
        assert result.exit_code == 0, (label, result.stderr)
        outputs[label] = result.stdout
    target = tmp_path / "berichte"
    assert stadt.run("bericht", "alle", "--ausgabe", str(target)).exit_code == 0
    for path in sorted(target.iterdir()):
        outputs[path.name] = path.read_text(encoding="utf-8")
    return outputs


def test_the_fixture_shows_otto_offen_who_agreed(stadt: Projekt, tmp_path: Path) -> None:
    outputs = every_output(stadt, tmp_path)
    assert "Otto Offen" in outputs["rat-2010"] and "Otto Offen" in outputs["gruppen-2010"]


def test_a_later_no_withdraws_an_earlier_yes_in_every_output_and_for_every_stichtag(
    stadt: Projekt, tmp_path: Path
) -> None:
    add_member(
        stadt,
        AG,
        "  - person: Otto Offen\n    rolle: mitglied\n    sitz: ag-bildung-schulen\n"
        "    fuer: Grundschule am Park\n    beginn: 2011-03-01\n    ende: 2012-02-29\n    veroeffentlichen: nein\n",
    )
    assert stadt.run("pruefen", "--stichtag", "2012-12-31").exit_code == 0
    for label, text in every_output(stadt, tmp_path).items():
        assert "Otto Offen" not in text, label
    data = json.loads(stadt.run("export", "--stichtag", "2011-12-31").stdout)
    ag = next(g for g in data["gruppen"] if g["id"] == "ag-bildung")
    assert [m["person"] for m in ag["mitglieder"] if m["fuer"] == "Grundschule am Park"] == ["N. N.", "N. N."]
    text = stadt.run("gruppen", "ag-bildung", "--stichtag", "2010-06-30").stdout
    assert "  N. N. – Mitglied, für Grundschule am Park; seit 01.03.2009 bis 28.02.2011" in text


def test_a_later_declaration_that_says_nothing_keeps_the_consent(stadt: Projekt, tmp_path: Path) -> None:
    add_member(
        stadt,
        AG,
        "  - person: Otto Offen\n    rolle: mitglied\n    sitz: ag-bildung-schulen\n"
        "    fuer: Grundschule am Park\n    beginn: 2011-03-01\n    ende: 2012-02-29\n",
    )
    outputs = every_output(stadt, tmp_path)
    assert "Otto Offen" in outputs["gruppen-2010"]
    data = json.loads(outputs["export"])
    ag = next(g for g in data["gruppen"] if g["id"] == "ag-bildung")
    assert [m["person"] for m in ag["mitglieder"] if m["fuer"] == "Grundschule am Park"] == ["Otto Offen"] * 2


def test_a_withdrawal_in_another_group_counts_everywhere(stadt: Projekt, tmp_path: Path) -> None:
    # Frieda Fach agreed as professional companion (AG Bildung, steering group, 2009–2010) and
    # withdraws when she joins AG Wohnen in 2011
    add_member(
        stadt,
        WOHNEN,
        "  - person: Frieda Fach\n    rolle: mitglied\n    sitz: ag-wohnen-mitglieder\n"
        "    beginn: 2011-01-01\n    ende: 2012-12-31\n    veroeffentlichen: nein\n",
    )
    assert stadt.run("pruefen", "--stichtag", "2012-12-31").exit_code == 0
    for label, text in every_output(stadt, tmp_path).items():
        assert "Frieda Fach" not in text, label


def test_a_no_on_the_same_day_as_a_yes_wins(stadt: Projekt, tmp_path: Path) -> None:
    add_member(
        stadt,
        AG,
        "  - person: Otto Offen\n    rolle: mitglied\n    sitz: ag-bildung-buerger\n"
        "    beginn: 2009-03-01\n    ende: 2010-02-28\n    veroeffentlichen: nein\n",
    )
    for label, text in every_output(stadt, tmp_path).items():
        assert "Otto Offen" not in text, label


def test_a_later_yes_is_the_latest_word(stadt: Projekt, tmp_path: Path) -> None:
    # Sabine Geheim said nothing in 2009, „nein“ in the steering group from 01.01.2011, and agrees in
    # a declaration from 01.03.2011
    add_member(
        stadt,
        AG,
        "  - person: Sabine Geheim\n    rolle: mitglied\n    sitz: ag-bildung-buerger\n"
        "    beginn: 2011-03-01\n    ende: 2012-12-31\n    veroeffentlichen: ja\n",
    )
    outputs = every_output(stadt, tmp_path)
    assert "  Sabine Geheim – Mitglied, für Elternverein Nordviertel" in outputs["gruppen-2010"]


def test_intern_still_shows_every_name_in_the_terminal_only(stadt: Projekt) -> None:
    add_member(
        stadt,
        AG,
        "  - person: Otto Offen\n    rolle: mitglied\n    sitz: ag-bildung-schulen\n"
        "    fuer: Grundschule am Park\n    beginn: 2011-03-01\n    ende: 2012-02-29\n    veroeffentlichen: nein\n",
    )
    assert "Otto Offen" in stadt.run("gruppen", "ag-bildung", "--stichtag", "2010-06-30", "--intern").stdout
    assert "Otto Offen" not in stadt.run("gruppen", "--format", "json", "--intern").stdout
