"""Amounts as people in Germany read them: ``45.000,00 €``; an amount nobody recorded is ``–``, never 0."""

from __future__ import annotations

import math

MISSING = "–"


def euro(value: float | None) -> str:
    """``45000`` → ``45.000,00 €``; ``None`` (not recorded) → ``–``; a value that is not a finite
    number is never shown as „inf €“ but as ``–`` too."""
    if value is None or not math.isfinite(value):
        return MISSING
    text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} €"
