"""``luedialog wert IND JAHR WERT``: one value at the end of an indicator's values."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import DryRun, complete_indikatoren, parse_date_option, project_root, say


def wert(
    id: Annotated[
        str,
        typer.Argument(metavar="ID", help="ID des Indikators, z. B. I-BEK-03.", autocompletion=complete_indikatoren),
    ],
    jahr: Annotated[
        str, typer.Argument(metavar="JAHR", help="Jahr, für das der Wert gilt (2010), oder ein Tag (30.06.2010).")
    ],
    wert_: Annotated[
        str,
        typer.Argument(metavar="WERT", help="Der Wert: 12,5 oder 12.5 (auch „12,5 %“), 1.234 bei Anzahlen, ja/nein."),
    ],
    quelle: Annotated[
        str, typer.Option("--quelle", help="Quelle des Werts (Statistik, Stelle, Bericht) – Pflicht.", metavar="TEXT")
    ],
    aufschluesselung: Annotated[
        list[str] | None,
        typer.Option(
            "--aufschluesselung",
            help="Für welchen Teil, z. B. Stadtteil=Gahmen (mehrfach möglich); ohne: der Wert für das Ganze.",
            metavar="NAME=WERT",
        ),
    ] = None,
    notiz: Annotated[
        str | None, typer.Option("--notiz", help="Anmerkung; bei --korrigiert der Grund (Pflicht).", metavar="TEXT")
    ] = None,
    erfasst: Annotated[
        str | None,
        typer.Option(
            "--erfasst", help="Tag der Erfassung (2011-02-01 oder 01.02.2011); Standard: heute.", metavar="DATUM"
        ),
    ] = None,
    von: Annotated[
        str | None,
        typer.Option(
            "--von",
            help="Wer den Wert einträgt (eine Stelle); Standard: sachstand_von aus luedialog.yaml, ohne es Pflicht.",
            metavar="TEXT",
        ),
    ] = None,
    korrigiert: Annotated[
        int | None,
        typer.Option("--korrigiert", help="Berichtigt den Eintrag mit dieser Nummer (ab 1).", metavar="NR", min=1),
    ] = None,
    dry_run: DryRun = False,
    commit: Annotated[
        bool, typer.Option("--commit", help="Zusätzlich einen git-Commit nur mit dieser Datei anlegen.")
    ] = False,
) -> None:
    """Einen Wert eines Indikators eintragen (am Ende seiner Werte).

    Geprüft wird vorher: Indikator bekannt, Wert passend zur Einheit (Prozent 0–100, Anzahl ganz, ja/nein),
    Aufschlüsselung aus luedialog.yaml, eine Quelle, Erfassung nicht in der Zukunft und nicht vor dem letzten
    Wert, und für jedes Jahr und jede Aufschlüsselung nur ein Wert: einen falschen Wert berichtigt ein neuer
    mit --korrigiert NR und dem Grund in --notiz. Sonst bleibt die Datei unverändert.

    Beispiel: luedialog wert I-BEK-03 2010 6,8 --quelle "Schulstatistik 2010/11" --aufschluesselung Stadtteil=Gahmen
    """
    from luedialog.model.indikatoren import aufschluesselung_text, periode_text, wert_text
    from luedialog.services.wert import Eingabe, eintragen

    today = date.today()
    day = parse_date_option(erfasst, "--erfasst") or today
    entry = Eingabe(id, jahr, wert_, quelle, day, tuple(aufschluesselung or ()), notiz, von, korrigiert)
    done = eintragen(project_root(), entry, today, dry_run=dry_run, commit=commit)
    if dry_run:
        typer.echo(done.aenderung.diff(), nl=False)
        say("Probelauf (--dry-run): nichts geschrieben.")
        return
    m = done.messung
    part = f" ({aufschluesselung_text(m.aufschluesselung)})" if m.aufschluesselung else ""
    value = wert_text(m.wert, done.indikator.einheit)
    say(f"Eingetragen: {m.indikator} {periode_text(m.periode_jahr, m.datum)}{part}: {value} in {done.aenderung.name}")
    if done.commit:
        say("git-Commit angelegt.")
