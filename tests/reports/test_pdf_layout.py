"""The PDF loses no text: for every report of the shipped data and of the fixtures, every word lies on
its A4 page, no text runs out of its table cell or over another word, and the PDF's text holds every
measure ID and every recorded note of the report. The same for the browser's print view (Chromium).

The PDF is read back with poppler: ``pdftotext -bbox`` gives each word with its box, ``pdftotext``
the text in reading order. Notes are compared as word sequences, so line breaks and hyphenation
(``Umsetzungs-`` / ``vorschläge``) do not matter, only that every word is there in its order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from luedialog.model.ampel import NAMEN as AMPEL_NAMES
from tests.conftest import run_cli
from tests.reports.conftest import PARAMS, Fall, Renderer, inhalt, weasyprint_fehlt
from tests.reports.pdftext import (
    POPPLER_MISSING,
    POPPLER_REASON,
    Seite,
    Wort,
    ausserhalb,
    enthaelt,
    neben_dem_satzspiegel,
    seiten,
    text,
    ueberlappend,
)

WEASYPRINT_REASON = weasyprint_fehlt()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(POPPLER_MISSING), reason=POPPLER_REASON),
]
needs_weasyprint = pytest.mark.skipif(WEASYPRINT_REASON is not None, reason=WEASYPRINT_REASON or "")
A4 = (595, 842)  # points
MM = 72 / 25.4  # points per millimetre
# The status cell carries "Ampel gelb: " for screen readers, clipped to nothing on paper (.nur-vorlesen);
# poppler still reports those words where they sit, under the visible status.
VORLESETEXT = {"Ampel", *(f"{name}:" for name in AMPEL_NAMES.values())}
CHROMIUM = Path("/usr/bin/chromium")


def fehlt_im_text(pdf: Path, fall: Fall, renderer: Renderer) -> list[str]:
    pdf_text = text(pdf)
    content = inhalt(fall, renderer.projekte[fall.projekt])
    missing = [f"ID {ident}" for ident in sorted(content.ids) if not enthaelt(pdf_text, ident)]
    missing += [f"Notiz {note!r}" for note in sorted(content.notizen) if not enthaelt(pdf_text, note)]
    return missing


def wo(w: Wort) -> str:
    return f"Seite {w.seite}: {w.text} ({w.x0:.0f}, {w.y0:.0f}, {w.x1:.0f}, {w.y1:.0f})"


def ausserhalb_der_seiten(pages: list[Seite]) -> list[str]:
    return [wo(w) for p in pages for w in ausserhalb(p)]


def seitenraender(html: Path) -> tuple[float, float, float, float]:
    """The page margins of the report's @page rule (top, right, bottom, left), in points."""
    match = re.search(r"@page \{\s*size: A4;\s*margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm;", html.read_text())
    assert match, "@page-Regel nicht gefunden"
    top, right, bottom, left = (float(v) * MM for v in match.groups())
    return top, right, bottom, left


def in_den_raendern(pages: list[Seite], html: Path) -> list[str]:
    """Words that stick out of the type area sideways: into the margins, or past the paper's edge."""
    margins = seitenraender(html)
    return [wo(w) for p in pages for w in neben_dem_satzspiegel(p, margins)]


@needs_weasyprint
@pytest.mark.parametrize("fall", PARAMS)
def test_every_word_lies_on_its_page(renderer: Renderer, fall: Fall) -> None:
    gerendert = renderer.pdf(fall)
    pages = seiten(gerendert.pdf)
    assert pages
    assert {(round(p.breite), round(p.hoehe)) for p in pages} == {A4}
    assert sum(len(p.woerter) for p in pages) > 100
    assert ausserhalb_der_seiten(pages) == []
    assert in_den_raendern(pages, gerendert.html) == []
    assert gerendert.zellen_ueberlauf == []
    overlapping = [
        f"Seite {p.nummer}: {a.text!r} über {b.text!r}"
        for p in pages
        for a, b in ueberlappend(p)
        if not {a.text, b.text} & VORLESETEXT
    ]
    assert overlapping == []


@needs_weasyprint
@pytest.mark.parametrize("fall", PARAMS)
def test_pdf_text_holds_every_id_and_note(renderer: Renderer, fall: Fall) -> None:
    assert fehlt_im_text(renderer.pdf(fall).pdf, fall, renderer) == []


def test_the_shipped_council_report_has_ids_and_notes_to_check(projekte: dict[str, Path]) -> None:
    content = inhalt(Fall("luenen", "rat", 2010), projekte["luenen"])
    # 77 measures and 52 guidelines of council paper 56/08; 47 different notes ("Stand laut Vorlage …")
    assert (len(content.ids), len(content.notizen)) == (129, 47)
    assert "M-BEK-02" in content.ids and "L-BEK-C2" in content.ids
    assert any(note.startswith("Stand laut Vorlage 56/08: ") for note in content.notizen)


@needs_weasyprint
def test_the_checked_pdf_is_the_one_bericht_writes(renderer: Renderer, tmp_path: Path) -> None:
    fall = Fall("luenen", "rat", 2010)
    target = tmp_path / "rat-2010.pdf"
    root = renderer.projekte[fall.projekt]
    result = run_cli(
        "--daten", str(root), "bericht", "rat", "--jahr", "2010", "--format", "pdf", "--ausgabe", str(target)
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, f"Geschrieben: {target}\n")
    assert target.read_bytes() == renderer.pdf(fall).pdf.read_bytes()


# --- the browser's print view -------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright fehlt: Druckansicht nicht geprüft")
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} fehlt: die Druckansicht braucht das Chromium des Systems")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


# Text that sticks out of its table cell (the screen reader's hidden label excluded).
CELL_OVERFLOW_JS = """
() => {
  const bad = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const box = cell.getBoundingClientRect();
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest('.nur-vorlesen')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        const over = Math.max(box.left - r.left, r.right - box.right);
        if (over > 0.5) bad.push(`${node.textContent.trim().slice(0, 40)} (${over.toFixed(1)} px)`);
      }
    }
  }
  return bad;
}
"""
# the width of the type area of A4 (210 mm less the margins of 20 and 18 mm) in CSS pixels
A4_BODY_PX = round((210 - 20 - 18) / 25.4 * 96)


@pytest.mark.parametrize("fall", PARAMS)
def test_print_view_of_the_browser_loses_no_text(browser: Any, renderer: Renderer, fall: Fall, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": A4_BODY_PX, "height": 1000})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(renderer.html(fall).as_uri(), wait_until="load")
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_BODY_PX
    assert page.evaluate(CELL_OVERFLOW_JS) == []  # laid out as wide as the A4 page's type area
    target = tmp_path / f"{fall.name}.pdf"
    page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    pages = seiten(target)
    assert {(round(p.breite), round(p.hoehe)) for p in pages} == {A4}
    assert ausserhalb_der_seiten(pages) == []
    assert in_den_raendern(pages, renderer.html(fall)) == []
    assert fehlt_im_text(target, fall, renderer) == []
