"""Report contexts: everything a report shows, computed in Python from the snapshot at a Stichtag.

Templates only present what is here; every decision (what counts as done this year, what is
overdue, which names may be shown) is made and tested in this module.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from luedialog.dates import german
from luedialog.model import ampel
from luedialog.model.ampel import AMPELN
from luedialog.model.config import Config
from luedialog.model.types import Gruppe, Konferenz, Massnahme
from luedialog.queries.gruppen import besetzung, renewal_horizon, renewed
from luedialog.queries.jahr import Gruppenjahr, Jahr, Termin, im_jahr
from luedialog.queries.stand import Zustand, entry_at, state_of
from luedialog.queries.verlauf import changes_of_values
from luedialog.reports.indikatoren import Indikatorbericht, indikatorberichte
from luedialog.snapshot import Snapshot
from luedialog.zahlen import MISSING, euro


@dataclass(frozen=True)
class Zeile:
    """One measure in a table."""

    id: str
    titel: str
    art: str
    status: str
    status_schluessel: str
    ampel: str
    fortschritt: int | None
    verantwortlich: str
    zieldatum: str
    stand: str
    letzte_notiz: str
    ueberfaellig: bool
    teil_von: str


@dataclass(frozen=True)
class Aenderungszeile:
    datum: str
    id: str
    titel: str
    vorher: str
    nachher: str
    notiz: str


@dataclass(frozen=True)
class Verschiebungszeile:
    """A postponed target date or a new responsible office, recorded in the year."""

    datum: str
    id: str
    titel: str
    was: str  # "Zieldatum" or "Verantwortlich"
    vorher: str
    nachher: str
    grund: str


@dataclass(frozen=True)
class Korrekturzeile:
    """A correction of a history entry, made in the year."""

    datum: str
    id: str
    titel: str
    eintrag: str  # the corrected entry as it was written: "Nr. 3 vom 15.03.2012"
    korrektur: str  # what is right now: "Datum 15.03.2010" or "gestrichen"
    grund: str


@dataclass(frozen=True)
class Leitlinienzeile:
    id: str
    nummer: str
    text: str
    massnahmen: int


@dataclass(frozen=True)
class Finanzzeile:
    id: str
    titel: str
    kosten: float | None
    foerderung: float | None
    eigenanteil: float | None
    haushalt: str
    notiz: str


@dataclass(frozen=True)
class Summe:
    """The total of one part of the finances over several measures: the amounts that were given.

    An amount nobody recorded is not zero: without any, the total is "–"; with some missing, it is
    at least the sum of the others and says so.
    """

    betrag: float | None  # the sum of the amounts given; None if none is given
    angegeben: int  # how many measures give this amount
    von: int  # of how many

    @property
    def vollstaendig(self) -> bool:
        return self.angegeben == self.von

    @property
    def anzeige(self) -> str:
        if self.betrag is None:
            return MISSING
        return euro(self.betrag) if self.vollstaendig else f"mind. {euro(self.betrag)}"


def _summe(amounts: list[float | None]) -> Summe:
    given = [a for a in amounts if a is not None]
    return Summe(sum(given) if given else None, len(given), len(amounts))


@dataclass(frozen=True)
class Finanzen:
    zeilen: list[Finanzzeile]
    kosten: Summe
    foerderung: Summe
    eigenanteil: Summe

    @property
    def hinweise(self) -> list[str]:
        """Which parts are incomplete: "Eigenanteil: nicht für alle Maßnahmen angegeben (1 von 2)"."""
        parts = (("Kosten", self.kosten), ("Förderung", self.foerderung), ("Eigenanteil", self.eigenanteil))
        return [
            f"{name}: nicht für alle Maßnahmen angegeben ({total.angegeben} von {total.von})"
            for name, total in parts
            if not total.vollstaendig
        ]


def finanzen(zeilen: list[Finanzzeile]) -> Finanzen:
    return Finanzen(
        zeilen,
        _summe([r.kosten for r in zeilen]),
        _summe([r.foerderung for r in zeilen]),
        _summe([r.eigenanteil for r in zeilen]),
    )


@dataclass(frozen=True)
class Feldbericht:
    schluessel: str
    name: str
    ampel: dict[str, int]
    gesamt: int
    leitlinien: list[Leitlinienzeile]
    luecken: list[Leitlinienzeile]
    massnahmen: list[Zeile]
    aenderungen: list[Aenderungszeile]
    ueberfaellig: list[Zeile]
    abgeschlossen: list[Zeile]
    ausblick: list[Zeile]
    finanzen: Finanzen
    verschiebungen: list[Verschiebungszeile] = field(default_factory=list)
    korrekturen: list[Korrekturzeile] = field(default_factory=list)
    indikatoren: list[Indikatorbericht] = field(default_factory=list)


@dataclass(frozen=True)
class Mitglied:
    name: str
    rolle: str
    fuer: str
    ende: str


@dataclass(frozen=True)
class Sitzungszeile:
    datum: str
    thema: str
    ergebnisse: str
    empfehlungen: list[str]
    teilnehmende: int | None = None


@dataclass(frozen=True)
class Gruppenbericht:
    id: str
    name: str
    art: str
    aufgaben: list[str]
    aufgaben_folgejahr: list[str]
    sitzungen: list[Sitzungszeile]
    mitglieder: list[Mitglied]
    sitze_gesamt: int
    sitze_besetzt: int
    empfehlungen: list[Zeile]


@dataclass(frozen=True)
class Konferenzbericht:
    jahr: int
    datum: str
    ergebnisse: str
    empfehlungen: list[Zeile]
    aufgaben: list[tuple[str, str]]  # (group name, task)
    erneuerungen: list[tuple[str, str]]  # (group name, display name)


@dataclass(frozen=True)
class Kopf:
    titel: str
    projekt: str
    kommune: str
    vorlage: str
    vorlage_datum: str
    jahr: int
    stichtag: str
    zeitraum: str
    ampel_legende: dict[str, str]  # colour → what it means (from the status vocabulary)
    # the printed header of the founding paper, as far as luedialog.yaml records it ("" if not)
    vorlage_titel: str = ""
    fachbereich: str = ""
    oeffentlich: str = ""  # "öffentlich" or "nichtöffentlich"
    folgekosten: str = ""  # "Folgekosten/Jahr" or "keine Folgekosten" (the box ticked)
    beratungsfolge: tuple[str, ...] = ()  # "Rat (Beschlussorgan), Sitzung am 30.10.2008, TOP 6/08 I. 3."


@dataclass(frozen=True)
class Ratsbericht:
    kopf: Kopf
    ampel: dict[str, int]
    gesamt: int
    felder: list[Feldbericht]
    finanzen: Finanzen
    konferenz: Konferenzbericht | None
    gruppen: list[Gruppenbericht]


@dataclass(frozen=True)
class Erklaerung:
    gruppe: str
    name: str
    rolle: str
    ende: str


@dataclass(frozen=True)
class Konferenzdokument:
    kopf: Kopf
    grundsaetze_einleitung: str
    grundsaetze: list[str]
    konferenz: Konferenzbericht | None
    gruppen: list[Gruppenbericht]
    vorjahr: Konferenzbericht | None
    aufgaben_folgejahr: list[tuple[str, str]]
    erklaerungen_enden: list[Erklaerung]


def _kopf(snap: Snapshot, titel: str, jahr: int, stichtag: date) -> Kopf:
    c = snap.config
    zeitraum = f"{german(c.zeitraum.beginn)} bis {c.zeitraum.ende_text or c.zeitraum.ende_jahr}"
    nummer, datum = (c.vorlage.nummer, german(c.vorlage.datum)) if c.vorlage else ("", "")
    kopf = Kopf(titel, c.name, c.kommune, nummer, datum, jahr, german(stichtag), zeitraum, _legende(c))
    v = c.vorlage
    if v is None:
        return kopf
    return dataclasses.replace(
        kopf,
        vorlage_titel=" ".join(v.titel.split()),
        fachbereich=v.fachbereich or "",
        oeffentlich={True: "öffentlich", False: "nichtöffentlich", None: ""}[v.oeffentlich],
        folgekosten={True: "Folgekosten/Jahr", False: "keine Folgekosten", None: ""}[v.folgekosten],
        beratungsfolge=tuple(
            f"{b.gremium}{' (Beschlussorgan)' if b.beschlussorgan else ''}, Sitzung am {german(b.sitzung)}"
            + (f", TOP {b.top}" if b.top else "")
            for b in v.beratungsfolge
        ),
    )


def _legende(config: Config) -> dict[str, str]:
    """What each colour of the Ampel stands for: the statuses that show it (red also: overdue)."""
    legend = {}
    for key in AMPELN:
        meanings = [s.bezeichnung for s in config.status if s.ampel == key]
        if key == "rot":
            meanings.append("überfällig")
        legend[key] = f"{ampel.NAMEN[key]} – " + (" oder ".join(meanings) if meanings else "nicht vergeben")
    return legend


def _effective_ampel(z: Zustand) -> str:
    if z.ueberfaellig:
        return "rot"
    return z.status.ampel if z.status else "grau"


def _zeile(config: Config, z: Zustand) -> Zeile:
    m = z.massnahme
    return Zeile(
        id=m.id,
        titel=m.titel,
        art=config.massnahmenarten.get(m.art, m.art),
        status=z.status.bezeichnung if z.status else "–",
        status_schluessel=z.status.schluessel if z.status else "",
        ampel=_effective_ampel(z),
        fortschritt=z.fortschritt,
        verantwortlich=z.verantwortlich or "",
        zieldatum=german(z.zieldatum) if z.zieldatum else "",
        stand=german(z.eintrag.datum) if z.eintrag else "",
        letzte_notiz=z.eintrag.notiz if z.eintrag else "",
        ueberfaellig=z.ueberfaellig,
        teil_von=m.teil_von or "",
    )


def _count(zeilen: list[Zeile]) -> dict[str, int]:
    counts = dict.fromkeys(AMPELN, 0)
    for z in zeilen:
        counts[z.ampel] = counts.get(z.ampel, 0) + 1
    return counts


def _final_since(config: Config, z: Zustand) -> date | None:
    """The date the measure last became final (up to the Stichtag), if it is final now."""
    since = None
    for entry in z.verlauf:  # the history known at the Stichtag, up to it
        final = config.status_def(entry.status).final
        if final and since is None:
            since = entry.datum
        elif not final:
            since = None
    return since


def _finanzen(measures: list[Massnahme]) -> Finanzen:
    rows = []
    for m in measures:
        f = m.finanzen
        if f is None:
            continue
        rows.append(Finanzzeile(m.id, m.titel, f.kosten, f.foerderung, f.eigenanteil, f.haushalt or "", f.notiz or ""))
    return finanzen(rows)


def _feld(snap: Snapshot, schluessel: str, jahr: int, stichtag: date, zustaende: dict[str, Zustand]) -> Feldbericht:
    """The field's part of the report; ``zustaende`` the state of every measure at the Stichtag."""
    config = snap.config
    start = date(jahr, 1, 1)
    measures = sorted((m for m in snap.massnahmen.values() if m.handlungsfeld == schluessel), key=lambda m: m.id)
    known = [(m, zustaende[m.id]) for m in measures]
    known = [(m, z) for m, z in known if z.eintrag is not None]
    main: list[Zeile] = []
    done_this_year: list[Zeile] = []
    rows_of_known = [_zeile(config, z) for _, z in known]
    for (_, z), row in zip(known, rows_of_known, strict=True):
        since = _final_since(config, z)
        if since is not None and since < start:
            continue  # completed in an earlier year: reported then, not again
        main.append(row)
        if since is not None and since >= start and z.status is not None and z.status.ampel == "gruen":
            done_this_year.append(row)  # completed (not dropped) during this year
    dated: list[tuple[date, str, Aenderungszeile]] = []
    for _, z in known:
        m = z.massnahme
        previous = ""
        for entry in z.verlauf:
            if entry.datum >= start:
                change = Aenderungszeile(
                    german(entry.datum),
                    m.id,
                    m.titel,
                    config.status_def(previous).bezeichnung if previous else "",
                    config.status_def(entry.status).bezeichnung,
                    entry.notiz,
                )
                dated.append((entry.datum, m.id, change))
            previous = entry.status
    dated.sort(key=lambda d: (d[0], d[1]))  # by day, then measure; stable
    changes = [change for _, _, change in dated]
    guidelines = sorted(
        (ll for ll in snap.leitlinien.values() if ll.handlungsfeld == schluessel),
        key=lambda ll: (ll.datei, ll.zeile),
    )
    rows = []
    for ll in guidelines:
        serving = [m for m in snap.measures_for(ll.id) if zustaende[m.id].eintrag is not None]
        first_line = ll.text.split("\n", 1)[0]
        rows.append(Leitlinienzeile(ll.id, ll.nummer or "", first_line, len(serving)))
    next_year_end = date(jahr + 1, 12, 31)
    outlook = [
        r
        for (m, z), r in zip(known, rows_of_known, strict=True)
        if z.status is not None
        and not z.status.final
        and (z.zieldatum is not None and stichtag < z.zieldatum <= next_year_end)
    ]
    return Feldbericht(
        schluessel=schluessel,
        name=config.feld(schluessel).name,
        ampel=_count(main),
        gesamt=len(main),
        leitlinien=rows,
        luecken=[r for r in rows if r.massnahmen == 0],
        massnahmen=main,
        aenderungen=changes,
        ueberfaellig=[r for r in main if r.ueberfaellig],
        abgeschlossen=done_this_year,
        ausblick=outlook,
        finanzen=_finanzen([m for m, _ in known]),
        verschiebungen=_verschiebungen(known, start, stichtag),
        korrekturen=_korrekturen(config, known, start),
        indikatoren=indikatorberichte(snap, schluessel, stichtag),
    )


