"""The same report gives the same PDF, byte for byte, on every run and every machine: also where the
system lacks libharfbuzz-subset0 and WeasyPrint subsets the fonts with fontTools, which stamps the
current time into each embedded font's ``head`` table unless ``SOURCE_DATE_EPOCH`` names another.

WeasyPrint chooses the subsetter by the module-level ``harfbuzz_subset`` of ``weasyprint.pdf.fonts``
(``None`` when the library could not be loaded, see ``weasyprint.text.ffi``); the tests set it to
``None`` to be that machine, whether or not this one has the library, and let the clock jump a day
between two renders.
"""

from __future__ import annotations

import calendar
import io
import os
import re
import time
import zlib
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import pytest

from luedialog.reports import render
from tests.conftest import FIXTURES, run_cli, spy
from tests.reports.conftest import kopieren, weasyprint_fehlt
from tests.reports.pdftext import lesezeichen, pdf_objekte

WEASYPRINT_REASON = weasyprint_fehlt()
pytestmark = pytest.mark.skipif(WEASYPRINT_REASON is not None, reason=WEASYPRINT_REASON or "")
BERICHTSSTADT = FIXTURES / "berichtsstadt"
STICHTAG = date(2010, 12, 31)  # of "bericht rat --jahr 2010"
EPOCH = calendar.timegm(STICHTAG.timetuple())
SEITE = (
    '<!DOCTYPE html>\n<html lang="de">\n<head>\n<title>Probe</title>\n</head>\n'
    "<body>\n<h1>Probe</h1>\n</body>\n</html>\n"
)


@pytest.fixture
def ohne_harfbuzz_subset(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """WeasyPrint as on a machine without libharfbuzz-subset0; the list fills with the fonts that
    fontTools subsets."""
    from weasyprint.pdf import fonts  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from weasyprint.text import ffi  # type: ignore[import-untyped,import-not-found,unused-ignore]

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    return spy(monkeypatch, fonts.Font, "_fonttools_subset", lambda font, *args: str(font.family))


class Uhr:
    """The clock fontTools reads (``time.time`` in ``fontTools.misc.timeTools``): a day later at
    every reading, so any time that reaches a PDF makes two renders differ."""

    def __init__(self) -> None:
        self.vor = 0.0
        self.gelesen = 0

    def time(self) -> float:
        self.gelesen += 1
        self.vor += 86_400
        return time.time() + self.vor

    def __getattr__(self, name: str) -> object:
        return getattr(time, name)


@pytest.fixture
def uhr(monkeypatch: pytest.MonkeyPatch) -> Uhr:
    from fontTools.misc import timeTools  # type: ignore[import-untyped,import-not-found,unused-ignore]

    clock = Uhr()
    monkeypatch.setattr(timeTools, "time", clock)
    return clock


def zwei_mal(tmp_path: Path) -> tuple[bytes, bytes]:
    """``bericht rat --jahr 2010 --format pdf`` of Berichtsstadt twice through the CLI."""
    root = kopieren(tmp_path / "projekte")["berichtsstadt"]
    out = []
    for name in ("a", "b"):
        target = tmp_path / f"{name}.pdf"
        result = run_cli(
            "--daten", str(root), "bericht", "rat", "--jahr", "2010", "--format", "pdf",
            "--ausgabe", str(target),
        )  # fmt: skip
        assert (result.exit_code, result.stderr) == (0, f"Geschrieben: {target}\n")
        out.append(target.read_bytes())
    return out[0], out[1]


def eingebettete_schriften(pdf: bytes) -> list[bytes]:
    """The TrueType fonts embedded in the PDF (FontFile2 streams carry /Length1)."""
    fonts = []
    for match in re.finditer(rb"<<[^<>]*/Length1 \d+[^<>]*>>\s*stream\r?\n", pdf):
        fonts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
    return fonts


@pytest.mark.slow
def test_same_pdf_without_harfbuzz_subset(ohne_harfbuzz_subset: list[str], uhr: Uhr, tmp_path: Path) -> None:
    first, second = zwei_mal(tmp_path)
    assert ohne_harfbuzz_subset, "fontTools hat keine Schrift verkleinert"
    assert uhr.gelesen == 0  # fontTools took the time from SOURCE_DATE_EPOCH
    assert first.startswith(b"%PDF-")
    assert first == second
    objects = pdf_objekte(first)
    media_boxes = set(re.findall(rb"/MediaBox\s*\[\s*([\d. ]+?)\s*\]", objects))
    assert {tuple(round(float(v)) for v in box.split()) for box in media_boxes} == {(0, 0, 595, 842)}  # A4
    assert lesezeichen(first)[0] == "Bericht an den Rat 2010"
    assert b"/CreationDate (D:20101231)" in objects and b"/ModDate (D:20101231)" in objects


@pytest.mark.slow
def test_the_fonts_carry_the_stichtag_not_the_clock(ohne_harfbuzz_subset: list[str], uhr: Uhr) -> None:
    from fontTools.misc.timeTools import epoch_diff  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped,import-not-found,unused-ignore]

    pdf = render.html_to_pdf(SEITE, BERICHTSSTADT, STICHTAG)
    fonts = eingebettete_schriften(pdf)
    assert fonts and ohne_harfbuzz_subset
    for data in fonts:
        head = TTFont(io.BytesIO(data))["head"]
        assert head.modified + epoch_diff == EPOCH  # fontTools counts seconds since 1904


