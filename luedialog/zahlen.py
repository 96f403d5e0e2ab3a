"""Amounts as people in Germany read them: ``45.000,00 €``; an amount nobody recorded is ``–``, never 0."""

from __future__ import annotations

MISSING = "–"


def euro(value: float | None) -> str:
    """``45000`` → ``45.000,00 €``; ``None`` (not recorded) → ``–``."""
    if value is None:
        return MISSING
    text = f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{text} €"
