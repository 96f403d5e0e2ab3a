"""The indicators of a field of action in the council report: an overview table (value per year, target,
assessment), and per indicator a line chart with its target line and one line per breakdown, followed by
the same values as a table. Everything the templates show is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from luedialog.dates import german
from luedialog.model.indikatoren import (
    BEWERTUNGEN,
    EINHEITEN,
    abstand_text,
    bezug_text,
    wert_text,
    ziel_text,
)
from luedialog.queries.indikatoren import IndikatorStand, Messpunkt, Reihe, Vergleichspunkt, staende
from luedialog.snapshot import Snapshot

# colours of the lines: each has a contrast of at least 3:1 on white (graphics, WCAG 1.4.11), and each
# line also has its own dash pattern and its name in the legend, so no line depends on its colour
FARBEN = ("#0B5FA5", "#B3470C", "#1B7F4B", "#8E3A86", "#6B5B00", "#4D4D4D", "#00758F", "#A0304F")
STRICHE = ("", "7 4", "2 3", "9 3 2 3")
# the colour mark (as the Ampel) next to each assessment's words
AMPEL = {"erreicht": "gruen", "auf_kurs": "gruen", "nicht_auf_kurs": "rot", "keine_daten": "grau"}
MAX_SPALTEN = 6  # more series than this: one row per series instead of one column per series


@dataclass(frozen=True)
class Linie:
    name: str
    farbe: str
    strich: str  # SVG stroke-dasharray, "" for a solid line
    punkte: list[tuple[float, float]]  # (time in years, value)
    beschriftungen: list[str]  # per point: "2010: 80 %"


@dataclass(frozen=True)
class Diagramm:
    titel: str
    einheit: str  # the unit's name, shown at the axis
    linien: list[Linie]
    ziel: float | None  # the target line's value
    ziel_bis: float | None  # … drawn up to this year (else across the chart)
    ziel_name: str
    jahre: list[int]  # the years on the axis
    prozent: bool  # a percentage: the axis ends at 100 at most


@dataclass(frozen=True)
class Tabellenzeile:
    kopf: str
    zellen: list[str]


@dataclass(frozen=True)
class Indikatorbericht:
    id: str
    name: str
    einheit: str
    bezug: str  # "L-BEK-C7, Unterziel 2"
    wortlaut: str
    fundstelle: str
    quelle: str
    ziel: str
    bewertung: str  # key of BEWERTUNGEN
    bewertung_text: str
    ampel: str
    regel: str
    werte_je_jahr: str  # the last three values, "2009: 20 % · 2010: 22 %", or "–"
    spalten: list[str]  # heads of the value table (the first names the rows)
    zeilen: list[Tabellenzeile]
    diagramm: Diagramm | None
    korrekturen: list[str]  # "Wert für 2010 am 10.01.2011 berichtigt (12 % → 22 %): Grund"


def _punkt_text(p: Messpunkt, einheit: str, names: tuple[str, str] | None) -> str:
    if isinstance(p, Vergleichspunkt):
        a, b = (n.split(": ", 1)[-1] + " " for n in names) if names else ("", "")
        return (
            f"{p.periode}: {a}{wert_text(p.a.wert, einheit)}, {b}{wert_text(p.b.wert, einheit)} "
            f"(Abstand {abstand_text(p.wert, einheit)})"
        )
    return f"{p.periode}: {wert_text(p.wert, einheit)}"


def _perioden(reihen: tuple[Reihe, ...]) -> list[tuple[float, str]]:
    seen: dict[str, float] = {}
    for r in reihen:
        for p in r.punkte:
            seen.setdefault(p.periode, p.x)
    return sorted(((x, periode) for periode, x in seen.items()), key=lambda t: t[0])


def _tabelle(s: IndikatorStand) -> tuple[list[str], list[Tabellenzeile]]:
    unit = s.indikator.einheit
    perioden = _perioden(s.reihen)
    cell = {(r.name, p.periode): wert_text(p.wert, unit) for r in s.reihen for p in r.punkte}
    if len(s.reihen) <= MAX_SPALTEN:
        heads = ["Jahr", *(r.name for r in s.reihen)]
        gaps = {p.periode: abstand_text(p.wert, unit) for p in s.bewertet if isinstance(p, Vergleichspunkt)}
        if s.vergleich is not None:
            heads.append("Abstand")
        rows = []
        for _, periode in perioden:
            cells = [cell.get((r.name, periode), "–") for r in s.reihen]
            if s.vergleich is not None:
                cells.append(gaps.get(periode, "–"))
            rows.append(Tabellenzeile(periode, cells))
        return heads, rows
    heads = ["Reihe", *(periode for _, periode in perioden)]
    return heads, [Tabellenzeile(r.name, [cell.get((r.name, p), "–") for _, p in perioden]) for r in s.reihen]


def _diagramm(s: IndikatorStand) -> Diagramm | None:
    ind = s.indikator
    if ind.einheit == "ja_nein" or not any(r.punkte for r in s.reihen):
        return None
    linien = []
    for i, r in enumerate(s.reihen):
        linien.append(
            Linie(
                r.name,
                FARBEN[i % len(FARBEN)],
                STRICHE[(i // len(FARBEN) + i) % len(STRICHE)],
                [(p.x, float(p.wert)) for p in r.punkte],
                [f"{r.name} {p.periode}: {wert_text(p.wert, ind.einheit)}" for p in r.punkte],
            )
        )
    ziel = float(ind.zielwert) if ind.zielwert is not None and not isinstance(ind.zielwert, bool) else None
    years = {round(x) for line in linien for x, _ in line.punkte}
    if ziel is not None and ind.zieljahr is not None:
        years.add(ind.zieljahr)
    return Diagramm(
        titel=ind.name,
        einheit=EINHEITEN[ind.einheit] + (" (€)" if ind.einheit == "euro" else ""),
        linien=linien,
        ziel=ziel,
        ziel_bis=float(ind.zieljahr) if ziel is not None and ind.zieljahr is not None else None,
        ziel_name=f"Ziel: {ziel_text(ind)}",
        jahre=list(range(min(years), max(years) + 1)),
        prozent=ind.einheit == "prozent",
    )


def bericht(s: IndikatorStand) -> Indikatorbericht:
    ind = s.indikator
    heads, rows = _tabelle(s)
    corrections = []
    for k in s.korrekturen:
        before = k.vorher
        old = wert_text(before.wert, ind.einheit) if before is not None else "–"
        new = wert_text(k.nachher.wert, ind.einheit) if k.nachher.wert is not None else "gestrichen"
        period = f"{before.periode_jahr if before.datum is None else german(before.datum)}" if before else "?"
        corrections.append(f"Wert für {period} am {german(k.erfasst)} berichtigt ({old} → {new}): {k.grund}")
    return Indikatorbericht(
        id=ind.id,
        name=" ".join(ind.name.split()),
        einheit=EINHEITEN[ind.einheit],
        bezug=bezug_text(ind),
        wortlaut=" ".join((ind.wortlaut or "").split()),
        fundstelle=ind.fundstelle or "",
        quelle=ind.quelle,
        ziel=ziel_text(ind),
        bewertung=s.bewertung.ergebnis,
        bewertung_text=BEWERTUNGEN[s.bewertung.ergebnis],
        ampel=AMPEL[s.bewertung.ergebnis],
        regel=s.bewertung.regel,
        werte_je_jahr=" · ".join(_punkt_text(p, ind.einheit, s.vergleich) for p in s.trend) or "–",
        spalten=heads,
        zeilen=rows,
        diagramm=_diagramm(s),
        korrekturen=corrections,
    )


def indikatorberichte(snap: Snapshot, feld: str, stichtag: date) -> list[Indikatorbericht]:
    """The indicators of one field of action at the Stichtag, ordered by ID."""
    return [bericht(s) for s in staende(snap, stichtag, feld)]