def _shown(value: date | str | None) -> str:
    if value is None:
        return "–"
    return german(value) if isinstance(value, date) else value


def _verschiebungen(known: list[tuple[Massnahme, Zustand]], start: date, stichtag: date) -> list[Verschiebungszeile]:
    """Postponements and changes of responsibility recorded in the year (up to the Stichtag)."""
    rows = []
    for m, z in known:
        for c in changes_of_values(m, z.verlauf, stichtag):
            if c.eintrag.datum >= start:
                was = "Zieldatum" if c.feld == "zieldatum" else "Verantwortlich"
                rows.append(
                    Verschiebungszeile(
                        german(c.eintrag.datum),
                        m.id,
                        m.titel,
                        was,
                        _shown(c.vorher),
                        _shown(c.nachher),
                        c.eintrag.notiz,
                    )
                )
    rows.sort(key=lambda r: (r.datum[6:] + r.datum[3:5] + r.datum[:2], r.id))
    return rows


_FIELD_NAMES = {
    "datum": "Datum",
    "status": "Status",
    "notiz": "Notiz",
    "von": "Von",
    "nachweis": "Nachweis",
    "fortschritt": "Fortschritt",
    "verantwortlich": "Verantwortlich",
    "zieldatum": "Zieldatum",
    "weitergeleitet_am": "Weitergeleitet am",
}


