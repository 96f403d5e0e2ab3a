"""``luedialog zeige``: every field a measure has, and with --stichtag the history up to that day."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Projekt, lines, run_cli

GRUPPENSTADT = FIXTURES / "gruppenstadt"
WIDE: dict[str, str | None] = {"COLUMNS": "120"}


def zeige(root: Path, *args: str) -> list[str]:
    result = run_cli("--daten", str(root), "zeige", *args, env=WIDE)
    assert (result.exit_code, result.stderr) == (0, "")
    return list(lines(result.stdout))


def section(out: Sequence[str], title: str) -> list[str]:
    start = list(out).index(title)
    rest = list(out[start:])
    return rest[: rest.index("")] if "" in rest else rest


def test_history_up_to_the_stichtag_says_how_many_entries_follow() -> None:
    out = zeige(GRUPPENSTADT, "M-BIL-01", "--stichtag", "30.06.2010")
    assert section(out, "Verlauf:") == [
        "Verlauf:",
        "  1  15.03.2010  Empfohlen",
        "                 Von der Arbeitsgruppe Bildung empfohlen.",
        "  2  15.04.2010  Beauftragt",
        "                 Von der Bürgermeisterin an das Tiefbauamt weitergeleitet.",
        "  1 weiterer Eintrag nach dem Stichtag 30.06.2010 ist nicht gezeigt (ohne --stichtag: der ganze Verlauf).",
    ]
    assert "Querungshilfen" not in "\n".join(out)


def test_history_without_stichtag_is_complete() -> None:
    out = zeige(GRUPPENSTADT, "M-BIL-01")
    assert section(out, "Verlauf:")[-2:] == [
        "  3  01.10.2010  In Umsetzung",
        "                 Die ersten zwei Querungshilfen sind im Bau.",
    ]
    assert not any("nach dem Stichtag" in line for line in out)


def test_history_before_the_first_entry_counts_every_entry_as_later() -> None:
    out = zeige(GRUPPENSTADT, "M-BIL-01", "--stichtag", "01.01.2010")
    assert section(out, "Verlauf:") == [
        "Verlauf:",
        "  3 weitere Einträge nach dem Stichtag 01.01.2010 sind nicht gezeigt (ohne --stichtag: der ganze Verlauf).",
    ]


def test_json_history_up_to_the_stichtag() -> None:
    result = run_cli("--daten", str(GRUPPENSTADT), "zeige", "M-BIL-01", "--stichtag", "30.06.2010", "--format", "json")
    data = json.loads(result.stdout)
    assert [e["datum"] for e in data["massnahme"]["verlauf"]] == ["2010-03-15", "2010-04-15"]
    assert data["spaetere_eintraege"] == 1
    assert data["massnahme"]["status"] == "beauftragt"


def test_a_recommendation_shows_origin_addressee_route_and_forwarding() -> None:
    out = zeige(GRUPPENSTADT, "M-BIL-01", "--stichtag", "31.12.2010")
    assert out[: out.index("")] == [
        "M-BIL-01 – Sichere Schulwege",
        "Art                Empfehlung",
        "Handlungsfeld      Bildung",
        "Status             In Umsetzung",
        "Fortschritt        nicht berichtet",
        "Gruppen            Arbeitsgruppe Bildung (ag-bildung)",
        "Herkunft           Arbeitsgruppe Bildung (ag-bildung), 15.03.2010",
        "Adressat           Tiefbauamt der Stadt Gruppenstadt",
        "Weg                Nach Abstimmung in der Steuerungsgruppe durch die Bürgermeisterin weitergeleitet",
        "Weitergeleitet am  15.04.2010",
    ]
    assert section(out, "Beschreibung:") == [
        "Beschreibung:",
        "Gefährliche Querungen auf den Schulwegen werden entschärft.",
    ]


def test_a_target_agreement_shows_partner_and_date() -> None:
    out = zeige(GRUPPENSTADT, "M-WOH-02", "--stichtag", "31.12.2010")
    assert out[: out.index("")] == [
        "M-WOH-02 – Barrierearme Modernisierung im Südhafen",
        "Art            Zielvereinbarung",
        "Handlungsfeld  Wohnen",
        "Status         Beauftragt",
        "Fortschritt    nicht berichtet",
        "Stadtteile     Südhafen",
        "Partner        Wohnungsbaugesellschaft Gruppenstadt",
        "Vereinbart am  30.06.2010",
    ]


def test_finances_responsibility_target_date_and_parent(projekt: Projekt) -> None:
    projekt.replace(
        "data/massnahmen/M-BIL-02.yaml",
        "teil_von: M-BIL-01\n",
        "teil_von: M-BIL-01\ngewicht: 2\nverantwortlich: Sportamt\nzieldatum: 2011-06-30\n"
        "finanzen:\n  kosten: 45000\n  foerderung: 20000\n  haushalt: Produktkonto 08.01\n"
        "  notiz: Zuschuss des Landes\n",
    )
    result = projekt.run("zeige", "M-BIL-02", "--stichtag", "31.12.2010")
    out = list(lines(result.stdout))
    assert out[: out.index("")] == [
        "M-BIL-02 – Lehrschwimmbecken",
        "Art              Maßnahme",
        "Handlungsfeld    Bildung",
        "Status           Geplant  veraltet",
        "Fortschritt      nicht berichtet",
        "Verantwortlich   Sportamt",
        "Zieldatum        30.06.2011",
        "Teil von         M-BIL-01 – Schwimmkurse",
        "Gewicht          2",
        "Kosten           45.000,00 €",
        "Förderung        20.000,00 €",
        "Eigenanteil      – (nicht angegeben)",
        "Haushalt         Produktkonto 08.01",
        "Zu den Finanzen  Zuschuss des Landes",
    ]


@pytest.fixture
def gruppenstadt(tmp_path: Path) -> Projekt:
    root = tmp_path / "gruppenstadt"
    shutil.copytree(GRUPPENSTADT, root)
    return Projekt(root)


def test_a_route_that_needs_forwarding_says_it_is_not_forwarded_yet(gruppenstadt: Projekt) -> None:
    gruppenstadt.replace("data/massnahmen/M-BIL-01.yaml", "weitergeleitet_am: 2010-04-15\n", "")
    out = list(lines(gruppenstadt.run("zeige", "M-BIL-01", "--stichtag", "31.03.2010").stdout))
    assert "Weitergeleitet am  – (noch nicht)" in out
