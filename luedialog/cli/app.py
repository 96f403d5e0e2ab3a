"""The command line: arguments in, calls to the core, output through reporters, exit codes out.

Unlike every other module, this one does not use ``from __future__ import annotations``: typer
reads the parameters of every command from their annotations on every start, and string
annotations would be compiled and evaluated anew each time (some 360 of them, about 15 ms before
any command runs). Evaluated once when the module is imported, they cost a fraction of that.
"""

import os
import re
import sys
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from luedialog import __version__
from luedialog.errors import ExitCode, LuedialogError, UsageError
from luedialog.text import count, visible

if TYPE_CHECKING:
    from luedialog.services.project import Project

# Start-up time matters (`luedialog --help`, shell completion): this module imports only typer.
# The core (YAML, Jinja2, dateutil, rich) is imported inside the commands that need it.

HELP_OPTION = "Diese Hilfe anzeigen und beenden."


def _german_help_panels() -> None:
    """German panel titles in --help; typer loads its rich help (and rich) only to show help."""
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - rich is a dependency
        return
    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumente"
    rich_utils.OPTIONS_PANEL_TITLE = "Optionen"
    rich_utils.COMMANDS_PANEL_TITLE = "Befehle"
    rich_utils.ERRORS_PANEL_TITLE = "Fehler"
    rich_utils.DEFAULT_STRING = "[Standard: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[Pflicht]"
    rich_utils.ENVVAR_STRING = "[Umgebungsvariable: {}]"
    rich_utils.ABORTED_TEXT = "Abgebrochen."


_CLICK_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"No such option: (\S+)", r"Unbekannte Option: \1"),
    (r"No such command '([^']*)'\.", r"Unbekannter Befehl „\1“."),
    (r"Missing argument '([^']*)'\.", r"Es fehlt das Argument \1."),
    (r"Missing option '([^']*)'\.", r"Es fehlt die Option \1."),
    (r"Option '([^']*)' requires an argument\.", r"Die Option \1 braucht einen Wert."),
    (r"Got unexpected extra arguments?(?:\(s\))? \(([^)]*)\)", r"Unerwartete zusätzliche Angabe: \1"),
    (r"Invalid value for '([^']*)': ", r"Ungültiger Wert für \1: "),
    (r"'([^']*)' is not one of (.*)\.", r"„\1“ ist nicht erlaubt; möglich sind: \2."),
    (r"'([^']*)' is not a valid integer\.", r"„\1“ ist keine ganze Zahl."),
    (r"'([^']*)' is not in the range (.*)\.", r"„\1“ liegt nicht im Bereich \2."),
    (r"Did you mean (.*)\?", r"Meinten Sie \1?"),
    (r"Value error, ", ""),
    (r"Input should be less than or equal to (\S+)", r"höchstens \1 erlaubt"),
    (r"Input should be greater than or equal to (\S+)", r"mindestens \1 erforderlich"),
    (r"Input should be a valid integer.*", r"keine ganze Zahl"),
    (r"\(Possible options: (.*)\)", r"(Mögliche Optionen: \1)"),
)


# typer re-exports BadParameter but not its base class UsageError; take it from the MRO so this
# works with typer's vendored click and with plain click alike.
ClickUsageError: type[Exception] = typer.BadParameter.__mro__[1]

_COMPLETION_HELP = {
    "install_completion": "Tab-Vervollständigung für die aktuelle Shell einrichten.",
    "show_completion": "Skript für die Tab-Vervollständigung anzeigen (zum Kopieren oder Anpassen).",
}


def german_usage_message(message: str) -> str:
    for pattern, replacement in _CLICK_MESSAGES:
        message = re.sub(pattern, replacement, message)
    return message


def _fail(exc: LuedialogError) -> NoReturn:
    typer.echo(visible(f"Fehler: {exc}"), err=True)
    sys.exit(int(exc.exit_code))


def _show_help(ctx: Any, formatter: Any, format_help: Any) -> None:
    """typer's rich help in German."""
    _german_help_panels()
    format_help(ctx, formatter)


def _shown_params(params: Any) -> Any:
    """Parameters as --help shows them: German help for typer's completion options, and no type
    after a flag (typer would show ``--streng <bool>`` as if the flag took a value)."""
    for param in params:
        help_text = _COMPLETION_HELP.get(getattr(param, "name", "") or "")
        if help_text and hasattr(param, "help"):
            param.help = help_text
        if getattr(param, "is_flag", False) and getattr(param, "metavar", "") is None:
            param.metavar = ""
    return params


class LuedialogCommand(TyperCommand):
    """A command whose --help option speaks German."""

    def get_params(self, ctx: Any) -> Any:
        return _shown_params(super().get_params(ctx))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _show_help(ctx, formatter, super().format_help)


