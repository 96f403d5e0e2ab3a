"""The public website (``luedialog seite``): static pages, Atom feeds and a search index, built from the
snapshot at a Stichtag with the same queries and report rows as ``bericht``.

Every page is decided here and only presented by the templates in ``templates/site/`` (a town can
override them like the report templates). The site is one folder: every link is relative, nothing is
loaded from elsewhere, and the same data and Stichtag give the same bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from luedialog.dates import german
from luedialog.errors import LuedialogError, reason
from luedialog.files.atomic import TEMP_PREFIX
from luedialog.model.config import Config
from luedialog.model.types import Gruppe, Konferenz, Massnahme, VerlaufEintrag
from luedialog.paths import DATA_DIR, inside
from luedialog.queries.detail import leitlinie_detail, massnahme_detail
from luedialog.queries.gruppen import ansicht
from luedialog.queries.oeffentlich import oeffentlich
from luedialog.queries.stand import Zustand, state_of
from luedialog.queries.uebersicht import changes, states
from luedialog.reports.build import TITLES, report_context
from luedialog.reports.context import (
    Korrekturzeile,
    Zeile,
    ampel_zaehlen,
    default_stichtag,
    korrekturzeilen,
    legende,
    zeile,
)
from luedialog.reports.feeds import NEWEST, Feed, Feedeintrag, atom
from luedialog.reports.namen import file_stem, slug
from luedialog.reports.render import REPORTS, Templates, file_name, render_parts, render_text, years
from luedialog.services.ausgabe import check_output
from luedialog.services.project import Project
from luedialog.snapshot import Snapshot
from luedialog.text import visible

SITE = "site"  # the folder of the site's templates in templates/
LATEST = 10  # recent changes on the start page

# a file's bytes, or its parts in order (a big file is never whole in memory)
Inhalt = bytes | Iterator[bytes]
Put = Callable[[str, Inhalt], None]
# reporters.offene_daten.offene_dateien: every file of daten/ by name, each as its parts
OffeneDaten = Callable[[Snapshot, date], Iterable[tuple[str, Iterator[bytes]]]]


@dataclass(frozen=True)
class Verweis:
    """A link: the text and the target relative to the site's root."""

    text: str
    url: str
    hinweis: str = ""  # shown after the link (e.g. the guideline's first line)
    anzahl: int | None = None  # for a guideline: how many measures serve it


@dataclass(frozen=True)
class Zeitpunkt:
    """One entry of a measure's timeline."""

    datum: str
    iso: str
    status: str
    ampel: str
    notiz: str
    nachweis: str
    fortschritt: int | None
    korrektur: str  # "" or "berichtigt am 01.02.2011 (Grund)" / "nachgetragen am …"


@dataclass(frozen=True)
class Verschiebung:
    datum: str
    was: str
    vorher: str
    nachher: str
    grund: str


@dataclass(frozen=True)
class Empfehlungsweg:
    """What became of a recommendation: origin, route, addressee, forwarding and result."""

    herkunft: Verweis | None
    herkunft_datum: str
    weg: str
    adressat: str
    weitergeleitet_am: str
    ergebnis: list[Verweis]  # the measures that resulted (its sub-measures)
    antwort: str  # the latest entry, once the status moved on from the first one
    offen_seit: int | None  # no result and no answer yet: for how many days
    offen_ab: str  # … counted from this day


@dataclass(frozen=True)
class Fundstelle:
    text: str
    stelle: str


@dataclass(frozen=True)
class MassnahmeSeite:
    zeile: Zeile
    feld: Verweis
    beschreibung: str
    quellen: list[Fundstelle]
    leitlinien: list[Verweis]
    fehlende_leitlinien: list[str]
    teil_von: Verweis | None
    teile: list[Zeile]
    fortschritt_aus_teilen: bool
    teile_ohne_angabe: int
    stadtteile: list[Verweis]
    gruppen: list[Verweis]
    verschiebungen: list[Verschiebung]
    zeitleiste: list[Zeitpunkt]
    korrekturen: list[Korrekturzeile]
    spaetere_eintraege: int
    empfehlung: Empfehlungsweg | None
    zieldatum_urspruenglich: str


@dataclass(frozen=True)
class Ampelzeile:
    """The Ampel of one field of action (or of all), every colour with its name and number."""

    feld: Verweis
    anzahl: dict[str, int]
    gesamt: int


@dataclass(frozen=True)
class Aenderungszeile:
    datum: str
    massnahme: Verweis
    vorher: str
    nachher: str
    notiz: str


