"""`pruefen --format json` is a stable interface: the output matches the schema in docs/pruefen-json.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import REPO, Projekt

DOC = REPO / "docs" / "pruefen-json.md"
# a binding declaration without an end date: a warning
MITGLIED_OHNE_ENDE = (
    "mitglieder:\n  - person: Erika Beispiel\n    rolle: mitglied\n    sitz: ag-bildung-mitglieder\n"
    "    beginn: 2009-03-01\n"
)


def doc_blocks() -> list[str]:
    return re.findall(r"```json\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(doc_blocks()[1])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def pruefen_json(projekt: Projekt, *extra: str) -> tuple[int, dict[str, Any]]:
    result = projekt.run("pruefen", "--format", "json", "--stichtag", "2011-12-31", *extra)
    assert result.stderr == ""
    return result.exit_code, json.loads(result.stdout)


def test_the_documented_example_is_the_real_output(projekt: Projekt) -> None:
    projekt.replace("data/massnahmen/M-BIL-01.yaml", "status: geplant", "status: gepalnt")
    exit_code, data = pruefen_json(projekt)
    assert exit_code == 1
    assert data == json.loads(doc_blocks()[0])


def test_a_clean_project_matches_the_schema(projekt: Projekt, validator: Draft202012Validator) -> None:
    exit_code, data = pruefen_json(projekt)
    assert (exit_code, data) == (0, {"version": 1, "dateien": 6, "fehler": 0, "warnungen": 0, "befunde": []})
    validator.validate(data)


def test_errors_and_warnings_match_the_schema(projekt: Projekt, validator: Draft202012Validator) -> None:
    projekt.replace("data/massnahmen/M-BIL-01.yaml", "status: geplant", "status: gepalnt")
    projekt.write("data/massnahmen/M-BIL-09.yaml", "id: [kaputt\n")
    projekt.replace("data/gruppen/ag-bildung.yaml", "mitglieder: []", MITGLIED_OHNE_ENDE)
    exit_code, data = pruefen_json(projekt)
    assert exit_code == 1
    validator.validate(data)
    assert (data["fehler"], data["warnungen"]) == (
        sum(1 for b in data["befunde"] if b["schwere"] == "fehler"),
        sum(1 for b in data["befunde"] if b["schwere"] == "warnung"),
    )
    assert data["fehler"] >= 2 and data["warnungen"] >= 1
    assert {b["datei"] for b in data["befunde"]} >= {
        "data/massnahmen/M-BIL-01.yaml",
        "data/massnahmen/M-BIL-09.yaml",
        "data/gruppen/ag-bildung.yaml",
    }
    # sorted by file, line, column
    places = [(b["datei"], b["zeile"], b["spalte"]) for b in data["befunde"]]
    assert places == sorted(places)


def test_the_schema_names_exactly_the_fields_the_program_writes(projekt: Projekt) -> None:
    projekt.replace("data/massnahmen/M-BIL-01.yaml", "status: geplant", "status: gepalnt")
    _, data = pruefen_json(projekt)
    schema = json.loads(doc_blocks()[1])
    assert set(schema["required"]) == set(schema["properties"]) == set(data)
    item = schema["properties"]["befunde"]["items"]
    assert set(item["required"]) == set(item["properties"]) == set(data["befunde"][0])


def test_strict_mode_fails_on_warnings_only(projekt: Projekt) -> None:
    projekt.replace("data/gruppen/ag-bildung.yaml", "mitglieder: []", MITGLIED_OHNE_ENDE)
    exit_code, data = pruefen_json(projekt)
    assert (exit_code, data["fehler"]) == (0, 0)
    assert data["warnungen"] >= 1
    exit_code, strict = pruefen_json(projekt, "--streng")
    assert (exit_code, strict) == (1, data)


def test_the_doc_is_linked_from_the_help() -> None:
    cli_doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "docs/pruefen-json.md" in cli_doc
    assert Path(DOC).is_file()
