"""``luedialog export``: the whole checked data set as JSON, CSV or an Excel workbook."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from luedialog.cli.common import Stichtag, day_or_today, project, say, write_parts
from luedialog.errors import UsageError


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def export(
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", help="json, csv oder xlsx (Excel); Standard: nach der Endung von --ausgabe, sonst json."
        ),
    ] = None,
    ausgabe: Annotated[
        Path | None, typer.Option("--ausgabe", help="In diese Datei schreiben statt auf die Konsole.", metavar="DATEI")
    ] = None,
    stichtag: Stichtag = None,
    oeffentlich: Annotated[
        bool,
        typer.Option(
            "--oeffentlich", help="Ohne alles, was als intern markiert ist (intern: ja): zum Veröffentlichen."
        ),
    ] = False,
) -> None:
    """Den ganzen geprüften Datenbestand ausgeben (JSON, CSV oder Excel-Arbeitsmappe).

    JSON für Programme: {"leitlinien": [...], "massnahmen": [...], "gruppen": [...]}. CSV für Excel:
    Semikolon, UTF-8 mit BOM, eine Zeile je Maßnahme. xlsx: die Spalten der Sachstandsabfrage und weitere
    Angaben je Maßnahme; ausgefüllt lässt sie sich mit „abfrage einlesen“ wieder einlesen. Enthalten die Daten
    Fehler, wird nichts exportiert. Ohne --oeffentlich enthält der Export auch Internes (für die
    Verwaltung); Namen ohne Einwilligung erscheinen nie (stattdessen „N. N.“).

    Beispiel: luedialog export --ausgabe massnahmen.xlsx
    """
    from luedialog.reporters.export import export_parts
    from luedialog.services.ausgabe import write_output

    suffix = ausgabe.suffix.lower() if ausgabe else ""
    fmt = format.value if format else {".xlsx": "xlsx", ".csv": "csv"}.get(suffix, "json")
    if fmt == "xlsx" and ausgabe is None:
        raise UsageError("Eine Excel-Arbeitsmappe gehört in eine Datei: --ausgabe DATEI.xlsx")
    day = day_or_today(stichtag)
    current = project()
    current.require_valid()
    snap = current.snapshot
    if oeffentlich:
        from luedialog.queries.oeffentlich import oeffentlich as public_view

        snap = public_view(snap)
    parts = export_parts(snap, fmt, day)
    if ausgabe is None:
        write_parts(parts)  # piece by piece: a big export need not be held in memory as one text
        return
    write_output(current.root, ausgabe, b"".join(parts))  # all or nothing
    say(f"Geschrieben: {ausgabe}")
