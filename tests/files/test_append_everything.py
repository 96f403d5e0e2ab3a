"""Everything `pruefen` accepts can be written (issue 12, §4).

Line endings are kept exactly (LF, CRLF, CR only, and files that mix them: no existing line
changes), a last history entry written as a flow mapping over several lines, a file without a final
newline, and notes with every character: PyYAML's C loader and its pure-Python loader read the
written note back as exactly the same string.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from luedialog.errors import LuedialogError
from luedialog.files.append import scalar
from luedialog.services.sachstand import is_placeholder
from tests.conftest import Projekt, verlauf

M2 = "data/massnahmen/M-BIL-02.yaml"
pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")

ENTRY = ["  - datum: 2010-03-01", "    status: in_umsetzung", "    notiz: Bauantrag gestellt", "    von: Bauamt"]


def sachstand(projekt: Projekt, notiz: str = "Bauantrag gestellt", status: str = "in_umsetzung") -> None:
    result = projekt.run(
        "sachstand", "M-BIL-02", status, "--notiz", notiz, "--datum", "2010-03-01", "--von", "Bauamt"
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        0,
        f"Eingetragen: M-BIL-02 {status} am 01.03.2010 in data/massnahmen/M-BIL-02.yaml\n",
    )
    check = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert check.exit_code == 0, check.stdout


def test_a_file_with_cr_only_line_endings_gets_cr_lines(projekt: Projekt) -> None:
    old = projekt.path(M2).read_bytes().replace(b"\n", b"\r")
    projekt.write_bytes(M2, old)
    assert projekt.run("pruefen", "--stichtag", "2011-12-31").exit_code == 0
    sachstand(projekt)
    assert projekt.path(M2).read_bytes() == old + "\r".join(ENTRY).encode() + b"\r"


def test_mixed_line_endings_are_kept_exactly_and_no_old_line_changes(projekt: Projekt) -> None:
    lines = projekt.path(M2).read_bytes().split(b"\n")[:-1]
    endings = [b"\r\n" if i % 2 else b"\n" for i in range(len(lines))]
    old = b"".join(line + end for line, end in zip(lines, endings, strict=True))
    projekt.write_bytes(M2, old)
    sachstand(projekt)
    new_end = endings[-1]  # like the last line of the last entry
    assert projekt.path(M2).read_bytes() == old + new_end.join(e.encode() for e in ENTRY) + new_end


def test_mixed_endings_with_the_list_in_the_middle(projekt: Projekt) -> None:
    old = projekt.path(M2).read_bytes() + b"# nach der Liste\r\nzieldatum: 2012-12-31\r\n"
    projekt.write_bytes(M2, old)
    sachstand(projekt)
    before, after = old.split(b"# nach der Liste")
    assert projekt.path(M2).read_bytes() == (before + "\n".join(ENTRY).encode() + b"\n" + b"# nach der Liste" + after)


@pytest.mark.parametrize(
    "last",
    [
        "  - {datum: 2009-05-01, status: geplant,\n     notiz: Planung läuft}\n",
        "  - {datum: 2009-05-01, status: geplant, notiz: Planung läuft\n    }\n",
        '  - {\n      datum: 2009-05-01,\n      status: geplant,\n      notiz: "Planung\n        läuft"\n    }\n',
        "  - datum: 2009-05-01\n    status: geplant\n    notiz: >-\n      Planung\n      läuft\n\n",
    ],
    ids=["zwei-zeilen", "klammer-allein", "jede-zeile", "block-gefaltet"],
)
def test_a_last_entry_written_as_a_flow_mapping_over_several_lines(projekt: Projekt, last: str) -> None:
    old = projekt.read(M2) + last
    projekt.write(M2, old)
    assert projekt.run("pruefen", "--stichtag", "2011-12-31").exit_code == 0
    sachstand(projekt)
    assert projekt.read(M2) == old + "\n".join(ENTRY) + "\n"
    assert [e["notiz"] for e in verlauf(projekt.path(M2))][-2:] == ["Planung läuft", "Bauantrag gestellt"]


def test_a_file_without_final_newline_after_the_list_keeps_its_last_line(projekt: Projekt) -> None:
    old = projekt.path(M2).read_bytes() + b"# Ende der Datei ohne Zeilenumbruch"
    projekt.write_bytes(M2, old)
    sachstand(projekt)
    before, last = old.rsplit(b"\n", 1)
    assert projekt.path(M2).read_bytes() == before + b"\n" + "\n".join(ENTRY).encode() + b"\n" + last
    assert projekt.path(M2).read_bytes().endswith(b"\n# Ende der Datei ohne Zeilenumbruch")


def test_a_crlf_file_without_final_newline_keeps_its_last_line(projekt: Projekt) -> None:
    old = projekt.path(M2).read_bytes().replace(b"\n", b"\r\n") + b"zieldatum: 2012-12-31"
    projekt.write_bytes(M2, old)
    sachstand(projekt)
    before, last = old.rsplit(b"\r\n", 1)
    assert projekt.path(M2).read_bytes() == before + b"\r\n" + "\r\n".join(ENTRY).encode() + b"\r\n" + last


# --- notes: the C loader and the pure-Python loader read back the same string -----------------------

HOSTILE_NOTES = [
    "\tTab am Anfang",
    "Tab am Ende\t",
    "mitten\tim Text",
    "zwei\n\tZeilen mit Tab",
    "\t",
    "\t\n\t",
    "a\t#b",
    "a \t b",
    "Zeile\n\n\t\nEnde",
    " \n ",
    "\u00a0geschützt\u00a0",
    "\u3000breit\u3000",
    "x\ufffey",
    "\U0001f600 Smiley",
    "'\"\\",
    "---",
    "...",
    "- ",
    "#",
    ": x",
    "a:\tb",
    "\\t kein Tab",
    "\x00NUL",
    "Zeile 1\r\nZeile 2\rZeile 3\nZeile 4",
    "Ende mit Leerzeile\n\n",
    "\n",
    "\n\nvorne zwei Leerzeilen",
]


def _both(text: str) -> tuple[object, object]:
    return (yaml.load(text, Loader=yaml.SafeLoader), yaml.load(text, Loader=yaml.CSafeLoader))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40))
@example("\t")
@example("a\tb")
@example("a\n\tb")
@example("\x85")
@example("\ud800")
def test_every_note_reads_back_the_same_with_both_loaders(value: str) -> None:
    if any("\ud800" <= c <= "\udfff" for c in value):  # no character: comes only from a non-UTF-8 argument
        with pytest.raises(LuedialogError):
            scalar(value, 0)
        return
    for indent in (0, 4):
        text = "notiz: " + scalar(value, indent) + "\n"
        if indent:
            text = "verlauf:\n  - datum: 2010-03-01\n    " + text
        pure, c = _both(text)
        expected = {"notiz": value} if not indent else {"verlauf": [{"datum": date(2010, 3, 1), "notiz": value}]}
        assert pure == c == expected, (value, text)


@pytest.mark.parametrize("notiz", HOSTILE_NOTES)
def test_hostile_notes_are_written_and_read_back_exactly(projekt: Projekt, notiz: str) -> None:
    if is_placeholder(notiz):  # refused by the rules, not by the writer
        result = projekt.run(
            "sachstand", "M-BIL-02", "geplant", "--notiz", notiz, "--datum", "2010-03-01", "--von", "Bauamt"
        )  # fmt: skip
        assert result.exit_code in (1, 2) and "Interner Fehler" not in result.stderr
        return
    sachstand(projekt, notiz, "geplant")
    raw = projekt.path(M2).read_text(encoding="utf-8")
    pure, c = _both(raw)
    assert isinstance(pure, dict) and isinstance(c, dict)
    assert pure["verlauf"][-1]["notiz"] == c["verlauf"][-1]["notiz"] == notiz
    assert verlauf(projekt.path(M2))[-1]["notiz"] == notiz


# --- what luedialog cannot append to, pruefen refuses first ------------------------------------------


@pytest.mark.parametrize(
    ("verlauf", "code"),
    [
        ("verlauf: [{datum: 2009-02-01, status: geplant, notiz: Stand laut Vorlage.}]\n", "verlauf-kurzschreibweise"),
        (
            "verlauf: [\n  {datum: 2009-02-01, status: geplant, notiz: Stand laut Vorlage.},\n]\n",
            "verlauf-kurzschreibweise",
        ),
        ("verlauf: []\n", "verlauf-leer"),
    ],
    ids=["flow", "flow-mehrzeilig", "leer"],
)
def test_pruefen_refuses_a_history_sachstand_could_not_continue(projekt: Projekt, verlauf: str, code: str) -> None:
    projekt.write(M2, projekt.read(M2).split("verlauf:")[0] + verlauf)
    result = projekt.run("pruefen", "--stichtag", "2011-12-31", "--format", "json")
    assert result.exit_code == 1
    assert [(f["datei"], f["zeile"], f["code"]) for f in json.loads(result.stdout)["befunde"]] == [(M2, 10, code)]


def test_a_first_item_whose_dash_stands_alone_on_its_line(projekt: Projekt) -> None:
    old = projekt.read(M2).replace("verlauf:\n  - datum:", "verlauf:\n  -\n    datum:")
    projekt.write(M2, old)
    assert projekt.run("pruefen", "--stichtag", "2011-12-31").exit_code == 0
    sachstand(projekt)
    assert projekt.read(M2) == old + "\n".join(ENTRY) + "\n"
