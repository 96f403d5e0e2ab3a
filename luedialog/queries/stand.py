"""The state of a measure at a reference date (Stichtag), computed from its history.

Everything is computed from the history entries up to the Stichtag, so the answer for a past date
never changes when newer entries are added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from luedialog.dates import months_earlier
from luedialog.model.config import StatusDef
from luedialog.model.types import Korrektur, Massnahme, VerlaufEintrag
from luedialog.queries.verlauf import corrections_at, history, values_at
from luedialog.snapshot import Snapshot


@dataclass(frozen=True)
class Zustand:
    """The state of one measure at the Stichtag."""

    massnahme: Massnahme
    eintrag: VerlaufEintrag | None  # latest entry up to the Stichtag
    status: StatusDef | None
    fortschritt: int | None  # reported progress in per cent; None if nobody reported one
    fortschritt_aus_teilen: bool  # progress rolled up from the reports of sub-measures
    ueberfaellig: bool
    veraltet: bool
    teile: int = 0  # sub-measures known at the Stichtag
    teile_ohne_angabe: int = 0  # … of which no progress was reported
    # the values entries can change, as they stand at the Stichtag (a postponed target date …)
    verantwortlich: str | None = None
    zieldatum: date | None = None
    verlauf: tuple[VerlaufEintrag, ...] = ()  # the history as known at the Stichtag, up to it
    korrekturen: tuple[Korrektur, ...] = ()  # the corrections made up to the Stichtag

    @property
    def bekannt(self) -> bool:
        """False if the measure had no entry yet at the Stichtag."""
        return self.eintrag is not None


def known_history(m: Massnahme, stichtag: date) -> tuple[VerlaufEintrag, ...]:
    """The entries dated on or before ``stichtag``, as known then (corrections made up to it applied)."""
    entries = history(m, stichtag)  # ordered by date: what is left out is at the end
    end = len(entries)
    while end and entries[end - 1].datum > stichtag:
        end -= 1
    return entries if end == len(entries) else entries[:end]


def entry_at(m: Massnahme, stichtag: date) -> VerlaufEintrag | None:
    """The latest history entry dated on or before ``stichtag`` (as known then)."""
    entries = known_history(m, stichtag)
    return entries[-1] if entries else None


def reported_progress(m: Massnahme, stichtag: date) -> int | None:
    """The progress last reported up to the Stichtag, while the status has not changed since.

    Nothing is derived from a status: a measure "in Umsetzung" whose entries report no progress
    has none to show. A report stays valid for later entries of the same status; a new status
    starts without one.
    """
    return _progress(known_history(m, stichtag))


def _progress(entries: tuple[VerlaufEintrag, ...]) -> int | None:
    progress: int | None = None
    status: str | None = None
    for entry in entries:
        if entry.status != status:
            progress = None
            status = entry.status
        if entry.fortschritt is not None:
            progress = entry.fortschritt
    return progress


@lru_cache(maxsize=64)
def _stale_before(stichtag: date, months: int) -> date:
    """A measure without an entry since before this day is stale (the same for every measure)."""
    return months_earlier(stichtag, months)


def state_of(snap: Snapshot, m: Massnahme, stichtag: date, _depth: int = 0) -> Zustand:
    entries = known_history(m, stichtag)
    entry = entries[-1] if entries else None
    config = snap.config
    status = config.status_def(entry.status) if entry else None
    progress = _progress(entries) if entry else None
    values = values_at(m, entries, stichtag)
    rolled = False
    children = [c for c in snap.children(m.id) if c.id != m.id] if _depth < 50 else []
    child_states = [state_of(snap, c, stichtag, _depth + 1) for c in children]
    present = [s for s in child_states if s.eintrag is not None]
    known = [s for s in present if s.fortschritt is not None]
    if known and entry is not None:
        newest_child = max(s.eintrag.datum for s in known if s.eintrag)
        if entry.datum <= newest_child:  # the sub-measures have reported since the measure itself
            weights = [s.massnahme.gewicht if s.massnahme.gewicht is not None else 1.0 for s in known]
            total = sum(weights)
            if total > 0:
                progress = round(sum(w * (s.fortschritt or 0) for w, s in zip(weights, known, strict=True)) / total)
                rolled = True
    final = bool(status and status.final)
    target = values.zieldatum
    overdue = bool(entry and not final and target is not None and target < stichtag)
    stale = bool(entry and not final and entry.datum < _stale_before(stichtag, config.veraltet_nach_monaten))
    return Zustand(
        m,
        entry,
        status,
        progress,
        rolled,
        overdue,
        stale,
        len(present),
        len(present) - len(known),
        values.verantwortlich,
        target,
        entries,
        corrections_at(m, stichtag),
    )