@pytest.mark.slow
def test_without_the_fixed_time_the_renders_would_differ(
    ohne_harfbuzz_subset: list[str], uhr: Uhr, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The machine the test pretends to be really shows the fault the fix removes."""
    monkeypatch.delenv(render.SOURCE_DATE_EPOCH, raising=False)
    monkeypatch.setattr(render, "fixed_time", lambda day: nullcontext())
    first, second = zwei_mal(tmp_path)
    assert ohne_harfbuzz_subset and uhr.gelesen
    assert first != second


@pytest.mark.slow
def test_the_reproducibility_test_of_test_reports_passes_without_harfbuzz_subset(
    ohne_harfbuzz_subset: list[str], uhr: Uhr, tmp_path: Path
) -> None:
    """tests/reports/test_reports.py renders twice through the CLI and compares: here on the machine without
    the library, with a clock that runs a day per reading."""
    from tests.reports.test_reports import test_pdf_with_weasyprint_is_a_reproducible_a4_document as bestehender_test

    bestehender_test(tmp_path)
    assert ohne_harfbuzz_subset and uhr.gelesen == 0


@pytest.mark.parametrize("before", [None, "12345"], ids=["ungesetzt", "gesetzt"])
def test_source_date_epoch_only_while_rendering(
    ohne_harfbuzz_subset: list[str], monkeypatch: pytest.MonkeyPatch, before: str | None
) -> None:
    from weasyprint.pdf import fonts  # type: ignore[import-untyped,import-not-found,unused-ignore]

    if before is None:
        monkeypatch.delenv(render.SOURCE_DATE_EPOCH, raising=False)
    else:
        monkeypatch.setenv(render.SOURCE_DATE_EPOCH, before)
    during = spy(monkeypatch, fonts.Font, "_fonttools_subset", lambda *args: os.environ.get(render.SOURCE_DATE_EPOCH))
    render.html_to_pdf(SEITE, BERICHTSSTADT, STICHTAG)
    assert during and set(during) == {str(EPOCH)}
    assert os.environ.get(render.SOURCE_DATE_EPOCH) == before


def test_the_environment_is_restored_after_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(render.SOURCE_DATE_EPOCH, "12345")
    with pytest.raises(RuntimeError), render.fixed_time(STICHTAG):
        assert os.environ[render.SOURCE_DATE_EPOCH] == str(EPOCH)
        raise RuntimeError
    assert os.environ[render.SOURCE_DATE_EPOCH] == "12345"
