"""``luedialog sitzung GRUPPE``: a meeting of a group."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import (
    Commit,
    DryRun,
    complete_gruppen,
    complete_massnahmen,
    parse_date_option,
    project_root,
    report_write,
    whole_number,
)


def sitzung(
    gruppe: Annotated[
        str, typer.Argument(metavar="GRUPPE", help="ID der Gruppe, z. B. ag-bildung.", autocompletion=complete_gruppen)
    ],
    datum: Annotated[str, typer.Option("--datum", help="Datum der Sitzung.", metavar="DATUM")],
    thema: Annotated[str, typer.Option("--thema", help="Thema oder Themen der Sitzung.", metavar="TEXT")],
    ergebnisse: Annotated[
        str | None, typer.Option("--ergebnisse", help="Ergebnisse in Worten.", metavar="TEXT")
    ] = None,
    teilnehmende: Annotated[
        int | None,
        typer.Option("--teilnehmende", help="Zahl der Teilnehmenden.", metavar="ZAHL", parser=whole_number(0, 100000)),
    ] = None,
    empfehlung: Annotated[
        list[str] | None,
        typer.Option(
            "--empfehlung",
            help="ID einer Empfehlung aus dieser Sitzung (mehrfach möglich; anlegen mit luedialog neu empfehlung).",
            autocompletion=complete_massnahmen,
            metavar="ID",
        ),
    ] = None,
    dry_run: DryRun = False,
    commit: Commit = False,
) -> None:
    """Eine Sitzung einer Gruppe eintragen: Datum, Thema, Ergebnisse, Zahl der Teilnehmenden.

    Angehängt an die Sitzungen der Gruppe. Abgelehnt wird eine Sitzung in der Zukunft, eine, die schon
    eingetragen ist (gleiches Datum, gleiches Thema), und eine Empfehlung, die es nicht gibt.

    Beispiel: luedialog sitzung ag-bildung --datum 15.03.2010 --thema "Schulwege" --teilnehmende 14
    --ergebnisse "Empfehlung für sichere Schulwege beschlossen."
    """
    from luedialog.dates import german
    from luedialog.services.gruppen_eintragen import NeueSitzung, sitzung_eintragen

    day = parse_date_option(datum, "--datum")
    assert day is not None
    s = NeueSitzung(gruppe, day, thema, ergebnisse, teilnehmende, tuple(empfehlung or ()))
    done = sitzung_eintragen(project_root(), s, date.today(), dry_run=dry_run, commit=commit)
    report_write(done, dry_run, f"Eingetragen: Sitzung von {done.ergebnis} am {german(day)} in {done.dateien[0]}")
