"""The overview at a Stichtag: measures per field of action and status, overdue, stale, changes."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from luedialog.model.config import Handlungsfeld
from luedialog.model.types import Massnahme, VerlaufEintrag
from luedialog.queries.indikatoren import counts as indicator_counts
from luedialog.queries.indikatoren import staende
from luedialog.queries.stand import Zustand, state_of
from luedialog.snapshot import Snapshot


@dataclass(frozen=True)
class Filter:
    """Which measures to look at; ``None`` means no restriction."""

    feld: str | None = None
    status: str | None = None
    stadtteil: str | None = None
    gruppe: str | None = None


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
    aenderungen: list[Aenderung] = field(default_factory=list)  # the newest ``latest`` (all with None)
    aenderungen_gesamt: int = 0  # entries up to the Stichtag of the measures shown
    indikatoren: dict[str, int] = field(default_factory=dict)  # per assessment; empty without indicators


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
        for entry in z.verlauf:
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


def overview(snap: Snapshot, stichtag: date, filt: Filter | None = None, latest: int | None = 10) -> StatusUebersicht:
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
        aenderungen_gesamt=sum(1 for _ in _history(zustaende, stichtag, None)),
        indikatoren=indicator_counts(staende(snap, stichtag, filt.feld)) if snap.indikatoren else {},
    )
