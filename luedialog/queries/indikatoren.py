"""Indicators at a Stichtag: the values known then (corrections applied), a series per breakdown,
the trend (last three values) and the assessment against the target, with the rule that decided it.

A value counts from the day it was recorded (``erfasst``), so an indicator at a past Stichtag looks
the same today as it did then, corrections included. The assessed series is the whole (values
without breakdown); for "Gleichstand zweier Reihen" it is the difference between the two values of
the compared breakdown in the years both were recorded. "The first value" means the first of the
process period, which starts with the year of the founding paper (``Config.anfang``).

The assessment's ``regel`` is the rule in words, part of the answer: it says why, in German, for
every output (terminal, JSON, reports) alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luedialog.model.indikatoren import (
    RICHTUNGEN,
    Indikator,
    Messwert,
    Wert,
    abstand_text,
    aufschluesselung_text,
    periode_text,
    wert_text,
)
from luedialog.snapshot import Snapshot

EPSILON = 1e-9
TREND = 3  # values shown as the trend


@dataclass(frozen=True)
class Punkt:
    """A value known at the Stichtag."""

    nummer: int  # its entry in ``werte`` (from 1)
    jahr: int
    datum: date | None
    wert: Messwert
    quelle: str
    erfasst: date
    notiz: str | None = None
    korrektur: bool = False  # this entry corrects an earlier one

    @property
    def periode(self) -> str:
        return periode_text(self.jahr, self.datum)

    @property
    def x(self) -> float:
        """Where the value lies in time, in years: a yearly value at its year, a dated one within it."""
        if self.datum is None:
            return float(self.jahr)
        start = date(self.datum.year, 1, 1)
        days = (date(self.datum.year + 1, 1, 1) - start).days
        return self.datum.year + ((self.datum - start).days + 0.5) / days - 0.5


@dataclass(frozen=True)
class Vergleichspunkt:
    """A year in which both compared series have a value; ``wert`` is their difference."""

    a: Punkt
    b: Punkt

    @property
    def jahr(self) -> int:
        return self.a.jahr

    @property
    def datum(self) -> date | None:
        return self.a.datum

    @property
    def periode(self) -> str:
        return self.a.periode

    @property
    def x(self) -> float:
        return self.a.x

    @property
    def wert(self) -> float:
        return abs(float(self.a.wert) - float(self.b.wert))


Messpunkt = Punkt | Vergleichspunkt


@dataclass(frozen=True)
class Reihe:
    """The values of the whole (``aufschluesselung == ()``) or of one breakdown, in time order."""

    aufschluesselung: tuple[tuple[str, str], ...]
    punkte: tuple[Punkt, ...]

    @property
    def name(self) -> str:
        return aufschluesselung_text(self.aufschluesselung)


@dataclass(frozen=True)
class Korrektur:
    """A correction known at the Stichtag: entry ``nummer`` corrects entry ``korrigiert``."""

    nummer: int
    korrigiert: int
    erfasst: date
    grund: str
    vorher: Wert | None  # the corrected entry (None if the number names no entry)
    nachher: Wert


@dataclass(frozen=True)
class Bewertung:
    ergebnis: str  # a key of model.indikatoren.BEWERTUNGEN
    regel: str  # the rule used and what it found, in words


@dataclass(frozen=True)
class IndikatorStand:
    indikator: Indikator
    handlungsfeld: str | None
    stichtag: date
    reihen: tuple[Reihe, ...]  # the whole first, then the breakdowns in the order of luedialog.yaml
    bewertet: tuple[Messpunkt, ...]  # the assessed series (see the module's docstring)
    bewertung: Bewertung
    korrekturen: tuple[Korrektur, ...]
    vergleich: tuple[str, str] | None = None  # the two compared series' names (Gleichstand)

    @property
    def letzter(self) -> Messpunkt | None:
        return self.bewertet[-1] if self.bewertet else None

    @property
    def trend(self) -> tuple[Messpunkt, ...]:
        return self.bewertet[-TREND:]


def effective(ind: Indikator, stichtag: date) -> list[tuple[int, Wert]]:
    """The values known at the Stichtag (recorded up to it) with their numbers, corrections applied:
    a correction replaces the entry it names; one without a value withdraws it."""
    active: dict[int, Wert] = {}
    for number, w in enumerate(ind.werte, start=1):
        if w.erfasst > stichtag:
            continue
        if w.korrigiert is not None:
            active.pop(w.korrigiert, None)
        if w.wert is not None:
            active[number] = w
    return sorted(active.items())


def handlungsfeld_of(snap: Snapshot, ind: Indikator) -> str | None:
    """The indicator's field of action: its own, else its guideline's."""
    if ind.handlungsfeld is not None:
        return ind.handlungsfeld
    ll = snap.leitlinien.get(ind.leitlinie)
    return ll.handlungsfeld if ll is not None else None


def _series_key(snap: Snapshot, ind: Indikator, pairs: tuple[tuple[str, str], ...]) -> tuple[object, ...]:
    breakdowns = snap.config.breakdowns()
    names = list(ind.aufschluesselungen)
    key: list[object] = [len(pairs)]
    for name, value in sorted(pairs, key=lambda p: (names.index(p[0]) if p[0] in names else len(names), p[0])):
        values = list(breakdowns.get(name, ()))
        key += [names.index(name) if name in names else len(names), name]
        key += [values.index(value) if value in values else len(values), value]
    return tuple(key)


def _normal(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(pairs))


def series(snap: Snapshot, ind: Indikator, stichtag: date) -> tuple[Reihe, ...]:
    """The values known at the Stichtag, one series per breakdown (the whole first)."""
    grouped: dict[tuple[tuple[str, str], ...], list[Punkt]] = {}
    first_pairs: dict[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = {}
    for number, w in effective(ind, stichtag):
        assert w.wert is not None
        key = _normal(w.aufschluesselung)
        first_pairs.setdefault(key, w.aufschluesselung)
        point = Punkt(
            number, w.periode_jahr, w.datum, w.wert, w.quelle, w.erfasst, w.notiz, korrektur=w.korrigiert is not None
        )
        grouped.setdefault(key, []).append(point)
    ordered = sorted(grouped, key=lambda k: _series_key(snap, ind, k))
    return tuple(Reihe(first_pairs[k], tuple(sorted(grouped[k], key=lambda p: (p.x, p.nummer)))) for k in ordered)


def corrections(ind: Indikator, stichtag: date) -> tuple[Korrektur, ...]:
    found = []
    for number, w in enumerate(ind.werte, start=1):
        if w.korrigiert is None or w.erfasst > stichtag:
            continue
        before = ind.werte[w.korrigiert - 1] if 1 <= w.korrigiert <= len(ind.werte) else None
        found.append(Korrektur(number, w.korrigiert, w.erfasst, w.notiz or "", before, w))
    return tuple(found)


class _Assess:
    """The assessment of one indicator (one method per direction)."""

    def __init__(self, snap: Snapshot, ind: Indikator, stichtag: date, points: tuple[Messpunkt, ...]) -> None:
        self.ind = ind
        self.stichtag = stichtag
        self.start = snap.config.anfang.year
        self.points = points
        self.period = [p for p in points if p.jahr >= self.start]
        self.tol = ind.toleranz or 0.0

    def text(self, p: Messpunkt) -> str:
        return f"{p.periode}: {wert_text(p.wert, self.ind.einheit)}"

    def value(self, v: Messwert | None) -> str:
        return wert_text(v, self.ind.einheit)

    def due(self, last: Messpunkt) -> bool:
        """True once the target year is over (at the Stichtag) or a value for it is known."""
        year = self.ind.zieljahr
        return year is not None and (self.stichtag >= date(year, 12, 31) or last.jahr >= year)

    def empty(self) -> Bewertung | None:
        if not self.points:
            return Bewertung("keine_daten", "Bis zum Stichtag ist kein Wert erfasst.")
        if not self.period:
            return Bewertung("keine_daten", f"Im Prozesszeitraum (ab {self.start}) ist kein Wert erfasst.")
        return None

    def two_needed(self, last: Messpunkt) -> Bewertung:
        return Bewertung(
            "keine_daten",
            f"Eine Richtung zeigen erst zwei Werte im Prozesszeitraum; erfasst ist einer ({self.text(last)}).",
        )

    def steigen_sinken(self, up: bool) -> Bewertung:
        first, last = self.period[0], self.period[-1]
        target = self.ind.zielwert
        word = RICHTUNGEN[self.ind.richtung]
        if target is not None and not isinstance(target, bool):
            reached = float(last.wert) >= target - EPSILON if up else float(last.wert) <= target + EPSILON
            if reached:
                side = "auf oder über" if up else "auf oder unter"
                return Bewertung(
                    "erreicht", f"Ziel erreicht: der letzte Wert ({self.text(last)}) liegt {side} dem Zielwert "
                    f"{self.value(target)}."
                )  # fmt: skip
            if self.due(last):
                return Bewertung(
                    "nicht_auf_kurs",
                    f"Der Zielwert {self.value(target)} bis {self.ind.zieljahr} ist nicht erreicht "
                    f"(letzter Wert {self.text(last)}).",
                )
        if len(self.period) < 2:
            return self.two_needed(last)
        better = float(last.wert) > float(first.wert) if up else float(last.wert) < float(first.wert)
        side = "über" if up else "unter"
        return Bewertung(
            "auf_kurs" if better else "nicht_auf_kurs",
            f"{word}: der letzte Wert ({self.text(last)}) liegt {'' if better else 'nicht '}{side} dem ersten "
            f"im Prozesszeitraum ({self.text(first)}).",
        )

    def gleich_bleiben(self) -> Bewertung:
        first, last = self.period[0], self.period[-1]
        target = self.ind.zielwert
        if target is None and len(self.period) < 2:
            return self.two_needed(last)
        reference = target if target is not None else first.wert
        if target is not None:
            against, against_from = f"dem Zielwert {self.value(target)}", f"vom Zielwert {self.value(target)}"
        else:
            against = f"dem ersten Wert im Prozesszeitraum ({self.text(first)})"
            against_from = f"vom ersten Wert im Prozesszeitraum ({self.text(first)})"
        if isinstance(reference, bool) or isinstance(last.wert, bool):
            same = last.wert == reference
            return Bewertung(
                "auf_kurs" if same else "nicht_auf_kurs",
                f"gleich bleiben: der letzte Wert ({self.text(last)}) {'entspricht' if same else 'entspricht nicht'} "
                f"{against}.",
            )
        difference = abs(float(last.wert) - float(reference))
        if difference <= EPSILON:
            return Bewertung("auf_kurs", f"gleich bleiben: der letzte Wert ({self.text(last)}) entspricht {against}.")
        allowed = f"; erlaubt sind {abstand_text(self.tol, self.ind.einheit)}" if self.tol else ""
        return Bewertung(
            "auf_kurs" if difference <= self.tol + EPSILON else "nicht_auf_kurs",
            f"gleich bleiben: der letzte Wert ({self.text(last)}) weicht um "
            f"{abstand_text(difference, self.ind.einheit)} {against_from} ab{allowed}.",
        )

    def erreicht_bis(self) -> Bewertung:
        first, last = self.period[0], self.period[-1]
        target: Messwert | None = self.ind.zielwert
        if target is None and self.ind.einheit == "ja_nein":
            target = True
        if target is None or self.ind.zieljahr is None:
            return Bewertung("keine_daten", "Ohne Zielwert und Zieljahr lässt sich „erreicht bis“ nicht bewerten.")
        goal = f"{self.value(target)} bis {self.ind.zieljahr}"
        if isinstance(target, bool) or isinstance(last.wert, bool):
            reached = last.wert == target
        else:
            reached = float(last.wert) >= target - EPSILON
        if reached:
            late = ", nach dem Zieljahr" if last.jahr > self.ind.zieljahr else ""
            return Bewertung("erreicht", f"Ziel erreicht ({goal}): {self.text(last)}{late}.")
        if self.due(last):
            return Bewertung("nicht_auf_kurs", f"Ziel ({goal}) nicht erreicht; letzter Wert {self.text(last)}.")
        if isinstance(target, bool) or isinstance(last.wert, bool) or len(self.period) < 2:
            return Bewertung(
                "keine_daten",
                f"Noch nicht erreicht ({self.text(last)}); ob das Ziel ({goal}) erreicht wird, zeigt erst ein "
                "weiterer Wert.",
            )
        closer = abs(float(last.wert) - target) < abs(float(first.wert) - target)
        return Bewertung(
            "auf_kurs" if closer else "nicht_auf_kurs",
            f"Noch nicht erreicht; der letzte Wert ({self.text(last)}) liegt {'näher' if closer else 'nicht näher'} "
            f"am Ziel ({goal}) als der erste im Prozesszeitraum ({self.text(first)}).",
        )

    def gleichstand(self, breakdown: str, values: tuple[str, str]) -> Bewertung:
        pairs = [p for p in self.period if isinstance(p, Vergleichspunkt)]
        if not pairs:
            return Bewertung(
                "keine_daten",
                f"Für den Vergleich braucht es Werte beider Reihen ({breakdown} „{values[0]}“ und „{values[1]}“) "
                "für dasselbe Jahr im Prozesszeitraum.",
            )
        first, last = pairs[0], pairs[-1]
        unit = self.ind.einheit

        def shown(p: Vergleichspunkt) -> str:
            return (
                f"{breakdown} „{values[0]}“ {self.value(p.a.wert)}, „{values[1]}“ {self.value(p.b.wert)} "
                f"({p.periode}); Abstand {abstand_text(p.wert, unit)}"
            )

        if last.wert <= self.tol + EPSILON:
            allowed = f", erlaubt sind {abstand_text(self.tol, unit)}" if self.tol else ""
            return Bewertung("erreicht", f"Gleichstand erreicht: {shown(last)}{allowed}.")
        if self.due(last):
            return Bewertung("nicht_auf_kurs", f"Gleichstand bis {self.ind.zieljahr} nicht erreicht: {shown(last)}.")
        if len(pairs) < 2:
            return Bewertung("keine_daten", f"Ein Vergleichsjahr zeigt noch keine Richtung: {shown(last)}.")
        smaller = last.wert < first.wert - EPSILON
        return Bewertung(
            "auf_kurs" if smaller else "nicht_auf_kurs",
            f"Der Abstand zwischen {breakdown} „{values[0]}“ und „{values[1]}“ ist "
            f"{'kleiner' if smaller else 'nicht kleiner'} geworden: {abstand_text(last.wert, unit)} ({last.periode}), "
            f"im ersten Vergleich im Prozesszeitraum {abstand_text(first.wert, unit)} ({first.periode}).",
        )


def compared(snap: Snapshot, ind: Indikator) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The two series a "gleichstand" compares, as breakdown pairs; None if the configuration lacks them."""
    if ind.vergleich is None:
        return None
    values = snap.config.breakdowns().get(ind.vergleich, ())
    if len(values) != 2:
        return None
    return (ind.vergleich, values[0]), (ind.vergleich, values[1])


