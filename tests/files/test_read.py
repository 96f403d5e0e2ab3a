"""yamlio: plain YAML in, plain data with line numbers out; every problem is a finding, never an exception."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from luedialog.files import read as yamlio
from luedialog.files.read import MAX_DEPTH, Document, decode, format_key_path, parse_text, read_document
from luedialog.findings import Finding, Severity

NAME = "data/t.yaml"


def parse(text: str) -> tuple[Document | None, list[Finding]]:
    return parse_text(NAME, Path(NAME), text)


def read(tmp_path: Path, raw: bytes) -> tuple[Document | None, list[Finding]]:
    path = tmp_path / "t.yaml"
    path.write_bytes(raw)
    return read_document(path, NAME)


def load(text: str) -> Document:
    """Parse text that must be clean."""
    doc, findings = parse(text)
    assert findings == []
    assert doc is not None
    return doc


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    finding = findings[0]
    assert finding.file == NAME and finding.severity is Severity.FEHLER
    return finding


def nested_mapping(levels: int) -> str:
    """``levels`` mappings inside each other in block style, a scalar at the bottom."""
    text = "".join("  " * i + f"k{i}:\n" for i in range(levels))
    return text + "  " * levels + "wert\n"


# --- plain data and positions ------------------------------------------------------------------


def test_plain_yaml_becomes_plain_data() -> None:
    doc = load("titel: Schwimmkurse\nanzahl: 3\nanteil: 0.5\naktiv: true\nleer:\nliste: [a, b]\n")
    assert doc.data == {
        "titel": "Schwimmkurse",
        "anzahl": 3,
        "anteil": 0.5,
        "aktiv": True,
        "leer": None,
        "liste": ["a", "b"],
    }


def test_every_value_and_key_remembers_its_line() -> None:
    doc = load("titel: x\nverlauf:\n  - datum: 2010-01-01\n    status: geplant\n")
    assert doc.line(("titel",)) == 1
    assert doc.key_line(("verlauf",)) == 2
    assert doc.line(("verlauf",)) == 3
    assert doc.line(("verlauf", 0, "status")) == 4


def test_line_falls_back_to_the_nearest_parent_with_a_position() -> None:
    doc = load("titel: x\nverlauf:\n  - datum: 2010-01-01\n")
    assert doc.line(("verlauf", 0, "status")) == 3
    assert doc.line(("verlauf", 5)) == 3
    assert doc.line(("fehlt", "auch")) == 1


def test_key_line_falls_back_to_the_value_line() -> None:
    doc = load("liste:\n  - a\n  - b\n")
    assert doc.key_line(("liste", 1)) == 3


def test_format_key_path_counts_list_items_from_one() -> None:
    assert format_key_path(("verlauf", 2, "datum")) == "verlauf[3].datum"


def test_format_key_path_of_a_top_level_list_and_of_nothing() -> None:
    assert format_key_path((0, "titel")) == "[1].titel"
    assert format_key_path(()) == ""


def test_yes_no_on_off_are_booleans_as_in_yaml_1_1() -> None:
    assert load("a: yes\nb: No\nc: on\nd: OFF\n").data == {"a": True, "b": False, "c": True, "d": False}


def test_quoted_values_stay_text() -> None:
    assert load('a: "2010-03-15"\nb: "12"\nc: "true"\n').data == {"a": "2010-03-15", "b": "12", "c": "true"}


def test_an_unquoted_date_becomes_a_date() -> None:
    assert load("datum: 2010-03-15\n").data == {"datum": date(2010, 3, 15)}


def test_a_datetime_value_becomes_a_date() -> None:
    doc = load("datum: 2009-02-01 10:30:00\n")
    assert isinstance(doc.data, dict)
    value = doc.data["datum"]
    assert type(value) is date and value == date(2009, 2, 1)


def test_an_impossible_unquoted_date_is_datum_ungueltig() -> None:
    doc, findings = parse("titel: x\ndatum: 2009-02-31\n")
    f = only(findings)
    assert (f.line, f.code, f.key) == (2, "datum-ungueltig", "datum")
    assert "„2009-02-31“ ist kein gültiges Kalenderdatum" in f.message
    assert doc is not None and doc.data == {"titel": "x", "datum": None}


# --- encodings and bytes -----------------------------------------------------------------------


def test_utf8_bom_is_read_normally(tmp_path: Path) -> None:
    doc, findings = read(tmp_path, b"\xef\xbb\xbftitel: Gr\xc3\xbc\xc3\x9fe\nanzahl: 2\n")
    assert findings == []
    assert doc is not None
    assert doc.data == {"titel": "Grüße", "anzahl": 2}
    assert doc.line(("anzahl",)) == 2


def test_crlf_line_ends_are_read_normally(tmp_path: Path) -> None:
    doc, findings = read(tmp_path, b"titel: x\r\nverlauf:\r\n  - notiz: |\r\n      eins\r\n      zwei\r\n")
    assert findings == []
    assert doc is not None
    assert doc.data == {"titel": "x", "verlauf": [{"notiz": "eins\nzwei\n"}]}
    assert doc.line(("verlauf", 0)) == 3


def test_utf16_with_bom_is_a_kodierung_finding(tmp_path: Path) -> None:
    doc, findings = read(tmp_path, "titel: Grüße\n".encode("utf-16"))
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (1, "kodierung") and "UTF-16" in f.message
    assert "UTF-8" in f.hint


def test_latin1_bytes_are_a_kodierung_finding_on_the_right_line(tmp_path: Path) -> None:
    doc, findings = read(tmp_path, b"id: M-BIL-01\ntitel: Gr\xfc\xdfe\n")
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (2, "kodierung")
    assert "nicht in UTF-8" in f.message


def test_latin1_on_the_first_line(tmp_path: Path) -> None:
    f = only(read(tmp_path, b"titel: Gr\xfc\xdfe")[1])
    assert (f.line, f.code) == (1, "kodierung")


def test_nul_byte_is_a_finding_with_its_line(tmp_path: Path) -> None:
    doc, findings = read(tmp_path, b"titel: x\nnotiz: a\x00b\n")
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (2, "nul-byte") and "NUL-Bytes" in f.message


def test_empty_file_is_datei_leer(tmp_path: Path) -> None:
    doc, findings = read(tmp_path, b"")
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (1, "datei-leer") and "leer" in f.message


def test_comment_only_file_is_datei_leer(tmp_path: Path) -> None:
    doc, findings = read(tmp_path, b"# nur ein Kommentar\n\n# noch einer\n")
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (1, "datei-leer")


def test_missing_file_is_a_finding_not_an_exception(tmp_path: Path) -> None:
    doc, findings = read_document(tmp_path / "gibt-es-nicht.yaml", NAME)
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (0, "datei-lesen") and "kann nicht gelesen werden" in f.message


def test_file_over_max_file_bytes_is_datei_zu_gross(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 16)
    doc, findings = read(tmp_path, b"titel: " + b"x" * 10 + b"\n")
    f = only(findings)
    assert doc is None
    assert f.code == "datei-zu-gross" and "MB" in f.message


def test_file_of_exactly_max_file_bytes_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 16)
    raw = b"titel: " + b"x" * 8 + b"\n"
    assert len(raw) == 16
    doc, findings = read(tmp_path, raw)
    assert findings == [] and doc is not None and doc.data == {"titel": "x" * 8}


def test_datei_zu_gross_states_a_size_above_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 1024 * 1024)
    text, findings = decode(NAME, b"#" * (3 * 512 * 1024))
    f = only(findings)
    assert text is None and f.code == "datei-zu-gross"
    match = re.search(r"ist ([\d,.]+) MB groß; erlaubt sind höchstens ([\d,.]+) MB", f.message)
    assert match is not None
    size, limit = (float(g.replace(",", ".")) for g in match.groups())
    assert size > limit


# --- git conflicts and syntax ------------------------------------------------------------------


def test_git_conflict_markers_point_at_the_opening_marker() -> None:
    text = "id: M-BIL-01\ntitel: x\n<<<<<<< HEAD\nart: projekt\n=======\nart: massnahme\n>>>>>>> feature\n"
    doc, findings = parse(text)
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (3, "konfliktmarker") and "Konfliktmarker" in f.message


def test_bad_indentation_is_yaml_syntax_with_line() -> None:
    doc, findings = parse("titel: x\nfinanzen:\n  kosten: 1\n notiz: y\n")
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (4, "yaml-syntax")
    assert f.message.startswith("YAML-Syntaxfehler (Zeile 4,") and "Einrückung" in f.message


def test_missing_space_after_colon_is_yaml_syntax_with_line() -> None:
    doc, findings = parse("titel: x\nart: Schwimm: kurse\n")
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (2, "yaml-syntax") and f.message.startswith("YAML-Syntaxfehler (Zeile 2,")


def test_missing_space_after_colon_is_explained_in_german() -> None:
    f = only(parse("titel: Schwimm: kurse\n")[1])
    assert "„Schlüssel: Wert“" in f.message and "Problem laut YAML-Parser" not in f.message


def test_tab_indentation_is_yaml_syntax_with_line() -> None:
    doc, findings = parse("titel: x\nfinanzen:\n\tkosten: 1\n")
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (3, "yaml-syntax") and f.message.startswith("YAML-Syntaxfehler")


@pytest.mark.parametrize("text", ["titel: x\nfinanzen:\n\tkosten: 1\n", "titel: x\n\tart: projekt\n"])
def test_tab_indentation_is_explained_in_german(text: str) -> None:
    f = only(parse(text)[1])
    assert "Tabulator" in f.message and "Problem laut YAML-Parser" not in f.message


def test_unclosed_quote_is_yaml_syntax() -> None:
    doc, findings = parse('titel: x\nnotiz: "offen\nart: projekt\n')
    f = only(findings)
    assert doc is None
    assert f.code == "yaml-syntax"
    assert f.message.startswith("YAML-Syntaxfehler") and "Anführungszeichen" in f.message


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    f = only(parse('titel: x\nnotiz: "offen\nart: projekt\nhandlungsfeld: bildung\n')[1])
    assert f.line == 2


def test_two_documents_are_yaml_syntax_at_the_separator() -> None:
    doc, findings = parse("titel: x\n---\ntitel: y\n")
    f = only(findings)
    assert doc is None
    assert (f.line, f.code) == (2, "yaml-syntax") and f.message.startswith("YAML-Syntaxfehler")


def test_two_documents_are_explained_in_german() -> None:
    f = only(parse("titel: x\n---\ntitel: y\n")[1])
    assert "mehr als ein YAML-Dokument" in f.message


def test_a_leading_document_marker_is_fine() -> None:
    assert load("---\ntitel: x\n").data == {"titel": "x"}


# --- duplicate and odd keys --------------------------------------------------------------------


def test_duplicate_key_is_an_error_with_both_lines() -> None:
    doc, findings = parse("id: M-BIL-01\nart: projekt\nart: massnahme\n")
    f = only(findings)
    assert (f.line, f.code, f.key) == (3, "doppelter-schluessel", "art")
    assert "„art“" in f.message and "zuerst in Zeile 2" in f.message
    assert doc is not None and doc.data == {"id": "M-BIL-01", "art": "projekt"}


def test_nested_duplicate_key_carries_the_key_path() -> None:
    f = only(parse("titel: x\nverlauf:\n  - datum: 2010-01-01\n    notiz: a\n    notiz: b\n")[1])
    assert (f.line, f.code, f.key) == (5, "doppelter-schluessel", "verlauf[1].notiz")
    assert "zuerst in Zeile 4" in f.message


def test_quoted_and_plain_spelling_of_a_key_are_the_same_key() -> None:
    f = only(parse('titel: x\n"titel": y\n')[1])
    assert (f.line, f.code) == (2, "doppelter-schluessel") and "zuerst in Zeile 1" in f.message


def test_list_as_key_is_yaml_schluessel() -> None:
    doc, findings = parse("titel: x\n? [a]\n: 1\n")
    f = only(findings)
    assert (f.line, f.code) == (2, "yaml-schluessel") and "einfacher Text" in f.message
    assert doc is not None and doc.data == {"titel": "x"}


def test_mapping_as_key_is_yaml_schluessel() -> None:
    f = only(parse("titel: x\n{a: 1}: 2\n")[1])
    assert (f.line, f.code) == (2, "yaml-schluessel")


def test_merge_key_is_yaml_schluessel() -> None:
    f = only(parse("titel: x\n<<: {art: projekt}\n")[1])
    assert (f.line, f.code) == (2, "yaml-schluessel")


# --- anchors, aliases, tags --------------------------------------------------------------------


def test_anchor_and_alias_are_both_reported_and_nothing_is_expanded() -> None:
    doc, findings = parse("a: &x [1, 2]\nb: *x\n")
    assert doc is None
    assert [(f.line, f.code) for f in findings] == [(1, "yaml-alias"), (2, "yaml-alias")]
    assert findings[0].message.startswith("Anker „&x“: Anker und Aliase")
    assert findings[1].message.startswith("Alias „*x“: Anker und Aliase")


def test_alias_as_a_list_item_points_at_the_alias_line() -> None:
    findings = parse("a: &x 1\nliste:\n  - 2\n  - *x\n")[1]
    assert [(f.line, f.code) for f in findings] == [(1, "yaml-alias"), (4, "yaml-alias")]


def test_an_anchor_alone_is_yaml_alias() -> None:
    f = only(parse("titel: &t Schwimmkurse\n")[1])
    assert (f.line, f.code) == (1, "yaml-alias")


def test_undefined_alias_is_refused_as_an_alias() -> None:
    f = only(parse("titel: x\nart: *fehlt\n")[1])
    assert (f.line, f.code) == (2, "yaml-alias") and "Alias „*fehlt“" in f.message


def test_billion_laughs_finishes_quickly_without_expansion() -> None:
    text = "l0: &a0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]\n"
    for level in range(1, 10):
        text += f"l{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]\n"
    doc, findings = parse(text)
    assert doc is None  # refused before composing: nothing is expanded
    assert len(findings) == 20  # reporting stops after 20 anchors/aliases
    assert {f.code for f in findings} == {"yaml-alias"}


def test_python_object_tag_is_yaml_tag_and_nothing_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def fake_system(command: str) -> int:
        calls.append(command)
        return 0

    monkeypatch.setattr(os, "system", fake_system)
    marker = tmp_path / "ausgefuehrt"
    doc, findings = read(tmp_path, f'titel: x\nnotiz: !!python/object/apply:os.system ["touch {marker}"]\n'.encode())
    f = only(findings)
    assert (f.line, f.code, f.key) == (2, "yaml-tag", "notiz")
    assert "„!!python/object/apply:os.system“" in f.message
    assert calls == [] and not marker.exists()
    assert doc is not None and doc.data == {"titel": "x", "notiz": None}


def test_custom_tag_is_yaml_tag() -> None:
    f = only(parse("titel: x\nart: !foo x\n")[1])
    assert (f.line, f.code, f.key) == (2, "yaml-tag", "art") and "„!foo“" in f.message


def test_tags_on_lists_and_mappings_are_yaml_tag() -> None:
    findings = parse("a: !liste [1]\nb: !zuordnung {c: 1}\nc: !!set {x}\n")[1]
    assert [(f.line, f.code) for f in findings] == [(1, "yaml-tag"), (2, "yaml-tag"), (3, "yaml-tag")]


def test_binary_tag_is_yaml_tag() -> None:
    f = only(parse("a: !!binary aGk=\n")[1])
    assert f.code == "yaml-tag" and "„!!binary“" in f.message


# --- depth -------------------------------------------------------------------------------------


def test_nesting_up_to_max_depth_is_fine() -> None:
    doc, findings = parse(nested_mapping(MAX_DEPTH))
    assert findings == [] and doc is not None


def test_nesting_deeper_than_max_depth_is_one_clean_finding() -> None:
    doc, findings = parse(nested_mapping(MAX_DEPTH + 5))
    f = only(findings)
    assert (f.line, f.code) == (MAX_DEPTH + 2, "yaml-tiefe")
    assert f"tiefer als {MAX_DEPTH} Ebenen" in f.message
    assert doc is not None


def test_flow_nesting_of_ten_thousand_levels_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    doc, findings = read(tmp_path, b"titel: " + b"[" * 10_000 + b"]" * 10_000 + b"\n")
    f = only(findings)
    assert doc is None
    assert f.code in {"yaml-syntax", "yaml-tiefe"} and "zu tief verschachtelt" in f.message


def test_a_document_that_let_go_of_its_data_composes_it_again() -> None:
    doc = load(
        "titel: Spielplatz\nverlauf:\n  - datum: 2010-03-15\n    notiz: begonnen\n"
        "  - {datum: 15.03.2011, fortschritt: 40}\n"
    )
    data = doc.data
    doc.release()
    assert doc.data == data
    assert doc.data is not data
    assert doc.data == {
        "titel": "Spielplatz",
        "verlauf": [{"datum": date(2010, 3, 15), "notiz": "begonnen"}, {"datum": "15.03.2011", "fortschritt": 40}],
    }
