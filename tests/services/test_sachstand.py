"""`luedialog sachstand`: one new history entry at the end of a measure's verlauf, or a German refusal.

Every refusal leaves every data file byte for byte as it was.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from luedialog.errors import LuedialogError
from luedialog.services.sachstand import Eintrag, entry_problems, is_placeholder, record
from luedialog.snapshot import load_snapshot
from tests.conftest import Projekt, daten, git, verlauf

M1 = "data/massnahmen/M-BIL-01.yaml"  # in_umsetzung since 01.09.2009, zieldatum 30.06.2010
M2 = "data/massnahmen/M-BIL-02.yaml"  # geplant since 01.02.2009, no zieldatum
W1 = "data/massnahmen/M-WOH-01.yaml"  # umgesetzt since 01.04.2011 (final)

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")  # no git identity unless a test sets one up


# --- recording ------------------------------------------------------------------------------------


def test_sachstand_appends_exactly_the_new_lines(projekt: Projekt) -> None:
    before = projekt.path(M2).read_bytes()
    result = projekt.run(
        "sachstand",
        "M-BIL-02",
        "in_umsetzung",
        "--notiz",
        "Bauantrag gestellt",
        "--datum",
        "2010-03-01",
        "--von",
        "Bauamt",
        "--nachweis",
        "Vorlage 3/10",
        "--fortschritt",
        "20",
    )
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Eingetragen: M-BIL-02 in_umsetzung am 01.03.2010 in data/massnahmen/M-BIL-02.yaml\n"
    assert projekt.path(M2).read_bytes() == before + (
        b"  - datum: 2010-03-01\n"
        b"    status: in_umsetzung\n"
        b"    notiz: Bauantrag gestellt\n"
        b"    von: Bauamt\n"
        b"    nachweis: Vorlage 3/10\n"
        b"    fortschritt: 20\n"
    )


def test_intern_marks_fields_or_the_whole_entry(projekt: Projekt) -> None:
    """--intern notiz,von: the state is public, note and reporter are not; --intern ja: the whole entry."""
    before = projekt.path(M2).read_bytes()
    args = ["sachstand", "M-BIL-02", "in_umsetzung", "--datum", "2010-03-01", "--von", "Bauamt"]
    result = projekt.run(*args, "--notiz", "Streit um die Kosten", "--intern", " Notiz, von ,notiz")
    assert (result.exit_code, result.stderr) == (
        0,
        "Eingetragen: M-BIL-02 in_umsetzung am 01.03.2010 in data/massnahmen/M-BIL-02.yaml (intern: notiz, von)\n",
    )
    middle = projekt.path(M2).read_bytes()
    assert middle == before + (
        b"  - datum: 2010-03-01\n    status: in_umsetzung\n    notiz: Streit um die Kosten\n    von: Bauamt\n"
        b"    intern:\n      - notiz\n      - von\n"
    )
    result = projekt.run(*args, "--notiz", "Vertrauliches Gespräch", "--intern", "ja")
    assert result.stderr.endswith(" (intern)\n")
    assert (
        projekt.path(M2).read_bytes()
        == middle
        + (
            "  - datum: 2010-03-01\n    status: in_umsetzung\n    notiz: Vertrauliches Gespräch\n    von: Bauamt\n"
            "    intern: ja\n"
        ).encode()
    )
    assert projekt.run("pruefen").exit_code == 0
    report = projekt.run("bericht", "rat", "--jahr", "2010", "--format", "md").stdout
    assert "Streit um die Kosten" not in report and "Vertrauliches Gespräch" not in report


def test_intern_names_only_fields_that_can_be_internal(projekt: Projekt) -> None:
    before = daten(projekt.root)
    result = projekt.run(
        "sachstand", "M-BIL-02", "in_umsetzung", "--notiz", "x y z", "--von", "Bauamt", "--intern", "notzi",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        2,
        "Fehler: --intern: „notzi“ ist kein Feld, das intern sein kann. Meinten Sie „notiz“? Möglich: ja (der "
        "ganze Eintrag) oder Felder mit Komma: notiz, von, nachweis, fortschritt, verantwortlich, zieldatum, "
        "weitergeleitet_am.\n",
    )
    assert daten(projekt.root) == before


def test_only_the_measure_file_changes(projekt: Projekt) -> None:
    before = daten(projekt.root)
    projekt.run(
        "sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", "2010-03-01", "--von", "Bauamt"
    )
    after = daten(projekt.root)
    assert [name for name in after if after[name] != before.get(name)] == [M2]
    assert sorted(after) == sorted(before)


def test_the_result_passes_pruefen(projekt: Projekt) -> None:
    projekt.run(
        "sachstand",
        "M-BIL-02",
        "in_umsetzung",
        "--notiz",
        "Bauantrag gestellt",
        "--datum",
        "2010-03-01",
        "--von",
        "Bauamt",
    )
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert (result.exit_code, result.stdout) == (
        0,
        "Alles in Ordnung: 6 Dateien geprüft, keine Fehler, keine Warnungen.\n",
    )


@pytest.mark.parametrize("datum", ["2010-03-15", "15.03.2010", "15.3.2010"])
def test_datum_in_iso_or_german_form(projekt: Projekt, datum: str) -> None:
    result = projekt.run(
        "sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", datum, "--von", "Bauamt"
    )
    assert result.exit_code == 0
    assert verlauf(projekt.path(M2))[-1]["datum"] == date(2010, 3, 15)


def test_datum_defaults_to_today(projekt: Projekt) -> None:
    first = date.today()
    result = projekt.run("sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--von", "Bauamt")
    last = date.today()
    assert result.exit_code == 0
    assert verlauf(projekt.path(M2))[-1]["datum"] in {first, last}


@pytest.mark.parametrize(
    ("datum", "message"),
    [
        ("31.02.2010", "Fehler: --datum: „31.02.2010“ ist kein gültiges Kalenderdatum."),
        ("gestern", "Fehler: --datum: „gestern“ ist kein Datum; erwartet wird z. B. 2010-03-15 oder 15.03.2010."),
    ],
    ids=["31.02.2010", "gestern"],
)
def test_invalid_datum_is_a_usage_error(projekt: Projekt, datum: str, message: str) -> None:
    before = daten(projekt.root)
    result = projekt.run("sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", datum)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert daten(projekt.root) == before


def test_von_defaults_to_sachstand_von_of_the_configuration(projekt: Projekt, git_ohne_benutzer: Path) -> None:
    git_ohne_benutzer.write_text("[user]\n\tname = Erika Mustermann\n", encoding="utf-8")
    projekt.write("luedialog.yaml", projekt.read("luedialog.yaml") + "sachstand_von: Geschäftsstelle Dialog\n")
    projekt.run("sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", "2010-03-01")
    assert verlauf(projekt.path(M2))[-1]["von"] == "Geschäftsstelle Dialog"


def test_von_option_wins_over_the_configuration(projekt: Projekt) -> None:
    projekt.write("luedialog.yaml", projekt.read("luedialog.yaml") + "sachstand_von: Geschäftsstelle Dialog\n")
    projekt.run(
        "sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", "2010-03-01", "--von", "FB 3"
    )
    assert verlauf(projekt.path(M2))[-1]["von"] == "FB 3"


@needs_git
def test_von_is_never_taken_from_git_user_name(projekt: Projekt, git_ohne_benutzer: Path) -> None:
    """A person's name must not reach the public history silently (issue 12): without --von and
    without sachstand_von, sachstand asks who reports, also with --dry-run."""
    git_ohne_benutzer.write_text("[user]\n\tname = Erika Mustermann\n", encoding="utf-8")
    before = daten(projekt.root)
    for extra in ((), ("--dry-run",)):
        result = projekt.run(
            "sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", "2010-03-01", *extra
        )
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            'Fehler: Wer berichtet den Sachstand? Geben Sie --von an (eine Stelle, z. B. --von "FB 3"). '
            "Als Standard für alle Einträge: sachstand_von: … in luedialog.yaml (eine Stelle, keine Person).\n",
        )
    assert daten(projekt.root) == before


def test_a_new_measure_without_sachstand_von_names_nobody(projekt: Projekt, git_ohne_benutzer: Path) -> None:
    git_ohne_benutzer.write_text("[user]\n\tname = Erika Mustermann\n", encoding="utf-8")
    result = projekt.run("neu", "massnahme", "--feld", "bildung", "--titel", "Leseförderung", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "Erika" not in result.stdout and "von:" not in result.stdout


@pytest.mark.parametrize("wert", ["0", "100"])
def test_fortschritt_bounds_are_accepted(projekt: Projekt, wert: str) -> None:
    result = projekt.run(
        "sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", "2010-03-01", "--fortschritt", wert,
        "--von", "Bauamt",
    )  # fmt: skip
    assert result.exit_code == 0
    assert verlauf(projekt.path(M2))[-1]["fortschritt"] == int(wert)


@pytest.mark.parametrize(
    ("wert", "message"),
    [
        ("101", "Fehler: Ungültiger Wert für --fortschritt: „101“ liegt nicht zwischen 0 und 100."),
        ("-1", "Fehler: Ungültiger Wert für --fortschritt: „-1“ liegt nicht zwischen 0 und 100."),
        (
            "viel",
            "Fehler: Ungültiger Wert für --fortschritt: „viel“ ist keine Prozentzahl; erwartet wird eine ganze Zahl "
            "von 0 bis 100, z. B. 70 oder 70 %.",
        ),
    ],
    ids=["101", "-1", "viel"],
)
def test_fortschritt_not_a_whole_number_from_0_to_100_is_a_usage_error(
    projekt: Projekt, wert: str, message: str
) -> None:
    before = daten(projekt.root)
    result = projekt.run(
        "sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", "2010-03-01", "--fortschritt", wert
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [message, "Hilfe: luedialog sachstand --help"]
    assert daten(projekt.root) == before


def test_notiz_is_required(projekt: Projekt) -> None:
    result = projekt.run("sachstand", "M-BIL-02", "geplant")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "Fehler: Es fehlt die Option --notiz."


def test_dry_run_prints_the_diff_and_writes_nothing(projekt: Projekt) -> None:
    before = daten(projekt.root)
    result = projekt.run(
        "sachstand", "M-BIL-02", "in_umsetzung", "--notiz", "Bauantrag gestellt", "--datum", "01.03.2010", "--dry-run",
        "--von", "Bauamt",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == (
        "--- a/data/massnahmen/M-BIL-02.yaml\n"
        "+++ b/data/massnahmen/M-BIL-02.yaml\n"
        "@@ -11,3 +11,7 @@\n"
        "   - datum: 2009-02-01\n"
        "     status: geplant\n"
        "     notiz: Stand laut Vorlage.\n"
        "+  - datum: 2010-03-01\n"
        "+    status: in_umsetzung\n"
        "+    notiz: Bauantrag gestellt\n"
        "+    von: Bauamt\n"
    )
    assert result.stderr == "Probelauf (--dry-run): nichts geschrieben.\n"
    assert daten(projekt.root) == before


def test_same_status_with_only_a_new_note_is_a_normal_report(projekt: Projekt) -> None:
    result = projekt.run(
        "sachstand", "M-BIL-01", "in_umsetzung", "--notiz", "Zweiter Kurs", "--datum", "2010-02-01",
        "--von", "Bauamt",
    )  # fmt: skip
    assert result.exit_code == 0
    assert [(e["status"], e["notiz"]) for e in verlauf(projekt.path(M1))][-2:] == [
        ("in_umsetzung", "Erste Kurse laufen."),
        ("in_umsetzung", "Zweiter Kurs"),
    ]


def test_an_entry_on_the_day_of_the_last_entry_is_allowed(projekt: Projekt) -> None:
    result = projekt.run(
        "sachstand", "M-BIL-02", "in_umsetzung", "--notiz", "Sofort begonnen", "--datum", "2009-02-01",
        "--von", "Bauamt",
    )  # fmt: skip
    assert result.exit_code == 0
    assert [e["datum"] for e in verlauf(projekt.path(M2))] == [date(2009, 2, 1), date(2009, 2, 1)]


def test_done_with_evidence_is_recorded(projekt: Projekt) -> None:
    result = projekt.run(
        "sachstand", "M-BIL-01", "umgesetzt", "--notiz", "Alle Kurse laufen", "--datum", "2010-06-01",
        "--nachweis", "Vorlage 7/10", "--von", "Bauamt",
    )  # fmt: skip
    assert result.exit_code == 0
    assert verlauf(projekt.path(M1))[-1] == {
        "datum": date(2010, 6, 1),
        "status": "umgesetzt",
        "notiz": "Alle Kurse laufen",
        "von": "Bauamt",
        "nachweis": "Vorlage 7/10",
    }


# --- --commit -------------------------------------------------------------------------------------


@needs_git
def test_commit_commits_only_the_touched_file(projekt: Projekt) -> None:
    root = projekt.root
    git(root, "init", "-q")
    git(root, "config", "user.name", "Erika Mustermann")
    git(root, "config", "user.email", "erika@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Anfang")
    projekt.write(W1, projekt.read(W1) + "# in Arbeit\n")  # changed, not staged
    projekt.write("luedialog.yaml", projekt.read("luedialog.yaml") + "# vorgemerkt\n")
    git(root, "add", "luedialog.yaml")  # changed and staged
    result = projekt.run(
        "sachstand", "M-BIL-02", "in_umsetzung", "--notiz", "Bauantrag gestellt", "--datum", "01.03.2010", "--commit",
        "--von", "Bauamt",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stderr == (
        "Eingetragen: M-BIL-02 in_umsetzung am 01.03.2010 in data/massnahmen/M-BIL-02.yaml\ngit-Commit angelegt.\n"
    )
    assert git(root, "log", "-1", "--format=%s") == "Sachstand M-BIL-02: in_umsetzung (01.03.2010)\n"
    assert git(root, "show", "--name-only", "--format=", "HEAD") == f"{M2}\n"
    assert git(root, "rev-list", "--count", "HEAD") == "2\n"
    assert git(root, "status", "--porcelain", "--untracked-files=no") == f" M {W1}\nM  luedialog.yaml\n"
    committed = subprocess.run(["git", "show", f"HEAD:{M2}"], cwd=root, capture_output=True, check=True).stdout
    assert committed == projekt.path(M2).read_bytes()


@needs_git
def test_commit_outside_a_repository_is_a_usage_error(projekt: Projekt) -> None:
    before = daten(projekt.root)
    result = projekt.run(
        "sachstand", "M-BIL-02", "in_umsetzung", "--notiz", "Bauantrag gestellt", "--datum", "01.03.2010", "--commit"
    )
    assert result.exit_code == 2
    assert result.stderr == "Fehler: --commit braucht ein git-Repository; der Projektordner ist keines.\n"
    assert daten(projekt.root) == before


@needs_git
def test_dry_run_with_commit_neither_writes_nor_commits(projekt: Projekt) -> None:
    root = projekt.root
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Anfang")
    before = daten(projekt.root)
    result = projekt.run(
        "sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", "01.03.2010", "--commit",
        "--dry-run", "--von", "Bauamt",
    )  # fmt: skip
    assert result.exit_code == 0
    assert daten(projekt.root) == before
    assert git(root, "rev-list", "--count", "HEAD") == "1\n"


# --- refusals -------------------------------------------------------------------------------------

REFUSALS: list[tuple[str, list[str], str]] = [
    (
        "unknown id",
        ["M-BIL-2", "geplant", "--notiz", "Planung läuft"],
        "Fehler: Keine Maßnahme mit der ID „M-BIL-2“. Meinten Sie „M-BIL-02“?",
    ),
    (
        "unknown number: the same field and number is suggested",
        ["M-BIL-9", "geplant", "--notiz", "Planung läuft"],
        "Fehler: Keine Maßnahme mit der ID „M-BIL-9“. Meinten Sie „M-BIL-02“?",
    ),
    (
        "unknown status with a suggestion",
        ["M-BIL-02", "in_umsetzng", "--notiz", "Planung läuft"],
        "Fehler: „in_umsetzng“ ist kein bekannter Status. Meinten Sie „In Umsetzung“?",
    ),
    (
        "unknown status without a close match",
        ["M-BIL-02", "fertig", "--notiz", "Planung läuft"],
        "Fehler: „fertig“ ist kein bekannter Status. Möglich: Geplant, In Umsetzung, Umgesetzt, Eingestellt.",
    ),
    (
        "transition not allowed",
        ["M-BIL-01", "geplant", "--notiz", "Neu geplant", "--datum", "2010-01-01"],
        "Fehler: data/massnahmen/M-BIL-01.yaml: Der Wechsel von „in_umsetzung“ zu „geplant“ ist nicht erlaubt. "
        "Erlaubt nach „in_umsetzung“: in_umsetzung, umgesetzt, eingestellt.",
    ),
    (
        "nothing follows a final status",
        ["M-WOH-01", "in_umsetzung", "--notiz", "Nachbesserung", "--datum", "2011-05-01"],
        "Fehler: data/massnahmen/M-WOH-01.yaml: Der Wechsel von „umgesetzt“ zu „in_umsetzung“ ist nicht erlaubt. "
        "Erlaubt nach „umgesetzt“: umgesetzt.",
    ),
    (
        "date before the last entry",
        ["M-BIL-01", "in_umsetzung", "--notiz", "Nachtrag", "--datum", "31.08.2009"],
        "Fehler: data/massnahmen/M-BIL-01.yaml: Das Datum 31.08.2009 liegt vor dem letzten Eintrag (01.09.2009); "
        "der Verlauf wird nur fortgeschrieben.",
    ),
    (
        "done without evidence",
        ["M-BIL-01", "umgesetzt", "--notiz", "Alle Kurse laufen", "--datum", "2010-06-01"],
        "Fehler: data/massnahmen/M-BIL-01.yaml: Für den Status „umgesetzt“ ist ein Nachweis nötig: "
        "--nachweis (z. B. Ratsvorlage, Link, Dokument).",
    ),
    (
        "done with blank evidence",
        ["M-BIL-01", "umgesetzt", "--notiz", "Alle Kurse laufen", "--datum", "2010-06-01", "--nachweis", "  "],
        "Fehler: data/massnahmen/M-BIL-01.yaml: Für den Status „umgesetzt“ ist ein Nachweis nötig: "
        "--nachweis (z. B. Ratsvorlage, Link, Dokument).",
    ),
    (
        "empty note",
        ["M-BIL-02", "geplant", "--notiz", "", "--datum", "2010-03-01"],
        "Fehler: data/massnahmen/M-BIL-02.yaml: Die Notiz ist leer oder ein Platzhalter; "
        "bitte den Sachstand in Worten beschreiben.",
    ),
    (
        "placeholder note",
        ["M-BIL-02", "geplant", "--notiz", " TBD ", "--datum", "2010-03-01"],
        "Fehler: data/massnahmen/M-BIL-02.yaml: Die Notiz ist leer oder ein Platzhalter; "
        "bitte den Sachstand in Worten beschreiben.",
    ),
    (
        "overdue with an empty note",
        ["M-BIL-01", "in_umsetzung", "--notiz", "   ", "--datum", "2010-08-01"],
        "Fehler: data/massnahmen/M-BIL-01.yaml: Die Notiz ist leer oder ein Platzhalter; "
        "bitte den Sachstand in Worten beschreiben.",
    ),
    (
        "overdue with a placeholder note",
        ["M-BIL-01", "in_umsetzung", "--notiz", "siehe oben", "--datum", "2010-08-01"],
        "Fehler: data/massnahmen/M-BIL-01.yaml: Die Notiz ist leer oder ein Platzhalter; "
        "bitte den Sachstand in Worten beschreiben.",
    ),
    (
        "overdue with a note too short for a reason",
        ["M-BIL-01", "in_umsetzung", "--notiz", "Läuft noch etwas.  ", "--datum", "2010-08-01"],
        "Fehler: data/massnahmen/M-BIL-01.yaml: Die Maßnahme ist seit dem 30.06.2010 überfällig; die Notiz muss "
        "den Grund der Verzögerung nennen (mindestens 20 Zeichen).",
    ),
    (
        "several problems at once",
        ["M-BIL-02", "umgesetzt", "--notiz", "Fertig gebaut", "--datum", "2010-03-01"],
        "Fehler: data/massnahmen/M-BIL-02.yaml: Der Wechsel von „geplant“ zu „umgesetzt“ ist nicht erlaubt. "
        "Erlaubt nach „geplant“: geplant, in_umsetzung, eingestellt. Für den Status „umgesetzt“ ist ein "
        "Nachweis nötig: --nachweis (z. B. Ratsvorlage, Link, Dokument).",
    ),
]


@pytest.mark.parametrize(("case", "args", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusal_says_why_and_changes_nothing(projekt: Projekt, case: str, args: list[str], message: str) -> None:
    before = daten(projekt.root)
    result = projekt.run("sachstand", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message + "\n"
    assert daten(projekt.root) == before


def test_date_in_the_future_is_refused(projekt: Projekt) -> None:
    before = daten(projekt.root)
    today = date.today()
    tomorrow = today + timedelta(days=1)
    result = projekt.run(
        "sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", tomorrow.isoformat()
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fehler: data/massnahmen/M-BIL-02.yaml: Das Datum {tomorrow:%d.%m.%Y} liegt in der Zukunft "
        f"(heute ist der {today:%d.%m.%Y}).\n"
    )
    assert daten(projekt.root) == before


def test_overdue_note_of_twenty_characters_states_a_reason(projekt: Projekt) -> None:
    note = "Bad wegen Umbau zu."
    assert len(note) == 19
    args = ("sachstand", "M-BIL-01", "in_umsetzung", "--datum", "2010-08-01", "--von", "Bauamt", "--notiz")
    assert projekt.run(*args, note).exit_code == 1
    result = projekt.run(*args, note + "!")
    assert result.exit_code == 0
    assert verlauf(projekt.path(M1))[-1]["notiz"] == "Bad wegen Umbau zu.!"


def test_overdue_measure_may_be_closed_with_a_short_note(projekt: Projekt) -> None:
    result = projekt.run(
        "sachstand", "M-BIL-01", "eingestellt", "--notiz", "Kein Bedarf.", "--datum", "2010-08-01", "--von", "Bauamt"
    )
    assert result.exit_code == 0
    assert verlauf(projekt.path(M1))[-1]["status"] == "eingestellt"


def test_measure_not_yet_overdue_needs_no_reason(projekt: Projekt) -> None:
    result = projekt.run(
        "sachstand", "M-BIL-01", "in_umsetzung", "--notiz", "Läuft.", "--datum", "2010-06-30", "--von", "Bauamt"
    )
    assert result.exit_code == 0


def test_a_change_that_would_make_pruefen_fail_is_refused(projekt: Projekt, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole data set is checked with the change before anything is written (even if a rule slips)."""
    monkeypatch.setattr("luedialog.services.sachstand.entry_problems", lambda *args: [])
    before = daten(projekt.root)
    result = projekt.run(
        "sachstand", "M-WOH-01", "geplant", "--notiz", "Neustart", "--datum", "2011-05-01", "--von", "Bauamt"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Fehler: Die Änderung würde die Prüfung scheitern lassen: data/massnahmen/M-WOH-01.yaml:22: Fehler: "
        "Der Wechsel von „umgesetzt“ zu „geplant“ ist nicht erlaubt. [verlauf[4].status] → Erlaubt nach "
        "„umgesetzt“: keiner (uebergaenge in luedialog.yaml). Es wurde nichts geschrieben.\n"
    )
    assert daten(projekt.root) == before


