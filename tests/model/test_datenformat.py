"""docs/DATENFORMAT.md: generated from the field rules, current, and with every field of every file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from luedialog.model import datenformat
from luedialog.model.schema import Field, Schema, SchemaList
from tests.conftest import REPO

DOC = REPO / "docs" / "DATENFORMAT.md"


def fields(schema: Schema, path: str = "") -> list[tuple[str, Field]]:
    """Every field below ``schema`` with the path the page shows for its table."""
    found = []
    for f in schema.fields:
        found.append((path, f))
        inner = f.type.item if isinstance(f.type, SchemaList) else f.type if isinstance(f.type, Schema) else None
        if inner is not None:
            key = f"{path}.{f.name}" if path else f.name
            found += fields(inner, f"{key}[]" if isinstance(f.type, SchemaList) else key)
    return found


ALL = [(d.pfad, path, f) for d in datenformat.FILES for path, f in fields(d.schema)]


def test_the_committed_page_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == datenformat.render(), (
        "docs/DATENFORMAT.md ist veraltet: python -m luedialog.model.datenformat > docs/DATENFORMAT.md"
    )


def test_the_module_writes_the_same_text() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "luedialog.model.datenformat"], cwd=REPO, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode("utf-8") == datenformat.render()


@pytest.mark.parametrize(("datei", "path", "field"), ALL, ids=[f"{d}:{p}.{f.name}" for d, p, f in ALL])
def test_every_field_has_a_german_help_text_and_a_row(datei: str, path: str, field: Field) -> None:
    assert field.help.strip(), f"{datei}: {path}.{field.name} hat keinen Hilfetext"
    page = datenformat.render()
    part = page.split(f"## `{datei}`", 1)[1].split("\n## ", 1)[0]
    heading = f"`{path}` – " if path else None
    table = part.split(heading, 1)[1] if heading else part
    row = f"| `{field.name}` | {'ja' if field.required else 'nein'} | "
    assert row in table.split("\n#", 1)[0], f"{datei}: {path}.{field.name} fehlt in docs/DATENFORMAT.md"


@pytest.mark.parametrize(
    "name",
    [
        "herkunft",
        "adressat",
        "weg",
        "weitergeleitet_am",
        "partner",
        "vereinbart_am",
        "korrekturen",
        "mitglieder",
        "sitzungen",
        "konferenzen",
        "veroeffentlichen",
        "teilnehmende",
        "erneuerungen",
        "beendet_am",
    ],
)
def test_the_fields_that_were_undocumented_are_there(name: str) -> None:
    assert f"| `{name}` |" in datenformat.render()


def test_vocabularies_name_where_their_values_come_from() -> None:
    page = datenformat.render()
    assert "| `status` | ja | Text, `schluessel` aus `status` | Status (status in luedialog.yaml) |" in page
    assert "| `rolle` | ja | Text, Schlüssel aus `rollen` | Rolle (rollen in luedialog.yaml) |" in page
