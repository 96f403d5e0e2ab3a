"""Render report contexts with Jinja2 templates to Markdown, HTML or PDF."""

from __future__ import annotations

import calendar
import contextlib
import html
import inspect
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from luedialog import zahlen
from luedialog.errors import LuedialogError, reason
from luedialog.model import ampel
from luedialog.paths import package_folder
from luedialog.text import CONTROL_CHARS, visible

TEMPLATE_DIR = "templates"
PACKAGE_TEMPLATES = package_folder("luedialog.templates")  # the built-in templates
REPORTS = ("rat", "jahreskonferenz")
FORMATS = ("md", "html", "pdf")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~])")
# "&" only matters where it would start a character reference such as "&amp;" or "&#42;"
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_NUMBERED = re.compile(r"^(\u00a0*)(\d+)([.)])(?=\s|$)")
_MD_RULE = re.compile(r"^(\u00a0*)([-=])")
_MD_BREAK = re.compile(r"\s*\n\s*")
# only a line starting with one of these (or a digit) can need more than the character escapes
_MD_LINE_START = frozenset(" \t\u00a0-=")
# a text of none of the characters any step of mdcell acts on (most cells of a report)
_MD_PLAIN = re.compile(f"[^\\\\`*_{{}}\\[\\]<>#+!|~&\n{CONTROL_CHARS}]+")


def md(text: object) -> str:
    """Escape text from the data so Markdown (GitHub, GitLab) shows it literally in a paragraph.

    Control characters are shown as ``\\x1b`` …: a Markdown report goes to the terminal too.
    """
    value = visible("" if text is None else str(text))
    # each step only where it can change something: a report of 10,000 measures has a million cells
    if _MD_SPECIAL.search(value) is not None:
        value = _MD_SPECIAL.sub(r"\\\1", value)
    if "&" in value:
        value = _MD_ENTITY.sub(r"\\&", value)
    if "\n" not in value:
        return _md_line(value)
    return "\n".join([_md_line(line) for line in value.split("\n")])


def _md_line(line: str) -> str:
    first = line[:1]
    if not first or (first not in _MD_LINE_START and not first.isdigit()):
        return line
    stripped = line.lstrip(" \t")
    if len(stripped) != len(line):
        # leading spaces would make an indented code block: keep them visible as no-break spaces
        line = "\u00a0" * (len(line) - len(stripped)) + stripped
    # list markers ("1. ", "1) ", "- ") and setext/rule lines ("===", "---") at the start of a line
    # (a date such as "15.03.2010" is neither: most lines that start with a digit stay as they are)
    if _MD_NUMBERED.match(line) is not None:
        return _MD_NUMBERED.sub(r"\1\2\\\3", line)
    if _MD_RULE.match(line) is not None:
        return _MD_RULE.sub(r"\1\\\2", line)
    return line


def mdcell(text: object) -> str:
    """Escape text for a Markdown table cell: one line, pipes escaped."""
    if type(text) is str and _MD_PLAIN.fullmatch(text) is not None:
        first = text[0]
        if not (first in _MD_LINE_START or first.isspace() or text[-1].isspace()) and (
            not first.isdigit() or _MD_NUMBERED.match(text) is None  # a date, an amount
        ):
            return text  # what every step below would leave as it is
    value = md(text)
    if "\n" in value:
        value = _MD_BREAK.sub(" ", value)
    return value.strip() or " "


def euro(value: float | None) -> str:
    """An amount in euro; one nobody recorded is "–", never "0,00 €" (luedialog.zahlen)."""
    return zahlen.euro(value)


def prozent(value: int | None) -> str:
    return "" if value is None else f"{value} %"


