"""JSON Schemas for editors: generated from the validating field rules, current, and correct."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from luedialog.model.jsonschemas import FILES, SCHEMA_DIR, dumps, modeline_for, schemas
from luedialog.snapshot import load_config
from tests.conftest import FIXTURES, REPO, Projekt, run_cli

CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def _check(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CHECK_JSONSCHEMA, "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def _data_files(folder: str) -> list[Path]:
    return [REPO / "luedialog.yaml"] if folder == "." else sorted((REPO / folder).glob("*.yaml"))


def test_committed_schemas_are_up_to_date() -> None:
    config, findings = load_config(REPO)
    assert findings == [] and config is not None
    for name, body in schemas(config).items():
        committed = (REPO / SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert committed == dumps(body), f"schema/{name} ist veraltet: luedialog schema neu ausführen"


def test_schema_command_writes_every_schema(projekt: Projekt, tmp_path: Path) -> None:
    result = projekt.run("schema", "--ausgabe", str(tmp_path / "s"))
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == sorted(FILES)
    massnahme = json.loads((tmp_path / "s" / "massnahme.schema.json").read_text(encoding="utf-8"))
    assert massnahme["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert massnahme["additionalProperties"] is False
    assert massnahme["required"] == ["id", "titel", "art", "handlungsfeld", "verlauf"]
    # the vocabularies of the project are in the schema
    assert massnahme["properties"]["handlungsfeld"]["enum"] == ["bildung", "wohnen"]
    status = massnahme["properties"]["verlauf"]["items"]["properties"]["status"]
    assert status["enum"] == ["geplant", "in_umsetzung", "umgesetzt", "eingestellt"]


@pytest.mark.parametrize("folder", [f for _, f in FILES.values()])
def test_every_shipped_data_file_points_at_its_schema(folder: str) -> None:
    line = modeline_for(folder)
    for path in _data_files(folder):
        assert path.read_text(encoding="utf-8").splitlines()[0] == line, path


@pytest.mark.parametrize(("name", "folder"), [(n, f) for n, (_, f) in FILES.items()])
def test_check_jsonschema_accepts_all_shipped_data(name: str, folder: str) -> None:
    result = _check(REPO / SCHEMA_DIR / name, *_data_files(folder))
    assert result.returncode == 0, result.stdout + result.stderr


BROKEN_MEASURES = {
    "unbekannter Schlüssel": ("titel: Schwimmkurse", "titl: Schwimmkurse"),
    "unbekanntes Handlungsfeld": ("handlungsfeld: bildung", "handlungsfeld: bildng"),
    "unbekannter Status": ("status: in_umsetzung", "status: in_umstzung"),
    "falscher Typ": ("leitlinien: [L-BIL-1]", "leitlinien: L-BIL-1"),
    "Pflichtfeld fehlt": ("art: projekt\n", ""),
    "Fortschritt über 100": ("    von: Schulamt\n", "    von: Schulamt\n    fortschritt: 120\n"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_MEASURES))
def test_check_jsonschema_rejects_the_broken_fixtures(case: str, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(FIXTURES / "musterstadt", root)
    assert run_cli("--daten", str(root), "schema").exit_code == 0
    measure = root / "data" / "massnahmen" / "M-BIL-01.yaml"
    assert _check(root / SCHEMA_DIR / "massnahme.schema.json", measure).returncode == 0
    old, new = BROKEN_MEASURES[case]
    text = measure.read_text(encoding="utf-8")
    assert old in text
    measure.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert _check(root / SCHEMA_DIR / "massnahme.schema.json", measure).returncode == 1
    assert run_cli("--daten", str(root), "pruefen", "--stichtag", "2011-12-31").exit_code == 1
