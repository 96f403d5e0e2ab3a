"""``luedialog gruppen [GRUPPE]``: the groups, their seats, members, meetings and recommendations."""

from typing import Annotated

import typer

from luedialog.cli.common import (
    Format,
    Stichtag,
    TextOrJson,
    complete_gruppen,
    day_or_today,
    emit,
    exit_if_incomplete,
    project,
)


def gruppen(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="GRUPPE", help="ID einer Gruppe (z. B. ag-bildung); ohne: alle.", autocompletion=complete_gruppen
        ),
    ] = None,
    stichtag: Stichtag = None,
    format: Format = TextOrJson.text,
    intern: Annotated[
        bool,
        typer.Option(
            "--intern",
            help="Namen auch ohne Einwilligung zeigen (nur im Terminal, nur für die Verwaltung; JSON nie).",
        ),
    ] = False,
) -> None:
    """Die Gruppen des Dialogs: Mitglieder, besetzte und leere Sitze, Sitzungen, Empfehlungen.

    Ohne Angabe eine Übersicht aller Gruppen mit den verbindlichen Erklärungen, die in den nächsten
    90 Tagen enden (Erneuerung vor der Jahreskonferenz); mit ID die Gruppe im Detail. Namen von
    Mitgliedern ohne Einwilligung (`veroeffentlichen: nein`) erscheinen als „N. N.“ mit ihrer Rolle.

    Beispiel: luedialog gruppen ag-bildung --stichtag 31.12.2010
    """
    from luedialog.reporters import VIEW_REPORTER_BY_NAME

    day = day_or_today(stichtag)
    current = project()
    views = current.gruppen(name, day, intern=intern and format is TextOrJson.text)
    fehlend = current.vollstaendigkeit()
    reporter = VIEW_REPORTER_BY_NAME[format.value]
    emit(reporter.gruppen(current.snapshot.config, day, views, name is not None, fehlend))
    exit_if_incomplete(fehlend)
