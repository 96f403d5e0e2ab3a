"""``luedialog indikatoren``: each indicator's latest value, trend and assessment against its target."""

from typing import Annotated

import typer

from luedialog.cli.common import Format, Stichtag, TextOrJson, complete_felder, day_or_today, emit, project


def indikatoren(
    feld: Annotated[
        str | None,
        typer.Option(
            "--feld", help="Nur dieses Handlungsfeld (Schlüssel, z. B. bildung).", autocompletion=complete_felder
        ),
    ] = None,
    stichtag: Stichtag = None,
    format: Format = TextOrJson.text,
) -> None:
    """Die Indikatoren: letzter Wert, Trend (die letzten drei Werte) und Bewertung gegen das Ziel.

    Bewertet wird „auf Kurs“, „nicht auf Kurs“, „erreicht“ oder „keine Daten“, mit der Regel, die
    entschieden hat (z. B. bei „sinken“: der letzte Wert liegt unter dem ersten im Prozesszeitraum).
    Es zählen die Werte, die bis zum Stichtag erfasst sind, Korrekturen eingerechnet.

    Beispiel: luedialog indikatoren --feld bildung --stichtag 31.12.2010
    """
    from luedialog.reporters import VIEW_REPORTER_BY_NAME

    day = day_or_today(stichtag)
    current = project()
    data = current.indikatoren(day, feld=feld)
    emit(VIEW_REPORTER_BY_NAME[format.value].indikatoren(current.snapshot.config, data))