@dataclass(frozen=True)
class Seite:
    """What every page has: title, where the root is, its feed, the project's names."""

    titel: str
    pfad: str  # relative to the site root
    wurzel: str  # "" or "../": the way back to the root
    feed: str  # relative to the root: its own, else "feed.xml" (all changes)
    projekt: str
    kommune: str
    stichtag: str
    inhalt: dict[str, Any] = field(default_factory=dict)
    kopfzeile: str = ""  # the <title>: "titel – projekt", at most TITLE_LIMIT characters


@dataclass
class _Site:
    """The site while it is built: pages and feeds by path, the search index."""

    snap: Snapshot
    templates: Templates
    stichtag: date
    put: Put
    suche: list[dict[str, str]] = field(default_factory=list)
    pages: int = 0

    def page(self, path: str, template: str, titel: str, feed: str = "feed.xml", **inhalt: Any) -> None:
        """Render one page; a page without a feed of its own names the feed of all changes."""
        c = self.snap.config
        seite = Seite(
            titel,
            path,
            "../" * path.count("/"),
            feed,
            c.name,
            c.kommune,
            german(self.stichtag),
            inhalt,
            kopf(titel, c.name),
        )
        text = render_text(self.templates, f"{SITE}/{template}.html.j2", seite)
        self.put(path, visible(text).encode("utf-8"))
        self.pages += 1

    def index(self, titel: str, url: str, art: str, text: str = "") -> None:
        # control characters shown as "\x1b" here too: the search script puts these texts into the page
        words = " ".join(text.split())[:300]
        self.suche.append({"titel": visible(titel), "url": url, "art": art, "text": visible(words)})


TITLE_LIMIT = 70  # characters of a <title> (html-validate's long-title; tabs and search results cut there)


def kopf(titel: str, projekt: str) -> str:
    """``titel – projekt``, the title shortened after a whole word (with "…") where it is too long."""
    full = f"{titel} – {projekt}"
    if len(full) <= TITLE_LIMIT:
        return full
    room = TITLE_LIMIT - len(f"… – {projekt}")
    cut = titel[:room].rsplit(" ", 1)[0] if " " in titel[:room] else titel[:room]
    return f"{cut.rstrip(' ,–-')}… – {projekt}"[:TITLE_LIMIT]


def _massnahme_url(ident: str) -> str:
    return f"massnahmen/{file_stem(ident)}.html"


def _leitlinie_url(ident: str) -> str:
    return f"leitlinien/{file_stem(ident)}.html"


def _gruppe_url(ident: str) -> str:
    return f"gruppen/{file_stem(ident)}.html"


def _feld_url(key: str) -> str:
    return f"handlungsfelder/{file_stem(key)}.html"


def _stadtteil_urls(config: Config) -> dict[str, str]:
    urls: dict[str, str] = {}
    taken: set[str] = set()
    for name in config.stadtteile:
        stem = slug(name)
        if stem in taken:
            stem = file_stem(name + "\x00")  # a second district with the same slug: with a hash
        taken.add(stem)
        urls[name] = f"stadtteile/{stem}.html"
    return urls


def _konferenz_url(jahr: int) -> str:
    return f"jahreskonferenzen/{jahr}.html"


def _feed_of(page_url: str) -> str:
    return page_url.removesuffix(".html") + ".xml"


def _massnahme_link(m: Massnahme) -> Verweis:
    return Verweis(f"{m.id} – {m.titel}", _massnahme_url(m.id))


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def _status_name(config: Config, key: str) -> str:
    return config.status_def(key).bezeichnung if key else ""


_FIELDS = {"datum": "Datum", "status": "Status", "notiz": "Notiz", "nachweis": "Nachweis", "fortschritt": "Fortschritt"}


def _value(config: Config, name: str, value: object) -> str:
    if isinstance(value, date):
        return german(value)
    if name == "status" and isinstance(value, str):
        return config.status_def(value).bezeichnung
    return f"{value} %" if name == "fortschritt" else str(value)


