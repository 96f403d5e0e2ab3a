"""``luedialog status``: the state of things at a glance."""

from typing import Annotated

import typer

from luedialog.cli.common import (
    Format,
    Stichtag,
    TextOrJson,
    complete_felder,
    complete_gruppen,
    complete_stadtteile,
    complete_status,
    day_or_today,
    emit,
    exit_if_incomplete,
    project,
)


def status(
    feld: Annotated[
        str | None,
        typer.Option(
            "--feld", help="Nur dieses Handlungsfeld (Schlüssel, z. B. bildung).", autocompletion=complete_felder
        ),
    ] = None,
    status_: Annotated[
        str | None, typer.Option("--status", help="Nur Maßnahmen mit diesem Status.", autocompletion=complete_status)
    ] = None,
    stadtteil: Annotated[
        str | None,
        typer.Option("--stadtteil", help="Nur Maßnahmen in diesem Stadtteil.", autocompletion=complete_stadtteile),
    ] = None,
    gruppe: Annotated[
        str | None, typer.Option("--gruppe", help="Nur Maßnahmen dieser Gruppe (ID).", autocompletion=complete_gruppen)
    ] = None,
    stichtag: Stichtag = None,
    format: Format = TextOrJson.text,
    alle: Annotated[
        bool, typer.Option("--alle", help="Listen nicht kürzen: alle überfälligen, veralteten und alle Änderungen.")
    ] = False,
) -> None:
    """Den Stand auf einen Blick: Maßnahmen je Handlungsfeld und Status.

    Dazu überfällige Maßnahmen (Zieldatum verstrichen, nicht abgeschlossen), veraltete (lange kein
    Sachstand) und die letzten Änderungen. Alles wird aus dem Verlauf bis zum Stichtag berechnet.
    Lange Listen zeigen die ersten 10 Einträge; --alle zeigt alle. Fehlen Dateien, weil sie nicht
    gelesen werden können, sagt die Übersicht das oben und unten und endet mit Exit-Code 1.

    Beispiel: luedialog status --feld bildung --stichtag 31.12.2010
    """
    from luedialog.reporters import VIEW_REPORTER_BY_NAME

    day = day_or_today(stichtag)
    current = project()
    data = current.status(day, feld=feld, status=status_, stadtteil=stadtteil, gruppe=gruppe, alle=alle)
    fehlend = current.vollstaendigkeit()
    emit(VIEW_REPORTER_BY_NAME[format.value].status(current.snapshot.config, data, fehlend, alle))
    exit_if_incomplete(fehlend)
