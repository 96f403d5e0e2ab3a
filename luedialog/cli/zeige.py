"""``luedialog zeige ID``: one guideline or one measure in detail."""

from typing import Annotated

import typer

from luedialog.cli.common import Format, Stichtag, TextOrJson, complete_ids, day_or_today, emit, project


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
    Leitlinien, Teilmaßnahmen und dem ganzen Verlauf als Zeitleiste.

    Beispiel: luedialog zeige M-SUW-20
    """
    from luedialog.reporters import VIEW_REPORTER_BY_NAME

    day = day_or_today(stichtag)
    current = project()
    detail = current.detail(id, day)
    emit(VIEW_REPORTER_BY_NAME[format.value].detail(current.snapshot.config, detail))
