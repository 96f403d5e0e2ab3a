"""The website of ``luedialog seite`` in a real browser: Debian's Chromium, headless, driven by Playwright,
every page opened from file:// with every other request blocked, and checked by axe-core (WCAG 2.1 AA and
axe's best practices): no violation, no console error, no request outside the site, every link reachable
by keyboard, the search working without a server.

axe-core comes from npm into ``.ci/node`` like html-validate (``.ci/run``); without it, without
Playwright or without /usr/bin/chromium the tests skip and say why. Screenshots of the start page, one
measure page and one group page stay in ``test-output/seite/`` (git-ignored).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api", reason="Playwright ist nicht installiert (pip install playwright)")

from playwright.sync_api import Browser, sync_playwright

from tests.conftest import FIXTURES, REPO, run_cli
from tests.reports.test_browser import ARGS, CHROMIUM, Beobachter

AXE = REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
OUTPUT = REPO / "test-output" / "seite"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.is_file(), reason=f"{CHROMIUM} fehlt: der Browsertest braucht das Chromium des Systems"
    ),
    pytest.mark.skipif(
        not AXE.is_file(),
        reason=f"{AXE.relative_to(REPO)} fehlt (npm install --prefix .ci/node axe-core@4.10.3, wie .ci/run): "
        "Barrierefreiheit der Website nicht geprüft",
    ),
]

AXE_RUN = """
async () => {
  // preload: false – axe would fetch the stylesheets itself, which file:// forbids (its error, not the page's)
  const result = await axe.run(document, { resultTypes: ['violations'], preload: false });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ': ' + n.failureSummary),
  }));
}
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def build(root: Path, target: Path, stichtag: str) -> Path:
    run = run_cli("--daten", str(root), "seite", "--ausgabe", str(target), "--ohne-pdf", "--stichtag", stichtag)
    assert run.exit_code == 0, run.stderr
    return target


def check_page(browser: Browser, page_file: Path, site: Path, screenshot: Path | None = None) -> list[Any]:
    """axe's violations on one page; asserts no console error and no request leaving the site."""
    page = browser.new_page(viewport={"width": 1100, "height": 1200})
    seen = Beobachter(page)
    page.goto(page_file.as_uri(), wait_until="load")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations: list[Any] = page.evaluate(AXE_RUN)
    if screenshot is not None:
        page.screenshot(path=str(screenshot), full_page=True)
    page.close()
    assert seen.fehler == [], page_file
    assert seen.blockiert == [], page_file
    root = site.resolve().as_uri()
    assert [url for url in seen.anfragen if not url.startswith(root)] == [], page_file
    return violations


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(FIXTURES / "berichtsstadt", tmp_path_factory.mktemp("berichtsstadt") / "public", "31.12.2011")


def test_every_page_of_the_fixture_site_has_no_axe_violation(browser: Browser, fixture_site: Path) -> None:
    pages = sorted(p for p in fixture_site.rglob("*.html") if p.parent.name != "berichte" or p.name == "index.html")
    assert len(pages) == 42
    found = {p.relative_to(fixture_site).as_posix(): check_page(browser, p, fixture_site) for p in pages}
    assert {name: v for name, v in found.items() if v} == {}


def test_the_yearly_reports_in_the_site_have_no_axe_violation(browser: Browser, fixture_site: Path) -> None:
    reports = sorted((fixture_site / "berichte").glob("*-*.html"))
    assert [p.name for p in reports][:2] == ["jahreskonferenz-2009.html", "jahreskonferenz-2010.html"]
    found = {p.name: check_page(browser, p, fixture_site) for p in reports}
    assert {name: v for name, v in found.items() if v} == {}