def stand(snap: Snapshot, ind: Indikator, stichtag: date) -> IndikatorStand:
    """The indicator at the Stichtag: its series, the assessed series and the assessment."""
    reihen = series(snap, ind, stichtag)
    names: tuple[str, str] | None = None
    if ind.richtung == "gleichstand":
        pair = compared(snap, ind)
        points: tuple[Messpunkt, ...] = ()
        if pair is not None:
            a = next((r for r in reihen if r.aufschluesselung == (pair[0],)), None)
            b = next((r for r in reihen if r.aufschluesselung == (pair[1],)), None)
            names = (aufschluesselung_text((pair[0],)), aufschluesselung_text((pair[1],)))
            if a is not None and b is not None:
                by_period = {(p.jahr, p.datum): p for p in b.punkte}
                points = tuple(
                    Vergleichspunkt(p, by_period[(p.jahr, p.datum)]) for p in a.punkte if (p.jahr, p.datum) in by_period
                )
    else:
        whole = next((r for r in reihen if not r.aufschluesselung), None)
        points = whole.punkte if whole is not None else ()
    judge = _Assess(snap, ind, stichtag, points)
    result: Bewertung | None
    if ind.richtung == "gleichstand":
        if names is None:
            result = Bewertung(
                "keine_daten", "Für „Gleichstand zweier Reihen“ fehlt die Aufschlüsselung mit zwei Werten."
            )
        elif not reihen:
            result = Bewertung("keine_daten", "Bis zum Stichtag ist kein Wert erfasst.")
        else:
            assert ind.vergleich is not None
            values = snap.config.breakdowns()[ind.vergleich]
            result = judge.gleichstand(ind.vergleich, (values[0], values[1]))
    else:
        result = judge.empty()
        if result is not None and reihen and not points:
            result = Bewertung(
                "keine_daten", "Bewertet wird der Gesamtwert; erfasst sind bisher nur Werte je Aufschlüsselung."
            )
        elif result is None and ind.richtung in ("steigen", "sinken"):
            result = judge.steigen_sinken(ind.richtung == "steigen")
        elif result is None and ind.richtung == "gleich_bleiben":
            result = judge.gleich_bleiben()
        elif result is None:
            result = judge.erreicht_bis()
    return IndikatorStand(
        indikator=ind,
        handlungsfeld=handlungsfeld_of(snap, ind),
        stichtag=stichtag,
        reihen=reihen,
        bewertet=points,
        bewertung=result,
        korrekturen=corrections(ind, stichtag),
        vergleich=names,
    )


