"""`luedialog wert IND JAHR WERT`: one new value at the end of an indicator's values, or a German refusal.

Every refusal leaves every data file byte for byte as it was. Tests run on a copy of Berichtsstadt,
whose indicators have known values; the day of recording is always given, so nothing depends on today.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from luedialog.files.append import append_item
from luedialog.files.read import parse_bytes
from luedialog.services.wert import parse_aufschluesselung, parse_periode, parse_wert
from tests.conftest import Projekt, daten, git, run_cli

B1 = "data/indikatoren/I-BIL-01.yaml"  # prozent, steigen, by Stadtteil
B2 = "data/indikatoren/I-BIL-02.yaml"  # prozent, sinken, entry 3 corrects entry 2; last recorded 30.11.2011
B3 = "data/indikatoren/I-BIL-03.yaml"  # anzahl, no values yet (no key "werte")
D2 = "data/indikatoren/I-DIA-02.yaml"  # ja/nein

pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")


def run(projekt: Projekt, *args: str) -> tuple[int, str, str]:
    result = projekt.run("wert", *args)
    return result.exit_code, result.stdout, result.stderr


# --- recording ------------------------------------------------------------------------------------


def test_wert_appends_exactly_the_new_lines(berichtsstadt: Projekt) -> None:
    before = berichtsstadt.path(B1).read_bytes()
    code, out, err = run(
        berichtsstadt,
        "I-BIL-01",
        "2011",
        "88,5 %",
        "--quelle",
        "Kita-Statistik 2011",
        "--aufschluesselung",
        "Stadtteil=Altstadt",
        "--erfasst",
        "15.01.2012",
        "--von",
        "Jugendamt",
        "--notiz",
        "Erste Zählung je Stadtteil",
    )
    assert (code, out) == (0, "")
    assert err == "Eingetragen: I-BIL-01 2011 (Stadtteil: Altstadt): 88,5 % in data/indikatoren/I-BIL-01.yaml\n"
    assert (
        berichtsstadt.path(B1).read_bytes()
        == before
        + (
            "  - jahr: 2011\n"
            "    wert: 88.5\n"
            "    aufschluesselung:\n"
            "      Stadtteil: Altstadt\n"
            "    quelle: Kita-Statistik 2011\n"
            "    erfasst: 2012-01-15\n"
            "    von: Jugendamt\n"
            "    notiz: Erste Zählung je Stadtteil\n"
        ).encode()
    )


def test_the_first_value_adds_the_list_at_the_end(berichtsstadt: Projekt) -> None:
    before = berichtsstadt.path(B3).read_bytes()
    code, _, err = run(
        berichtsstadt, "I-BIL-03", "2011", "12", "--quelle", "Bibliothek", "--erfasst", "2012-01-10", "--von", "Amt"
    )
    assert code == 0, err
    assert berichtsstadt.path(B3).read_bytes() == before + (
        b"werte:\n  - jahr: 2011\n    wert: 12\n    quelle: Bibliothek\n    erfasst: 2012-01-10\n    von: Amt\n"
    )
    result = berichtsstadt.run("pruefen", "--streng", "--stichtag", "2012-12-31")
    assert result.exit_code == 0, result.stdout


def test_only_the_indicator_file_changes_and_ja_nein_is_written_as_words(berichtsstadt: Projekt) -> None:
    before = daten(berichtsstadt.root)
    code, _, err = run(berichtsstadt, "I-DIA-02", "2012", "Ja", "--quelle", "Presseamt", "--erfasst", "2012-03-01")
    assert code == 0, err
    after = daten(berichtsstadt.root)
    assert [name for name in after if after[name] != before.get(name)] == [D2]
    assert after[D2].endswith(b"  - jahr: 2012\n    wert: ja\n    quelle: Presseamt\n    erfasst: 2012-03-01\n")


def test_a_day_instead_of_a_year(berichtsstadt: Projekt) -> None:
    code, _, err = run(
        berichtsstadt, "I-BIL-02", "30.06.2012", "17", "--quelle", "Zwischenstand", "--erfasst", "2012-07-01"
    )
    assert code == 0, err
    assert berichtsstadt.read(B2).endswith(
        "  - datum: 2012-06-30\n    wert: 17\n    quelle: Zwischenstand\n    erfasst: 2012-07-01\n"
    )


def test_a_correction_names_the_entry_and_the_reason(berichtsstadt: Projekt) -> None:
    code, _, err = run(
        berichtsstadt, "I-BIL-02", "2011", "19", "--quelle", "Schulamt, Nachzählung 2011", "--erfasst", "2012-02-01",
        "--korrigiert", "4", "--notiz", "Ein Kind war doppelt gezählt.",
    )  # fmt: skip
    assert code == 0, err
    assert berichtsstadt.read(B2).endswith("    notiz: Ein Kind war doppelt gezählt.\n    korrigiert: 4\n")
    result = berichtsstadt.run("indikatoren", "--stichtag", "2012-12-31", "--format", "json")
    assert (
        '"regel": "sinken: der letzte Wert (2011: 19 %) liegt unter dem ersten im Prozesszeitraum (2009: 20 %)."'
        in (result.stdout)
    )


def test_dry_run_shows_the_diff_and_writes_nothing(berichtsstadt: Projekt) -> None:
    before = daten(berichtsstadt.root)
    code, out, err = run(
        berichtsstadt, "I-BIL-03", "2011", "12", "--quelle", "Bibliothek", "--erfasst", "2012-01-10", "--von", "Amt",
        "--dry-run",
    )  # fmt: skip
    assert (code, err) == (0, "Probelauf (--dry-run): nichts geschrieben.\n")
    assert out.endswith(
        "+werte:\n+  - jahr: 2011\n+    wert: 12\n+    quelle: Bibliothek\n+    erfasst: 2012-01-10\n+    von: Amt\n"
    )
    assert out.startswith(f"--- a/{B3}\n+++ b/{B3}\n")
    assert daten(berichtsstadt.root) == before


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_commit_makes_a_commit_of_just_this_file(berichtsstadt: Projekt, git_ohne_benutzer: Path) -> None:
    git_ohne_benutzer.write_text("[user]\n\tname = Jugendamt\n\temail = ja@example.org\n", encoding="utf-8")
    git(berichtsstadt.root, "init", "-q")
    git(berichtsstadt.root, "add", "-A")
    git(berichtsstadt.root, "commit", "-q", "-m", "Anfang")
    code, _, err = run(
        berichtsstadt, "I-BIL-03", "2011", "12", "--quelle", "Bibliothek", "--erfasst", "2012-01-10", "--von", "Amt",
        "--commit",
    )  # fmt: skip
    assert code == 0, err
    assert err.endswith("git-Commit angelegt.\n")
    log = git(berichtsstadt.root, "log", "-1", "--format=%s", "--name-only")
    assert log == f"Wert I-BIL-03 2011: 12\n\n{B3}\n"


# --- refusals: the files stay byte for byte ----------------------------------------------------------

REFUSALS = [
    (
        ["I-BIL-2", "2011", "1", "--quelle", "x"],
        "Fehler: Kein Indikator mit der ID „I-BIL-2“. Meinten Sie „I-BIL-02“?\n",
    ),
    (
        ["i-bil-02", "2011", "1", "--quelle", "x"],
        "Fehler: Kein Indikator mit der ID „i-bil-02“. Meinten Sie „I-BIL-02“? (Groß-/Kleinschreibung zählt)\n",
    ),
    (
        ["I-BIL-02", "2012", "120", "--quelle", "Schulamt"],
        f"Fehler: {B2}: Der Wert 120 liegt nicht zwischen 0 und 100 (Einheit Prozent).\n",
    ),
    (
        ["I-BIL-03", "2011", "2,5", "--quelle", "Bibliothek"],
        f"Fehler: {B3}: Der Wert 2,5 ist keine Anzahl (eine ganze Zahl ab 0).\n",
    ),
    (
        ["I-BIL-02", "2012", "17", "--quelle", "noch festzulegen"],
        f"Fehler: {B2}: Jeder Wert braucht eine Quelle; „noch festzulegen“ nennt keine (z. B. Schulstatistik "
        "2010/11).\n",
    ),
    (
        ["I-BIL-01", "2012", "91", "--quelle", "Kita", "--aufschluesselung", "Stadtteil=Nordviertl"],
        f"Fehler: {B1}: „Nordviertl“ ist kein Wert der Aufschlüsselung „Stadtteil“ (luedialog.yaml). "
        "Meinten Sie „Nordviertel“?\n",
    ),
    (
        ["I-BIL-02", "2012", "17", "--quelle", "Schulamt", "--aufschluesselung", "Stadtteil=Altstadt"],
        f"Fehler: {B2}: Der Indikator I-BIL-02 ist nicht nach „Stadtteil“ aufgeschlüsselt. Ergänzen Sie "
        "„aufschluesselungen: [Stadtteil]“ beim Indikator.\n",
    ),
    (
        ["I-BIL-02", "2011", "19", "--quelle", "Schulamt"],
        f"Fehler: {B2}: Für 2011 ist schon ein Wert eingetragen (Eintrag 4: 18 %). Berichtigen Sie ihn mit "
        "--korrigiert 4 und dem Grund in --notiz.\n",
    ),
    (
        ["I-BIL-02", "2011", "19", "--quelle", "Schulamt", "--korrigiert", "4"],
        f"Fehler: {B2}: Eine Berichtigung braucht den Grund: --notiz (z. B. „Tippfehler im Jahr“).\n",
    ),
    (
        ["I-BIL-02", "2010", "21", "--quelle", "Schulamt", "--korrigiert", "2", "--notiz", "Noch einmal"],
        f"Fehler: {B2}: Eintrag 2 ist schon von Eintrag 3 berichtigt; berichtigen Sie Eintrag 3.\n",
    ),
    (
        ["I-BIL-02", "2010", "21", "--quelle", "Schulamt", "--korrigiert", "9", "--notiz", "Tippfehler"],
        f"Fehler: {B2}: --korrigiert 9: I-BIL-02 hat 4 Einträge.\n",
    ),
    (
        ["I-BIL-02", "2012", "17", "--quelle", "Schulamt", "--erfasst", "2011-11-01"],
        f"Fehler: {B2}: Ein Wert für 2012 kann nicht am 01.11.2011 erfasst sein. Das Datum der Erfassung "
        "01.11.2011 liegt vor dem des letzten Werts (30.11.2011); die Werte werden nur fortgeschrieben.\n",
    ),
    (
        ["I-BIL-02", "2030", "17", "--quelle", "Schulamt", "--erfasst", "2031-01-01"],
        f"Fehler: {B2}: Das Datum der Erfassung 01.01.2031 liegt in der Zukunft (heute ist der "
        f"{date.today().strftime('%d.%m.%Y')}).\n",
    ),
]


@pytest.mark.parametrize(
    ("args", "message"), REFUSALS, ids=[" ".join(a[:3]) + f" #{i}" for i, (a, _) in enumerate(REFUSALS)]
)
def test_refusal_leaves_every_file_as_it_was(berichtsstadt: Projekt, args: list[str], message: str) -> None:
    before = daten(berichtsstadt.root)
    code, out, err = run(berichtsstadt, *args)
    assert (code, out, err) == (1, "", message)
    assert daten(berichtsstadt.root) == before


# what cannot be read as typed is a wrong call naming the argument (exit code 2), before any file
USAGE = [
    (
        ["I-BIL-02", "2012", "viel", "--quelle", "Schulamt"],
        "Fehler: WERT: „viel“ ist keine Zahl; erwartet wird z. B. 12,5 oder 1.234.\n",
    ),
    (
        ["I-DIA-02", "2012", "1", "--quelle", "Presseamt"],
        "Fehler: WERT: „1“ ist kein Wert für ja/nein; erwartet wird ja oder nein.\n",
    ),
    (
        ["I-BIL-02", "12/2012", "17", "--quelle", "Schulamt"],
        "Fehler: JAHR: „12/2012“ ist weder ein Jahr (2010) noch ein Datum (30.06.2010).\n",
    ),
    (
        ["I-BIL-01", "2012", "91", "--quelle", "Kita", "--aufschluesselung", "Altstadt"],
        "Fehler: --aufschluesselung: Aufschlüsselung „Altstadt“: erwartet wird NAME=WERT, z. B. Stadtteil=Gahmen.\n",
    ),
    (
        ["I-BIL-02", "29.02.2011", "17", "--quelle", "Schulamt"],
        "Fehler: JAHR: „29.02.2011“ ist kein gültiges Kalenderdatum.\n",
    ),
    (
        ["I-BIL-02", "2012", "1e308", "--quelle", "Schulamt"],
        "Fehler: WERT: „1e308“ ist keine Zahl; erwartet wird z. B. 12,5 oder 1.234.\n",
    ),
]


@pytest.mark.parametrize(("args", "message"), USAGE, ids=[" ".join(a[:3]) for a, _ in USAGE])
def test_what_cannot_be_read_names_the_argument(berichtsstadt: Projekt, args: list[str], message: str) -> None:
    before = daten(berichtsstadt.root)
    code, out, err = run(berichtsstadt, *args)
    assert (code, out, err) == (2, "", message)
    assert daten(berichtsstadt.root) == before


def test_a_broken_indicator_file_is_not_changed(berichtsstadt: Projekt) -> None:
    berichtsstadt.replace(B2, "einheit: prozent", "einheit: proznet")
    before = daten(berichtsstadt.root)
    code, _, err = run(berichtsstadt, "I-BIL-02", "2012", "17", "--quelle", "Schulamt", "--erfasst", "2012-11-01")
    assert (code, err) == (
        1,
        "Fehler: Die Datei des Indikators „I-BIL-02“ ist fehlerhaft; so lange wird nichts eingetragen. "
        "Die Fehler zeigt: luedialog pruefen\n",
    )
    assert daten(berichtsstadt.root) == before


def test_quelle_is_required(berichtsstadt: Projekt) -> None:
    code, _, err = run(berichtsstadt, "I-BIL-02", "2012", "17")
    assert code == 2
    assert "--quelle" in err


# --- reading what people type -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "einheit", "value"),
    [
        ("12,5", "prozent", 12.5),
        ("12.5", "prozent", 12.5),
        ("12,5 %", "prozent", 12.5),
        ("12,5%", "prozent", 12.5),
        ("70", "prozent", 70),
        ("1.234", "anzahl", 1234),
        ("1.234,50", "euro", 1234.5),
        ("6,20 €", "euro", 6.2),
        ("-3,5", "euro", -3.5),
        ("ja", "ja_nein", True),
        (" Nein ", "ja_nein", False),
    ],
)
def test_values_as_people_write_them(text: str, einheit: str, value: object) -> None:
    parsed = parse_wert(text, einheit)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("text", "einheit"), [("", "prozent"), ("12,5,3", "prozent"), ("1e3", "anzahl"), ("x", "euro")]
)
def test_what_is_no_value(text: str, einheit: str) -> None:
    with pytest.raises(ValueError, match="keine Zahl"):
        parse_wert(text, einheit)


def test_periods_and_breakdowns() -> None:
    assert parse_periode("2010") == 2010
    assert parse_periode("30.06.2010") == date(2010, 6, 30)
    assert parse_periode("2010-06-30") == date(2010, 6, 30)
    assert parse_aufschluesselung(["Stadtteil=Gahmen", " Migrationshintergrund = mit "]) == (
        ("Stadtteil", "Gahmen"),
        ("Migrationshintergrund", "mit"),
    )
    with pytest.raises(ValueError, match="doppelt"):
        parse_aufschluesselung(["Stadtteil=Gahmen", "Stadtteil=Brambauer"])


# --- appending keeps everything else ------------------------------------------------------------------


def _append(text: str) -> str:
    doc, findings = parse_bytes(Path("x.yaml"), "x.yaml", text.encode("utf-8"))
    assert doc is not None and not findings
    return append_item(
        doc, ("werte",), [("jahr", 2011), ("wert", 3), ("aufschluesselung", {"Stadtteil": "Süd: Hafen"})]
    )


def test_append_to_an_empty_list_in_flow_form_changes_only_that_line() -> None:
    assert _append("id: X\nwerte: []  # noch keine\nquelle: a\n") == (
        "id: X\nwerte:  # noch keine\n  - jahr: 2011\n    wert: 3\n"
        '    aufschluesselung:\n      Stadtteil: "Süd: Hafen"\nquelle: a\n'
    )


def test_append_to_an_empty_key() -> None:
    assert _append("id: X\nwerte:\n# Ende\n") == (
        'id: X\nwerte:\n  - jahr: 2011\n    wert: 3\n    aufschluesselung:\n      Stadtteil: "Süd: Hafen"\n# Ende\n'
    )


def test_append_without_the_key_adds_it_at_the_end() -> None:
    assert _append("id: X") == (
        'id: X\nwerte:\n  - jahr: 2011\n    wert: 3\n    aufschluesselung:\n      Stadtteil: "Süd: Hafen"\n'
    )


def test_append_keeps_bom_and_crlf(berichtsstadt: Projekt) -> None:
    raw = berichtsstadt.path(B2).read_bytes()
    berichtsstadt.write_bytes(B2, b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
    code, _, err = run(berichtsstadt, "I-BIL-02", "2012", "17", "--quelle", "Schulamt", "--erfasst", "2012-11-01")
    assert code == 0, err
    assert berichtsstadt.path(B2).read_bytes() == b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n") + (
        b"  - jahr: 2012\r\n    wert: 17\r\n    quelle: Schulamt\r\n    erfasst: 2012-11-01\r\n"
    )


def test_wert_help_is_german_with_an_example() -> None:
    result = run_cli("wert", "--help")
    assert result.exit_code == 0
    assert "Einen Wert eines Indikators eintragen" in result.stdout
    assert "Beispiel: luedialog wert I-BEK-03 2010" in result.stdout