def _value(config: Config, name: str, value: object) -> str:
    if isinstance(value, date):
        return german(value)
    if name == "fortschritt":
        return f"{value} %"
    if name == "status" and isinstance(value, str):
        return config.status_def(value).bezeichnung
    return str(value)


def _korrekturen(config: Config, known: list[tuple[Massnahme, Zustand]], start: date) -> list[Korrekturzeile]:
    """Corrections made in the year (up to the Stichtag), with what they say is right."""
    rows = []
    for m, z in known:
        for k in z.korrekturen:
            if k.datum < start:
                continue
            if k.nachtrag is not None:
                entry = "–"
                status = config.status_def(k.nachtrag.status).bezeichnung
                what = f"nachgetragen: Eintrag vom {german(k.nachtrag.datum)} ({status})"
                if k.uebertragen_aus:
                    what += f", stand irrtümlich bei {k.uebertragen_aus}"
            else:
                old = m.verlauf[k.eintrag - 1] if k.eintrag and k.eintrag <= len(m.verlauf) else None
                entry = f"Nr. {k.eintrag}" + (f" vom {german(old.datum)}" if old else "")
                if k.gestrichen:
                    what = "gestrichen" + (f" (gehört zu {k.uebertragen_nach})" if k.uebertragen_nach else "")
                else:
                    values = k.richtig.values() if k.richtig else {}
                    what = "; ".join(f"{_FIELD_NAMES[n]}: {_value(config, n, v)}" for n, v in values.items())
            rows.append(Korrekturzeile(german(k.datum), m.id, m.titel, entry, what, k.grund or "–"))
    rows.sort(key=lambda r: (r.datum[6:] + r.datum[3:5] + r.datum[:2], r.id))
    return rows


