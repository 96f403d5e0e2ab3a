"""luedialog: Leitlinien, Maßnahmen und Gruppen eines Bürgerdialogs als YAML-Dateien in git."""

from __future__ import annotations

__version__ = "0.2.0"
