"""Creating a measure: `luedialog neu massnahme` (`luedialog init`: tests/services/test_init.py)."""

from __future__ import annotations

from datetime import date

import pytest

from luedialog.files.read import read_document
from tests.conftest import Projekt


def test_new_measure_gets_the_next_free_id_schema_line_and_first_entry(projekt: Projekt) -> None:
    projekt.replace("luedialog.yaml", "veraltet_nach_monaten: 12", "veraltet_nach_monaten: 12\nsachstand_von: Schulamt")
    result = projekt.run(
        "neu",
        "massnahme",
        "--feld",
        "bildung",
        "--titel",
        "Leseförderung: „Lesen macht stark“",
        "--leitlinie",
        "L-BIL-2",
        "--teil-von",
        "M-BIL-01",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Angelegt: M-BIL-03 in data/massnahmen/M-BIL-03.yaml\n"
    text = projekt.read("data/massnahmen/M-BIL-03.yaml")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/massnahme.schema.json"
    doc, findings = read_document(projekt.path("data/massnahmen/M-BIL-03.yaml"), "x")
    assert findings == [] and doc is not None and isinstance(doc.data, dict)
    assert doc.data["titel"] == "Leseförderung: „Lesen macht stark“"
    assert doc.data["leitlinien"] == ["L-BIL-2"]
    assert doc.data["teil_von"] == "M-BIL-01"
    assert doc.data["verlauf"] == [
        {"datum": date.today(), "status": "geplant", "notiz": "Neu angelegt.", "von": "Schulamt"}
    ]
    assert projekt.run("pruefen").exit_code == 0


def test_ids_count_per_field(projekt: Projekt) -> None:
    assert projekt.run("neu", "massnahme", "--feld", "wohnen", "--titel", "Spielplatz").exit_code == 0
    assert projekt.path("data/massnahmen/M-WOH-02.yaml").exists()


def test_dry_run_writes_nothing(projekt: Projekt) -> None:
    result = projekt.run("neu", "massnahme", "--feld", "bildung", "--titel", "Probe", "--dry-run")
    assert result.exit_code == 0
    assert "id: M-BIL-03" in result.stdout
    assert not projekt.path("data/massnahmen/M-BIL-03.yaml").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--feld", "bildng"], 2, "Fehler: --feld: „bildng“ ist unbekannt. Meinten Sie „bildung“?"),
        (
            ["--feld", "bildung", "--leitlinie", "L-BIL-9"],
            1,
            "Fehler: --leitlinie: Keine Leitlinie mit der ID „L-BIL-9“.",
        ),
        (
            ["--feld", "bildung", "--teil-von", "M-BIL-09"],
            1,
            "Fehler: --teil-von: Keine Maßnahme mit der ID „M-BIL-09“.",
        ),
        (["--feld", "bildung", "--art", "programm"], 2, "Fehler: --art: „programm“ ist unbekannt."),
        (["--feld", "bildung", "--status", "fertig"], 2, "Fehler: --status: „fertig“ ist unbekannt."),
    ],
)
def test_refusals_write_nothing(projekt: Projekt, args: list[str], code: int, message: str) -> None:
    result = projekt.run("neu", "massnahme", "--titel", "X", *args)
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert not projekt.path("data/massnahmen/M-BIL-03.yaml").exists()


def test_a_new_measure_that_would_be_invalid_is_refused(projekt: Projekt) -> None:
    # "umgesetzt" needs evidence, which a new measure cannot have
    result = projekt.run("neu", "massnahme", "--feld", "bildung", "--titel", "X", "--status", "umgesetzt")
    assert result.exit_code == 1
    assert "nachweis-fehlt" not in result.stderr and "Nachweis" in result.stderr
    assert not projekt.path("data/massnahmen/M-BIL-03.yaml").exists()
