"""The shipped data of council paper 56/08 validates cleanly and shows the paper's state."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import REPO, run_cli


def test_pruefen_on_the_shipped_data_finds_nothing_at_all() -> None:
    # luedialog.yaml, 7 files of guidelines, 77 measures, 8 groups and 6 indicators
    result = run_cli("--daten", str(REPO), "pruefen", "--streng")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("Alles in Ordnung: 99 Dateien geprüft, keine Fehler, keine Warnungen.")


def test_status_per_field_as_the_paper_states_it() -> None:
    data = json.loads(run_cli("--daten", str(REPO), "status", "--stichtag", "2008-12-31", "--format", "json").stdout)
    counts = {
        h["schluessel"]: {k: v for k, v in h["status"].items() if v} | {"gesamt": h["gesamt"]}
        for h in data["handlungsfelder"]
    }
    assert counts == {
        "bildung": {"vorgeschlagen": 3, "geplant": 8, "in_umsetzung": 4, "gesamt": 15},
        "arbeit": {"vorgeschlagen": 10, "geplant": 9, "in_umsetzung": 6, "gesamt": 25},
        "wohnen": {"vorgeschlagen": 1, "geplant": 6, "in_umsetzung": 19, "gesamt": 26},
        "dialog": {"vorgeschlagen": 11, "gesamt": 11},
    }


def test_status_before_the_paper_knows_only_soziale_stadt_gahmen() -> None:
    data = json.loads(run_cli("--daten", str(REPO), "status", "--stichtag", "2008-09-10", "--format", "json").stdout)
    assert [(m["id"], m["status"]) for m in data["massnahmen"]] == [("M-SUW-23", "geplant")]


def test_shipped_data_names_no_people() -> None:
    data = json.loads(run_cli("--daten", str(REPO), "export").stdout)
    assert all(g["mitglieder"] == [] for g in data["gruppen"])
    assert {m["verlauf"][-1]["datum"] for m in data["massnahmen"]} == {"2008-09-25"}
    assert all(m["zieldatum"] is None and m["finanzen"] is None for m in data["massnahmen"])
    # Die einzige Verantwortung, die die Vorlage nennt (Anlage 2: „Unter der Federführung …“).
    assert {m["id"]: m["verantwortlich"] for m in data["massnahmen"] if m["verantwortlich"]} == {
        "M-AUW-20": (
            "„Federführung des Wirtschaftsförderungszentrums Lünen und der BAAS-Akademie“ (Vorlage 56/08, Anlage 2)"
        )
    }


def test_export_csv_of_the_shipped_data_has_one_row_per_measure() -> None:
    result = run_cli("--daten", str(REPO), "export", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 1 + 77
    assert rows[1][:5] == ["M-AUW-01", rows[1][1], "Aktivität", "Arbeit und Wirtschaft", "In Umsetzung"]
