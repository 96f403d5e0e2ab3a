"""The HTML reports in a real browser: the system Chromium, headless, driven by Playwright.

Each report is rendered through the CLI and loaded via file:// with every other request blocked.
The screenshots and PDFs of the shipped data's 2009 reports stay in test-output/ (git-ignored) so a
person can look at them. Never runs ``playwright install``: without Playwright or /usr/bin/chromium
the tests skip and say why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright ist nicht installiert (pip install playwright)")

from playwright.sync_api import Browser, ConsoleMessage, Page, Route, sync_playwright

from luedialog.services.project import open_project
from tests.conftest import FIXTURES, REPO, run_cli

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = REPO / "test-output"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.is_file(), reason=f"{CHROMIUM} fehlt: der Browsertest braucht das Chromium des Systems"
)

CASES = [
    pytest.param(REPO, "rat", 2009, True, id="luenen-rat-2009"),
    pytest.param(REPO, "jahreskonferenz", 2009, True, id="luenen-jahreskonferenz-2009"),
    pytest.param(FIXTURES / "berichtsstadt", "rat", 2010, False, id="berichtsstadt-rat-2010"),
    pytest.param(FIXTURES / "berichtsstadt", "jahreskonferenz", 2010, False, id="berichtsstadt-jahreskonferenz-2010"),
]

# Text whose colour has less than 4.5:1 contrast to the background behind it (SVG excluded: its
# numbers come from luedialog.reports.render, see test_reports.test_chart_numbers_have_enough_contrast).
LOW_CONTRAST_JS = """
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(',').map((x) => parseFloat(x));
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || el.closest('.nur-vorlesen')) continue;
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const fg = parse(getComputedStyle(el).color);
    const a = lum(fg), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const text = el.textContent.trim().slice(0, 40);
    if (ratio < 4.5) bad.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)}: ${text}`);
  }
  return bad;
}
"""

PRINT_JS = """
() => {
  const pages = [];
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (rule instanceof CSSPageRule) pages.push(rule.style.getPropertyValue('size'));
    }
  }
  return {
    pages,
    felder: [...document.querySelectorAll('section.feld')].map((s) => getComputedStyle(s).breakBefore),
    thead: [...new Set([...document.querySelectorAll('thead')].map((t) => getComputedStyle(t).display))],
    rows: [...new Set([...document.querySelectorAll('tbody tr')].map((r) => getComputedStyle(r).breakInside))],
  };
}
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Beobachter:
    """Records console errors and every request; aborts (and records) all that is not file://."""

    def __init__(self, page: Page) -> None:
        self.fehler: list[str] = []
        self.anfragen: list[str] = []
        self.blockiert: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.fehler.append(str(exc)))
        page.on("request", lambda request: self.anfragen.append(request.url))
        page.route("**/*", self._route)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.fehler.append(message.text)

    def _route(self, route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blockiert.append(route.request.url)
            route.abort()


def expected_titles(root: Path, report: str, jahr: int) -> tuple[str, str, list[str]]:
    config = open_project(root).snapshot.config
    h1 = f"Bericht an den Rat {jahr}" if report == "rat" else f"Jahreskonferenz {jahr}"
    h2 = [h.name for h in config.handlungsfelder] if report == "rat" else ["Präambel: Grundsätze", h1]
    return h1, config.kommune, h2


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


@pytest.mark.parametrize(("root", "report", "jahr", "keep"), CASES)
def test_report_in_the_browser(
    browser: Browser, tmp_path: Path, root: Path, report: str, jahr: int, keep: bool
) -> None:
    html_file = tmp_path / f"{report}-{jahr}.html"
    result = run_cli(
        "--daten", str(root), "bericht", report, "--jahr", str(jahr), "--format", "html", "--ausgabe", str(html_file)
    )
    assert result.exit_code == 0, result.stderr
    target = OUTPUT if keep else tmp_path
    target.mkdir(exist_ok=True)
    h1, kommune, h2 = expected_titles(root, report, jahr)

    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    seen = Beobachter(page)
    page.goto(html_file.as_uri(), wait_until="load")

    assert seen.fehler == []
    assert seen.anfragen == [html_file.as_uri()]
    assert seen.blockiert == []
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.title() == f"{h1} – {kommune}"
    assert page.locator("h1").all_inner_texts() == [h1]
    headings = [" ".join(text.split()) for text in page.locator("h2").all_inner_texts()]
    for name in h2:
        assert headings.count(name) == 1, (name, headings)
    assert page.locator("script").count() == 0
    assert page.locator("table:not(:has(> caption))").count() == 0
    low: Any = page.evaluate(LOW_CONTRAST_JS)
    assert low == []

    page.set_viewport_size({"width": 390, "height": 900})  # a phone: nothing sticks out sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1100, "height": 1400})
    page.screenshot(path=str(target / f"{report}-{jahr}.png"), full_page=True)

    page.emulate_media(media="print")
    print_styles: Any = page.evaluate(PRINT_JS)
    assert [size.lower() for size in print_styles["pages"]] == ["a4"]
    assert set(print_styles["thead"]) <= {"table-header-group"}  # header rows repeat on every page
    assert set(print_styles["rows"]) <= {"avoid"}  # rows are not torn apart
    if report == "rat":
        assert print_styles["thead"] and print_styles["rows"]
        assert print_styles["felder"] == ["page"] * len(h2)  # each field of action starts a page
    pdf = page.pdf(
        path=str(target / f"{report}-{jahr}.pdf"), format="A4", print_background=True, prefer_css_page_size=True
    )
    assert 2 <= pdf_pages(pdf) <= 60
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box is not None
    assert abs(float(box.group(1)) - 595.3) < 2 and abs(float(box.group(2)) - 841.9) < 2  # A4 in points
    assert seen.anfragen == [html_file.as_uri()] and seen.blockiert == [] and seen.fehler == []
    page.close()


def test_index_links_work_offline(browser: Browser, tmp_path: Path) -> None:
    target = tmp_path / "berichte"
    result = run_cli("--daten", str(FIXTURES / "berichtsstadt"), "bericht", "alle", "--ausgabe", str(target))
    assert result.exit_code == 0, result.stderr
    page = browser.new_page()
    seen = Beobachter(page)
    page.goto((target / "index.html").as_uri())
    assert page.locator("h1").all_inner_texts() == ["Berichte"]
    links = page.locator("a").evaluate_all("(links) => links.map((a) => a.href)")
    assert len(links) == 16
    assert all((target / link.rsplit("/", 1)[1]).is_file() for link in links)
    page.get_by_role("link", name="Bericht an den Rat 2011").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").all_inner_texts() == ["Bericht an den Rat 2011"]
    assert seen.fehler == [] and seen.blockiert == []
    assert seen.anfragen == [(target / "index.html").as_uri(), (target / "rat-2011.html").as_uri()]
    page.close()