class LuedialogGroup(TyperGroup):
    """Turns every failure into one German line on stderr and a documented exit code."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _show_help(ctx, formatter, super().format_help)

    def get_params(self, ctx: Any) -> Any:
        return _shown_params(super().get_params(ctx))

    def main(self, *args: Any, **kwargs: Any) -> Any:
        standalone = kwargs.pop("standalone_mode", True)
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except ClickUsageError as exc:
            ctx = getattr(exc, "ctx", None)
            command = ctx.command_path if ctx is not None else "luedialog"
            message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
            if message.strip():  # empty: a command without its subcommand, whose help was just shown
                typer.echo(f"Fehler: {german_usage_message(message)}", err=True)
                typer.echo(f"Hilfe: {command} --help", err=True)
            sys.exit(int(ExitCode.USAGE))
        except typer.Abort:
            typer.echo("Abgebrochen.", err=True)
            sys.exit(int(ExitCode.FINDINGS))
        except LuedialogError as exc:
            _fail(exc)
        except Exception as exc:
            if os.environ.get("LUEDIALOG_DEBUG"):
                raise
            typer.echo(
                f"Interner Fehler in luedialog ({type(exc).__name__}: {exc}). Das ist ein Programmfehler, "
                "nicht Ihrer: bitte mit dem Befehl und dieser Zeile melden. "
                "Details mit LUEDIALOG_DEBUG=1.",
                err=True,
            )
            sys.exit(int(ExitCode.INTERNAL))
        if not standalone:
            return result
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name="luedialog",
    cls=LuedialogGroup,
    help=(
        "luedialog führt Leitlinien, Maßnahmen und Gruppen eines Bürgerdialogs als YAML-Dateien "
        "in git und zeigt, was aus ihnen geworden ist.\n\n"
        "Beispiel: luedialog status --stichtag 31.12.2010"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["--help", "-h"]},
)


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


class PruefFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


def parse_date_option(value: str | None, option: str) -> date | None:
    """``2010-12-31`` or ``31.12.2010`` → date; a German usage error otherwise."""
    if value is None:
        return None
    from luedialog.dates import InvalidDateError, parse_date

    try:
        return parse_date(value)
    except InvalidDateError as exc:
        raise UsageError(f"{option}: {exc}.") from None


class State:
    daten: Path | None = None


_state = State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"luedialog {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    daten: Annotated[
        Path | None,
        typer.Option(
            "--daten",
            help="Projektordner (mit luedialog.yaml). Ohne Angabe wird vom aktuellen Ordner aufwärts gesucht.",
            metavar="PFAD",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", help="Version anzeigen und beenden.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """luedialog: Leitlinien, Maßnahmen und Gruppen eines Bürgerdialogs."""
    _state.daten = daten


def _project(root: Path | None = None) -> "Project":
    """The project at ``root``, at --daten, or found from the working directory upwards."""
    from luedialog.services.project import Project, open_project

    return Project(root) if root is not None else open_project(_state.daten)


def _path_prefix(root: Path) -> str:
    """The project's folder relative to the git repository (CI tools want repository paths)."""
    from luedialog import gitutil

    return gitutil.prefix(root)


def _print(renderable: Any) -> None:
    from rich.console import Console

    Console(highlight=False, soft_wrap=False).print(renderable)


# --- shell completion: IDs, statuses, fields … from the project (never fails, never prints) ---


def _completion_snapshot(ctx: typer.Context) -> Any:
    try:
        root = ctx.find_root().params.get("daten")
        from luedialog.paths import find_root
        from luedialog.snapshot import load_snapshot

        return load_snapshot(Path(root) if root else find_root(Path.cwd())).snapshot
    except Exception:  # completion must never break the shell
        return None


def _matching(values: Any, incomplete: str) -> list[str]:
    return sorted(v for v in values if str(v).lower().startswith(incomplete.lower()))


def complete_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching([*snap.leitlinien, *snap.massnahmen], incomplete) if snap else []


def complete_massnahmen(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.massnahmen, incomplete) if snap else []


def complete_leitlinien(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.leitlinien, incomplete) if snap else []


def complete_status(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.config.status_keys, incomplete) if snap else []


