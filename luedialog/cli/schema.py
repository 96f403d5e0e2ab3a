"""``luedialog schema``: JSON Schemas for editors."""

from pathlib import Path
from typing import Annotated

import typer

from luedialog.cli.common import project, say


def schema(
    ausgabe: Annotated[
        Path | None,
        typer.Option("--ausgabe", help="Zielordner; Standard: schema/ im Projektordner.", metavar="ORDNER"),
    ] = None,
) -> None:
    """JSON-Schemas für Editoren schreiben (Konfiguration, Leitlinien, Maßnahme, Gruppe).

    Die Schemas entstehen aus denselben Regeln, mit denen `luedialog pruefen` prüft, und enthalten die
    Vokabulare aus luedialog.yaml (Handlungsfelder, Status …). Jede Datendatei verweist in ihrer ersten
    Zeile darauf (`# yaml-language-server: $schema=…`); VS Code mit der YAML-Erweiterung ergänzt dann
    Schlüssel und markiert Fehler schon beim Tippen.

    Beispiel: luedialog schema --ausgabe schema/
    """
    from luedialog.model.jsonschemas import SCHEMA_DIR, dumps, schemas
    from luedialog.services.ausgabe import write_into

    current = project()
    target = ausgabe or current.root / SCHEMA_DIR
    files = {name: dumps(body).encode("utf-8") for name, body in schemas(current.snapshot.config).items()}
    write_into(current.root, target, files, in_project=ausgabe is None)
    say(f"Geschrieben: {len(files)} Schemas in {target}")
