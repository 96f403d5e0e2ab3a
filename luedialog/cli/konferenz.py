"""``luedialog konferenz``: the Jahreskonferenz of a year."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import (
    Commit,
    DryRun,
    complete_massnahmen,
    pair,
    parse_date_option,
    project_root,
    report_write,
)


def _renewal(value: str) -> tuple[str, str, str | None]:
    """``GRUPPE=NAME`` or ``GRUPPE=NAME=BIS``."""
    from luedialog.errors import UsageError

    parts = [p.strip() for p in value.split("=")]
    if len(parts) not in (2, 3) or not all(parts):
        raise UsageError(
            f"--erneuerung: „{value}“ – erwartet wird GRUPPE=NAME oder GRUPPE=NAME=BIS, "
            "z. B. „ag-bildung=Erika Muster=31.12.2011“."
        )
    return parts[0], parts[1], parts[2] if len(parts) == 3 else None


def konferenz(
    datum: Annotated[str, typer.Option("--datum", help="Datum der Konferenz.", metavar="DATUM")],
    jahr: Annotated[
        int | None, typer.Option("--jahr", help="Jahr der Konferenz; Standard: das Jahr von --datum.", metavar="JAHR")
    ] = None,
    ergebnisse: Annotated[
        str | None,
        typer.Option(
            "--ergebnisse", help="Die vorgestellten Ergebnisse der Gruppen und was beraten wurde.", metavar="TEXT"
        ),
    ] = None,
    empfehlung: Annotated[
        list[str] | None,
        typer.Option(
            "--empfehlung",
            help="ID einer beratenen Empfehlung (mehrfach möglich).",
            autocompletion=complete_massnahmen,
            metavar="ID",
        ),
    ] = None,
    aufgabe: Annotated[
        list[str] | None,
        typer.Option(
            "--aufgabe",
            help="Aufgabe einer Arbeitsgruppe für das Folgejahr: GRUPPE=TEXT (mehrfach möglich).",
            metavar="GRUPPE=TEXT",
        ),
    ] = None,
    erneuerung: Annotated[
        list[str] | None,
        typer.Option(
            "--erneuerung",
            help="Erneuerte Erklärung: GRUPPE=NAME, mit =BIS wird die Mitgliedschaft bis dahin verlängert.",
            metavar="GRUPPE=NAME[=BIS]",
        ),
    ] = None,
    gruppe: Annotated[
        str | None,
        typer.Option("--gruppe", help="Die Gruppe der Jahreskonferenz, falls es mehrere gibt.", metavar="GRUPPE"),
    ] = None,
    dry_run: DryRun = False,
    commit: Commit = False,
) -> None:
    """Eine Jahreskonferenz eintragen: Datum, Ergebnisse, Empfehlungen, Aufgaben fürs Folgejahr, Erneuerungen.

    Angehängt an die Konferenzen der Gruppe der Art „jahreskonferenz“. Eine Erneuerung mit Datum
    (GRUPPE=NAME=BIS) verlängert zugleich die Mitgliedschaft in der Gruppe (wie luedialog mitglied
    verlaengern) – alles in einem Schritt, alles oder nichts.

    Beispiel: luedialog konferenz --datum 20.11.2010 --ergebnisse "Die Arbeitsgruppen stellten …"
    --empfehlung M-BEK-16 --aufgabe "ag-bildung=Ganztag an allen Grundschulen"
    --erneuerung "ag-bildung=Erika Muster=31.12.2011"
    """
    from luedialog.dates import german
    from luedialog.services.gruppen_eintragen import Erneuerungsangabe, NeueKonferenz, konferenz_eintragen

    day = parse_date_option(datum, "--datum")
    assert day is not None
    tasks = tuple(pair(a, "--aufgabe") for a in aufgabe or ())
    renewals = []
    for value in erneuerung or ():
        gid, name, bis = _renewal(value)
        renewals.append(Erneuerungsangabe(gid, name, parse_date_option(bis, "--erneuerung")))
    k = NeueKonferenz(day, jahr, ergebnisse, tuple(empfehlung or ()), tasks, tuple(renewals), gruppe)
    done = konferenz_eintragen(project_root(), k, date.today(), dry_run=dry_run, commit=commit)
    report_write(
        done, dry_run, f"Eingetragen: Jahreskonferenz {done.ergebnis.jahr} am {german(day)} ({', '.join(done.dateien)})"
    )