def ampel_chart(rows: Sequence[tuple[str, dict[str, int]]], width: int = 640) -> str:
    """Horizontal stacked bars as inline SVG; every segment also carries its number as text."""
    label_width, bar_height, gap = 230, 22, 10
    bar_width = width - label_width - 60
    height = len(rows) * (bar_height + gap) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="Maßnahmen je Handlungsfeld nach Ampel">'
    ]
    for i, (label, counts) in enumerate(rows):
        y = 5 + i * (bar_height + gap)
        total = sum(counts.values())
        parts.append(f'<text x="0" y="{y + 16}" font-size="13" fill="#222">{html.escape(label)}</text>')
        x = float(label_width)
        for key in ("gruen", "gelb", "rot", "grau"):
            n = counts.get(key, 0)
            if not n or not total:
                continue
            w = n / total * bar_width
            title = f"{ampel.NAMEN[key]}: {n}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{ampel.FARBEN[key]}">'
                f"<title>{title}</title></rect>"
            )
            if w >= 18:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + 16}" font-size="12" fill="{ampel.TEXTFARBEN[key]}" '
                    f'text-anchor="middle">{n}</text>'
                )
            x += w
        parts.append(f'<text x="{label_width + bar_width + 8}" y="{y + 16}" font-size="12" fill="#222">{total}</text>')
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Templates:
    """Where templates come from: a town's own folder first, then the project's, then the built-in ones."""

    folders: tuple[Path, ...]
    # Jinja2 environments by autoescape: each template is compiled once per command, not per report
    environments: dict[bool, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def find(cls, root: Path, own: Path | None = None) -> Templates:
        folders: list[Path] = []
        if own is not None:
            if not own.is_dir():
                raise LuedialogError(f"Der Vorlagenordner {own} existiert nicht.", hint="Prüfen Sie --vorlagen.")
            folders.append(own)
        if (root / TEMPLATE_DIR).is_dir():
            folders.append(root / TEMPLATE_DIR)
        folders.append(PACKAGE_TEMPLATES)
        return cls(tuple(folders))


def _environment(templates: Templates, autoescape: bool) -> Any:
    if autoescape not in templates.environments:
        templates.environments[autoescape] = _new_environment(templates, autoescape)
    return templates.environments[autoescape]


MAX_TEMPLATE_BYTES = 1024 * 1024
MAX_TEXT = 10_000_000  # characters (or items) a template may make with "*", "+" or "**"
MAX_EXPONENT = 256


def _too_big(value: object) -> bool:
    return isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT


_NO_FIELDS: frozenset[str] = frozenset()
_PUBLIC_FIELDS: dict[type, frozenset[str]] = {}
_MISSING = object()


def _public_fields(kind: type) -> frozenset[str]:
    """The fields a template may read directly from an object of ``kind``: those of a dataclass of
    luedialog (the report context, the model) that keeps them in ``__dict__`` and shadows none with
    a descriptor, without "_" at the start; plain data, no internals to hide. Empty for other types."""
    found = _PUBLIC_FIELDS.get(kind)
    if found is None:
        found = _NO_FIELDS
        if is_dataclass(kind) and kind.__module__.startswith("luedialog.") and "__slots__" not in vars(kind):
            found = frozenset(
                f.name
                for f in fields(kind)
                if not f.name.startswith("_")
                and not hasattr(type(inspect.getattr_static(kind, f.name, None)), "__set__")
            )
        _PUBLIC_FIELDS[kind] = found
    return found


def _new_environment(templates: Templates, autoescape: bool) -> Any:
    import jinja2
    from jinja2.exceptions import SecurityError
    from jinja2.loaders import split_template_path
    from jinja2.sandbox import SandboxedEnvironment

    class TownLoader(jinja2.BaseLoader):
        """The templates of the folders in order; each must be a plain UTF-8 file inside its folder
        (a link out of the folder would let a template read any file)."""

        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            pieces = split_template_path(template)
            for folder in templates.folders:
                path = folder.joinpath(*pieces)
                if not path.is_file():
                    continue
                try:
                    inside = path.resolve().is_relative_to(folder.resolve())
                except (OSError, RuntimeError):
                    inside = False
                if not inside:
                    raise LuedialogError(
                        f"Die Vorlage {template} ist ein Verweis (Symlink) aus dem Vorlagenordner heraus ({path}).",
                        hint="Legen Sie die Vorlage als echte Datei in den Vorlagenordner.",
                    )
                return _template_text(template, path), str(path), _unchanged(path)
            raise jinja2.TemplateNotFound(template)

    class Sandbox(SandboxedEnvironment):
        """Jinja2's sandbox (no access to Python internals, no code), and no operator that makes a
        text, a list or a number so big that it would exhaust the memory."""

        intercepted_binops = frozenset({"*", "+", "**"})

        def getattr(self, obj: Any, attribute: str) -> Any:
            """A public field of luedialog's own report data is read directly; everything else
            (methods, other objects, names with "_") goes through the sandbox's checks. The checks
            took a quarter of the time of `bericht alle` for fields that cannot hide anything."""
            public = _PUBLIC_FIELDS.get(type(obj))
            if public is None:
                public = _public_fields(type(obj))
            if type(attribute) is str and attribute in public:
                value = obj.__dict__.get(attribute, _MISSING)
                if value is not _MISSING and not callable(value):
                    return value
            return super().getattr(obj, attribute)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"the exponent {right} is too big")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_TEXT:
                        raise SecurityError("the result would be too big")
            result = super().call_binop(context, operator, left, right)
            if _too_big(result):
                raise SecurityError("the result would be too big")
            return result

    env = Sandbox(
        loader=TownLoader(),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md, mdcell=mdcell, euro=euro, prozent=prozent)
    from luedialog.reports.namen import file_stem

    env.filters["datei"] = file_stem  # the file name of an ID in the site (luedialog seite)
    from luedialog.reports.diagramm import indikator_chart

    env.globals.update(
        ampel_chart=ampel_chart,
        indikator_chart=indikator_chart,
        ampel_farben=ampel.FARBEN,
        ampel_textfarben=ampel.TEXTFARBEN,
        ampel_namen=ampel.NAMEN,
    )
    return env


