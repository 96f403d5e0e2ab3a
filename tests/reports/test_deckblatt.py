"""The cover of the council report shows the printed header of paper 56/08 as luedialog.yaml records
it (``vorlage:``): title, Fachbereich, date, öffentlich, the Beratungsfolge with bodies, session dates
and agenda items, and the Folgekosten box — in Markdown and HTML, and nothing a town did not record."""

from __future__ import annotations

from pathlib import Path

from luedialog.dates import german
from tests.conftest import FIXTURES, REPO, run_cli
from tests.data.test_completeness import KOPF

TITEL = (
    "Leitlinien und Handlungsempfehlungen zur Zukunft der Infrastruktur und der Integration in Lünen und "
    "Bildung einer Prozessstruktur zur Weiterführung des „Lüner Dialogs“"
)


def test_markdown_cover_has_the_papers_header() -> None:
    out = run_cli("--daten", str(REPO), "bericht", "rat", "--jahr", "2010").stdout
    head = out[: out.index("## Zusammenfassung")]
    assert head.endswith(
        "| Grundlage | Vorlage 56/08 vom 25.09.2008 |\n"
        "| Laufzeit | 01.01.2009 bis Ende der Legislaturperiode des neu zu wählenden Rates \\[2014\\] |\n"
        "| Berichtsjahr | 2010 |\n"
        "| Stichtag | 31.12.2010 |\n"
        f"| Bezeichnung der Vorlage | {TITEL} |\n"
        "| Fachbereich | 0.2 BüBM |\n"
        "| Öffentlichkeit | öffentlich |\n"
        "| Beratungsfolge | Haupt- und Finanzausschuss, Sitzung am 23.10.2008, TOP 3/08 II. 2. |\n"
        "|   | Rat (Beschlussorgan), Sitzung am 30.10.2008, TOP 6/08 I. 3. |\n"
        "| Folgekosten | Folgekosten/Jahr |\n\n"
    )


def test_the_cover_says_what_the_paper_says() -> None:
    """Checked against the text of the paper itself (tests/data/test_completeness.py reads its header)."""
    out = run_cli("--daten", str(REPO), "bericht", "rat", "--jahr", "2010").stdout
    head = out[: out.index("## Zusammenfassung")]
    assert f"| Fachbereich | {KOPF.fachbereich} |" in head
    assert len(KOPF.sitzungen) == 2
    for s in KOPF.sitzungen:
        assert f"{s.gremium}" in head and f"Sitzung am {german(s.datum)}, TOP {s.top}" in head


def test_html_cover_has_the_papers_header(tmp_path: Path) -> None:
    target = tmp_path / "rat.html"
    assert (
        run_cli(
            "--daten", str(REPO), "bericht", "rat", "--jahr", "2010", "--format", "html", "--ausgabe", str(target)
        ).exit_code
        == 0
    )
    text = target.read_text(encoding="utf-8")
    cover = text[text.index('<header class="deckblatt">') : text.index("</header>")]
    assert (
        "<dt>Stichtag</dt>\n<dd>31.12.2010</dd>\n"
        f"<dt>Bezeichnung der Vorlage</dt>\n<dd>{TITEL}</dd>\n"
        "<dt>Fachbereich</dt>\n<dd>0.2 BüBM</dd>\n"
        "<dt>Öffentlichkeit</dt>\n<dd>öffentlich</dd>\n"
        '<dt>Beratungsfolge</dt>\n<dd>\n<ol class="beratungsfolge">\n'
        "<li>Haupt- und Finanzausschuss, Sitzung am 23.10.2008, TOP 3/08 II. 2.</li>\n"
        "<li>Rat (Beschlussorgan), Sitzung am 30.10.2008, TOP 6/08 I. 3.</li>\n"
        "</ol>\n</dd>\n"
        "<dt>Folgekosten</dt>\n<dd>Folgekosten/Jahr</dd>\n"
    ) in cover


def test_a_town_shows_only_what_it_recorded() -> None:
    out = run_cli("--daten", str(FIXTURES / "berichtsstadt"), "bericht", "rat", "--jahr", "2010").stdout
    head = out[: out.index("## Zusammenfassung")]
    assert head.endswith("| Stichtag | 31.12.2010 |\n| Bezeichnung der Vorlage | Leitlinien des Berichtsdialogs |\n\n")
    for label in ("Fachbereich", "Öffentlichkeit", "Beratungsfolge", "Folgekosten"):
        assert label not in head
