"""The indicators in the council report: the context (values per year, target, assessment), the SVG line
chart with exact points for a small series, and the same data as a table after each chart (HTML) or as a
table (Markdown). On Berichtsstadt, whose indicators have known values."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from luedialog.reports.context import ratsbericht
from luedialog.reports.diagramm import indikator_chart, nice_scale
from luedialog.reports.indikatoren import FARBEN, Diagramm, Indikatorbericht, Linie, Tabellenzeile
from luedialog.services.project import open_project
from luedialog.snapshot import Snapshot
from tests.conftest import FIXTURES, REPO
from tests.reports.test_reports import gfm, markdown_tabellen, render_cli, render_file

BERICHTSSTADT = FIXTURES / "berichtsstadt"


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    return open_project(BERICHTSSTADT).snapshot


def indikatoren(snap: Snapshot, jahr: int, feld: str) -> dict[str, Indikatorbericht]:
    bericht = ratsbericht(snap, jahr, date(jahr, 12, 31))
    return {i.id: i for f in bericht.felder if f.schluessel == feld for i in f.indikatoren}


def test_each_field_has_its_indicators(snap: Snapshot) -> None:
    bericht = ratsbericht(snap, 2010, date(2010, 12, 31))
    assert {f.schluessel: [i.id for i in f.indikatoren] for f in bericht.felder} == {
        "bildung": ["I-BIL-01", "I-BIL-02", "I-BIL-03"],
        "wohnen": ["I-WOH-01", "I-WOH-02"],
        "dialog": ["I-DIA-01", "I-DIA-02"],
    }


def test_context_of_an_indicator_with_a_correction(snap: Snapshot) -> None:
    i = indikatoren(snap, 2011, "bildung")["I-BIL-02"]
    assert (i.name, i.einheit, i.bezug, i.ziel, i.quelle) == (
        "Anteil der Nichtschwimmer am Ende der Grundschule",
        "Prozent",
        "L-BIL-1",
        "sinken",
        "Schulamt, Schwimmabzeichen der 4. Klassen",
    )
    assert (i.bewertung, i.bewertung_text, i.ampel) == ("auf_kurs", "auf Kurs", "gruen")
    assert i.werte_je_jahr == "2009: 20 % · 2010: 22 % · 2011: 18 %"
    assert (i.spalten, i.zeilen) == (
        ["Jahr", "Gesamt"],
        [Tabellenzeile("2009", ["20 %"]), Tabellenzeile("2010", ["22 %"]), Tabellenzeile("2011", ["18 %"])],
    )
    assert i.korrekturen == [
        "Wert für 2010 am 10.01.2011 berichtigt (12 % → 22 %): Tippfehler beim Eintragen (22 statt 12)."
    ]
    # the report for 2010 is the same today as it was then: the correction came in 2011
    before = indikatoren(snap, 2010, "bildung")["I-BIL-02"]
    assert (before.werte_je_jahr, before.korrekturen) == ("2009: 20 % · 2010: 12 %", [])


def test_breakdowns_are_columns_and_the_gap_has_its_own(snap: Snapshot) -> None:
    kita = indikatoren(snap, 2010, "bildung")["I-BIL-01"]
    assert kita.spalten == ["Jahr", "Gesamt", "Stadtteil: Nordviertel", "Stadtteil: Südhafen"]
    assert kita.zeilen[-1] == Tabellenzeile("2010", ["80 %", "85 %", "72,5 %"])
    assert kita.zeilen[0] == Tabellenzeile("2008", ["70 %", "–", "–"])
    dialog = indikatoren(snap, 2011, "dialog")["I-DIA-01"]
    assert dialog.spalten == ["Jahr", "Zuwanderungsgeschichte: mit", "Zuwanderungsgeschichte: ohne", "Abstand"]
    assert dialog.zeilen[-1] == Tabellenzeile("2011", ["33 %", "33,5 %", "0,5 Prozentpunkte"])
    assert dialog.diagramm is not None and dialog.diagramm.ziel is None


def test_no_chart_for_ja_nein_or_without_values(snap: Snapshot) -> None:
    assert indikatoren(snap, 2011, "dialog")["I-DIA-02"].diagramm is None
    empty = indikatoren(snap, 2011, "bildung")["I-BIL-03"]
    assert (empty.diagramm, empty.zeilen, empty.werte_je_jahr) == (None, [], "–")


def test_target_line_and_lines_per_breakdown(snap: Snapshot) -> None:
    d = indikatoren(snap, 2010, "bildung")["I-BIL-01"].diagramm
    assert d is not None
    assert (d.ziel, d.ziel_bis, d.ziel_name, d.jahre) == (
        90.0,
        2012.0,
        "Ziel: steigen, Zielwert 90 % bis 2012",
        [2008, 2009, 2010, 2011, 2012],
    )
    assert [(line.name, line.farbe, line.strich, line.punkte) for line in d.linien] == [
        ("Gesamt", "#0B5FA5", "", [(2008.0, 70.0), (2009.0, 74.0), (2010.0, 80.0)]),
        ("Stadtteil: Nordviertel", "#B3470C", "7 4", [(2010.0, 85.0)]),
        ("Stadtteil: Südhafen", "#1B7F4B", "2 3", [(2010.0, 72.5)]),
    ]


def test_exact_svg_points_of_a_small_series(snap: Snapshot) -> None:
    d = indikatoren(snap, 2011, "bildung")["I-BIL-02"].diagramm
    assert d is not None
    svg = indikator_chart(d)
    # x: 2008,5 … 2011,5 over 64 … 624 px; y: 0 … 30 % over 204 … 24 px
    assert (
        '<polyline fill="none" stroke="#0B5FA5" stroke-width="2.5" points="157.3,84.0 344.0,72.0 530.7,96.0"/>' in svg
    )
    assert re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="3.5" fill="#0B5FA5"><title>([^<]*)</title>', svg) == [
        ("157.3", "84.0", "Gesamt 2009: 20 %"),
        ("344.0", "72.0", "Gesamt 2010: 22 %"),
        ("530.7", "96.0", "Gesamt 2011: 18 %"),
    ]
    ticks = re.findall(r'<text x="58" y="([\d.]+)" font-size="12" fill="#222" text-anchor="end">([^<]*)</text>', svg)
    assert ticks == [("208.0", "0"), ("148.0", "10"), ("88.0", "20"), ("28.0", "30")]
    years = re.findall(r'text-anchor="middle">(\d{4})</text>', svg)
    assert years == ["2009", "2010", "2011"]
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" width="640" height="260" viewBox="0 0 640 260" '
        'aria-label="Liniendiagramm: Anteil der Nichtschwimmer am Ende der Grundschule. Die Werte stehen in der '
        'Tabelle darunter.">'
    )
    # the legend names the line next to its colour
    assert '<text x="108" y="248" font-size="12" fill="#222">Gesamt</text>' in svg


def test_the_target_line_ends_at_the_target_year(snap: Snapshot) -> None:
    d = indikatoren(snap, 2010, "bildung")["I-BIL-01"].diagramm
    assert d is not None
    svg = indikator_chart(d)
    # years 2007,5 … 2012,5 (the target year is on the axis); 90 % on 0 … 100 %
    assert (
        '<line x1="64" y1="42.0" x2="568.0" y2="42.0" stroke="#222" stroke-width="1.5" stroke-dasharray="4 4">'
        "<title>Ziel: steigen, Zielwert 90 % bis 2012</title></line>"
    ) in svg
    assert '<text x="108" y="308" font-size="12" fill="#222">Ziel: steigen, Zielwert 90 % bis 2012</text>' in svg
    assert svg.count("<polyline ") == 1  # the districts have one value each: a point, no line


def test_chart_escapes_the_data() -> None:
    d = Diagramm(
        titel='<b>"Titel"</b>',
        einheit="Anzahl",
        linien=[Linie("<i>Reihe</i>", "#0B5FA5", "", [(2010.0, 1.0)], ["<i>2010</i>"])],
        ziel=None,
        ziel_bis=None,
        ziel_name="",
        jahre=[2010],
        prozent=False,
    )
    svg = indikator_chart(d)
    assert "<b>" not in svg and "<i>" not in svg
    assert "&lt;b&gt;&quot;Titel&quot;&lt;/b&gt;" in svg and "&lt;i&gt;Reihe&lt;/i&gt;" in svg


@pytest.mark.parametrize(
    ("low", "high", "prozent", "scale"),
    [
        (18, 22, True, (0, 30, 10)),
        (70, 92, True, (0, 100, 25)),
        (0, 0, False, (0, 1, 0.25)),
        (6.2, 7.1, False, (0, 8, 2)),
        (-3, 12, False, (-5, 15, 5)),
        (40, 55, False, (0, 60, 20)),
        (0, 5e-324, False, (0, 1, 0.25)),  # a span that underflows: as if all were equal
        (-1e15, 1e15, False, (-1e15, 1e15, 5e14)),  # the largest values the schema allows
    ],
)
def test_nice_scale(low: float, high: float, prozent: bool, scale: tuple[float, float, float]) -> None:
    assert nice_scale(low, high, prozent) == scale


def test_line_colours_have_enough_contrast_on_white() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    ratios = {colour: 1.05 / (luminance(colour) + 0.05) for colour in FARBEN}
    assert min(ratios.values()) >= 4.5, ratios  # lines 3:1 (WCAG 1.4.11); these even hold text
    assert len(set(FARBEN)) == len(FARBEN)


def test_html_each_chart_is_followed_by_its_table(tmp_path: Path) -> None:
    html_text = render_file(BERICHTSSTADT, tmp_path / "rat.html", "rat", "--jahr", "2011", "--format", "html")
    figures = re.findall(
        r'<figure class="diagramm">\n<figcaption>([^<]*)</figcaption>\n<svg .*?</svg>\n</figure>\n(.{0,120})',
        html_text,
        re.S,
    )
    charts = [caption for caption, _ in figures if "Verlauf" in caption]
    assert charts == [
        "Anteil der Kinder in einer Kindertagesstätte: Verlauf und Ziel (die Werte stehen in der Tabelle darunter)",
        "Anteil der Nichtschwimmer am Ende der Grundschule: Verlauf (die Werte stehen in der Tabelle darunter)",
        "Durchschnittliche Nettokaltmiete je Quadratmeter: Verlauf (die Werte stehen in der Tabelle darunter)",
        "Geförderte Wohnungen: Verlauf (die Werte stehen in der Tabelle darunter)",
        "Anteil der Einwohner, die ein Begegnungsangebot nutzen: Verlauf (die Werte stehen in der Tabelle darunter)",
    ]
    assert all(
        after.startswith('<div class="tabelle">\n<table>\n<caption>Werte: ')
        for caption, after in figures
        if "Verlauf" in caption
    )
    assert (
        '<td><span class="bewertung"><span class="marke marke-rot" aria-hidden="true"></span>nicht auf Kurs</span><br>'
        '<span class="klein">gleich bleiben: der letzte Wert (2011: 7,10 €) weicht um 0,90 € vom ersten Wert im '
        "Prozesszeitraum (2009: 6,20 €) ab; erlaubt sind 0,50 €.</span></td>"
    ) in html_text
    assert "<h4>I-DIA-02: Stadtportal in mehreren Sprachen</h4>" in html_text
    assert (
        "<li>Wert für 2010 am 10.01.2011 berichtigt (12 % → 22 %): Tippfehler beim Eintragen (22 statt 12).</li>"
        in html_text
    )


def test_markdown_has_the_same_as_tables() -> None:
    out = render_cli(BERICHTSSTADT, "rat", "--jahr", "2011")
    assert (
        "| **I-WOH-02** Geförderte Wohnungen (Anzahl, misst L-WOH-2) | 2009: 40 · 2010: 40 · 2011: 55 | steigen | "
        "**auf Kurs**: steigen: der letzte Wert (2011: 55) liegt über dem ersten im Prozesszeitraum (2009: 40). |\n"
    ) in out
    assert (
        "#### I-WOH-01: Durchschnittliche Nettokaltmiete je Quadratmeter\n\n"
        "Ziel laut Vorlage 7/08, Anlage 1, Wohnen & Leben, Nr. 2: „Es gibt bezahlbaren Wohnraum für alle "
        "Generationen.“ "
        "· Quelle der Werte: Mietspiegel\n\n"
        "| Jahr | Gesamt |\n|---|--:|\n| 2009 | 6,20 € |\n| 2010 | 6,50 € |\n| 2011 | 7,10 € |\n\n"
    ) in out
    assert "### Indikatoren\n\nZu diesem Handlungsfeld ist kein Indikator erfasst.\n\n### Maßnahmen" not in out
    tables = markdown_tabellen(out)
    assert len(tables) == gfm(out).count("<table>")


def test_shipped_report_lists_the_indicators_without_values() -> None:
    out = render_cli(REPO, "rat", "--jahr", "2010")
    assert (
        "| **I-BEK-03** Quote von Schülerinnen und Schülern ohne Schulabschluss (Prozent, misst L-BEK-C7, Unterziel 2) "
        "| – | sinken | **keine Daten**: Bis zum Stichtag ist kein Wert erfasst. |\n"
    ) in out
    assert "| **I-BEK-01** Netzwerk Integration (ja/nein, misst L-BEK-C2, Unterziel 1) | – | ja bis 2009 |" in out
    assert out.count("Bis zum Stichtag ist kein Wert erfasst.\n") == 6
    # Stadtentwicklung und Wohnen: the paper names no indicator there
    wohnen = out[out.index("## Stadtentwicklung und Wohnen") : out.index("## Interkultureller Dialog")]
    assert "### Indikatoren\n\nZu diesem Handlungsfeld ist kein Indikator erfasst.\n\n### Maßnahmen" in wohnen
