"""``bericht alle``: every option is honoured (--jahr, --stichtag with --jahr, --vorlagen, --format pdf)
or refused with a German message, and a refusal writes nothing."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from luedialog import nebenher
from luedialog.reports import build
from luedialog.reports.render import pdf_install_command
from tests.conftest import FIXTURES, run_cli
from tests.reports.conftest import weasyprint_fehlt

BERICHTSSTADT = FIXTURES / "berichtsstadt"
needs_second_process = pytest.mark.skipif(not nebenher.usable(), reason="braucht Linux mit zwei nutzbaren Kernen")


def alle(target: Path, *args: str) -> tuple[int, str]:
    result = run_cli("--daten", str(BERICHTSSTADT), "bericht", "alle", "--ausgabe", str(target), *args)
    assert result.stdout == ""
    return result.exit_code, result.stderr


def test_jahr_writes_only_the_reports_of_that_year(tmp_path: Path) -> None:
    target = tmp_path / "berichte"
    assert alle(target, "--jahr", "2010") == (
        0,
        f"Geschrieben: 5 Dateien in {target} (Einstieg: {target / 'index.html'})\n",
    )
    reports = {"rat-2010.html", "rat-2010.md", "jahreskonferenz-2010.html", "jahreskonferenz-2010.md"}
    assert {p.name for p in target.iterdir()} == reports | {"index.html"}
    index = (target / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="([^"]+)"', index)) == reports
    assert re.findall(r"<h2>(\d+)</h2>", index) == ["2010"]


def test_stichtag_with_jahr_is_the_state_of_every_report(tmp_path: Path) -> None:
    target = tmp_path / "berichte"
    assert alle(target, "--jahr", "2010", "--stichtag", "30.06.2010")[0] == 0
    index = (target / "index.html").read_text(encoding="utf-8")
    assert index.count("(Stand 30.06.2010; ") == 2
    rat = (target / "rat-2010.md").read_text(encoding="utf-8")
    assert "| Stichtag | 30.06.2010 |" in rat
    single = run_cli("--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", "2010", "--stichtag", "30.06.2010")
    assert single.stdout == rat


def test_stichtag_without_jahr_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "berichte"
    assert alle(target, "--stichtag", "31.12.2010") == (
        2,
        "Fehler: --stichtag gilt für ein Berichtsjahr: bei „bericht alle“ nur zusammen mit --jahr. "
        "Ohne --stichtag gilt für jedes Jahr der 31.12. (im laufenden Jahr heute).\n",
    )
    assert not target.exists()


def test_jahr_outside_the_process_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "berichte"
    assert alle(target, "--jahr", "2005") == (2, "Fehler: --jahr 2005 liegt außerhalb des Prozesses (2009–2012).\n")
    assert not target.exists()


def test_ausgabe_is_required() -> None:
    result = run_cli("--daten", str(BERICHTSSTADT), "bericht", "alle", "--format", "pdf")
    assert (result.exit_code, result.stderr) == (2, "Fehler: bericht alle braucht --ausgabe ORDNER.\n")


def test_own_templates_are_used_for_every_report(tmp_path: Path) -> None:
    own = tmp_path / "vorlagen"
    own.mkdir()
    (own / "rat.md.j2").write_text("Eigener Bericht {{ bericht.kopf.jahr }}\n", encoding="utf-8")
    target = tmp_path / "berichte"
    assert alle(target, "--vorlagen", str(own))[0] == 0
    assert [(target / f"rat-{j}.md").read_text(encoding="utf-8") for j in range(2009, 2013)] == [
        f"Eigener Bericht {j}\n" for j in range(2009, 2013)
    ]
    assert (target / "jahreskonferenz-2010.md").read_text(encoding="utf-8").startswith("# Jahreskonferenz 2010\n")


def test_missing_templates_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "berichte"
    code, stderr = alle(target, "--vorlagen", str(tmp_path / "fehlt"))
    assert (code, stderr) == (
        1,
        f"Fehler: Der Vorlagenordner {tmp_path / 'fehlt'} existiert nicht. Prüfen Sie --vorlagen.\n",
    )
    assert not target.exists()


def test_format_pdf_without_weasyprint_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if the extra were not installed
    target = tmp_path / "berichte"
    assert alle(target, "--format", "pdf") == (
        1,
        "Fehler: Für PDF wird WeasyPrint gebraucht, das nicht installiert ist. Installieren Sie es mit: "
        f"{pdf_install_command()} – oder wählen Sie --format html.\n",
    )
    assert not target.exists()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_format_md_or_html_writes_both_as_always(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "berichte"
    assert alle(target, "--jahr", "2011", "--format", fmt)[0] == 0
    assert {p.name for p in target.iterdir()} == {
        "index.html",
        "rat-2011.html",
        "rat-2011.md",
        "jahreskonferenz-2011.html",
        "jahreskonferenz-2011.md",
    }


@pytest.mark.slow
@pytest.mark.skipif(weasyprint_fehlt() is not None, reason=weasyprint_fehlt() or "")
def test_format_pdf_writes_the_pdfs_too(tmp_path: Path) -> None:
    target = tmp_path / "berichte"
    assert alle(target, "--jahr", "2010", "--format", "pdf") == (
        0,
        f"Geschrieben: 7 Dateien in {target} (Einstieg: {target / 'index.html'})\n",
    )
    names = {p.name for p in target.iterdir()}
    assert names == {"index.html"} | {
        f"{r}-2010.{f}" for r in ("rat", "jahreskonferenz") for f in ("html", "md", "pdf")
    }
    for report in ("rat", "jahreskonferenz"):
        assert (target / f"{report}-2010.pdf").read_bytes().startswith(b"%PDF-")
    single = tmp_path / "rat-2010.pdf"
    run_cli(
        "--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", "2010", "--format", "pdf", "--ausgabe", str(single)
    )
    assert (target / "rat-2010.pdf").read_bytes() == single.read_bytes()
    index = (target / "index.html").read_text(encoding="utf-8")
    assert '<a href="rat-2010.pdf">PDF</a>, <a href="rat-2010.md">Markdown</a>' in index


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _note_who_renders(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each report context notes the process that makes it (both processes append to ``log``)."""
    made = build.report_context

    def noted(*args: object, **kwargs: object) -> object:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return made(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "report_context", noted)


