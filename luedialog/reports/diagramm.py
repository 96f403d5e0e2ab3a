"""The line chart of an indicator as inline SVG: one line per series, a dashed target line, a legend
that names every line next to its colour and dash pattern. The same values follow as a table in the
report; the chart only shows them.
"""

from __future__ import annotations

import html
import math
import sys

from luedialog.model.indikatoren import zahl
from luedialog.reports.indikatoren import Diagramm

WIDTH = 640
LEFT, RIGHT = 64, WIDTH - 16  # the plot area
TOP, PLOT_HEIGHT = 24, 180
BOTTOM = TOP + PLOT_HEIGHT
LEGEND_TOP = BOTTOM + 44
LEGEND_ROW = 20
INK = "#222"
GRID = "#d0d0d0"
TARGET = "#222"


def nice_scale(low: float, high: float, prozent: bool = False) -> tuple[float, float, float]:
    """(bottom, top, step) of an axis from ``low`` to ``high`` with 4 to 8 steps of 1, 2, 2,5 or 5 × 10ⁿ."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + (abs(low) or 1.0)
    raw = high / 4 - low / 4  # not (high - low) / 4: that can be too big for a float
    if not raw >= sys.float_info.min:  # a span too small to tell apart: one unit around the value
        high = low + (abs(low) or 1.0)
        raw = high / 4 - low / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(f * magnitude for f in (1, 2, 2.5, 5, 10) if f * magnitude >= raw - 1e-12)
    top = math.ceil(high / step - 1e-9) * step
    bottom = math.floor(low / step + 1e-9) * step
    if prozent and high <= 100 < top:
        top = 100.0
    return bottom, top, step


def _f(value: float) -> str:
    return f"{value:.1f}"


def indikator_chart(d: Diagramm) -> str:
    """The chart as an ``<svg>`` element (text from the data is escaped)."""
    xs = [x for line in d.linien for x, _ in line.punkte] + [float(y) for y in d.jahre]
    ys = [y for line in d.linien for _, y in line.punkte] + ([d.ziel] if d.ziel is not None else [])
    x_low, x_high = min(xs) - 0.5, max(xs) + 0.5
    bottom, top, step = nice_scale(min(ys), max(ys), d.prozent)

    def x_of(x: float) -> float:
        return LEFT + (x - x_low) / (x_high - x_low) * (RIGHT - LEFT)

    def y_of(y: float) -> float:
        return BOTTOM - (y - bottom) / (top - bottom) * PLOT_HEIGHT

    legend = len(d.linien) + (1 if d.ziel is not None else 0)
    height = LEGEND_TOP + (legend - 1) * LEGEND_ROW + 12
    label = html.escape(f"Liniendiagramm: {d.titel}. Die Werte stehen in der Tabelle darunter.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-label="{label}">',
        f'<text x="{LEFT}" y="14" font-size="12" fill="{INK}">{html.escape(d.einheit)}</text>',
    ]
    ticks = round((top - bottom) / step)
    for i in range(ticks + 1):
        value = bottom + i * step
        at = _f(y_of(value))
        parts.append(f'<line x1="{LEFT}" y1="{at}" x2="{RIGHT}" y2="{at}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{_f(y_of(value) + 4)}" font-size="12" fill="{INK}" text-anchor="end">'
            f"{zahl(round(value, 6))}</text>"
        )
    every = 1 if len(d.jahre) <= 12 else 2
    for i, year in enumerate(d.jahre):
        at = _f(x_of(year))
        parts.append(f'<line x1="{at}" y1="{BOTTOM}" x2="{at}" y2="{BOTTOM + 4}" stroke="{INK}" stroke-width="1"/>')
        if i % every == 0:
            parts.append(
                f'<text x="{at}" y="{BOTTOM + 18}" font-size="12" fill="{INK}" text-anchor="middle">{year}</text>'
            )
    parts.append(f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="{INK}" stroke-width="1"/>')
    if d.ziel is not None:
        end = x_of(d.ziel_bis) if d.ziel_bis is not None else RIGHT
        at = _f(y_of(d.ziel))
        parts.append(
            f'<line x1="{LEFT}" y1="{at}" x2="{_f(end)}" y2="{at}" stroke="{TARGET}" stroke-width="1.5" '
            f'stroke-dasharray="4 4"><title>{html.escape(d.ziel_name)}</title></line>'
        )
    for line in d.linien:
        dash = f' stroke-dasharray="{html.escape(line.strich)}"' if line.strich else ""
        colour = html.escape(line.farbe)
        points = " ".join(f"{_f(x_of(x))},{_f(y_of(y))}" for x, y in line.punkte)
        if len(line.punkte) > 1:
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dash} points="{points}"/>')
        for (x, y), title in zip(line.punkte, line.beschriftungen, strict=True):
            parts.append(
                f'<circle cx="{_f(x_of(x))}" cy="{_f(y_of(y))}" r="3.5" fill="{colour}">'
                f"<title>{html.escape(title)}</title></circle>"
            )
    row = LEGEND_TOP
    entries = [(line.name, line.farbe, line.strich, 2.5, True) for line in d.linien]
    if d.ziel is not None:
        entries.append((d.ziel_name, TARGET, "4 4", 1.5, False))
    for name, colour, strich, width, marker in entries:
        dash = f' stroke-dasharray="{html.escape(strich)}"' if strich else ""
        parts.append(
            f'<line x1="{LEFT}" y1="{row - 4}" x2="{LEFT + 36}" y2="{row - 4}" stroke="{html.escape(colour)}" '
            f'stroke-width="{width}"{dash}/>'
        )
        if marker:
            parts.append(f'<circle cx="{LEFT + 18}" cy="{row - 4}" r="3.5" fill="{html.escape(colour)}"/>')
        parts.append(f'<text x="{LEFT + 44}" y="{row}" font-size="12" fill="{INK}">{html.escape(name)}</text>')
        row += LEGEND_ROW
    parts.append("</svg>")
    return "".join(parts)
