"""Build report files: one report in one format, or every report of every year plus an index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from luedialog.dates import german
from luedialog.errors import UsageError
from luedialog.reports.context import default_stichtag, konferenzdokument, ratsbericht
from luedialog.reports.render import REPORTS, Templates, file_name, html_to_pdf, render_text, years
from luedialog.results import code_state, remembered_text
from luedialog.snapshot import Snapshot

TITLES = {"rat": "Bericht an den Rat", "jahreskonferenz": "Jahreskonferenz"}


@dataclass(frozen=True)
class Bericht:
    name: str  # rat | jahreskonferenz
    jahr: int
    format: str  # md | html | pdf
    inhalt: bytes


def check_year(snap: Snapshot, jahr: int, today: date) -> None:
    first, last = snap.config.zeitraum.beginn.year, snap.config.zeitraum.ende_jahr
    if jahr > today.year:
        raise UsageError(f"--jahr {jahr} liegt in der Zukunft; berichtet wird über vergangene oder das laufende Jahr.")
    if not first <= jahr <= max(last, today.year):
        raise UsageError(f"--jahr {jahr} liegt außerhalb des Prozesses ({first}–{last}).")


def render(
    snap: Snapshot, templates: Templates, name: str, jahr: int, fmt: str, stichtag: date | None, today: date
) -> Bericht:
    if name not in REPORTS:
        raise UsageError(f"Unbekannter Bericht „{name}“; möglich: {', '.join(REPORTS)}.")
    check_year(snap, jahr, today)
    day = stichtag or default_stichtag(jahr, today)

    def text() -> list[str]:
        context = ratsbericht(snap, jahr, day) if name == "rat" else konferenzdokument(snap, jahr, day)
        return [render_text(templates, f"{name}.{'md' if fmt == 'md' else 'html'}.j2", context)]

    if fmt == "pdf":  # not kept: WeasyPrint may read more than the templates (fonts, images)
        return Bericht(name, jahr, fmt, html_to_pdf("".join(text()), snap.root, day))
    key = None
    if snap.source_state is not None and templates.state is not None:
        key = f"bericht|{name}|{jahr}|{fmt}|{day.isoformat()}|{templates.state}|{code_state()}|{snap.source_state}"
    return Bericht(name, jahr, fmt, b"".join(remembered_text(snap.root, key, text)))


@dataclass(frozen=True)
class Indexeintrag:
    jahr: int
    titel: str
    html: str
    md: str
    stichtag: str


def render_all(snap: Snapshot, templates: Templates, target: Path, today: date) -> list[Path]:
    """Every report of every year of the process (HTML and Markdown) and an index.html."""
    target.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    entries: list[Indexeintrag] = []
    last = min(snap.config.zeitraum.ende_jahr, today.year)
    for jahr in years(snap.config.zeitraum.beginn, last):
        for name in REPORTS:
            for fmt in ("html", "md"):
                bericht = render(snap, templates, name, jahr, fmt, None, today)
                path = target / file_name(name, jahr, fmt)
                path.write_bytes(bericht.inhalt)
                written.append(path)
            entries.append(
                Indexeintrag(
                    jahr,
                    f"{TITLES[name]} {jahr}",
                    file_name(name, jahr, "html"),
                    file_name(name, jahr, "md"),
                    german(default_stichtag(jahr, today)),
                )
            )
    index = render_text(
        templates,
        "index.html.j2",
        {
            "projekt": snap.config.name,
            "kommune": snap.config.kommune,
            "vorlage": snap.config.vorlage.nummer if snap.config.vorlage else "",
            "berichte": entries,
        },
    )
    path = target / "index.html"
    path.write_text(index, encoding="utf-8")
    written.append(path)
    return written
