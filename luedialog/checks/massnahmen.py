"""Rules for measures across files: references, cycles, history order and transitions, dates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from luedialog.dates import german
from luedialog.findings import Finding, error, warning
from luedialog.model.schema import suggest
from luedialog.model.types import Massnahme, VerlaufEintrag
from luedialog.queries.verlauf import corrections_at, history
from luedialog.snapshot import Snapshot


def _reference(
    snap: Snapshot,
    m: Massnahme,
    key: str,
    index: int | None,
    target: str,
    known: Mapping[str, object],
    what: str,
    kind: str,
) -> list[Finding]:
    if target in known or snap.may_exist(kind, target):
        return []
    path: tuple[str | int, ...] = (key,) if index is None else (key, index)
    hint = suggest(target, list(known)) or "Prüfen Sie die ID (Groß-/Kleinschreibung zählt)."
    return [
        error(
            m.datei,
            snap.line(m.datei, path),
            "verweis-unbekannt",
            f"Verweis auf {what} „{target}“, die es nicht gibt.",
            hint=hint,
            key=key if index is None else f"{key}[{index + 1}]",
        )
    ]


def check_references(snap: Snapshot) -> list[Finding]:
    findings: list[Finding] = []
    for m in snap.massnahmen.values():
        for i, ref in enumerate(m.leitlinien):
            findings += _reference(snap, m, "leitlinien", i, ref, snap.leitlinien, "eine Leitlinie", "Leitlinie")
        for i, ref in enumerate(m.gruppen):
            findings += _reference(snap, m, "gruppen", i, ref, snap.gruppen, "eine Gruppe", "Gruppe")
        if m.teil_von is not None:
            if m.teil_von == m.id:
                findings.append(
                    error(
                        m.datei,
                        snap.line(m.datei, ("teil_von",)),
                        "zyklus",
                        "Eine Maßnahme kann nicht Teil von sich selbst sein.",
                        key="teil_von",
                    )
                )
            else:
                findings += _reference(
                    snap, m, "teil_von", None, m.teil_von, snap.massnahmen, "eine Maßnahme", "Maßnahme"
                )
    return findings


def check_cycles(snap: Snapshot) -> list[Finding]:
    findings: list[Finding] = []
    reported: set[str] = set()
    for start in snap.massnahmen.values():
        chain = [start.id]
        current = start
        while current.teil_von and current.teil_von in snap.massnahmen and current.teil_von != current.id:
            if current.teil_von in chain:
                cycle = chain[chain.index(current.teil_von) :] + [current.teil_von]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    findings.append(
                        error(
                            start.datei,
                            snap.line(start.datei, ("teil_von",)),
                            "zyklus",
                            "Die Teil-von-Beziehungen bilden einen Kreis: " + " → ".join(cycle) + ".",
                            hint="Eine Maßnahme darf nicht (auch nicht über andere) Teil von sich selbst sein.",
                            key="teil_von",
                        )
                    )
                break
            chain.append(current.teil_von)
            current = snap.massnahmen[current.teil_von]
    return findings


def _numbered(m: Massnahme, stichtag: date) -> tuple[list[tuple[int, VerlaufEintrag]], list[VerlaufEintrag]]:
    """The entries of the file as known at the Stichtag, numbered from 1 in the order of the file, and
    the whole corrected history in the order of the dates."""
    if not corrections_at(m, stichtag):  # as written
        return list(enumerate(m.verlauf, start=1)), list(m.verlauf)
    entries = history(m, stichtag)
    in_file = sorted(((e.nummer, e) for e in entries if e.nummer is not None), key=lambda pair: pair[0])
    return in_file, list(entries)


def _where(
    snap: Snapshot, m: Massnahme, numbers: dict[int, int], entry: VerlaufEintrag
) -> tuple[tuple[str | int, ...], str]:
    """Key path and shown key of an entry: in the verlauf, or (added by a correction) in korrekturen."""
    number = numbers.get(id(entry))
    if number is not None:
        return ("verlauf", number - 1), f"verlauf[{number}]"
    added = next((k for k in entry.korrekturen if k.nachtrag is not None), None)
    j = next((j for j, k in enumerate(m.korrekturen) if k is added), 0)
    return ("korrekturen", j, "nachtrag"), f"korrekturen[{j + 1}].nachtrag"


def check_histories(snap: Snapshot, stichtag: date) -> list[Finding]:
    """Order, transitions, evidence, and plausible dates of every history, as corrected up to the Stichtag."""
    findings: list[Finding] = []
    config = snap.config
    earliest = config.anfang
    latest = date(config.zeitraum.ende_jahr, 12, 31)
    needs_proof = {s.schluessel for s in config.status if s.nachweis}
    for m in snap.massnahmen.values():
        in_file, entries = _numbered(m, stichtag)
        numbers = {id(e): n for n, e in in_file}
        previous = None
        for number, entry in in_file:  # appended in the order of the dates (with corrected dates)
            if previous is not None and entry.datum < previous.datum:
                findings.append(
                    error(
                        m.datei,
                        snap.line(m.datei, ("verlauf", number - 1, "datum")),
                        "verlauf-reihenfolge",
                        f"Eintrag vom {german(entry.datum)} steht nach einem Eintrag vom {german(previous.datum)}.",
                        hint="Der Verlauf ist chronologisch: neue Einträge gehören ans Ende.",
                        key=f"verlauf[{number}].datum",
                    )
                )
            previous = entry
        previous = None
        for entry in entries:
            path, key = _where(snap, m, numbers, entry)
            line = snap.line(m.datei, path) if path[0] == "korrekturen" else entry.zeile
            if not entry.notiz.strip():
                findings.append(error(m.datei, line, "notiz-leer", "Die Notiz ist leer.", key=key))
            if previous is not None and not config.transition_allowed(previous.status, entry.status):
                allowed = ", ".join(config.allowed_after(previous.status)) or "keiner"
                findings.append(
                    error(
                        m.datei,
                        snap.line(m.datei, (*path, "status")),
                        "uebergang",
                        f"Der Wechsel von „{previous.status}“ zu „{entry.status}“ ist nicht erlaubt.",
                        hint=f"Erlaubt nach „{previous.status}“: {allowed} (uebergaenge in luedialog.yaml).",
                        key=key + ".status",
                    )
                )
            if entry.status in needs_proof and not entry.nachweis:
                findings.append(
                    error(
                        m.datei,
                        line,
                        "nachweis-fehlt",
                        f"Der Status „{entry.status}“ braucht einen Nachweis.",
                        hint="Ergänzen Sie „nachweis: …“ (Ratsvorlage, Link oder Dokument).",
                        key=key,
                    )
                )
            if entry.datum > stichtag:
                findings.append(
                    error(
                        m.datei,
                        line,
                        "datum-zukunft",
                        f"Das Datum {german(entry.datum)} liegt nach dem Stichtag {german(stichtag)}.",
                        hint="Sachstände werden erst eingetragen, wenn sie eingetreten sind.",
                        key=key + ".datum",
                    )
                )
            elif not earliest <= entry.datum <= latest:
                findings.append(
                    warning(
                        m.datei,
                        line,
                        "datum-zeitraum",
                        f"Das Datum {german(entry.datum)} liegt außerhalb des Prozesszeitraums "
                        f"({earliest.year}–{config.zeitraum.ende_jahr}).",
                        hint="Tippfehler? Sonst den Zeitraum in luedialog.yaml anpassen.",
                        key=key + ".datum",
                    )
                )
            previous = entry
    return findings
