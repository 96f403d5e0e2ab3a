"""``luedialog mitglied eintragen`` / ``beenden`` / ``verlaengern``: memberships of a group."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import (
    Commit,
    DryRun,
    complete_gruppen,
    parse_date_option,
    project_root,
    report_write,
    yes_no,
)

HELP = (
    "Mitgliedschaften in einer Gruppe: eintragen, beenden, verlängern.\n\n"
    'Beispiel: luedialog mitglied eintragen ag-bildung --person "Erika Muster" --sitz ag-bildung-schulen '
    "--beginn 01.01.2010 --ende 31.12.2010 --veroeffentlichen ja"
)

Gruppe = Annotated[
    str, typer.Argument(metavar="GRUPPE", help="ID der Gruppe, z. B. ag-bildung.", autocompletion=complete_gruppen)
]
Person = Annotated[str, typer.Argument(metavar="PERSON", help="Name, wie bei der Mitgliedschaft eingetragen.")]
Sitz = Annotated[
    str | None, typer.Option("--sitz", help="ID des Sitzes (luedialog gruppen GRUPPE zeigt die Sitze).", metavar="ID")
]
Erklaerung = Annotated[
    str | None,
    typer.Option(
        "--erklaerung",
        help="Was verbindlich erklärt wurde, z. B. „themenbezogen: Schulwege, schriftlich am 12.01.2010“.",
        metavar="TEXT",
    ),
]


def eintragen(
    gruppe: Gruppe,
    person: Annotated[
        str, typer.Option("--person", help="Name der Person (oder der Organisation, die Mitglied ist).", metavar="NAME")
    ],
    beginn: Annotated[str, typer.Option("--beginn", help="Beginn der verbindlichen Erklärung.", metavar="DATUM")],
    veroeffentlichen: Annotated[
        str,
        typer.Option(
            "--veroeffentlichen",
            help="Darf der Name veröffentlicht werden? ja oder nein (Pflicht; ohne Einwilligung: nein).",
            metavar="JA|NEIN",
        ),
    ],
    ende: Annotated[
        str | None,
        typer.Option("--ende", help="Ende der Erklärung (in der Regel mindestens ein Jahr).", metavar="DATUM"),
    ] = None,
    sitz: Sitz = None,
    rolle: Annotated[
        str | None,
        typer.Option("--rolle", help="Rolle (rollen in luedialog.yaml); Standard: die des Sitzes.", metavar="ROLLE"),
    ] = None,
    fuer: Annotated[
        str | None, typer.Option("--fuer", help="Für welche Organisation oder Ratsfraktion.", metavar="TEXT")
    ] = None,
    fuer_gruppe: Annotated[
        str | None,
        typer.Option(
            "--fuer-gruppe",
            help="Von welcher Arbeitsgruppe benannt (bei externen Mitgliedern der Steuerungsgruppe).",
            autocompletion=complete_gruppen,
            metavar="GRUPPE",
        ),
    ] = None,
    kategorie: Annotated[
        str | None, typer.Option("--kategorie", help="Kategorie laut Vorlage.", metavar="TEXT")
    ] = None,
    stimmrecht: Annotated[
        str | None, typer.Option("--stimmrecht", help="Stimmrecht: ja oder nein.", metavar="JA|NEIN")
    ] = None,
    erklaerung: Erklaerung = None,
    dry_run: DryRun = False,
    commit: Commit = False,
) -> None:
    """Eine Mitgliedschaft (verbindliche Erklärung zur Mitarbeit) eintragen.

    Angehängt wird sie an die Mitglieder der Gruppe: Sitz oder Rolle, Person oder Organisation, für wen,
    Beginn und Ende der Erklärung und ob der Name veröffentlicht werden darf. Geprüft wird vorher, dass Sitz
    und Rolle zur Gruppe passen, das Ende nicht vor dem Beginn liegt und die Person auf demselben Sitz keine
    zweite, überschneidende Mitgliedschaft bekommt. Kontaktdaten gehören nicht hierher.

    Beispiel: luedialog mitglied eintragen ag-bildung --person "Erika Muster" --sitz ag-bildung-schulen
    --fuer "Grundschule am Park" --beginn 01.01.2010 --ende 31.12.2010 --veroeffentlichen ja
    """
    from luedialog.services.gruppen_eintragen import NeueMitgliedschaft, mitglied_eintragen

    start = parse_date_option(beginn, "--beginn")
    assert start is not None
    n = NeueMitgliedschaft(
        gruppe,
        person,
        start,
        bool(yes_no(veroeffentlichen, "--veroeffentlichen")),
        rolle,
        sitz,
        parse_date_option(ende, "--ende"),
        fuer,
        fuer_gruppe,
        kategorie,
        yes_no(stimmrecht, "--stimmrecht"),
        erklaerung,
    )
    done = mitglied_eintragen(project_root(), n, date.today(), dry_run=dry_run, commit=commit)
    report_write(done, dry_run, f"Eingetragen: Mitgliedschaft von {done.ergebnis} in {done.dateien[0]}")


def beenden(
    gruppe: Gruppe,
    person: Person,
    datum: Annotated[str, typer.Option("--datum", help="Letzter Tag der Mitgliedschaft.", metavar="DATUM")],
    sitz: Sitz = None,
    dry_run: DryRun = False,
    commit: Commit = False,
) -> None:
    """Eine Mitgliedschaft vor dem erklärten Ende beenden (die Person scheidet aus).

    Die Mitgliedschaft, die an dem Tag läuft, bekommt „beendet_am“; sonst ändert sich nichts. Hat die
    Person mehrere Sitze in der Gruppe, nennen Sie den Sitz.

    Beispiel: luedialog mitglied beenden ag-bildung "Erika Muster" --datum 30.06.2010
    """
    from luedialog.dates import german
    from luedialog.services.gruppen_eintragen import mitglied_beenden

    day = parse_date_option(datum, "--datum")
    assert day is not None
    done = mitglied_beenden(
        project_root(), gruppe, person, day, date.today(), sitz=sitz, dry_run=dry_run, commit=commit
    )
    report_write(done, dry_run, f"Eingetragen: Mitgliedschaft in {done.ergebnis} beendet am {german(day)}")


def verlaengern(
    gruppe: Gruppe,
    person: Person,
    bis: Annotated[str, typer.Option("--bis", help="Ende der erneuerten Erklärung.", metavar="DATUM")],
    sitz: Sitz = None,
    veroeffentlichen: Annotated[
        str | None,
        typer.Option(
            "--veroeffentlichen",
            help="Einwilligung neu erklärt: ja oder nein; Standard: wie bisher.",
            metavar="JA|NEIN",
        ),
    ] = None,
    erklaerung: Erklaerung = None,
    dry_run: DryRun = False,
    commit: Commit = False,
) -> None:
    """Eine verbindliche Erklärung erneuern: eine neue Mitgliedschaft ab dem Tag nach dem bisherigen Ende.

    Sitz, Rolle und für wen bleiben; die Einwilligung zur Veröffentlichung bleibt, wenn sie nicht neu erklärt
    wird. Die bisherige Mitgliedschaft bleibt unverändert stehen.

    Beispiel: luedialog mitglied verlaengern ag-bildung "Erika Muster" --bis 31.12.2011
    """
    from luedialog.dates import german
    from luedialog.services.gruppen_eintragen import mitglied_verlaengern

    end = parse_date_option(bis, "--bis")
    assert end is not None
    done = mitglied_verlaengern(
        project_root(),
        gruppe,
        person,
        end,
        date.today(),
        sitz=sitz,
        veroeffentlichen=yes_no(veroeffentlichen, "--veroeffentlichen"),
        erklaerung=erklaerung,
        dry_run=dry_run,
        commit=commit,
    )
    report_write(done, dry_run, f"Eingetragen: Erklärung erneuert vom {german(done.ergebnis)} bis {german(end)}")
