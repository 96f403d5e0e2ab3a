"""Safe writes: only the added lines change, atomically (old or new file, never a mix), under a lock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from luedialog.errors import LuedialogError
from luedialog.files import append as writer
from luedialog.files.append import Fields, add_keys, append_item, append_to_list, appended_items, encode_like, scalar
from luedialog.files.atomic import TEMP_PREFIX
from luedialog.files.read import Document, parse_text
from tests.conftest import Projekt, daten, verlauf

M2 = "data/massnahmen/M-BIL-02.yaml"
MASSNAHMEN = "data/massnahmen"

# no git identity: entries written without --von have no "von"
pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")


def temp_files(projekt: Projekt) -> list[Path]:
    return sorted(projekt.path(MASSNAHMEN).glob(f"{TEMP_PREFIX}*"))


def sachstand(projekt: Projekt, ident: str, status: str, notiz: str, datum: str = "2010-03-01") -> tuple[int, str]:
    result = projekt.run("sachstand", ident, status, "--notiz", notiz, "--datum", datum, "--von", "Bauamt")
    return result.exit_code, result.stderr


NEW_ENTRY = b"  - datum: 2010-03-01\n    status: in_umsetzung\n    notiz: Bauantrag gestellt\n    von: Bauamt\n"


# --- layout: nothing but the added lines changes ---------------------------------------------------

RICH = """\
# Fiktive Teilmaßnahme für Tests.
# Zweite Kommentarzeile

id: M-BIL-02
titel: 'Lehrschwimmbecken'
art: massnahme   # Art laut Vorlage
handlungsfeld: "bildung"
teil_von: M-BIL-01
quellen:
  - anlage: 2
    text: >-
      Ein Lehrschwimmbecken
      wird gebaut.
verlauf:   # älteste zuerst

  - datum: 2009-02-01
    status: geplant
    notiz: 'Stand laut Vorlage.'

  # zweiter Eintrag
  - status: "geplant"
    datum: 2009-05-01
    notiz: |
      Planung
      läuft.
<<NEU>>
  # Kommentar nach der Liste

