"""Creating things: `luedialog neu massnahme` and `luedialog init`."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from luedialog.files.read import read_document
from tests.conftest import REPO, Projekt, run_cli


def test_new_measure_gets_the_next_free_id_schema_line_and_first_entry(projekt: Projekt) -> None:
    projekt.replace("luedialog.yaml", "veraltet_nach_monaten: 12", "veraltet_nach_monaten: 12\nsachstand_von: Schulamt")
    result = projekt.run(
        "neu",
        "massnahme",
        "--feld",
        "bildung",
        "--titel",
        "Leseförderung: „Lesen macht stark“",
        "--leitlinie",
        "L-BIL-2",
        "--teil-von",
        "M-BIL-01",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Angelegt: M-BIL-03 in data/massnahmen/M-BIL-03.yaml\n"
    text = projekt.read("data/massnahmen/M-BIL-03.yaml")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/massnahme.schema.json"
    doc, findings = read_document(projekt.path("data/massnahmen/M-BIL-03.yaml"), "x")
    assert findings == [] and doc is not None and isinstance(doc.data, dict)
    assert doc.data["titel"] == "Leseförderung: „Lesen macht stark“"
    assert doc.data["leitlinien"] == ["L-BIL-2"]
    assert doc.data["teil_von"] == "M-BIL-01"
    assert doc.data["verlauf"] == [
        {"datum": date.today(), "status": "geplant", "notiz": "Neu angelegt.", "von": "Schulamt"}
    ]
    assert projekt.run("pruefen").exit_code == 0


def test_ids_count_per_field(projekt: Projekt) -> None:
    assert projekt.run("neu", "massnahme", "--feld", "wohnen", "--titel", "Spielplatz").exit_code == 0
    assert projekt.path("data/massnahmen/M-WOH-02.yaml").exists()


def test_dry_run_writes_nothing(projekt: Projekt) -> None:
    result = projekt.run("neu", "massnahme", "--feld", "bildung", "--titel", "Probe", "--dry-run")
    assert result.exit_code == 0
    assert "id: M-BIL-03" in result.stdout
    assert not projekt.path("data/massnahmen/M-BIL-03.yaml").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--feld", "bildng"], 2, "Fehler: --feld: „bildng“ ist unbekannt. Meinten Sie „bildung“?"),
        (
            ["--feld", "bildung", "--leitlinie", "L-BIL-9"],
            1,
            "Fehler: --leitlinie: Keine Leitlinie mit der ID „L-BIL-9“.",
        ),
        (
            ["--feld", "bildung", "--teil-von", "M-BIL-09"],
            1,
            "Fehler: --teil-von: Keine Maßnahme mit der ID „M-BIL-09“.",
        ),
        (["--feld", "bildung", "--art", "programm"], 2, "Fehler: --art: „programm“ ist unbekannt."),
        (
            ["--feld", "bildung", "--status", "fertig"],
            2,
            "Fehler: --status: „fertig“ ist kein bekannter Status. Möglich: Geplant, In Umsetzung, Umgesetzt, "
            "Eingestellt.",
        ),
    ],
)
def test_refusals_write_nothing(projekt: Projekt, args: list[str], code: int, message: str) -> None:
    result = projekt.run("neu", "massnahme", "--titel", "X", *args)
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert not projekt.path("data/massnahmen/M-BIL-03.yaml").exists()


def test_a_new_measure_that_would_be_invalid_is_refused(projekt: Projekt) -> None:
    # "umgesetzt" needs evidence, which a new measure cannot have
    result = projekt.run("neu", "massnahme", "--feld", "bildung", "--titel", "X", "--status", "umgesetzt")
    assert result.exit_code == 1
    assert "nachweis-fehlt" not in result.stderr and "Nachweis" in result.stderr
    assert not projekt.path("data/massnahmen/M-BIL-03.yaml").exists()


def test_init_creates_a_project_that_passes_pruefen(tmp_path: Path) -> None:
    target = tmp_path / "musterstadt"
    result = run_cli(
        "init",
        str(target),
        "--name",
        "Musterstädter Dialog",
        "--kommune",
        "Musterstadt",
        "--beginn",
        "01.01.2024",
        "--feld",
        "bildung=Bildung und Kultur",
        "--feld",
        "wohnen=Wohnen",
    )
    assert result.exit_code == 0, result.stderr
    for rel in (
        "luedialog.yaml",
        "README.md",
        ".gitignore",
        "data/leitlinien/.gitkeep",
        "data/massnahmen/.gitkeep",
        "data/gruppen/.gitkeep",
        "schema/massnahme.schema.json",
        "templates/rat.html.j2",
        ".gitlab-ci.yml",
        ".github/workflows/luedialog.yml",
    ):
        assert (target / rel).is_file(), rel
    config = (target / "luedialog.yaml").read_text(encoding="utf-8")
    assert "name: Musterstädter Dialog" in config and "ende_jahr: 2029" in config
    assert run_cli("--daten", str(target), "pruefen", "--streng").exit_code == 0
    new = run_cli("--daten", str(target), "neu", "massnahme", "--feld", "wohnen", "--titel", "Quartiersplatz")
    assert new.exit_code == 0 and (target / "data/massnahmen/M-WOH-01.yaml").is_file()
    assert run_cli("--daten", str(target), "status").exit_code == 0


def test_init_without_fields_still_passes(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path / "p"), "--name", "Dialog").exit_code == 0
    assert run_cli("--daten", str(tmp_path / "p"), "pruefen").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--feld", "bildung"], "Fehler: --feld „bildung“: erwartet wird schluessel=Name, z. B. bildung=Bildung."),
        (
            ["--feld", "Bildung=B"],
            "Fehler: --feld: „Bildung“ ist kein gültiger Schlüssel (Kleinbuchstaben, Ziffern, _).",
        ),
        (["--feld", "bildung=A", "--feld", "bildungsarbeit=B"], "Fehler: --feld: jeder Schlüssel darf nur einmal"),
        (["--ende-jahr", "2000", "--beginn", "2024-01-01"], "Fehler: --ende-jahr 2000 liegt vor dem Beginn (2024)."),
    ],
)
def test_init_refuses_bad_options(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli("init", str(tmp_path / "p"), "--name", "Dialog", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert not (tmp_path / "p" / "luedialog.yaml").exists()


def test_init_refuses_an_existing_project(projekt: Projekt) -> None:
    before = projekt.read("luedialog.yaml")
    result = run_cli("init", str(projekt.root), "--name", "Neu")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Fehler: In {projekt.root} gibt es schon ein luedialog-Projekt")
    assert projekt.read("luedialog.yaml") == before


def test_the_ci_templates_for_new_projects_are_this_repositorys_own() -> None:
    from luedialog.services.ci_vorlagen import CI_DIR, FILES

    for source, target in FILES.items():
        assert (CI_DIR / source).read_text(encoding="utf-8") == (REPO / target).read_text(encoding="utf-8"), source


def test_new_projects_install_luedialog_by_name(tmp_path: Path) -> None:
    assert run_cli("init", str(tmp_path / "p"), "--name", "Dialog").exit_code == 0
    gitlab = yaml.safe_load((tmp_path / "p" / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["variables"]["LUEDIALOG_PAKET"] == "luedialog"
    assert gitlab["default"]["before_script"] == ['pip install "$LUEDIALOG_PAKET"']
    github = yaml.safe_load((tmp_path / "p" / ".github/workflows/luedialog.yml").read_text(encoding="utf-8"))
    assert github["env"] == {"LUEDIALOG_PAKET": "luedialog"}
    assert "pip install ." not in (tmp_path / "p" / ".github/workflows/luedialog.yml").read_text(encoding="utf-8")
