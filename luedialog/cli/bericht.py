"""``luedialog bericht``: the report to the council and the document of the Jahreskonferenz."""

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from luedialog.cli.common import parse_date_option, project, say, whole_number


class BerichtFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


class BerichtArt(StrEnum):
    rat = "rat"
    jahreskonferenz = "jahreskonferenz"
    alle = "alle"


def bericht(
    art: Annotated[
        BerichtArt,
        typer.Argument(metavar="BERICHT", help="rat, jahreskonferenz oder alle (alle Berichte aller Jahre)."),
    ],
    jahr: Annotated[
        int | None,
        typer.Option("--jahr", help="Berichtsjahr, z. B. 2010.", metavar="JAHR", parser=whole_number(1900, 2200)),
    ] = None,
    format: Annotated[
        BerichtFormat | None,
        typer.Option(
            "--format",
            help="md, html oder pdf (Standard: md). Bei „alle“ entstehen immer HTML und Markdown, mit pdf "
            "zusätzlich die PDFs.",
        ),
    ] = None,
    ausgabe: Annotated[
        Path | None,
        typer.Option(
            "--ausgabe",
            help="Datei (bei „alle“: Ordner). Standard: Markdown auf die Konsole, sonst z. B. rat-2010.html.",
            metavar="PFAD",
        ),
    ] = None,
    stichtag: Annotated[
        str | None,
        typer.Option(
            "--stichtag",
            help="Stand der Daten (Standard: 31.12. des Jahres, im laufenden Jahr heute); bei „alle“ nur "
            "zusammen mit --jahr.",
            metavar="DATUM",
        ),
    ] = None,
    vorlagen: Annotated[
        Path | None, typer.Option("--vorlagen", help="Eigene Jinja2-Vorlagen der Stadt.", metavar="ORDNER")
    ] = None,
    intern: Annotated[
        bool,
        typer.Option(
            "--intern", help="Auch Internes (intern: ja) aufnehmen – nur für die Verwaltung, nie veröffentlichen."
        ),
    ] = False,
) -> None:
    """Den Bericht an den Rat oder zur Jahreskonferenz erzeugen (Markdown, HTML oder PDF).

    Der Ratsbericht zeigt je Handlungsfeld die Ampel, Lücken bei den Leitlinien, alle Maßnahmen,
    Änderungen im Jahr, Überfälliges, Abgeschlossenes, den Ausblick und die Finanzen; dazu die
    Jahreskonferenz und die Arbeit der Gruppen. Gleiche Daten und gleicher Stichtag ergeben dieselbe
    Datei. `bericht alle --ausgabe ORDNER` erzeugt alle Berichte aller Jahre (mit --jahr die eines
    Jahres) als HTML und Markdown, mit `--format pdf` auch als PDF, und eine index.html.

    Berichte sind zum Veröffentlichen: Was in den Daten als intern markiert ist, fehlt in ihnen (mit
    --intern nicht). Namen erscheinen nur mit Einwilligung.

    Beispiel: luedialog bericht rat --jahr 2010 --format html
    """
    from luedialog.reports.build import erzeugen

    day = parse_date_option(stichtag, "--stichtag")
    fmt = format.value if format is not None else None
    done = erzeugen(project(), art.value, jahr, fmt, day, vorlagen, ausgabe, date.today(), intern)
    if intern:
        say("Achtung: Mit --intern enthält der Bericht Internes – nur für die Verwaltung, nicht veröffentlichen.")
    if done.konsole is not None:
        sys.stdout.write(done.konsole)
    elif art is BerichtArt.alle and ausgabe is not None:
        say(f"Geschrieben: {len(done.dateien)} Dateien in {ausgabe} (Einstieg: {ausgabe / 'index.html'})")
    else:
        say(f"Geschrieben: {done.dateien[0]}")
