"""``luedialog seite``: the public website of the process as a folder of static files."""

from pathlib import Path
from typing import Annotated

import typer

from luedialog.cli.common import day_or_today, project, say


def seite(
    ausgabe: Annotated[
        Path,
        typer.Option("--ausgabe", help="Ordner der Website (wird angelegt), z. B. public.", metavar="ORDNER"),
    ],
    stichtag: Annotated[
        str | None,
        typer.Option("--stichtag", help="Stand der Daten (Standard: heute).", metavar="DATUM"),
    ] = None,
    vorlagen: Annotated[
        Path | None, typer.Option("--vorlagen", help="Eigene Jinja2-Vorlagen der Stadt.", metavar="ORDNER")
    ] = None,
    ohne_pdf: Annotated[
        bool,
        typer.Option(
            "--ohne-pdf", help="Die Jahresberichte nur als HTML (sonst auch PDF, wo WeasyPrint installiert ist)."
        ),
    ] = False,
) -> None:
    """Die öffentliche Website des Prozesses erzeugen: ein Ordner, kein Server.

    Eine Startseite (der Prozess in Kürze, die Ampel je Handlungsfeld, die letzten Änderungen, die
    Berichte), je Maßnahme, Leitlinie, Handlungsfeld, Stadtteil, Gruppe und Jahreskonferenz eine
    Seite, die Empfehlungen und was aus ihnen wurde, die Jahresberichte, Atom-Feeds der Änderungen,
    eine Suche und im Ordner daten/ die offenen Daten (wie „luedialog daten“). Alle Verweise sind
    relativ (die Seite funktioniert aus dem Dateisystem und unter jedem Pfad), nichts wird von
    anderswo geladen. Nur die öffentliche Sicht: nichts, was intern ist, Namen nur mit
    Einwilligung. Gleiche Daten und gleicher Stichtag ergeben dieselben Dateien. Bei Fehlern in den
    Daten wird nichts geschrieben.

    Beispiel: luedialog seite --ausgabe public
    """
    from luedialog.reporters.offene_daten import offene_dateien
    from luedialog.reports.seite import seite as bauen

    day = day_or_today(stichtag)
    done = bauen(project(), ausgabe, day, vorlagen, pdf=False if ohne_pdf else None, daten=offene_dateien)
    files = len(done.dateien)
    say(f"Geschrieben: {done.seiten} Seiten ({files} Dateien) in {ausgabe} (Einstieg: {ausgabe / 'index.html'})")
