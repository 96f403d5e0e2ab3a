"""Indicators for the terminal and as JSON: latest value, trend, assessment with its rule.

Colours are always paired with the assessment's words; a missing value is „–“.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from luedialog.dates import german
from luedialog.model.config import Config
from luedialog.model.indikatoren import (
    BEWERTUNGEN,
    EINHEITEN,
    RICHTUNGEN,
    abstand_text,
    bezug_text,
    wert_text,
    ziel_text,
)
from luedialog.queries.indikatoren import IndikatorStand, IndikatorUebersicht, Messpunkt, Punkt, Vergleichspunkt
from luedialog.reporters import serialize

STYLE = {"auf_kurs": "green", "erreicht": "bold green", "nicht_auf_kurs": "red", "keine_daten": "dim"}


def punkt_text(p: Messpunkt, einheit: str, names: tuple[str, str] | None = None) -> str:
    """``2010: 12 %``; for a comparison ``2010: mit 28 %, ohne 34 % (Abstand 6 Prozentpunkte)``."""
    if isinstance(p, Vergleichspunkt):
        a, b = (n.split(": ", 1)[-1] + " " for n in names) if names else ("", "")
        return (
            f"{p.periode}: {a}{wert_text(p.a.wert, einheit)}, {b}{wert_text(p.b.wert, einheit)} "
            f"(Abstand {abstand_text(p.wert, einheit)})"
        )
    return f"{p.periode}: {wert_text(p.wert, einheit)}"


def bewertung_text(s: IndikatorStand) -> Text:
    key = s.bewertung.ergebnis
    return Text(BEWERTUNGEN[key], style=STYLE.get(key, ""))


def counts_line(counts: dict[str, int]) -> Text:
    """``Indikatoren: 1 auf Kurs · 0 nicht auf Kurs · …`` (the words carry the colours)."""
    line = Text("Indikatoren: ", style="bold")
    for i, (key, n) in enumerate(counts.items()):
        if i:
            line.append(" · ")
        line.append(f"{n} {BEWERTUNGEN[key]}", style=STYLE.get(key, ""))
    return line


def _one(s: IndikatorStand) -> list[RenderableType]:
    ind = s.indikator
    unit = ind.einheit
    head = Text(f"  {ind.id}  ", style="bold")
    head.append(ind.name.replace("\n", " "))
    head.append("  ")
    head.append_text(bewertung_text(s))
    info = Table.grid(padding=(0, 2))
    info.add_column(style="bold")
    info.add_column(overflow="fold")
    info.add_row("    Ziel", ziel_text(ind))
    if ind.wortlaut:
        info.add_row(
            "    Wortlaut", ind.wortlaut.replace("\n", " ") + (f" ({ind.fundstelle})" if ind.fundstelle else "")
        )
    info.add_row("    Misst", bezug_text(ind))
    info.add_row("    Letzter Wert", punkt_text(s.letzter, unit, s.vergleich) if s.letzter is not None else "–")
    info.add_row("    Trend", " → ".join(punkt_text(p, unit, s.vergleich) for p in s.trend) or "–")
    info.add_row("    Regel", s.bewertung.regel)
    info.add_row("    Quelle", ind.quelle)
    for k in s.korrekturen:
        info.add_row(
            "    Korrektur", f"Wert {k.nummer} berichtigt Wert {k.korrigiert} am {german(k.erfasst)}: {k.grund}"
        )
    return [head, info]


def indikatoren_view(config: Config, data: IndikatorUebersicht) -> RenderableType:
    staende, counts = data.staende, data.anzahl
    parts: list[RenderableType] = [Text(f"{config.name} – Indikatoren am {german(data.stichtag)}", style="bold")]
    if not staende:
        parts.append(Text("Keine Indikatoren erfasst (data/indikatoren)."))
        return Group(*parts)
    for feld in config.handlungsfelder:
        mine = [s for s in staende if s.handlungsfeld == feld.schluessel]
        if not mine:
            continue
        parts.append(Text(f"\n{feld.name}", style="bold"))
        for s in mine:
            parts += _one(s)
    others = [s for s in staende if s.handlungsfeld not in {h.schluessel for h in config.handlungsfelder}]
    if others:
        parts.append(Text("\nOhne Handlungsfeld", style="bold"))
        for s in others:
            parts += _one(s)
    parts += [Text(""), counts_line(counts)]
    return Group(*parts)


def leitlinie_lines(staende: list[IndikatorStand]) -> list[RenderableType]:
    """The indicators of a guideline for ``zeige L-…``."""
    parts: list[RenderableType] = [Text(f"\nIndikatoren zu dieser Leitlinie ({len(staende)}):", style="bold")]
    if not staende:
        parts.append(Text("  keine"))
    for s in staende:
        line = Text(f"  {s.indikator.id}  ")
        line.append_text(bewertung_text(s))
        last = punkt_text(s.letzter, s.indikator.einheit, s.vergleich) if s.letzter is not None else "kein Wert"
        line.append(f"  {s.indikator.name.replace(chr(10), ' ')} – Ziel: {ziel_text(s.indikator)}; zuletzt {last}")
        parts.append(line)
    return parts


def _punkt(p: Messpunkt | None) -> dict[str, Any] | None:
    if p is None:
        return None
    if isinstance(p, Vergleichspunkt):
        return {
            "periode": p.periode,
            "jahr": p.jahr,
            "datum": p.datum.isoformat() if p.datum else None,
            "abstand": p.wert,
            "werte": [_punkt(p.a), _punkt(p.b)],
        }
    assert isinstance(p, Punkt)
    return {
        "periode": p.periode,
        "jahr": p.jahr,
        "datum": p.datum.isoformat() if p.datum else None,
        "wert": p.wert,
        "quelle": p.quelle,
        "erfasst": p.erfasst.isoformat(),
        "eintrag": p.nummer,
        "korrektur": p.korrektur,
    }


def stand_json(s: IndikatorStand) -> dict[str, Any]:
    ind = s.indikator
    return {
        "id": ind.id,
        "name": ind.name,
        "handlungsfeld": s.handlungsfeld,
        "einheit": ind.einheit,
        "einheit_bezeichnung": EINHEITEN[ind.einheit],
        "leitlinie": ind.leitlinie,
        "unterziel": ind.unterziel,
        "empfehlung": ind.empfehlung,
        "wortlaut": ind.wortlaut,
        "fundstelle": ind.fundstelle,
        "richtung": ind.richtung,
        "richtung_bezeichnung": RICHTUNGEN[ind.richtung],
        "ziel": ziel_text(ind),
        "zielwert": ind.zielwert,
        "zieljahr": ind.zieljahr,
        "toleranz": ind.toleranz,
        "vergleich": ind.vergleich,
        "quelle": ind.quelle,
        "verantwortlich": ind.verantwortlich,
        "massnahmen": list(ind.massnahmen),
        "letzter_wert": _punkt(s.letzter),
        "trend": [_punkt(p) for p in s.trend],
        "bewertung": s.bewertung.ergebnis,
        "bewertung_bezeichnung": BEWERTUNGEN[s.bewertung.ergebnis],
        "regel": s.bewertung.regel,
        "reihen": [
            {"name": r.name, "aufschluesselung": dict(r.aufschluesselung), "werte": [_punkt(p) for p in r.punkte]}
            for r in s.reihen
        ],
        "korrekturen": [
            {"eintrag": k.nummer, "korrigiert": k.korrigiert, "erfasst": k.erfasst.isoformat(), "grund": k.grund}
            for k in s.korrekturen
        ],
    }


def indikatoren_json(data: IndikatorUebersicht) -> str:
    return json.dumps(
        {
            "stichtag": data.stichtag.isoformat(),
            "filter": {"feld": data.feld},
            "bewertungen": data.anzahl,
            "indikatoren": [stand_json(s) for s in data.staende],
        },
        ensure_ascii=False,
        indent=2,
        default=serialize.plain,
    )
