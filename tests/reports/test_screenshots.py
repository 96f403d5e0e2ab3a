"""Pictures of the printed council report for a person to look at: page 1 and the first page with the
table of measures of the shipped data's 2010 report, rendered by ``pdftoppm -png -r 60`` into
test-output/ (git-ignored)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.reports.conftest import Fall, Renderer, weasyprint_fehlt
from tests.reports.pdftext import POPPLER_MISSING, POPPLER_REASON, pdfinfo, run

WEASYPRINT_REASON = weasyprint_fehlt()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(WEASYPRINT_REASON is not None, reason=WEASYPRINT_REASON or ""),
    pytest.mark.skipif(bool(POPPLER_MISSING), reason=POPPLER_REASON),
]
OUTPUT = REPO / "test-output"
A4_AT_60_DPI = (496, 702)  # 210 × 297 mm


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def first_page_with(pdf: Path, text: str) -> int:
    pages = int(pdfinfo(pdf)["Pages"])
    for number in range(1, pages + 1):
        if text in run("pdftotext", "-f", str(number), "-l", str(number), pdf, "-"):
            return number
    raise AssertionError(f"keine Seite mit {text!r}")


def test_pictures_of_the_2010_council_report(renderer: Renderer) -> None:
    pdf = renderer.pdf(Fall("luenen", "rat", 2010)).pdf
    table = first_page_with(pdf, "Letzter Sachstand:")
    assert table > 1
    OUTPUT.mkdir(exist_ok=True)
    for number, name in ((1, "rat-2010-pdf-seite-1"), (table, "rat-2010-pdf-tabelle")):
        prefix = OUTPUT / name
        run("pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number), "-singlefile", pdf, prefix)
        width, height = png_size(prefix.with_suffix(".png"))
        assert abs(width - A4_AT_60_DPI[0]) <= 1 and abs(height - A4_AT_60_DPI[1]) <= 1
