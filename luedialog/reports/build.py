"""Build report files: one report in one format, or every report of every year plus an index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from luedialog import nebenher
from luedialog.dates import german
from luedialog.errors import UsageError
from luedialog.queries.oeffentlich import oeffentlich
from luedialog.reports.context import default_stichtag, konferenzdokument, ratsbericht
from luedialog.reports.render import REPORTS, Templates, file_name, html_to_pdf, prepare, render_text, years
from luedialog.services.ausgabe import write_into, write_output
from luedialog.services.project import Project
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
    day = stichtag or default_stichtag(jahr, today)
    context = report_context(snap, name, jahr, day, today)
    return render_context(snap, templates, name, jahr, fmt, context, day)


def report_context(snap: Snapshot, name: str, jahr: int, stichtag: date | None, today: date) -> object:
    """What report ``name`` of ``jahr`` shows (the same for every format)."""
    if name not in REPORTS:
        raise UsageError(f"Unbekannter Bericht „{name}“; möglich: {', '.join(REPORTS)}.")
    check_year(snap, jahr, today)
    day = stichtag or default_stichtag(jahr, today)
    return ratsbericht(snap, jahr, day) if name == "rat" else konferenzdokument(snap, jahr, day)


def render_context(
    snap: Snapshot, templates: Templates, name: str, jahr: int, fmt: str, context: object, stichtag: date
) -> Bericht:
    """The report in one format from its context; a PDF carries the Stichtag as its date."""
    text = render_text(templates, f"{name}.{'md' if fmt == 'md' else 'html'}.j2", context)
    if fmt == "pdf":
        return Bericht(name, jahr, fmt, html_to_pdf(text, snap.root, stichtag))
    return Bericht(name, jahr, fmt, text.encode("utf-8"))


@dataclass(frozen=True)
class Indexeintrag:
    jahr: int
    titel: str
    html: str
    md: str
    stichtag: str
    pdf: str = ""  # only where PDFs were written


# From this many measures on, a second process renders every other report of each kind while this one
# renders the rest (luedialog.nebenher); below it, starting the process costs more than it saves
# (measured: docs/PERFORMANCE.md).
RENDER_PARALLEL_FROM = 500

Auftrag = tuple[str, int, date]  # report, year, Stichtag


def _second_share(jobs: list[Auftrag]) -> list[Auftrag]:
    """What the second process renders, in the order of ``jobs``: every other report of each kind
    (so both processes get about as many council reports, by far the largest: each lists every
    measure, and as many conference documents), and with only one year its council report."""
    rat = [job for job in jobs if job[0] == "rat"]
    if len(rat) <= 1:
        return rat
    share = {job for name in REPORTS for job in [j for j in jobs if j[0] == name][1::2]}
    return [job for job in jobs if job in share]


def render_all(
    snap: Snapshot,
    templates: Templates,
    target: Path,
    today: date,
    *,
    jahr: int | None = None,
    stichtag: date | None = None,
    pdf: bool = False,
) -> list[Path]:
    """Every report of every year of the process (HTML and Markdown, with ``pdf`` also PDF) and an
    index.html; with ``jahr`` only the reports of that year (at ``stichtag``, if given).

    Everything is rendered before the first file is written: a refusal (no WeasyPrint) writes
    nothing. From :data:`RENDER_PARALLEL_FROM` measures on, a second process renders part of the
    reports; the files are the same, byte for byte.
    """
    if stichtag is not None and jahr is None:
        raise UsageError(
            "--stichtag gilt für ein Berichtsjahr: bei „bericht alle“ nur zusammen mit --jahr.",
            hint="Ohne --stichtag gilt für jedes Jahr der 31.12. (im laufenden Jahr heute).",
        )
    if jahr is not None:
        check_year(snap, jahr, today)
    last = min(snap.config.zeitraum.ende_jahr, today.year)
    jobs = [
        (name, year, stichtag or default_stichtag(year, today))
        for year in ([jahr] if jahr is not None else years(snap.config.zeitraum.beginn, last))
        for name in REPORTS
    ]

    def made(job: Auftrag) -> dict[str, bytes]:
        name, year, day = job
        context = report_context(snap, name, year, day, today)  # once for both formats
        files = {
            file_name(name, year, fmt): render_context(snap, templates, name, year, fmt, context, day).inhalt
            for fmt in ("html", "md")
        }
        if pdf:  # from the HTML just made, as `bericht --format pdf` does
            files[file_name(name, year, "pdf")] = html_to_pdf(
                files[file_name(name, year, "html")].decode(), snap.root, day
            )
        return files

    prepare(templates, [f"{name}.{fmt}.j2" for name in REPORTS for fmt in ("html", "md")])
    there = _second_share(jobs) if len(snap.massnahmen) >= RENDER_PARALLEL_FROM and nebenher.usable() else []
    rendered: dict[Auftrag, dict[str, bytes]] = {}
    with nebenher.Nebenher(made, there, large=True) as second:  # a report of 10,000 measures: 28 MB
        arrived = second.results()
        waiting = list(there)  # the second process's reports, in its order

        def take_theirs(upto: int) -> None:
            """The second process's reports before job ``upto``: what it could not render, here."""
            while waiting and jobs.index(waiting[0]) < upto:
                job = waiting.pop(0)
                got = next(arrived, None)
                rendered[job] = made(job) if got is None else got

        for i, job in enumerate(jobs):
            if job in there:
                continue
            try:
                rendered[job] = made(job)
            except Exception:  # as in one process, a report before this one fails first
                take_theirs(i)
                raise
        take_theirs(len(jobs))
    files: dict[str, bytes] = {}
    entries: list[Indexeintrag] = []
    for job in jobs:
        name, year, day = job
        files.update(rendered[job])
        entries.append(
            Indexeintrag(
                year,
                f"{TITLES[name]} {year}",
                file_name(name, year, "html"),
                file_name(name, year, "md"),
                german(day),
                file_name(name, year, "pdf") if pdf else "",
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
    files["index.html"] = index.encode("utf-8")
    return write_into(snap.root, target, files)


@dataclass(frozen=True)
class Erzeugt:
    """What ``erzeugen`` made: text for the console, or the files it wrote."""

    konsole: str | None
    dateien: list[Path]


def erzeugen(
    project: Project,
    art: str,
    jahr: int | None,
    fmt: str | None,
    stichtag: date | None,
    vorlagen: Path | None,
    ausgabe: Path | None,
    today: date,
    intern: bool = False,
) -> Erzeugt:
    """``luedialog bericht``: one report (Markdown to the console unless ``ausgabe`` is given, ``fmt``
    ``None`` is Markdown), or with ``art="alle"`` every report of every year (or of ``jahr``) into the
    folder ``ausgabe``: always HTML and Markdown, with ``fmt="pdf"`` also PDF.

    A report is published: it is made of the public view (nothing marked internal), with ``intern``
    of everything, for staff."""
    if art == "alle" and ausgabe is None:
        raise UsageError("bericht alle braucht --ausgabe ORDNER.")
    project.require_valid()
    templates = Templates.find(project.root, vorlagen)
    snap = project.snapshot if intern else oeffentlich(project.snapshot)
    if art == "alle":
        assert ausgabe is not None
        written = render_all(snap, templates, ausgabe, today, jahr=jahr, stichtag=stichtag, pdf=fmt == "pdf")
        return Erzeugt(None, written)
    if jahr is None:
        raise UsageError("Bitte das Berichtsjahr angeben: --jahr JAHR.")
    fmt = fmt or "md"
    result = render(snap, templates, art, jahr, fmt, stichtag, today)
    if ausgabe is None and fmt == "md":
        return Erzeugt(result.inhalt.decode("utf-8"), [])
    target = ausgabe or Path(file_name(art, jahr, fmt))
    write_output(project.root, target, result.inhalt)
    return Erzeugt(None, [target])