def _members(snap: Snapshot, g: Gruppe, day: date) -> list[Mitglied]:
    roles = snap.config.rollen or {}
    return [
        Mitglied(snap.name(m.person), roles.get(m.rolle, m.rolle), m.fuer or "", german(m.bis) if m.bis else "")
        for m in g.mitglieder
        if m.active(day)
    ]


def _sitzung(t: Termin) -> Sitzungszeile:
    thema = t.thema if t.konferenz is None else f"Jahreskonferenz {t.konferenz.jahr}"
    return Sitzungszeile(
        german(t.datum) if t.datum else "–", thema or "", t.ergebnisse or "", list(t.empfehlungen), t.teilnehmende
    )


# (group, year) → the texts agreed for it, one list per Jahreskonferenz
Agreed = dict[tuple[str | None, int], list[list[str]]]


def _agreed(snap: Snapshot, stichtag: date) -> Agreed:
    """The tasks the Jahreskonferenzen up to the Stichtag agreed, by group and year: per conference (in
    the order of the groups by ID and of their conferences), the texts in the order of the conference.

    Gathered once per report: looking through every conference of every group for each group made a
    report quadratic in the number of groups."""
    agreed: Agreed = {}
    for other in sorted(snap.gruppen.values(), key=lambda x: x.id):
        for k in other.konferenzen:
            if k.datum is not None and k.datum > stichtag:
                continue
            of_this: dict[tuple[str | None, int], list[str]] = {}
            for a in k.aufgaben:
                of_this.setdefault((a.gruppe, a.jahr), []).append(a.text)
            for key, texts in of_this.items():
                agreed.setdefault(key, []).append(texts)
    return agreed


