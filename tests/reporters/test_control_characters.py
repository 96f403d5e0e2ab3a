"""No control character from the data reaches the terminal, and text from the data is never markup.

YAML's double-quoted escapes (``"\\e"``, ``"\\x9b"``, ``"\\a"``) put any character into a value: an
escape sequence that clears the screen, sets the window title (OSC), rings the bell or starts a
C1 control sequence. Every output for people shows them as ``\\x1b`` …; JSON escapes them; text in
square brackets is shown as it is, never read as rich markup.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import Projekt

M2 = "data/massnahmen/M-BIL-02.yaml"
GRUPPE = "data/gruppen/ag-bildung.yaml"
# ESC [2J (clear screen), OSC 0 (window title) ended by BEL, CSI as one C1 byte, DEL, a line separator
HOSTILE = r"Vor\e[2J\e]0;Titel\aher\x9b31m [/x] [bold]fett[/bold] \x7f\u2028Ende"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@pytest.fixture
def feindselig(projekt: Projekt) -> Projekt:
    projekt.replace(M2, "titel: Lehrschwimmbecken", f'titel: "Lehrschwimmbecken {HOSTILE}"')
    projekt.replace(M2, "notiz: Stand laut Vorlage.", f'notiz: "Notiz {HOSTILE}"\n    von: "Amt {HOSTILE}"')
    projekt.replace(GRUPPE, "name: Arbeitsgruppe Bildung", f'name: "AG {HOSTILE}"')
    projekt.replace(
        GRUPPE,
        "mitglieder: []",
        "mitglieder:\n"
        f'  - person: "Erika {HOSTILE}"\n'
        "    rolle: mitglied\n"
        f'    fuer: "Verein {HOSTILE}"\n'
        "    beginn: 2009-03-01\n"
        "    ende: 2012-12-31\n"
        "    veroeffentlichen: ja\n"
        "sitzungen:\n"
        "  - datum: 2010-05-01\n"
        f'    thema: "Thema {HOSTILE}"',
    )
    return projekt


def assert_neutral(text: str) -> None:
    assert RAW.search(text) is None, repr(text)


@pytest.mark.parametrize(
    "args",
    [
        ("status", "--stichtag", "31.12.2010"),
        ("zeige", "M-BIL-02", "--stichtag", "31.12.2010"),
        ("zeige", "M-BIL-01", "--stichtag", "31.12.2010"),
        ("zeige", "L-BIL-1", "--stichtag", "31.12.2010"),
        ("gruppen", "--stichtag", "31.12.2010"),
        ("gruppen", "ag-bildung", "--stichtag", "31.12.2010"),
        ("gruppen", "ag-bildung", "--stichtag", "31.12.2012", "--intern"),
        ("bericht", "rat", "--jahr", "2010"),
        ("bericht", "jahreskonferenz", "--jahr", "2010"),
    ],
    ids=lambda a: " ".join(a),
)
def test_views_for_people_neutralise_every_control_character(feindselig: Projekt, args: tuple[str, ...]) -> None:
    result = feindselig.run(*args)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert_neutral(result.stdout + result.stderr)
    assert "Interner Fehler" not in result.stderr


def test_the_hostile_text_is_shown_visibly_and_brackets_are_not_markup(feindselig: Projekt) -> None:
    result = feindselig.run("zeige", "M-BIL-02", "--stichtag", "31.12.2010")
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "Lehrschwimmbecken Vor\\x1b[2J\\x1b]0;Titel\\x07her\\x9b31m [/x] [bold]fett[/bold] \\x7f\\u2028Ende" in flat


@pytest.mark.parametrize("args", [("status", "--format", "json"), ("zeige", "M-BIL-02", "--format", "json")])
def test_json_escapes_control_characters_and_keeps_the_value(feindselig: Projekt, args: tuple[str, ...]) -> None:
    result = feindselig.run(*args, "--stichtag", "31.12.2010")
    assert result.exit_code == 0, result.stderr
    assert_neutral(result.stdout)
    assert "\\u001b[2J" in result.stdout and "\\u009b31m" in result.stdout and "\\u2028" in result.stdout
    data = json.loads(result.stdout)
    titles = [m["titel"] for m in data["massnahmen"]] if "massnahmen" in data else [data["massnahme"]["titel"]]
    assert "Lehrschwimmbecken Vor\x1b[2J\x1b]0;Titel\x07her\x9b31m [/x] [bold]fett[/bold] \x7f\u2028Ende" in titles


def test_export_json_to_the_terminal_escapes_control_characters(feindselig: Projekt) -> None:
    result = feindselig.run("export", "--stichtag", "31.12.2010")
    assert result.exit_code == 0, result.stderr
    assert_neutral(result.stdout)
    titles = {m["id"]: m["titel"] for m in json.loads(result.stdout)["massnahmen"]}
    assert titles["M-BIL-02"] == "Lehrschwimmbecken " + (
        "Vor\x1b[2J\x1b]0;Titel\x07her\x9b31m [/x] [bold]fett[/bold] \x7f\u2028Ende"
    )


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab"])
def test_findings_in_every_format_neutralise_control_characters(projekt: Projekt, fmt: str) -> None:
    projekt.replace(M2, "status: geplant", 'status: "gepl\\e]0;x\\aant\\x9b"')
    result = projekt.run("pruefen", "--format", fmt, "--stichtag", "31.12.2010")
    assert result.exit_code == 1
    assert_neutral(result.stdout + result.stderr)
    assert "M-BIL-02" in result.stdout


def test_a_file_name_with_an_escape_sequence_is_shown_neutralised(projekt: Projekt) -> None:
    projekt.write_bytes("data/massnahmen/M-\x1b[31mROT.yaml", projekt.path(M2).read_bytes())
    for fmt in ("text", "github"):
        result = projekt.run("pruefen", "--format", fmt, "--stichtag", "31.12.2010")
        assert result.exit_code == 1
        assert_neutral(result.stdout + result.stderr)
        assert "M-\\x1b[31mROT.yaml" in result.stdout


def test_an_error_message_neutralises_the_argument_the_user_typed(projekt: Projekt) -> None:
    result = projekt.run("zeige", "M-\x1b]0;x\x07BIL")
    assert result.exit_code == 1
    assert_neutral(result.stderr)
    assert "M-\\x1b]0;x\\x07BIL" in result.stderr
