"""A copy of Gruppenstadt with internal content planted: an internal history entry, an entry whose
note and reporter are internal, an internal measure and an internal meeting (all fictional)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES

INTERNE_TEXTE = (
    "Kostenschätzung des Tiefbauamts liegt vertraulich vor.",
    "Streit im Tiefbauamt über die Reihenfolge der Querungen.",
    "Frau Bauer aus dem Tiefbauamt",
    "Vertrauliche Prüfung des Schulhofs",
    "Nachfolge der fachlichen Begleitung besprochen.",
    "Personalfragen der Begleitung",
)
OEFFENTLICH = "Die ersten zwei Querungshilfen sind im Bau."  # a public note of the same measure
OHNE_EINWILLIGUNG = "Sabine Geheim"  # member of ag-bildung without consent

VERLAUF = """\
  - datum: 2010-11-05
    status: in_umsetzung
    notiz: Kostenschätzung des Tiefbauamts liegt vertraulich vor.
    intern: ja
  - datum: 2010-12-01
    status: in_umsetzung
    notiz: Streit im Tiefbauamt über die Reihenfolge der Querungen.
    von: Frau Bauer aus dem Tiefbauamt
    intern: [notiz, von]
"""

MASSNAHME = """\
# Fiktive interne Maßnahme für Tests.
id: M-BIL-09
titel: Vertrauliche Prüfung des Schulhofs
art: projekt
handlungsfeld: bildung
intern: ja
beschreibung: Ein Gutachten zum Schulhof wird intern geprüft.
verlauf:
  - datum: 2010-06-01
    status: empfohlen
    notiz: Gutachten angefordert, nur für die Verwaltung.
"""

SITZUNG = """\
  - datum: 2010-11-10
    thema: Personalfragen der Begleitung
    ergebnisse: Nachfolge der fachlichen Begleitung besprochen.
    intern: ja
"""


def intern_projekt(target: Path) -> Path:
    """Gruppenstadt with internal content, copied to ``target``; returns ``target``."""
    shutil.copytree(FIXTURES / "gruppenstadt", target)
    measure = target / "data/massnahmen/M-BIL-01.yaml"
    measure.write_text(measure.read_text(encoding="utf-8") + VERLAUF, encoding="utf-8")
    (target / "data/massnahmen/M-BIL-09.yaml").write_text(MASSNAHME, encoding="utf-8")
    group = target / "data/gruppen/ag-bildung.yaml"
    group.write_text(group.read_text(encoding="utf-8") + SITZUNG, encoding="utf-8")
    return target


def korrektur(root: Path, *zeilen: str) -> None:
    """Append one correction of entry 1 (date 2010-03-16) of M-BIL-01 with the extra lines ``zeilen``
    (e.g. ``"intern: [grund]"``)."""
    measure = root / "data/massnahmen/M-BIL-01.yaml"
    extra = "".join(f"    {z}\n" for z in zeilen)
    measure.write_text(
        measure.read_text(encoding="utf-8")
        + "korrekturen:\n  - datum: 2010-12-10\n    eintrag: 1\n    grund: Tippfehler von Herrn Roth.\n"
        + "    richtig:\n      datum: 2010-03-16\n"
        + extra,
        encoding="utf-8",
    )
