"""``luedialog daten``: the open data (JSON with schema, CSV, OParl, DCAT metadata) in one folder."""

from pathlib import Path
from typing import Annotated

import typer

from luedialog.cli.common import Stichtag, day_or_today, project, say


def daten(
    ausgabe: Annotated[
        Path, typer.Option("--ausgabe", help="Zielordner, z. B. public/daten (wird angelegt).", metavar="ORDNER")
    ],
    stichtag: Stichtag = None,
    lizenz: Annotated[
        str,
        typer.Option(
            "--lizenz",
            help="URL der Lizenz in den Metadaten; Standard: Datenlizenz Deutschland – Namensnennung 2.0.",
            metavar="URL",
        ),
    ] = "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
) -> None:
    """Die offenen Daten zum Veröffentlichen in einen Ordner schreiben.

    Es entstehen: luedialog.json (alles wie „export --format json“, ein Datensatz je Zeile) mit
    luedialog.schema.json (JSON Schema), massnahmen.csv für Programme (UTF-8 ohne BOM, Komma, Daten
    als 2010-03-15) und massnahmen-excel.csv für Excel, oparl.json (Gruppen, Mitgliedschaften,
    Sitzungen und die Vorlage mit ihrer Beratungsfolge nach OParl 1.1, ein Objekt je Zeile) und je
    Datensatz Metadaten nach DCAT-AP.de (*.dcat.jsonld), die ein Open-Data-Portal einsammeln kann.
    Alles stammt aus der öffentlichen Sicht: Internes fehlt, Namen erscheinen nur mit Einwilligung.
    Gleiche Daten und gleicher Stichtag ergeben dieselben Dateien. Enthalten die Daten Fehler, wird
    nichts geschrieben.

    Beispiel: luedialog daten --ausgabe public/daten --stichtag 31.12.2010
    """
    from luedialog.reporters.offene_daten import dateien
    from luedialog.services.ausgabe import write_into

    day = day_or_today(stichtag)
    current = project()
    current.require_valid()
    files = dateien(current.snapshot, day, lizenz)
    write_into(current.root, ausgabe, files)
    say(f"Geschrieben: {len(files)} Dateien in {ausgabe}")
