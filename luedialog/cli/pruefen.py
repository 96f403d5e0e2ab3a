"""``luedialog pruefen``: check every file and report each finding with file and line."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from luedialog.cli.common import Stichtag, day_or_today, emit, emit_lines, project, say
from luedialog.errors import ExitCode
from luedialog.text import count


class PruefFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


def pruefen(
    format: Annotated[
        PruefFormat,
        typer.Option(
            "--format",
            help="text (für Menschen), json (stabile Schnittstelle, siehe docs/pruefen-json.md), "
            "github (Annotationen in GitHub Actions) oder gitlab (Code-Quality-Bericht).",
        ),
    ] = PruefFormat.text,
    ausgabe: Annotated[
        Path | None,
        typer.Option(
            "--ausgabe", help="In diese Datei schreiben (z. B. gl-code-quality-report.json).", metavar="DATEI"
        ),
    ] = None,
    streng: Annotated[bool, typer.Option("--streng", help="Auch Warnungen lassen die Prüfung scheitern.")] = False,
    stichtag: Stichtag = None,
    seit: Annotated[
        str | None,
        typer.Option(
            "--seit",
            help="Auch prüfen, dass seit dieser git-Revision kein Verlaufseintrag geändert oder entfernt wurde.",
            metavar="REV",
        ),
    ] = None,
    oeffentlich: Annotated[
        Path | None,
        typer.Option(
            "--oeffentlich",
            help="Statt der Daten einen erzeugten Ordner (Berichte, Website, offene Daten) prüfen: kein interner "
            "Text, kein Name ohne Einwilligung. Gelesen werden Textdateien (HTML, XML, JSON, CSV, Markdown, CSS, "
            "JavaScript, Text); PDFs und Bilder nicht.",
            metavar="ORDNER",
        ),
    ] = None,
) -> None:
    """Alle Dateien prüfen und jeden Fund mit Datei und Zeile melden.

    Geprüft werden YAML-Syntax, doppelte und unbekannte Schlüssel, Pflichtfelder, Typen, Werte aus den
    Vokabularen in luedialog.yaml, eindeutige IDs, Verweise, Teil-von-Kreise, Reihenfolge und
    Übergänge im Verlauf sowie Daten.

    Mit --seit REV zusätzlich: Verlaufseinträge, die es in REV gab, sind unverändert (der Verlauf
    wird nur fortgeschrieben).

    Mit --oeffentlich ORDNER vor dem Veröffentlichen: Jede Datei im Ordner wird nach jedem als intern
    markierten Text und jedem Namen ohne Einwilligung durchsucht; jeder Fund nennt Datei und Art, nie den
    Text oder den Namen selbst.

    Exit-Code 0: alles in Ordnung; 1: Fehler gefunden (mit --streng auch bei Warnungen).

    Beispiel: luedialog pruefen --seit origin/main
    Beispiel: luedialog pruefen --oeffentlich berichte/
    """
    from luedialog.reporters import FINDINGS_REPORTER_BY_NAME
    from luedialog.reporters.findings import summary
    from luedialog.services.ausgabe import write_output

    day = day_or_today(stichtag)
    current = project()
    if oeffentlich is not None:
        from luedialog.services.veroeffentlicht import pruefe_ordner

        found = pruefe_ordner(current.snapshot, oeffentlich)
        lines = [f"{oeffentlich / f.datei}: {f.art}" for f in found.funde]
        read = (
            count(found.dateien, "Textdatei", "Textdateien")
            + " geprüft"
            + (
                f" ({count(found.uebersprungen, 'andere Datei', 'andere Dateien')} nicht gelesen)"
                if found.uebersprungen
                else ""
            )
        )
        if lines:
            emit_lines("\n".join(lines))
            say(
                f"{read}: {count(len(lines), 'Fund', 'Funde')}. Nicht veröffentlichen; erzeugen Sie den Ordner neu "
                "(ohne --intern)."
            )
            raise typer.Exit(int(ExitCode.FINDINGS))
        say(f"Nichts Internes, kein Name ohne Einwilligung: {read}.")
        raise typer.Exit(int(ExitCode.OK))
    result = current.check(day, seit)
    prefix = current.repository_prefix() if format in (PruefFormat.github, PruefFormat.gitlab) else ""
    text = FINDINGS_REPORTER_BY_NAME[format.value](result.findings, result.files, prefix)
    if ausgabe is not None:
        write_output(current.root, ausgabe, (text + "\n").encode("utf-8"))
        say(summary(result.findings, result.files))
    elif text and format is PruefFormat.text:
        emit_lines(text)
    elif text:
        emit(text)
    raise typer.Exit(int(ExitCode.FINDINGS if result.failed(streng) else ExitCode.OK))
