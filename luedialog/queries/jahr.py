"""Which conferences, meetings and recommendations a year has: the one answer every view uses.

``luedialog gruppen``, the report to the council and the document of the Jahreskonferenz all ask
this module, so they cannot disagree. A group's year holds

- its meetings (Sitzungen) of the year up to the Stichtag and, for the group that holds the
  Jahreskonferenz, the conferences of the year (a conference is that group's meeting), by date;
- the recommendations of the year: those whose ``herkunft`` names the group with a date in the
  year (without a date: the date of their first history entry), those a meeting of the year names,
  and those a conference of the year adopted — each known at the Stichtag (it has an entry by then);
- the group's recommendations of earlier years, for the follow-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luedialog.model.types import Gruppe, Konferenz, Massnahme
from luedialog.queries.stand import Zustand, entry_at, state_of
from luedialog.snapshot import Snapshot


@dataclass(frozen=True)
class Termin:
    """A meeting of a group or a Jahreskonferenz, in one shape."""

    datum: date | None  # a conference may be recorded without its day
    thema: str | None  # None for a conference (its name is "Jahreskonferenz <jahr>")
    ergebnisse: str | None
    empfehlungen: tuple[str, ...]  # IDs of the recommendations of this meeting
    konferenz: Konferenz | None = None
    teilnehmende: int | None = None  # how many took part, where recorded
    intern: bool | tuple[str, ...] = False  # as the meeting or conference: shown to staff, marked


@dataclass(frozen=True)
class Gruppenjahr:
    gruppe: Gruppe
    jahr: int
    termine: tuple[Termin, ...]  # meetings and conferences of the year up to the Stichtag, by date
    empfehlungen: tuple[Zustand, ...]  # recommendations of the year, by ID
    fruehere: tuple[Zustand, ...]  # the group's recommendations of earlier years, by ID

    @property
    def konferenzen(self) -> tuple[Konferenz, ...]:
        return tuple(t.konferenz for t in self.termine if t.konferenz is not None)


@dataclass(frozen=True)
class Jahr:
    jahr: int
    stichtag: date
    gruppen: tuple[Gruppenjahr, ...]  # every group, by ID

    def von(self, gruppe_id: str) -> Gruppenjahr | None:
        return next((g for g in self.gruppen if g.gruppe.id == gruppe_id), None)

    @property
    def konferenz(self) -> tuple[Gruppe, Konferenz] | None:
        """The (first) Jahreskonferenz of the year, with the group whose file records it."""
        return next(((g.gruppe, k) for g in self.gruppen for k in g.konferenzen), None)


def recommendation_year(m: Massnahme) -> int | None:
    """The year a recommendation was made: its ``herkunft`` date, else its first history entry."""
    if m.herkunft is not None and m.herkunft.datum is not None:
        return m.herkunft.datum.year
    return m.verlauf[0].datum.year if m.verlauf else None


def _termine(g: Gruppe, jahr: int, stichtag: date) -> tuple[Termin, ...]:
    meetings = [
        Termin(s.datum, s.thema, s.ergebnisse, s.empfehlungen, teilnehmende=s.teilnehmende, intern=s.intern)
        for s in g.sitzungen
        if s.datum.year == jahr and s.datum <= stichtag
    ]
    conferences = [
        Termin(k.datum, None, k.ergebnisse, k.empfehlungen, k, intern=k.intern)
        for k in g.konferenzen
        if k.jahr == jahr and (k.datum is None or k.datum <= stichtag)
    ]
    return tuple(sorted(meetings + conferences, key=lambda t: (t.datum is None, t.datum or stichtag)))


def _named_by_year(snap: Snapshot, g: Gruppe, stichtag: date) -> dict[str, int]:
    """Every recommendation of ``g`` known at the Stichtag → the earliest year it belongs to the group."""
    years: dict[str, int] = {}

    def add(ident: str, year: int) -> None:
        if ident in snap.massnahmen:
            years[ident] = min(year, years.get(ident, year))

    for m in snap.recommendations_of(g.id):
        year = recommendation_year(m)
        if year is not None:
            add(m.id, year)
    for s in g.sitzungen:
        if s.datum <= stichtag:
            for ident in s.empfehlungen:
                add(ident, s.datum.year)
    for k in g.konferenzen:
        if k.datum is None or k.datum <= stichtag:
            for ident in k.empfehlungen:
                add(ident, k.jahr)
    return {i: y for i, y in years.items() if entry_at(snap.massnahmen[i], stichtag) is not None}


def gruppenjahr(snap: Snapshot, g: Gruppe, jahr: int, stichtag: date) -> Gruppenjahr:
    termine = _termine(g, jahr, stichtag)
    years = _named_by_year(snap, g, stichtag)
    of_year = set(years) & {i for t in termine for i in t.empfehlungen}  # named at a meeting of the year
    of_year |= {i for i, year in years.items() if year == jahr}
    m = snap.massnahmen
    return Gruppenjahr(
        gruppe=g,
        jahr=jahr,
        termine=termine,
        empfehlungen=tuple(state_of(snap, m[i], stichtag) for i in sorted(of_year)),
        fruehere=tuple(state_of(snap, m[i], stichtag) for i in sorted(years) if years[i] < jahr and i not in of_year),
    )


def im_jahr(snap: Snapshot, jahr: int, stichtag: date) -> Jahr:
    """The year ``jahr`` of every group, as known at ``stichtag``."""
    groups = sorted(snap.gruppen.values(), key=lambda g: g.id)
    return Jahr(jahr, stichtag, tuple(gruppenjahr(snap, g, jahr, stichtag) for g in groups))
