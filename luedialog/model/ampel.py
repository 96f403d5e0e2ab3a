"""The Ampel: the four colours a status can show, with their names for people and for each output.

The one home of the colour map: ``luedialog.yaml`` names a colour per status (``ampel: gelb``);
the terminal, the reports and the site take name, colour and style from here. The colours are
dark enough for white text on them (contrast at least 4.5:1) and always come with their name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ampelfarbe:
    schluessel: str  # as written in luedialog.yaml
    name: str  # as people read it
    farbe: str  # for reports (hex)
    terminal: str  # rich style


AMPEL = (
    Ampelfarbe("gruen", "grün", "#1b7a3a", "green"),
    Ampelfarbe("gelb", "gelb", "#8a6500", "yellow"),
    Ampelfarbe("rot", "rot", "#b3261e", "red"),
    Ampelfarbe("grau", "grau", "#6b6b6b", "bright_black"),
)
AMPELN = tuple(a.schluessel for a in AMPEL)  # in the order reports count them
NAMEN = {a.schluessel: a.name for a in AMPEL}
FARBEN = {a.schluessel: a.farbe for a in AMPEL}
TERMINAL = {a.schluessel: a.terminal for a in AMPEL}
