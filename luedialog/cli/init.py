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
    paket: Annotated[
        str | None,
        typer.Option(
            "--paket",
            help="Woher die CI luedialog installiert (LUEDIALOG_PAKET): luedialog==X.Y.Z, "
            "git+https://…/luedialog.git@TAG oder eine Wheel-Datei, die ins Repository kopiert wird. "
            "Standard: diese Version von luedialog aus dem Paketindex.",
            metavar="QUELLE",
        ),
    ] = None,
    ergaenzen: Annotated[
        bool,
        typer.Option("--ergaenzen", help="In einem Ordner, der nicht leer ist, nur die fehlenden Dateien anlegen."),
    ] = False,
    commit: Annotated[bool, typer.Option("--commit", help="Alles Angelegte als ersten git-Commit festhalten.")] = False,
) -> None:
    """Einen neuen Dialogprozess für eine andere Stadt anlegen.

    Legt die Konfiguration mit dem Statusvokabular, leere Datenordner, die Berichtsvorlagen, die
    CI-Dateien für GitLab und GitHub, JSON-Schemas und ein README an und macht den Ordner zu einem
    git-Repository (wenn er nicht schon in einem liegt). `luedialog pruefen` läuft darauf sofort
    fehlerfrei. Ein Ordner, der nicht leer ist, wird abgelehnt; mit --ergaenzen kommen nur die
    fehlenden Dateien dazu, vorhandene bleiben unverändert.

    Beispiel: luedialog init ../musterstadt --name "Musterstädter Dialog" --feld bildung=Bildung --commit
    """
    from luedialog.services.init import init_project, paket_from, parse_felder

    start = parse_date_option(beginn, "--beginn") or date.today()
    done = init_project(
        ordner,
        name,
        kommune,
        start,
        ende_jahr,
        parse_felder(feld or []),
        paket=paket_from(paket),
        ergaenzen=ergaenzen,
        commit=commit,
    )
    git = {
        "angelegt": "neues git-Repository",
        "vorhanden": "im vorhandenen git-Repository",
        "fehlt": "ohne git-Repository: git ist nicht installiert",
    }[done.git]
    first = f", erster Commit {done.commit}" if done.commit else ""
    say(f"Angelegt: {len(done.written)} Dateien in {ordner} ({git}{first}).")
    if done.left_alone:
        say(f"Unverändert gelassen, weil es sie schon gab: {', '.join(done.left_alone)}.")
    say(f"Weiter mit: cd {ordner} && luedialog pruefen")