def _template_text(name: str, path: Path) -> str:
    """The text of a template file: UTF-8, at most :data:`MAX_TEMPLATE_BYTES`."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_TEMPLATE_BYTES + 1)
    except OSError as exc:
        raise LuedialogError(f"Die Vorlage {name} ({path}) kann nicht gelesen werden ({reason(exc)}).") from None
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise LuedialogError(f"Die Vorlage {name} ({path}) ist größer als 1 MB.", hint="Kürzen Sie sie.")
    try:
        return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LuedialogError(
            f"Die Vorlage {name} ({path}) ist nicht in UTF-8 gespeichert (Zeile {line}).",
            hint="Speichern Sie sie als UTF-8 (im Editor: „Kodierung: UTF-8“).",
        ) from None


def _unchanged(path: Path) -> Any:
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = None

    def uptodate() -> bool:
        try:
            return path.stat().st_mtime == mtime
        except OSError:
            return False

    return uptodate


MAX_RENDER_SECONDS = 120.0  # one report of 10,000 measures renders in about a second


class _TooLong(Exception):
    """The time budget of one template ran out."""


@contextlib.contextmanager
def _time_budget(seconds: float) -> Iterator[None]:
    """Interrupt the rendering after ``seconds`` (a template with loops without end, e.g. nested
    ``range`` over 10**5 each, would otherwise run for hours). Only where POSIX timers exist and in
    the main thread; elsewhere the rendering is not limited in time."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise _TooLong

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_text(templates: Templates, name: str, context: object) -> str:
    """Render ``name`` (e.g. ``rat.html.j2``) with the report ``context`` as ``bericht``.

    Templates run in Jinja2's sandbox; whatever goes wrong in one (it is missing, not UTF-8, has a
    syntax error, names an unknown value, tries what the sandbox forbids, calls itself without end)
    is a German message naming the template.
    """
    env = _environment(templates, autoescape=name.endswith(".html.j2"))
    with _rendering(name, templates.folders):
        template = env.get_template(name)
        # each piece as a plain text: Jinja2's pieces of HTML are Markup objects, which Python's
        # garbage collection tracks; kept until the end, they made it go through the whole snapshot
        # again and again (measured: docs/PERFORMANCE.md)
        text = "".join(map(str, template.generate(bericht=context)))
    return text


def prepare(templates: Templates, names: Sequence[str]) -> None:
    """Compile the templates ``names`` now, so that a second process started afterwards has them
    compiled too. A template that cannot be compiled is left for :func:`render_text`: its error
    comes where it would come anyway, after the errors of what is rendered before it."""
    for name in names:
        env = _environment(templates, autoescape=name.endswith(".html.j2"))
        with contextlib.suppress(LuedialogError), _rendering(name, templates.folders):
            env.get_template(name)


PART = 1 << 16  # characters: the parts render_parts hands on


def render_parts(templates: Templates, name: str, context: object, consume: Callable[[Iterator[str]], None]) -> None:
    """Render like :func:`render_text`, but hand the text to ``consume`` in parts of about
    :data:`PART` characters while the template makes it: a report of 10,000 measures (18 MB) is
    never whole in memory, nor the million pieces it is made of, as long as the template writes it
    at its top level (the built-in ones do; a ``call`` block around everything is made whole first).
    Joined, the parts are the text of :func:`render_text`. ``consume`` runs under the same limits
    and messages as the template."""
    env = _environment(templates, autoescape=name.endswith(".html.j2"))
    with _rendering(name, templates.folders):
        template = env.get_template(name)
        consume(_joined(template.generate(bericht=context)))


