"""``luedialog zeige ID``: one guideline or one measure in detail."""

from typing import Annotated

import typer

from luedialog.cli.common import (
    Format,
    Stichtag,
    TextOrJson,
    complete_ids,
    day_or_today,
    emit,
    exit_if_incomplete,
    project,
)


def zeige(
    id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="ID einer Leitlinie (z. B. L-BEK-C1) oder Maßnahme (z. B. M-BEK-01).",
            autocompletion=complete_ids,
        ),
    ],
    stichtag: Stichtag = None,
    format: Format = TextOrJson.text,
) -> None:
    """Eine Leitlinie oder eine Maßnahme im Detail anzeigen.

    Eine Leitlinie mit Wortlaut und den Maßnahmen, die ihr dienen; eine Maßnahme mit Wortlaut,
    Leitlinien, Teilmaßnahmen, allen Angaben (Finanzen, Herkunft und Weg einer Empfehlung, Partner
    einer Zielvereinbarung …) und dem Verlauf als Zeitleiste; mit --stichtag der Verlauf bis zu
    diesem Tag.

    Beispiel: luedialog zeige M-SUW-20
    """
    from luedialog.reporters import VIEW_REPORTER_BY_NAME

    day = day_or_today(stichtag)
    current = project()
    detail = current.detail(id, day)
    fehlend = current.vollstaendigkeit()
    emit(VIEW_REPORTER_BY_NAME[format.value].detail(current.snapshot.config, detail, fehlend))
    exit_if_incomplete(fehlend)
