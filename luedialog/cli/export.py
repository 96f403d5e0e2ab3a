"""``luedialog export``: the whole checked data set as JSON or CSV."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from luedialog.cli.common import Stichtag, day_or_today, project, say, write_parts


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="json oder csv (für Excel).")] = ExportFormat.json,
    ausgabe: Annotated[
        Path | None, typer.Option("--ausgabe", help="In diese Datei schreiben statt auf die Konsole.", metavar="DATEI")
    ] = None,
    stichtag: Stichtag = None,
) -> None:
    """Den ganzen geprüften Datenbestand ausgeben (JSON oder CSV).

    JSON für Programme: {"leitlinien": [...], "massnahmen": [...], "gruppen": [...]}. CSV für Excel:
    Semikolon, UTF-8 mit BOM, eine Zeile je Maßnahme. Enthalten die Daten Fehler, wird nichts exportiert.

    Beispiel: luedialog export --format csv --ausgabe massnahmen.csv
    """
    from luedialog.reporters.export import export_parts
    from luedialog.services.ausgabe import write_output

    day = day_or_today(stichtag)
    current = project()
    current.require_valid()
    parts = export_parts(current.snapshot, format.value, day)
    if ausgabe is None:
        write_parts(parts)  # piece by piece: a big export need not be held in memory as one text
        return
    write_output(current.root, ausgabe, b"".join(parts))  # all or nothing
    say(f"Geschrieben: {ausgabe}")
