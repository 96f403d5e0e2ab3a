"""The PDF is tagged and accessible (BITV 2.0 asks for PDF/UA): for every report, ``pdfinfo`` says
``Tagged: yes``, the document language is German, the title is the report's title and shown in
the viewer's title bar, and every heading of the report is a bookmark, nested as the headings are.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from luedialog.reports.render import PDF_VARIANT
from tests.reports.conftest import PARAMS, Fall, Renderer, weasyprint_fehlt
from tests.reports.pdftext import POPPLER_MISSING, POPPLER_REASON, lesezeichen, pdf_objekte, pdfinfo

WEASYPRINT_REASON = weasyprint_fehlt()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(WEASYPRINT_REASON is not None, reason=WEASYPRINT_REASON or ""),
    pytest.mark.skipif(bool(POPPLER_MISSING), reason=POPPLER_REASON),
]


class Ueberschriften(HTMLParser):
    """The title and the headings h1–h6 of an HTML page, each as (level, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.titel = ""
        self.liste: list[tuple[int, str]] = []
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" or re.fullmatch(r"h[1-6]", tag):
            self._in, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag != self._in:
            return
        text = " ".join("".join(self._text).replace("\u00ad", "").split())
        if tag == "title":
            self.titel = self.titel or text  # the page's, not the <title> of a chart segment
        else:
            self.liste.append((int(tag[1]), text))
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)


def ueberschriften(html: str) -> Ueberschriften:
    parser = Ueberschriften()
    parser.feed(html)
    parser.close()
    return parser


def test_the_variant_is_pdf_ua_1() -> None:
    from weasyprint.pdf import VARIANTS  # type: ignore[import-untyped,import-not-found,unused-ignore]

    assert PDF_VARIANT == "pdf/ua-1" and PDF_VARIANT in VARIANTS


@pytest.mark.parametrize("fall", PARAMS)
def test_pdf_is_tagged_german_titled_and_has_bookmarks(renderer: Renderer, fall: Fall) -> None:
    gerendert = renderer.pdf(fall)
    html = ueberschriften(gerendert.html.read_text(encoding="utf-8"))
    titel = "Bericht an den Rat" if fall.bericht == "rat" else "Jahreskonferenz"
    assert html.titel.startswith(f"{titel} {fall.jahr} – ")

    info = pdfinfo(gerendert.pdf)
    assert info["Tagged"] == "yes"
    assert info["Title"] == html.titel
    assert info["Page size"].endswith("(A4)")
    pdf = gerendert.pdf.read_bytes()
    objects = pdf_objekte(pdf)
    catalog = re.search(rb"<</Type /Catalog.*?>>\n", objects, flags=re.S)
    assert catalog
    assert b"/Lang (de)" in catalog.group(0)
    assert b"/StructTreeRoot " in catalog.group(0)
    assert b"/MarkInfo <</Marked true>>" in objects
    assert b"/DisplayDocTitle true" in objects  # viewers show the title, not the file name
    assert b'pdfuaid:part="1"' in objects  # the XMP metadata declares PDF/UA-1
    # the date is the Stichtag, never the time of rendering
    assert f"<xmp:CreateDate>{fall.stichtag.isoformat()}</xmp:CreateDate>".encode() in objects

    # every heading is a bookmark, in order and nested by its level (h1 at the top)
    headings = html.liste
    assert headings[0] == (1, f"{titel} {fall.jahr}")
    assert lesezeichen(pdf) == [text for _, text in headings]
    assert gerendert.lesezeichen == ["  " * (level - 1) + text for level, text in headings]
