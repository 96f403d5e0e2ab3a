"""`luedialog korrigieren`: a wrong history entry is corrected by an appended correction, never rewritten.

From the correction's date on, queries and reports use the corrected history and list the correction;
for an earlier Stichtag they stay byte for byte as they were; `pruefen --seit` passes.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import Projekt, added_lines, daten, git, run_cli

M1 = "data/massnahmen/M-BIL-01.yaml"  # in_umsetzung since 01.09.2009
M2 = "data/massnahmen/M-BIL-02.yaml"  # geplant since 01.02.2009

pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git ist nicht installiert")


def sachstand(projekt: Projekt, ident: str, status: str, notiz: str, datum: str) -> tuple[int, str]:
    result = projekt.run("sachstand", ident, status, "--notiz", notiz, "--datum", datum, "--von", "Bauamt")
    return result.exit_code, result.stderr


@pytest.fixture
def vertippt(projekt: Projekt) -> Projekt:
    """M-BIL-02 with an entry of 15.03.2010 typed as 15.03.2012."""
    assert sachstand(projekt, "M-BIL-02", "in_umsetzung", "Bauantrag gestellt", "15.03.2012")[0] == 0
    return projekt


def test_a_mistyped_year_blocks_later_entries_until_it_is_corrected(vertippt: Projekt) -> None:
    assert sachstand(vertippt, "M-BIL-02", "in_umsetzung", "Bauarbeiten begonnen", "01.05.2010") == (
        1,
        "Fehler: data/massnahmen/M-BIL-02.yaml: Das Datum 01.05.2010 liegt vor dem letzten Eintrag (15.03.2012); "
        "der Verlauf wird nur fortgeschrieben.\n",
    )
    before = vertippt.path(M2).read_bytes()
    result = vertippt.run(
        "korrigieren",
        "M-BIL-02",
        "2",
        "--richtiges-datum",
        "15.03.2010",
        "--grund",
        "Tippfehler im Jahr (2012 statt 2010)",
        "--datum",
        "16.03.2010",
        "--von",
        "Bauamt",
    )
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Korrigiert: M-BIL-02, Eintrag 2: Datum 15.03.2010\n"
    assert added_lines(before, vertippt.path(M2).read_bytes()) == [
        "korrekturen:\n",
        "  - datum: 2010-03-16\n",
        "    eintrag: 2\n",
        "    grund: Tippfehler im Jahr (2012 statt 2010)\n",
        "    von: Bauamt\n",
        "    richtig:\n",
        "      datum: 2010-03-15\n",
    ]
    assert sachstand(vertippt, "M-BIL-02", "in_umsetzung", "Bauarbeiten begonnen", "01.05.2010") == (
        0,
        "Eingetragen: M-BIL-02 in_umsetzung am 01.05.2010 in data/massnahmen/M-BIL-02.yaml\n",
    )
    checked = vertippt.run("pruefen")
    assert (checked.exit_code, checked.stdout) == (
        0,
        "Alles in Ordnung: 6 Dateien geprüft, keine Fehler, keine Warnungen.\n",
    )


def test_the_entry_may_be_named_by_its_date_as_typed(vertippt: Projekt) -> None:
    result = vertippt.run(
        "korrigieren", "m-bil-02", "15.03.2012", "--richtiges-datum", "15.03.10", "--grund", "Tippfehler im Jahr"
    )
    assert result.exit_code == 0, result.stderr
    assert "    eintrag: 2\n    grund: Tippfehler im Jahr\n" in vertippt.read(M2)


def test_reports_before_the_correction_stay_as_they_were_and_after_it_list_it(vertippt: Projekt) -> None:
    early = vertippt.run("bericht", "rat", "--jahr", "2010", "--stichtag", "31.03.2010").stdout
    status_early = vertippt.run("status", "--stichtag", "31.03.2010", "--format", "json").stdout
    assert vertippt.run(
        "korrigieren", "M-BIL-02", "2", "--richtiges-datum", "15.03.2010", "--grund", "Tippfehler im Jahr",
        "--datum", "01.04.2010",
    ).exit_code == 0  # fmt: skip
    assert vertippt.run("bericht", "rat", "--jahr", "2010", "--stichtag", "31.03.2010").stdout == early
    assert vertippt.run("status", "--stichtag", "31.03.2010", "--format", "json").stdout == status_early
    late = vertippt.run("bericht", "rat", "--jahr", "2010").stdout
    assert "### Korrekturen im Jahr 2010\n" not in early
    assert "### Korrekturen im Jahr 2010\n" in late
    assert (
        "| 01.04.2010 | **M-BIL-02** Lehrschwimmbecken | Nr. 2 vom 15.03.2012 | Datum: 15.03.2010 | "
        "Tippfehler im Jahr |" in late
    )
    assert "| 15.03.2010 | **M-BIL-02** Lehrschwimmbecken | Geplant → In Umsetzung | Bauantrag gestellt |" in late


def test_zeige_numbers_the_entries_and_lists_the_correction(vertippt: Projekt) -> None:
    vertippt.run(
        "korrigieren", "M-BIL-02", "2", "--richtiges-datum", "15.03.2010", "--grund", "Tippfehler im Jahr",
        "--datum", "01.04.2010", "--von", "Bauamt",
    )  # fmt: skip
    wide = run_cli(
        "--daten", str(vertippt.root), "zeige", "M-BIL-02", "--stichtag", "31.12.2010", env={"COLUMNS": "200"}
    )
    shown = " ".join(wide.stdout.split())
    assert "2 15.03.2010 In Umsetzung Bauantrag gestellt (korrigiert am 01.04.2010) Von: Bauamt" in shown
    assert (
        "Korrekturen (1): 01.04.2010 Eintrag 2 (eingetragen als 15.03.2012): richtig ist Datum 15.03.2010 – "
        "Tippfehler im Jahr (Bauamt)" in shown
    )


def test_an_entry_at_the_wrong_measure_is_struck_there_and_added_to_the_right_one(projekt: Projekt) -> None:
    assert sachstand(projekt, "M-BIL-02", "in_umsetzung", "Neue Kurse", "01.03.2010")[0] == 0
    before = daten(projekt.root)
    result = projekt.run(
        "korrigieren", "M-BIL-02", "2", "--richtige-massnahme", "M-BIL-01", "--grund", "Gehört zu den Schwimmkursen",
        "--datum", "02.03.2010", "--von", "Bauamt",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "Korrigiert: M-BIL-02, Eintrag 2: übertragen nach M-BIL-01\n")
    after = daten(projekt.root)
    assert [n for n in after if after[n] != before.get(n)] == [M1, M2]
    assert added_lines(before[M2], after[M2])[-3:] == [
        "    von: Bauamt\n",
        "    gestrichen: ja\n",
        "    uebertragen_nach: M-BIL-01\n",
    ]
    assert added_lines(before[M1], after[M1]) == [
        "korrekturen:\n",
        "  - datum: 2010-03-02\n",
        "    grund: Gehört zu den Schwimmkursen\n",
        "    von: Bauamt\n",
        "    nachtrag:\n",
        "      datum: 2010-03-01\n",
        "      status: in_umsetzung\n",
        "      notiz: Neue Kurse\n",
        "      von: Bauamt\n",
        "    uebertragen_aus: M-BIL-02\n",
    ]
    status = projekt.run("status", "--format", "json").stdout
    assert '"id": "M-BIL-02"' in status and '"status": "geplant"' in status
    assert projekt.run("pruefen").exit_code == 0


def test_a_double_entry_is_struck(projekt: Projekt) -> None:
    assert sachstand(projekt, "M-BIL-02", "geplant", "Planung läuft", "01.03.2010")[0] == 0
    result = projekt.run("korrigieren", "M-BIL-02", "2", "--streichen", "--grund", "Doppelt eingetragen")
    assert (result.exit_code, result.stderr) == (0, "Korrigiert: M-BIL-02, Eintrag 2: gestrichen\n")
    assert "    gestrichen: ja\n" in projekt.read(M2)


def test_dry_run_shows_the_diff_and_writes_nothing(vertippt: Projekt) -> None:
    before = daten(vertippt.root)
    result = vertippt.run(
        "korrigieren", "M-BIL-02", "2", "--richtiges-datum", "15.03.2010", "--grund", "Tippfehler", "--dry-run",
        "--datum", "16.03.2010", "--von", "Bauamt",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.startswith("--- a/data/massnahmen/M-BIL-02.yaml\n+++ b/data/massnahmen/M-BIL-02.yaml\n")
    assert "+korrekturen:\n+  - datum: 2010-03-16\n+    eintrag: 2\n" in result.stdout
    assert result.stderr == "Probelauf (--dry-run): nichts geschrieben.\n"
    assert daten(vertippt.root) == before


REFUSALS: list[tuple[str, list[str], int, str]] = [
    (
        "no such entry",
        ["M-BIL-02", "7", "--streichen", "--grund", "Falsch"],
        2,
        "Fehler: EINTRAG: M-BIL-02 hat 2 Verlaufseinträge; einen Eintrag 7 gibt es nicht.\n",
    ),
    (
        "nothing said",
        ["M-BIL-02", "2", "--grund", "Falsch"],
        2,
        "Fehler: Geben Sie an, was richtig ist (z. B. --richtiges-datum), oder --streichen bzw. "
        "--richtige-massnahme.\n",
    ),
    (
        "nothing changes",
        ["M-BIL-02", "2", "--richtiges-datum", "15.03.2012", "--grund", "Falsch"],
        2,
        "Fehler: Die richtigen Angaben sind schon die des Eintrags; es gibt nichts zu korrigieren.\n",
    ),
    (
        "placeholder reason",
        ["M-BIL-02", "2", "--streichen", "--grund", "-"],
        2,
        "Fehler: --grund: Der Grund ist leer oder ein Platzhalter; bitte in Worten sagen, was falsch war.\n",
    ),
    (
        "unknown status names the option",
        ["M-BIL-02", "2", "--richtiger-status", "fertig", "--grund", "Falscher Status"],
        2,
        "Fehler: --richtiger-status: „fertig“ ist kein bekannter Status. Möglich: Geplant, In Umsetzung, "
        "Umgesetzt, Eingestellt.\n",
    ),
    (
        "unknown measure suggests the same number",
        ["M-BIL-2", "2", "--streichen", "--grund", "Doppelt"],
        1,
        "Fehler: Keine Maßnahme mit der ID „M-BIL-2“. Meinten Sie „M-BIL-02“?\n",
    ),
    (
        "a correction that breaks a rule",
        ["M-BIL-02", "2", "--richtiger-status", "umgesetzt", "--grund", "War schon fertig"],
        1,
        "Fehler: Die Korrektur wäre fehlerhaft: data/massnahmen/M-BIL-02.yaml:15: Fehler: Der Wechsel von "
        "„geplant“ zu „umgesetzt“ ist nicht erlaubt. [verlauf[2].status] → Erlaubt nach „geplant“: in_umsetzung, "
        "eingestellt (uebergaenge in luedialog.yaml). Es wurde nichts geschrieben.\n",
    ),
]


@pytest.mark.parametrize(("case", "args", "code", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusals_leave_every_file_byte_identical(
    vertippt: Projekt, case: str, args: list[str], code: int, message: str
) -> None:
    before = daten(vertippt.root)
    result = vertippt.run("korrigieren", *args)
    assert (result.exit_code, result.stderr) == (code, message)
    assert daten(vertippt.root) == before


@needs_git
def test_pruefen_seit_passes_and_commit_holds_exactly_the_corrected_file(vertippt: Projekt) -> None:
    root = vertippt.root
    git(root, "init", "-q")
    git(root, "config", "user.name", "Erika Mustermann")
    git(root, "config", "user.email", "erika@example.org")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Anfang")
    vertippt.write("notiz.txt", "nicht committen\n")
    result = vertippt.run(
        "korrigieren", "M-BIL-02", "2", "--richtiges-datum", "15.03.2010", "--grund", "Tippfehler im Jahr",
        "--datum", "16.03.2010", "--commit", "--von", "Bauamt",
    )  # fmt: skip
    assert result.stderr == (
        "Korrigiert: M-BIL-02, Eintrag 2: Datum 15.03.2010\ngit-Commit angelegt: data/massnahmen/M-BIL-02.yaml\n"
    )
    assert git(root, "show", "--name-only", "--format=%s", "HEAD") == (
        "Korrektur M-BIL-02, Eintrag 2: Datum 15.03.2010\n\ndata/massnahmen/M-BIL-02.yaml\n"
    )
    assert git(root, "status", "--porcelain") == "?? notiz.txt\n"
    checked = vertippt.run("pruefen", "--seit", "HEAD~1")
    assert (checked.exit_code, checked.stdout) == (
        0,
        "Alles in Ordnung: 6 Dateien geprüft, keine Fehler, keine Warnungen.\n",
    )


def test_striking_every_entry_is_refused(projekt: Projekt) -> None:
    """A measure without a valid entry would drop out of every view, report and query without a word."""
    before = daten(projekt.root)
    result = projekt.run("korrigieren", "M-BIL-02", "1", "--streichen", "--grund", "Doppelt eingetragen")
    line = projekt.read(M2).count("\n") + 2  # the correction that would have been appended
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fehler: Die Korrektur wäre fehlerhaft: data/massnahmen/M-BIL-02.yaml:{line}: Fehler: Jeder Eintrag des "
        "Verlaufs von M-BIL-02 ist gestrichen; ohne einen gültigen Eintrag hat die Maßnahme keinen Stand (sie "
        "fiele aus Übersicht, Berichten und Abfrage heraus). [korrekturen[1]] → Korrigieren Sie den Eintrag mit "
        "den richtigen Angaben (z. B. --richtiges-datum), statt ihn zu streichen. Es wurde nichts geschrieben.\n",
    )
    assert daten(projekt.root) == before