def complete_felder(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching([h.schluessel for h in snap.config.handlungsfelder], incomplete) if snap else []


def complete_stadtteile(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.config.stadtteile, incomplete) if snap else []


def complete_gruppen(ctx: typer.Context, incomplete: str) -> list[str]:
    snap = _completion_snapshot(ctx)
    return _matching(snap.gruppen, incomplete) if snap else []


STICHTAG_HELP = "Stand an diesem Tag berechnen (2010-12-31 oder 31.12.2010); Standard: heute."


@app.command(cls=LuedialogCommand)
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
    stichtag: Annotated[str | None, typer.Option("--stichtag", help=STICHTAG_HELP, metavar="DATUM")] = None,
    seit: Annotated[
        str | None,
        typer.Option(
            "--seit",
            help="Auch prüfen, dass seit dieser git-Revision kein Verlaufseintrag geändert oder entfernt wurde.",
            metavar="REV",
        ),
    ] = None,
) -> None:
    """Alle Dateien prüfen und jeden Fund mit Datei und Zeile melden.

    Geprüft werden YAML-Syntax, doppelte und unbekannte Schlüssel, Pflichtfelder, Typen, Werte aus den
    Vokabularen in luedialog.yaml, eindeutige IDs, Verweise, Teil-von-Kreise, Reihenfolge und
    Übergänge im Verlauf sowie Daten.

    Mit --seit REV zusätzlich: Verlaufseinträge, die es in REV gab, sind unverändert (der Verlauf
    wird nur fortgeschrieben).

    Exit-Code 0: alles in Ordnung; 1: Fehler gefunden (mit --streng auch bei Warnungen).

    Beispiel: luedialog pruefen --seit origin/main
    """
    from luedialog.reporters import findings as report

    day = parse_date_option(stichtag, "--stichtag") or date.today()
    project = _project()
    result = project.check(day, seit)
    if format is PruefFormat.json:
        text = report.as_json(result.findings, result.files)
    elif format is PruefFormat.github:
        from luedialog.reporters import ci

        text = ci.github(result.findings, _path_prefix(project.root))
    elif format is PruefFormat.gitlab:
        from luedialog.reporters import ci

        text = ci.gitlab(result.findings, _path_prefix(project.root))
    else:
        text = report.as_text(result.findings, result.files)
    if ausgabe is not None:
        try:
            ausgabe.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise LuedialogError(f"{ausgabe} kann nicht geschrieben werden ({exc.strerror}).") from None
        typer.echo(report.summary(result.findings, result.files), err=True)
    elif text:
        typer.echo(text)
    failed = result.has_errors or (streng and bool(result.findings))
    raise typer.Exit(int(ExitCode.FINDINGS) if failed else int(ExitCode.OK))


@app.command(cls=LuedialogCommand)
def status(
    feld: Annotated[
        str | None,
        typer.Option(
            "--feld", help="Nur dieses Handlungsfeld (Schlüssel, z. B. bildung).", autocompletion=complete_felder
        ),
    ] = None,
    status_: Annotated[
        str | None, typer.Option("--status", help="Nur Maßnahmen mit diesem Status.", autocompletion=complete_status)
    ] = None,
    stadtteil: Annotated[
        str | None,
        typer.Option("--stadtteil", help="Nur Maßnahmen in diesem Stadtteil.", autocompletion=complete_stadtteile),
    ] = None,
    gruppe: Annotated[
        str | None, typer.Option("--gruppe", help="Nur Maßnahmen dieser Gruppe (ID).", autocompletion=complete_gruppen)
    ] = None,
    stichtag: Annotated[str | None, typer.Option("--stichtag", help=STICHTAG_HELP, metavar="DATUM")] = None,
    format: Annotated[TextOrJson, typer.Option("--format", help="Ausgabeformat.")] = TextOrJson.text,
) -> None:
    """Den Stand auf einen Blick: Maßnahmen je Handlungsfeld und Status.

    Dazu überfällige Maßnahmen (Zieldatum verstrichen, nicht abgeschlossen), veraltete (lange kein
    Sachstand) und die letzten Änderungen. Alles wird aus dem Verlauf bis zum Stichtag berechnet.

    Beispiel: luedialog status --feld bildung --stichtag 31.12.2010
    """
    day = parse_date_option(stichtag, "--stichtag") or date.today()
    if format is TextOrJson.json:
        from luedialog.reporters.json_output import status_json

        project = _project()
        data = project.status(day, feld=feld, status=status_, stadtteil=stadtteil, gruppe=gruppe)
        typer.echo(status_json(project.snapshot.config, data))
        return
    from luedialog.reporters.terminal import status_overview

    project = _project()
    data = project.status(day, feld=feld, status=status_, stadtteil=stadtteil, gruppe=gruppe)
    _print(status_overview(project.snapshot.config, data))


