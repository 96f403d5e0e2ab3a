"""Groups at a Stichtag: how seats are filled, members (names only with consent), meetings,
recommendations, and the declarations that end soon and are not renewed.

Composition comes from the data: every seat (Sitz) says how many members it has (``anzahl``) or
that it has one member per council faction or per group of a kind (``je``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luedialog.dates import plus_days
from luedialog.model.types import Gruppe, Mitgliedschaft, Sitz
from luedialog.queries.jahr import Termin, gruppenjahr
from luedialog.queries.stand import Zustand
from luedialog.snapshot import Snapshot

RENEWAL_DAYS = 90  # declarations ending within this many days are due for renewal


@dataclass(frozen=True)
class Besetzung:
    """How one seat is filled at a date."""

    sitz: Sitz
    soll: int | None  # expected members (None: open number)
    ist: list[Mitgliedschaft]
    fehlend: list[str]  # for "je" seats: factions or groups without a member

    @property
    def leer(self) -> int:
        if self.fehlend:
            return len(self.fehlend)
        return max(0, (self.soll or 0) - len(self.ist))

    @property
    def ueberzaehlig(self) -> int:
        return 0 if self.soll is None else max(0, len(self.ist) - self.soll)


def _in_seat(active: list[Mitgliedschaft], sitz: Sitz) -> list[Mitgliedschaft]:
    return [m for m in active if m.sitz == sitz.id or (m.sitz is None and m.rolle == sitz.rolle)]


def besetzung(snap: Snapshot, g: Gruppe, day: date, sitze: tuple[Sitz, ...] | None = None) -> list[Besetzung]:
    """How the seats of ``g`` (or only ``sitze``) are filled at ``day``."""
    result = []
    active = [m for m in g.mitglieder if m.active(day)]
    for sitz in g.sitze if sitze is None else sitze:
        members = _in_seat(active, sitz)
        missing: list[str] = []
        soll = sitz.anzahl
        if sitz.je == "ratsfraktion":
            factions = list(snap.config.ratsfraktionen)
            soll = len(factions)
            missing = [f for f in factions if not any(m.fuer == f for m in members)]
        elif sitz.je:
            groups = sorted(x.id for x in snap.gruppen.values() if x.art == sitz.je)
            soll = len(groups)
            # a member for a group whose file could not be loaded counts for no seat here: that
            # file's own findings say what is wrong (its kind, and so the seat, is unknown)
            members = [
                m
                for m in members
                if m.fuer_gruppe is None or m.fuer_gruppe in groups or not snap.may_exist("Gruppe", m.fuer_gruppe)
            ]
            missing = [x for x in groups if not any(m.fuer_gruppe == x for m in members)]
        if sitz.optional:
            soll = None
        result.append(Besetzung(sitz, soll, members, missing))
    return result


@dataclass(frozen=True)
class MitgliedAnsicht:
    name: str
    rolle: str
    sitz: str
    fuer: str  # the organisation the member speaks for
    benannt_von: str  # the working group that named an external member (its name)
    beginn: date
    ende: date | None
    intern: bool | tuple[str, ...] = False  # as the membership: shown to staff, marked


@dataclass(frozen=True)
class SitzAnsicht:
    bezeichnung: str
    rolle: str
    soll: int | None
    besetzt: int
    leer: int
    fehlend: list[str]
    optional: bool


@dataclass(frozen=True)
class GruppenAnsicht:
    gruppe: Gruppe
    mitglieder: list[MitgliedAnsicht]
    sitze: list[SitzAnsicht]
    sitzungen: list[Termin]  # meetings (and conferences) of the Stichtag's year up to the Stichtag
    empfehlungen: list[Zustand]  # recommendations of that year (queries.jahr)
    fruehere_empfehlungen: list[Zustand]  # the group's recommendations of earlier years
    enden_bald: list[MitgliedAnsicht]  # declarations ending within RENEWAL_DAYS and not yet renewed

    @property
    def sitzungen_im_jahr(self) -> int:
        return len(self.sitzungen)

    @property
    def leere_sitze(self) -> int:
        return sum(s.leer for s in self.sitze)


def renewal_horizon(day: date) -> date:
    """The last day of the renewal window that starts at ``day``."""
    return plus_days(day, RENEWAL_DAYS)


def renewed(g: Gruppe, m: Mitgliedschaft) -> bool:
    """True if a later declaration of the same person in the group follows ``m`` without a gap."""
    return m.ende is not None and any(
        other is not m
        and other.person == m.person
        and m.beginn <= other.beginn <= plus_days(m.ende, 1)
        and (other.ende is None or other.ende > m.ende)
        for other in g.mitglieder
    )


def ansicht(snap: Snapshot, g: Gruppe, day: date, intern: bool = False) -> GruppenAnsicht:
    roles = snap.config.rollen or {}

    def view(m: Mitgliedschaft) -> MitgliedAnsicht:
        seat = next((s.bezeichnung for s in g.sitze if s.id == m.sitz), "")
        naming = snap.gruppen.get(m.fuer_gruppe or "")
        return MitgliedAnsicht(
            snap.name(m.person, intern),
            roles.get(m.rolle, m.rolle),
            seat,
            m.fuer or "",
            naming.name if naming else (m.fuer_gruppe or ""),
            m.beginn,
            m.bis,
            m.intern,
        )

    active = [m for m in g.mitglieder if m.active(day)]
    seats = [
        SitzAnsicht(
            b.sitz.bezeichnung,
            roles.get(b.sitz.rolle, b.sitz.rolle),
            b.soll,
            len(b.ist),
            b.leer,
            b.fehlend,
            b.sitz.optional,
        )
        for b in besetzung(snap, g, day)
    ]
    horizon = renewal_horizon(day)
    year = gruppenjahr(snap, g, day.year, day)
    return GruppenAnsicht(
        gruppe=g,
        mitglieder=[view(m) for m in active],
        sitze=seats,
        sitzungen=list(year.termine),
        empfehlungen=list(year.empfehlungen),
        fruehere_empfehlungen=list(year.fruehere),
        enden_bald=[
            view(m)
            for m in active
            if m.ende is not None and m.beendet_am is None and day <= m.ende <= horizon and not renewed(g, m)
        ],
    )


def ansichten(snap: Snapshot, day: date, intern: bool = False) -> list[GruppenAnsicht]:
    return [ansicht(snap, g, day, intern) for g in sorted(snap.gruppen.values(), key=lambda g: g.id)]