def test_a_blank_nachweis_is_left_out_and_a_blank_von_is_no_von(projekt: Projekt) -> None:
    args = ("sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", "2010-03-01")
    assert projekt.run(*args, "--von", "  ").exit_code == 2
    result = projekt.run(*args, "--von", "Bauamt", "--nachweis", "  ")
    assert result.exit_code == 0
    assert verlauf(projekt.path(M2))[-1] == {
        "datum": date(2010, 3, 1),
        "status": "geplant",
        "notiz": "Planung läuft",
        "von": "Bauamt",
    }


def test_a_broken_file_of_another_measure_does_not_block(projekt: Projekt) -> None:
    projekt.replace(W1, "art: projekt", "art: programm")
    result = projekt.run(
        "sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", "2010-03-01", "--von", "Bauamt"
    )
    assert result.exit_code == 0


def test_a_broken_measure_file_is_named_not_replaced_by_a_suggestion(projekt: Projekt) -> None:
    projekt.replace(M2, "art: massnahme", "art: programm")
    before = daten(projekt.root)
    result = projekt.run("sachstand", "M-BIL-02", "geplant", "--notiz", "Planung läuft", "--datum", "2010-03-01")
    assert result.exit_code == 1
    assert result.stderr == (
        "Fehler: Die Datei der Maßnahme „M-BIL-02“ ist fehlerhaft; so lange wird nichts eingetragen. "
        "Die Fehler zeigt: luedialog pruefen\n"
    )
    assert daten(projekt.root) == before