@app.command(cls=LuedialogCommand)
def zeige(
    id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="ID einer Leitlinie (z. B. L-BEK-C1) oder Maßnahme (z. B. M-BEK-01).",
            autocompletion=complete_ids,
        ),
    ],
    stichtag: Annotated[str | None, typer.Option("--stichtag", help=STICHTAG_HELP, metavar="DATUM")] = None,
    format: Annotated[TextOrJson, typer.Option("--format", help="Ausgabeformat.")] = TextOrJson.text,
) -> None:
    """Eine Leitlinie oder eine Maßnahme im Detail anzeigen.

    Eine Leitlinie mit Wortlaut und den Maßnahmen, die ihr dienen; eine Maßnahme mit Wortlaut,
    Leitlinien, Teilmaßnahmen und dem ganzen Verlauf als Zeitleiste.

    Beispiel: luedialog zeige M-SUW-20
    """
    day = parse_date_option(stichtag, "--stichtag") or date.today()
    project = _project()
    detail = project.detail(id, day)
    from luedialog.queries.stand import LeitlinieDetail

    config = project.snapshot.config
    if format is TextOrJson.json:
        from luedialog.reporters.json_output import detail_json

        typer.echo(detail_json(detail))
        return
    from luedialog.reporters import terminal

    if isinstance(detail, LeitlinieDetail):
        _print(terminal.leitlinie_detail(config, detail))
    else:
        _print(terminal.massnahme_detail(config, detail))


def _write_out(parts: Iterator[bytes]) -> None:
    """UTF-8 parts to the console as they come, ending with a line break."""
    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    last = b""
    for part in parts:
        if binary is not None:
            binary.write(part)
        else:  # a text-only stream (some IDEs)
            sys.stdout.write(part.decode("utf-8"))
        last = part or last
    if not last.endswith(b"\n"):
        if binary is not None:
            binary.write(b"\n")
        else:
            sys.stdout.write("\n")


@app.command(cls=LuedialogCommand)
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="json oder csv (für Excel).")] = ExportFormat.json,
    ausgabe: Annotated[
        Path | None, typer.Option("--ausgabe", help="In diese Datei schreiben statt auf die Konsole.", metavar="DATEI")
    ] = None,
    stichtag: Annotated[str | None, typer.Option("--stichtag", help=STICHTAG_HELP, metavar="DATUM")] = None,
) -> None:
    """Den ganzen geprüften Datenbestand ausgeben (JSON oder CSV).

    JSON für Programme: {"leitlinien": [...], "massnahmen": [...], "gruppen": [...]}. CSV für Excel:
    Semikolon, UTF-8 mit BOM, eine Zeile je Maßnahme. Enthalten die Daten Fehler, wird nichts exportiert.

    Beispiel: luedialog export --format csv --ausgabe massnahmen.csv
    """
    from luedialog.reporters import export as exporter

    day = parse_date_option(stichtag, "--stichtag") or date.today()
    project = _project()
    project.require_valid()
    # JSON goes to the console piece by piece: a big export need not be held in memory as one text
    parts = exporter.export_parts(project.snapshot, format.value, day)
    if ausgabe is None:
        _write_out(parts)
        return
    try:
        ausgabe.write_bytes(b"".join(parts))  # all or nothing
    except OSError as exc:
        raise LuedialogError(f"{ausgabe} kann nicht geschrieben werden ({exc.strerror}).") from None
    typer.echo(f"Geschrieben: {ausgabe}", err=True)


@app.command(cls=LuedialogCommand)
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
    notiz: Annotated[str, typer.Option("--notiz", help="Der Sachstand in Worten (Pflicht).")],
    datum: Annotated[
        str | None, typer.Option("--datum", help="Datum des Sachstands (2010-03-15 oder 15.03.2010); Standard: heute.")
    ] = None,
    von: Annotated[
        str | None,
        typer.Option("--von", help="Wer berichtet; Standard: sachstand_von aus luedialog.yaml, sonst git user.name."),
    ] = None,
    fortschritt: Annotated[
        int | None, typer.Option("--fortschritt", min=0, max=100, help="Fortschritt in Prozent (0–100).")
    ] = None,
    nachweis: Annotated[
        str | None,
        typer.Option("--nachweis", help="Nachweis: Ratsvorlage, Link oder Dokument (Pflicht bei „umgesetzt“)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Nur die Änderung als Diff zeigen, nichts schreiben.")
    ] = False,
    commit: Annotated[
        bool, typer.Option("--commit", help="Zusätzlich einen git-Commit nur mit dieser Datei anlegen.")
    ] = False,
) -> None:
    """Einen Sachstand am Ende des Verlaufs einer Maßnahme eintragen.

    Geprüft wird vorher: Maßnahme und Status bekannt, Wechsel erlaubt (luedialog.yaml), Datum nicht vor
    dem letzten Eintrag und nicht in der Zukunft, Nachweis bei abgeschlossenen Maßnahmen, bei überfälligen
    Maßnahmen ein Grund in der Notiz, und dass danach alle Daten gültig sind. Sonst bleibt die Datei
    unverändert. Gleicher Status mit neuer Notiz ist ein normaler Sachstandsbericht.

    Beispiel: luedialog sachstand M-BEK-02 in_umsetzung --notiz "Entwurf liegt vor" --datum 15.03.2010
    """
    from luedialog import gitutil
    from luedialog.services.sachstand import Eintrag, record

    today = date.today()
    day = parse_date_option(datum, "--datum") or today
    project = _project()
    root = project.root
    if commit and not gitutil.is_repository(root):
        raise UsageError("--commit braucht ein git-Repository; der Projektordner ist keines.")
    who = von or project.snapshot.config.sachstand_von or gitutil.user_name(root)
    entry = Eintrag(id, status_, notiz, day, who, fortschritt, nachweis)
    changes = record(root, [entry], today, dry_run=dry_run)
    change = changes[0]
    if dry_run:
        typer.echo(change.diff(), nl=False)
        typer.echo("Probelauf (--dry-run): nichts geschrieben.", err=True)
        return
    typer.echo(f"Eingetragen: {id} {status_} am {day.strftime('%d.%m.%Y')} in {change.name}", err=True)
    if commit:
        gitutil.commit_file(root, change.name, f"Sachstand {id}: {status_} ({day.strftime('%d.%m.%Y')})")
        typer.echo("git-Commit angelegt.", err=True)