def _timeline(config: Config, z: Zustand) -> list[Zeitpunkt]:
    points = []
    for e in z.verlauf:
        marks = []
        for k in e.korrekturen:
            verb = "nachgetragen" if k.nachtrag is not None else "berichtigt"
            marks.append(f"{verb} am {german(k.datum)} ({k.grund})")
        written = z.massnahme.verlauf[e.nummer - 1] if e.nummer and e.korrekturen else None
        if written is not None:  # what the entry said before it was corrected
            was = [
                f"{_FIELDS[name]} „{_value(config, name, getattr(written, name))}“"
                for name in _FIELDS
                if getattr(written, name) != getattr(e, name) and getattr(written, name) is not None
            ]
            if was:
                marks.append("zuvor eingetragen: " + ", ".join(was))
        status = config.status_def(e.status)
        points.append(
            Zeitpunkt(
                german(e.datum),
                e.datum.isoformat(),
                status.bezeichnung,
                status.ampel,
                e.notiz,
                e.nachweis or "",
                e.fortschritt,
                "; ".join(marks),
            )
        )
    return points


def _empfehlung(snap: Snapshot, z: Zustand, stichtag: date) -> Empfehlungsweg | None:
    m = z.massnahme
    config = snap.config
    if m.herkunft is None and m.weg is None and m.adressat is None:
        return None
    origin = None
    if m.herkunft is not None:
        g = snap.gruppen.get(m.herkunft.gruppe)
        origin = Verweis(g.name, _gruppe_url(g.id)) if g else Verweis(m.herkunft.gruppe, "")
    weg = next((w.bezeichnung for w in config.empfehlungswege if w.schluessel == m.weg), m.weg or "")
    forwarded = next((e.weitergeleitet_am for e in reversed(z.verlauf) if e.weitergeleitet_am), m.weitergeleitet_am)
    results = [
        _massnahme_link(c)
        for c in sorted(snap.children(m.id), key=lambda c: c.id)
        if c.id != m.id and state_of(snap, c, stichtag).bekannt
    ]
    answer = ""
    if z.verlauf and z.eintrag is not None and z.eintrag.status != z.verlauf[0].status:
        answer = f"{german(z.eintrag.datum)}: {_status_name(config, z.eintrag.status)} – {z.eintrag.notiz}"
    since: date | None = None
    if not results and not answer:
        since = forwarded or (m.herkunft.datum if m.herkunft else None) or (z.verlauf[0].datum if z.verlauf else None)
    return Empfehlungsweg(
        herkunft=origin,
        herkunft_datum=german(m.herkunft.datum) if m.herkunft and m.herkunft.datum else "",
        weg=weg,
        adressat=m.adressat or "",
        weitergeleitet_am=german(forwarded) if forwarded else "",
        ergebnis=results,
        antwort=answer,
        offen_seit=(stichtag - since).days if since is not None else None,
        offen_ab=german(since) if since is not None else "",
    )


def _shown(value: date | str | None) -> str:
    if value is None:
        return "–"
    return german(value) if isinstance(value, date) else value


def _massnahme_seite(snap: Snapshot, z: Zustand, stichtag: date, stadtteile: dict[str, str]) -> MassnahmeSeite:
    config = snap.config
    m = z.massnahme
    detail = massnahme_detail(snap, m, stichtag)
    feld = config.feld(m.handlungsfeld)
    groups = [*m.gruppen, *([m.herkunft.gruppe] if m.herkunft else [])]
    postponed = [a for a in detail.aenderungen if a.feld == "zieldatum"]
    return MassnahmeSeite(
        zeile=zeile(config, z),
        feld=Verweis(feld.name, _feld_url(feld.schluessel)),
        beschreibung=m.beschreibung or "",
        quellen=[
            Fundstelle(q.text, ", ".join(x for x in (f"Anlage {q.anlage}", q.nummer or "", q.abschnitt or "") if x))
            for q in m.quellen
        ],
        leitlinien=[Verweis(ll.id, _leitlinie_url(ll.id), _first_line(ll.text)) for ll in detail.leitlinien],
        fehlende_leitlinien=list(detail.fehlende_leitlinien),
        teil_von=_massnahme_link(detail.teil_von) if detail.teil_von else None,
        teile=[zeile(config, t) for t in detail.teile],
        fortschritt_aus_teilen=z.fortschritt_aus_teilen,
        teile_ohne_angabe=z.teile_ohne_angabe,
        stadtteile=[Verweis(s, stadtteile[s]) for s in m.stadtteile if s in stadtteile],
        gruppen=[Verweis(snap.gruppen[g].name, _gruppe_url(g)) for g in dict.fromkeys(groups) if g in snap.gruppen],
        verschiebungen=[
            Verschiebung(
                german(a.eintrag.datum),
                "Zieldatum" if a.feld == "zieldatum" else "Verantwortlich",
                _shown(a.vorher),
                _shown(a.nachher),
                a.eintrag.notiz,
            )
            for a in detail.aenderungen
        ],
        zeitleiste=_timeline(config, z),
        korrekturen=korrekturzeilen(config, m, z),
        spaetere_eintraege=detail.spaetere_eintraege,
        empfehlung=_empfehlung(snap, z, stichtag),
        zieldatum_urspruenglich=_shown(postponed[0].vorher) if postponed else "",
    )


