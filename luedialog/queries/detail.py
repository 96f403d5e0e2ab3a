"""One guideline or one measure in detail at a Stichtag."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from luedialog.model.types import Leitlinie, Massnahme
from luedialog.queries.indikatoren import IndikatorStand, for_leitlinie
from luedialog.queries.stand import Zustand, state_of
from luedialog.snapshot import Snapshot


@dataclass(frozen=True)
class LeitlinieDetail:
    leitlinie: Leitlinie
    massnahmen: list[Zustand]
    indikatoren: list[IndikatorStand] = field(default_factory=list)  # that measure it or its sub-targets


@dataclass(frozen=True)
class MassnahmeDetail:
    zustand: Zustand
    leitlinien: list[Leitlinie]
    teil_von: Massnahme | None
    teile: list[Zustand]


def leitlinie_detail(snap: Snapshot, leitlinie: Leitlinie, stichtag: date) -> LeitlinieDetail:
    measures = sorted(snap.measures_for(leitlinie.id), key=lambda m: m.id)
    return LeitlinieDetail(
        leitlinie, [state_of(snap, m, stichtag) for m in measures], for_leitlinie(snap, leitlinie.id, stichtag)
    )


def massnahme_detail(snap: Snapshot, m: Massnahme, stichtag: date) -> MassnahmeDetail:
    return MassnahmeDetail(
        zustand=state_of(snap, m, stichtag),
        leitlinien=[snap.leitlinien[i] for i in m.leitlinien if i in snap.leitlinien],
        teil_von=snap.massnahmen.get(m.teil_von) if m.teil_von else None,
        teile=[state_of(snap, c, stichtag) for c in sorted(snap.children(m.id), key=lambda c: c.id)],
    )
