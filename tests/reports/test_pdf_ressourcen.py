"""An HTML report becomes a PDF with resources from the project only: a stylesheet, picture or font
named in a template (or in a value that got into one) is loaded if it is a file inside the project
or a ``data:`` URI, never from elsewhere on the machine (``file:///home/…``, a link out of the
project) and never from the network."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from luedialog.reports.render import html_to_pdf
from tests.reports.conftest import weasyprint_fehlt
from tests.reports.pdftext import POPPLER_MISSING, POPPLER_REASON, text

WEASYPRINT_REASON = weasyprint_fehlt()
pytestmark = [
    pytest.mark.skipif(WEASYPRINT_REASON is not None, reason=WEASYPRINT_REASON or ""),
    pytest.mark.skipif(bool(POPPLER_MISSING), reason=POPPLER_REASON),
]


def stylesheet(folder: Path, name: str, word: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f'main::after {{ content: " {word}"; }}\n', encoding="utf-8")
    return path


def pdf_text(tmp_path: Path, projekt: Path, head: str) -> str:
    html = f'<!DOCTYPE html><html lang="de"><head><title>T</title>{head}</head><body><main>Bericht</main></body></html>'
    pdf = tmp_path / "bericht.pdf"
    pdf.write_bytes(html_to_pdf(html, projekt, date(2010, 12, 31)))
    return " ".join(text(pdf).split())


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b'main::after { content: " AUSDEMNETZ"; }')

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/stil.css", asked
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_stylesheet_inside_the_project_is_used(tmp_path: Path) -> None:
    projekt = tmp_path / "stadt"
    inside = stylesheet(projekt / "templates", "eigen.css", "INNERHALB")
    assert pdf_text(tmp_path, projekt, f'<link rel="stylesheet" href="{inside.as_uri()}">') == "Bericht INNERHALB"


def test_a_relative_stylesheet_is_found_in_the_project(tmp_path: Path) -> None:
    projekt = tmp_path / "stadt"
    stylesheet(projekt / "templates", "eigen.css", "RELATIV")
    assert pdf_text(tmp_path, projekt, '<link rel="stylesheet" href="templates/eigen.css">') == "Bericht RELATIV"


def test_a_file_outside_the_project_is_not_loaded(tmp_path: Path) -> None:
    projekt = tmp_path / "stadt"
    projekt.mkdir()
    outside = stylesheet(tmp_path / "privat", "geheim.css", "AUSSERHALB")
    assert pdf_text(tmp_path, projekt, f'<link rel="stylesheet" href="{outside.as_uri()}">') == "Bericht"
    assert pdf_text(tmp_path, projekt, '<link rel="stylesheet" href="../privat/geheim.css">') == "Bericht"


def test_a_link_out_of_the_project_is_not_followed(tmp_path: Path) -> None:
    projekt = tmp_path / "stadt"
    (projekt / "templates").mkdir(parents=True)
    outside = stylesheet(tmp_path / "privat", "geheim.css", "AUSSERHALB")
    (projekt / "templates" / "eigen.css").symlink_to(outside)
    assert pdf_text(tmp_path, projekt, '<link rel="stylesheet" href="templates/eigen.css">') == "Bericht"


def test_nothing_is_fetched_from_the_network(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    url, asked = server
    projekt = tmp_path / "stadt"
    projekt.mkdir()
    head = f'<link rel="stylesheet" href="{url}"><link rel="icon" href="{url}">'
    assert (pdf_text(tmp_path, projekt, head), asked) == ("Bericht", [])


def test_a_data_uri_is_used(tmp_path: Path) -> None:
    projekt = tmp_path / "stadt"
    projekt.mkdir()
    head = '<link rel="stylesheet" href="data:text/css,main::after%7Bcontent:%22%20DATEN%22%7D">'
    assert pdf_text(tmp_path, projekt, head) == "Bericht DATEN"


def attachments(tmp_path: Path, projekt: Path, body: str) -> list[str]:
    """The names of the files the PDF of ``body`` carries as attachments (``pdfdetach -list``)."""
    import shutil
    import subprocess

    if shutil.which("pdfdetach") is None:
        pytest.skip("poppler-utils fehlt (pdfdetach): Anhänge des PDF nicht geprüft (apt install poppler-utils)")
    html = f'<!DOCTYPE html><html lang="de"><head><title>T</title></head><body><main>{body}</main></body></html>'
    pdf = tmp_path / "bericht.pdf"
    pdf.write_bytes(html_to_pdf(html, projekt, date(2010, 12, 31)))
    listed = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split(": ", 1)[1] for line in listed.splitlines()[1:]]


def test_a_template_attaches_no_git_file_data_file_or_other_file_of_the_project(tmp_path: Path) -> None:
    projekt = tmp_path / "stadt"
    (projekt / ".git").mkdir(parents=True)
    (projekt / ".git" / "config").write_text("url = https://user:TOKEN@example.org/x.git\n", encoding="utf-8")
    (projekt / "data" / "gruppen").mkdir(parents=True)
    (projekt / "data" / "gruppen" / "ag.yaml").write_text("person: Ohne Einwilligung\n", encoding="utf-8")
    (projekt / "kontakte.csv").write_text("Erika;0231 12345\n", encoding="utf-8")
    (projekt / "templates").mkdir()
    (projekt / "templates" / "logo.css").symlink_to(projekt / ".git" / "config")
    body = "".join(
        f'<a rel="attachment" href="{href}">x</a>'
        for href in (".git/config", "data/gruppen/ag.yaml", "luedialog.yaml", "kontakte.csv", "templates/logo.css")
    )
    (projekt / "luedialog.yaml").write_text("name: Stadt\n", encoding="utf-8")
    assert attachments(tmp_path, projekt, body) == []


def test_a_stylesheet_of_the_templates_may_still_be_attached(tmp_path: Path) -> None:
    projekt = tmp_path / "stadt"
    stylesheet(projekt / "templates", "eigen.css", "INNERHALB")
    assert attachments(tmp_path, projekt, '<a rel="attachment" href="templates/eigen.css">x</a>') == ["eigen.css"]
