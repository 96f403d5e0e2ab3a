"""``luedialog aendern ID``: a later change of responsibility, target date or forwarding, as a history entry."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import Commit, DryRun, Von, complete_massnahmen, parse_date_option, project_root, report_write


def aendern(
    id: Annotated[
        str, typer.Argument(metavar="ID", help="ID der Maßnahme, z. B. M-BEK-02.", autocompletion=complete_massnahmen)
    ],
    grund: Annotated[str, typer.Option("--grund", help="Warum (Pflicht): steht als Notiz im Verlauf.", metavar="TEXT")],
    zieldatum: Annotated[
        str | None, typer.Option("--zieldatum", help="Neues Zieldatum (z. B. 31.12.2011).", metavar="DATUM")
    ] = None,
    verantwortlich: Annotated[
        str | None, typer.Option("--verantwortlich", help="Neue verantwortliche Stelle.", metavar="TEXT")
    ] = None,
    weitergeleitet_am: Annotated[
        str | None,
        typer.Option("--weitergeleitet-am", help="Empfehlung: am … vom Bürgermeister weitergeleitet.", metavar="DATUM"),
    ] = None,
    datum: Annotated[
        str | None,
        typer.Option("--datum", help="Seit wann es gilt (Datum des Eintrags); Standard: heute.", metavar="DATUM"),
    ] = None,
    von: Von = None,
    nachweis: Annotated[
        str | None, typer.Option("--nachweis", help="Nachweis, z. B. Beschluss oder Schreiben.", metavar="TEXT")
    ] = None,
    dry_run: DryRun = False,
    commit: Commit = False,
) -> None:
    """Zieldatum, Verantwortung oder Weiterleitung einer Maßnahme ändern – als Eintrag im Verlauf.

    Nichts wird überschrieben: Ein neuer Verlaufseintrag (gleicher Status, Notiz = Grund, wer, wann) sagt,
    was ab seinem Datum gilt. Der Stand an einem früheren Stichtag bleibt, wie er war; zeige und die
    Berichte nennen die Verschiebung. Es gelten die Regeln von sachstand (Datum nicht vor dem letzten
    Eintrag, nicht in der Zukunft; bei überfälligen Maßnahmen ein Grund von mindestens 20 Zeichen).

    Beispiel: luedialog aendern M-BEK-02 --zieldatum 31.12.2011 --grund "Fördermittel erst 2011 bewilligt"
    """
    from luedialog.dates import german
    from luedialog.services.aendern import Aenderungsauftrag
    from luedialog.services.aendern import aendern as change

    today = date.today()
    a = Aenderungsauftrag(
        id,
        grund,
        parse_date_option(datum, "--datum") or today,
        verantwortlich,
        parse_date_option(zieldatum, "--zieldatum"),
        parse_date_option(weitergeleitet_am, "--weitergeleitet-am"),
        von,
        nachweis,
    )
    done = change(project_root(), a, today, dry_run=dry_run, commit=commit)
    e = done.ergebnis
    report_write(done, dry_run, f"Eingetragen: Änderung von {e.massnahme} am {german(e.datum)} in {done.dateien[0]}")