def _tasks(g: Gruppe, jahr: int, agreed: Agreed) -> list[str]:
    """The group's tasks for ``jahr``: its own, and those a Jahreskonferenz (up to the Stichtag) agreed
    for it (``agreed`` from :func:`_agreed`): of each conference the texts the list does not hold yet."""
    tasks = [a.text for a in g.aufgaben if a.jahr == jahr]
    for texts in agreed.get((g.id, jahr), ()):
        tasks += [text for text in texts if text not in tasks]
    return tasks


def _gruppe(snap: Snapshot, year: Gruppenjahr, stichtag: date, agreed: Agreed) -> Gruppenbericht:
    g, jahr = year.gruppe, year.jahr
    seats = besetzung(snap, g, stichtag)  # only seats with a set number count as seats to fill
    return Gruppenbericht(
        id=g.id,
        name=g.name,
        art=(snap.config.gruppenarten or {}).get(g.art, g.art),
        aufgaben=_tasks(g, jahr, agreed),
        aufgaben_folgejahr=_tasks(g, jahr + 1, agreed),
        sitzungen=[_sitzung(t) for t in year.termine],
        mitglieder=_members(snap, g, stichtag),
        sitze_gesamt=sum(b.soll or 0 for b in seats),
        sitze_besetzt=sum((b.soll or 0) - b.leer for b in seats),
        empfehlungen=[_zeile(snap.config, z) for z in year.empfehlungen],
    )


def _konferenz(snap: Snapshot, year: Jahr, stichtag: date) -> Konferenzbericht | None:
    found = year.konferenz
    if found is None:
        return None
    k: Konferenz = found[1]
    names = {x.id: x.name for x in snap.gruppen.values()}
    rows = [
        _zeile(snap.config, state_of(snap, snap.massnahmen[i], stichtag))
        for i in k.empfehlungen
        if i in snap.massnahmen and entry_at(snap.massnahmen[i], stichtag) is not None
    ]
    renewed = []
    for e in k.erneuerungen:
        renewed.append((names.get(e.gruppe, e.gruppe), snap.name(e.person)))
    return Konferenzbericht(
        jahr=k.jahr,
        datum=german(k.datum) if k.datum else "",
        ergebnisse=k.ergebnisse or "",
        empfehlungen=rows,
        aufgaben=[(names.get(a.gruppe or "", a.gruppe or ""), a.text) for a in k.aufgaben],
        erneuerungen=renewed,
    )