def staende(snap: Snapshot, stichtag: date, feld: str | None = None) -> list[IndikatorStand]:
    """Every indicator (of one field of action) at the Stichtag, ordered by ID."""
    result = []
    for ind in sorted(snap.indikatoren.values(), key=lambda i: i.id):
        if feld is not None and handlungsfeld_of(snap, ind) != feld:
            continue
        result.append(stand(snap, ind, stichtag))
    return result


def for_leitlinie(snap: Snapshot, leitlinie: str, stichtag: date) -> list[IndikatorStand]:
    """The indicators that measure the guideline ``leitlinie`` (or one of its sub-targets)."""
    return [
        stand(snap, ind, stichtag)
        for ind in sorted(snap.indikatoren.values(), key=lambda i: i.id)
        if ind.leitlinie == leitlinie
    ]


def counts(staende_: list[IndikatorStand]) -> dict[str, int]:
    """How many indicators have each assessment (every assessment present, in a fixed order)."""
    result = {key: 0 for key in ("auf_kurs", "nicht_auf_kurs", "erreicht", "keine_daten")}
    for s in staende_:
        result[s.bewertung.ergebnis] += 1
    return result


@dataclass(frozen=True)
class IndikatorUebersicht:
    stichtag: date
    feld: str | None
    staende: list[IndikatorStand]
    anzahl: dict[str, int]  # indicators per assessment


def uebersicht(snap: Snapshot, stichtag: date, feld: str | None = None) -> IndikatorUebersicht:
    found = staende(snap, stichtag, feld)
    return IndikatorUebersicht(stichtag, feld, found, counts(found))
