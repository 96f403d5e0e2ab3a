"""Every command end to end through Typer's CliRunner, on the fictional Musterstadt project."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from luedialog import __version__
from luedialog.cli.app import app
from tests.conftest import REPO, Projekt, run_cli

COMMANDS = ["pruefen", "status", "zeige", "export"]


def test_pruefen_clean_project(projekt: Projekt) -> None:
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert result.exit_code == 0
    assert result.stdout == "Alles in Ordnung: 6 Dateien geprüft, keine Fehler, keine Warnungen.\n"


def test_pruefen_json_is_a_stable_document(projekt: Projekt) -> None:
    result = projekt.run("pruefen", "--format", "json", "--stichtag", "2011-12-31")
    assert json.loads(result.stdout) == {"version": 1, "dateien": 6, "fehler": 0, "warnungen": 0, "befunde": []}


def test_status_text(projekt: Projekt) -> None:
    result = projekt.run("status", "--stichtag", "31.12.2010")
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[0] == "Musterdialog – Stand am 31.12.2010"
    assert out[1] == "Bildung – 2 Maßnahmen"
    assert out[3].strip() == "Geplant 1 · In Umsetzung 1"
    assert out[4] == "Wohnen – 1 Maßnahme"
    assert any(line.startswith(" M-BIL-01 ") and "Schwimmkurse" in line for line in out)  # overdue since 30.06.2010
    assert "Überfällig (Zieldatum verstrichen, nicht abgeschlossen) (1)" in result.stdout


def test_status_json(projekt: Projekt) -> None:
    result = projekt.run("status", "--stichtag", "2010-12-31", "--format", "json", "--feld", "bildung")
    data = json.loads(result.stdout)
    assert data["stichtag"] == "2010-12-31"
    assert data["filter"] == {"feld": "bildung", "status": None, "stadtteil": None, "gruppe": None}
    assert [(h["schluessel"], h["gesamt"]) for h in data["handlungsfelder"]] == [("bildung", 2)]
    assert [m["id"] for m in data["massnahmen"]] == ["M-BIL-01", "M-BIL-02"]
    assert data["ueberfaellig"] == ["M-BIL-01"]
    assert data["veraltet"] == ["M-BIL-01", "M-BIL-02"]
    assert data["letzte_aenderungen"][0] == {
        "id": "M-BIL-01",
        "titel": "Schwimmkurse",
        "datum": "2009-09-01",
        "vorher": "geplant",
        "status": "in_umsetzung",
        "notiz": "Erste Kurse laufen.",
        "von": "Schulamt",
    }


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--feld", "bildng", "Fehler: --feld: „bildng“ ist unbekannt. Meinten Sie „bildung“?"),
        (
            "--status",
            "fertig",
            "Fehler: --status: „fertig“ ist unbekannt. Möglich: geplant, in_umsetzung, umgesetzt, eingestellt.",
        ),
        ("--stichtag", "31.02.2010", "Fehler: --stichtag: „31.02.2010“ ist kein gültiges Kalenderdatum."),
        (
            "--stichtag",
            "morgen",
            "Fehler: --stichtag: „morgen“ ist kein Datum; erwartet wird z. B. 2010-03-15 oder 15.03.2010.",
        ),
    ],
)
def test_status_refuses_bad_options_with_exit_2(projekt: Projekt, option: str, value: str, message: str) -> None:
    result = projekt.run("status", option, value)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == message
    assert result.stdout == ""


def test_status_respects_no_color(projekt: Projekt) -> None:
    coloured = run_cli("--daten", str(projekt.root), "status", env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert "\x1b[32m" in coloured.stdout or "\x1b[33m" in coloured.stdout
    plain = run_cli("--daten", str(projekt.root), "status", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[33m" not in plain.stdout and "\x1b[32m" not in plain.stdout
    assert "Umgesetzt" in plain.stdout


def test_status_fits_a_narrow_terminal(projekt: Projekt) -> None:
    result = run_cli("--daten", str(projekt.root), "status", "--stichtag", "2010-12-31", env={"COLUMNS": "50"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 50


def test_zeige_measure(projekt: Projekt) -> None:
    result = projekt.run("zeige", "M-BIL-01", "--stichtag", "2010-12-31")
    assert result.exit_code == 0
    out = result.stdout
    assert out.splitlines()[0] == "M-BIL-01 – Schwimmkurse"
    for expected in (
        "Schwimmkurse für alle Grundschulkinder.",
        "L-BIL-1",
        "M-BIL-02",
        "01.09.2009",
        "Erste Kurse",
        "ÜBERFÄLLIG",
        "Datei: data/massnahmen/M-BIL-01.yaml",
    ):
        assert expected in out


def test_zeige_guideline_with_measures_and_gap(projekt: Projekt) -> None:
    result = projekt.run("zeige", "L-BIL-1")
    assert "Alle Kinder lernen schwimmen." in result.stdout
    assert "Maßnahmen zu dieser Leitlinie (1):" in result.stdout
    gap = projekt.run("zeige", "l-bil-2")  # IDs are found regardless of case
    assert "Maßnahmen zu dieser Leitlinie (0):" in gap.stdout
    assert "keine – Lücke in der Umsetzung" in gap.stdout


def test_zeige_json(projekt: Projekt) -> None:
    data = json.loads(projekt.run("zeige", "M-BIL-01", "--format", "json", "--stichtag", "2010-12-31").stdout)
    assert data["massnahme"]["id"] == "M-BIL-01"
    assert data["massnahme"]["status"] == "in_umsetzung"
    assert data["teilmassnahmen"][0]["id"] == "M-BIL-02"
    assert [e["datum"] for e in data["massnahme"]["verlauf"]] == ["2009-02-01", "2009-09-01"]


def test_zeige_unknown_id_suggests(projekt: Projekt) -> None:
    result = projekt.run("zeige", "M-BIL-1")
    assert result.exit_code == 1
    assert result.stderr == "Fehler: Keine Leitlinie und keine Maßnahme mit der ID „M-BIL-1“. Meinten Sie „M-BIL-01“?\n"


def test_export_json(projekt: Projekt) -> None:
    data = json.loads(projekt.run("export", "--stichtag", "2011-12-31").stdout)
    assert sorted(data) == ["gruppen", "leitlinien", "massnahmen", "projekt", "stichtag"]
    assert [m["id"] for m in data["massnahmen"]] == ["M-BIL-01", "M-BIL-02", "M-WOH-01"]
    woh = data["massnahmen"][2]
    assert (woh["titel"], woh["handlungsfeld"], woh["status"]) == ("Hafenpromenade", "wohnen", "umgesetzt")
    assert [e["status"] for e in woh["verlauf"]] == ["geplant", "in_umsetzung", "umgesetzt"]
    assert [g["id"] for g in data["gruppen"]] == ["ag-bildung"]


def test_export_csv_for_german_excel(projekt: Projekt, tmp_path: Path) -> None:
    projekt.replace("data/massnahmen/M-BIL-02.yaml", "titel: Lehrschwimmbecken", "titel: '=HYPERLINK(\"x\")'")
    target = tmp_path / "massnahmen.csv"
    result = projekt.run("export", "--format", "csv", "--ausgabe", str(target), "--stichtag", "2011-12-31")
    assert result.exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = raw.decode("utf-8-sig").split("\r\n")
    assert rows[0] == (
        "ID;Titel;Art;Handlungsfeld;Status;Fortschritt in %;Stand vom;Letzte Notiz;Priorisiert;Leitlinien;"
        "Teil von;Stadtteile;Gruppen;Verantwortlich;Zieldatum;Überfällig;Veraltet;Kosten in €;Förderung in €;"
        "Eigenanteil in €;Haushalt;Erläuterung zu den Finanzen;Datei"
    )
    assert rows[1].startswith("M-BIL-01;Schwimmkurse;Projekt;Bildung;In Umsetzung;;01.09.2009;Erste Kurse laufen.")
    assert rows[2].startswith('M-BIL-02;"\'=HYPERLINK(""x"")";')
    assert rows[-1] == ""


def test_export_refuses_invalid_data(projekt: Projekt) -> None:
    projekt.replace("data/massnahmen/M-BIL-01.yaml", "art: projekt", "art: programm")
    result = projekt.run("export")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Fehler: Die Daten enthalten 1 Fehler (zuerst: data/massnahmen/M-BIL-01.yaml:4:")


def test_project_is_found_from_a_subfolder(projekt: Projekt, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(projekt.root / "data" / "massnahmen")
    result = run_cli("pruefen", "--stichtag", "2011-12-31")
    assert result.exit_code == 0


def test_no_project_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("status")
    assert result.exit_code == 1
    assert result.stderr.startswith("Fehler: Kein luedialog-Projekt gefunden")
    assert "--daten PFAD" in result.stderr


def test_daten_without_configuration(tmp_path: Path) -> None:
    result = run_cli("--daten", str(tmp_path), "status")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fehler: In {tmp_path} liegt keine luedialog.yaml. "
        "Geben Sie mit --daten den Projektordner an (den mit luedialog.yaml).\n"
    )


def test_broken_configuration_stops_status_with_one_line(projekt: Projekt) -> None:
    projekt.replace("luedialog.yaml", "ampel: gelb\n", "ampel: blau\n")
    result = projekt.run("status")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "luedialog.yaml:" in result.stderr and "blau" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["statsu"], "Fehler: Unbekannter Befehl „statsu“. Meinten Sie 'status'?"),
        (["status", "--farbe"], "Fehler: Unbekannte Option: --farbe (Mögliche Optionen: --alle, --feld)"),
        (["zeige"], "Fehler: Es fehlt das Argument ID."),
        (["pruefen", "--streng", "ja"], "Fehler: Unerwartete zusätzliche Angabe: ja"),
        (
            ["status", "--format", "xml"],
            "Fehler: Ungültiger Wert für --format: „xml“ ist nicht erlaubt; möglich sind: 'text', 'json'.",
        ),
    ],
)
def test_usage_errors_are_german_with_exit_2(projekt: Projekt, args: list[str], message: str) -> None:
    result = projekt.run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == message
    assert result.stderr.splitlines()[1].startswith("Hilfe: luedialog")


def test_unexpected_errors_exit_3_without_traceback(projekt: Projekt, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaputt")

    monkeypatch.setattr("luedialog.services.project.Project.status", boom)
    result = projekt.run("status")
    assert result.exit_code == 3
    assert result.stderr.startswith("Interner Fehler in luedialog (RuntimeError: kaputt).")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_german_help_with_an_example(command: str) -> None:
    result = run_cli(command, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Beispiel: luedialog " in result.stdout
    assert "Diese Hilfe anzeigen und beenden." in result.stdout


def test_main_help_lists_commands() -> None:
    result = run_cli("--help", env={"COLUMNS": "200"})
    for command in COMMANDS:
        assert f" {command} " in result.stdout


def command_paths() -> list[list[str]]:
    """Every command and subcommand, as words after `luedialog`."""
    import typer.main

    def walk(command: Any, path: list[str]) -> list[list[str]]:
        subcommands = getattr(command, "commands", None)  # a group (typer's own click)
        if subcommands is None:
            return [path]
        return [p for name, sub in sorted(subcommands.items()) for p in walk(sub, [*path, name])]

    return walk(typer.main.get_command(app), [])


def test_help_shows_no_type_after_a_flag() -> None:
    """A flag takes no value: `--streng`, never `--streng <bool>`."""
    paths = command_paths()
    assert ["pruefen"] in paths and ["abfrage", "einlesen"] in paths
    for path in [[], *paths]:
        result = run_cli(*path, "--help", env={"COLUMNS": "200"})
        assert result.exit_code == 0 and "Aufruf: luedialog" in result.stdout
        assert "<bool>" not in result.stdout, path


@pytest.mark.parametrize("args", [[], ["abfrage"], ["neu"]])
def test_without_a_command_the_help_is_shown_and_nothing_else(args: list[str]) -> None:
    result = run_cli(*args, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "Aufruf: luedialog" in result.stdout and "Befehle" in result.stdout
    assert result.stderr == ""


def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "luedialog", "--version"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout) == (0, f"luedialog {__version__}\n")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            "luedialog zeige M-SUW-2",
            ["M-SUW-20", "M-SUW-21", "M-SUW-22", "M-SUW-23", "M-SUW-24", "M-SUW-25", "M-SUW-26"],
        ),
        ("luedialog status --feld b", ["bildung"]),
        ("luedialog sachstand M-BEK-01 in_", ["in_umsetzung"]),
        ("luedialog status --stadtteil L", ["Lünen-Nord", "Lünen-Süd"]),
        ("luedialog gruppen ag-w", ["ag-wirtschaft", "ag-wohnen"]),
    ],
)
def test_shell_completion_offers_ids_statuses_and_fields(words: str, expected: list[str]) -> None:
    env = {
        "_LUEDIALOG_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    done = subprocess.run(
        [sys.executable, "-m", "luedialog"],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.split() == expected
