"""Reports: the contexts computed from the fictional Berichtsstadt (2009–2012) and their rendering.

Berichtsstadt has a known history (see tests/fixtures/berichtsstadt/luedialog.yaml): M-BIL-03 and
M-DIA-01 are completed in 2010, M-BIL-01, M-BIL-02 and M-WOH-01 in 2011 (M-BIL-04 is dropped in
2011); M-BIL-01 is overdue at the end of 2010 with a reason; M-WOH-02 is postponed since 2010;
L-BIL-2 and L-DIA-2 have no measure. The rendering tests go through the CLI like a user would.
"""

from __future__ import annotations

import dataclasses
import html
import re
import shlex
import shutil
import sys
import types
import zlib
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from luedialog.model.ampel import FARBEN as AMPEL_COLOURS
from luedialog.reports.build import Indexeintrag
from luedialog.reports.context import (
    Erklaerung,
    Feldbericht,
    Finanzen,
    Finanzzeile,
    Gruppenbericht,
    Konferenzdokument,
    Mitglied,
    Ratsbericht,
    Summe,
    konferenzdokument,
    ratsbericht,
)
from luedialog.reports.render import PACKAGE_TEMPLATES, Templates, ampel_chart, md, render_text
from luedialog.services.project import open_project
from luedialog.snapshot import Snapshot
from tests.conftest import FIXTURES, REPO, Projekt, run_cli

BERICHTSSTADT = FIXTURES / "berichtsstadt"
FELDER = ["Bildung", "Wohnen & Leben", "Dialog der Kulturen"]
REAL_FELDER = [
    "Bildung, Erziehung und Kultur",
    "Arbeit und Wirtschaft",
    "Stadtentwicklung und Wohnen",
    "Interkultureller Dialog",
]
SCRIPT = "<script>alert(1)</script>"
NOTIZ_MIT_ZEICHEN = "Sanierung begonnen | Kosten *vorläufig* geschätzt"


# --- helpers ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    return open_project(BERICHTSSTADT).snapshot


@pytest.fixture
def stadt(tmp_path: Path) -> Projekt:
    root = tmp_path / "berichtsstadt"
    shutil.copytree(BERICHTSSTADT, root)
    return Projekt(root)


def rat(snap: Snapshot, jahr: int) -> Ratsbericht:
    return ratsbericht(snap, jahr, date(jahr, 12, 31))


def konferenz(snap: Snapshot, jahr: int) -> Konferenzdokument:
    return konferenzdokument(snap, jahr, date(jahr, 12, 31))


def feld(bericht: Ratsbericht, name: str) -> Feldbericht:
    return next(f for f in bericht.felder if f.name == name)


def gruppe(gruppen: list[Gruppenbericht], ident: str) -> Gruppenbericht:
    return next(g for g in gruppen if g.id == ident)


def ids(zeilen: list[Any]) -> list[str]:
    return [z.id for z in zeilen]


def markdown_tabellen(text: str) -> list[list[str]]:
    """Every table of a Markdown text, checked the way GitHub and GitLab need it.

    A table has a header row, a separator row and at least one row, the same number of unescaped
    pipes in every row, and a blank line before and after it.
    """
    lines = text.split("\n")
    tables = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("|"):
            i += 1
            continue
        start = i
        while i < len(lines) and lines[i].startswith("|"):
            i += 1
        block = lines[start:i]
        assert start > 0 and lines[start - 1] == "", f"keine Leerzeile vor der Tabelle: {block[0]}"
        assert i < len(lines) and lines[i] == "", f"keine Leerzeile nach der Tabelle: {block[-1]}"
        assert len(block) >= 3, f"Tabelle ohne Zeilen: {block}"
        assert re.fullmatch(r"\|(-{3,}:?\||:?-{2,}:\|)+", block[1]), f"keine Trennzeile: {block[1]}"
        pipes = {len(re.findall(r"(?<!\\)\|", row)) for row in block}
        assert len(pipes) == 1, f"ungleich viele Spalten: {block}"
        tables.append(block)
    return tables


def markdown_ueberschriften(text: str) -> list[str]:
    """Every ATX heading, checked to stand between blank lines."""
    lines = text.split("\n")
    headings = []
    for i, line in enumerate(lines):
        if line.startswith("#"):
            assert i == 0 or lines[i - 1] == "", f"keine Leerzeile vor: {line}"
            assert lines[i + 1] == "", f"keine Leerzeile nach: {line}"
            headings.append(line)
    return headings


def gfm(text: str) -> str:
    """Markdown rendered the way GitHub and GitLab do (CommonMark with tables)."""
    return str(MarkdownIt("commonmark").enable("table").render(text))


