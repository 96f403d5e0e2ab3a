"""``luedialog abfrage erstellen`` / ``einlesen``: the yearly status query as a spreadsheet."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from luedialog.cli.common import Stichtag, day_or_today, project, project_root, say

HELP = (
    "Die jährliche Sachstandsabfrage an die Fachbereiche als Tabelle (CSV für Excel).\n\n"
    "Beispiel: luedialog abfrage erstellen --ausgabe abfrage-2010.csv"
)


def erstellen(
    verantwortlich: Annotated[
        str | None,
        typer.Option("--verantwortlich", help="Nur Maßnahmen dieser verantwortlichen Stelle.", metavar="TEXT"),
    ] = None,
    ausgabe: Annotated[
        Path | None,
        typer.Option(
            "--ausgabe",
            help="CSV-Datei; Standard: sachstandsabfrage-DATUM.csv. Daneben entsteht DATEI-hinweise.txt.",
            metavar="DATEI",
        ),
    ] = None,
    stichtag: Stichtag = None,
    indikatoren: Annotated[
        bool,
        typer.Option(
            "--indikatoren",
            help="Auch die Indikatoren (der Stelle): je Aufschlüsselung eine Zeile, leer für Jahr, Wert, Quelle.",
        ),
    ] = False,
) -> None:
    """Eine Tabelle mit allen offenen Maßnahmen zum Ausfüllen schreiben.

    Eine Zeile je Maßnahme, die nicht abgeschlossen ist: ID, Titel, aktueller Status, letzte Notiz, mögliche
    neue Status und leere Spalten für neuen Status, Datum, Notiz, Nachweis, Fortschritt und wer berichtet.
    Die Erläuterung der Spalten steht in einer zweiten Datei (…-hinweise.txt). Mit --indikatoren kommen die
    Indikatoren hinzu, deren Werte die Stelle liefert: eine Zeile für den Gesamtwert und je eine je Teil der
    Aufschlüsselung (z. B. je Stadtteil), mit leeren Spalten Jahr, Wert und Quelle.

    Beispiel: luedialog abfrage erstellen --verantwortlich "FB 3" --ausgabe fb3.csv
    """
    from luedialog.services.abfrage import erstellen_dateien

    day = day_or_today(stichtag)
    current = project()
    current.require_valid()
    done = erstellen_dateien(current.root, current.snapshot, day, verantwortlich, ausgabe, indikatoren)
    rows = f"{done.zeilen} Maßnahmen" + (f", {done.indikatorzeilen} Zeilen für Indikatoren" if indikatoren else "")
    say(f"Geschrieben: {done.tabelle} ({rows}) und {done.hinweise}")


def einlesen(
    datei: Annotated[Path, typer.Argument(metavar="DATEI", help="Die ausgefüllte CSV-Datei.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Nur prüfen und die Änderungen zeigen, nichts schreiben.")
    ] = False,
) -> None:
    """Die ausgefüllte Tabelle einlesen: jede ausgefüllte Zeile wird ein Sachstand (oder ein Wert eines Indikators).

    Alles oder nichts: Ist auch nur eine Zeile ungültig, wird nichts geschrieben und jede fehlerhafte Zeile
    mit Zeilennummer und Grund genannt. Leere Zeilen werden übersprungen. Excel-Dateien mit oder ohne BOM,
    mit Semikolon oder Komma und mit Daten wie 15.03.2010 werden gelesen; Formeln gelten als Text.

    Beispiel: luedialog abfrage einlesen fb3.csv --dry-run
    """
    from luedialog.reporters.schreiben import einlesen_lines
    from luedialog.services.abfrage import einlesen_datei

    result = einlesen_datei(project_root(), datei, date.today(), dry_run=dry_run)
    if dry_run:
        for change in result.aenderungen:
            typer.echo(change.diff(), nl=False)
    for line in einlesen_lines(result, dry_run):
        say(line)