abfrage_app = typer.Typer(
    cls=LuedialogGroup,
    help="Die jährliche Sachstandsabfrage an die Fachbereiche als Tabelle (CSV für Excel).\n\n"
    "Beispiel: luedialog abfrage erstellen --ausgabe abfrage-2010.csv",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(abfrage_app, name="abfrage")


@abfrage_app.command("erstellen", cls=LuedialogCommand)
def abfrage_erstellen(
    verantwortlich: Annotated[
        str | None, typer.Option("--verantwortlich", help="Nur Maßnahmen dieser verantwortlichen Stelle.")
    ] = None,
    ausgabe: Annotated[
        Path | None,
        typer.Option(
            "--ausgabe",
            help="CSV-Datei; Standard: sachstandsabfrage-DATUM.csv. Daneben entsteht DATEI-hinweise.txt.",
            metavar="DATEI",
        ),
    ] = None,
    stichtag: Annotated[str | None, typer.Option("--stichtag", help=STICHTAG_HELP, metavar="DATUM")] = None,
) -> None:
    """Eine Tabelle mit allen offenen Maßnahmen zum Ausfüllen schreiben.

    Eine Zeile je Maßnahme, die nicht abgeschlossen ist: ID, Titel, aktueller Status, letzte Notiz, mögliche
    neue Status und leere Spalten für neuen Status, Datum, Notiz, Nachweis, Fortschritt und wer berichtet.
    Die Erläuterung der Spalten steht in einer zweiten Datei (…-hinweise.txt).

    Beispiel: luedialog abfrage erstellen --verantwortlich "FB 3" --ausgabe fb3.csv
    """
    from luedialog.services.abfrage import erstellen

    day = parse_date_option(stichtag, "--stichtag") or date.today()
    project = _project()
    project.require_valid()
    result = erstellen(project.snapshot, day, verantwortlich)
    target = ausgabe or Path(f"sachstandsabfrage-{day.isoformat()}.csv")
    hints = target.with_name(f"{target.stem}-hinweise.txt")
    try:
        target.write_text(result.csv, encoding="utf-8", newline="")
        hints.write_text(result.hinweise, encoding="utf-8")
    except OSError as exc:
        raise LuedialogError(f"{target} kann nicht geschrieben werden ({exc.strerror}).") from None
    typer.echo(f"Geschrieben: {target} ({result.zeilen} Maßnahmen) und {hints}", err=True)


@abfrage_app.command("einlesen", cls=LuedialogCommand)
def abfrage_einlesen(
    datei: Annotated[Path, typer.Argument(metavar="DATEI", help="Die ausgefüllte CSV-Datei.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Nur prüfen und die Änderungen zeigen, nichts schreiben.")
    ] = False,
) -> None:
    """Die ausgefüllte Tabelle einlesen: jede ausgefüllte Zeile wird ein Sachstand.

    Alles oder nichts: Ist auch nur eine Zeile ungültig, wird nichts geschrieben und jede fehlerhafte Zeile
    mit Zeilennummer und Grund genannt. Leere Zeilen werden übersprungen. Excel-Dateien mit oder ohne BOM,
    mit Semikolon oder Komma und mit Daten wie 15.03.2010 werden gelesen; Formeln gelten als Text.

    Beispiel: luedialog abfrage einlesen fb3.csv --dry-run
    """
    from luedialog.services.abfrage import ZeilenFehler, einlesen

    project = _project()
    try:
        raw = datei.read_bytes()
    except OSError as exc:
        raise LuedialogError(f"{datei} kann nicht gelesen werden ({exc.strerror}).") from None
    try:
        result = einlesen(project.root, raw, date.today(), dry_run=dry_run)
    except ZeilenFehler as exc:
        typer.echo(f"Fehler: {exc}", err=True)
        for number, reason in exc.rows:
            typer.echo(visible(f"  Zeile {number}: {reason}", one_line=True), err=True)
        raise typer.Exit(int(ExitCode.FINDINGS)) from None
    if dry_run:
        for change in result.aenderungen:
            typer.echo(change.diff(), nl=False)
    verb = "Würde eintragen" if dry_run else "Eingetragen"
    already = ""
    if result.schon_eingetragen:
        numbers = ", ".join(str(number) for number, _ in result.schon_eingetragen)
        rows = count(len(result.schon_eingetragen), "Zeile war", "Zeilen waren")
        already = f"; {rows} schon eingetragen (Zeile {numbers})"
    typer.echo(
        f"{verb}: {count(len(result.eintraege), 'Sachstand', 'Sachstände')} in "
        f"{count(len(result.aenderungen), 'Datei', 'Dateien')}; "
        f"{count(result.uebersprungen, 'leere Zeile', 'leere Zeilen')} übersprungen{already}.",
        err=True,
    )
    for number, entry in result.eintraege:
        typer.echo(f"  Zeile {number}: {entry.massnahme} {entry.status} ({entry.datum.strftime('%d.%m.%Y')})", err=True)


@app.command(cls=LuedialogCommand)
def gruppen(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="GRUPPE", help="ID einer Gruppe (z. B. ag-bildung); ohne: alle.", autocompletion=complete_gruppen
        ),
    ] = None,
    stichtag: Annotated[str | None, typer.Option("--stichtag", help=STICHTAG_HELP, metavar="DATUM")] = None,
    format: Annotated[TextOrJson, typer.Option("--format", help="Ausgabeformat.")] = TextOrJson.text,
    intern: Annotated[
        bool,
        typer.Option(
            "--intern",
            help="Namen auch ohne Einwilligung zeigen (nur im Terminal, nur für die Verwaltung; JSON nie).",
        ),
    ] = False,
) -> None:
    """Die Gruppen des Dialogs: Mitglieder, besetzte und leere Sitze, Sitzungen, Empfehlungen.

    Ohne Angabe eine Übersicht aller Gruppen mit den verbindlichen Erklärungen, die in den nächsten
    90 Tagen enden (Erneuerung vor der Jahreskonferenz); mit ID die Gruppe im Detail. Namen von
    Mitgliedern ohne Einwilligung (`veroeffentlichen: nein`) erscheinen als „N. N.“ mit ihrer Rolle.

    Beispiel: luedialog gruppen ag-bildung --stichtag 31.12.2010
    """
    from luedialog.queries.gruppen import ansicht, ansichten

    day = parse_date_option(stichtag, "--stichtag") or date.today()
    project = _project()
    snap = project.snapshot
    show_names = intern and format is TextOrJson.text
    if name is None:
        views = ansichten(snap, day, show_names)
    else:
        group = snap.gruppen.get(name)
        if group is None:
            from luedialog.model.schema import suggest

            hint = suggest(name, list(snap.gruppen)) or "Vorhanden: " + ", ".join(sorted(snap.gruppen)) + "."
            raise LuedialogError(f"Keine Gruppe mit der ID „{name}“.", hint=hint)
        views = [ansicht(snap, group, day, show_names)]
    if format is TextOrJson.json:
        from luedialog.reporters.json_output import gruppen_json

        typer.echo(gruppen_json(snap.config, day, views))
        return
    from luedialog.reporters import terminal

    if name is None:
        _print(terminal.gruppen_overview(snap.config, day, views))
    else:
        _print(terminal.gruppe_detail(snap.config, day, views[0]))