# --- the core: entry_problems, record -------------------------------------------------------------


def test_placeholders_ignore_case_and_spacing() -> None:
    assert [is_placeholder(t) for t in ("k. a.", " K.  A. ", "Keine Angabe", "…", "Platzhalter")] == [True] * 5
    assert [is_placeholder(t) for t in ("Keine Änderung", "ok", "Test läuft")] == [False] * 3


def test_entry_problems_checks_the_progress_range(projekt: Projekt) -> None:
    snap = load_snapshot(projekt.root).snapshot
    assert snap is not None
    e = Eintrag("M-BIL-02", "geplant", "Planung läuft", date(2010, 3, 1), fortschritt=101)
    problems = entry_problems(snap.config, snap.massnahmen["M-BIL-02"], e, date(2011, 1, 1))
    assert problems == ["Der Fortschritt 101 liegt nicht zwischen 0 und 100."]


def test_entry_problems_of_a_good_entry_is_empty(projekt: Projekt) -> None:
    snap = load_snapshot(projekt.root).snapshot
    assert snap is not None
    e = Eintrag("M-BIL-02", "in_umsetzung", "Bauantrag gestellt", date(2010, 3, 1), "Bauamt", 20, None)
    assert entry_problems(snap.config, snap.massnahmen["M-BIL-02"], e, date(2010, 3, 1)) == []


