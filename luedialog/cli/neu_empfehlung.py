"""``luedialog neu empfehlung``: a recommendation of a group or of the Jahreskonferenz."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import (
    Commit,
    DryRun,
    Von,
    complete_felder,
    complete_gruppen,
    parse_date_option,
    project_root,
    report_write,
)
from luedialog.cli.neu import Beschreibung, Datum, Gruppe, Leitlinie, Notiz, Verantwortlich, Zieldatum


def empfehlung(
    herkunft: Annotated[
        str,
        typer.Option(
            "--herkunft",
            help="Gruppe oder Jahreskonferenz, die empfiehlt (ID).",
            autocompletion=complete_gruppen,
            metavar="GRUPPE",
        ),
    ],
    feld: Annotated[
        str,
        typer.Option("--feld", help="Handlungsfeld (Schlüssel aus luedialog.yaml).", autocompletion=complete_felder),
    ],
    titel: Annotated[str, typer.Option("--titel", help="Kurzer Titel der Empfehlung.", metavar="TEXT")],
    adressat: Annotated[
        str,
        typer.Option(
            "--adressat",
            help="An wen sie sich richtet (Organisation, Institution, Gesellschaft, im Ausnahmefall eine Person).",
            metavar="TEXT",
        ),
    ],
    herkunft_datum: Annotated[
        str | None,
        typer.Option("--herkunft-datum", help="Datum der Sitzung oder Konferenz.", metavar="DATUM"),
    ] = None,
    weg: Annotated[
        str | None,
        typer.Option("--weg", help="Weg (empfehlungswege in luedialog.yaml), z. B. steuerungsgruppe.", metavar="WEG"),
    ] = None,
    weitergeleitet_am: Annotated[
        str | None,
        typer.Option(
            "--weitergeleitet-am",
            help="Datum der Weiterleitung (später: luedialog aendern ID --weitergeleitet-am).",
            metavar="DATUM",
        ),
    ] = None,
    beschreibung: Beschreibung = None,
    leitlinie: Leitlinie = None,
    gruppe: Gruppe = None,
    verantwortlich: Verantwortlich = None,
    zieldatum: Zieldatum = None,
    datum: Datum = None,
    notiz: Notiz = "Empfehlung aufgenommen.",
    von: Von = None,
    dry_run: DryRun = False,
    commit: Commit = False,
) -> None:
    """Eine Empfehlung einer Arbeitsgruppe, der Steuerungsgruppe oder der Jahreskonferenz aufnehmen.

    Sie wird eine Maßnahme der Art „Empfehlung“ (empfehlung_art in luedialog.yaml) mit der nächsten
    freien ID und dem Status „empfohlen“. Was aus ihr wird, tragen Sie danach mit luedialog sachstand
    ein; die Weiterleitung durch den Bürgermeister mit luedialog aendern ID --weitergeleitet-am.

    Beispiel: luedialog neu empfehlung --herkunft ag-bildung --herkunft-datum 15.03.2010 --feld bildung
    --titel "Sichere Schulwege" --adressat "Stadt Lünen, FB Tiefbau" --weg steuerungsgruppe
    """
    from luedialog.services.massnahme_anlegen import NeueMassnahme, neue_empfehlung

    n = NeueMassnahme(
        feld,
        titel,
        tuple(leitlinie or ()),
        beschreibung=beschreibung,
        notiz=notiz,
        von=von,
        datum=parse_date_option(datum, "--datum"),
        gruppen=tuple(gruppe or ()),
        verantwortlich=verantwortlich,
        zieldatum=parse_date_option(zieldatum, "--zieldatum"),
        herkunft=herkunft,
        herkunft_datum=parse_date_option(herkunft_datum, "--herkunft-datum"),
        adressat=adressat,
        weg=weg,
        weitergeleitet_am=parse_date_option(weitergeleitet_am, "--weitergeleitet-am"),
    )
    done = neue_empfehlung(project_root(), n, date.today(), dry_run=dry_run, commit=commit)
    report_write(done, dry_run, f"Angelegt: Empfehlung {done.ergebnis.id} in {done.ergebnis.datei}")