def _ampel(label: Verweis, rows: list[Zeile]) -> Ampelzeile:
    return Ampelzeile(label, ampel_zaehlen(rows), len(rows))


def _feed_entries(snap: Snapshot, zustaende: list[Zustand]) -> list[Feedeintrag]:
    """The newest :data:`~luedialog.reports.feeds.NEWEST` history entries of these measures as feed
    entries, newest first (only those a feed holds are made: the feed of all changes would otherwise
    make one for every entry of every measure)."""
    config = snap.config
    entries = []
    for a in changes(snap, zustaende, date.max, limit=NEWEST):
        m, e = a.massnahme, a.eintrag
        entries.append(
            Feedeintrag(
                ident=f"{m.id}/verlauf/{_entry_key(m, e)}",
                titel=f"{m.id} {m.titel}: {_status_name(config, e.status)}",
                datum=e.datum,
                text=e.notiz + (f" (Nachweis: {e.nachweis})" if e.nachweis else ""),
                url=_massnahme_url(m.id),
            )
        )
    return entries


def _entry_key(m: Massnahme, e: VerlaufEintrag) -> str:
    """Stable within a measure: the entry's number in the file, or for an added one its date and status."""
    if e.nummer is not None:
        return str(e.nummer)
    for i, own in enumerate(m.verlauf, start=1):
        if own is e:
            return str(i)
    return f"nachtrag-{e.datum.isoformat()}-{e.status}"


def tag_authority(config: Config) -> str:
    """``tag:luener-dialog,2008-09-25:`` – the project's name and the date of its founding paper."""
    return f"tag:{slug(config.name)},{paper_day(config).isoformat()}:"


def paper_day(config: Config) -> date:
    """The date of the founding paper (else the start of the process)."""
    return config.vorlage.datum if config.vorlage else config.zeitraum.beginn


def _gruppe_seite(
    snap: Snapshot, g: Gruppe, stichtag: date, massnahmen: list[Zeile], konferenzen: list[Verweis]
) -> dict[str, Any]:
    config = snap.config
    view = ansicht(snap, g, stichtag)
    recommendations = [*view.empfehlungen, *view.fruehere_empfehlungen]
    return {
        "gruppe": g,
        "art": (config.gruppenarten or {}).get(g.art, g.art),
        "ansicht": view,
        # a seat "per working group" names the groups still missing: by their names, not their IDs
        "sitze": [
            dataclasses.replace(t, fehlend=[snap.gruppen[f].name if f in snap.gruppen else f for f in t.fehlend])
            for t in view.sitze
        ],
        "felder": [Verweis(config.feld(f).name, _feld_url(f)) for f in g.handlungsfelder if _has_feld(config, f)],
        "sitzungen": [
            {
                "datum": german(t.datum) if t.datum else "–",
                "thema": t.thema if t.konferenz is None else f"Jahreskonferenz {t.konferenz.jahr}",
                "ergebnisse": t.ergebnisse or "",
                "empfehlungen": [_massnahme_link(snap.massnahmen[i]) for i in t.empfehlungen if i in snap.massnahmen],
                "teilnehmende": t.teilnehmende,
            }
            for t in view.sitzungen
        ],
        "empfehlungen": [(zeile(config, z), _empfehlung(snap, z, stichtag)) for z in recommendations],
        "massnahmen": massnahmen,
        "konferenzen": konferenzen,
    }


def _has_feld(config: Config, key: str) -> bool:
    return any(h.schluessel == key for h in config.handlungsfelder)


def _konferenzen(snap: Snapshot, stichtag: date) -> dict[int, tuple[Gruppe, Konferenz]]:
    found: dict[int, tuple[Gruppe, Konferenz]] = {}
    for g in sorted(snap.gruppen.values(), key=lambda g: g.id):
        for k in g.konferenzen:
            if (k.datum is None or k.datum <= stichtag) and k.jahr not in found:
                found[k.jahr] = (g, k)
    return dict(sorted(found.items()))


