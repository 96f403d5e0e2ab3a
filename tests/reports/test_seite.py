"""``luedialog seite``: the static website of a project, its links, its feeds, its reproducibility and
what it never shows (names without consent, control characters, anything from elsewhere)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser  # type: ignore[import-untyped]
import pytest
import yaml

from luedialog.reports.feeds import Feed, Feedeintrag, atom
from luedialog.reports.namen import file_stem, slug
from luedialog.reports.seite import kopf
from tests.conftest import FIXTURES, REPO, Projekt, daten, run_cli
from tests.reports.test_html_validate import CONFIG, HTML_VALIDATE

STICHTAG = "31.12.2011"
LINK = re.compile(r'(?:href|src)="([^"]*)"')


def seite(root: Path, target: Path, *args: str) -> tuple[int, str, str]:
    run = run_cli("--daten", str(root), "seite", "--ausgabe", str(target), "--ohne-pdf", *args)
    return run.exit_code, run.stdout, run.stderr


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def broken_links(site: Path) -> list[str]:
    """Every href/src of every page that does not lead to a file inside the site (or that leaves it)."""
    bad = []
    for page in html_files(site):
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("/"):
                bad.append(f"{page.relative_to(site)}: {target} (nicht relativ)")
                continue
            if not parts.path:
                continue  # "#inhalt"
            resolved = (page.parent / unquote(parts.path)).resolve()
            if not resolved.is_relative_to(site.resolve()) or not resolved.is_file():
                bad.append(f"{page.relative_to(site)}: {target}")
    return bad


def ids(root: Path, folder: str) -> set[str]:
    return {str(yaml.safe_load(p.read_text(encoding="utf-8"))["id"]) for p in (root / "data" / folder).glob("*.yaml")}


def guideline_ids(root: Path) -> set[str]:
    found = set()
    for p in (root / "data" / "leitlinien").glob("*.yaml"):
        found |= {str(ll["id"]) for ll in yaml.safe_load(p.read_text(encoding="utf-8"))["leitlinien"]}
    return found


def test_the_site_of_the_fixture_has_every_page_and_says_so(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "public"
    code, out, err = seite(projekt.root, target, "--stichtag", STICHTAG)
    assert (code, out) == (0, "")
    assert err == f"Geschrieben: 26 Seiten (47 Dateien) in {target} (Einstieg: {target / 'index.html'})\n"
    files = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert files == {
        "index.html",
        "feed.xml",
        "seite.css",
        "suche.html",
        "suche.js",
        "suche.json",
        "suche-index.js",
        "massnahmen/index.html",
        *(f"massnahmen/M-{n}.{ext}" for n in ("BIL-01", "BIL-02", "WOH-01") for ext in ("html", "xml")),
        "leitlinien/index.html",
        "leitlinien/L-BIL-1.html",
        "leitlinien/L-BIL-2.html",
        "handlungsfelder/index.html",
        *(f"handlungsfelder/{f}.{ext}" for f in ("bildung", "wohnen") for ext in ("html", "xml")),
        "stadtteile/index.html",
        *(f"stadtteile/{s}.{ext}" for s in ("nordviertel", "suedhafen") for ext in ("html", "xml")),
        "gruppen/index.html",
        "gruppen/ag-bildung.html",
        "gruppen/ag-bildung.xml",
        "jahreskonferenzen/index.html",
        "empfehlungen/index.html",
        "berichte/index.html",
        *(f"berichte/{r}-{j}.html" for r in ("rat", "jahreskonferenz") for j in (2009, 2010, 2011)),
        *(  # the open data, as `luedialog daten` writes them
            f"daten/{name}"
            for name in (
                "luedialog.json",
                "luedialog.schema.json",
                "massnahmen.csv",
                "massnahmen-excel.csv",
                "oparl.json",
                "export.dcat.jsonld",
                "massnahmen.dcat.jsonld",
                "oparl.dcat.jsonld",
            )
        ),
    }
    assert broken_links(target) == []
    start = (target / "index.html").read_text(encoding="utf-8")
    assert '<li><a href="daten/oparl.json">oparl.json</a></li>' in start
    for page in html_files(target):
        if page.parent.name != "berichte" or page.name == "index.html":  # every page of the site names a feed
            assert '<link rel="alternate" type="application/atom+xml" title="' in page.read_text(encoding="utf-8")
    listing = (target / "leitlinien" / "L-BIL-1.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="Alle Änderungen" href="../feed.xml">' in listing


def test_a_measure_page_shows_status_with_text_and_the_timeline_as_a_list(projekt: Projekt, tmp_path: Path) -> None:
    fixed = run_cli(
        "--daten",
        str(projekt.root),
        "korrigieren",
        "M-BIL-01",
        "2",
        "--richtige-notiz",
        "Die ersten Kurse laufen.",
        "--grund",
        "Notiz ungenau",
        "--datum",
        "01.10.2009",
    )
    assert fixed.exit_code == 0, fixed.stderr
    target = tmp_path / "public"
    assert seite(projekt.root, target, "--stichtag", STICHTAG)[0] == 0
    page = (target / "massnahmen" / "M-BIL-01.html").read_text(encoding="utf-8")
    assert "<title>M-BIL-01 – Schwimmkurse – Musterdialog</title>" in page
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Änderungen: M-BIL-01 – Schwimmkurse" '
        'href="../massnahmen/M-BIL-01.xml">' in page
    )
    assert (
        '<dt>Status</dt><dd><span class="ampel ampel-rot">rot</span> In Umsetzung '
        '<strong class="hinweis">überfällig</strong> <span class="klein">(Stand 01.09.2009)</span></dd>'
    ) in page
    assert "<dt>Fortschritt</dt>" not in page  # nobody reported one
    assert "<dt>Zieldatum</dt><dd>30.06.2010</dd>" in page
    assert '<dt>Stadtteile</dt><dd><a href="../stadtteile/nordviertel.html">Nordviertel</a></dd>' in page
    assert '<dt>Gruppen</dt><dd><a href="../gruppen/ag-bildung.html">Arbeitsgruppe Bildung</a></dd>' in page
    assert (
        '<blockquote class="text">Schwimmkurse für alle Grundschulkinder.</blockquote>\n'
        '<p class="klein">Quelle: Anlage 2</p>' in page
    )
    assert '<li><a href="../leitlinien/L-BIL-1.html">L-BIL-1</a>: Alle Kinder lernen schwimmen.</li>' in page
    assert '<a href="../massnahmen/M-BIL-02.html">M-BIL-02 – Lehrschwimmbecken</a>' in page
    timeline = page[page.index('<ol class="zeitleiste" reversed>') : page.index("</ol>", page.index("zeitleiste"))]
    assert re.findall(
        r'<time datetime="([\d-]+)">([\d.]+)</time>: <span class="ampel ampel-(\w+)">\w+</span> ([^<]+)</p>', timeline
    ) == [
        ("2009-09-01", "01.09.2009", "gelb", "In Umsetzung"),
        ("2009-02-01", "01.02.2009", "gelb", "Geplant"),
    ]
    assert (
        '<p class="korrektur">Korrektur: berichtigt am 01.10.2009 (Notiz ungenau); '
        "zuvor eingetragen: Notiz „Erste Kurse laufen.“</p>"
    ) in timeline
    assert '<p class="text">Die ersten Kurse laufen.</p>' in timeline
    done = (target / "massnahmen" / "M-WOH-01.html").read_text(encoding="utf-8")
    assert '<p class="klein">Nachweis: Vorlage 12/11</p>' in done


def test_the_start_page_shows_the_process_the_ampel_with_names_changes_and_reports(
    projekt: Projekt, tmp_path: Path
) -> None:
    target = tmp_path / "public"
    assert seite(projekt.root, target, "--stichtag", STICHTAG)[0] == 0
    page = (target / "index.html").read_text(encoding="utf-8")
    assert '<p class="gross">Leitlinien des Musterdialogs</p>' in page
    assert "<p>Vorlage 1/09 vom 01.02.2009 (Musterstadt). Zeitraum des Prozesses: 01.03.2009 bis 2012.</p>" in page
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)">([^<]+)</a></th>((?:<td>\d+</td>)+)</tr>', page)
    assert [(url, name, re.findall(r"\d+", cells)) for url, name, cells in rows] == [
        ("handlungsfelder/bildung.html", "Bildung", ["0", "1", "1", "0", "2"]),
        ("handlungsfelder/wohnen.html", "Wohnen", ["1", "0", "0", "0", "1"]),
        ("massnahmen/index.html", "Alle Handlungsfelder", ["1", "1", "1", "0", "3"]),
    ]
    header = '<th scope="col"><span class="ampel ampel-gruen">grün</span></th>'
    assert header in page  # every colour has its name as text
    assert '<li><span class="ampel ampel-rot">rot</span> rot – überfällig</li>' in page
    changes = re.findall(r'<li><span class="datum">([\d.]+)</span> <a href="([^"]+)">', page)
    assert changes == [
        ("01.04.2011", "massnahmen/M-WOH-01.html"),
        ("01.05.2010", "massnahmen/M-WOH-01.html"),
        ("01.09.2009", "massnahmen/M-BIL-01.html"),
        ("01.02.2009", "massnahmen/M-WOH-01.html"),
        ("01.02.2009", "massnahmen/M-BIL-02.html"),
        ("01.02.2009", "massnahmen/M-BIL-01.html"),
    ]
    reports = re.findall(r'<li><a href="(berichte/[^"]+)">([^<]+)</a> <span class="klein">\(Stand ([\d.]+)\)', page)
    assert reports == [
        ("berichte/rat-2009.html", "Bericht an den Rat 2009", "31.12.2009"),
        ("berichte/jahreskonferenz-2009.html", "Jahreskonferenz 2009", "31.12.2009"),
        ("berichte/rat-2010.html", "Bericht an den Rat 2010", "31.12.2010"),
        ("berichte/jahreskonferenz-2010.html", "Jahreskonferenz 2010", "31.12.2010"),
        ("berichte/rat-2011.html", "Bericht an den Rat 2011", "31.12.2011"),
        ("berichte/jahreskonferenz-2011.html", "Jahreskonferenz 2011", "31.12.2011"),
    ]
    # the reports in the site are the ones ``bericht`` makes
    single = tmp_path / "rat-2010.html"
    made = run_cli(
        "--daten", str(projekt.root), "bericht", "rat", "--jahr", "2010", "--format", "html", "--ausgabe", str(single)
    )
    assert made.exit_code == 0, made.stderr
    assert (target / "berichte" / "rat-2010.html").read_bytes() == single.read_bytes()


def test_a_guideline_without_measure_is_marked(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "public"
    assert seite(projekt.root, target, "--stichtag", STICHTAG)[0] == 0
    lonely = (target / "leitlinien" / "L-BIL-2.html").read_text(encoding="utf-8")
    assert '<p class="luecke"><strong>Keine Maßnahme dient dieser Leitlinie</strong> (Stand 31.12.2011).</p>' in lonely
    listing = (target / "leitlinien" / "index.html").read_text(encoding="utf-8")
    marks = re.findall(
        r'<li><a href="\.\./leitlinien/([^"]+)\.html">[^<]+</a>: [^<]*'
        r'<(strong class="luecke">keine|span class="klein">\(\d)',
        listing,
    )
    assert marks == [("L-BIL-1", 'span class="klein">(1'), ("L-BIL-2", 'strong class="luecke">keine')]


def test_the_same_data_and_stichtag_give_the_same_bytes(projekt: Projekt, tmp_path: Path) -> None:
    first, second = tmp_path / "eins", tmp_path / "zwei"
    assert seite(projekt.root, first, "--stichtag", STICHTAG)[0] == 0
    assert seite(projekt.root, second, "--stichtag", STICHTAG)[0] == 0
    assert daten(first) == daten(second)
    other = tmp_path / "drei"
    assert seite(projekt.root, other, "--stichtag", "31.12.2010")[0] == 0
    assert daten(other) != daten(first)


def test_data_with_errors_writes_nothing(projekt: Projekt, tmp_path: Path) -> None:
    broken = projekt.root / "data" / "massnahmen" / "M-BIL-02.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("status: geplant", "status: erfunden"), encoding="utf-8"
    )
    before = daten(projekt.root)
    target = tmp_path / "public"
    code, out, err = seite(projekt.root, target, "--stichtag", STICHTAG)
    assert (code, out) == (1, "")
    assert err.startswith("Fehler: Die Daten enthalten 1 Fehler (zuerst: ")
    assert not target.exists()
    assert daten(projekt.root) == before


def test_names_without_consent_and_control_characters_never_reach_the_site(tmp_path: Path) -> None:
    root = tmp_path / "berichtsstadt"
    shutil.copytree(FIXTURES / "berichtsstadt", root)
    measure = root / "data" / "massnahmen" / "M-BIL-04.yaml"
    text = measure.read_text(encoding="utf-8")
    note = "notiz: Es haben sich keine Lernpaten gefunden."
    assert note in text
    source = "text: Ehrenamtliche Lernpaten begleiten Grundschulkinder."
    assert source in text
    text = text.replace(note, 'notiz: "Es haben sich keine \\e[31mLernpaten\\x07 gefunden."')
    measure.write_text(text.replace(source, 'text: "Ehrenamtliche \\e[1mLernpaten"'), encoding="utf-8")
    target = tmp_path / "public"
    code, _, err = seite(root, target, "--stichtag", "31.12.2011")
    assert code == 0, err
    everything = b"".join(daten(target).values()).decode("utf-8")
    for hidden in ("Petra Privat", "Kemal Verborgen"):
        assert hidden not in everything
    group = (target / "gruppen" / "ag-bildung.html").read_text(encoding="utf-8")
    assert "Hans Offen" in group and "N. N." in group
    # the pages show control characters visibly; the open data (daten/) give the values as they are
    pages = b"".join(v for k, v in daten(target).items() if not k.startswith("daten/")).decode("utf-8")
    assert re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", pages) is None
    search = (target / "suche.json").read_text(encoding="ascii")
    assert "\\u001b" not in search and "Ehrenamtliche \\\\x1b[1mLernpaten" in search
    page = (target / "massnahmen" / "M-BIL-04.html").read_text(encoding="utf-8")
    assert '<p class="text">Es haben sich keine \\x1b[31mLernpaten\\x07 gefunden.</p>' in page


def test_recommendations_are_traced(tmp_path: Path) -> None:
    root = tmp_path / "berichtsstadt"
    shutil.copytree(FIXTURES / "berichtsstadt", root)
    target = tmp_path / "public"
    assert seite(root, target, "--stichtag", "31.12.2011")[0] == 0
    page = (target / "empfehlungen" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<h2 id="e-\d+"><a href="\.\./massnahmen/([^"]+)\.html">', page)
    assert found == ["M-DIA-01", "M-DIA-02"]
    first = page[page.index("M-DIA-01") : page.index("M-DIA-02")]
    assert "<dt>Adressat</dt><dd>Stadtmarketing Berichtsstadt GmbH</dd>" in first
    assert "<dt>Weg</dt><dd>" in first and "<dt>Weitergeleitet am</dt>" in first
    assert broken_links(target) == []


def test_the_shipped_data_has_a_page_for_every_measure_guideline_and_group(tmp_path: Path) -> None:
    target = tmp_path / "public"
    code, _, err = seite(REPO, target, "--stichtag", "01.12.2026")
    assert code == 0, err
    names = {p.relative_to(target).as_posix() for p in target.rglob("*.html")}
    assert {f"massnahmen/{i}.html" for i in ids(REPO, "massnahmen")} <= names
    assert {f"gruppen/{i}.html" for i in ids(REPO, "gruppen")} <= names
    assert {f"leitlinien/{file_stem(i)}.html" for i in guideline_ids(REPO)} <= names
    config = yaml.safe_load((REPO / "luedialog.yaml").read_text(encoding="utf-8"))
    assert {f"stadtteile/{slug(s)}.html" for s in config["stadtteile"]} <= names
    assert {f"handlungsfelder/{h['schluessel']}.html" for h in config["handlungsfelder"]} <= names
    assert {f"berichte/rat-{j}.html" for j in range(2009, 2015)} <= names
    assert broken_links(target) == []
    start = (target / "index.html").read_text(encoding="utf-8")
    assert '<p class="gross">Leitlinien und Handlungsempfehlungen zur Zukunft der Infrastruktur' in start
    assert start.count('<li><a href="leitlinien/B-') == 7  # the seven points of the Beschlussvorschlag
    again = tmp_path / "nochmal"
    assert seite(REPO, again, "--stichtag", "01.12.2026")[0] == 0
    assert daten(again) == daten(target)  # byte for byte
    external = [
        (path, link)
        for path, data in daten(target).items()
        if path.endswith((".html", ".css", ".js"))
        for link in re.findall(r'(?:src|href)="([^"]*)"', data.decode("utf-8"))
        if re.match(r"(?:[a-z]+:)?//", link)
    ]
    assert external == []
    steering = (target / "gruppen" / "steuerungsgruppe.html").read_text(encoding="utf-8")
    assert '<td>6 <span class="klein">(Arbeitsgruppe „Lüner Dialog zur Förderung von Beschäftigung“, ' in steering
    assert "ag-bildung" not in steering  # the groups still to name a member, by name
    assert '<p class="leer">Zum Stichtag sind keine Mitglieder eingetragen.</p>' in steering  # the paper names none
    # seats whose number nobody recorded show "–", never 0 (no council factions in luedialog.yaml)
    assert (
        '<tr><td>je Ratsfraktion ein Mitglied <span class="klein">(Zahl nicht erfasst)</span></td>'
        "<td>Vertretung einer Ratsfraktion</td><td>–</td><td>0</td><td>–</td></tr>"
    ) in steering
    assert (
        '<tr><td>übrige Mitglieder des Verwaltungsvorstandes <span class="klein">(offene Zahl)</span></td>'
        "<td>Mitglied des Verwaltungsvorstandes</td><td>–</td><td>0</td><td>–</td></tr>"
    ) in steering


def test_no_page_loads_or_links_anything_from_elsewhere(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "public"
    assert seite(projekt.root, target, "--stichtag", STICHTAG)[0] == 0
    for path, data in daten(target).items():
        if path.endswith((".html", ".css", ".js")):
            text = data.decode("utf-8")
            assert re.findall(r'(?:src|href)="(?:https?:)?//', text) == [], path
            assert "@import" not in text and "url(" not in text, path
            assert 'fetch("http' not in text, path


def test_the_search_index_lists_every_page_kind(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "public"
    assert seite(projekt.root, target, "--stichtag", STICHTAG)[0] == 0
    index = json.loads((target / "suche.json").read_text(encoding="ascii"))
    assert {e["art"] for e in index} == {"Maßnahme", "Handlungsfeld", "Leitlinie", "Stadtteil", "Gruppe", "Bericht"}
    assert {
        "titel": "M-BIL-01 – Schwimmkurse",
        "url": "massnahmen/M-BIL-01.html",
        "art": "Maßnahme",
        "text": "Schwimmkurse für alle Grundschulkinder.",
    } in index
    script = (target / "suche-index.js").read_text(encoding="ascii")
    assert json.loads(script.removeprefix("window.luedialogSuche = ").removesuffix(";\n")) == index
    assert all((target / e["url"]).is_file() for e in index)
    search = (target / "suche.html").read_text(encoding="utf-8")
    assert '<a href="massnahmen/index.html">Maßnahmen</a>' in search  # without JavaScript: the lists


# --- feeds --------------------------------------------------------------------------------------


def test_every_feed_is_valid_atom_with_the_required_elements(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "public"
    assert seite(projekt.root, target, "--stichtag", STICHTAG)[0] == 0
    feeds = sorted(target.rglob("*.xml"))
    assert [p.relative_to(target).as_posix() for p in feeds] == [
        "feed.xml",
        "gruppen/ag-bildung.xml",
        "handlungsfelder/bildung.xml",
        "handlungsfelder/wohnen.xml",
        "massnahmen/M-BIL-01.xml",
        "massnahmen/M-BIL-02.xml",
        "massnahmen/M-WOH-01.xml",
        "stadtteile/nordviertel.xml",
        "stadtteile/suedhafen.xml",
    ]
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.id.startswith("tag:musterdialog,2009-02-01:")
        assert parsed.feed.title and parsed.feed.updated and parsed.feed.author == "Musterstadt"
        for entry in parsed.entries:
            assert entry.id.startswith("tag:musterdialog,2009-02-01:M-")
            assert entry.title and entry.updated and entry.author == "Musterstadt"
            assert (path.parent / entry.link).resolve().is_file()
        page = path.with_suffix(".html") if path.name != "feed.xml" else target / "index.html"
        link = f'href="{"../" * (len(path.relative_to(target).parts) - 1)}{path.relative_to(target).as_posix()}"'
        assert link in page.read_text(encoding="utf-8")
    everything = feedparser.parse((target / "feed.xml").read_bytes())
    assert [(e.id, e.updated) for e in everything.entries] == [
        ("tag:musterdialog,2009-02-01:M-WOH-01/verlauf/3", "2011-04-01T00:00:00Z"),
        ("tag:musterdialog,2009-02-01:M-WOH-01/verlauf/2", "2010-05-01T00:00:00Z"),
        ("tag:musterdialog,2009-02-01:M-BIL-01/verlauf/2", "2009-09-01T00:00:00Z"),
        ("tag:musterdialog,2009-02-01:M-WOH-01/verlauf/1", "2009-02-01T00:00:00Z"),
        ("tag:musterdialog,2009-02-01:M-BIL-02/verlauf/1", "2009-02-01T00:00:00Z"),
        ("tag:musterdialog,2009-02-01:M-BIL-01/verlauf/1", "2009-02-01T00:00:00Z"),
    ]
    assert everything.entries[0].title == "M-WOH-01 Hafenpromenade: Umgesetzt"
    assert everything.entries[0].summary == "Promenade eröffnet. (Nachweis: Vorlage 12/11)"
    assert everything.feed.updated == "2011-04-01T00:00:00Z"


def test_a_feed_holds_the_newest_50_and_escapes_everything() -> None:
    entries = [
        Feedeintrag(
            f"M-1/verlauf/{n}", f"<b>Nr. {n}</b> & \x1b[31m", date(2010, 1, 1 + n % 28), "a < b", "massnahmen/M-1.html"
        )
        for n in range(60)
    ]
    data = atom(
        Feed("massnahmen/M-1.xml", "Titel & Co", entries), "tag:x,2009-01-01:", "X", "Stadt X", date(2009, 1, 1)
    )
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert len(parsed.entries) == 50
    assert parsed.entries[0].title == "<b>Nr. 0</b> & \\x1b[31m"
    assert parsed.entries[0].summary == "a < b"
    assert b"\x1b" not in data
    empty = feedparser.parse(atom(Feed("feed.xml", "Leer", []), "tag:x,2009-01-01:", "X", "", date(2009, 1, 1)))
    assert (empty.bozo, empty.feed.updated, empty.feed.author, empty.entries) == (0, "2009-01-01T00:00:00Z", "X", [])


def test_stable_file_names_for_ids() -> None:
    assert file_stem("M-BEK-01") == "M-BEK-01"
    assert file_stem("../../etc") != "../../etc" and "/" not in file_stem("../../etc")
    assert file_stem("index") != "index"
    assert slug("Lünen-Nord") == "luenen-nord"
    assert slug("Südhafen") == "suedhafen"


@pytest.mark.parametrize("name", ["massnahme", "start"])
def test_a_town_can_override_a_site_template(projekt: Projekt, tmp_path: Path, name: str) -> None:
    own = projekt.root / "templates" / "site"
    own.mkdir(parents=True)
    (own / f"{name}.html.j2").write_text("<p>Eigene Vorlage: {{ bericht.titel }}</p>\n", encoding="utf-8")
    target = tmp_path / "public"
    assert seite(projekt.root, target, "--stichtag", STICHTAG)[0] == 0
    page = target / ("massnahmen/M-BIL-01.html" if name == "massnahme" else "index.html")
    expected = "M-BIL-01 – Schwimmkurse" if name == "massnahme" else "Musterdialog"
    assert page.read_text(encoding="utf-8") == f"<p>Eigene Vorlage: {expected}</p>\n"


def test_a_broken_template_leaves_the_folder_as_it_was(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "public"
    assert seite(projekt.root, target, "--stichtag", STICHTAG)[0] == 0
    before = daten(target)
    own = projekt.root / "templates" / "site"
    own.mkdir(parents=True)
    (own / "gruppe.html.j2").write_text("{{ bericht.gibt_es_nicht }}\n", encoding="utf-8")
    code, out, err = seite(projekt.root, target, "--stichtag", "31.12.2010")
    assert (code, out) == (1, "")
    assert err.startswith("Fehler: Die Vorlage site/gruppe.html.j2 verwendet einen Wert, den es nicht gibt")
    assert daten(target) == before  # no page of 2010, no hidden folder left behind
    fresh = tmp_path / "neu"
    assert seite(projekt.root, fresh, "--stichtag", STICHTAG)[0] == 1
    assert not fresh.exists()


def test_a_report_template_failing_halfway_leaves_the_folder_as_it_was(projekt: Projekt, tmp_path: Path) -> None:
    """A yearly report goes to its file part by part; one that fails after its first parts were written
    leaves nothing behind either."""
    target = tmp_path / "public"
    assert seite(projekt.root, target, "--stichtag", STICHTAG)[0] == 0
    before = daten(target)
    own = projekt.root / "templates"
    own.mkdir()
    (own / "rat.html.j2").write_text("<p>Anfang</p>\n" * 10_000 + "{{ bericht.gibt_es_nicht }}\n", encoding="utf-8")
    code, out, err = seite(projekt.root, target, "--stichtag", "31.12.2010")
    assert (code, out) == (1, "")
    assert err.startswith("Fehler: Die Vorlage rat.html.j2 verwendet einen Wert, den es nicht gibt")
    assert daten(target) == before


@pytest.mark.skipif(
    not HTML_VALIDATE.is_file(), reason=f"{HTML_VALIDATE.relative_to(REPO)} fehlt: HTML nicht validiert"
)
def test_every_page_is_valid_html(tmp_path: Path) -> None:
    """html-validate with its recommended rules, as for the reports (test_html_validate)."""
    pages: list[Path] = []
    for name, root, day in (("luenen", REPO, "01.12.2026"), ("berichtsstadt", FIXTURES / "berichtsstadt", STICHTAG)):
        target = tmp_path / name
        assert seite(root, target, "--stichtag", day)[0] == 0
        pages += [p for p in html_files(target) if p.parent.name != "berichte" or p.name == "index.html"]
    assert len(pages) == 181 + 42
    result = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(CONFIG), "--formatter", "text", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_a_page_title_stays_short() -> None:
    assert kopf("M-BIL-01 – Schwimmkurse", "Musterdialog") == "M-BIL-01 – Schwimmkurse – Musterdialog"
    long = kopf("M-AUW-01 – Netzwerk Schule – Hochschule – Wirtschaft zur Verbesserung der Ausbildung", "Lüner Dialog")
    assert long == "M-AUW-01 – Netzwerk Schule – Hochschule – Wirtschaft… – Lüner Dialog"
    assert len(long) <= 70


@pytest.mark.parametrize("folder", [".", "data", "data/massnahmen"])
def test_the_site_never_goes_into_the_project_folder_or_its_data(projekt: Projekt, folder: str) -> None:
    before = daten(projekt.root)
    target = projekt.root / folder
    code, out, err = seite(projekt.root, target, "--stichtag", STICHTAG)
    assert (code, out) == (1, "")
    assert err == (
        f"Fehler: {target} ist der Projektordner oder liegt in data/: dorthin wird keine Website geschrieben. "
        "Wählen Sie mit --ausgabe einen eigenen Ordner, z. B. public.\n"
    )
    assert daten(projekt.root) == before
