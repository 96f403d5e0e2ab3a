"""schema: one declaration validates parsed YAML, builds dataclasses and describes itself as JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from luedialog.files.read import Document, parse_text
from luedialog.findings import Finding, Severity
from luedialog.model.schema import (
    INVALID,
    Boolean,
    Context,
    Date,
    Field,
    Integer,
    LabelMap,
    ListMap,
    Number,
    Schema,
    SchemaList,
    Text,
    TextList,
    suggest,
    validate,
)

NAME = "data/akte.yaml"
STATUS = ("geplant", "in_umsetzung", "umgesetzt")


@dataclass(frozen=True)
class Eintrag:
    datum: date
    status: str
    datei: str = ""
    zeile: int = 0


@dataclass(frozen=True)
class Akte:
    titel: str
    anzahl: int | None = None
    anteil: float | None = None
    aktiv: bool = False
    beginn: date | None = None
    stadtteile: tuple[str, ...] = ()
    verlauf: tuple[Eintrag, ...] = ()
    datei: str = ""
    zeile: int = 0


EINTRAG = Schema(
    title="Eintrag im Verlauf",
    cls=Eintrag,
    fields=(Field("datum", Date(), True, "Datum des Eintrags"), Field("status", Text("status"), True)),
)
AKTE = Schema(
    title="Akte",
    cls=Akte,
    help="Eine Testakte.",
    fields=(
        Field("titel", Text(), True, "kurzer Titel"),
        Field("anzahl", Integer(0, 10)),
        Field("anteil", Number(0, 1)),
        Field("aktiv", Boolean()),
        Field("beginn", Date()),
        Field("stadtteile", TextList()),
        Field("verlauf", SchemaList(EINTRAG)),
    ),
)


def document(text: str) -> Document:
    doc, findings = parse_text(NAME, Path(NAME), text)
    assert findings == []
    assert doc is not None
    return doc


def context(text: str = "x: 1\n") -> Context:
    return Context(document(text), {"status": STATUS}, {"status": "den Status"})


def check(text: str, schema: Schema = AKTE) -> tuple[Any, list[Finding]]:
    ctx = context(text)
    return validate(ctx.doc, schema, ctx), ctx.findings


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    finding = findings[0]
    assert finding.file == NAME and finding.severity is Severity.FEHLER
    return finding


# --- building --------------------------------------------------------------------------------------


def test_valid_document_builds_the_dataclass_with_datei_and_zeile() -> None:
    akte, findings = check(
        "# Kommentar\ntitel: Schwimmkurse\nanzahl: 3\naktiv: ja\nbeginn: 15.03.2010\nstadtteile: [Nord]\n"
        "verlauf:\n  - datum: 2010-03-15\n    status: geplant\n"
    )
    assert findings == []
    assert akte == Akte(
        titel="Schwimmkurse",
        anzahl=3,
        aktiv=True,
        beginn=date(2010, 3, 15),
        stadtteile=("Nord",),
        verlauf=(Eintrag(date(2010, 3, 15), "geplant", NAME, 8),),
        datei=NAME,
        zeile=2,
    )


def test_optional_fields_left_out_keep_their_defaults() -> None:
    akte, findings = check("titel: x\n")
    assert findings == [] and akte == Akte(titel="x", datei=NAME, zeile=1)


def test_optional_field_written_empty_counts_as_left_out() -> None:
    akte, findings = check("titel: x\nanzahl:\n")
    assert findings == [] and akte.anzahl is None


def test_schema_without_cls_returns_a_dict() -> None:
    schema = Schema(title="Frei", fields=(Field("a", Integer()), Field("b", Text())))
    result, findings = check("a: 1\nb: x\n", schema)
    assert findings == [] and result == {"a": 1, "b": "x"}


def test_numbers_are_accepted_as_text() -> None:
    akte, findings = check("titel: 2010\n")
    assert findings == [] and akte.titel == "2010"


# --- keys ------------------------------------------------------------------------------------------


def test_unknown_key_is_reported_at_its_line_with_a_suggestion() -> None:
    akte, findings = check("anzahl: 1\ntitl: y\n")
    f = only(findings)  # and no second finding "Pflichtfeld „titel“ fehlt"
    assert akte is None
    assert (f.line, f.code, f.key) == (2, "unbekannter-schluessel", "titl")
    assert "Unbekannter Schlüssel „titl“ in Akte" in f.message
    assert f.hint == "Meinten Sie „titel“?"


def test_unknown_key_suggests_only_keys_that_are_not_already_there() -> None:
    f = only(check("titel: x\ntitl: y\n")[1])
    assert (f.line, f.code) == (2, "unbekannter-schluessel") and f.hint != "Meinten Sie „titel“?"


def test_unknown_key_without_a_close_match_lists_the_allowed_keys() -> None:
    f = only(check("titel: x\nzzzz: y\n")[1])
    assert f.code == "unbekannter-schluessel"
    assert f.hint == "Erlaubt: titel, anzahl, anteil, aktiv, beginn, stadtteile, verlauf."


def test_missing_required_field_is_pflichtfeld_at_the_mapping() -> None:
    akte, findings = check("# Kommentar\nanzahl: 3\n")
    f = only(findings)
    assert akte is None
    assert (f.line, f.code) == (2, "pflichtfeld")
    assert "Pflichtfeld „titel“ fehlt in Akte" in f.message
    assert "titel: …" in f.hint and "kurzer Titel" in f.hint


def test_required_field_written_empty_is_pflichtfeld_at_its_key() -> None:
    f = only(check("anzahl: 3\ntitel:\n")[1])
    assert (f.line, f.code, f.key) == (2, "pflichtfeld", "titel")


def test_document_that_is_not_a_mapping_is_keine_zuordnung() -> None:
    f = only(check("- titel: x\n")[1])
    assert (f.line, f.code) == (1, "keine-zuordnung")
    assert f.message.startswith("Akte: erwartet wird eine Zuordnung") and "eine Liste" in f.message


# --- types -----------------------------------------------------------------------------------------


def test_list_for_text_is_falscher_typ() -> None:
    f = only(check("titel: [a, b]\n")[1])
    assert (f.line, f.code, f.key) == (1, "falscher-typ", "titel")
    assert f.message == "Erwartet wird ein Text, gefunden: eine Liste."


def test_mapping_for_text_is_falscher_typ() -> None:
    f = only(check("titel:\n  a: 1\n")[1])
    assert (f.line, f.code) == (2, "falscher-typ") and "eine Zuordnung" in f.message


def test_boolean_for_text_is_falscher_typ() -> None:
    f = only(check("titel: true\n")[1])
    assert f.code == "falscher-typ" and "ein Wahrheitswert" in f.message


def test_text_for_integer_is_falscher_typ() -> None:
    f = only(check("titel: x\nanzahl: drei\n")[1])
    assert (f.line, f.code, f.key) == (2, "falscher-typ", "anzahl")
    assert f.message == "Erwartet wird eine ganze Zahl, gefunden: der Text „drei“."


def test_bool_is_not_an_integer() -> None:
    f = only(check("titel: x\nanzahl: true\n")[1])
    assert (f.line, f.code) == (2, "falscher-typ") and "ein Wahrheitswert (true/false)" in f.message


def test_float_is_not_an_integer() -> None:
    f = only(check("titel: x\nanzahl: 2.5\n")[1])
    assert f.code == "falscher-typ" and "die Zahl 2.5" in f.message


def test_quoted_number_is_not_an_integer() -> None:
    f = only(check('titel: x\nanzahl: "3"\n')[1])
    assert f.code == "falscher-typ" and "der Text „3“" in f.message


def test_integer_accepted_as_number() -> None:
    akte, findings = check("titel: x\nanteil: 1\n")
    assert findings == [] and akte.anteil == 1


def test_bool_is_not_a_number() -> None:
    f = only(check("titel: x\nanteil: false\n")[1])
    assert f.code == "falscher-typ" and "eine Zahl" in f.message


@pytest.mark.parametrize(
    ("written", "expected"),
    [("ja", True), ("nein", False), ("Ja", True), ("NEIN", False), ("true", True), ("false", False), ("yes", True)],
)
def test_boolean_accepts_yaml_booleans_and_ja_nein(written: str, expected: bool) -> None:
    akte, findings = check(f"titel: x\naktiv: {written}\n")
    assert findings == [] and akte.aktiv is expected


def test_boolean_rejects_other_text() -> None:
    f = only(check("titel: x\naktiv: vielleicht\n")[1])
    assert (f.line, f.code) == (2, "falscher-typ") and "ja oder nein" in f.message


def test_boolean_rejects_numbers() -> None:
    f = only(check("titel: x\naktiv: 1\n")[1])
    assert f.code == "falscher-typ" and "die Zahl 1" in f.message


def test_empty_text_is_leer() -> None:
    f = only(check('titel: "  "\n')[1])
    assert (f.line, f.code, f.key) == (1, "leer", "titel") and f.message == "Der Text ist leer."


def test_text_list_rejects_a_single_text() -> None:
    f = only(check("titel: x\nstadtteile: Nord\n")[1])
    assert (f.line, f.code, f.key) == (2, "falscher-typ", "stadtteile") and "eine Liste von Texten" in f.message


def test_text_list_item_problem_carries_the_item_number() -> None:
    f = only(check("titel: x\nstadtteile:\n  - Nord\n  - [Süd]\n")[1])
    assert (f.line, f.code, f.key) == (4, "falscher-typ", "stadtteile[2]")


def test_empty_text_list_is_fine() -> None:
    akte, findings = check("titel: x\nstadtteile: []\n")
    assert findings == [] and akte.stadtteile == ()


# --- ranges ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 10])
def test_integer_range_includes_its_bounds(value: int) -> None:
    akte, findings = check(f"titel: x\nanzahl: {value}\n")
    assert findings == [] and akte.anzahl == value


@pytest.mark.parametrize("value", [-1, 11])
def test_integer_outside_its_range_is_ausserhalb(value: int) -> None:
    f = only(check(f"titel: x\nanzahl: {value}\n")[1])
    assert (f.line, f.code, f.key) == (2, "ausserhalb", "anzahl")
    assert f"Der Wert {value} liegt nicht im erlaubten Bereich (zwischen 0 und 10)" in f.message


def test_one_sided_ranges_say_mindestens_or_hoechstens() -> None:
    ctx = context()
    assert Integer(minimum=5).check(4, ("a",), ctx) is INVALID
    assert Integer(maximum=5).check(6, ("b",), ctx) is INVALID
    assert [f.code for f in ctx.findings] == ["ausserhalb", "ausserhalb"]
    assert "(mindestens 5)" in ctx.findings[0].message and "(höchstens 5)" in ctx.findings[1].message


def test_number_outside_its_range_is_ausserhalb() -> None:
    f = only(check("titel: x\nanteil: 1.5\n")[1])
    assert (f.code, f.key) == ("ausserhalb", "anteil") and "1.5" in f.message


# --- dates -----------------------------------------------------------------------------------------


def test_date_accepts_date_objects() -> None:
    ctx = context()
    assert Date().check(date(2010, 3, 15), ("d",), ctx) == date(2010, 3, 15)
    assert ctx.findings == []


@pytest.mark.parametrize("text", ["2010-03-15", "15.03.2010", "15.3.2010", " 2010-3-15 "])
def test_date_accepts_iso_and_german_text(text: str) -> None:
    ctx = context()
    assert Date().check(text, ("d",), ctx) == date(2010, 3, 15)
    assert ctx.findings == []


def test_impossible_german_date_is_datum_ungueltig() -> None:
    f = only(check('titel: x\nbeginn: "31.02.2010"\n')[1])
    assert (f.line, f.code, f.key) == (2, "datum-ungueltig", "beginn")
    assert "„31.02.2010“ ist kein gültiges Kalenderdatum" in f.message
    assert "2010-03-15" in f.hint


def test_text_that_is_no_date_is_datum_ungueltig() -> None:
    f = only(check("titel: x\nbeginn: Frühjahr 2010\n")[1])
    assert f.code == "datum-ungueltig" and "„Frühjahr 2010“ ist kein Datum" in f.message


def test_number_for_date_is_falscher_typ() -> None:
    f = only(check("titel: x\nbeginn: 2010\n")[1])
    assert f.code == "falscher-typ" and "ein Datum" in f.message


# --- vocabularies ----------------------------------------------------------------------------------


def test_unknown_vocabulary_value_is_unbekannter_wert_with_suggestion() -> None:
    f = only(check("titel: x\nverlauf:\n  - datum: 2010-03-15\n    status: in_umsetzng\n")[1])
    assert (f.line, f.code, f.key) == (4, "unbekannter-wert", "verlauf[1].status")
    assert "„in_umsetzng“ ist kein bekannter Wert für den Status" in f.message
    assert f.hint == "Meinten Sie „in_umsetzung“?"


def test_unknown_vocabulary_value_without_close_match_lists_the_allowed_values() -> None:
    f = only(check("titel: x\nverlauf:\n  - datum: 2010-03-15\n    status: xyz\n")[1])
    assert f.code == "unbekannter-wert" and f.hint == "Erlaubt: geplant, in_umsetzung, umgesetzt."


def test_vocabulary_is_case_sensitive() -> None:
    f = only(check("titel: x\nverlauf:\n  - datum: 2010-03-15\n    status: Geplant\n")[1])
    assert f.code == "unbekannter-wert" and f.hint == "Meinten Sie „geplant“?"


def test_suggest_ignores_case_and_answers_with_the_real_spelling() -> None:
    assert suggest("nordviertel", ["Nordviertel", "Südhafen"]) == "Meinten Sie „Nordviertel“?"
    assert suggest("zzz", ["Nordviertel"]) == ""


def test_label_map_and_list_map() -> None:
    schema = Schema(title="Karten", fields=(Field("arten", LabelMap()), Field("wege", ListMap())))
    result, findings = check("arten:\n  projekt: Projekt\nwege:\n  a: [b, c]\n  b: []\n", schema)
    assert findings == []
    assert result == {"arten": {"projekt": "Projekt"}, "wege": {"a": ("b", "c"), "b": ()}}


def test_list_map_value_that_is_no_list_is_falscher_typ() -> None:
    schema = Schema(title="Karten", fields=(Field("wege", ListMap()),))
    f = only(check("wege:\n  a: [b]\n  b: c\n", schema)[1])
    assert (f.line, f.code, f.key) == (3, "falscher-typ", "wege.b")


# --- all problems, with positions ------------------------------------------------------------------


def test_all_problems_are_reported_not_only_the_first() -> None:
    akte, findings = check("anzahl: viele\naktiv: vielleicht\nfarbe: rot\n")
    assert akte is None
    assert [(f.line, f.code, f.key) for f in findings] == [
        (3, "unbekannter-schluessel", "farbe"),
        (1, "pflichtfeld", ""),
        (1, "falscher-typ", "anzahl"),
        (2, "falscher-typ", "aktiv"),
    ]


def test_problems_in_several_list_items_are_each_reported_with_their_index() -> None:
    akte, findings = check(
        "titel: x\nverlauf:\n"
        "  - datum: 2010-03-15\n    status: geplant\n"
        '  - datum: "30.02.2010"\n    status: geplannt\n'
        "  - status: umgesetzt\n"
    )
    assert akte is None
    assert [(f.line, f.code, f.key) for f in findings] == [
        (5, "datum-ungueltig", "verlauf[2].datum"),
        (6, "unbekannter-wert", "verlauf[2].status"),
        (7, "pflichtfeld", "verlauf[3]"),
    ]


def test_nested_list_item_problem_names_the_item_counted_from_one() -> None:
    f = only(
        check(
            "titel: x\nverlauf:\n  - datum: 2010-03-15\n    status: geplant\n  - datum: 2010-04-01\n"
            "    status: [geplant]\n"
        )[1]
    )
    assert (f.line, f.code, f.key) == (6, "falscher-typ", "verlauf[2].status")


def test_schema_list_rejects_a_mapping() -> None:
    f = only(check("titel: x\nverlauf:\n  datum: 2010-03-15\n")[1])
    assert (f.line, f.code, f.key) == (3, "falscher-typ", "verlauf") and "eine Liste" in f.message


def test_schema_list_item_that_is_not_a_mapping_is_keine_zuordnung() -> None:
    f = only(check("titel: x\nverlauf:\n  - geplant\n")[1])
    assert (f.line, f.code, f.key) == (3, "keine-zuordnung", "verlauf[1]")
    assert f.message.startswith("Eintrag im Verlauf: erwartet wird eine Zuordnung")


def test_each_list_item_gets_its_own_zeile() -> None:
    akte, findings = check(
        "titel: x\nverlauf:\n  - datum: 2010-03-15\n    status: geplant\n\n"
        "  - datum: 2010-04-01\n    status: umgesetzt\n"
    )
    assert findings == []
    assert [(e.datei, e.zeile) for e in akte.verlauf] == [(NAME, 3), (NAME, 6)]


# --- JSON Schema -----------------------------------------------------------------------------------


def test_json_schema_lists_required_fields_and_forbids_other_keys() -> None:
    schema = AKTE.json_schema()
    assert schema["type"] == "object"
    assert schema["title"] == "Akte" and schema["description"] == "Eine Testakte."
    assert schema["required"] == ["titel"]
    assert schema["additionalProperties"] is False
    assert list(schema["properties"]) == ["titel", "anzahl", "anteil", "aktiv", "beginn", "stadtteile", "verlauf"]


def test_json_schema_required_field_has_its_type_and_description() -> None:
    assert AKTE.json_schema()["properties"]["titel"] == {"type": ["string", "number"], "description": "kurzer Titel"}


def test_json_schema_optional_field_may_be_null() -> None:
    anzahl = AKTE.json_schema()["properties"]["anzahl"]
    assert anzahl == {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 10}, {"type": "null"}]}


def test_json_schema_describes_nested_list_items() -> None:
    verlauf = AKTE.json_schema()["properties"]["verlauf"]["anyOf"][0]
    assert verlauf["type"] == "array"
    items = verlauf["items"]
    assert items["title"] == "Eintrag im Verlauf"
    assert items["required"] == ["datum", "status"]
    assert items["additionalProperties"] is False
    assert items["properties"]["status"] == {"type": "string"}
    assert items["properties"]["datum"]["type"] == "string" and "pattern" in items["properties"]["datum"]


def test_json_schema_of_the_simple_types() -> None:
    assert Boolean().json_schema() == {"anyOf": [{"type": "boolean"}, {"enum": ["ja", "nein", "Ja", "Nein"]}]}
    assert TextList().json_schema() == {"type": "array", "items": {"type": ["string", "number"]}}
    assert LabelMap().json_schema() == {"type": "object", "additionalProperties": {"type": "string"}}
    assert Number(minimum=0).json_schema() == {"type": "number", "minimum": 0}
