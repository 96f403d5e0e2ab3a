"""The Ampel: the four colours a status can show, with their names for people and for each output.

The one home of the colour map: ``luedialog.yaml`` names a colour per status (``ampel: gelb``);
the terminal, the reports and the site take name, colour and style from here. The colours read
as their names (the yellow is a signal yellow, not ochre) and always come with their name; the
text on them has a contrast of at least 4.5:1 (white on green, red and grey, near-black on yellow).
The fallbacks of ``.marke-*`` in ``templates/_stil.css`` have the same values (a test checks it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ampelfarbe:
    schluessel: str  # as written in luedialog.yaml
    name: str  # as people read it
    farbe: str  # for reports (hex)
    text: str  # colour of text on it (hex)
    terminal: str  # rich style


AMPEL = (
    Ampelfarbe("gruen", "grün", "#1b7a3a", "#ffffff", "green"),
    Ampelfarbe("gelb", "gelb", "#ffcc00", "#1a1a1a", "yellow"),
    Ampelfarbe("rot", "rot", "#c62828", "#ffffff", "red"),
    Ampelfarbe("grau", "grau", "#6b6b6b", "#ffffff", "bright_black"),
)
AMPELN = tuple(a.schluessel for a in AMPEL)  # in the order reports count them
NAMEN = {a.schluessel: a.name for a in AMPEL}
FARBEN = {a.schluessel: a.farbe for a in AMPEL}
TEXTFARBEN = {a.schluessel: a.text for a in AMPEL}
TERMINAL = {a.schluessel: a.terminal for a in AMPEL}
