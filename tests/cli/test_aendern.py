"""`luedialog aendern`: a later change of the target date, the responsible office or the forwarding is a
history entry (who, when, why), never a silent overwrite of the measure's field."""

from __future__ import annotations

import pytest

from tests.conftest import Projekt, added_lines, daten, run_cli

M1 = "data/massnahmen/M-BIL-01.yaml"  # in_umsetzung since 01.09.2009, zieldatum 30.06.2010
M2 = "data/massnahmen/M-BIL-02.yaml"  # geplant since 01.02.2009, no zieldatum

pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")


def test_a_postponement_is_an_entry_with_the_reason_and_the_old_field_stays(projekt: Projekt) -> None:
    before = projekt.path(M1).read_bytes()
    result = projekt.run(
        "aendern", "m-bil-01", "--zieldatum", "31.12.2011", "--verantwortlich", "Sportamt", "--datum", "01.06.2010",
        "--grund", "Das Hallenbad ist erst 2011 wieder frei", "--von", "Schulamt",
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "Eingetragen: Änderung von M-BIL-01 am 01.06.2010 in data/massnahmen/M-BIL-01.yaml\n"
    assert added_lines(before, projekt.path(M1).read_bytes()) == [
        "  - datum: 2010-06-01\n",
        "    status: in_umsetzung\n",
        "    notiz: Das Hallenbad ist erst 2011 wieder frei\n",
        "    von: Schulamt\n",
        "    verantwortlich: Sportamt\n",
        "    zieldatum: 2011-12-31\n",
    ]
    assert "zieldatum: 2010-06-30\n" in projekt.read(M1)  # the measure's own value is not overwritten


def test_the_state_before_the_change_stays_and_after_it_the_new_values_count(projekt: Projekt) -> None:
    projekt.run(
        "aendern", "M-BIL-01", "--zieldatum", "31.12.2011", "--datum", "01.06.2010",
        "--grund", "Das Hallenbad ist erst 2011 wieder frei",
    )  # fmt: skip
    early = projekt.run("status", "--stichtag", "31.05.2010", "--format", "json").stdout
    assert '"zieldatum": "2010-06-30"' in early
    late = projekt.run("status", "--stichtag", "31.12.2010", "--format", "json").stdout
    assert '"zieldatum": "2011-12-31"' in late and '"ueberfaellig": true' not in late
    report = projekt.run("bericht", "rat", "--jahr", "2010").stdout
    assert "### Verschobene Zieldaten und neue Zuständigkeiten\n" in report
    assert (
        "| 01.06.2010 | **M-BIL-01** Schwimmkurse | Zieldatum | 30.06.2010 | 31.12.2011 | "
        "Das Hallenbad ist erst 2011 wieder frei |" in report
    )
    shown = run_cli("--daten", str(projekt.root), "zeige", "M-BIL-01", env={"COLUMNS": "200"}).stdout
    assert "Zieldatum 31.12.2011 (verschoben am 01.06.2010; ursprünglich 30.06.2010)" in " ".join(shown.split())


def test_an_overdue_measure_needs_a_real_reason(projekt: Projekt) -> None:
    before = daten(projekt.root)
    result = projekt.run(
        "aendern", "M-BIL-01", "--zieldatum", "31.12.2011", "--datum", "01.09.2010", "--grund", "Später"
    )
    assert (result.exit_code, result.stderr) == (
        1,
        "Fehler: data/massnahmen/M-BIL-01.yaml: Die Maßnahme ist seit dem 30.06.2010 überfällig; die Notiz muss den "
        "Grund der Verzögerung nennen (mindestens 20 Zeichen).\n",
    )
    assert daten(projekt.root) == before


REFUSALS: list[tuple[str, list[str], int, str]] = [
    (
        "nothing to change",
        ["M-BIL-02", "--grund", "Weil es so ist"],
        2,
        "Fehler: Geben Sie an, was sich ändert: --zieldatum, --verantwortlich oder --weitergeleitet-am. "
        "Einen Sachstand ohne solche Änderung trägt luedialog sachstand ein.\n",
    ),
    (
        "the same target date",
        ["M-BIL-01", "--zieldatum", "30.06.2010", "--datum", "01.03.2010", "--grund", "Keine Änderung"],
        2,
        "Fehler: --zieldatum: Das Zieldatum ist schon der 30.06.2010.\n",
    ),
    (
        "a target date before the change",
        ["M-BIL-02", "--zieldatum", "01.01.2010", "--datum", "01.03.2010", "--grund", "Rückwirkend"],
        2,
        "Fehler: --zieldatum: Das neue Zieldatum 01.01.2010 liegt vor dem Datum der Änderung (01.03.2010).\n",
    ),
    (
        "forwarding of a measure that is no recommendation",
        ["M-BIL-02", "--weitergeleitet-am", "01.03.2010", "--datum", "01.03.2010", "--grund", "Weitergeleitet"],
        2,
        "Fehler: --weitergeleitet-am gilt nur für Empfehlungen; M-BIL-02 hat die Art „massnahme“.\n",
    ),
    (
        "a placeholder reason",
        ["M-BIL-02", "--zieldatum", "31.12.2011", "--datum", "01.03.2010", "--grund", "siehe oben"],
        1,
        "Fehler: data/massnahmen/M-BIL-02.yaml: Die Notiz ist leer oder ein Platzhalter; bitte den Sachstand in "
        "Worten beschreiben.\n",
    ),
    (
        "a date before the last entry",
        ["M-BIL-01", "--zieldatum", "31.12.2011", "--datum", "01.01.2009", "--grund", "Fördermittel erst 2011"],
        1,
        "Fehler: data/massnahmen/M-BIL-01.yaml: Das Datum 01.01.2009 liegt vor dem letzten Eintrag (01.09.2009); "
        "der Verlauf wird nur fortgeschrieben.\n",
    ),
    (
        "an ambiguous two-digit year names the option",
        ["M-BIL-02", "--zieldatum", "31.12.99", "--grund", "Fördermittel erst später"],
        2,
        "Fehler: --zieldatum: Die zweistellige Jahreszahl in „31.12.99“ liegt nicht im Zeitraum des Prozesses "
        "(2009–2012); bitte das Jahr vierstellig schreiben (31.12.1999 oder 31.12.2099).\n",
    ),
]


@pytest.mark.parametrize(("case", "args", "code", "message"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refusals_leave_every_file_byte_identical(
    projekt: Projekt, case: str, args: list[str], code: int, message: str
) -> None:
    before = daten(projekt.root)
    result = projekt.run("aendern", *args)
    assert (result.exit_code, result.stderr) == (code, message)
    assert daten(projekt.root) == before


def test_dry_run_shows_the_diff(projekt: Projekt) -> None:
    before = daten(projekt.root)
    result = projekt.run(
        "aendern", "M-BIL-02", "--zieldatum", "31.12.11", "--datum", "01.03.10", "--grund", "Planung dauert länger",
        "--von", "Bauamt", "--dry-run",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(
        "+  - datum: 2010-03-01\n+    status: geplant\n+    notiz: Planung dauert länger\n+    von: Bauamt\n"
        "+    zieldatum: 2011-12-31\n"
    )
    assert daten(projekt.root) == before