def _konferenz_seite(snap: Snapshot, g: Gruppe, k: Konferenz, stichtag: date) -> dict[str, Any]:
    config = snap.config
    names = {x.id: x.name for x in snap.gruppen.values()}
    adopted = [
        zeile(config, state_of(snap, snap.massnahmen[i], stichtag))
        for i in k.empfehlungen
        if i in snap.massnahmen and state_of(snap, snap.massnahmen[i], stichtag).bekannt
    ]
    return {
        "konferenz": k,
        "datum": german(k.datum) if k.datum else "",
        "gruppe": Verweis(g.name, _gruppe_url(g.id)),
        "empfehlungen": adopted,
        "aufgaben": [
            (Verweis(names[a.gruppe], _gruppe_url(a.gruppe)) if a.gruppe in names else Verweis(a.gruppe or "", ""), a)
            for a in k.aufgaben
        ],
        "erneuerungen": [(names.get(e.gruppe, e.gruppe), snap.name(e.person)) for e in k.erneuerungen],
    }


def _berichte(snap: Snapshot, templates: Templates, stichtag: date, pdf: bool, put: Put) -> list[dict[str, Any]]:
    """The yearly reports as ``bericht`` makes them (HTML, with ``pdf`` also PDF), ``today`` the Stichtag."""
    last = min(snap.config.zeitraum.ende_jahr, stichtag.year)
    return [
        _bericht(snap, templates, name, year, stichtag, pdf, put)
        for year in years(snap.config.zeitraum.beginn, last)
        for name in REPORTS
    ]


def _bericht(
    snap: Snapshot, templates: Templates, name: str, year: int, stichtag: date, pdf: bool, put: Put
) -> dict[str, Any]:
    """One yearly report into ``berichte/``, and its row in the list of reports.

    Without a PDF the report goes to its file part by part as the template makes it (a yearly report
    of 10,000 measures is 18 MB of HTML, and made whole it took five times that); its context is let
    go before the next report is made."""
    from luedialog.reports.render import html_to_pdf

    day = default_stichtag(year, stichtag)
    context = report_context(snap, name, year, day, stichtag)
    template = f"{name}.html.j2"  # the HTML as render_context makes it
    html = f"berichte/{file_name(name, year, 'html')}"
    pdf_path = ""
    # control characters from the data never reach a page (the report's HTML leaves them as they are)
    if not pdf:
        render_parts(templates, template, context, lambda parts: put(html, (visible(p).encode("utf-8") for p in parts)))
    else:
        text = render_text(templates, template, context)
        put(html, visible(text).encode("utf-8"))
        pdf_path = f"berichte/{file_name(name, year, 'pdf')}"
        put(pdf_path, html_to_pdf(text, snap.root, day))
    return {"jahr": year, "titel": f"{TITLES[name]} {year}", "html": html, "pdf": pdf_path, "stichtag": german(day)}


def weasyprint_available() -> bool:
    try:
        import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def site_files(
    snap: Snapshot, templates: Templates, stichtag: date, *, pdf: bool = False, daten: OffeneDaten | None = None
) -> dict[str, bytes]:
    """Every file of the site by its path relative to the site's root (held in memory: for tests)."""
    files: dict[str, bytes] = {}

    def put(path: str, data: Inhalt) -> None:
        files[path] = data if isinstance(data, bytes) else b"".join(data)

    build_site(snap, templates, stichtag, put, pdf=pdf, daten=daten)
    return dict(sorted(files.items()))