def test_the_shipped_data_start_measure_and_group_pages(browser: Browser, tmp_path: Path) -> None:
    site = build(REPO, tmp_path / "public", "01.12.2026")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shots = {
        "index.html": OUTPUT / "start.png",
        "massnahmen/M-BEK-01.html": OUTPUT / "massnahme-M-BEK-01.png",
        "gruppen/steuerungsgruppe.html": OUTPUT / "gruppe-steuerungsgruppe.png",
        "gruppen/ag-bildung.html": None,
        "massnahmen/index.html": None,
    }
    found = {name: check_page(browser, site / name, site, shot) for name, shot in shots.items()}
    assert {name: v for name, v in found.items() if v} == {}
    for shot in shots.values():
        assert shot is None or shot.stat().st_size > 10_000


def tab_order(browser: Browser, page_file: Path) -> tuple[list[str], list[str]]:
    """The links of a page in document order, and what the Tab key reaches, press by press."""
    page = browser.new_page()
    page.goto(page_file.as_uri())
    links: list[str] = page.evaluate("() => [...document.querySelectorAll('a[href]')].map((a) => a.href)")
    reached = []
    for _ in range(len(links) + 5):  # the search page has a field and a button between its links
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.href || ''"))
    page.close()
    return links, [r for r in reached if r][: len(links)]


def test_keyboard_reaches_every_link_in_order_on_every_page(browser: Browser, fixture_site: Path) -> None:
    """Every page of the fixture site, the yearly reports included: Tab reaches each link, in the order of the page."""
    pages = sorted(fixture_site.rglob("*.html"))
    assert len(pages) > 42
    missed = {}
    for page_file in pages:
        links, reached = tab_order(browser, page_file)
        assert links, page_file
        if reached != links:
            missed[page_file.relative_to(fixture_site).as_posix()] = [x for x in links if x not in reached][:3]
    assert missed == {}


def test_the_keyboard_check_can_fail(browser: Browser, tmp_path: Path) -> None:
    """A link taken out of the tab order is noticed."""
    page_file = tmp_path / "falsch.html"
    page_file.write_text(
        '<!DOCTYPE html>\n<html lang="de">\n<head><title>Probe</title></head>\n<body>\n'
        '<a href="a.html">A</a> <a href="b.html" tabindex="-1">B</a> <a href="c.html">C</a>\n</body>\n</html>\n',
        encoding="utf-8",
    )
    links, reached = tab_order(browser, page_file)
    assert [x.rsplit("/", 1)[1] for x in links] == ["a.html", "b.html", "c.html"]
    assert [x.rsplit("/", 1)[1] for x in reached][:2] == ["a.html", "c.html"]
    assert reached != links


def test_the_search_works_from_file_without_a_server(browser: Browser, fixture_site: Path) -> None:
    page = browser.new_page()
    seen = Beobachter(page)
    page.goto((fixture_site / "suche.html").as_uri())
    page.fill("#suchbegriff", "lernpaten")
    page.click("button[type=submit]")
    results = page.locator("#treffer li a").all_inner_texts()
    status = page.locator("#suchstatus").inner_text()
    hrefs = page.evaluate("() => [...document.querySelectorAll('#treffer a')].map((a) => a.getAttribute('href'))")
    page.close()
    index = json.loads((fixture_site / "suche.json").read_text(encoding="ascii"))
    expected = [e for e in index if "lernpaten" in (e["titel"] + " " + e["text"]).lower()]
    assert expected and results == [e["titel"] for e in expected]
    assert hrefs == [e["url"] for e in expected]
    assert status == ("1 Treffer." if len(expected) == 1 else f"{len(expected)} Treffer.")
    assert seen.fehler == [] and seen.blockiert == []


def test_axe_finds_what_the_templates_avoid(browser: Browser, tmp_path: Path) -> None:
    """The check can fail: a page with colour-only meaning hidden in an unlabelled image and no language."""
    page_file = tmp_path / "falsch.html"
    page_file.write_text(
        "<!DOCTYPE html>\n<html>\n<head><title>Probe</title></head>\n<body>\n"
        '<svg role="img" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>\n'
        '<p style="color: #aaa; background: #fff">Geplant</p>\n</body>\n</html>\n',
        encoding="utf-8",
    )
    found = {v["id"] for v in check_page(browser, page_file, tmp_path)}
    assert {"html-has-lang", "svg-img-alt", "color-contrast"} <= found
