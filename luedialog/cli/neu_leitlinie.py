"""``luedialog neu leitlinie``: a guideline the council adopts later, with the decision as its source."""

from datetime import date
from typing import Annotated

import typer

from luedialog.cli.common import Commit, DryRun, complete_felder, parse_date_option, project_root, report_write


def leitlinie(
    text: Annotated[str, typer.Option("--text", help="Wortlaut der Leitlinie, wie beschlossen.", metavar="TEXT")],
    quelle: Annotated[
        str,
        typer.Option(
            "--quelle", help="Der Beschluss, z. B. „Ratsbeschluss vom 12.05.2011 (Vorlage 23/11)“.", metavar="TEXT"
        ),
    ],
    beschlossen_am: Annotated[str, typer.Option("--beschlossen-am", help="Datum des Beschlusses.", metavar="DATUM")],
    feld: Annotated[
        str | None,
        typer.Option(
            "--feld", help="Handlungsfeld: die Leitlinien-Datei dieses Felds.", autocompletion=complete_felder
        ),
    ] = None,
    datei: Annotated[
        str | None,
        typer.Option("--datei", help="Oder die Datei in data/leitlinien (z. B. grundsaetze).", metavar="NAME"),
    ] = None,
    art: Annotated[
        str | None,
        typer.Option(
            "--art", help="Art (leitlinienarten); Standard: die Art der übrigen Einträge der Datei.", metavar="ART"
        ),
    ] = None,
    id: Annotated[
        str | None,
        typer.Option(
            "--id", help="Eigene ID; Standard: die nächste freie Nummer der Datei (z. B. L-IKD-11).", metavar="ID"
        ),
    ] = None,
    nummer: Annotated[str | None, typer.Option("--nummer", help="Nummer wie im Beschluss.", metavar="TEXT")] = None,
    abschnitt: Annotated[str | None, typer.Option("--abschnitt", help="Abschnitt.", metavar="TEXT")] = None,
    ebene: Annotated[
        str | None, typer.Option("--ebene", help="Ebene eines operationalen Ziels.", metavar="TEXT")
    ] = None,
    begruendung: Annotated[str | None, typer.Option("--begruendung", help="Begründung.", metavar="TEXT")] = None,
    unterziel: Annotated[
        list[str] | None, typer.Option("--unterziel", help="Ein Unterziel (mehrfach möglich).", metavar="TEXT")
    ] = None,
    empfehlung: Annotated[
        list[str] | None,
        typer.Option("--empfehlung", help="Eine Handlungsempfehlung (mehrfach möglich).", metavar="TEXT"),
    ] = None,
    dry_run: DryRun = False,
    commit: Commit = False,
) -> None:
    """Eine Leitlinie anlegen, die der Rat später beschließt.

    Sie wird am Ende der Leitlinien ihrer Datei angehängt, mit dem Beschluss als Quelle und seinem Datum.
    Die ID ist die nächste freie Nummer der Datei, wenn Sie keine eigene angeben.

    Beispiel: luedialog neu leitlinie --feld dialog --text "Die Stadt fördert …" --quelle "Ratsbeschluss
    vom 12.05.2011 (Vorlage 23/11)" --beschlossen-am 12.05.2011
    """
    from luedialog.services.leitlinie_anlegen import NeueLeitlinie, neue_leitlinie

    day = parse_date_option(beschlossen_am, "--beschlossen-am")
    assert day is not None
    n = NeueLeitlinie(
        text,
        quelle,
        day,
        feld=feld,
        datei=datei,
        art=art,
        id=id,
        nummer=nummer,
        abschnitt=abschnitt,
        ebene=ebene,
        begruendung=begruendung,
        unterziele=tuple(unterziel or ()),
        empfehlungen=tuple(empfehlung or ()),
    )
    done = neue_leitlinie(project_root(), n, date.today(), dry_run=dry_run, commit=commit)
    ident, name = done.ergebnis
    report_write(done, dry_run, f"Angelegt: Leitlinie {ident} in {name}")
