"""No view hides broken data: ``status``, ``gruppen`` and ``zeige`` on data with files that cannot be
loaded show what they can, say at the top and at the bottom which files are missing, mark the
numbers those files may belong to, exit with 1, and carry ``"vollstaendig": false`` in JSON; asked for
an ID whose file is broken, they name the file and its first error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Projekt, Run, daten, lines, run_cli

WIDE: dict[str, str | None] = {"COLUMNS": "200"}
KAPUTT = "titel: [Lehrschwimmbecken\n"  # a YAML syntax error in line 3
EINE = "Achtung: 1 Datei konnte nicht gelesen werden und fehlt in dieser Übersicht: {}; Einzelheiten: luedialog pruefen"


def run(projekt: Projekt, *args: str) -> Run:
    return run_cli("--daten", str(projekt.root), *args, env=WIDE)


@pytest.fixture
def kaputt(projekt: Projekt) -> Projekt:
    """Musterstadt with the sub-measure M-BIL-02 (Bildung) unreadable."""
    projekt.replace("data/massnahmen/M-BIL-02.yaml", "titel: Lehrschwimmbecken\n", KAPUTT)
    return projekt


def test_status_warns_at_top_and_bottom_and_marks_the_field(kaputt: Projekt) -> None:
    before = daten(kaputt.root)
    result = run(kaputt, "status", "--stichtag", "31.12.2010")
    assert (result.exit_code, result.stderr) == (1, "")
    out = list(lines(result.stdout))
    warning = EINE.format("data/massnahmen/M-BIL-02.yaml")
    assert (out[0], out[-1]) == (warning, warning)
    assert out[1:3] == ["Musterdialog – Stand am 31.12.2010", "Bildung – 1 Maßnahme (unvollständig)"]
    assert "Wohnen – 1 Maßnahme" in out  # its number is complete: the broken file's ID says Bildung
    assert "Überfällig (Zieldatum verstrichen, nicht abgeschlossen) (1, unvollständig)" in out
    assert daten(kaputt.root) == before


def test_status_json_is_not_complete(kaputt: Projekt) -> None:
    result = run(kaputt, "status", "--stichtag", "31.12.2010", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["vollstaendig"] is False
    assert data["fehlende_dateien"] == [
        {
            "datei": "data/massnahmen/M-BIL-02.yaml",
            "art": "Maßnahme",
            "id": "M-BIL-02",
            "zeile": 4,
            "fehler": data["fehlende_dateien"][0]["fehler"],
        }
    ]
    assert data["fehlende_dateien"][0]["fehler"].startswith("YAML-Syntaxfehler (Zeile 4")
    assert [(f["schluessel"], f["gesamt"], f["vollstaendig"]) for f in data["handlungsfelder"]] == [
        ("bildung", 1, False),
        ("wohnen", 1, True),
    ]


def test_a_file_without_a_known_field_makes_every_field_incomplete(projekt: Projekt) -> None:
    projekt.write("data/massnahmen/neu.yaml", "id: [\n")
    projekt.replace("data/massnahmen/M-WOH-01.yaml", "handlungsfeld: wohnen\n", "handlungsfeld: [wohnen\n")
    out = list(lines(run(projekt, "status", "--stichtag", "31.12.2010").stdout))
    assert out[0] == (
        "Achtung: 2 Dateien konnten nicht gelesen werden und fehlen in dieser Übersicht: "
        "data/massnahmen/M-WOH-01.yaml, data/massnahmen/neu.yaml; Einzelheiten: luedialog pruefen"
    )
    assert out[1:3] == ["Musterdialog – Stand am 31.12.2010", "Bildung – 2 Maßnahmen (unvollständig)"]
    assert "Wohnen – 0 Maßnahmen (unvollständig)" in out


def test_complete_data_has_no_warning(projekt: Projekt) -> None:
    for args in (("status",), ("zeige", "M-BIL-01"), ("gruppen",)):
        result = run(projekt, *args, "--stichtag", "31.12.2010")
        assert result.exit_code == 0
        assert "Achtung" not in result.stdout
        assert json.loads(run(projekt, *args, "--stichtag", "31.12.2010", "--format", "json").stdout)["vollstaendig"]


def test_zeige_of_a_broken_measure_names_its_file_and_first_error(kaputt: Projekt) -> None:
    for ident in ("M-BIL-02", "m-bil-02"):
        result = run(kaputt, "zeige", ident)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr.startswith(
            f"Fehler: Die Maßnahme „{ident}“ steht in der Datei data/massnahmen/M-BIL-02.yaml, die nicht gelesen "
            "werden kann. Erster Fehler, Zeile 4: YAML-Syntaxfehler (Zeile 4"
        )
        assert result.stderr.endswith("Alle Fehler zeigt: luedialog pruefen\n")
        assert "Meinten Sie" not in result.stderr


def test_zeige_of_another_measure_warns_and_marks_its_sub_measures(kaputt: Projekt) -> None:
    result = run(kaputt, "zeige", "M-BIL-01", "--stichtag", "31.12.2010")
    assert result.exit_code == 1
    out = list(lines(result.stdout))
    warning = (
        "Achtung: 1 Datei konnte nicht gelesen werden und fehlt in dieser Ansicht: data/massnahmen/M-BIL-02.yaml; "
        "Einzelheiten: luedialog pruefen"
    )
    assert (out[0], out[-1]) == (warning, warning)
    assert "Teilmaßnahmen (unvollständig):" in out
    data = json.loads(run(kaputt, "zeige", "M-BIL-01", "--format", "json").stdout)
    assert (data["vollstaendig"], [f["datei"] for f in data["fehlende_dateien"]]) == (
        False,
        ["data/massnahmen/M-BIL-02.yaml"],
    )


def test_zeige_of_a_guideline_does_not_claim_a_gap_it_cannot_know(projekt: Projekt) -> None:
    projekt.replace("data/massnahmen/M-BIL-01.yaml", "titel: Schwimmkurse\n", "titel: [Schwimmkurse\n")
    out = list(lines(run(projekt, "zeige", "L-BIL-1", "--stichtag", "31.12.2010").stdout))
    assert "Maßnahmen zu dieser Leitlinie (0, unvollständig):" in out
    assert "  keine gefunden – aber Maßnahmendateien fehlen (siehe oben)" in out
    assert "  keine – Lücke in der Umsetzung" not in out


def test_zeige_of_a_guideline_in_a_broken_file(projekt: Projekt) -> None:
    projekt.replace("data/leitlinien/bildung.yaml", "art: strategisches_ziel", "art: wunsch")
    result = run(projekt, "zeige", "L-BIL-2")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(
        "Fehler: Die Leitlinie „L-BIL-2“ steht in der Datei data/leitlinien/bildung.yaml, die nicht gelesen werden "
        "kann. Erster Fehler, Zeile 8: „wunsch“ ist kein bekannter Wert für die Art der Leitlinie"
    )


def test_zeige_of_an_unknown_id_mentions_a_guideline_file_that_cannot_be_parsed(projekt: Projekt) -> None:
    projekt.write("data/leitlinien/wohnen.yaml", "leitlinien: [\n")
    result = run(projekt, "zeige", "L-WOH-1")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Fehler: Keine Leitlinie und keine Maßnahme mit der ID „L-WOH-1“. Sie kann auch in einer Datei stehen, "
        "die nicht gelesen werden kann: data/leitlinien/wohnen.yaml; Einzelheiten: luedialog pruefen\n"
    )


@pytest.fixture
def gruppenstadt(tmp_path: Path) -> Projekt:
    root = tmp_path / "gruppenstadt"
    shutil.copytree(FIXTURES / "gruppenstadt", root)
    projekt = Projekt(root)
    projekt.replace("data/gruppen/ag-wohnen.yaml", "art: arbeitsgruppe", "art: 17")
    return projekt


def test_gruppen_warns_and_marks_the_seats_per_group(gruppenstadt: Projekt) -> None:
    result = run(gruppenstadt, "gruppen", "--stichtag", "01.11.2010")
    assert result.exit_code == 1
    out = list(lines(result.stdout))
    warning = EINE.format("data/gruppen/ag-wohnen.yaml")
    assert (out[0], out[-1]) == (warning, warning)
    assert "Arbeitsgruppe Wohnen" not in out
    steering = out[out.index("Steuerungsgruppe Gruppendialog") + 1]
    assert "leere Sitze (unvollständig)" in steering  # one external member per working group
    bildung = out[out.index("Arbeitsgruppe Bildung") + 1]
    assert "(unvollständig)" not in bildung
    data = json.loads(run(gruppenstadt, "gruppen", "--format", "json").stdout)
    assert (data["vollstaendig"], [f["id"] for f in data["fehlende_dateien"]]) == (False, ["ag-wohnen"])


def test_gruppen_of_a_broken_group_names_its_file(gruppenstadt: Projekt) -> None:
    for args in (("gruppen", "ag-wohnen"), ("status", "--gruppe", "ag-wohnen")):
        result = run(gruppenstadt, *args)
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr.startswith(
            "Fehler: Die Gruppe „ag-wohnen“ steht in der Datei data/gruppen/ag-wohnen.yaml, die nicht gelesen "
            "werden kann. Erster Fehler, Zeile 4: "
        )
