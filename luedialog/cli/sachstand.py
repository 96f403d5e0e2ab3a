"""``luedialog sachstand ID STATUS``: one entry at the end of a measure's history."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import (
    DryRun,
    complete_massnahmen,
    complete_status,
    parse_date_option,
    project_root,
    say,
    whole_number,
)


def sachstand(
    id: Annotated[
        str, typer.Argument(metavar="ID", help="ID der Maßnahme, z. B. M-BEK-02.", autocompletion=complete_massnahmen)
    ],
    status_: Annotated[
        str,
        typer.Argument(
            metavar="STATUS", help="Neuer (oder gleicher) Status, z. B. in_umsetzung.", autocompletion=complete_status
        ),
    ],
    notiz: Annotated[str, typer.Option("--notiz", help="Der Sachstand in Worten (Pflicht).", metavar="TEXT")],
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum", help="Datum des Sachstands (2010-03-15 oder 15.03.2010); Standard: heute.", metavar="DATUM"
        ),
    ] = None,
    von: Annotated[
        str | None,
        typer.Option(
            "--von",
            help="Wer berichtet (eine Stelle, z. B. „FB 3“); Standard: sachstand_von aus luedialog.yaml, "
            "sonst Pflicht.",
            metavar="TEXT",
        ),
    ] = None,
    fortschritt: Annotated[
        int | None,
        typer.Option(
            "--fortschritt",
            help="Fortschritt in Prozent (auch „70 %“).",
            metavar="ZAHL 0–100",
            parser=whole_number(0, 100, percent=True),
        ),
    ] = None,
    nachweis: Annotated[
        str | None,
        typer.Option(
            "--nachweis",
            help="Nachweis: Ratsvorlage, Link oder Dokument (Pflicht bei „umgesetzt“).",
            metavar="TEXT",
        ),
    ] = None,
    intern: Annotated[
        str | None,
        typer.Option(
            "--intern",
            help="Nur für die Verwaltung, nie veröffentlicht: ja für den ganzen Eintrag, oder Felder mit Komma, "
            "z. B. notiz,von (der Stand bleibt dann öffentlich).",
            metavar="ja|FELDER",
        ),
    ] = None,
    dry_run: DryRun = False,
    commit: Annotated[
        bool, typer.Option("--commit", help="Zusätzlich einen git-Commit nur mit dieser Datei anlegen.")
    ] = False,
) -> None:
    """Einen Sachstand am Ende des Verlaufs einer Maßnahme eintragen.

    Geprüft wird vorher: Maßnahme und Status bekannt, Wechsel erlaubt (luedialog.yaml), Datum nicht vor
    dem letzten Eintrag und nicht in der Zukunft, Nachweis bei abgeschlossenen Maßnahmen, bei überfälligen
    Maßnahmen ein Grund in der Notiz, und dass danach alle Daten gültig sind. Sonst bleibt die Datei
    unverändert. Gleicher Status mit neuer Notiz ist ein normaler Sachstandsbericht.

    Beispiel: luedialog sachstand M-BEK-02 in_umsetzung --notiz "Entwurf liegt vor" --von "FB 3" --datum 15.03.2010
    """
    from luedialog.dates import german
    from luedialog.services.sachstand import Eintrag, eintragen, intern_angabe

    today = date.today()
    day = parse_date_option(datum, "--datum") or today
    hidden = intern_angabe(intern) if intern is not None else False
    entry = Eintrag(id, status_, notiz, day, von, fortschritt, nachweis, intern=hidden)
    done = eintragen(project_root(), entry, today, dry_run=dry_run, commit=commit)
    if dry_run:
        typer.echo(done.aenderung.diff(), nl=False)
        say("Probelauf (--dry-run): nichts geschrieben.")
        return
    e = done.eintrag
    mark = " (intern)" if e.intern is True else f" (intern: {', '.join(e.intern)})" if e.intern else ""
    say(f"Eingetragen: {e.massnahme} {e.status} am {german(e.datum)} in {done.aenderung.name}{mark}")
    if done.commit:
        say("git-Commit angelegt.")
