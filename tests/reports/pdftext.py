"""Reading a PDF back with poppler-utils (pdftotext, pdfinfo, pdftoppm): its words with their boxes,
its text as a sequence of words, its metadata. The tests skip where poppler is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

XHTML = "{http://www.w3.org/1999/xhtml}"
POPPLER = ("pdftotext", "pdfinfo", "pdftoppm")
POPPLER_MISSING = [tool for tool in POPPLER if shutil.which(tool) is None]
POPPLER_REASON = (
    f"poppler-utils fehlt ({', '.join(POPPLER_MISSING)}): PDF-Text nicht geprüft (apt install poppler-utils)"
)
# a hyphen that may end a line: ASCII, U+2010 (WeasyPrint's hyphenate-character) or a soft hyphen
HYPHENS = "-\u2010\u00ad"


@dataclass(frozen=True)
class Wort:
    seite: int  # 1-based
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def schneidet(self, other: Wort, toleranz: float = 0.5) -> bool:
        """Whether the two boxes overlap by more than ``toleranz`` points in both directions."""
        dx = min(self.x1, other.x1) - max(self.x0, other.x0)
        dy = min(self.y1, other.y1) - max(self.y0, other.y0)
        return dx > toleranz and dy > toleranz


@dataclass(frozen=True)
class Seite:
    nummer: int
    breite: float
    hoehe: float
    woerter: list[Wort]


def run(*args: str | Path) -> str:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def seiten(pdf: Path) -> list[Seite]:
    """Every page with its media box and its words, from the XHTML of ``pdftotext -bbox``."""
    root = ElementTree.fromstring(run("pdftotext", "-bbox", pdf, "-"))
    pages = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        words = [
            Wort(number, w.text or "", *(float(w.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page.iter(f"{XHTML}word")
        ]
        pages.append(Seite(number, float(page.attrib["width"]), float(page.attrib["height"]), words))
    return pages


def ausserhalb(seite: Seite) -> list[Wort]:
    """The words of the page that do not lie entirely inside its media box."""
    return [w for w in seite.woerter if w.x0 < 0 or w.y0 < 0 or w.x1 > seite.breite or w.y1 > seite.hoehe]


def neben_dem_satzspiegel(
    seite: Seite, raender: tuple[float, float, float, float], toleranz: float = 1.5
) -> list[Wort]:
    """The words of the page body that reach sideways into the page margins (``raender``: top, right,
    bottom, left in points, as in CSS). Words in the top and bottom margins (the page number) are
    the page's own and not looked at. ``toleranz`` allows for rounding: Chromium's A4 is 594.96
    points wide, not 595.28."""
    top, right, bottom, left = raender
    body = [w for w in seite.woerter if w.y1 > top and w.y0 < seite.hoehe - bottom]
    return [w for w in body if w.x0 < left - toleranz or w.x1 > seite.breite - right + toleranz]


def ueberlappend(seite: Seite) -> list[tuple[Wort, Wort]]:
    """Pairs of words printed over each other (text running out of its table cell into the next)."""
    words = sorted(seite.woerter, key=lambda w: w.x0)
    pairs = []
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if b.x0 >= a.x1:
                break
            if a.schneidet(b):
                pairs.append((a, b))
    return pairs


def text(pdf: Path) -> str:
    """The text of the PDF in the order it was drawn (``pdftotext -raw``), whitespace collapsed to
    single spaces. Both WeasyPrint and Chromium draw a table cell by cell, so a cell's text stays in
    one piece; poppler's reading order would interleave the lines of cells side by side."""
    return " ".join(run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-").split())


def woerter_muster(satz: str) -> re.Pattern[str]:
    """A pattern for ``satz`` as a sequence of words in PDF text: any whitespace between its words,
    and inside a word a line break, with or without an added hyphen, wherever hyphenation put one."""
    words = satz.split()
    assert words, "leerer Text"
    breaks = f"(?:[{HYPHENS}]? )?"

    def word(w: str) -> str:
        return breaks.join(re.escape(c) for c in w.replace("\u00ad", ""))

    return re.compile(r"\s+".join(word(w) for w in words))


def enthaelt(pdf_text: str, satz: str) -> bool:
    return woerter_muster(satz).search(pdf_text) is not None


def pdfinfo(pdf: Path) -> dict[str, str]:
    info = {}
    for line in run("pdfinfo", pdf).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_objekte(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (object streams too) inflated, to search its dictionaries."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def pdf_zeichenkette(token: bytes) -> str:
    """A PDF string, literal ``(…)`` or hexadecimal ``<FEFF…>`` (UTF-16BE), as text."""
    if token.startswith(b"<"):
        data = bytes.fromhex(token[1:-1].decode("ascii"))
        return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")
    body = re.sub(rb"\\([\\()])", rb"\1", token[1:-1])
    return body.decode("latin-1")


def lesezeichen(pdf: bytes) -> list[str]:
    """The titles of the PDF's outline items (bookmarks), in the order they are written."""
    items = re.findall(rb"<</Title (\((?:\\.|[^\\)])*\)|<[0-9a-fA-F]*>)/Dest ", pdf_objekte(pdf))
    return [pdf_zeichenkette(token) for token in items]