def build_site(
    snap: Snapshot,
    templates: Templates,
    stichtag: date,
    put: Put,
    *,
    pdf: bool = False,
    daten: OffeneDaten | None = None,
) -> int:
    """Hand every file of the site (path relative to the site's root, bytes or their parts) to ``put``
    as soon as it is made, so the whole site is never in memory; returns the number of pages.

    The site shows the public view of ``snap`` only (nothing marked ``intern``, names with consent);
    ``daten`` makes the open data that go into ``daten/`` (from the public view too)."""
    snap = oeffentlich(snap)
    config = snap.config
    site = _Site(snap, templates, stichtag, put)
    authority = tag_authority(config)
    zustaende = states(snap, stichtag)
    rows = {z.massnahme.id: zeile(config, z) for z in zustaende}
    district_urls = _stadtteil_urls(config)
    leer = paper_day(config)  # the date of a feed without entries

    def feed(path: str, titel: str, of: list[Zustand]) -> str:
        put(path, atom(Feed(path, titel, _feed_entries(snap, of)), authority, config.name, config.kommune, leer))
        return path

    # measures
    for z in zustaende:
        m = z.massnahme
        url = _massnahme_url(m.id)
        site.page(
            url,
            "massnahme",
            f"{m.id} – {m.titel}",
            feed(_feed_of(url), f"{m.id} {m.titel}", [z]),
            m=_massnahme_seite(snap, z, stichtag, district_urls),
        )
        site.index(f"{m.id} – {m.titel}", url, "Maßnahme", m.text)
    site.page("massnahmen/index.html", "liste", "Alle Maßnahmen", "feed.xml", zeilen=list(rows.values()))

    # fields of action
    ampel_rows = []
    for h in config.handlungsfelder:
        url = _feld_url(h.schluessel)
        in_feld = [z for z in zustaende if z.massnahme.handlungsfeld == h.schluessel]
        feld_rows = [rows[z.massnahme.id] for z in in_feld]
        ampel_rows.append(_ampel(Verweis(h.name, url), feld_rows))
        guidelines = sorted(
            (ll for ll in snap.leitlinien.values() if ll.handlungsfeld == h.schluessel),
            key=lambda ll: (ll.datei, ll.zeile),
        )
        site.page(
            url,
            "handlungsfeld",
            h.name,
            feed(_feed_of(url), f"Handlungsfeld {h.name}", in_feld),
            ampel=ampel_rows[-1],
            zeilen=feld_rows,
            leitlinien=[_leitlinie_verweis(snap, ll.id, rows) for ll in guidelines],
        )
        site.index(h.name, url, "Handlungsfeld")
    site.page("handlungsfelder/index.html", "handlungsfelder", "Handlungsfelder", "feed.xml", ampel=ampel_rows)

    # guidelines
    guideline_rows = []
    for ll in sorted(snap.leitlinien.values(), key=lambda ll: (ll.datei, ll.zeile)):
        url = _leitlinie_url(ll.id)
        detail = leitlinie_detail(snap, ll, stichtag)
        feld = (
            Verweis(config.feld(ll.handlungsfeld).name, _feld_url(ll.handlungsfeld))
            if ll.handlungsfeld and _has_feld(config, ll.handlungsfeld)
            else None
        )
        site.page(
            url,
            "leitlinie",
            f"Leitlinie {ll.id}",
            ll=ll,
            art=config.leitlinienarten.get(ll.art, ll.art),
            feld=feld,
            datei=next((d for d in snap.leitlinien_dateien if d.datei == ll.datei), None),
            zeilen=[rows[z.massnahme.id] if z.massnahme.id in rows else zeile(config, z) for z in detail.massnahmen],
        )
        guideline_rows.append(_leitlinie_verweis(snap, ll.id, rows))
        site.index(f"Leitlinie {ll.id}", url, "Leitlinie", ll.text)
    site.page("leitlinien/index.html", "leitlinien", "Alle Leitlinien", leitlinien=guideline_rows)

    # districts
    district_rows = []
    for name, url in district_urls.items():
        in_district = [z for z in zustaende if name in z.massnahme.stadtteile]
        site.page(
            url,
            "stadtteil",
            f"Stadtteil {name}",
            feed(_feed_of(url), f"Stadtteil {name}", in_district),
            name=name,
            zeilen=[rows[z.massnahme.id] for z in in_district],
        )
        district_rows.append(Verweis(name, url, str(len(in_district))))
        site.index(f"Stadtteil {name}", url, "Stadtteil")
    site.page("stadtteile/index.html", "stadtteile", "Stadtteile", stadtteile=district_rows)

    # groups (each measure indexed once by the groups it names: linear in the measures)
    conferences = _konferenzen(snap, stichtag)
    of_group: dict[str, list[Zustand]] = {}
    for z in zustaende:
        named = [*z.massnahme.gruppen, *([z.massnahme.herkunft.gruppe] if z.massnahme.herkunft else [])]
        for ident in dict.fromkeys(named):
            of_group.setdefault(ident, []).append(z)
    group_rows = []
    for g in sorted(snap.gruppen.values(), key=lambda g: g.id):
        url = _gruppe_url(g.id)
        own = of_group.get(g.id, [])
        working = [rows[z.massnahme.id] for z in own if g.id in z.massnahme.gruppen]
        held = [Verweis(f"Jahreskonferenz {j}", _konferenz_url(j)) for j, (o, _) in conferences.items() if o.id == g.id]
        inhalt = _gruppe_seite(snap, g, stichtag, working, held)
        site.page(url, "gruppe", g.name, feed(_feed_of(url), g.name, own), **inhalt)
        group_rows.append(Verweis(g.name, url, (config.gruppenarten or {}).get(g.art, g.art)))
        site.index(g.name, url, "Gruppe", g.beschreibung or "")
    site.page("gruppen/index.html", "gruppen", "Gruppen", gruppen=group_rows)

    # conferences
    conference_rows = []
    for jahr, (g, k) in conferences.items():
        url = _konferenz_url(jahr)
        site.page(url, "konferenz", f"Jahreskonferenz {jahr}", **_konferenz_seite(snap, g, k, stichtag))
        conference_rows.append(Verweis(f"Jahreskonferenz {jahr}", url, german(k.datum) if k.datum else ""))
        site.index(f"Jahreskonferenz {jahr}", url, "Jahreskonferenz", k.ergebnisse or "")
    site.page("jahreskonferenzen/index.html", "konferenzen", "Jahreskonferenzen", konferenzen=conference_rows)

    # recommendations traced
    traced = []
    for z in zustaende:
        weg = _empfehlung(snap, z, stichtag)
        if weg is not None:
            traced.append((rows[z.massnahme.id], weg))
    site.page("empfehlungen/index.html", "empfehlungen", "Empfehlungen und was aus ihnen wurde", empfehlungen=traced)

    # reports
    reports = _berichte(snap, templates, stichtag, pdf, put)
    site.page("berichte/index.html", "berichte", "Berichte", berichte=reports)
    for r in reports:
        site.index(r["titel"], r["html"], "Bericht")

    # open data
    offen: list[str] = []
    if daten is not None:
        for name, parts in daten(snap, stichtag):  # in the order of the names
            put(f"daten/{name}", parts)
            offen.append(f"daten/{name}")

    # start page
    beschluesse = sorted(
        (ll for ll in snap.leitlinien.values() if ll.art == "beschluss"), key=lambda ll: (ll.datei, ll.zeile)
    )
    latest = [
        Aenderungszeile(
            german(a.eintrag.datum),
            _massnahme_link(a.massnahme),
            _status_name(config, a.vorher or ""),
            _status_name(config, a.eintrag.status),
            a.eintrag.notiz,
        )
        for a in changes(snap, zustaende, stichtag, limit=LATEST)
    ]
    all_rows = list(rows.values())
    site.page(
        "index.html",
        "start",
        config.name,
        feed("feed.xml", config.name, zustaende),
        vorlage=config.vorlage,
        zeitraum=f"{german(config.zeitraum.beginn)} bis {config.zeitraum.ende_text or config.zeitraum.ende_jahr}",
        beschluesse=[
            Verweis(f"Beschlusspunkt {ll.nummer or ll.id}", _leitlinie_url(ll.id), ll.text) for ll in beschluesse
        ],
        ampel=ampel_rows,
        gesamt=_ampel(Verweis("Alle Handlungsfelder", "massnahmen/index.html"), all_rows),
        legende=legende(config),
        aenderungen=latest,
        berichte=reports,
        gruppen=group_rows,
        empfehlungen=len(traced),
        daten=offen,
    )
    site.page("suche.html", "suche", "Suche")

    index = json.dumps(site.suche, ensure_ascii=True, sort_keys=True).encode("ascii")
    put("suche.json", index + b"\n")
    put("suche-index.js", b"window.luedialogSuche = " + index + b";\n")
    for name in ("seite.css", "suche.js"):
        put(name, _static(templates, name))
    return site.pages


