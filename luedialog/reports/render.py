"""Render report contexts with Jinja2 templates to Markdown, HTML or PDF."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from luedialog.errors import LuedialogError
from luedialog.model import ampel
from luedialog.paths import package_folder
from luedialog.text import visible

TEMPLATE_DIR = "templates"
PACKAGE_TEMPLATES = package_folder("luedialog.templates")  # the built-in templates
REPORTS = ("rat", "jahreskonferenz")
FORMATS = ("md", "html", "pdf")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~])")
# "&" only matters where it would start a character reference such as "&amp;" or "&#42;"
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def md(text: object) -> str:
    """Escape text from the data so Markdown (GitHub, GitLab) shows it literally in a paragraph.

    Control characters are shown as ``\\x1b`` …: a Markdown report goes to the terminal too.
    """
    value = visible("" if text is None else str(text))
    value = _MD_SPECIAL.sub(r"\\\1", value)
    value = _MD_ENTITY.sub(r"\\&", value)
    lines = []
    for line in value.split("\n"):
        stripped = line.lstrip(" \t")
        # leading spaces would make an indented code block: keep them visible as no-break spaces
        line = "\u00a0" * (len(line) - len(stripped)) + stripped
        # list markers ("1. ", "1) ", "- ") and setext/rule lines ("===", "---") at the start of a line
        line = re.sub(r"^(\u00a0*)(\d+)([.)])(?=\s|$)", r"\1\2\\\3", line)
        line = re.sub(r"^(\u00a0*)([-=])", r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def mdcell(text: object) -> str:
    """Escape text for a Markdown table cell: one line, pipes escaped."""
    value = md(text)
    return re.sub(r"\s*\n\s*", " ", value).strip() or " "


def euro(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} €"


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
                    f'<text x="{x + w / 2:.1f}" y="{y + 16}" font-size="12" fill="#fff" text-anchor="middle">{n}</text>'
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


def _new_environment(templates: Templates, autoescape: bool) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in templates.folders]),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md, mdcell=mdcell, euro=euro, prozent=prozent)
    env.globals.update(ampel_chart=ampel_chart, ampel_farben=ampel.FARBEN, ampel_namen=ampel.NAMEN)
    return env


def render_text(templates: Templates, name: str, context: object) -> str:
    """Render ``name`` (e.g. ``rat.html.j2``) with the report ``context`` as ``bericht``."""
    import jinja2

    env = _environment(templates, autoescape=name.endswith(".html.j2"))
    try:
        template = env.get_template(name)
        return str(template.render(bericht=context))
    except jinja2.TemplateNotFound:
        raise LuedialogError(f"Die Vorlage {name} fehlt.", hint="Legen Sie sie im Vorlagenordner an.") from None
    except jinja2.TemplateError as exc:
        lineno = getattr(exc, "lineno", None)
        where = f" (Zeile {lineno})" if lineno else ""
        raise LuedialogError(f"Die Vorlage {name} ist fehlerhaft{where}: {exc}") from None


def html_to_pdf(html_text: str, base: Path) -> bytes:
    try:
        from weasyprint import HTML  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise LuedialogError(
            "Für PDF wird WeasyPrint gebraucht, das nicht installiert ist.",
            hint="Installieren Sie es mit: pip install 'luedialog[pdf]' – oder wählen Sie --format html.",
        ) from None
    except OSError as exc:  # WeasyPrint is there, but the system's Pango library is not
        raise LuedialogError(
            f"Für PDF braucht WeasyPrint die Systembibliothek Pango, die fehlt ({exc}).",
            hint="Installieren Sie sie (Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0; "
            "siehe doc.courtbouillon.org/weasyprint) – oder wählen Sie --format html.",
        ) from None
    pdf = HTML(string=html_text, base_url=str(base)).write_pdf()
    assert isinstance(pdf, bytes)
    return bytes(pdf)


def file_name(report: str, jahr: int, fmt: str) -> str:
    return f"{report}-{jahr}.{fmt}"


def years(beginn: date, ende_jahr: int) -> list[int]:
    return list(range(beginn.year, ende_jahr + 1))
