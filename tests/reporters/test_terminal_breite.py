"""The terminal views read cleanly at 80 and at 120 columns.

Each view (status, zeige of a measure and of a guideline, gruppen overview and detail, pruefen) is
rendered through rich's ``Console(width=…)`` as the CLI renders it, and the text is checked:

- no word is broken in the middle: every word of the narrow text is a word of the same view rendered
  1000 columns wide (where nothing needs to wrap), and no line is wider than the console;
- wrapped lines go on indented under their column;
- no label is separated from its value, no legend mark from its name, no line ends with a separator.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from datetime import date

import pytest
from rich.console import Console, RenderableType

from luedialog.reporters import VIEW_REPORTER_BY_NAME
from luedialog.reporters.findings import as_text
from luedialog.reporters.terminal import text_lines
from luedialog.services.project import Project, open_project
from tests.conftest import FIXTURES, REPO, run_cli

WIDTHS = (80, 120)
DAY = date(2010, 12, 31)
LONG_NOTE = (
    "Entwurf des Stadtteilversorgungsplans liegt vor; die Abstimmung mit den Schulen, Kindertageseinrichtungen "
    "und Kultureinrichtungen aller Stadtteile läuft"
)
BOX = re.compile(r"[│┃━─╇┼╋┡┩]")
PARAGRAPHS = ("Wortlaut", "Beschreibung:", "Begründung:")  # text at column 0, not lists
TERMINAL = VIEW_REPORTER_BY_NAME["text"]


@pytest.fixture(scope="module")
def luenen(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The shipped data with one more entry: a note with a long word (Stadtteilversorgungsplans)."""
    root = tmp_path_factory.mktemp("luenen")
    shutil.copy(REPO / "luedialog.yaml", root / "luedialog.yaml")
    shutil.copytree(REPO / "data", root / "data")
    result = run_cli(
        "--daten", str(root), "sachstand", "M-BEK-02", "in_umsetzung", "--notiz", LONG_NOTE,
        "--datum", "15.03.2010", "--von", "Fachbereich Bildung, Schule und Kultur",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return open_project(root)


@pytest.fixture(scope="module")
def gruppenstadt() -> Project:
    return open_project(FIXTURES / "gruppenstadt")


@pytest.fixture(scope="module")
def kaputt(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The shipped data with findings to report: an unknown status and an unknown key."""
    root = tmp_path_factory.mktemp("kaputt")
    shutil.copy(REPO / "luedialog.yaml", root / "luedialog.yaml")
    shutil.copytree(REPO / "data", root / "data")
    path = root / "data/massnahmen/M-BEK-03.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: ", "status: in_umstzung_", 1), "utf-8")
    path = root / "data/massnahmen/M-SUW-20.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("titel:", "titell:", 1), "utf-8")
    return open_project(root)


def render(renderable: RenderableType, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, highlight=False, soft_wrap=False, color_system=None).print(renderable)
    return "\n".join(line.rstrip() for line in out.getvalue().split("\n"))


VIEWS: dict[str, Callable[[Project, Project, Project], RenderableType]] = {
    "status": lambda lu, gs, k: TERMINAL.status(lu.snapshot.config, lu.status(DAY), lu.vollstaendigkeit()),
    "zeige Maßnahme": lambda lu, gs, k: TERMINAL.detail(lu.snapshot.config, lu.detail("M-BEK-02", DAY)),
    "zeige Leitlinie": lambda lu, gs, k: TERMINAL.detail(lu.snapshot.config, lu.detail("L-BEK-C6", DAY)),
    "zeige Empfehlung": lambda lu, gs, k: TERMINAL.detail(gs.snapshot.config, gs.detail("M-BIL-01", DAY)),
    "gruppen": lambda lu, gs, k: TERMINAL.gruppen(gs.snapshot.config, DAY, gs.gruppen(None, DAY, False), False),
    "gruppen Lünen": lambda lu, gs, k: TERMINAL.gruppen(lu.snapshot.config, DAY, lu.gruppen(None, DAY, False), False),
    "gruppen steuerungsgruppe": lambda lu, gs, k: TERMINAL.gruppen(
        gs.snapshot.config, DAY, gs.gruppen("steuerungsgruppe", DAY, False), True
    ),
    "gruppen steuerungsgruppe Lünen": lambda lu, gs, k: TERMINAL.gruppen(
        lu.snapshot.config, DAY, lu.gruppen("steuerungsgruppe", DAY, False), True
    ),
    "pruefen": lambda lu, gs, k: text_lines(as_text(k.check(DAY).findings, k.check(DAY).files)),
}


def words(text: str) -> set[str]:
    return set(BOX.sub(" ", text).split())


def sections(text: str) -> list[list[str]]:
    """The lists of a view: the lines after a heading (a line at column 0 ending with ":") up to a blank line."""
    result: list[list[str]] = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line and not line.startswith((" ", *PARAGRAPHS)) and line.endswith(":"):
            block = []
            for following in lines[i + 1 :]:
                if not following.strip():
                    break
                block.append(following)
            if block:
                result.append(block)
    return result


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_no_word_is_broken_and_no_line_is_too_wide(
    luenen: Project, gruppenstadt: Project, kaputt: Project, view: str, width: int
) -> None:
    renderable = VIEWS[view](luenen, gruppenstadt, kaputt)
    narrow, wide = render(renderable, width), render(renderable, 1000)
    assert max(len(line) for line in narrow.split("\n")) <= width
    assert words(narrow) - words(wide) <= {"…"}, view  # a cut note ends with " …", after a whole word


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_wrapped_lines_are_indented_under_their_column(
    luenen: Project, gruppenstadt: Project, kaputt: Project, view: str, width: int
) -> None:
    text = render(VIEWS[view](luenen, gruppenstadt, kaputt), width)
    for block in sections(text):
        indents = [len(line) - len(line.lstrip(" ")) for line in block]
        assert min(indents) >= 2, block  # a list never falls back to column 0
        entry = min(indents)
        for line, indent in zip(block, indents, strict=True):
            assert indent == entry or indent >= entry + 2, (line, block)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_no_line_ends_with_a_separator_or_a_lonely_mark(
    luenen: Project, gruppenstadt: Project, kaputt: Project, view: str, width: int
) -> None:
    text = render(VIEWS[view](luenen, gruppenstadt, kaputt), width)
    for line in text.split("\n"):
        assert not re.search(r"(\s[·–→•█]|\bseit|\bbis|\bz\.)$", line), line


@pytest.mark.parametrize("width", WIDTHS)
def test_the_long_word_stays_whole_and_the_note_wraps_under_its_column(luenen: Project, width: int) -> None:
    text = render(VIEWS["zeige Maßnahme"](luenen, luenen, luenen), width)
    assert "Stadtteilversorgungsplans" in text.split()
    lines = text.split("\n")
    entry = next(i for i, line in enumerate(lines) if re.match(r"  \d+  15\.03\.2010  ", line))
    number = lines[entry].split()[0]
    assert lines[entry] == f"  {number}  15.03.2010  In Umsetzung"
    column = len(f"  {number}  15.03.2010  ")
    note = []
    for line in lines[entry + 1 :]:
        if not line.startswith(" " * column):
            break
        note.append(line[column:])
    assert " ".join(note) == f"{LONG_NOTE}\nVon: Fachbereich Bildung, Schule und Kultur".replace("\n", " ")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_legend_mark_is_on_the_line_of_its_name(luenen: Project, width: int) -> None:
    text = render(VIEWS["status"](luenen, luenen, luenen), width)
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Ampel: "))
    legend = lines[start : lines.index("", start)]
    names = [s.bezeichnung for s in luenen.snapshot.config.status]
    found = [m for line in legend for m in re.findall(r"█ ([^█(]+) \((?:grau|gelb|rot|grün)\)", line)]
    assert found == names
    assert sum(line.count("█") for line in legend) == len(names)
    assert all(line.startswith(" " * len("Ampel: ")) for line in legend[1:])


@pytest.mark.parametrize("width", WIDTHS)
def test_seat_labels_stay_with_their_numbers(luenen: Project, width: int) -> None:
    text = render(VIEWS["gruppen steuerungsgruppe Lünen"](luenen, luenen, luenen), width)
    seats = next(b for b in sections(text) if "besetzt" in b[0])
    assert not any(line.endswith(":") for line in seats)
    assert "  Bürgermeister: 0 von 1 besetzt – 1 leer" in seats


@pytest.mark.parametrize("width", WIDTHS)
def test_info_labels_stay_with_their_values(gruppenstadt: Project, width: int) -> None:
    text = render(VIEWS["zeige Empfehlung"](gruppenstadt, gruppenstadt, gruppenstadt), width)
    for label in ("Art", "Handlungsfeld", "Status", "Herkunft", "Adressat", "Weg", "Weitergeleitet am"):
        line = next(line for line in text.split("\n") if line.startswith(label + " "))
        assert line[len(label) :].strip(), line


def test_pruefen_wraps_each_finding_under_itself(kaputt: Project) -> None:
    text = render(VIEWS["pruefen"](kaputt, kaputt, kaputt), 80)
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("  data/massnahmen/M-BEK-03.yaml:"))
    assert lines[first + 1].startswith("    ") and not lines[first + 1].startswith("     ")
    assert "in_umstzung_geplant" in text.replace("„", " ").replace("“", " ").split()


def test_pruefen_keeps_one_finding_per_line_in_a_pipe(kaputt: Project) -> None:
    result = run_cli("--daten", str(kaputt.root), "pruefen", "--stichtag", "31.12.2010")
    assert result.exit_code == 1
    findings = [line for line in result.stdout.split("\n") if line.startswith("  data/")]
    assert len(findings) == 2
    assert all(len(line) > 80 for line in findings)  # not wrapped: grep and CI logs see whole findings
