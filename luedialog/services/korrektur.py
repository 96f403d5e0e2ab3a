"""Correcting a wrong history entry without rewriting history.

The wrong entry stays; a correction is appended to the measure's ``korrekturen``: it names the
entry (its number), says why, and what is right (``richtig``), that the entry does not count
(``gestrichen``), or, for an entry recorded at the wrong measure, strikes it there and adds it
(``nachtrag``) to the right one – both in one transaction. From the correction's date on every
query and report uses the corrected history; for an earlier Stichtag everything stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from luedialog.dates import InvalidDateError, german, parse_date
from luedialog.errors import LuedialogError, UsageError
from luedialog.files.append import Node, append_item, encode_like
from luedialog.model.types import RICHTIG_FIELDS, Massnahme, VerlaufEintrag
from luedialog.queries.verlauf import history
from luedialog.services.sachstand import current_measure, file_of, is_placeholder, reporter
from luedialog.services.schreiben import Geschrieben, measure, schreiben, status
from luedialog.services.transaction import Transaction

LABELS = {
    "datum": "Datum",
    "status": "Status",
    "notiz": "Notiz",
    "von": "Von",
    "nachweis": "Nachweis",
    "fortschritt": "Fortschritt",
    "verantwortlich": "verantwortlich",
    "zieldatum": "Zieldatum",
    "weitergeleitet_am": "weitergeleitet am",
}


@dataclass(frozen=True)
class Korrekturauftrag:
    massnahme: str
    eintrag: str  # its number (1 = the first) or its date as written
    grund: str
    datum: date  # of the correction
    von: str | None = None
    richtig: dict[str, date | str | int] = field(default_factory=dict)  # field of the entry → right value
    streichen: bool = False
    richtige_massnahme: str | None = None  # the entry belongs there: struck here, added there


@dataclass(frozen=True)
class Korrigiert:
    massnahme: str
    eintrag: int
    was: str  # "Datum 15.03.2010", "gestrichen", "übertragen nach M-BEK-03"
    dateien: tuple[str, ...]


def find_entry(m: Massnahme, which: str, known_at: date) -> tuple[int, VerlaufEintrag]:
    """The entry ``which`` names (a number, or a date as it is written or as corrected), as known now."""
    current = {e.nummer: e for e in history(m, known_at) if e.nummer is not None} if m.korrekturen else None
    numbered = {i: e for i, e in enumerate(m.verlauf, start=1)}
    text = which.strip()
    if re.fullmatch(r"\d+", text):
        number = int(text)
        if number not in numbered:
            raise UsageError(
                f"EINTRAG: {m.id} hat {len(m.verlauf)} Verlaufseinträge; einen Eintrag {number} gibt es nicht."
            )
    else:
        try:
            day = parse_date(text)
        except InvalidDateError:
            raise UsageError(
                f"EINTRAG: „{text}“ ist weder eine Nummer noch ein Datum.",
                hint="Die Nummern zeigt luedialog zeige " + m.id,
            ) from None
        hits = [
            i for i, e in numbered.items() if e.datum == day or (current and i in current and current[i].datum == day)
        ]
        if len(hits) != 1:
            what = "kein Eintrag" if not hits else f"{len(hits)} Einträge (Nr. {', '.join(map(str, hits))})"
            raise UsageError(
                f"EINTRAG: Am {german(day)} hat {m.id} {what}.",
                hint="Nennen Sie die Nummer (luedialog zeige " + m.id + ").",
            )
        number = hits[0]
    if current is not None and number not in current:
        raise LuedialogError(f"Eintrag {number} von {m.id} ist schon gestrichen.")
    return number, current[number] if current is not None else numbered[number]


def _entry_fields(e: VerlaufEintrag) -> dict[str, Node]:
    return {name: getattr(e, name) for name in RICHTIG_FIELDS}


def plan_correction(t: Transaction, k: Korrekturauftrag) -> Korrigiert:
    name = file_of(t, k.massnahme.strip())
    doc, m, raw = current_measure(t, name)
    config = t.snapshot.config
    if k.datum > t.today:
        raise UsageError(f"--datum: Die Korrektur am {german(k.datum)} liegt in der Zukunft.")
    if m.korrekturen and k.datum < max(x.datum for x in m.korrekturen):
        last = max(x.datum for x in m.korrekturen)
        raise UsageError(
            f"--datum: Die letzte Korrektur von {m.id} ist vom {german(last)}; eine neue kann nicht davor liegen."
        )
    grund = k.grund.strip()
    if is_placeholder(grund):
        raise UsageError("--grund: Der Grund ist leer oder ein Platzhalter; bitte in Worten sagen, was falsch war.")
    number, entry = find_entry(m, k.eintrag, t.today)
    richtig = dict(k.richtig)
    if "status" in richtig:
        richtig["status"] = status(t, str(richtig["status"]), "--richtiger-status")
    if "datum" in richtig and isinstance(richtig["datum"], date) and richtig["datum"] > t.today:
        raise UsageError(f"--richtiges-datum: Der {german(richtig['datum'])} liegt in der Zukunft.")
    changed = {n: v for n, v in richtig.items() if getattr(entry, n) != v}
    von = reporter(config, k.von)
    fields: dict[str, Node] = {"datum": k.datum, "eintrag": number, "grund": grund, "von": von}
    target = None
    if k.richtige_massnahme is not None:
        target = measure(t, k.richtige_massnahme, "--richtige-massnahme")
        if target == m.id:
            raise UsageError(f"--richtige-massnahme: Der Eintrag steht schon bei {m.id}.")
        fields |= {"gestrichen": "ja", "uebertragen_nach": target}
        what = f"übertragen nach {target}"
    elif k.streichen:
        if richtig:
            raise UsageError("--streichen: Ein gestrichener Eintrag hat keine richtigen Angaben.")
        fields["gestrichen"] = "ja"
        what = "gestrichen"
    else:
        if not richtig:
            raise UsageError(
                "Geben Sie an, was richtig ist (z. B. --richtiges-datum), oder --streichen bzw. --richtige-massnahme.",
            )
        if not changed:
            raise UsageError("Die richtigen Angaben sind schon die des Eintrags; es gibt nichts zu korrigieren.")
        fields["richtig"] = dict[str, Node](changed)
        what = "; ".join(f"{LABELS[n]} {german(v) if isinstance(v, date) else v}" for n, v in changed.items())
    t.change(name, encode_like(raw, append_item(doc, ("korrekturen",), fields)))
    files = [name]
    if target is not None:
        target_name = file_of(t, target)
        target_doc, _, target_raw = current_measure(t, target_name)
        nachtrag = _entry_fields(entry) | richtig
        added: dict[str, Node] = {
            "datum": k.datum,
            "grund": grund,
            "von": von,
            "nachtrag": nachtrag,
            "uebertragen_aus": m.id,
        }
        t.change(target_name, encode_like(target_raw, append_item(target_doc, ("korrekturen",), added)))
        files.append(target_name)
    return Korrigiert(m.id, number, what, tuple(files))


def korrigieren(
    root: Path, k: Korrekturauftrag, today: date, *, dry_run: bool = False, commit: bool = False
) -> Geschrieben[Korrigiert]:
    """Append the correction (and, for the wrong measure, the entry at the right one) in one transaction."""

    def plan(t: Transaction) -> tuple[Korrigiert, str]:
        done = plan_correction(t, k)
        return done, f"Korrektur {done.massnahme}, Eintrag {done.eintrag}: {done.was}"

    return schreiben(root, today, plan, dry_run=dry_run, commit=commit, refused="Die Korrektur wäre fehlerhaft")