def default_stichtag(jahr: int, today: date) -> date:
    """31 December of the year, or today for the running year."""
    return today if jahr == today.year else date(jahr, 12, 31)


def ratsbericht(snap: Snapshot, jahr: int, stichtag: date) -> Ratsbericht:
    config = snap.config
    zustaende = {m.id: state_of(snap, m, stichtag) for m in snap.massnahmen.values()}  # once for every field
    felder = [_feld(snap, h.schluessel, jahr, stichtag, zustaende) for h in config.handlungsfelder]
    total = dict.fromkeys(AMPELN, 0)
    for f in felder:
        for k, v in f.ampel.items():
            total[k] += v
    all_rows = finanzen([r for f in felder for r in f.finanzen.zeilen])
    year = im_jahr(snap, jahr, stichtag)
    agreed = _agreed(snap, stichtag)
    gruppen = [_gruppe(snap, g, stichtag, agreed) for g in year.gruppen]
    return Ratsbericht(
        kopf=_kopf(snap, f"Bericht an den Rat {jahr}", jahr, stichtag),
        ampel=total,
        gesamt=sum(f.gesamt for f in felder),
        felder=felder,
        finanzen=all_rows,
        konferenz=_konferenz(snap, year, stichtag),
        gruppen=gruppen,
    )


def konferenzdokument(snap: Snapshot, jahr: int, stichtag: date) -> Konferenzdokument:
    art = snap.config.praeambel_leitlinienart
    principles = [ll for ll in snap.leitlinien.values() if art is not None and ll.art == art]
    principles.sort(key=lambda ll: (ll.datei, ll.zeile))
    intro = ""
    if principles:
        datei = next((d for d in snap.leitlinien_dateien if d.datei == principles[0].datei), None)
        intro = (datei.einleitung or "") if datei else ""
    groups = sorted((g for g in snap.gruppen.values() if g.art == "arbeitsgruppe"), key=lambda g: g.id)
    year = im_jahr(snap, jahr, stichtag)
    konferenz = _konferenz(snap, year, stichtag)
    next_tasks = list(konferenz.aufgaben) if konferenz else []
    if not next_tasks:
        next_tasks = [(g.name, a.text) for g in groups for a in g.aufgaben if a.jahr == jahr + 1]
    horizon = renewal_horizon(stichtag)
    agreed = _agreed(snap, stichtag)
    ending = []
    roles = snap.config.rollen or {}
    for g in sorted(snap.gruppen.values(), key=lambda g: g.id):
        for m in g.mitglieder:
            if renewed(g, m):
                continue  # a new declaration follows without a gap
            if m.beendet_am is not None:
                continue  # left before the end of the declaration: nothing to renew
            if m.ende is not None and date(jahr, 1, 1) <= m.ende <= max(horizon, date(jahr, 12, 31)):
                ending.append(Erklaerung(g.name, snap.name(m.person), roles.get(m.rolle, m.rolle), german(m.ende)))
    return Konferenzdokument(
        kopf=_kopf(snap, f"Jahreskonferenz {jahr}", jahr, stichtag),
        grundsaetze_einleitung=intro,
        grundsaetze=[ll.text for ll in principles],
        konferenz=konferenz,
        gruppen=[_gruppe(snap, y, stichtag, agreed) for y in year.gruppen if y.gruppe.art == "arbeitsgruppe"],
        vorjahr=_konferenz(snap, im_jahr(snap, jahr - 1, stichtag), stichtag),
        aufgaben_folgejahr=next_tasks,
        erklaerungen_enden=ending,
    )


# the same rows for the site (reports/seite.py): one measure as a table row, the Ampel counted, the
# corrections of one measure with what they say is right
def zeile(config: Config, z: Zustand) -> Zeile:
    return _zeile(config, z)


def ampel_zaehlen(zeilen: list[Zeile]) -> dict[str, int]:
    return _count(zeilen)


def korrekturzeilen(config: Config, m: Massnahme, z: Zustand) -> list[Korrekturzeile]:
    return _korrekturen(config, [(m, z)], date.min)


def legende(config: Config) -> dict[str, str]:
    return _legende(config)