class Gliederung(HTMLParser):
    """Collects what the structure tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texte: dict[str, list[str]] = {}
        self.offen: list[str] = []
        self.tabellen: list[list[str]] = []  # tags directly inside each <table>
        self.th_im_kopf: list[dict[str, str | None]] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tabellen.append([])
        elif self.offen and self.offen[-1] == "table":
            self.tabellen[-1].append(tag)
        if tag == "th" and "thead" in self.offen:
            self.th_im_kopf.append(dict(attrs))
        if tag in ("h1", "h2", "h3", "h4", "title", "caption"):
            self._text = []
        if tag not in ("meta", "br", "hr", "img", "link", "input", "col", "wbr"):
            self.offen.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "title", "caption") and "svg" not in self.offen:
            self.texte.setdefault(tag, []).append(" ".join("".join(self._text).split()))
        while self.offen and self.offen.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def alle(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]


def gliederung(html_text: str) -> Gliederung:
    parser = Gliederung()
    parser.feed(html_text)
    parser.close()
    return parser


def render_cli(root: Path, *args: str) -> str:
    result = run_cli("--daten", str(root), "bericht", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def render_file(root: Path, target: Path, *args: str) -> str:
    result = run_cli("--daten", str(root), "bericht", *args, "--ausgabe", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Geschrieben: {target}\n"
    return target.read_text(encoding="utf-8")


# --- the fixture itself -------------------------------------------------------------------------


def test_berichtsstadt_is_valid() -> None:
    result = run_cli("--daten", str(BERICHTSSTADT), "pruefen", "--stichtag", "2012-12-31")
    assert result.exit_code == 0
    assert result.stdout == "Alles in Ordnung: 25 Dateien geprüft, keine Fehler, keine Warnungen.\n"


# --- Ratsbericht: which measure is in which section ---------------------------------------------


def test_sections_2010(snap: Snapshot) -> None:
    bericht = rat(snap, 2010)
    bildung, wohnen, dialog = bericht.felder
    assert [f.name for f in bericht.felder] == FELDER
    assert ids(bildung.massnahmen) == ["M-BIL-01", "M-BIL-02", "M-BIL-03", "M-BIL-04"]
    assert ids(bildung.abgeschlossen) == ["M-BIL-03"]
    assert ids(bildung.ueberfaellig) == ["M-BIL-01"]
    assert ids(bildung.ausblick) == ["M-BIL-02"]  # M-BIL-04: planned, but no target date nor reported progress
    assert ids(wohnen.massnahmen) == ["M-WOH-01", "M-WOH-02"]
    assert ids(wohnen.abgeschlossen) == []
    assert ids(wohnen.ueberfaellig) == []
    assert ids(wohnen.ausblick) == ["M-WOH-01"]
    assert ids(dialog.massnahmen) == ["M-DIA-01", "M-DIA-02"]  # M-DIA-03 is only known from 2011
    assert ids(dialog.abgeschlossen) == ["M-DIA-01"]
    assert ids(dialog.ausblick) == []  # M-DIA-02 is only recommended: no target date, no reported progress


def test_sections_2011(snap: Snapshot) -> None:
    bildung, wohnen, dialog = rat(snap, 2011).felder
    assert ids(bildung.massnahmen) == ["M-BIL-01", "M-BIL-02", "M-BIL-04"]
    # M-BIL-04 was dropped (eingestellt): in the table and the changes, but not among the completed
    assert ids(bildung.abgeschlossen) == ["M-BIL-01", "M-BIL-02"]
    assert ids(bildung.ueberfaellig) == []
    assert ids(bildung.ausblick) == []
    assert ids(wohnen.massnahmen) == ["M-WOH-01", "M-WOH-02"]
    assert ids(wohnen.abgeschlossen) == ["M-WOH-01"]
    assert ids(dialog.massnahmen) == ["M-DIA-02", "M-DIA-03"]
    assert ids(dialog.abgeschlossen) == []
    assert ids(dialog.ausblick) == ["M-DIA-02", "M-DIA-03"]


@pytest.mark.parametrize("ident", ["M-BIL-03", "M-DIA-01"])
def test_completed_in_2010_is_reported_in_2010_and_not_again(snap: Snapshot, ident: str) -> None:
    in_2010 = [f for f in rat(snap, 2010).felder if ident in ids(f.massnahmen)]
    assert len(in_2010) == 1
    assert ident in ids(in_2010[0].abgeschlossen)
    for jahr in (2011, 2012):
        for f in rat(snap, jahr).felder:
            assert ident not in ids(f.massnahmen)
            assert ident not in ids(f.abgeschlossen)


def test_completed_row_2010(snap: Snapshot) -> None:
    (row,) = feld(rat(snap, 2010), "Bildung").abgeschlossen
    assert (row.id, row.titel, row.status, row.ampel, row.fortschritt, row.stand, row.letzte_notiz) == (
        "M-BIL-03",
        "Kita-Ausbau",
        "Umgesetzt",
        "gruen",
        None,  # "Umgesetzt" reports no percentage by itself
        "15.07.2010",
        "Beide Gruppen sind eröffnet.",
    )


def test_nothing_left_in_bildung_2012(snap: Snapshot) -> None:
    bildung = feld(rat(snap, 2012), "Bildung")
    assert (bildung.massnahmen, bildung.gesamt, bildung.aenderungen) == ([], 0, [])
    assert bildung.ampel == {"gruen": 0, "gelb": 0, "rot": 0, "grau": 0}


@pytest.mark.parametrize(
    ("jahr", "gesamt", "ampel", "je_feld"),
    [
        (2009, 7, {"gruen": 0, "gelb": 6, "rot": 0, "grau": 1}, [4, 2, 1]),
        (2010, 8, {"gruen": 2, "gelb": 3, "rot": 2, "grau": 1}, [4, 2, 2]),
        (2011, 7, {"gruen": 3, "gelb": 1, "rot": 1, "grau": 2}, [3, 2, 2]),
        (2012, 3, {"gruen": 0, "gelb": 0, "rot": 3, "grau": 0}, [0, 1, 2]),
    ],
)
def test_ampel_counts(snap: Snapshot, jahr: int, gesamt: int, ampel: dict[str, int], je_feld: list[int]) -> None:
    bericht = rat(snap, jahr)
    assert (bericht.gesamt, bericht.ampel) == (gesamt, ampel)
    assert [f.gesamt for f in bericht.felder] == je_feld
    assert [sum(f.ampel.values()) for f in bericht.felder] == je_feld


def test_ampel_per_field_2010(snap: Snapshot) -> None:
    assert [f.ampel for f in rat(snap, 2010).felder] == [
        {"gruen": 1, "gelb": 2, "rot": 1, "grau": 0},
        {"gruen": 0, "gelb": 1, "rot": 1, "grau": 0},
        {"gruen": 1, "gelb": 0, "rot": 0, "grau": 1},
    ]


def test_guidelines_and_gaps(snap: Snapshot) -> None:
    bildung, wohnen, dialog = rat(snap, 2010).felder
    assert [(ll.id, ll.nummer, ll.massnahmen) for ll in bildung.leitlinien] == [
        ("L-BIL-1", "1", 2),
        ("L-BIL-2", "2", 0),
        ("L-BIL-3", "3", 1),
    ]
    assert [(ll.id, ll.text) for ll in bildung.luecken] == [("L-BIL-2", "Die Bibliothek öffnet sonntags.")]
    assert wohnen.luecken == []
    assert ids(dialog.luecken) == ["L-DIA-2"]


def test_overdue_with_reason(snap: Snapshot) -> None:
    (row,) = feld(rat(snap, 2010), "Bildung").ueberfaellig
    assert (row.id, row.status, row.ampel, row.ueberfaellig, row.zieldatum, row.fortschritt) == (
        "M-BIL-01",
        "In Umsetzung",
        "rot",
        True,
        "30.06.2010",
        40,
    )
    assert (row.stand, row.letzte_notiz) == (
        "15.11.2010",
        "Verzögert, weil das Lehrschwimmbecken wegen Sanierung geschlossen ist.",
    )
    assert [(z.id, z.letzte_notiz) for z in feld(rat(snap, 2012), "Wohnen & Leben").ueberfaellig] == [
        ("M-WOH-02", "Die Fördermittel des Landes wurden nicht bewilligt.")
    ]


def test_postponed_is_red_but_not_overdue_before_its_target_date(snap: Snapshot) -> None:
    row = feld(rat(snap, 2010), "Wohnen & Leben").massnahmen[1]
    assert (row.id, row.status, row.ampel, row.ueberfaellig, row.verantwortlich) == (
        "M-WOH-02",
        "Zurückgestellt",
        "rot",
        False,
        "Bauverwaltung",
    )


def test_changes_during_the_year(snap: Snapshot) -> None:
    bildung = feld(rat(snap, 2010), "Bildung")
    assert [(a.datum, a.id, a.vorher, a.nachher) for a in bildung.aenderungen] == [
        ("01.03.2010", "M-BIL-02", "Geplant", "In Umsetzung"),
        ("15.07.2010", "M-BIL-03", "In Umsetzung", "Umgesetzt"),
        ("15.11.2010", "M-BIL-01", "In Umsetzung", "In Umsetzung"),
    ]
    dialog = feld(rat(snap, 2010), "Dialog der Kulturen")
    assert [(a.datum, a.id, a.vorher, a.nachher) for a in dialog.aenderungen] == [
        ("01.04.2010", "M-DIA-01", "Beauftragt", "In Umsetzung"),
        ("05.09.2010", "M-DIA-01", "In Umsetzung", "Verstetigt"),
        ("13.11.2010", "M-DIA-02", "", "Empfohlen"),
    ]


def test_finances(snap: Snapshot) -> None:
    bericht = rat(snap, 2010)
    bildung, wohnen, dialog = bericht.felder
    assert bildung.finanzen == Finanzen(
        [
            Finanzzeile(
                "M-BIL-02",
                "Lehrschwimmbecken",
                250000,
                150000,
                100000,
                "Produktkonto 03.01.01",
                "Landesförderung „Gute Schule“",
            )
        ],
        Summe(250000, 1, 1),
        Summe(150000, 1, 1),
        Summe(100000, 1, 1),
    )
    assert (wohnen.finanzen.kosten, wohnen.finanzen.foerderung, wohnen.finanzen.eigenanteil) == (
        Summe(1200000, 1, 1),
        Summe(800000, 1, 1),
        Summe(400000, 1, 1),
    )
    assert dialog.finanzen == Finanzen([], Summe(None, 0, 0), Summe(None, 0, 0), Summe(None, 0, 0))
    assert ids(bericht.finanzen.zeilen) == ["M-BIL-02", "M-WOH-01"]
    assert (bericht.finanzen.kosten, bericht.finanzen.foerderung, bericht.finanzen.eigenanteil) == (
        Summe(1450000, 2, 2),
        Summe(950000, 2, 2),
        Summe(500000, 2, 2),
    )
    assert bericht.finanzen.hinweise == []


# --- Ratsbericht: conference and groups -------------------------------------------------------


def test_conference_of_the_year(snap: Snapshot) -> None:
    kf = rat(snap, 2009).konferenz
    assert kf is not None
    assert (kf.jahr, kf.datum) == (2009, "14.11.2009")
    assert kf.ergebnisse == "Rund 80 Teilnehmende; die Arbeitsgruppen stellten ihre Ergebnisse vor."
    assert [(z.id, z.art, z.status) for z in kf.empfehlungen] == [("M-DIA-01", "Empfehlung", "Beauftragt")]
    assert kf.aufgaben == [
        ("Arbeitsgruppe Bildung", "Begleitung der Sanierung des Lehrschwimmbeckens"),
        ("Arbeitsgruppe Dialog der Kulturen", "Das erste Stadtfest begleiten"),
    ]
    assert kf.erneuerungen == [
        ("Arbeitsgruppe Bildung", "N. N."),
        ("Arbeitsgruppe Dialog der Kulturen", "Aylin Beispiel"),
    ]


def test_recommendation_adopted_in_2009_is_reported_with_its_later_state(snap: Snapshot) -> None:
    assert ids(rat(snap, 2010).konferenz.empfehlungen) == ["M-DIA-02"]  # type: ignore[union-attr]
    vorjahr = konferenz(snap, 2010).vorjahr
    assert vorjahr is not None
    assert [(z.id, z.status, z.fortschritt) for z in vorjahr.empfehlungen] == [("M-DIA-01", "Verstetigt", None)]


def test_no_conference_recorded_in_the_shipped_data() -> None:
    shipped = open_project(REPO).snapshot
    assert ratsbericht(shipped, 2009, date(2009, 12, 31)).konferenz is None
    assert konferenzdokument(shipped, 2009, date(2009, 12, 31)).vorjahr is None


def test_groups_activity(snap: Snapshot) -> None:
    gruppen = rat(snap, 2009).gruppen
    assert ids(gruppen) == ["ag-bildung", "ag-dialog", "jahreskonferenz", "steuerungsgruppe"]
    dialog = gruppe(gruppen, "ag-dialog")
    assert (dialog.name, dialog.art) == ("Arbeitsgruppe Dialog der Kulturen", "Arbeitsgruppe")
    assert dialog.aufgaben == ["Ideen für Orte der Begegnung sammeln"]
    assert [(s.datum, s.thema, s.empfehlungen) for s in dialog.sitzungen] == [
        ("10.09.2009", "Begegnung in der Stadt", ["M-DIA-01"])
    ]
    assert ids(dialog.empfehlungen) == ["M-DIA-01"]
    assert ids(gruppe(rat(snap, 2010).gruppen, "jahreskonferenz").empfehlungen) == ["M-DIA-02"]


def test_names_only_with_consent(snap: Snapshot) -> None:
    bildung = gruppe(rat(snap, 2010).gruppen, "ag-bildung")
    assert bildung.mitglieder == [
        Mitglied("Max Muster", "Fachliche Begleitung", "Schulamt", "31.12.2010"),
        Mitglied("N. N.", "Mitglied", "", "31.01.2011"),  # Petra Privat, no consent
        Mitglied("Hans Offen", "Mitglied", "Elternbeirat", "31.12.2012"),
    ]
    dialog = gruppe(rat(snap, 2010).gruppen, "ag-dialog")
    assert [m.name for m in dialog.mitglieder] == ["Aylin Beispiel", "N. N."]  # Kemal Verborgen


def test_no_name_without_consent_in_any_report(stadt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "alle"
    assert run_cli("--daten", str(stadt.root), "bericht", "alle", "--ausgabe", str(target)).exit_code == 0
    for path in sorted(target.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert "Petra" not in text and "Privat" not in text, path.name
        assert "Kemal" not in text and "Verborgen" not in text, path.name
    assert "N. N." in (target / "rat-2010.html").read_text(encoding="utf-8")


# --- Konferenzdokument ----------------------------------------------------------------------------


def test_conference_document_2011(snap: Snapshot) -> None:
    dok = konferenz(snap, 2011)
    assert dok.kopf.titel == "Jahreskonferenz 2011"
    assert dok.grundsaetze_einleitung.startswith("Der Berichtsdialog ist auf Dauer angelegt.\n\n")
    assert dok.grundsaetze == [
        "Wir begegnen einander mit Respekt.",
        "Wir reden miteinander, nicht übereinander.",
        "Wir lernen voneinander – in allen Sprachen der Stadt.",
    ]
    assert ids(dok.gruppen) == ["ag-bildung", "ag-dialog"]  # only the working groups
    assert gruppe(dok.gruppen, "ag-dialog").aufgaben == ["Die Willkommensmappe erarbeiten"]
    assert dok.vorjahr is not None
    assert [(z.id, z.status, z.fortschritt, z.letzte_notiz) for z in dok.vorjahr.empfehlungen] == [
        ("M-DIA-02", "In Umsetzung", 60, "Sechs von zehn Sprachen sind fertig.")
    ]
    assert dok.aufgaben_folgejahr == [("Arbeitsgruppe Bildung", "Bildungsbericht für Berichtsstadt")]
    assert dok.erklaerungen_enden == [Erklaerung("Arbeitsgruppe Bildung", "N. N.", "Mitglied", "31.01.2011")]


def test_conference_document_2012_last_year_without_recommendations(snap: Snapshot) -> None:
    dok = konferenz(snap, 2012)
    assert dok.vorjahr is not None and dok.vorjahr.empfehlungen == []
    assert dok.aufgaben_folgejahr == []
    assert [(e.name, e.ende) for e in dok.erklaerungen_enden] == [
        ("Max Muster", "31.12.2012"),
        ("Hans Offen", "31.12.2012"),
        ("Aylin Beispiel", "31.12.2012"),
        ("Erika Beispiel", "31.12.2012"),
    ]


# --- Former bugs of the context code (now fixed) ---------------------------------------------------


def test_filled_seats_never_exceed_seats(snap: Snapshot) -> None:
    bildung = gruppe(rat(snap, 2010).gruppen, "ag-bildung")
    assert (bildung.sitze_gesamt, bildung.sitze_besetzt) == (1, 1)


def test_renewed_declaration_is_not_listed_as_ending(snap: Snapshot) -> None:
    names = [(e.gruppe, e.name, e.ende) for e in konferenz(snap, 2010).erklaerungen_enden]
    assert names == [
        ("Arbeitsgruppe Bildung", "N. N.", "31.01.2011"),
        ("Arbeitsgruppe Dialog der Kulturen", "N. N.", "31.12.2010"),
    ]


@pytest.mark.parametrize(
    "text",
    ["1) Erstens\n2) Zweitens", "Ergebnis\n===", "Ergebnis\n---", "---", "    eingerückt", "A &amp; B"],
)
def test_md_keeps_paragraph_text_literal(text: str) -> None:
    rendered = gfm(md(text))
    assert rendered.startswith("<p>")
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)).split() == text.split()


def test_chart_numbers_have_enough_contrast() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a: str, b: str) -> float:
        light, dark = sorted((luminance(a), luminance(b)), reverse=True)
        return (light + 0.05) / (dark + 0.05)

    # each segment's number is drawn in the text colour chosen for that Ampel colour
    svg = ampel_chart([("Feld", dict.fromkeys(AMPEL_COLOURS, 1))], width=2000)
    pairs = re.findall(r'fill="(#\w{6})"><title>[^<]*</title></rect><text [^>]*fill="(#\w{6})"', svg)
    assert sorted(bar for bar, _ in pairs) == sorted(AMPEL_COLOURS.values())
    ratios = {bar: contrast(bar, text) for bar, text in pairs}
    assert min(ratios.values()) >= 4.5, ratios


# --- The chart ------------------------------------------------------------------------------------


def test_chart_escapes_labels_and_shows_numbers() -> None:
    svg = ampel_chart([("<b>Wohnen & Leben</b>", {"gruen": 3, "gelb": 0, "rot": 1, "grau": 0})])
    assert "<b>" not in svg
    assert "&lt;b&gt;Wohnen &amp; Leben&lt;/b&gt;" in svg
    assert "<title>grün: 3</title>" in svg and "<title>rot: 1</title>" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


# --- Rendering through the CLI ------------------------------------------------------------------


def test_rat_markdown_to_stdout() -> None:
    out = render_cli(BERICHTSSTADT, "rat", "--jahr", "2010")
    assert out.startswith(
        "# Bericht an den Rat 2010\n\n**Stadt Berichtsstadt** · Berichtsdialog\n\n| Angabe | Wert |\n"
    )
    assert "| Grundlage | Vorlage 7/08 vom 20.11.2008 |\n" in out
    assert "| Stichtag | 31.12.2010 |\n" in out
    headings = markdown_ueberschriften(out)
    assert [h for h in headings if h.startswith("## ")] == [
        "## Zusammenfassung",
        "## Bildung",
        "## Wohnen & Leben",
        "## Dialog der Kulturen",
        "## Finanzen",
        "## Jahreskonferenz 2010",
        "## Arbeit der Gruppen",
    ]
    assert "| Bildung | 1 | 2 | 1 | 0 | 4 |\n" in out
    assert "| **Alle Handlungsfelder** | **2** | **3** | **2** | **1** | **8** |\n" in out
    assert (
        "| **M-BIL-01** Schwimmkurse (Projekt) | In Umsetzung (rot, **überfällig**) | 40 % | Schulamt | 30.06.2010 "
        "| 15.11.2010: Verzögert, weil das Lehrschwimmbecken wegen Sanierung geschlossen ist. |\n"
    ) in out
    assert "- **2** (L-BIL-2): Die Bibliothek öffnet sonntags.\n" in out
    assert "| **Summe** | **250.000,00 €** | **150.000,00 €** | **100.000,00 €** | |\n" in out
    assert "### Kosten und Finanzierung\n\nKeine Kosten erfasst.\n" in out  # Dialog der Kulturen
    assert "| Arbeitsgruppe Bildung | N. N. |\n" not in out  # 2010 renewed Max Muster only
    assert "| Max Muster | Fachliche Begleitung | Schulamt | 31.12.2010 |\n" in out
    assert "| N. N. | Mitglied | – | 31.01.2011 |\n" in out
    tables = markdown_tabellen(out)
    assert len(tables) == gfm(out).count("<table>")


def test_konferenz_markdown() -> None:
    out = render_cli(BERICHTSSTADT, "jahreskonferenz", "--jahr", "2010")
    assert out.startswith("# Jahreskonferenz 2010\n")
    assert "| Konferenz am | 13.11.2010 |\n\n## Präambel: Grundsätze\n" in out
    assert "\n1. Wir begegnen einander mit Respekt.\n2. Wir reden miteinander, nicht übereinander.\n" in out
    assert [h for h in markdown_ueberschriften(out) if h.startswith("## ")] == [
        "## Präambel: Grundsätze",
        "## Jahreskonferenz 2010",
        "## Berichte der Arbeitsgruppen 2010",
        "## Umsetzungsstand der Empfehlungen der Jahreskonferenz 2009",
        "## Aufgaben der Arbeitsgruppen für 2011",
        "## Verbindliche Erklärungen, die enden",
    ]
    assert (
        "| **M-DIA-01** Interkulturelles Stadtfest (Empfehlung) | Verstetigt (grün) | – | Stadtmarketing | – "
        "| 05.09.2010: Das erste Stadtfest fand statt; es wird jährlich wiederholt. |\n"
    ) in out
    assert "| Arbeitsgruppe Bildung | Konzept für die Sonntagsöffnung der Bibliothek |\n" in out
    assert "| Arbeitsgruppe Dialog der Kulturen | N. N. | Mitglied | 31.12.2010 |\n" in out
    markdown_tabellen(out)


def test_empty_sections_say_so_in_german() -> None:
    out = render_cli(BERICHTSSTADT, "jahreskonferenz", "--jahr", "2009")
    assert "## Umsetzungsstand der Empfehlungen der Jahreskonferenz 2008\n\n" in out
    assert "Für das Jahr 2008 ist keine Jahreskonferenz erfasst.\n" in out
    rat_2012 = render_cli(BERICHTSSTADT, "rat", "--jahr", "2012")
    assert (
        "## Bildung\n\nIm Bericht 0 Maßnahmen: 0 grün, 0 gelb, 0 rot, 0 grau.\n" in rat_2012
        and "Zu diesem Handlungsfeld ist am Stichtag keine offene oder im Berichtsjahr abgeschlossene Maßnahme "
        "erfasst.\n"
        in rat_2012
    )
    assert "Im Jahr 2012 wurde keine Maßnahme abgeschlossen.\n" in rat_2012
    assert "Die Jahreskonferenz 2012 hat keine Empfehlungen beschlossen.\n" in rat_2012


def test_data_is_escaped_in_html_and_markdown(stadt: Projekt, tmp_path: Path) -> None:
    stadt.replace("data/massnahmen/M-BIL-03.yaml", "titel: Kita-Ausbau", f'titel: "{SCRIPT}"')
    html_text = render_file(stadt.root, tmp_path / "rat.html", "rat", "--jahr", "2010", "--format", "html")
    assert "<script" not in html_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text
    assert f"01.03.2010:</span> {NOTIZ_MIT_ZEICHEN}</td>" in html_text
    assert "<h2>Wohnen &amp; Leben</h2>" in html_text
    out = render_cli(stadt.root, "rat", "--jahr", "2010")
    assert "\\<script\\>alert(1)\\</script\\>" in out
    assert "Sanierung begonnen \\| Kosten \\*vorläufig\\* geschätzt" in out
    markdown_tabellen(out)
    rendered = gfm(out)
    assert "<script>" not in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert f"<td>01.03.2010: {NOTIZ_MIT_ZEICHEN}</td>" in rendered  # one cell, no emphasis


def test_output_is_byte_identical(tmp_path: Path) -> None:
    for report in ("rat", "jahreskonferenz"):
        first = run_cli("--daten", str(BERICHTSSTADT), "bericht", report, "--jahr", "2011")
        second = run_cli("--daten", str(BERICHTSSTADT), "bericht", report, "--jahr", "2011")
        assert first.stdout == second.stdout and first.stdout
        a, b = tmp_path / f"{report}-a.html", tmp_path / f"{report}-b.html"
        render_file(BERICHTSSTADT, a, report, "--jahr", "2011", "--format", "html")
        render_file(BERICHTSSTADT, b, report, "--jahr", "2011", "--format", "html")
        assert a.read_bytes() == b.read_bytes()
        today = date.today()
        for text in (first.stdout, a.read_text(encoding="utf-8")):
            assert today.strftime("%d.%m.%Y") not in text and today.isoformat() not in text


def test_bericht_alle_twice_gives_the_same_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        assert (
            run_cli("--daten", str(BERICHTSSTADT), "bericht", "alle", "--ausgabe", str(tmp_path / name)).exit_code == 0
        )
    first = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert first == second


def test_pdf_without_weasyprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if the extra were not installed
    target = tmp_path / "rat.pdf"
    result = run_cli(
        "--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", "2010", "--format", "pdf", "--ausgabe", str(target)
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "Fehler: Für PDF wird WeasyPrint gebraucht, das nicht installiert ist. Installieren Sie es mit: "
        f"{shlex.quote(sys.executable)} -m pip install 'luedialog[pdf]' – oder wählen Sie --format html.\n"
    )
    assert not target.exists()


def test_pdf_with_weasyprint_but_without_pango(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("weasyprint")

    def missing_library(name: str) -> object:
        raise OSError("cannot load library 'libpango-1.0-0'")

    fake.__getattr__ = missing_library  # type: ignore[method-assign]
    monkeypatch.setitem(sys.modules, "weasyprint", fake)
    target = tmp_path / "rat.pdf"
    result = run_cli(
        "--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", "2010", "--format", "pdf", "--ausgabe", str(target)
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "Fehler: Für PDF braucht WeasyPrint die Systembibliothek Pango, die fehlt (libpango-1.0-0 lässt sich "
        "nicht laden). Installieren Sie sie (Debian/Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0; "
        "siehe doc.courtbouillon.org/weasyprint) – oder wählen Sie --format html.\n"
    )
    assert not target.exists()


def _weasyprint_usable() -> bool:
    try:
        import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@pytest.mark.skipif(
    not _weasyprint_usable(), reason="WeasyPrint fehlt (pip install 'luedialog[pdf]'): PDF nicht geprüft"
)
def test_pdf_with_weasyprint_is_a_reproducible_a4_document(tmp_path: Path) -> None:
    paths = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for target in paths:
        result = run_cli(
            "--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", "2010", "--format", "pdf",
            "--ausgabe", str(target),
        )  # fmt: skip
        assert (result.exit_code, result.stderr) == (0, f"Geschrieben: {target}\n")
    pdf = paths[0].read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf == paths[1].read_bytes()
    objects = pdf_objects(pdf)
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", objects))
    assert 2 <= pages <= 40
    media_boxes = set(re.findall(rb"/MediaBox\s*\[\s*([\d. ]+?)\s*\]", objects))
    assert {tuple(round(float(v)) for v in box.split()) for box in media_boxes} == {(0, 0, 595, 842)}  # A4
    assert b"/Title (Bericht an den Rat 2010)" in objects  # the first bookmark of the outline


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF with its compressed object streams inflated, so dictionaries can be searched."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_bericht_alle_writes_every_report_and_an_index(tmp_path: Path) -> None:
    target = tmp_path / "berichte"
    result = run_cli("--daten", str(BERICHTSSTADT), "bericht", "alle", "--ausgabe", str(target))
    assert result.exit_code == 0
    assert result.stderr == f"Geschrieben: 17 Dateien in {target} (Einstieg: {target / 'index.html'})\n"
    reports = {f"{r}-{j}.{f}" for r in ("rat", "jahreskonferenz") for j in range(2009, 2013) for f in ("html", "md")}
    assert {p.name for p in target.iterdir()} == reports | {"index.html"}
    index = (target / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="([^"]+)"', index)) == reports
    parts = gliederung(index)
    assert parts.texte["h1"] == ["Berichte"]
    assert parts.texte["h2"] == ["2009", "2010", "2011", "2012"]
    assert '<a href="rat-2010.html">Bericht an den Rat 2010</a>' in index
    assert "(Stand 31.12.2010; " in index
    for name in reports:
        text = (target / name).read_text(encoding="utf-8")
        if name.endswith(".md"):
            markdown_tabellen(text)
        else:
            assert not re.search(r"<tbody>\s*</tbody>", text), name  # empty lists are sentences, not tables


def test_bericht_alle_stops_at_the_current_year(stadt: Projekt, tmp_path: Path) -> None:
    stadt.replace("luedialog.yaml", "ende_jahr: 2012", "ende_jahr: 2199")
    target = tmp_path / "berichte"
    assert run_cli("--daten", str(stadt.root), "bericht", "alle", "--ausgabe", str(target)).exit_code == 0
    this_year = date.today().year
    assert (target / f"rat-{this_year}.html").is_file()
    assert not (target / f"rat-{this_year + 1}.html").exists()
    assert len(list(target.glob("rat-*.md"))) == this_year - 2009 + 1


def test_own_templates_come_first(tmp_path: Path) -> None:
    own = tmp_path / "vorlagen"
    own.mkdir()
    (own / "rat.md.j2").write_text("Eigene Vorlage für {{ bericht.kopf.kommune|md }}\n", encoding="utf-8")
    result = run_cli("--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", "2010", "--vorlagen", str(own))
    assert (result.exit_code, result.stdout) == (0, "Eigene Vorlage für Stadt Berichtsstadt\n")
    other = run_cli(
        "--daten", str(BERICHTSSTADT), "bericht", "jahreskonferenz", "--jahr", "2010", "--vorlagen", str(own)
    )
    assert other.stdout.startswith("# Jahreskonferenz 2010\n")  # built-in template for the rest


def test_own_stylesheet_is_used_by_the_built_in_templates(tmp_path: Path) -> None:
    own = tmp_path / "vorlagen"
    own.mkdir()
    (own / "_stil.css").write_text("body { color: #000; } /* Stadtfarben */\n", encoding="utf-8")
    html_text = render_file(
        BERICHTSSTADT, tmp_path / "rat.html", "rat", "--jahr", "2010", "--format", "html", "--vorlagen", str(own)
    )
    assert "/* Stadtfarben */" in html_text


@pytest.mark.parametrize(
    ("vorlage", "meldung"),
    [
        ("{{ bericht.gibt_es_nicht }}\n", "Fehler: Die Vorlage rat.md.j2 verwendet einen Wert, den es nicht gibt "),
        ("Zeile eins\n{% if %}\n", "Fehler: Die Vorlage rat.md.j2 hat in Zeile 2 einen Syntaxfehler "),
    ],
)
def test_template_error_is_one_german_line(tmp_path: Path, vorlage: str, meldung: str) -> None:
    own = tmp_path / "vorlagen"
    own.mkdir()
    (own / "rat.md.j2").write_text(vorlage, encoding="utf-8")
    result = run_cli("--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", "2010", "--vorlagen", str(own))
    assert result.exit_code == 1
    assert result.stderr.startswith(meldung)
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_future_year_is_a_usage_error() -> None:
    jahr = date.today().year + 1
    result = run_cli("--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", str(jahr))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Fehler: --jahr {jahr} liegt in der Zukunft; berichtet wird über vergangene oder das laufende Jahr."
    )
    assert result.stdout == ""


# --- HTML form ------------------------------------------------------------------------------------


@pytest.mark.parametrize("report", ["rat", "jahreskonferenz"])
def test_html_is_one_accessible_self_contained_file(tmp_path: Path, report: str) -> None:
    html_text = render_file(BERICHTSSTADT, tmp_path / "x.html", report, "--jahr", "2010", "--format", "html")
    assert html_text.startswith('<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n')
    parts = gliederung(html_text)
    titel = "Bericht an den Rat 2010" if report == "rat" else "Jahreskonferenz 2010"
    assert parts.texte["title"] == [f"{titel} – Stadt Berichtsstadt"]
    assert parts.texte["h1"] == [titel]
    # no scripts, no external requests of any kind, no images
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert parts.alle(tag) == [], tag
    without_namespace = html_text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert (
        "http:" not in without_namespace
        and "https:" not in without_namespace
        and "//" not in re.sub(r"/\*.*?\*/", "", without_namespace, flags=re.S)
    )
    assert "url(" not in html_text and "@import" not in html_text and "@font-face" not in html_text
    assert not [attrs for _, attrs in parts.tags if "src" in attrs or "onload" in attrs or "onclick" in attrs]
    # every table has a caption first, every column header its scope
    assert parts.tabellen and all(inside[0] == "caption" for inside in parts.tabellen)
    assert parts.th_im_kopf and all(th.get("scope") == "col" for th in parts.th_im_kopf)
    # print: A4, a page break before each field of action, repeated table headers
    assert re.search(r"@page \{\s*size: A4;\s*margin: [^;]+;", html_text)
    assert re.search(r"thead \{\s*display: table-header-group;", html_text)
    assert re.search(r"\.neue-seite \{\s*break-before: page;", html_text)
    assert re.search(r"tr,\s*figure,[^{]*\{\s*break-inside: avoid;", html_text)
    assert "font-family: var(--schrift)" in html_text and "system-ui" in html_text


def test_html_rat_sections_and_status_labels(tmp_path: Path) -> None:
    html_text = render_file(BERICHTSSTADT, tmp_path / "rat.html", "rat", "--jahr", "2010", "--format", "html")
    parts = gliederung(html_text)
    assert parts.texte["h2"] == [
        "Inhalt",
        "Zusammenfassung",
        *FELDER,
        "Finanzen",
        "Jahreskonferenz 2010",
        "Arbeit der Gruppen",
    ]
    sections = [attrs for attrs in parts.alle("section") if "feld" in (attrs.get("class") or "").split()]
    assert [s["id"] for s in sections] == ["feld-bildung", "feld-wohnen", "feld-dialog"]
    assert all("neue-seite" in (s.get("class") or "") for s in sections)
    # the Ampel, and a line chart for each indicator with numbers (not I-BIL-03 without values, not I-DIA-02: ja/nein)
    assert html_text.count("<svg ") == 6 and html_text.count('role="img"') == 6
    # colour always comes with text: the status cell of the overdue measure
    assert (
        '<span class="status"><span class="marke marke-rot" aria-hidden="true"></span>'
        '<span class="nur-vorlesen">Ampel rot: </span>In Umsetzung<br><span class="hinweis">überfällig</span></span>'
    ) in html_text
    labelled = re.findall(
        r'<span class="status"><span class="marke marke-(\w+)" aria-hidden="true"></span>'
        r'<span class="nur-vorlesen">Ampel (\w+): </span>([^<]+)<',
        html_text,
    )
    assert len(labelled) == html_text.count('<span class="status">') == 15
    assert {(marke, name) for marke, name, _ in labelled} <= {
        ("gruen", "grün"),
        ("gelb", "gelb"),
        ("rot", "rot"),
        ("grau", "grau"),
    }
    assert '<p class="leer">Keine Kosten erfasst.</p>' in html_text
    assert '<td>Produktkonto 03.01.01<br><span class="klein">Landesförderung „Gute Schule“</span></td>' in html_text


# --- Every data text is escaped, every empty list a sentence ---------------------------------------

GIFT = "Gift | *fett* _kursiv_ [Link](https://gift.invalid) <b>roh</b> `code`\n# Titel\n- Punkt\n1. Liste"


def vergiften(obj: Any, leeren: bool) -> Any:
    """Replace every text of a report context by GIFT (and, with ``leeren``, every list by [])."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "ampel" and isinstance(value, str):
                continue  # a vocabulary key the templates look up, not text
            changes[f.name] = vergiften(value, leeren)
        return dataclasses.replace(obj, **changes)
    if isinstance(obj, str):
        return GIFT
    if isinstance(obj, list):
        keep = obj and isinstance(obj[0], Feldbericht | Gruppenbericht)
        return [vergiften(x, leeren) for x in obj] if keep or not leeren else []
    if isinstance(obj, tuple):
        return tuple(vergiften(x, leeren) for x in obj)
    if isinstance(obj, dict):
        return {k: vergiften(v, leeren) for k, v in obj.items()}
    return obj