@needs_second_process
def test_with_a_second_process_every_file_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = tmp_path / "allein"
    assert alle(alone)[0] == 0
    monkeypatch.setattr(build, "RENDER_PARALLEL_FROM", 0)
    log = tmp_path / "wer.txt"
    _note_who_renders(monkeypatch, log)
    shared = tmp_path / "zwei"
    assert alle(shared) == (0, f"Geschrieben: 17 Dateien in {shared} (Einstieg: {shared / 'index.html'})\n")
    assert _files(shared) == _files(alone)
    processes = log.read_text(encoding="utf-8").split()
    assert len(processes) == 8 and processes.count(str(os.getpid())) == 4  # both reports of 2010 and 2012 elsewhere


@needs_second_process
def test_a_template_error_in_a_report_of_the_second_process_is_the_same_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "vorlagen"
    own.mkdir()
    (own / "rat.md.j2").write_text(
        "{% if bericht.kopf.jahr == 2012 %}{{ gibt_es_nicht }}{% endif %}Bericht\n", encoding="utf-8"
    )
    alone = alle(tmp_path / "allein", "--vorlagen", str(own))
    assert alone[0] == 1 and "gibt_es_nicht" in alone[1]
    monkeypatch.setattr(build, "RENDER_PARALLEL_FROM", 0)
    target = tmp_path / "zwei"
    assert alle(target, "--vorlagen", str(own)) == alone
    assert not target.exists()


@needs_second_process
def test_the_first_failing_report_gives_the_message_also_when_a_later_one_fails_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """rat 2010 (rendered by the second process) and rat 2011 (by this one) both fail: as in one
    process, the message is the one of 2010."""
    own = tmp_path / "vorlagen"
    own.mkdir()
    (own / "rat.md.j2").write_text(
        "{% if bericht.kopf.jahr == 2010 %}{{ erst_2010 }}{% endif %}"
        "{% if bericht.kopf.jahr == 2011 %}{{ dann_2011 }}{% endif %}Bericht\n",
        encoding="utf-8",
    )
    alone = alle(tmp_path / "allein", "--vorlagen", str(own))
    assert alone[0] == 1 and "erst_2010" in alone[1]
    monkeypatch.setattr(build, "RENDER_PARALLEL_FROM", 0)
    log = tmp_path / "wer.txt"
    _note_who_renders(monkeypatch, log)
    assert alle(tmp_path / "zwei", "--vorlagen", str(own)) == alone
    assert str(os.getpid()) in log.read_text(encoding="utf-8").split()  # rat 2009 and 2011 here


@pytest.mark.parametrize("parallel", [False, True])
def test_an_error_while_rendering_comes_before_a_syntax_error_in_a_later_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    """The templates are compiled before the reports are rendered, but an error comes in the order
    of the reports: first rat.html.j2 of 2009, not the syntax error of a later template."""
    own = tmp_path / "vorlagen"
    own.mkdir()
    (own / "rat.html.j2").write_text("{{ unbekannt }}\n", encoding="utf-8")
    (own / "jahreskonferenz.md.j2").write_text("{% if %}\n", encoding="utf-8")
    if parallel:
        monkeypatch.setattr(build, "RENDER_PARALLEL_FROM", 0)
    target = tmp_path / "berichte"
    code, stderr = alle(target, "--vorlagen", str(own))
    assert (code, stderr.split("(Jinja2:")[0]) == (
        1,
        "Fehler: Die Vorlage rat.html.j2 verwendet einen Wert, den es nicht gibt ",
    )
    assert not target.exists()
