"""``luedialog korrigieren ID EINTRAG``: a correction entry for a wrong history entry."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import (
    Commit,
    DryRun,
    Von,
    complete_massnahmen,
    complete_status,
    parse_date_option,
    project_root,
    report_write,
    whole_number,
)

RIGHT = "Was richtig ist"


def korrigieren(
    id: Annotated[
        str, typer.Argument(metavar="ID", help="ID der Maßnahme, z. B. M-BEK-02.", autocompletion=complete_massnahmen)
    ],
    eintrag: Annotated[
        str,
        typer.Argument(
            metavar="EINTRAG", help="Der falsche Eintrag: seine Nummer (wie luedialog zeige sie zeigt) oder sein Datum."
        ),
    ],
    grund: Annotated[str, typer.Option("--grund", help="Was falsch war (Pflicht).", metavar="TEXT")],
    richtiges_datum: Annotated[
        str | None,
        typer.Option("--richtiges-datum", help="Das richtige Datum.", metavar="DATUM", rich_help_panel=RIGHT),
    ] = None,
    richtiger_status: Annotated[
        str | None,
        typer.Option(
            "--richtiger-status",
            help="Der richtige Status.",
            autocompletion=complete_status,
            metavar="STATUS",
            rich_help_panel=RIGHT,
        ),
    ] = None,
    richtige_notiz: Annotated[
        str | None, typer.Option("--richtige-notiz", help="Die richtige Notiz.", metavar="TEXT", rich_help_panel=RIGHT)
    ] = None,
    richtiger_nachweis: Annotated[
        str | None,
        typer.Option("--richtiger-nachweis", help="Der richtige Nachweis.", metavar="TEXT", rich_help_panel=RIGHT),
    ] = None,
    richtiger_fortschritt: Annotated[
        int | None,
        typer.Option(
            "--richtiger-fortschritt",
            help="Der richtige Fortschritt in Prozent.",
            metavar="ZAHL",
            parser=whole_number(0, 100, percent=True),
            rich_help_panel=RIGHT,
        ),
    ] = None,
    richtiges_zieldatum: Annotated[
        str | None,
        typer.Option(
            "--richtiges-zieldatum", help="Das richtige neue Zieldatum.", metavar="DATUM", rich_help_panel=RIGHT
        ),
    ] = None,
    richtig_verantwortlich: Annotated[
        str | None,
        typer.Option(
            "--richtig-verantwortlich",
            help="Die richtige verantwortliche Stelle.",
            metavar="TEXT",
            rich_help_panel=RIGHT,
        ),
    ] = None,
    streichen: Annotated[
        bool,
        typer.Option("--streichen", help="Der Eintrag gilt nicht (z. B. doppelt eingetragen).", rich_help_panel=RIGHT),
    ] = False,
    richtige_massnahme: Annotated[
        str | None,
        typer.Option(
            "--richtige-massnahme",
            help="Der Eintrag gehört zu dieser Maßnahme: hier gestrichen, dort nachgetragen.",
            autocompletion=complete_massnahmen,
            metavar="ID",
            rich_help_panel=RIGHT,
        ),
    ] = None,
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum", help="Ab wann die Korrektur gilt (Datum der Korrektur); Standard: heute.", metavar="DATUM"
        ),
    ] = None,
    von: Von = None,
    dry_run: DryRun = False,
    commit: Commit = False,
) -> None:
    """Einen falschen Verlaufseintrag korrigieren, ohne den Verlauf umzuschreiben.

    Der falsche Eintrag bleibt stehen; angehängt wird eine Korrektur (unter „korrekturen“), die ihn nennt,
    den Grund sagt und was richtig ist – oder dass er nicht gilt, oder zu welcher Maßnahme er gehört. Ab
    dem Datum der Korrektur rechnen Abfragen und Berichte mit dem korrigierten Verlauf und nennen die
    Korrektur; ein Bericht für einen früheren Stichtag bleibt, wie er war. Ein falsch getipptes Jahr
    blockiert danach keine Einträge mehr.

    Beispiel: luedialog korrigieren M-BEK-02 3 --richtiges-datum 15.03.2010 --grund "Tippfehler im Jahr (2012)"
    """
    from luedialog.services.korrektur import Korrekturauftrag
    from luedialog.services.korrektur import korrigieren as correct

    today = date.today()
    right: dict[str, date | str | int] = {}
    for name, value in (
        ("datum", parse_date_option(richtiges_datum, "--richtiges-datum")),
        ("status", richtiger_status),
        ("notiz", richtige_notiz),
        ("nachweis", richtiger_nachweis),
        ("fortschritt", richtiger_fortschritt),
        ("verantwortlich", richtig_verantwortlich),
        ("zieldatum", parse_date_option(richtiges_zieldatum, "--richtiges-zieldatum")),
    ):
        if value is not None:
            right[name] = value
    k = Korrekturauftrag(
        id, eintrag, grund, parse_date_option(datum, "--datum") or today, von, right, streichen, richtige_massnahme
    )
    done = correct(project_root(), k, today, dry_run=dry_run, commit=commit)
    r = done.ergebnis
    report_write(done, dry_run, f"Korrigiert: {r.massnahme}, Eintrag {r.eintrag}: {r.was}")
