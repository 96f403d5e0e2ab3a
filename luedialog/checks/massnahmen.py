"""Rules for measures across files: references, cycles, history order and transitions, dates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from luedialog.dates import german
from luedialog.findings import Finding, error, warning
from luedialog.model.schema import suggest
from luedialog.model.types import Massnahme
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


def check_histories(snap: Snapshot, stichtag: date) -> list[Finding]:
    """Order, transitions, evidence, and plausible dates of every history."""
    findings: list[Finding] = []
    config = snap.config
    earliest = config.anfang
    latest = date(config.zeitraum.ende_jahr, 12, 31)
    needs_proof = {s.schluessel for s in config.status if s.nachweis}
    for m in snap.massnahmen.values():
        previous = None
        for i, entry in enumerate(m.verlauf):
            key = f"verlauf[{i + 1}]"
            if not entry.notiz.strip():
                findings.append(error(m.datei, entry.zeile, "notiz-leer", "Die Notiz ist leer.", key=key))
            if previous is not None:
                if entry.datum < previous.datum:
                    findings.append(
                        error(
                            m.datei,
                            snap.line(m.datei, ("verlauf", i, "datum")),
                            "verlauf-reihenfolge",
                            f"Eintrag vom {german(entry.datum)} steht nach einem Eintrag vom {german(previous.datum)}.",
                            hint="Der Verlauf ist chronologisch: neue Einträge gehören ans Ende.",
                            key=key + ".datum",
                        )
                    )
                if not config.transition_allowed(previous.status, entry.status):
                    allowed = ", ".join(config.allowed_after(previous.status)) or "keiner"
                    findings.append(
                        error(
                            m.datei,
                            snap.line(m.datei, ("verlauf", i, "status")),
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
                        entry.zeile,
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
                        entry.zeile,
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
                        entry.zeile,
                        "datum-zeitraum",
                        f"Das Datum {german(entry.datum)} liegt außerhalb des Prozesszeitraums "
                        f"({earliest.year}–{config.zeitraum.ende_jahr}).",
                        hint="Tippfehler? Sonst den Zeitraum in luedialog.yaml anpassen.",
                        key=key + ".datum",
                    )
                )
            previous = entry
    return findings
