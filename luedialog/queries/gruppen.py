"""The overview of groups at a Stichtag: members (names only with consent), seats, meetings, recommendations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from luedialog.checks.gruppen import besetzung
from luedialog.model.types import Gruppe, Mitgliedschaft
from luedialog.queries.stand import Zustand, state_of
from luedialog.snapshot import Snapshot

RENEWAL_DAYS = 90


@dataclass(frozen=True)
class MitgliedAnsicht:
    name: str
    rolle: str
    sitz: str
    fuer: str  # the organisation the member speaks for
    benannt_von: str  # the working group that named an external member (its name)
    beginn: date
    ende: date | None


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
    sitzungen_im_jahr: int
    empfehlungen: list[Zustand]
    enden_bald: list[MitgliedAnsicht]  # declarations ending within RENEWAL_DAYS and not yet renewed

    @property
    def leere_sitze(self) -> int:
        return sum(s.leer for s in self.sitze)


def renewed(g: Gruppe, m: Mitgliedschaft) -> bool:
    """True if a later declaration of the same person in the group follows ``m`` without a gap."""
    return m.ende is not None and any(
        other is not m
        and other.person == m.person
        and m.beginn <= other.beginn <= m.ende + timedelta(days=1)
        and (other.ende is None or other.ende > m.ende)
        for other in g.mitglieder
    )


def ansicht(snap: Snapshot, g: Gruppe, day: date, intern: bool = False) -> GruppenAnsicht:
    roles = snap.config.rollen or {}

    def view(m: Mitgliedschaft) -> MitgliedAnsicht:
        seat = next((s.bezeichnung for s in g.sitze if s.id == m.sitz), "")
        naming = snap.gruppen.get(m.fuer_gruppe or "")
        return MitgliedAnsicht(
            m.anzeigename(intern),
            roles.get(m.rolle, m.rolle),
            seat,
            m.fuer or "",
            naming.name if naming else (m.fuer_gruppe or ""),
            m.beginn,
            m.ende,
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
    horizon = day + timedelta(days=RENEWAL_DAYS)
    recommendations = [
        state_of(snap, m, day)
        for m in sorted(snap.massnahmen.values(), key=lambda m: m.id)
        if m.herkunft is not None and m.herkunft.gruppe == g.id
    ]
    return GruppenAnsicht(
        gruppe=g,
        mitglieder=[view(m) for m in active],
        sitze=seats,
        sitzungen_im_jahr=sum(1 for s in g.sitzungen if s.datum.year == day.year and s.datum <= day),
        empfehlungen=[z for z in recommendations if z.eintrag is not None],
        enden_bald=[view(m) for m in active if m.ende is not None and day <= m.ende <= horizon and not renewed(g, m)],
    )


def ansichten(snap: Snapshot, day: date, intern: bool = False) -> list[GruppenAnsicht]:
    return [ansicht(snap, g, day, intern) for g in sorted(snap.gruppen.values(), key=lambda g: g.id)]
