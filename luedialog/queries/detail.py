"""One guideline or one measure in detail at a Stichtag."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from luedialog.model.types import Leitlinie, Massnahme, VerlaufEintrag
from luedialog.queries.indikatoren import IndikatorStand, for_leitlinie
from luedialog.queries.stand import Zustand, state_of
from luedialog.queries.verlauf import Aenderung, changes_of_values
from luedialog.snapshot import Snapshot


@dataclass(frozen=True)
class LeitlinieDetail:
    leitlinie: Leitlinie
    massnahmen: list[Zustand]  # the measures serving it that exist at the Stichtag (have an entry)
    spaetere: int = 0  # … and how many more have their first entry only after it
    indikatoren: list[IndikatorStand] = field(default_factory=list)  # that measure it or its sub-targets


@dataclass(frozen=True)
class MassnahmeDetail:
    zustand: Zustand
    leitlinien: list[Leitlinie]
    teil_von: Massnahme | None
    teile: list[Zustand]
    aenderungen: list[Aenderung] = field(default_factory=list)  # postponements, new responsibility
    verlauf: tuple[VerlaufEintrag, ...] = ()  # the history up to the Stichtag
    spaetere_eintraege: int = 0  # entries dated after the Stichtag (not shown)
    gruppennamen: dict[str, str] | None = None  # ID → name of the groups it names (gruppen, herkunft)
    fehlende_leitlinien: tuple[str, ...] = ()  # IDs it names that the snapshot does not hold
    stichtag: date | None = None


def leitlinie_detail(snap: Snapshot, leitlinie: Leitlinie, stichtag: date) -> LeitlinieDetail:
    measures = sorted(snap.measures_for(leitlinie.id), key=lambda m: m.id)
    states = [state_of(snap, m, stichtag) for m in measures]
    known = [z for z in states if z.bekannt]
    return LeitlinieDetail(leitlinie, known, len(states) - len(known), for_leitlinie(snap, leitlinie.id, stichtag))


def massnahme_detail(snap: Snapshot, m: Massnahme, stichtag: date) -> MassnahmeDetail:
    zustand = state_of(snap, m, stichtag)
    history = tuple(e for e in m.verlauf if e.datum <= stichtag)
    children = sorted(snap.children(m.id), key=lambda c: c.id)
    named = [*m.gruppen, *([m.herkunft.gruppe] if m.herkunft else [])]
    return MassnahmeDetail(
        zustand=zustand,
        leitlinien=[snap.leitlinien[i] for i in m.leitlinien if i in snap.leitlinien],
        teil_von=snap.massnahmen.get(m.teil_von) if m.teil_von else None,
        aenderungen=changes_of_values(m, zustand.verlauf, stichtag),
        teile=[z for z in (state_of(snap, c, stichtag) for c in children) if z.bekannt],
        verlauf=history,
        spaetere_eintraege=len(m.verlauf) - len(history),
        gruppennamen={i: snap.gruppen[i].name for i in named if i in snap.gruppen},
        fehlende_leitlinien=tuple(i for i in m.leitlinien if i not in snap.leitlinien),
        stichtag=stichtag,
    )
