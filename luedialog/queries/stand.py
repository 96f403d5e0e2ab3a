"""The state of a measure at a reference date (Stichtag), computed from its history.

Everything is computed from the history entries up to the Stichtag, so the answer for a past date
never changes when newer entries are added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from luedialog.model.config import StatusDef
from luedialog.model.types import Massnahme, VerlaufEintrag
from luedialog.snapshot import Snapshot


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
