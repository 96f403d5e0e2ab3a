"""JSON Schemas for editors, generated from the same field rules that validate the files.

VS Code's YAML extension reads the ``# yaml-language-server: $schema=…`` comment at the top of
each data file and then completes keys and flags errors while typing.
"""

from __future__ import annotations

import json
from typing import Any

from luedialog.model.config import CONFIG_SCHEMA, Config
from luedialog.model.indikatoren import INDIKATOR_SCHEMA
from luedialog.model.schema import Schema
from luedialog.model.types import GRUPPE_SCHEMA, LEITLINIEN_DATEI_SCHEMA, MASSNAHME_SCHEMA

SCHEMA_DIR = "schema"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

FILES: dict[str, tuple[Schema, str]] = {
    # file name: (schema, folder of the data files it describes, relative to the project root)
    "luedialog.schema.json": (CONFIG_SCHEMA, "."),
    "leitlinien.schema.json": (LEITLINIEN_DATEI_SCHEMA, "data/leitlinien"),
    "massnahme.schema.json": (MASSNAHME_SCHEMA, "data/massnahmen"),
    "gruppe.schema.json": (GRUPPE_SCHEMA, "data/gruppen"),
    "indikator.schema.json": (INDIKATOR_SCHEMA, "data/indikatoren"),
}


def schemas(config: Config | None) -> dict[str, dict[str, Any]]:
    """File name → JSON Schema; vocabularies (fields of action, statuses …) come from ``config``."""
    vocab = config.vocabularies() if config is not None else None
    result: dict[str, dict[str, Any]] = {}
    for name, (schema, _) in FILES.items():
        body = schema.json_schema(None if schema is CONFIG_SCHEMA else vocab)
        result[name] = {"$schema": DRAFT, "$id": name, **body}
    return result


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def modeline(folder: str, name: str) -> str:
    """The first line of a data file in ``folder`` that points VS Code at the schema ``name``."""
    depth = 0 if folder == "." else folder.count("/") + 1
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_DIR}/{name}"


def modeline_for(folder: str) -> str:
    name = next(n for n, (_, f) in FILES.items() if f == folder)
    return modeline(folder, name)
