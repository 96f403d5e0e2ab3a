"""Report contexts: everything a report shows, computed in Python from the snapshot at a Stichtag.

Templates only present what is here; every decision (what counts as done this year, what is
overdue, which names may be shown) is made and tested in this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luedialog.dates import german
from luedialog.model import ampel
from luedialog.model.ampel import AMPELN
from luedialog.model.config import Config
from luedialog.model.types import Gruppe, Massnahme
from luedialog.queries.gruppen import besetzung, renewal_horizon, renewed
from luedialog.queries.stand import Zustand, entry_at, state_of
from luedialog.snapshot import Snapshot


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
class Finanzen:
    zeilen: list[Finanzzeile]
    kosten: float
    foerderung: float
    eigenanteil: float


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
    return Kopf(titel, c.name, c.kommune, nummer, datum, jahr, german(stichtag), zeitraum, _legende(c))


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
        verantwortlich=m.verantwortlich or "",
        zieldatum=german(m.zieldatum) if m.zieldatum else "",
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


def _final_since(snap: Snapshot, m: Massnahme, stichtag: date) -> date | None:
    """The date the measure last became final (up to the Stichtag), if it is final now."""
    config = snap.config
    since = None
    for entry in m.verlauf:
        if entry.datum > stichtag:
            break
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
    return Finanzen(
        rows,
        sum(r.kosten or 0 for r in rows),
        sum(r.foerderung or 0 for r in rows),
        sum(r.eigenanteil or 0 for r in rows),
    )


def _feld(snap: Snapshot, schluessel: str, jahr: int, stichtag: date) -> Feldbericht:
    config = snap.config
    start = date(jahr, 1, 1)
    measures = sorted((m for m in snap.massnahmen.values() if m.handlungsfeld == schluessel), key=lambda m: m.id)
    known = [(m, state_of(snap, m, stichtag)) for m in measures]
    known = [(m, z) for m, z in known if z.eintrag is not None]
    main: list[Zeile] = []
    done_this_year: list[Zeile] = []
    for m, z in known:
        since = _final_since(snap, m, stichtag)
        row = _zeile(config, z)
        if since is not None and since < start:
            continue  # completed in an earlier year: reported then, not again
        main.append(row)
        if since is not None and since >= start and z.status is not None and z.status.ampel == "gruen":
            done_this_year.append(row)  # completed (not dropped) during this year
    changes: list[Aenderungszeile] = []
    for m, _ in known:
        previous = ""
        for entry in m.verlauf:
            if entry.datum > stichtag:
                break
            if entry.datum >= start:
                changes.append(
                    Aenderungszeile(
                        german(entry.datum),
                        m.id,
                        m.titel,
                        config.status_def(previous).bezeichnung if previous else "",
                        config.status_def(entry.status).bezeichnung,
                        entry.notiz,
                    )
                )
            previous = entry.status
    changes.sort(key=lambda a: (a.datum[6:] + a.datum[3:5] + a.datum[:2], a.id))
    guidelines = sorted(
        (ll for ll in snap.leitlinien.values() if ll.handlungsfeld == schluessel),
        key=lambda ll: (ll.datei, ll.zeile),
    )
    rows = []
    for ll in guidelines:
        serving = [m for m in snap.measures_for(ll.id) if entry_at(m, stichtag) is not None]
        first_line = ll.text.split("\n", 1)[0]
        rows.append(Leitlinienzeile(ll.id, ll.nummer or "", first_line, len(serving)))
    next_year_end = date(jahr + 1, 12, 31)
    outlook = [
        r
        for (m, z), r in zip(known, [_zeile(config, z) for _, z in known], strict=True)
        if z.status is not None
        and not z.status.final
        and (m.zieldatum is not None and stichtag < m.zieldatum <= next_year_end)
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
    )


def _members(snap: Snapshot, g: Gruppe, day: date) -> list[Mitglied]:
    roles = snap.config.rollen or {}
    return [
        Mitglied(snap.name(m.person), roles.get(m.rolle, m.rolle), m.fuer or "", german(m.ende) if m.ende else "")
        for m in g.mitglieder
        if m.active(day)
    ]


def _recommendations_of(snap: Snapshot, gruppe_id: str, jahr: int, stichtag: date) -> list[Zeile]:
    rows = []
    for m in sorted(snap.recommendations_of(gruppe_id), key=lambda m: m.id):
        h = m.herkunft
        if h is None or h.gruppe != gruppe_id:
            continue
        if h.datum is not None and h.datum.year != jahr:
            continue
        z = state_of(snap, m, stichtag)
        if z.eintrag is not None:
            rows.append(_zeile(snap.config, z))
    return rows


def _gruppe(snap: Snapshot, g: Gruppe, jahr: int, stichtag: date) -> Gruppenbericht:
    seats = besetzung(snap, g, stichtag)  # only seats with a set number count as seats to fill
    return Gruppenbericht(
        id=g.id,
        name=g.name,
        art=(snap.config.gruppenarten or {}).get(g.art, g.art),
        aufgaben=[a.text for a in g.aufgaben if a.jahr == jahr],
        aufgaben_folgejahr=[a.text for a in g.aufgaben if a.jahr == jahr + 1],
        sitzungen=[
            Sitzungszeile(german(s.datum), s.thema, s.ergebnisse or "", list(s.empfehlungen))
            for s in sorted(g.sitzungen, key=lambda s: s.datum)
            if s.datum.year == jahr and s.datum <= stichtag
        ],
        mitglieder=_members(snap, g, stichtag),
        sitze_gesamt=sum(b.soll or 0 for b in seats),
        sitze_besetzt=sum((b.soll or 0) - b.leer for b in seats),
        empfehlungen=_recommendations_of(snap, g.id, jahr, stichtag),
    )


def _konferenz(snap: Snapshot, jahr: int, stichtag: date) -> Konferenzbericht | None:
    for g in sorted(snap.gruppen.values(), key=lambda g: g.id):
        for k in g.konferenzen:
            if k.jahr != jahr or (k.datum is not None and k.datum > stichtag):
                continue
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
    return None


def default_stichtag(jahr: int, today: date) -> date:
    """31 December of the year, or today for the running year."""
    return today if jahr == today.year else date(jahr, 12, 31)


def ratsbericht(snap: Snapshot, jahr: int, stichtag: date) -> Ratsbericht:
    config = snap.config
    felder = [_feld(snap, h.schluessel, jahr, stichtag) for h in config.handlungsfelder]
    total = dict.fromkeys(AMPELN, 0)
    for f in felder:
        for k, v in f.ampel.items():
            total[k] += v
    all_rows = [r for f in felder for r in f.finanzen.zeilen]
    finanzen = Finanzen(
        all_rows,
        sum(f.finanzen.kosten for f in felder),
        sum(f.finanzen.foerderung for f in felder),
        sum(f.finanzen.eigenanteil for f in felder),
    )
    gruppen = [_gruppe(snap, g, jahr, stichtag) for g in sorted(snap.gruppen.values(), key=lambda g: g.id)]
    return Ratsbericht(
        kopf=_kopf(snap, f"Bericht an den Rat {jahr}", jahr, stichtag),
        ampel=total,
        gesamt=sum(f.gesamt for f in felder),
        felder=felder,
        finanzen=finanzen,
        konferenz=_konferenz(snap, jahr, stichtag),
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
    konferenz = _konferenz(snap, jahr, stichtag)
    next_tasks = list(konferenz.aufgaben) if konferenz else []
    if not next_tasks:
        next_tasks = [(g.name, a.text) for g in groups for a in g.aufgaben if a.jahr == jahr + 1]
    horizon = renewal_horizon(stichtag)
    ending = []
    roles = snap.config.rollen or {}
    for g in sorted(snap.gruppen.values(), key=lambda g: g.id):
        for m in g.mitglieder:
            if renewed(g, m):
                continue  # a new declaration follows without a gap
            if m.ende is not None and date(jahr, 1, 1) <= m.ende <= max(horizon, date(jahr, 12, 31)):
                ending.append(Erklaerung(g.name, snap.name(m.person), roles.get(m.rolle, m.rolle), german(m.ende)))
    return Konferenzdokument(
        kopf=_kopf(snap, f"Jahreskonferenz {jahr}", jahr, stichtag),
        grundsaetze_einleitung=intro,
        grundsaetze=[ll.text for ll in principles],
        konferenz=konferenz,
        gruppen=[_gruppe(snap, g, jahr, stichtag) for g in groups],
        vorjahr=_konferenz(snap, jahr - 1, stichtag),
        aufgaben_folgejahr=next_tasks,
        erklaerungen_enden=ending,
    )
