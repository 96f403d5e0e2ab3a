"""Public and internal from one source: the terminal shows internal content to staff, marked
„intern“; ``export --oeffentlich`` and the reports never contain it; ``pruefen --oeffentlich``
finds what must not be published in a built folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Run, daten, run_cli
from tests.oeffentlich_daten import INTERNE_TEXTE, OEFFENTLICH, OHNE_EINWILLIGUNG, intern_projekt, korrektur


@pytest.fixture
def stadt(tmp_path: Path) -> Path:
    return intern_projekt(tmp_path / "stadt")


def _run(root: Path, *args: str) -> Run:
    return run_cli("--daten", str(root), *args)


def _none_internal(text: str) -> None:
    assert [t for t in INTERNE_TEXTE if t in text] == []


def test_zeige_shows_internal_entries_marked(stadt: Path) -> None:
    out = _run(stadt, "zeige", "M-BIL-01")
    assert out.exit_code == 0
    lines = [line.strip() for line in out.stdout.splitlines()]
    assert lines[lines.index("Kostenschätzung des Tiefbauamts liegt vertraulich vor.") + 1] == "(intern)"
    assert lines[lines.index("Von: Frau Bauer aus dem Tiefbauamt") + 1] == "(intern: notiz, von)"
    head = _run(stadt, "zeige", "M-BIL-09").stdout.splitlines()[0]
    assert head == "M-BIL-09 – Vertrauliche Prüfung des Schulhofs (intern)"


def test_status_shows_internal_changes_marked(stadt: Path) -> None:
    out = _run(stadt, "status", "--stichtag", "31.12.2010")
    assert out.exit_code == 0
    assert "In Umsetzung (intern: notiz, von)" in out.stdout
    assert "Empfohlen (intern)" in out.stdout  # the internal measure's first entry


def test_gruppen_shows_an_internal_meeting_marked(stadt: Path) -> None:
    out = _run(stadt, "gruppen", "ag-bildung", "--stichtag", "31.12.2010")
    assert out.exit_code == 0
    lines = [line.strip() for line in out.stdout.splitlines()]
    assert lines[lines.index("Sitzungen 2010 (3):") + 3] == "10.11.2010  Personalfragen der Begleitung (intern)"


def test_gruppen_shows_an_internal_membership_marked(stadt: Path) -> None:
    group = stadt / "data/gruppen/ag-bildung.yaml"
    text = group.read_text(encoding="utf-8")
    group.write_text(
        text.replace("    ende: 2011-02-28\n", "    ende: 2011-02-28\n    intern: [fuer]\n", 1), encoding="utf-8"
    )
    out = _run(stadt, "gruppen", "ag-bildung", "--stichtag", "31.12.2010")
    assert out.exit_code == 0, out.stdout
    assert (
        "  Otto Offen – Mitglied, für Grundschule am Park; seit 01.03.2009 bis 28.02.2011\n    (intern: fuer)\n"
        in out.stdout
    )


def test_export_shows_everything_export_oeffentlich_nothing_internal(stadt: Path) -> None:
    full = _run(stadt, "export", "--stichtag", "31.12.2010")
    assert [t for t in INTERNE_TEXTE if t not in full.stdout] == []
    public = _run(stadt, "export", "--oeffentlich", "--stichtag", "31.12.2010")
    assert public.exit_code == 0
    _none_internal(public.stdout)
    data = json.loads(public.stdout)
    assert [m["id"] for m in data["massnahmen"]] == ["M-BIL-01", "M-BIL-02", "M-WOH-01", "M-WOH-02"]
    assert OEFFENTLICH in public.stdout
    csv = _run(stadt, "export", "--oeffentlich", "--format", "csv", "--stichtag", "31.12.2010")
    _none_internal(csv.stdout)
    assert "M-BIL-09" not in csv.stdout and "M-BIL-01" in csv.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_council_report_never_contains_internal_content(stadt: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"rat.{fmt}"
    out = _run(stadt, "bericht", "rat", "--jahr", "2010", "--format", fmt, "--ausgabe", str(target))
    assert out.exit_code == 0, out.stderr
    text = target.read_text(encoding="utf-8")
    _none_internal(text)
    assert "M-BIL-09" not in text
    assert OEFFENTLICH in text


def test_a_correction_with_an_internal_reason_is_reported_without_it(stadt: Path) -> None:
    korrektur(stadt, "intern: [grund]")
    public = _run(stadt, "bericht", "rat", "--jahr", "2010", "--format", "md")
    assert public.exit_code == 0, public.stderr
    rows = [line for line in public.stdout.splitlines() if line.startswith("| 10.12.2010 | **M-BIL-01**")]
    assert len(rows) == 1 and rows[0].endswith(" | Datum: 16.03.2010 | – |")
    assert "Herrn Roth" not in public.stdout
    staff = _run(stadt, "bericht", "rat", "--jahr", "2010", "--format", "md", "--intern")
    assert "| Datum: 16.03.2010 | Tippfehler von Herrn Roth. |" in staff.stdout


def test_bericht_intern_includes_it_for_staff(stadt: Path) -> None:
    out = _run(stadt, "bericht", "rat", "--jahr", "2010", "--intern")
    assert out.exit_code == 0
    assert "Kostenschätzung des Tiefbauamts liegt vertraulich vor." in out.stdout
    assert "Vertrauliche Prüfung des Schulhofs" in out.stdout
    assert out.stderr == (
        "Achtung: Mit --intern enthält der Bericht Internes – nur für die Verwaltung, nicht veröffentlichen.\n"
    )


def test_pruefen_oeffentlich_passes_on_the_reports_and_finds_what_is_planted(stadt: Path, tmp_path: Path) -> None:
    folder = tmp_path / "berichte"
    assert _run(stadt, "bericht", "alle", "--ausgabe", str(folder)).exit_code == 0
    clean = _run(stadt, "pruefen", "--oeffentlich", str(folder))
    assert (clean.exit_code, clean.stdout) == (0, "")
    assert clean.stderr == "Nichts Internes, kein Name ohne Einwilligung: 17 Textdateien geprüft.\n"
    before = daten(stadt)
    (folder / "planted").mkdir()
    (folder / "planted/notiz.html").write_text(
        "<p>Kosten&shy;<b>schätzung</b></p><p>Kostenschätzung des Tiefbauamts liegt\n  vertraulich vor.</p>",
        encoding="utf-8",
    )
    (folder / "planted/namen.csv").write_text('"Rolle","Name"\n"Mitglied","Sabine  Geheim"\n', encoding="utf-8")
    (folder / "planted/bild.png").write_bytes(b"\x89PNG Sabine Geheim")
    found = _run(stadt, "pruefen", "--oeffentlich", str(folder))
    assert found.exit_code == 1
    assert found.stdout.splitlines() == [
        f"{folder}/planted/namen.csv: ein Name ohne Einwilligung (Mitglied von ag-bildung, steuerungsgruppe)",
        f"{folder}/planted/notiz.html: ein interner Text (Verlaufseintrag 4 von M-BIL-01)",
    ]
    assert found.stderr == (
        "19 Textdateien geprüft (1 andere Datei nicht gelesen): 2 Funde. Nicht veröffentlichen; "
        "erzeugen Sie den Ordner neu (ohne --intern).\n"
    )
    assert OHNE_EINWILLIGUNG not in found.stdout + found.stderr
    assert daten(stadt) == before


def test_pruefen_oeffentlich_finds_internal_reports(stadt: Path, tmp_path: Path) -> None:
    folder = tmp_path / "intern"
    assert _run(stadt, "bericht", "alle", "--jahr", "2010", "--intern", "--ausgabe", str(folder)).exit_code == 0
    found = _run(stadt, "pruefen", "--oeffentlich", str(folder))
    assert found.exit_code == 1
    assert f"{folder}/rat-2010.md: ein interner Text (Maßnahme M-BIL-09)" in found.stdout.splitlines()
    assert f"{folder}/rat-2010.html: ein interner Text (Sitzung vom 2010-11-10 von ag-bildung)" in found.stdout


def test_pruefen_oeffentlich_needs_a_folder(stadt: Path, tmp_path: Path) -> None:
    out = _run(stadt, "pruefen", "--oeffentlich", str(tmp_path / "fehlt"))
    assert out.exit_code == 1
    assert f"{tmp_path / 'fehlt'} ist kein Ordner." in out.stderr


def test_intern_must_be_ja_nein_or_fields_of_the_entry(stadt: Path) -> None:
    measure = stadt / "data/massnahmen/M-BIL-01.yaml"
    text = measure.read_text(encoding="utf-8")
    measure.write_text(
        text.replace("intern: ja", "intern: 1").replace("[notiz, von]", "[notiz, status]"), encoding="utf-8"
    )
    out = _run(stadt, "pruefen")
    assert out.exit_code == 1
    assert (
        "data/massnahmen/M-BIL-01.yaml:28: Fehler: Erwartet wird ja oder nein, oder eine Liste von Feldnamen, "
        "gefunden: die Zahl 1. [verlauf[4].intern]"
    ) in out.stdout
    assert (
        "data/massnahmen/M-BIL-01.yaml:33: Fehler: „status“ ist kein Feld, das hier intern sein kann. "
        "[verlauf[5].intern[2]] → Möglich: notiz, von, nachweis, fortschritt, verantwortlich, zieldatum, "
        "weitergeleitet_am."
    ) in out.stdout


def test_the_website_is_the_public_view_and_passes_the_scan(stadt: Path, tmp_path: Path) -> None:
    site = tmp_path / "public"
    built = _run(stadt, "seite", "--ausgabe", str(site), "--stichtag", "31.12.2010", "--ohne-pdf")
    assert built.exit_code == 0, built.stderr
    everything = b"".join(daten(site).values()).decode("utf-8")
    _none_internal(everything)
    assert OHNE_EINWILLIGUNG not in everything
    assert OEFFENTLICH in (site / "massnahmen" / "M-BIL-01.html").read_text(encoding="utf-8")
    assert not (site / "massnahmen" / "M-BIL-09.html").exists()  # the internal measure has no page
    assert json.loads((site / "daten" / "luedialog.json").read_text(encoding="utf-8")) == json.loads(
        _run(stadt, "export", "--oeffentlich", "--stichtag", "31.12.2010").stdout
    )
    scan = _run(stadt, "pruefen", "--oeffentlich", str(site))
    assert scan.exit_code == 0, scan.stdout + scan.stderr
