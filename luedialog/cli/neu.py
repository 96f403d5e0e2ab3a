"""``luedialog neu massnahme``: a new measure with the next free ID."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import complete_felder, complete_leitlinien, complete_massnahmen, project_root, say

HELP = 'Neues anlegen.\n\nBeispiel: luedialog neu massnahme --feld bildung --titel "Leseförderung"'


def massnahme(
    feld: Annotated[
        str,
        typer.Option("--feld", help="Handlungsfeld (Schlüssel aus luedialog.yaml).", autocompletion=complete_felder),
    ],
    titel: Annotated[str, typer.Option("--titel", help="Kurzer Titel der Maßnahme.", metavar="TEXT")],
    leitlinie: Annotated[
        list[str] | None,
        typer.Option(
            "--leitlinie",
            help="ID einer Leitlinie, der sie dient (mehrfach möglich).",
            autocompletion=complete_leitlinien,
            metavar="ID",
        ),
    ] = None,
    teil_von: Annotated[
        str | None,
        typer.Option(
            "--teil-von", help="ID der übergeordneten Maßnahme.", autocompletion=complete_massnahmen, metavar="ID"
        ),
    ] = None,
    art: Annotated[str | None, typer.Option("--art", help="Art (massnahmenarten); Standard: massnahme.")] = None,
    beschreibung: Annotated[
        str | None, typer.Option("--beschreibung", help="Beschreibung in Worten.", metavar="TEXT")
    ] = None,
    status_: Annotated[
        str | None, typer.Option("--status", help="Status des ersten Eintrags; Standard: der erste Status.")
    ] = None,
    notiz: Annotated[str, typer.Option("--notiz", help="Notiz des ersten Eintrags.", metavar="TEXT")] = "Neu angelegt.",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Nur zeigen, nichts schreiben.")] = False,
) -> None:
    """Eine neue Maßnahme mit der nächsten freien ID anlegen.

    Die Datei bekommt den Verweis auf das JSON-Schema, die Angaben und einen ersten Verlaufseintrag
    (heute). Vor dem Schreiben wird geprüft, dass alle Daten danach gültig sind.

    Beispiel: luedialog neu massnahme --feld bildung --titel "Leseförderung" --leitlinie L-BEK-C10
    """
    from luedialog.services.massnahme_anlegen import NeueMassnahme, neue_massnahme

    n = NeueMassnahme(feld, titel, tuple(leitlinie or ()), teil_von, art, beschreibung, status_, notiz)
    ident, text = neue_massnahme(project_root(), n, date.today(), dry_run=dry_run)
    if dry_run:
        typer.echo(text, nl=False)
        say(f"Probelauf (--dry-run): {ident} nicht geschrieben.")
        return
    say(f"Angelegt: {ident} in data/massnahmen/{ident}.yaml")
