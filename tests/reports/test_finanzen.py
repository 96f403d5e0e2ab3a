"""Finances in the council report: an amount that is not recorded is not zero.

A measure with costs of 45,000 € and funding of 20,000 € and no own share shows "–" for the own
share; the totals say which parts are incomplete and never print "0,00 €" for what nobody gave.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from luedialog.reports.context import Finanzzeile, Summe, ratsbericht
from luedialog.services.project import open_project
from tests.conftest import FIXTURES, Projekt

FINANZEN_OHNE_EIGENANTEIL = "finanzen:\n  kosten: 45000\n  foerderung: 20000\nquellen:\n"


@pytest.fixture
def stadt(tmp_path: Path) -> Projekt:
    root = tmp_path / "berichtsstadt"
    shutil.copytree(FIXTURES / "berichtsstadt", root)
    projekt = Projekt(root)
    # the Sprachcafé (Dialog der Kulturen, from 2011) gets costs and funding, but no own share
    projekt.replace("data/massnahmen/M-DIA-03.yaml", "quellen:\n", FINANZEN_OHNE_EIGENANTEIL)
    return projekt


def test_the_missing_own_share_is_no_amount(stadt: Projekt) -> None:
    bericht = ratsbericht(open_project(stadt.root).snapshot, 2011, date(2011, 12, 31))
    dialog = next(f for f in bericht.felder if f.schluessel == "dialog")
    assert dialog.finanzen.zeilen == [
        Finanzzeile("M-DIA-03", "Sprachcafé in der Stadtbücherei", 45000, 20000, None, "", "")
    ]
    assert (dialog.finanzen.kosten, dialog.finanzen.foerderung, dialog.finanzen.eigenanteil) == (
        Summe(45000, 1, 1),
        Summe(20000, 1, 1),
        Summe(None, 0, 1),
    )
    assert [s.anzeige for s in (dialog.finanzen.kosten, dialog.finanzen.eigenanteil)] == ["45.000,00 €", "–"]
    assert dialog.finanzen.hinweise == ["Eigenanteil: nicht für alle Maßnahmen angegeben (0 von 1)"]
    # over all fields: two of three measures give an own share
    assert bericht.finanzen.eigenanteil == Summe(500000, 2, 3)
    assert bericht.finanzen.eigenanteil.anzeige == "mind. 500.000,00 €"
    assert bericht.finanzen.kosten == Summe(1495000, 3, 3)
    assert bericht.finanzen.hinweise == ["Eigenanteil: nicht für alle Maßnahmen angegeben (2 von 3)"]


def test_markdown_shows_a_dash_and_says_what_is_incomplete(stadt: Projekt) -> None:
    result = stadt.run("bericht", "rat", "--jahr", "2011")
    assert result.exit_code == 0
    out = result.stdout
    feld = out[out.index("## Dialog der Kulturen\n") : out.index("## Finanzen\n")]
    kosten = feld[feld.index("### Kosten und Finanzierung\n") :]
    assert kosten == (
        "### Kosten und Finanzierung\n\n"
        "| Maßnahme | Kosten | Förderung | Eigenanteil | Haushalt und Erläuterung |\n"
        "|---|--:|--:|--:|---|\n"
        "| **M-DIA-03** Sprachcafé in der Stadtbücherei | 45.000,00 € | 20.000,00 € | – | – |\n"
        "| **Summe** | **45.000,00 €** | **20.000,00 €** | **–** | |\n\n"
        "- Eigenanteil: nicht für alle Maßnahmen angegeben (0 von 1); die Summe enthält nur die angegebenen "
        "Beträge.\n\n"
    )
    assert "| Dialog der Kulturen | 1 | 45.000,00 € | 20.000,00 € | – |\n" in out
    assert (
        "| **Alle Handlungsfelder** | **3** | **1.495.000,00 €** | **970.000,00 €** | **mind. 500.000,00 €** |\n\n"
        "- Eigenanteil: nicht für alle Maßnahmen angegeben (2 von 3); die Summe enthält nur die angegebenen "
        "Beträge.\n"
    ) in out
    assert "0,00 €" not in out.replace(".000,00 €", "")


def test_html_shows_a_dash_and_says_what_is_incomplete(stadt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "rat.html"
    assert stadt.run("bericht", "rat", "--jahr", "2011", "--format", "html", "--ausgabe", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert ('<td class="zahl">45.000,00 €</td>\n<td class="zahl">20.000,00 €</td>\n<td class="zahl">–</td>\n') in text
    assert '<td class="zahl">mind. 500.000,00 €</td>' in text
    assert (
        text.count(
            "<li>Eigenanteil: nicht für alle Maßnahmen angegeben (2 von 3); die Summe enthält nur die angegebenen "
            "Beträge.</li>"
        )
        == 1
    )
    assert "0,00 €" not in text.replace(".000,00 €", "")


def test_complete_finances_have_no_note(stadt: Projekt) -> None:
    out = stadt.run("bericht", "rat", "--jahr", "2010").stdout  # the Sprachcafé starts in 2011
    assert "nicht für alle Maßnahmen angegeben" not in out
    assert "| **Summe** | **250.000,00 €** | **150.000,00 €** | **100.000,00 €** | |\n\n## Wohnen & Leben" in out
