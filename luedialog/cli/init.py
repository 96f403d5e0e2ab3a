"""``luedialog init ORDNER``: a new dialogue process for another town."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from luedialog.cli.common import parse_date_option, say, whole_number


def init(
    ordner: Annotated[Path, typer.Argument(metavar="ORDNER", help="Ordner für das neue Projekt.")],
    name: Annotated[
        str, typer.Option("--name", help="Name des Prozesses, z. B. „Musterstädter Dialog“.", metavar="TEXT")
    ],
    kommune: Annotated[str, typer.Option("--kommune", help="Name der Kommune.", metavar="TEXT")] = "",
    beginn: Annotated[
        str | None, typer.Option("--beginn", help="Beginn des Prozesses (Standard: heute).", metavar="DATUM")
    ] = None,
    ende_jahr: Annotated[
        int | None,
        typer.Option(
            "--ende-jahr",
            help="Jahr, in dem der Prozess endet (Standard: Beginn + 5).",
            metavar="JAHR",
            parser=whole_number(1900, 2200),
        ),
    ] = None,
    feld: Annotated[
        list[str] | None,
        typer.Option(
            "--feld",
            help="Handlungsfeld als schluessel=Name, z. B. bildung=Bildung (mehrfach möglich).",
            metavar="SCHLUESSEL=NAME",
        ),
    ] = None,
) -> None:
    """Einen neuen Dialogprozess für eine andere Stadt anlegen.

    Legt die Konfiguration mit dem Statusvokabular, leere Datenordner, die Berichtsvorlagen, die
    CI-Dateien für GitLab und GitHub, JSON-Schemas und ein README an. `luedialog pruefen` läuft darauf
    sofort fehlerfrei.

    Beispiel: luedialog init ../musterstadt --name "Musterstädter Dialog" --feld bildung=Bildung
    """
    from luedialog.services.init import init_project, parse_felder

    start = parse_date_option(beginn, "--beginn") or date.today()
    written = init_project(ordner, name, kommune, start, ende_jahr, parse_felder(feld or []))
    say(f"Angelegt: {len(written)} Dateien in {ordner}. Weiter mit: cd {ordner} && luedialog pruefen")