def kontexte(snap: Snapshot, leeren: bool) -> list[tuple[str, Any]]:
    index = {
        "projekt": GIFT,
        "kommune": GIFT,
        "vorlage": GIFT,
        "berichte": [] if leeren else [Indexeintrag(2010, GIFT, GIFT, GIFT, GIFT)],
    }
    return [
        ("rat", vergiften(rat(snap, 2010), leeren)),
        ("jahreskonferenz", vergiften(konferenz(snap, 2010), leeren)),
        ("index", index),
    ]


@pytest.mark.parametrize("leeren", [False, True], ids=["texte", "leere-listen"])
def test_every_data_text_is_escaped(snap: Snapshot, leeren: bool) -> None:
    templates = Templates((PACKAGE_TEMPLATES,))
    for name, ctx in kontexte(snap, leeren):
        html_text = render_text(templates, f"{name}.html.j2", ctx)
        assert "<b>" not in html_text and "&lt;b&gt;roh&lt;/b&gt;" in html_text, name
        assert not re.search(r"<tbody>\s*</tbody>", html_text), name
        assert len(gliederung(html_text).texte["h1"]) == 1
        if name == "index":
            continue
        text = render_text(templates, f"{name}.md.j2", ctx)
        markdown_tabellen(text)
        headings = markdown_ueberschriften(text)
        rendered = gfm(text)
        for tag in ("<b>", "<a ", "<code>", "<em>", "<h1>Titel", "<pre>"):
            assert tag not in rendered, (name, tag)
        assert rendered.count("<h1>") == 1 and rendered.count("<h2>") == len([h for h in headings if h[:3] == "## "])
        assert rendered.count("<ol>") == (1 if name == "jahreskonferenz" and not leeren else 0)
        assert rendered.count("<table>") == len(markdown_tabellen(text))