# noch ein Kommentar
zieldatum: 2012-12-31   # nach dem Verlauf
"""


def test_comments_quoting_order_and_blank_lines_stay(projekt: Projekt) -> None:
    old = RICH.replace("<<NEU>>\n", "").encode("utf-8")
    projekt.write_bytes(M2, old)
    assert sachstand(projekt, "M-BIL-02", "in_umsetzung", "Bauantrag gestellt") == (
        0,
        "Eingetragen: M-BIL-02 in_umsetzung am 01.03.2010 in data/massnahmen/M-BIL-02.yaml\n",
    )
    assert projekt.path(M2).read_bytes() == RICH.replace("<<NEU>>\n", NEW_ENTRY.decode()).encode("utf-8")


@pytest.mark.parametrize(
    ("bom", "newline"),
    [(b"", b"\r\n"), (b"\xef\xbb\xbf", b"\n"), (b"\xef\xbb\xbf", b"\r\n")],
    ids=["crlf", "bom", "bom+crlf"],
)
def test_bom_and_line_endings_stay(projekt: Projekt, bom: bytes, newline: bytes) -> None:
    lf = projekt.path(M2).read_bytes()
    projekt.write_bytes(M2, bom + lf.replace(b"\n", newline))
    assert sachstand(projekt, "M-BIL-02", "in_umsetzung", "Bauantrag gestellt")[0] == 0
    assert projekt.path(M2).read_bytes() == bom + (lf + NEW_ENTRY).replace(b"\n", newline)


def test_a_file_without_final_newline_gets_one_after_the_new_entry(projekt: Projekt) -> None:
    lf = projekt.path(M2).read_bytes()
    projekt.write_bytes(M2, lf.rstrip(b"\n"))
    assert sachstand(projekt, "M-BIL-02", "in_umsetzung", "Bauantrag gestellt")[0] == 0
    assert projekt.path(M2).read_bytes() == lf + NEW_ENTRY


@pytest.mark.parametrize("dash_col", [0, 2, 4])
def test_the_new_item_is_indented_like_the_list(dash_col: int) -> None:
    pad = " " * dash_col
    text = f"verlauf:\n{pad}- datum: 2009-02-01\n{pad}  notiz: a\nweiter: 1\n"
    doc, findings = parse_text("x.yaml", Path("x.yaml"), text)
    assert doc is not None and findings == []
    fields: list[tuple[str, writer.Scalar | None]] = [("datum", date(2010, 3, 1)), ("von", None), ("notiz", "b")]
    assert append_to_list(doc, "verlauf", fields) == (
        f"verlauf:\n{pad}- datum: 2009-02-01\n{pad}  notiz: a\n{pad}- datum: 2010-03-01\n{pad}  notiz: b\nweiter: 1\n"
    )


def test_several_items_are_appended_in_one_pass_in_order() -> None:
    text = "verlauf:\n  - datum: 2009-02-01\n    notiz: a\n# Ende\n"
    doc, findings = parse_text("x.yaml", Path("x.yaml"), text)
    assert doc is not None and findings == []
    items: list[list[tuple[str, writer.Scalar | None]]] = [
        [("datum", date(2010, 3, 1)), ("notiz", "b")],
        [("datum", date(2010, 4, 1)), ("notiz", "zwei\nZeilen")],
    ]
    new = append_to_list(doc, "verlauf", *items)
    assert new == (
        "verlauf:\n  - datum: 2009-02-01\n    notiz: a\n  - datum: 2010-03-01\n    notiz: b\n"
        "  - datum: 2010-04-01\n    notiz: |-\n      zwei\n      Zeilen\n# Ende\n"
    )
    assert appended_items(text.encode(), new.replace("\n", "\r\n").encode()) == [
        {"datum": date(2010, 3, 1), "notiz": "b"},
        {"datum": date(2010, 4, 1), "notiz": "zwei\nZeilen"},
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("a: 1\nb:\n  - x\n", "a: 2\nb:\n  - x\n  - y\n"),  # an old line changed
        ("b:\n  - x\n", "b:\n  - x\n"),  # nothing added
        ("a:\n  - 1\nb:\n  - 2\n", "a:\n  - 1\n  - 3\nb:\n  - 2\n  - 4\n"),  # lines added in two places
        ("b:\n  - x\n", "b:\n  - x\n  - y\nc: [\n"),  # the added lines are no YAML
        ("b:\n  - x\n", "b:\n  - x\nc: 1\n"),  # no list item
    ],
)
def test_appended_items_only_for_lines_added_in_one_place(old: str, new: str) -> None:
    assert appended_items(old.encode(), new.encode()) is None


def test_encode_like_keeps_bom_and_crlf() -> None:
    assert encode_like(b"\xef\xbb\xbfa: 1\r\n", "a: 1\nb: ä\n") == b"\xef\xbb\xbfa: 1\r\nb: \xc3\xa4\r\n"
    assert encode_like(b"a: 1\n", "a: 1\nb: 2\n") == b"a: 1\nb: 2\n"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Bauantrag gestellt", "Bauantrag gestellt"),
        ("Übergabe an die Straße", "Übergabe an die Straße"),
        ("ja", "ja"),
        ("yes", '"yes"'),
        ("Null", '"Null"'),
        ("2010", '"2010"'),
        ("Kosten: 5 €", '"Kosten: 5 €"'),
        (date(2010, 3, 1), "2010-03-01"),
        (70, "70"),
    ],
)
def test_scalar_is_plain_only_where_that_is_safe(value: writer.Scalar, text: str) -> None:
    assert scalar(value, 4) == text


# --- notes read back exactly ------------------------------------------------------------------------

NOTES = [
    'Er sagte: "Wir sind fertig."',
    "Mit 'einfachen' Anführungszeichen",
    "Kosten: 5.000 €",
    "Vorlage #12 und Punkt 3#4",
    "Bäder öffnen später – Grüße aus Süd",
    "- Spiegelstrich am Anfang",
    "= Gleichheitszeichen am Anfang",
    '=HYPERLINK("http://x","y")',
    "@alle: bitte lesen",
    "Erste Zeile\nZweite Zeile\n\nDritte nach Leerzeile",
    "  zwei Leerzeichen vorne",
    "Erste Zeile\n  eingerückte zweite",
    "hinten Leerzeichen  ",
    "Tab\tgetrennt",
    "ja",
    "null",
    "2010-03-15",
    "1.5",
    "[Klammer] und {Mengen}",
    "* Stern",
    "& Anker",
    "! Ausruf",
    "| senkrecht",
    "> größer",
    "% Prozent",
    "? Frage",
    "Backslash \\n bleibt",
]


@pytest.mark.parametrize("notiz", NOTES)
def test_notes_read_back_exactly(projekt: Projekt, notiz: str) -> None:
    assert sachstand(projekt, "M-BIL-02", "geplant", notiz)[0] == 0
    assert verlauf(projekt.path(M2))[-1] == {
        "datum": date(2010, 3, 1),
        "status": "geplant",
        "notiz": notiz,
        "von": "Bauamt",
    }


def test_a_multi_line_note_is_written_as_a_literal_block(projekt: Projekt) -> None:
    old = projekt.path(M2).read_bytes()
    assert sachstand(projekt, "M-BIL-02", "geplant", "Erste Zeile\n\nDritte Zeile")[0] == 0
    assert projekt.path(M2).read_bytes() == old + (
        b"  - datum: 2010-03-01\n"
        b"    status: geplant\n"
        b"    notiz: |-\n"
        b"      Erste Zeile\n"
        b"\n"
        b"      Dritte Zeile\n"
        b"    von: Bauamt\n"
    )


@pytest.mark.parametrize(
    "notiz",
    [
        "Erste Zeile\nZweite Zeile\n",
        "Absatz\u2028Trenner",
        "Absatz\u2029Trenner",
        "Nächste\x85Zeile",
        "Steuer\x7fzeichen",
        "Escape\x1bzeichen",
        "mitten\ufeffdrin",
    ],
    ids=["trailing-newline", "u2028", "u2029", "nel", "del", "esc", "bom"],
)
def test_notes_with_line_breaks_and_control_characters_read_back_exactly(projekt: Projekt, notiz: str) -> None:
    code, stderr = sachstand(projekt, "M-BIL-02", "geplant", notiz)
    assert (code, stderr) == (0, "Eingetragen: M-BIL-02 geplant am 01.03.2010 in data/massnahmen/M-BIL-02.yaml\n")
    assert verlauf(projekt.path(M2))[-1]["notiz"] == notiz


@pytest.mark.parametrize("notiz", ["Wagen\rrücklauf", "Windows-Zeile 1\r\nWindows-Zeile 2"], ids=["cr", "crlf"])
def test_notes_with_carriage_returns_read_back_exactly(projekt: Projekt, notiz: str) -> None:
    code, stderr = sachstand(projekt, "M-BIL-02", "geplant", notiz)
    assert (code, stderr) == (0, "Eingetragen: M-BIL-02 geplant am 01.03.2010 in data/massnahmen/M-BIL-02.yaml\n")
    assert verlauf(projekt.path(M2))[-1]["notiz"] == notiz


def test_a_hash_line_inside_the_last_note_stays_in_that_note(projekt: Projekt) -> None:
    projekt.write(
        M2,
        projekt.read(M2)
        + "  - datum: 2009-03-01\n    status: geplant\n    notiz: |\n      Offen:\n      #1 Grundstück\n",
    )
    old = projekt.path(M2).read_bytes()
    sachstand(projekt, "M-BIL-02", "geplant", "Grundstück gekauft")
    assert verlauf(projekt.path(M2))[1]["notiz"] == "Offen:\n#1 Grundstück\n"
    assert projekt.path(M2).read_bytes() == old + (
        b"  - datum: 2010-03-01\n    status: geplant\n    notiz: Grundst\xc3\xbcck gekauft\n    von: Bauamt\n"
    )


# --- lists that cannot be appended to ----------------------------------------------------------------

FLOW = "verlauf: [{datum: 2009-02-01, status: geplant, notiz: Stand laut Vorlage.}]\n"


def test_flow_style_verlauf_is_refused_cleanly(projekt: Projekt) -> None:
    projekt.write(M2, projekt.read(M2).split("verlauf:")[0] + FLOW)
    before = daten(projekt.root)
    assert sachstand(projekt, "M-BIL-02", "geplant", "Planung läuft") == (
        1,
        "Fehler: data/massnahmen/M-BIL-02.yaml:10: „verlauf“ ist in Kurzschreibweise ([...]) geschrieben; "
        "luedialog kann nur an Listen in Blockschreibweise anhängen. Schreiben Sie die Einträge untereinander "
        "mit „- “.\n",
    )
    assert daten(projekt.root) == before


@pytest.mark.parametrize(
    "flow",
    [
        FLOW.replace("]\n", "]  # Kurzform\n"),
        "verlauf: [\n  {datum: 2009-02-01, status: geplant, notiz: Stand laut Vorlage.},\n]\n",
    ],
    ids=["with-comment", "multi-line"],
)
def test_flow_style_variants_are_refused_cleanly(projekt: Projekt, flow: str) -> None:
    projekt.write(M2, projekt.read(M2).split("verlauf:")[0] + flow)
    before = daten(projekt.root)
    code, stderr = sachstand(projekt, "M-BIL-02", "geplant", "Planung läuft")
    assert daten(projekt.root) == before
    assert (code, stderr) == (
        1,
        "Fehler: data/massnahmen/M-BIL-02.yaml:10: „verlauf“ ist in Kurzschreibweise ([...]) geschrieben; "
        "luedialog kann nur an Listen in Blockschreibweise anhängen. Schreiben Sie die Einträge untereinander "
        "mit „- “.\n",
    )


def test_an_empty_list_is_refused(projekt: Projekt) -> None:
    projekt.write(M2, projekt.read(M2).split("verlauf:")[0] + "verlauf: []\n")
    before = daten(projekt.root)
    assert sachstand(projekt, "M-BIL-02", "geplant", "Planung läuft") == (
        1,
        "Fehler: data/massnahmen/M-BIL-02.yaml:10: Die Liste „verlauf“ ist leer; der erste Eintrag muss von Hand "
        "angelegt werden.\n",
    )
    assert daten(projekt.root) == before


# --- append_item and add_keys: lists anywhere, missing or empty; keys into a mapping ---------------


def _doc(text: str) -> Document:
    doc, findings = parse_text("x.yaml", Path("x.yaml"), text)
    assert doc is not None and findings == [], findings
    return doc


def _appended(text: str, path: tuple[str | int, ...], fields: Fields) -> str:
    out = append_item(_doc(text), path, fields)
    _doc(out)  # reads back without findings
    return out


def test_a_missing_list_is_added_below_the_last_line_of_its_mapping_before_trailing_comments() -> None:
    text = "id: ag\nsitze:\n  - id: s\n    rolle: mitglied\n\n# Ende\n"
    out = _appended(text, ("sitzungen",), {"datum": date(2010, 3, 15), "thema": "Schulwege", "empfehlungen": ["M-1"]})
    assert out == (
        "id: ag\nsitze:\n  - id: s\n    rolle: mitglied\n"
        "sitzungen:\n  - datum: 2010-03-15\n    thema: Schulwege\n    empfehlungen:\n      - M-1\n"
        "\n# Ende\n"
    )


def test_an_empty_flow_list_becomes_a_block_list_and_keeps_its_comment() -> None:
    out = _appended("id: ag\nmitglieder: []  # noch keine\nname: X\n", ("mitglieder",), [("person", "A")])
    assert out == "id: ag\nmitglieder:  # noch keine\n  - person: A\nname: X\n"


def test_a_key_without_value_gets_its_first_item_directly_below() -> None:
    out = _appended("id: ag\nmitglieder:\nname: X\n", ("mitglieder",), [("person", "A"), ("beginn", date(2010, 1, 1))])
    assert out == "id: ag\nmitglieder:\n  - person: A\n    beginn: 2010-01-01\nname: X\n"


def test_a_nested_list_gets_the_item_after_its_last_one() -> None:
    text = "k:\n  - jahr: 2009\n    aufgaben:\n      - text: |-\n          zwei\n          Zeilen\n  - jahr: 2010\n"
    out = _appended(text, ("k", 0, "aufgaben"), {"text": "b: c", "gruppe": "g"})
    assert out == (
        "k:\n  - jahr: 2009\n    aufgaben:\n      - text: |-\n          zwei\n          Zeilen\n"
        '      - text: "b: c"\n        gruppe: g\n  - jahr: 2010\n'
    )


def test_nested_mappings_and_lists_of_mappings_read_back_as_written() -> None:
    fields: Fields = {
        "datum": date(2010, 4, 2),
        "eintrag": 3,
        "richtig": {"datum": date(2010, 3, 15), "status": "in_umsetzung"},
        "aufgaben": [{"jahr": 2011, "text": "Zeile 1\nZeile 2"}],
        "leer": [],
        "nichts": None,
    }
    out = _appended("verlauf:\n  - datum: 2010-01-01\n", ("korrekturen",), fields)
    doc = _doc(out)
    assert isinstance(doc.data, dict)
    assert doc.data["korrekturen"] == [
        {
            "datum": date(2010, 4, 2),
            "eintrag": 3,
            "richtig": {"datum": date(2010, 3, 15), "status": "in_umsetzung"},
            "aufgaben": [{"jahr": 2011, "text": "Zeile 1\nZeile 2"}],
        }
    ]
    assert out.startswith("verlauf:\n  - datum: 2010-01-01\n")


def test_a_flow_list_with_items_is_refused() -> None:
    with pytest.raises(LuedialogError) as caught:
        append_item(_doc("mitglieder: [{person: A}]\n"), ("mitglieder",), {"person": "B"})
    assert str(caught.value) == (
        "x.yaml:1: „mitglieder“ ist in Kurzschreibweise ([...]) geschrieben; luedialog kann nur an Listen in "
        "Blockschreibweise anhängen. Schreiben Sie die Einträge untereinander mit „- “."
    )


def test_add_keys_appends_to_the_mapping_of_one_item_only() -> None:
    text = "mitglieder:\n  - person: A\n    ende: 2010-12-31\n  - person: B\n    ende: 2011-12-31\n"
    out = add_keys(_doc(text), ("mitglieder", 0), [("beendet_am", date(2010, 6, 30))])
    assert out == (
        "mitglieder:\n  - person: A\n    ende: 2010-12-31\n    beendet_am: 2010-06-30\n"
        "  - person: B\n    ende: 2011-12-31\n"
    )


def test_add_keys_never_overwrites_a_key() -> None:
    with pytest.raises(LuedialogError) as caught:
        add_keys(_doc("m:\n  - ende: 2010-12-31\n"), ("m", 0), [("ende", date(2011, 1, 1))])
    assert caught.value.message == "„m[1].ende“ ist schon eingetragen und wird nicht überschrieben."


def test_crlf_and_bom_stay_when_encoded_like_the_original() -> None:
    original = "\ufeffid: ag\r\nmitglieder: []\r\n".encode()
    doc, _ = parse_text("x.yaml", Path("x.yaml"), original.decode("utf-8-sig").replace("\r\n", "\n"))
    assert doc is not None
    new = encode_like(original, append_item(doc, ("mitglieder",), {"person": "A"}))
    assert new == "\ufeffid: ag\r\nmitglieder:\r\n  - person: A\r\n".encode()