@app.command(cls=LuedialogCommand)
def schema(
    ausgabe: Annotated[
        Path | None,
        typer.Option("--ausgabe", help="Zielordner; Standard: schema/ im Projektordner.", metavar="ORDNER"),
    ] = None,
) -> None:
    """JSON-Schemas für Editoren schreiben (Konfiguration, Leitlinien, Maßnahme, Gruppe).

    Die Schemas entstehen aus denselben Regeln, mit denen `luedialog pruefen` prüft, und enthalten die
    Vokabulare aus luedialog.yaml (Handlungsfelder, Status …). Jede Datendatei verweist in ihrer ersten
    Zeile darauf (`# yaml-language-server: $schema=…`); VS Code mit der YAML-Erweiterung ergänzt dann
    Schlüssel und markiert Fehler schon beim Tippen.

    Beispiel: luedialog schema --ausgabe schema/
    """
    from luedialog.model.jsonschemas import SCHEMA_DIR, dumps, schemas

    project = _project()
    target = ausgabe or project.root / SCHEMA_DIR
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, body in schemas(project.snapshot.config).items():
            (target / name).write_text(dumps(body), encoding="utf-8")
    except OSError as exc:
        raise LuedialogError(f"{target} kann nicht geschrieben werden ({exc.strerror}).") from None
    typer.echo(f"Geschrieben: {len(schemas(None))} Schemas in {target}", err=True)


