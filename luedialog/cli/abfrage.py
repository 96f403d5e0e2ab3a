"""``luedialog abfrage erstellen`` / ``einlesen``: the yearly status query as a spreadsheet."""

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from luedialog.cli.common import Stichtag, day_or_today, project, project_root, say
from luedialog.errors import UsageError

HELP = (
    "Die jährliche Sachstandsabfrage an die Fachbereiche als Tabelle (Excel-Arbeitsmappe oder CSV).\n\n"
    "Beispiel: luedialog abfrage erstellen --ausgabe abfrage-2010.xlsx"
)


class AbfrageFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


def erstellen(
    verantwortlich: Annotated[
        str | None,
        typer.Option("--verantwortlich", help="Nur Maßnahmen dieser verantwortlichen Stelle.", metavar="TEXT"),
    ] = None,
    ausgabe: Annotated[
        Path | None,
        typer.Option(
            "--ausgabe",
            help="Die Datei (.xlsx oder .csv); Standard: sachstandsabfrage-DATUM.csv. Neben einer CSV-Datei "
            "entsteht DATEI-hinweise.txt.",
            metavar="DATEI",
        ),
    ] = None,
    format: Annotated[
        AbfrageFormat | None,
        typer.Option("--format", help="xlsx (Excel-Arbeitsmappe) oder csv; Standard: nach der Endung von --ausgabe."),
    ] = None,
    je_verantwortlich: Annotated[
        bool, typer.Option("--je-verantwortlich", help="Ein Blatt je verantwortlicher Stelle (nur xlsx).")
    ] = False,
    stichtag: Stichtag = None,
    indikatoren: Annotated[
        bool,
        typer.Option(
            "--indikatoren",
            help="Auch die Indikatoren (der Stelle): je Teil der Aufschlüsselung eine Zeile, leer für Jahr, Wert, "
            "Quelle.",
        ),
    ] = False,
) -> None:
    """Eine Tabelle mit allen offenen Maßnahmen zum Ausfüllen schreiben.

    Eine Zeile je Maßnahme, die nicht abgeschlossen ist: ID, Titel, aktueller Status, letzte Notiz, mögliche
    neue Status und leere Spalten für neuen Status, Datum, Notiz, Nachweis, Fortschritt und wer berichtet.
    Als Excel-Arbeitsmappe (.xlsx) sind die Spalten zum Lesen gesperrt und grau, der neue Status wird aus einer
    Liste gewählt, und das Blatt „Hinweise“ erklärt jede Spalte; bei CSV steht das in DATEI-hinweise.txt.
    Mit --indikatoren kommen die Indikatoren hinzu, deren Werte die Stelle liefert (in der Arbeitsmappe auf dem
    Blatt „Indikatoren“, in der CSV-Datei unter den Maßnahmen): eine Zeile für den Gesamtwert und je eine je
    Teil der Aufschlüsselung (z. B. je Stadtteil), mit leeren Spalten Jahr, Wert und Quelle.

    Beispiel: luedialog abfrage erstellen --verantwortlich "FB 3" --ausgabe fb3.xlsx
    """
    from luedialog.services.abfrage import erstellen_dateien

    suffix = ausgabe.suffix.lower() if ausgabe else ""
    fmt = format.value if format else ("xlsx" if suffix == ".xlsx" else "csv")
    if ausgabe is not None and (fmt == "xlsx") != (suffix == ".xlsx"):
        wanted = ".xlsx" if fmt == "xlsx" else "zum Beispiel .csv"
        raise UsageError(
            f"--ausgabe {ausgabe.name} passt nicht zu --format {fmt}: die Datei braucht die Endung {wanted}."
        )
    if je_verantwortlich and fmt != "xlsx":
        raise UsageError("--je-verantwortlich geht nur mit --format xlsx: eine CSV-Datei hat nur ein Blatt.")
    day = day_or_today(stichtag)
    current = project()
    current.require_valid()
    done = erstellen_dateien(
        current.root, current.snapshot, day, verantwortlich, ausgabe, fmt, je_verantwortlich, indikatoren
    )
    notes = f" und {done.hinweise}" if done.hinweise else ""
    values = f", {done.indikatorzeilen} Zeilen für Indikatoren" if done.indikatorzeilen is not None else ""
    say(f"Geschrieben: {done.tabelle} ({done.zeilen} Maßnahmen{values}){notes}")


def einlesen(
    datei: Annotated[Path, typer.Argument(metavar="DATEI", help="Die ausgefüllte Tabelle (.xlsx oder CSV).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Nur prüfen und die Änderungen zeigen, nichts schreiben.")
    ] = False,
) -> None:
    """Die ausgefüllte Tabelle einlesen: jede ausgefüllte Zeile wird ein Sachstand (oder ein Wert eines Indikators).

    Alles oder nichts: Ist auch nur eine Zeile ungültig, wird nichts geschrieben und jede fehlerhafte Zeile
    mit Zeilennummer, Spalte und Grund genannt. Für Werte von Indikatoren gelten dieselben Regeln wie bei
    „luedialog wert“. Leere Zeilen werden übersprungen. Gelesen werden
    Excel-Arbeitsmappen (.xlsx, mit echten Datums- und Zahlenzellen) und CSV, wie Excel sie speichert (mit oder
    ohne BOM, Semikolon, Komma oder Tabulator, UTF-8, Windows-1252 oder „Unicode-Text“); Formeln werden nie
    ausgewertet. Status als Bezeichnung oder Schlüssel, Daten wie 15.03.2010 oder 15.03.10, Fortschritt wie 70 %.

    Beispiel: luedialog abfrage einlesen fb3.xlsx --dry-run
    """
    from luedialog.reporters.schreiben import einlesen_lines
    from luedialog.services.abfrage import einlesen_datei

    result = einlesen_datei(project_root(), datei, date.today(), dry_run=dry_run)
    if dry_run:
        for change in result.aenderungen:
            typer.echo(change.diff(), nl=False)
    for line in einlesen_lines(result, dry_run):
        say(line)