def test_templates_mark_only_the_chart_as_safe() -> None:
    for path in sorted(PACKAGE_TEMPLATES.glob("*.j2")):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\{\{(.*?)\}\}", source, flags=re.S):
            if "safe" in match.group(1):
                assert re.fullmatch(r"\s*(ampel|indikator)_chart\(.*\)\|safe\s*", match.group(1), flags=re.S), path.name
        assert "now(" not in source and "datetime" not in source, path.name


# --- The shipped data -------------------------------------------------------------------------------


def test_shipped_data_2009_markdown() -> None:
    out = render_cli(REPO, "rat", "--jahr", "2009")
    assert out.startswith("# Bericht an den Rat 2009\n\n**Stadt Lünen** · Lüner Dialog\n")
    assert "| Grundlage | Vorlage 56/08 vom 25.09.2008 |\n" in out
    h2 = [h for h in markdown_ueberschriften(out) if h.startswith("## ")]
    assert h2 == [
        "## Zusammenfassung",
        *[f"## {name}" for name in REAL_FELDER],
        "## Finanzen",
        "## Jahreskonferenz 2009",
        "## Arbeit der Gruppen",
    ]
    assert "Für das Jahr 2009 ist keine Jahreskonferenz erfasst.\n" in out
    assert "## Finanzen\n\nKeine Kosten erfasst.\n" in out
    markdown_tabellen(out)
    jk = render_cli(REPO, "jahreskonferenz", "--jahr", "2009")
    assert jk.startswith("# Jahreskonferenz 2009\n")
    assert "## Präambel: Grundsätze\n\nDer „Lüner Dialog – Integration gemeinsam gestalten“ ist ein auf Dauer" in jk
    assert "\n1. Wir gehen mit Respekt und gegenseitiger Akzeptanz miteinander um." in jk
    markdown_tabellen(jk)


def test_shipped_data_2009_html(tmp_path: Path) -> None:
    html_text = render_file(REPO, tmp_path / "rat.html", "rat", "--jahr", "2009", "--format", "html")
    parts = gliederung(html_text)
    assert parts.texte["h1"] == ["Bericht an den Rat 2009"]
    for name in REAL_FELDER:
        assert parts.texte["h2"].count(name) == 1, name
    assert parts.texte["title"] == ["Bericht an den Rat 2009 – Stadt Lünen"]
    assert '<p class="leer">Für das Jahr 2009 ist keine Jahreskonferenz erfasst.</p>' in html_text
    jk = gliederung(render_file(REPO, tmp_path / "jk.html", "jahreskonferenz", "--jahr", "2009", "--format", "html"))
    assert jk.texte["h1"] == ["Jahreskonferenz 2009"]
    assert "Präambel: Grundsätze" in jk.texte["h2"]