neu_app = typer.Typer(
    cls=LuedialogGroup,
    help='Neues anlegen.\n\nBeispiel: luedialog neu massnahme --feld bildung --titel "Leseförderung"',
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
app.add_typer(neu_app, name="neu")


@neu_app.command("massnahme", cls=LuedialogCommand)
def neu_massnahme(
    feld: Annotated[
        str,
        typer.Option("--feld", help="Handlungsfeld (Schlüssel aus luedialog.yaml).", autocompletion=complete_felder),
    ],
    titel: Annotated[str, typer.Option("--titel", help="Kurzer Titel der Maßnahme.")],
    leitlinie: Annotated[
        list[str] | None,
        typer.Option(
            "--leitlinie",
            help="ID einer Leitlinie, der sie dient (mehrfach möglich).",
            autocompletion=complete_leitlinien,
        ),
    ] = None,
    teil_von: Annotated[
        str | None,
        typer.Option("--teil-von", help="ID der übergeordneten Maßnahme.", autocompletion=complete_massnahmen),
    ] = None,
    art: Annotated[str | None, typer.Option("--art", help="Art (massnahmenarten); Standard: massnahme.")] = None,
    beschreibung: Annotated[str | None, typer.Option("--beschreibung", help="Beschreibung in Worten.")] = None,
    status_: Annotated[
        str | None, typer.Option("--status", help="Status des ersten Eintrags; Standard: der erste Status.")
    ] = None,
    notiz: Annotated[str, typer.Option("--notiz", help="Notiz des ersten Eintrags.")] = "Neu angelegt.",
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Nur zeigen, nichts schreiben.")] = False,
) -> None:
    """Eine neue Maßnahme mit der nächsten freien ID anlegen.

    Die Datei bekommt den Verweis auf das JSON-Schema, die Angaben und einen ersten Verlaufseintrag
    (heute). Vor dem Schreiben wird geprüft, dass alle Daten danach gültig sind.

    Beispiel: luedialog neu massnahme --feld bildung --titel "Leseförderung" --leitlinie L-BEK-C10
    """
    from luedialog import gitutil
    from luedialog.services.massnahme_anlegen import NeueMassnahme, neue_massnahme

    project = _project()
    von = project.snapshot.config.sachstand_von or gitutil.user_name(project.root)
    n = NeueMassnahme(feld, titel, tuple(leitlinie or ()), teil_von, art, beschreibung, status_, notiz, von)
    ident, text = neue_massnahme(project.root, n, date.today(), dry_run=dry_run)
    if dry_run:
        typer.echo(text, nl=False)
        typer.echo(f"Probelauf (--dry-run): {ident} nicht geschrieben.", err=True)
        return
    typer.echo(f"Angelegt: {ident} in data/massnahmen/{ident}.yaml", err=True)


@app.command(cls=LuedialogCommand)
def init(
    ordner: Annotated[Path, typer.Argument(metavar="ORDNER", help="Ordner für das neue Projekt.")],
    name: Annotated[str, typer.Option("--name", help="Name des Prozesses, z. B. „Musterstädter Dialog“.")],
    kommune: Annotated[str, typer.Option("--kommune", help="Name der Kommune.")] = "",
    beginn: Annotated[
        str | None, typer.Option("--beginn", help="Beginn des Prozesses (Standard: heute).", metavar="DATUM")
    ] = None,
    ende_jahr: Annotated[
        int | None, typer.Option("--ende-jahr", help="Jahr, in dem der Prozess endet (Standard: Beginn + 5).")
    ] = None,
    feld: Annotated[
        list[str] | None,
        typer.Option("--feld", help="Handlungsfeld als schluessel=Name, z. B. bildung=Bildung (mehrfach möglich)."),
    ] = None,
) -> None:
    """Einen neuen Dialogprozess für eine andere Stadt anlegen.

    Legt die Konfiguration mit dem Statusvokabular, leere Datenordner, die Berichtsvorlagen, die
    CI-Dateien für GitLab und GitHub, JSON-Schemas und ein README an. `luedialog pruefen` läuft darauf
    sofort fehlerfrei.

    Beispiel: luedialog init ../musterstadt --name "Musterstädter Dialog" --feld bildung=Bildung
    """
    from luedialog.reports.render import PACKAGE_TEMPLATES
    from luedialog.services.ci_vorlagen import ci_files
    from luedialog.services.massnahme_anlegen import init_project

    start = parse_date_option(beginn, "--beginn") or date.today()
    fields: list[tuple[str, str]] = []
    for item in feld or []:
        key, sep, label = item.partition("=")
        if not sep or not key.strip() or not label.strip():
            raise UsageError(f"--feld „{item}“: erwartet wird schluessel=Name, z. B. bildung=Bildung.")
        fields.append((key.strip(), label.strip()))
    written = init_project(
        ordner, name, kommune, start, ende_jahr or start.year + 5, fields, ci_files(), PACKAGE_TEMPLATES
    )
    typer.echo(f"Angelegt: {len(written)} Dateien in {ordner}. Weiter mit: cd {ordner} && luedialog pruefen", err=True)


class BerichtFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


class BerichtArt(StrEnum):
    rat = "rat"
    jahreskonferenz = "jahreskonferenz"
    alle = "alle"


@app.command(cls=LuedialogCommand)
def bericht(
    art: Annotated[
        BerichtArt,
        typer.Argument(metavar="BERICHT", help="rat, jahreskonferenz oder alle (alle Berichte aller Jahre)."),
    ],
    jahr: Annotated[int | None, typer.Option("--jahr", help="Berichtsjahr, z. B. 2010.")] = None,
    format: Annotated[BerichtFormat, typer.Option("--format", help="md, html oder pdf.")] = BerichtFormat.md,
    ausgabe: Annotated[
        Path | None,
        typer.Option(
            "--ausgabe",
            help="Datei (bei „alle“: Ordner). Standard: Markdown auf die Konsole, sonst z. B. rat-2010.html.",
            metavar="PFAD",
        ),
    ] = None,
    stichtag: Annotated[
        str | None,
        typer.Option(
            "--stichtag",
            help="Stand der Daten (Standard: 31.12. des Jahres, im laufenden Jahr heute).",
            metavar="DATUM",
        ),
    ] = None,
    vorlagen: Annotated[
        Path | None, typer.Option("--vorlagen", help="Eigene Jinja2-Vorlagen der Stadt.", metavar="ORDNER")
    ] = None,
) -> None:
    """Den Bericht an den Rat oder zur Jahreskonferenz erzeugen (Markdown, HTML oder PDF).

    Der Ratsbericht zeigt je Handlungsfeld die Ampel, Lücken bei den Leitlinien, alle Maßnahmen,
    Änderungen im Jahr, Überfälliges, Abgeschlossenes, den Ausblick und die Finanzen; dazu die
    Jahreskonferenz und die Arbeit der Gruppen. Gleiche Daten und gleicher Stichtag ergeben dieselbe
    Datei. `bericht alle --ausgabe ORDNER` erzeugt alle Berichte aller Jahre mit einer index.html.

    Beispiel: luedialog bericht rat --jahr 2010 --format html
    """
    from luedialog.reports.build import render, render_all
    from luedialog.reports.render import Templates, file_name

    today = date.today()
    day = parse_date_option(stichtag, "--stichtag")
    project = _project()
    project.require_valid()
    templates = Templates.find(project.root, vorlagen)
    if art is BerichtArt.alle:
        if ausgabe is None:
            raise UsageError("bericht alle braucht --ausgabe ORDNER.")
        written = render_all(project.snapshot, templates, ausgabe, today)
        typer.echo(f"Geschrieben: {len(written)} Dateien in {ausgabe} (Einstieg: {ausgabe / 'index.html'})", err=True)
        return
    if jahr is None:
        raise UsageError("Bitte das Berichtsjahr angeben: --jahr JAHR.")
    result = render(project.snapshot, templates, art.value, jahr, format.value, day, today)
    if ausgabe is None and format is BerichtFormat.md:
        sys.stdout.write(result.inhalt.decode("utf-8"))
        return
    target = ausgabe or Path(file_name(art.value, jahr, format.value))
    try:
        target.write_bytes(result.inhalt)
    except OSError as exc:
        raise LuedialogError(f"{target} kann nicht geschrieben werden ({exc.strerror}).") from None
    typer.echo(f"Geschrieben: {target}", err=True)


def main() -> None:
    """Entry point of the console script."""
    app(prog_name="luedialog")