def test_record_applies_several_entries_in_order(projekt: Projekt) -> None:
    entries = [
        Eintrag("M-BIL-02", "in_umsetzung", "Bauantrag gestellt", date(2010, 3, 1)),
        Eintrag("M-BIL-02", "umgesetzt", "Becken eröffnet", date(2011, 3, 1), nachweis="Vorlage 4/11"),
    ]
    changes = record(projekt.root, entries, date(2011, 12, 31))
    assert [c.name for c in changes] == [M2]
    assert [(e["datum"], e["status"]) for e in verlauf(projekt.path(M2))] == [
        (date(2009, 2, 1), "geplant"),
        (date(2010, 3, 1), "in_umsetzung"),
        (date(2011, 3, 1), "umgesetzt"),
    ]


def test_record_is_all_or_nothing(projekt: Projekt) -> None:
    before = daten(projekt.root)
    entries = [
        Eintrag("M-BIL-01", "in_umsetzung", "Zweiter Kurs", date(2010, 2, 1)),
        Eintrag("M-BIL-02", "umgesetzt", "Becken eröffnet", date(2011, 3, 1)),  # not allowed after geplant
    ]
    with pytest.raises(LuedialogError) as caught:
        record(projekt.root, entries, date(2011, 12, 31))
    assert caught.value.file == M2
    assert daten(projekt.root) == before


def test_record_dry_run_returns_the_change_without_writing(projekt: Projekt) -> None:
    before = daten(projekt.root)
    changes = record(
        projekt.root,
        [Eintrag("M-BIL-02", "geplant", "Planung läuft", date(2010, 3, 1))],
        date(2011, 1, 1),
        dry_run=True,
    )
    assert daten(projekt.root) == before
    assert changes[0].old == before[M2]
    assert (
        changes[0].new == before[M2] + "  - datum: 2010-03-01\n    status: geplant\n    notiz: Planung läuft\n".encode()
    )
