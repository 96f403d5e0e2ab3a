"""``luedialog neu massnahme``: a new measure with the next free ID and every field the model knows."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import (
    Commit,
    DryRun,
    Von,
    amount,
    complete_felder,
    complete_gruppen,
    complete_leitlinien,
    complete_massnahmen,
    complete_stadtteile,
    complete_status,
    parse_date_option,
    project_root,
    report_write,
    whole_number,
)

HELP = 'Neues anlegen.\n\nBeispiel: luedialog neu massnahme --feld bildung --titel "Leseförderung"'

ENTRY = "Erster Verlaufseintrag"
MONEY = "Kosten und Finanzierung"
RECOMMENDATION = "Empfehlung (--art empfehlung)"
AGREEMENT = "Zielvereinbarung (--art zielvereinbarung)"

Datum = Annotated[
    str | None,
    typer.Option(
        "--datum",
        help="Datum des ersten Eintrags (z. B. 15.03.2010, auch in der Vergangenheit); Standard: heute.",
        metavar="DATUM",
        rich_help_panel=ENTRY,
    ),
]
Notiz = Annotated[
    str, typer.Option("--notiz", help="Notiz des ersten Eintrags.", metavar="TEXT", rich_help_panel=ENTRY)
]
Leitlinie = Annotated[
    list[str] | None,
    typer.Option(
        "--leitlinie",
        help="ID einer Leitlinie, der sie dient (mehrfach möglich).",
        autocompletion=complete_leitlinien,
        metavar="ID",
    ),
]
Gruppe = Annotated[
    list[str] | None,
    typer.Option(
        "--gruppe",
        help="ID einer beteiligten Gruppe (mehrfach möglich).",
        autocompletion=complete_gruppen,
        metavar="ID",
    ),
]
Verantwortlich = Annotated[
    str | None, typer.Option("--verantwortlich", help="Verantwortliche Stelle, z. B. „FB 3“.", metavar="TEXT")
]
Zieldatum = Annotated[
    str | None, typer.Option("--zieldatum", help="Bis wann sie umgesetzt sein soll.", metavar="DATUM")
]
Beschreibung = Annotated[str | None, typer.Option("--beschreibung", help="Beschreibung in Worten.", metavar="TEXT")]


def massnahme(
    feld: Annotated[
        str,
        typer.Option("--feld", help="Handlungsfeld (Schlüssel aus luedialog.yaml).", autocompletion=complete_felder),
    ],
    titel: Annotated[str, typer.Option("--titel", help="Kurzer Titel der Maßnahme.", metavar="TEXT")],
    leitlinie: Leitlinie = None,
    teil_von: Annotated[
        str | None,
        typer.Option(
            "--teil-von", help="ID der übergeordneten Maßnahme.", autocompletion=complete_massnahmen, metavar="ID"
        ),
    ] = None,
    gewicht: Annotated[
        float | None,
        typer.Option("--gewicht", help="Gewicht in der übergeordneten Maßnahme (nur mit --teil-von).", metavar="ZAHL"),
    ] = None,
    art: Annotated[
        str | None, typer.Option("--art", help="Art (massnahmenarten); Standard: massnahme.", metavar="ART")
    ] = None,
    beschreibung: Beschreibung = None,
    priorisiert: Annotated[
        bool, typer.Option("--priorisiert", help="Zur vorrangigen Umsetzung genannt (wie in Anlage 2).")
    ] = False,
    stadtteil: Annotated[
        list[str] | None,
        typer.Option(
            "--stadtteil", help="Stadtteil (mehrfach möglich).", autocompletion=complete_stadtteile, metavar="NAME"
        ),
    ] = None,
    gruppe: Gruppe = None,
    verantwortlich: Verantwortlich = None,
    zieldatum: Zieldatum = None,
    status_: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="Status des ersten Eintrags; Standard: der erste Status.",
            autocompletion=complete_status,
            metavar="STATUS",
            rich_help_panel=ENTRY,
        ),
    ] = None,
    datum: Datum = None,
    notiz: Notiz = "Neu angelegt.",
    nachweis: Annotated[
        str | None,
        typer.Option(
            "--nachweis",
            help="Nachweis des ersten Eintrags (z. B. Ratsbeschluss).",
            metavar="TEXT",
            rich_help_panel=ENTRY,
        ),
    ] = None,
    fortschritt: Annotated[
        int | None,
        typer.Option(
            "--fortschritt",
            help="Fortschritt in Prozent (0–100, auch „70 %“).",
            metavar="ZAHL",
            parser=whole_number(0, 100, percent=True),
            rich_help_panel=ENTRY,
        ),
    ] = None,
    von: Von = None,
    kosten: Annotated[
        float | None,
        typer.Option(
            "--kosten", help="Kosten in Euro (z. B. 12000 oder 12.000,50).", parser=amount, rich_help_panel=MONEY
        ),
    ] = None,
    foerderung: Annotated[
        float | None,
        typer.Option("--foerderung", help="Fördermittel in Euro.", parser=amount, rich_help_panel=MONEY),
    ] = None,
    eigenanteil: Annotated[
        float | None,
        typer.Option("--eigenanteil", help="Eigenanteil in Euro.", parser=amount, rich_help_panel=MONEY),
    ] = None,
    haushalt: Annotated[
        str | None,
        typer.Option("--haushalt", help="Haushaltsstelle oder Produktkonto.", metavar="TEXT", rich_help_panel=MONEY),
    ] = None,
    finanz_notiz: Annotated[
        str | None,
        typer.Option("--finanz-notiz", help="Erläuterung zu den Kosten.", metavar="TEXT", rich_help_panel=MONEY),
    ] = None,
    herkunft: Annotated[
        str | None,
        typer.Option(
            "--herkunft",
            help="Gruppe (oder Jahreskonferenz), die empfiehlt.",
            autocompletion=complete_gruppen,
            metavar="GRUPPE",
            rich_help_panel=RECOMMENDATION,
        ),
    ] = None,
    herkunft_datum: Annotated[
        str | None,
        typer.Option(
            "--herkunft-datum",
            help="Datum der Sitzung oder Konferenz.",
            metavar="DATUM",
            rich_help_panel=RECOMMENDATION,
        ),
    ] = None,
    adressat: Annotated[
        str | None,
        typer.Option(
            "--adressat",
            help="An wen sie sich richtet (Organisation, Institution, Gesellschaft, Person).",
            metavar="TEXT",
            rich_help_panel=RECOMMENDATION,
        ),
    ] = None,
    weg: Annotated[
        str | None,
        typer.Option(
            "--weg", help="Weg (empfehlungswege in luedialog.yaml).", metavar="WEG", rich_help_panel=RECOMMENDATION
        ),
    ] = None,
    weitergeleitet_am: Annotated[
        str | None,
        typer.Option(
            "--weitergeleitet-am",
            help="Datum der Weiterleitung durch den Bürgermeister.",
            metavar="DATUM",
            rich_help_panel=RECOMMENDATION,
        ),
    ] = None,
    partner: Annotated[
        list[str] | None,
        typer.Option("--partner", help="Partner (mehrfach möglich).", metavar="TEXT", rich_help_panel=AGREEMENT),
    ] = None,
    vereinbart_am: Annotated[
        str | None,
        typer.Option("--vereinbart-am", help="Datum der Vereinbarung.", metavar="DATUM", rich_help_panel=AGREEMENT),
    ] = None,
    dry_run: DryRun = False,
    commit: Commit = False,
) -> None:
    """Eine neue Maßnahme mit der nächsten freien ID anlegen.

    Die Datei bekommt den Verweis auf das JSON-Schema, alle Angaben und einen ersten Verlaufseintrag
    (heute oder --datum, auch in der Vergangenheit). Vor dem Schreiben wird geprüft, dass alle Daten
    danach gültig sind; eine falsche Angabe nennt ihre Option.

    Beispiel: luedialog neu massnahme --feld bildung --titel "Leseförderung" --leitlinie L-BEK-C10
    --verantwortlich "FB 4" --zieldatum 31.12.2011 --stadtteil Gahmen --status beauftragt --datum 15.03.2010
    """
    from luedialog.services.massnahme_anlegen import NeueMassnahme, neue_massnahme

    n = NeueMassnahme(
        feld,
        titel,
        tuple(leitlinie or ()),
        teil_von,
        art,
        beschreibung,
        status_,
        notiz,
        von,
        datum=parse_date_option(datum, "--datum"),
        nachweis=nachweis,
        fortschritt=fortschritt,
        priorisiert=priorisiert,
        stadtteile=tuple(stadtteil or ()),
        gewicht=gewicht,
        gruppen=tuple(gruppe or ()),
        verantwortlich=verantwortlich,
        zieldatum=parse_date_option(zieldatum, "--zieldatum"),
        kosten=kosten,
        foerderung=foerderung,
        eigenanteil=eigenanteil,
        haushalt=haushalt,
        finanz_notiz=finanz_notiz,
        herkunft=herkunft,
        herkunft_datum=parse_date_option(herkunft_datum, "--herkunft-datum"),
        adressat=adressat,
        weg=weg,
        weitergeleitet_am=parse_date_option(weitergeleitet_am, "--weitergeleitet-am"),
        partner=tuple(partner or ()),
        vereinbart_am=parse_date_option(vereinbart_am, "--vereinbart-am"),
    )
    done = neue_massnahme(project_root(), n, date.today(), dry_run=dry_run, commit=commit)
    report_write(done, dry_run, f"Angelegt: {done.ergebnis.id} in {done.ergebnis.datei}")
