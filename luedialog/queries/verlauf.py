"""The history of a measure as it was known at a Stichtag: corrections applied, changes followed.

A wrong entry is never edited; a correction (``korrekturen`` in the measure's file) says from its
own date on what the entry should have said, that it does not count, or which entry was missing.
So the history known at a Stichtag before the correction is exactly the one a report showed then,
and the history known later is the corrected one. Responsibility, target date and forwarding
date change through entries too (``verantwortlich``, ``zieldatum``, ``weitergeleitet_am`` of an
entry replace the measure's values from that entry's date on).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from luedialog.model.types import Korrektur, Massnahme, VerlaufEintrag


def corrections_at(m: Massnahme, known_at: date) -> tuple[Korrektur, ...]:
    """The corrections of ``m`` made on or before ``known_at``, in the order of the file."""
    if not m.korrekturen:  # most measures: no generator to make (twice per measure and report)
        return ()
    return tuple(k for k in m.korrekturen if k.datum <= known_at)


def history(m: Massnahme, known_at: date) -> tuple[VerlaufEintrag, ...]:
    """Every entry of ``m`` (whatever its date) as known at ``known_at``, ordered by date.

    Without corrections this is the verlauf as written (ordered by date). Each corrected entry carries the
    corrections that changed it (``korrekturen``) and every entry its number in the file
    (``nummer``); struck entries are left out, added ones (``nachtrag``) are in.
    """
    active = corrections_at(m, known_at)
    if not active:
        before = None
        for entry in m.verlauf:
            if before is not None and entry.datum < before:
                # entries appended after a later correction may follow the wrong entry it corrects:
                # as known before that correction, the history is in the order of the dates as written
                return tuple(sorted(m.verlauf, key=lambda e: e.datum))
            before = entry.datum
        return m.verlauf
    entries: list[VerlaufEintrag | None] = [dataclasses.replace(e, nummer=i) for i, e in enumerate(m.verlauf, start=1)]
    added: list[VerlaufEintrag] = []
    for k in active:
        if k.nachtrag is not None:
            added.append(dataclasses.replace(k.nachtrag, korrekturen=(k,)))
            continue
        if k.eintrag is None or not 1 <= k.eintrag <= len(entries):
            continue  # checks.korrekturen reports it
        current = entries[k.eintrag - 1]
        if current is None:
            continue  # struck before
        if k.gestrichen:
            entries[k.eintrag - 1] = None
        elif k.richtig is not None:
            entries[k.eintrag - 1] = dataclasses.replace(
                current, korrekturen=(*current.korrekturen, k), **k.richtig.values()
            )
    kept = [e for e in entries if e is not None] + added
    # stable: entries of one day keep the order of the file, an added entry comes after them
    return tuple(sorted(kept, key=lambda e: e.datum))


def file_order(m: Massnahme, known_at: date) -> list[VerlaufEintrag]:
    """The entries of the verlauf (not the added ones, not the struck ones) as known at ``known_at``,
    in the order of the file."""
    if not corrections_at(m, known_at):
        return list(m.verlauf)
    entries = history(m, known_at)
    return sorted((e for e in entries if e.nummer is not None), key=lambda e: e.nummer or 0)


@dataclass(frozen=True)
class Werte:
    """Values of a measure that entries can change, as they stand at a day."""

    verantwortlich: str | None
    zieldatum: date | None
    weitergeleitet_am: date | None


def values_at(m: Massnahme, entries: tuple[VerlaufEintrag, ...], day: date) -> Werte:
    """The measure's values with every change of an entry dated on or before ``day``."""
    verantwortlich, zieldatum, weitergeleitet = m.verantwortlich, m.zieldatum, m.weitergeleitet_am
    for e in entries:
        if e.datum > day:
            break
        if e.verantwortlich is not None:
            verantwortlich = e.verantwortlich
        if e.zieldatum is not None:
            zieldatum = e.zieldatum
        if e.weitergeleitet_am is not None:
            weitergeleitet = e.weitergeleitet_am
    return Werte(verantwortlich, zieldatum, weitergeleitet)


@dataclass(frozen=True)
class Aenderung:
    """A change of the target date or of the responsible office, recorded by an entry."""

    eintrag: VerlaufEintrag
    feld: str  # "zieldatum" or "verantwortlich"
    vorher: date | str | None
    nachher: date | str


def changes_of_values(m: Massnahme, entries: tuple[VerlaufEintrag, ...], day: date) -> list[Aenderung]:
    """Every postponement and change of responsibility up to ``day``, oldest first."""
    result: list[Aenderung] = []
    current: dict[str, date | str | None] = {"zieldatum": m.zieldatum, "verantwortlich": m.verantwortlich}
    for e in entries:
        if e.datum > day:
            break
        for name in ("zieldatum", "verantwortlich"):
            new = getattr(e, name)
            if new is not None and new != current[name]:
                result.append(Aenderung(e, name, current[name], new))
                current[name] = new
    return result
