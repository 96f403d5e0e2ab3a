"""docs/cli.md: generated from the command tree, current, complete, and free of terminal artefacts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from luedialog.cli import doc as clidoc
from tests.conftest import REPO

CLI_MD = REPO / "docs" / "cli.md"
ENTRIES = clidoc.walk()
NAMES = [entry.path for entry in ENTRIES]


def test_docs_cli_md_is_current() -> None:
    assert CLI_MD.read_text(encoding="utf-8") == clidoc.render(), (
        "docs/cli.md ist veraltet: python -m luedialog.cli.doc > docs/cli.md"
    )


def test_module_writes_the_same_text() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "luedialog.cli.doc"],
        cwd=REPO,
        capture_output=True,
        check=False,
        env={**os.environ, "COLUMNS": "40", "TERM": "xterm-256color", "FORCE_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout.decode("utf-8") == clidoc.render()


def test_walk_finds_commands_and_sub_commands() -> None:
    assert NAMES[0] == "luedialog"
    for name in (
        "luedialog pruefen",
        "luedialog status",
        "luedialog zeige",
        "luedialog export",
        "luedialog sachstand",
        "luedialog bericht",
        "luedialog gruppen",
        "luedialog abfrage",
        "luedialog abfrage erstellen",
        "luedialog abfrage einlesen",
    ):
        assert name in NAMES
    assert len(NAMES) == len(set(NAMES))
    assert NAMES.index("luedialog abfrage") < NAMES.index("luedialog abfrage erstellen")


@pytest.mark.parametrize("entry", ENTRIES, ids=NAMES)
def test_every_command_is_documented_with_its_help(entry: clidoc.Entry) -> None:
    doc = clidoc.render()
    heading = "#" * min(entry.depth + 2, 6) + f" `{entry.path}`\n"
    assert heading in doc
    section = doc.split(heading, 1)[1]
    assert section.startswith(f"\n```\n{clidoc.usage(entry)}\n```\n")
    help_text = clidoc.help_text(entry.command)
    assert help_text
    assert help_text in section


@pytest.mark.parametrize("entry", ENTRIES, ids=NAMES)
def test_every_help_has_an_example(entry: clidoc.Entry) -> None:
    assert "Beispiel: luedialog " in clidoc.help_text(entry.command)


def test_pruefen_section_lists_its_options_with_defaults() -> None:
    doc = clidoc.render()
    section = doc.split("### `luedialog pruefen`\n", 1)[1].split("\n### ", 1)[0]
    assert "```\nluedialog pruefen [OPTIONEN]\n```" in section
    assert "| Name | Art | Beschreibung | Standard |" in section
    assert "| `--format [text\\|json\\|github\\|gitlab]` | Option | text (für Menschen), json (stabile " in section
    assert (
        "| `--ausgabe DATEI` | Option | In diese Datei schreiben (z. B. gl-code-quality-report.json). | – |\n"
        in section
    )
    assert "| `--streng` | Schalter | Auch Warnungen lassen die Prüfung scheitern. | – |\n" in section
    assert "--help" not in section


def test_arguments_come_first_and_required_ones_say_so() -> None:
    doc = clidoc.render()
    section = doc.split("### `luedialog zeige`\n", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows[0] == (
        "| `ID` | Argument | ID einer Leitlinie (z. B. L-BEK-C1) oder Maßnahme (z. B. M-BEK-01). | Pflicht |"
    )
    assert rows[-1] == "| `--format [text\\|json]` | Option | Ausgabeformat. | `text` |"


def test_output_is_plain_markdown() -> None:
    doc = clidoc.render()
    assert "\x1b" not in doc
    for box in "─│╭╮╰╯┃━":
        assert box not in doc
    assert doc.endswith("\n") and not doc.endswith("\n\n")
    assert doc.startswith("# Befehlsreferenz\n")
    assert clidoc.render() == doc
