"""Every report of the shipped data and of the fixtures, each rendered once per test session.

A case is one report (rat or jahreskonferenz) of one project for one year of its process, up to the
current year: the same set ``bericht alle`` writes. The HTML comes through the CLI like a user gets
it; the PDF is made from that HTML by the functions ``bericht --format pdf`` uses
(:func:`luedialog.reports.render.pdf_document` and :func:`~luedialog.reports.render.pdf_bytes`), so
the test can also look at WeasyPrint's layout. ``test_pdf_layout`` checks that this is byte for byte
the PDF the CLI writes.
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from luedialog.reports.context import default_stichtag, konferenzdokument, ratsbericht
from luedialog.services.project import open_project
from tests.conftest import FIXTURES, REPO, run_cli

PROJEKTE = {
    "luenen": REPO,
    "berichtsstadt": FIXTURES / "berichtsstadt",
    "gruppenstadt": FIXTURES / "gruppenstadt",
    "musterstadt": FIXTURES / "musterstadt",
}
BERICHTE = ("rat", "jahreskonferenz")
# fields of the report rows that hold a recorded note (a Sachstand, a change, a finance remark)
NOTIZ_FELDER = ("letzte_notiz", "notiz")
# the rows whose ``id`` the report prints: measures and guidelines (a group's id is never shown)
ZEILEN_MIT_ID = ("Zeile", "Aenderungszeile", "Finanzzeile", "Leitlinienzeile")


def weasyprint_fehlt() -> str | None:
    """Why WeasyPrint cannot make PDFs here, or ``None`` if it can."""
    try:
        import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        return "WeasyPrint fehlt (pip install 'luedialog[pdf]'): PDF nicht geprüft"
    except OSError as exc:
        return f"WeasyPrint findet Pango nicht ({exc}): PDF nicht geprüft"
    return None


@dataclass(frozen=True)
class Fall:
    projekt: str
    bericht: str  # rat | jahreskonferenz
    jahr: int

    @property
    def name(self) -> str:
        return f"{self.projekt}-{self.bericht}-{self.jahr}"

    @property
    def stichtag(self) -> date:
        return default_stichtag(self.jahr, date.today())


def faelle() -> list[Fall]:
    """Every case, from the process period in each project's luedialog.yaml (read as plain YAML at
    collection: loading a project would already write its cache into the checked-in fixture)."""
    cases: list[Fall] = []
    for projekt, root in PROJEKTE.items():
        zeitraum = yaml.safe_load((root / "luedialog.yaml").read_text(encoding="utf-8"))["zeitraum"]
        first, last = zeitraum["beginn"].year, min(int(zeitraum["ende_jahr"]), date.today().year)
        cases.extend(Fall(projekt, bericht, jahr) for jahr in range(first, last + 1) for bericht in BERICHTE)
    return cases


ALLE = faelle()
PARAMS = [pytest.param(fall, id=fall.name) for fall in ALLE]


@dataclass(frozen=True)
class Inhalt:
    """What a report must show: every measure and guideline ID and every recorded note."""

    ids: frozenset[str]
    notizen: frozenset[str]


@functools.cache
def inhalt(fall: Fall, root: Path) -> Inhalt:
    """What the report of ``fall`` must show, computed from the project at ``root`` (a copy)."""
    snap = open_project(root).snapshot
    build = ratsbericht if fall.bericht == "rat" else konferenzdokument
    ids: set[str] = set()
    notes: set[str] = set()

    def walk(obj: Any) -> None:
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                if f.name in NOTIZ_FELDER and value:
                    notes.add(value)
                elif f.name == "id" and type(obj).__name__ in ZEILEN_MIT_ID:
                    ids.add(value)
                else:
                    walk(value)
        elif isinstance(obj, list | tuple):
            for item in obj:
                walk(item)
        elif isinstance(obj, dict):
            for item in obj.values():
                walk(item)

    walk(build(snap, fall.jahr, fall.stichtag))
    return Inhalt(frozenset(ids), frozenset(notes))


@dataclass(frozen=True)
class Gerendert:
    html: Path
    pdf: Path
    # WeasyPrint's layout, read while the document was at hand
    zellen_ueberlauf: list[str]  # text that runs out of its table cell: "page: text (points)"
    lesezeichen: list[str]  # the bookmark tree, depth first, each label indented by its level


def _text_boxes(box: Any, boxes: Any) -> Iterator[Any]:
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child, boxes)


def _cells(box: Any, boxes: Any) -> Iterator[Any]:
    if isinstance(box, boxes.TableCellBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _cells(child, boxes)


def zellen_ueberlauf(document: Any) -> list[str]:
    """Every piece of text that sticks out of the border box of its table cell (more than 0.5 px)."""
    from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped,import-not-found,unused-ignore]

    found = []
    for number, page in enumerate(document.pages, start=1):
        for cell in _cells(page._page_box, boxes):
            left = cell.border_box_x()
            right = left + cell.border_width()
            for text in _text_boxes(cell, boxes):
                over = max(left - text.position_x, text.position_x + text.width - right)
                if over > 0.5:
                    found.append(f"Seite {number}: {text.text!r} ({over:.1f} px)")
    return found


def lesezeichen(tree: list[Any], level: int = 0) -> list[str]:
    """Labels of WeasyPrint's bookmark tree (subtrees are ``(label, target, children, state)``)."""
    labels = []
    for label, _target, children, _state in tree:
        labels.append("  " * level + label)
        labels.extend(lesezeichen(children, level + 1))
    return labels


def kopieren(target: Path) -> dict[str, Path]:
    """Each project's configuration and data copied below ``target``: the CLI keeps results in the
    project it reads (.luedialog-cache), and a fixture must stay as it is checked in."""
    copies = {}
    for projekt, root in PROJEKTE.items():
        copy = target / projekt
        copy.mkdir(parents=True)
        shutil.copy2(root / "luedialog.yaml", copy / "luedialog.yaml")
        shutil.copytree(root / "data", copy / "data")
        copies[projekt] = copy
    return copies


@pytest.fixture(scope="session")
def projekte(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return kopieren(tmp_path_factory.mktemp("projekte"))


class Renderer:
    """Renders each case once: HTML through the CLI, then the PDF from it."""

    def __init__(self, folder: Path, projekte: dict[str, Path]) -> None:
        self.folder = folder
        self.projekte = projekte
        self._done: dict[Fall, Gerendert] = {}

    def html(self, fall: Fall) -> Path:
        target = self.folder / f"{fall.name}.html"
        if not target.exists():
            result = run_cli(
                "--daten", str(self.projekte[fall.projekt]), "bericht", fall.bericht, "--jahr", str(fall.jahr),
                "--format", "html", "--ausgabe", str(target),
            )  # fmt: skip
            assert result.exit_code == 0, result.stderr
        return target

    def pdf(self, fall: Fall) -> Gerendert:
        if fall not in self._done:
            from luedialog.reports.render import pdf_bytes, pdf_document

            html = self.html(fall)
            document = pdf_document(html.read_text(encoding="utf-8"), self.projekte[fall.projekt])
            target = self.folder / f"{fall.name}.pdf"
            target.write_bytes(pdf_bytes(document, fall.stichtag))
            self._done[fall] = Gerendert(
                html, target, zellen_ueberlauf(document), lesezeichen(document.make_bookmark_tree())
            )
        return self._done[fall]


@pytest.fixture(scope="session")
def renderer(tmp_path_factory: pytest.TempPathFactory, projekte: dict[str, Path]) -> Renderer:
    return Renderer(tmp_path_factory.mktemp("berichte"), projekte)