def _leitlinie_verweis(snap: Snapshot, ident: str, known: dict[str, Zeile]) -> Verweis:
    ll = snap.leitlinien[ident]
    serving = sum(1 for m in snap.measures_for(ident) if m.id in known)
    return Verweis(ll.id, _leitlinie_url(ll.id), _first_line(ll.text), serving)


def _static(templates: Templates, name: str) -> bytes:
    """A static file of the site (stylesheet, search script), from the first template folder holding it."""
    for folder in templates.folders:
        path = folder / SITE / name
        if path.is_file() and inside(path, folder):
            return path.read_bytes()
    raise LuedialogError(f"Die Datei {SITE}/{name} fehlt in den Vorlagen.", hint="Legen Sie sie im Vorlagenordner an.")


class _Zwischenlager:
    """The site's files while it is built: in a hidden folder inside the target (nothing in memory, no
    fsync per file); moved into place only when the whole site is made, so a failure leaves the
    target as it was."""

    def __init__(self, root: Path | None, target: Path) -> None:
        self.root = root
        self.target = target
        self.staging = target / f"{TEMP_PREFIX}{os.getpid()}-seite"
        self.names: list[str] = []

    def put(self, path: str, data: Inhalt) -> None:
        """Into the hidden folder (luedialog's own, made here), part by part if it comes in parts; the
        checks of ``write_output`` come when the file goes to its place."""
        folder, _, name = path.rpartition("/")
        place = self.staging / folder if folder else self.staging
        try:
            place.mkdir(parents=True, exist_ok=True)
            with open(place / name, "xb") as handle:
                if isinstance(data, bytes):
                    handle.write(data)
                else:
                    handle.writelines(data)
        except OSError as exc:
            raise LuedialogError(
                f"{self.target} kann nicht geschrieben werden ({reason(exc)}). Es wurde nichts geschrieben.",
                hint="Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.",
            ) from None
        self.names.append(path)

    def finish(self) -> list[Path]:
        """Every file to its place in one step (a rename), after the checks of ``write_output`` (never
        over a data file or a device), then one sync for all instead of two per file."""
        written: list[Path] = []
        for folder, names in _by_folder(self.names).items():
            place = self.target / folder if folder else self.target
            if folder and place.exists() and not inside(place, self.target):
                raise LuedialogError(
                    f"{place} liegt außerhalb von {self.target} (ein Verweis?); dorthin wird nichts geschrieben.",
                    hint="Entfernen Sie den Verweis oder wählen Sie mit --ausgabe einen anderen Ordner.",
                )
            place.mkdir(parents=True, exist_ok=True)
            for name in names:
                staged = self.staging / folder / name if folder else self.staging / name
                final = place / name
                check_output(self.root, final)  # as write_output: never over a data file or a device
                try:
                    os.replace(staged, final)  # a complete file in one step, as atomic_write does
                except OSError as exc:
                    raise LuedialogError(f"{final} konnte nicht geschrieben werden ({reason(exc)}).") from None
                written.append(final)
        if hasattr(os, "sync"):  # not on Windows
            os.sync()
        return written

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _by_folder(paths: list[str]) -> dict[str, list[str]]:
    folders: dict[str, list[str]] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        folders.setdefault(folder, []).append(name)
    return folders


