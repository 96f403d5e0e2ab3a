"""Rules for corrections of a history (``korrekturen``): what they name, what they say, when."""

from __future__ import annotations

from datetime import date

from luedialog.dates import german
from luedialog.findings import Finding, error
from luedialog.model.types import Korrektur, Massnahme
from luedialog.snapshot import Snapshot

HINT_KIND = (
    "Eine Korrektur nennt den Eintrag (eintrag: Nummer) und die richtigen Angaben (richtig: …) oder "
    "„gestrichen: ja“, oder sie trägt einen fehlenden Eintrag nach (nachtrag: …) – so schreibt es "
    "luedialog korrigieren."
)


def _problems(m: Massnahme, k: Korrektur, struck: set[int]) -> list[tuple[str, str, str]]:
    """(code, message, key suffix) for what one correction says."""
    problems: list[tuple[str, str, str]] = []
    if k.nachtrag is not None:
        if k.eintrag is not None or k.richtig is not None or k.gestrichen:
            problems.append(("korrektur-art", "Ein Nachtrag nennt keinen Eintrag und keine richtigen Angaben.", ""))
        if k.uebertragen_nach is not None:
            problems.append(("korrektur-art", "„uebertragen_nach“ gehört zu einem gestrichenen Eintrag.", ""))
        return problems
    if k.uebertragen_aus is not None:
        problems.append(("korrektur-art", "„uebertragen_aus“ gehört zu einem Nachtrag.", ""))
    if k.eintrag is None:
        return [*problems, ("korrektur-eintrag", "Die Korrektur nennt keinen Eintrag.", "")]
    if k.eintrag > len(m.verlauf):
        problems.append(
            (
                "korrektur-eintrag",
                f"Die Korrektur nennt Eintrag {k.eintrag}; der Verlauf hat nur {len(m.verlauf)} Einträge.",
                ".eintrag",
            )
        )
    elif k.eintrag in struck:
        problems.append(("korrektur-eintrag", f"Eintrag {k.eintrag} ist schon gestrichen.", ".eintrag"))
    richtig = k.richtig.values() if k.richtig is not None else {}
    if k.gestrichen and richtig:
        problems.append(("korrektur-art", "Ein gestrichener Eintrag hat keine richtigen Angaben.", ""))
    elif not k.gestrichen and not richtig:
        problems.append(("korrektur-leer", "Die Korrektur sagt nicht, was richtig ist.", ""))
    if k.uebertragen_nach is not None and not k.gestrichen:
        problems.append(("korrektur-art", "„uebertragen_nach“ gehört zu einem gestrichenen Eintrag.", ""))
    return problems


def check_corrections(snap: Snapshot, stichtag: date) -> list[Finding]:
    findings: list[Finding] = []
    for m in snap.massnahmen.values():
        struck: set[int] = set()
        previous: date | None = None
        for j, k in enumerate(m.korrekturen):
            key = f"korrekturen[{j + 1}]"
            for code, message, suffix in _problems(m, k, struck):
                findings.append(error(m.datei, k.zeile, code, message, hint=HINT_KIND, key=key + suffix))
            if k.gestrichen and k.eintrag is not None:
                struck.add(k.eintrag)
            for ref in (k.uebertragen_nach, k.uebertragen_aus):
                if ref is not None and ref not in snap.massnahmen and not snap.may_exist("Maßnahme", ref):
                    findings.append(
                        error(
                            m.datei,
                            k.zeile,
                            "verweis-unbekannt",
                            f"Die Korrektur nennt die Maßnahme „{ref}“, die es nicht gibt.",
                            hint="Prüfen Sie die ID (Groß-/Kleinschreibung zählt).",
                            key=key,
                        )
                    )
            if k.datum > stichtag:
                findings.append(
                    error(
                        m.datei,
                        snap.line(m.datei, ("korrekturen", j, "datum")),
                        "datum-zukunft",
                        f"Die Korrektur ist auf den {german(k.datum)} datiert, nach dem Stichtag {german(stichtag)}.",
                        hint="Eine Korrektur gilt ab dem Tag, an dem sie gemacht wird.",
                        key=key + ".datum",
                    )
                )
            if previous is not None and k.datum < previous:
                findings.append(
                    error(
                        m.datei,
                        snap.line(m.datei, ("korrekturen", j, "datum")),
                        "korrektur-reihenfolge",
                        f"Die Korrektur vom {german(k.datum)} steht nach einer vom {german(previous)}.",
                        hint="Korrekturen werden nur angehängt, in der Reihenfolge ihrer Daten.",
                        key=key + ".datum",
                    )
                )
            previous = k.datum if previous is None else max(previous, k.datum)
        added = any(k.nachtrag is not None for k in m.korrekturen)
        if m.verlauf and not added and struck >= set(range(1, len(m.verlauf) + 1)):
            last = m.korrekturen[-1]
            findings.append(
                error(
                    m.datei,
                    last.zeile,
                    "verlauf-alles-gestrichen",
                    f"Jeder Eintrag des Verlaufs von {m.id} ist gestrichen; ohne einen gültigen Eintrag hat die "
                    "Maßnahme keinen Stand (sie fiele aus Übersicht, Berichten und Abfrage heraus).",
                    hint="Korrigieren Sie den Eintrag mit den richtigen Angaben (z. B. --richtiges-datum), statt "
                    "ihn zu streichen.",
                    key=f"korrekturen[{len(m.korrekturen)}]",
                )
            )
    return findings