def _joined(pieces: Iterator[str]) -> Iterator[str]:
    """The pieces as parts of about :data:`PART` characters (a piece is often a single tag)."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= PART:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)


@contextlib.contextmanager
def _rendering(name: str, folders: Sequence[Path]) -> Iterator[None]:
    """Render template ``name`` within the time budget; what goes wrong becomes a German message."""
    import jinja2
    from jinja2.exceptions import SecurityError

    try:
        with _time_budget(MAX_RENDER_SECONDS):
            yield
    except _TooLong:
        raise LuedialogError(
            f"Die Vorlage {name} rechnet nach {f'{MAX_RENDER_SECONDS:g}'.replace('.', ',')} Sekunden noch; so "
            "lange braucht kein Bericht.",
            hint="Prüfen Sie die Schleifen der Vorlage (for … in range(…) ineinander, eine Liste, die wächst).",
        ) from None
    except jinja2.TemplateNotFound as exc:
        missing = exc.name if exc.name else name
        raise LuedialogError(f"Die Vorlage {missing} fehlt.", hint="Legen Sie sie im Vorlagenordner an.") from None
    except jinja2.TemplateSyntaxError as exc:
        where = exc.name or name
        raise LuedialogError(
            f"Die Vorlage {where} hat in Zeile {exc.lineno} einen Syntaxfehler (Jinja2: {exc.message}).",
            hint="Korrigieren Sie die Stelle; die mitgelieferten Vorlagen zeigen, wie es geht.",
        ) from None
    except jinja2.UndefinedError as exc:
        raise LuedialogError(
            f"Die Vorlage {name} verwendet einen Wert, den es nicht gibt (Jinja2: {exc.message}).",
            hint="Welche Werte es gibt, zeigen die mitgelieferten Vorlagen.",
        ) from None
    except (SecurityError, OverflowError, MemoryError) as exc:
        raise LuedialogError(
            f"Die Vorlage {name} versucht etwas, das Vorlagen nicht dürfen (Jinja2: {exc}).",
            hint="Vorlagen dürfen Berichte gestalten, aber keinen Code ausführen, keine Dateien lesen "
            "und keine übergroßen Texte erzeugen.",
        ) from None
    except RecursionError:
        raise LuedialogError(
            f"Die Vorlage {name} ruft sich ohne Ende selbst auf (include, extends oder ein Makro).",
            hint="Prüfen Sie, welche Vorlage welche einbindet.",
        ) from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        # what a template's own expression did wrong (``1/0``, ``1 + "a"``, ``"%d" % "a"``); Python's
        # text is not shown, it may quote a value from the data
        found = _in_template(exc, name, folders)
        if found is None:
            raise  # luedialog's own code, called by the template, failed: an internal error (exit 3)
        where, line = found
        raise LuedialogError(
            f"Die Vorlage {where} bricht{f' in Zeile {line}' if line else ''} ab: {_what_went_wrong(exc)}.",
            hint=f"Prüfen Sie {'den Ausdruck in dieser Zeile' if line else 'die Ausdrücke der Vorlage'}; welche Werte "
            "es gibt, zeigen die mitgelieferten Vorlagen.",
        ) from None
    except jinja2.TemplateError as exc:
        lineno = getattr(exc, "lineno", None)
        where = f" (Zeile {lineno})" if lineno else ""
        raise LuedialogError(f"Die Vorlage {name} ist fehlerhaft{where} (Jinja2: {exc}).") from None


def _what_went_wrong(exc: Exception) -> str:
    macro = _macro_refusing(exc)
    if macro is not None:
        return (
            f"das Makro „{visible(macro, one_line=True)}“ bekommt mehr Werte, als es annimmt, "
            "oder einen Namen, den es nicht kennt"
        )
    if isinstance(exc, ZeroDivisionError):
        return "eine Division durch null"
    if isinstance(exc, TypeError):
        return "ein Wert hat nicht die Art, die der Ausdruck braucht (etwa eine Zahl und ein Text addiert)"
    if isinstance(exc, ValueError):
        return "ein Wert lässt sich nicht so umwandeln oder formatieren"
    if isinstance(exc, LookupError):
        return "ein Eintrag fehlt in einer Liste oder Zuordnung"
    return "eine Rechnung geht mit diesen Werten nicht auf"


# Jinja2's words when a macro of the template refuses its arguments (its name is the template's)
_MACRO_REFUSES = re.compile(r"macro '([^']*)' takes (?:not more than \d+ argument|no keyword argument )")


def _macro_refusing(exc: Exception) -> str | None:
    """The name of the template's macro that refused its arguments, if that is what ``exc`` is."""
    found = _MACRO_REFUSES.match(str(exc)) if isinstance(exc, TypeError) else None
    return found.group(1) if found else None