@dataclass(frozen=True)
class Gebaut:
    ordner: Path
    dateien: list[Path]
    seiten: int


def seite(
    project: Project,
    ausgabe: Path,
    stichtag: date,
    vorlagen: Path | None,
    *,
    pdf: bool | None = None,
    daten: OffeneDaten | None = None,
) -> Gebaut:
    """``luedialog seite``: build the site of the project at ``stichtag`` into the folder ``ausgabe``.

    Refuses data with errors (like ``bericht``); ``pdf`` ``None``: PDFs where WeasyPrint is installed.
    Everything is built before the first file is put in its place: a failure (a broken template)
    leaves the folder as it was.
    """
    project.require_valid()
    templates = Templates.find(project.root, vorlagen)
    if inside(ausgabe, project.root / DATA_DIR) or ausgabe.resolve() == project.root.resolve():
        raise LuedialogError(
            f"{ausgabe} ist der Projektordner oder liegt in {DATA_DIR}/: dorthin wird keine Website geschrieben.",
            hint="Wählen Sie mit --ausgabe einen eigenen Ordner, z. B. public.",
        )
    if ausgabe.exists() and not ausgabe.is_dir():
        raise LuedialogError(f"{ausgabe} ist kein Ordner.", hint="Geben Sie mit --ausgabe einen Ordner an.")
    created = not ausgabe.exists()
    lager = _Zwischenlager(project.root, ausgabe)
    lager.discard()  # left over by a killed run with the same process ID
    try:
        build_site(
            project.snapshot,
            templates,
            stichtag,
            lager.put,
            pdf=weasyprint_available() if pdf is None else pdf,
            daten=daten,
        )
        pages = sum(1 for name in lager.names if name.endswith(".html"))  # with the yearly reports
        written = lager.finish()
    except BaseException:
        lager.discard()
        if created:
            with contextlib.suppress(OSError):
                ausgabe.rmdir()  # only if empty
        raise
    lager.discard()
    return Gebaut(ausgabe, written, pages)
