"""Questions about the snapshot at a reference date (Stichtag): state, overdue, stale, changes.

Everything is computed from the histories up to the Stichtag, so the answer for a past date
never changes when newer entries are added.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from luedialog.model.config import Handlungsfeld, StatusDef
from luedialog.model.types import Leitlinie, Massnahme, VerlaufEintrag
from luedialog.snapshot import Snapshot


@dataclass(frozen=True)
class Filter:
    """Which measures to look at; ``None`` means no restriction."""

    feld: str | None = None
    status: str | None = None
    stadtteil: str | None = None
    gruppe: str | None = None


@dataclass(frozen=True)
class Zustand:
    """The state of one measure at the Stichtag."""

    massnahme: Massnahme
    eintrag: VerlaufEintrag | None  # latest entry up to the Stichtag
    status: StatusDef | None
    fortschritt: int | None
    fortschritt_aus_teilen: bool  # progress rolled up from sub-measures
    ueberfaellig: bool
    veraltet: bool

    @property
    def bekannt(self) -> bool:
        """False if the measure had no entry yet at the Stichtag."""
        return self.eintrag is not None


@dataclass(frozen=True)
class Aenderung:
    massnahme: Massnahme
    eintrag: VerlaufEintrag
    vorher: str | None  # status before this entry


@dataclass(frozen=True)
class FeldUebersicht:
    handlungsfeld: Handlungsfeld
    anzahl: dict[str, int]  # status key → number of measures
    gesamt: int


@dataclass(frozen=True)
class StatusUebersicht:
    stichtag: date
    filter: Filter
    felder: list[FeldUebersicht]
    zustaende: list[Zustand]
    ueberfaellig: list[Zustand]
    veraltet: list[Zustand]
    aenderungen: list[Aenderung] = field(default_factory=list)


def entry_at(m: Massnahme, stichtag: date) -> VerlaufEintrag | None:
    """The latest history entry dated on or before ``stichtag``."""
    latest = None
    for entry in m.verlauf:
        if entry.datum <= stichtag:
            latest = entry
    return latest


def _own_progress(snap: Snapshot, entry: VerlaufEintrag) -> int:
    if entry.fortschritt is not None:
        return entry.fortschritt
    return snap.config.status_def(entry.status).fortschritt


@lru_cache(maxsize=64)
def _stale_before(stichtag: date, months: int) -> date:
    """A measure without an entry since before this day is stale (the same for every measure)."""
    result: date = stichtag - relativedelta(months=months)
    return result


def state_of(snap: Snapshot, m: Massnahme, stichtag: date, _depth: int = 0) -> Zustand:
    entry = entry_at(m, stichtag)
    config = snap.config
    status = config.status_def(entry.status) if entry else None
    progress = _own_progress(snap, entry) if entry else None
    rolled = False
    children = [c for c in snap.children(m.id) if c.id != m.id] if _depth < 50 else []
    child_states = [state_of(snap, c, stichtag, _depth + 1) for c in children]
    known = [s for s in child_states if s.eintrag is not None and s.fortschritt is not None]
    if known and entry is not None:
        newest_child = max(s.eintrag.datum for s in known if s.eintrag)
        if entry.datum <= newest_child:
            weights = [s.massnahme.gewicht if s.massnahme.gewicht is not None else 1.0 for s in known]
            total = sum(weights)
            if total > 0:
                progress = round(sum(w * (s.fortschritt or 0) for w, s in zip(weights, known, strict=True)) / total)
                rolled = True
    final = bool(status and status.final)
    overdue = bool(entry and not final and m.zieldatum is not None and m.zieldatum < stichtag)
    stale = bool(entry and not final and entry.datum < _stale_before(stichtag, config.veraltet_nach_monaten))
    return Zustand(m, entry, status, progress, rolled, overdue, stale)


def matches(snap: Snapshot, z: Zustand, filt: Filter) -> bool:
    m = z.massnahme
    if filt.feld is not None and m.handlungsfeld != filt.feld:
        return False
    if filt.status is not None and (z.status is None or z.status.schluessel != filt.status):
        return False
    if filt.stadtteil is not None and filt.stadtteil not in m.stadtteile:
        return False
    return filt.gruppe is None or filt.gruppe in m.gruppen


def states(snap: Snapshot, stichtag: date, filt: Filter | None = None) -> list[Zustand]:
    """States of all measures known at the Stichtag that pass the filter, ordered by ID."""
    filt = filt or Filter()
    result = []
    for m in sorted(snap.massnahmen.values(), key=lambda m: m.id):
        z = state_of(snap, m, stichtag)
        if z.bekannt and matches(snap, z, filt):
            result.append(z)
    return result


def _history(
    zustaende: list[Zustand], stichtag: date, since: date | None
) -> Iterator[tuple[Massnahme, VerlaufEintrag, str | None]]:
    for z in zustaende:
        previous: str | None = None
        for entry in z.massnahme.verlauf:
            if entry.datum > stichtag:
                break
            if since is None or entry.datum > since:
                yield z.massnahme, entry, previous
            previous = entry.status


def changes(
    snap: Snapshot, zustaende: list[Zustand], stichtag: date, since: date | None = None, limit: int | None = None
) -> list[Aenderung]:
    """History entries up to the Stichtag (and after ``since``), newest first; the first ``limit`` of them."""
    history = _history(zustaende, stichtag, since)
    if limit is not None:  # the same as sorting all and taking the first (nlargest is stable, too)
        newest = heapq.nlargest(limit, history, key=lambda c: (c[1].datum, c[0].id))
        return [Aenderung(m, entry, previous) for m, entry, previous in newest]
    result = [Aenderung(m, entry, previous) for m, entry, previous in history]
    result.sort(key=lambda a: (a.eintrag.datum, a.massnahme.id), reverse=True)
    return result


def overview(snap: Snapshot, stichtag: date, filt: Filter | None = None, latest: int = 10) -> StatusUebersicht:
    filt = filt or Filter()
    zustaende = states(snap, stichtag, filt)
    felder = []
    for feld in snap.config.handlungsfelder:
        if filt.feld is not None and feld.schluessel != filt.feld:
            continue
        counts = {s.schluessel: 0 for s in snap.config.status}
        in_feld = [z for z in zustaende if z.massnahme.handlungsfeld == feld.schluessel]
        for z in in_feld:
            if z.status is not None:
                counts[z.status.schluessel] += 1
        felder.append(FeldUebersicht(feld, counts, len(in_feld)))
    return StatusUebersicht(
        stichtag=stichtag,
        filter=filt,
        felder=felder,
        zustaende=zustaende,
        ueberfaellig=[z for z in zustaende if z.ueberfaellig],
        veraltet=[z for z in zustaende if z.veraltet],
        aenderungen=changes(snap, zustaende, stichtag, limit=latest),
    )


@dataclass(frozen=True)
class LeitlinieDetail:
    leitlinie: Leitlinie
    massnahmen: list[Zustand]


@dataclass(frozen=True)
class MassnahmeDetail:
    zustand: Zustand
    leitlinien: list[Leitlinie]
    teil_von: Massnahme | None
    teile: list[Zustand]


def leitlinie_detail(snap: Snapshot, leitlinie: Leitlinie, stichtag: date) -> LeitlinieDetail:
    measures = sorted(snap.measures_for(leitlinie.id), key=lambda m: m.id)
    return LeitlinieDetail(leitlinie, [state_of(snap, m, stichtag) for m in measures])


def massnahme_detail(snap: Snapshot, m: Massnahme, stichtag: date) -> MassnahmeDetail:
    return MassnahmeDetail(
        zustand=state_of(snap, m, stichtag),
        leitlinien=[snap.leitlinien[i] for i in m.leitlinien if i in snap.leitlinien],
        teil_von=snap.massnahmen.get(m.teil_von) if m.teil_von else None,
        teile=[state_of(snap, c, stichtag) for c in sorted(snap.children(m.id), key=lambda c: c.id)],
    )