_PACKAGE = Path(__file__).resolve().parent.parent  # luedialog's own code
_OURS_FOR_TEMPLATES = frozenset({"call_binop", "getattr"})  # the Sandbox's, on behalf of a template


def _in_template(exc: BaseException, name: str, folders: Sequence[Path]) -> tuple[str, int | None] | None:
    """The template (its name in the templates folder) and line where ``exc`` happened: Jinja2 puts
    the template's lines into the traceback (the innermost counts, a macro or include of another
    file too); ``name`` without a line if it happened while the template was compiled. None if
    luedialog's own code called by the template failed (a chart, a filter): that is not the
    template's fault."""
    import jinja2

    jinja_folder = str(Path(jinja2.__file__).resolve().parent)
    frames: list[tuple[str, int, str]] = []
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        frames.append((code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    found: tuple[str, int | None] = (name, None)
    start = next((i for i, frame in enumerate(frames) if frame[0].startswith(jinja_folder)), len(frames))
    for i, (filename, line, _) in enumerate(frames):
        template = _template_name(filename, folders)
        if template is not None:
            found, start = (template, line), i + 1
    for filename, _, function in frames[start:]:
        if filename == __file__ and function in _OURS_FOR_TEMPLATES:
            continue
        if Path(filename).is_relative_to(_PACKAGE):
            return None
    return found


def _template_name(filename: str, folders: Sequence[Path]) -> str | None:
    for folder in folders:
        with contextlib.suppress(ValueError):
            return Path(filename).relative_to(folder).as_posix()
    return None


def pdf_install_command() -> str:
    """The command that adds WeasyPrint to this luedialog, as it was installed: with pipx, as a uv
    tool (from the same source), or in a virtual environment or Python of its own."""
    import importlib.util
    import shlex
    import sys
    import tomllib

    prefix = Path(sys.prefix)
    if (prefix / "pipx_metadata.json").is_file():
        return "pipx inject luedialog weasyprint"
    receipt = prefix / "uv-receipt.toml"
    if receipt.is_file():
        try:
            wanted = tomllib.loads(receipt.read_text(encoding="utf-8"))["tool"]["requirements"]
            source = next(r for r in wanted if r.get("name") == "luedialog")
        except (OSError, ValueError, KeyError, TypeError, StopIteration):
            source = {}
        if "path" in source:
            return f"uv tool install --force {shlex.quote(str(source['path']) + '[pdf]')}"
        if "git" in source:  # uv writes "https://…/luedialog.git?tag=v0.2.0"; pip's form is "…git@v0.2.0"
            url, _, query = str(source["git"]).partition("?")
            ref = next(
                (v for k, _, v in (p.partition("=") for p in query.split("&")) if k in ("tag", "rev", "branch")), ""
            )
            spec = f"luedialog[pdf] @ git+{url}" + (f"@{ref}" if ref else "")
            return f"uv tool install --force {shlex.quote(spec)}"
        return f"uv tool install --force {shlex.quote('luedialog[pdf]' + str(source.get('specifier', '')))}"
    python = shlex.quote(sys.executable)
    if importlib.util.find_spec("pip") is None:  # a virtual environment made by uv has no pip
        return f"uv pip install --python {python} 'luedialog[pdf]'"
    return f"{python} -m pip install 'luedialog[pdf]'"


# Tagged PDF for assistive technology (BITV 2.0): WeasyPrint's PDF/UA-1 variant
PDF_VARIANT = "pdf/ua-1"
# the date stamped into a PDF rendered without a Stichtag (only for callers outside luedialog's reports)
PDF_FALLBACK_DAY = date(2000, 1, 1)
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


@contextlib.contextmanager
def fixed_time(day: date) -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` set to the start of ``day`` (UTC) while the block runs, then as before.

    fontTools (WeasyPrint's font subsetter where the system lacks libharfbuzz-subset) stamps the
    current time into every embedded font unless this variable names another.
    """
    before = os.environ.get(SOURCE_DATE_EPOCH)
    os.environ[SOURCE_DATE_EPOCH] = str(calendar.timegm(day.timetuple()))
    try:
        yield
    finally:
        if before is None:
            del os.environ[SOURCE_DATE_EPOCH]
        else:
            os.environ[SOURCE_DATE_EPOCH] = before


def _weasyprint_html() -> Any:
    try:
        from weasyprint import HTML  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise LuedialogError(
            "Für PDF wird WeasyPrint gebraucht, das nicht installiert ist.",
            hint=f"Installieren Sie es mit: {pdf_install_command()} – oder wählen Sie --format html.",
        ) from None
    except OSError as exc:  # WeasyPrint is there, but the system's Pango library is not
        library = re.search(r"library '([^']+)'", str(exc))
        missing = f" ({library.group(1)} lässt sich nicht laden)" if library else ""
        raise LuedialogError(
            f"Für PDF braucht WeasyPrint die Systembibliothek Pango, die fehlt{missing}.",
            hint="Installieren Sie sie (Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0; "
            "siehe doc.courtbouillon.org/weasyprint) – oder wählen Sie --format html.",
        ) from None
    return HTML


# what a template may load (or attach, ``rel="attachment"``): stylesheets, pictures and fonts, never
# a data file (names without consent), git's files (a token in a remote's URL) or a contact list
RESOURCE_SUFFIXES = frozenset(
    {".css", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".woff", ".woff2", ".ttf", ".otf"}
)


def _inside(url: str, root: Path) -> None:
    """Raise ValueError unless ``url`` is a ``data:`` URI or a stylesheet, picture or font inside
    ``root`` (after links), not in a hidden folder such as ``.git``."""
    from urllib.parse import unquote, urlsplit
    from urllib.request import url2pathname

    parts = urlsplit(url)
    if parts.scheme == "data":
        return
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve()
            inside = path.is_relative_to(root.resolve())
            hidden = inside and any(part.startswith(".") for part in path.relative_to(root.resolve()).parts)
            if inside and not hidden and path.suffix.lower() in RESOURCE_SUFFIXES and path.is_file():
                return
        except (OSError, RuntimeError, ValueError):
            pass
    raise ValueError(f"luedialog lädt für ein PDF nur Dateien des Projekts, nichts von {url}")


def _url_fetcher(root: Path) -> Any:
    """WeasyPrint's own fetcher, allowed only ``data:`` URIs and files inside the project: a template
    (or a value that got into one) must not pull a file from elsewhere on the machine or anything
    from the network into a report. WeasyPrint skips a refused resource with a warning."""
    import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]

    fetcher_class = getattr(weasyprint, "URLFetcher", None)  # WeasyPrint 68 and newer
    if fetcher_class is not None:

        class ProjectOnly(fetcher_class):  # type: ignore[misc,valid-type]
            def fetch(self, url: str, headers: Any = None) -> Any:
                _inside(url, root)
                return super().fetch(url, headers)

        return ProjectOnly(allowed_protocols=("file", "data"))

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # WeasyPrint 63 to 67
        _inside(url, root)
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch


def pdf_document(html_text: str, base: Path) -> Any:
    """The pages WeasyPrint lays out from the HTML (a ``weasyprint.Document``, tagged for PDF/UA);
    resources only from inside ``base`` (the project)."""
    html = _weasyprint_html()
    return html(string=html_text, base_url=str(base), url_fetcher=_url_fetcher(base)).render(pdf_variant=PDF_VARIANT)


def pdf_bytes(document: Any, stichtag: date) -> bytes:
    """The tagged PDF (PDF/UA-1) of laid-out pages; every date in it is ``stichtag``, never the time of
    rendering, so the same input gives the same bytes on every run."""
    with fixed_time(stichtag):
        document.metadata.created = document.metadata.modified = stichtag.isoformat()
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert isinstance(pdf, bytes)
    return bytes(pdf)


def html_to_pdf(html_text: str, base: Path, stichtag: date | None = None) -> bytes:
    """A tagged A4 PDF of the HTML, dated ``stichtag`` (the report's reference date)."""
    return pdf_bytes(pdf_document(html_text, base), stichtag or PDF_FALLBACK_DAY)


def file_name(report: str, jahr: int, fmt: str) -> str:
    return f"{report}-{jahr}.{fmt}"


def years(beginn: date, ende_jahr: int) -> list[int]:
    return list(range(beginn.year, ende_jahr + 1))
