"""No invented progress: the shipped data reports no percentage, so no output of it shows one.

Paper 56/08 reports no progress of any measure. Every output of the shipped data (status, every
measure with zeige, the exports, every report of every year) may therefore contain a percentage
only where the paper's own words contain it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

PERCENT = re.compile(r"\d{1,3}(?:,\d+)?\s?%")
STICHTAG = "31.12.2014"


def paper_percentages() -> set[str]:
    """Every percentage in the words of the shipped data files (the paper's, word for word)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "data").rglob("*.yaml")))
    return {m.group().replace(" ", "") for m in PERCENT.finditer(text)}


def without_styles(html: str) -> str:
    """HTML without its style sheet and style attributes (``width: 100%`` is layout, not data)."""
    return re.sub(r'<style>.*?</style>|\sstyle="[^"]*"', "", html, flags=re.S)


def invented(output: str) -> list[str]:
    allowed = paper_percentages()
    output = without_styles(output)
    return [m.group() for m in PERCENT.finditer(output) if m.group().replace(" ", "") not in allowed]


def shipped(*args: str) -> str:
    result = run_cli("--daten", str(REPO), *args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def measure_ids() -> list[str]:
    return sorted(p.stem for p in (REPO / "data" / "massnahmen").glob("*.yaml"))


def test_no_entry_of_the_shipped_data_reports_progress() -> None:
    data = json.loads(shipped("export", "--stichtag", STICHTAG))
    assert [m["id"] for m in data["massnahmen"] if m["fortschritt"] is not None] == []
    assert all(e.get("fortschritt") is None for m in data["massnahmen"] for e in m["verlauf"])


@pytest.mark.parametrize("stichtag", ["25.09.2008", "31.12.2010", STICHTAG])
def test_status_shows_no_percentage(stichtag: str) -> None:
    assert invented(shipped("status", "--stichtag", stichtag)) == []
    assert invented(shipped("status", "--stichtag", stichtag, "--format", "json")) == []


@pytest.mark.parametrize("ident", measure_ids())
def test_zeige_shows_no_percentage_that_the_paper_does_not_state(ident: str) -> None:
    assert invented(shipped("zeige", ident, "--stichtag", STICHTAG)) == []
    detail = json.loads(shipped("zeige", ident, "--stichtag", STICHTAG, "--format", "json"))
    assert detail["massnahme"]["fortschritt"] is None


def test_exports_show_no_percentage() -> None:
    assert invented(shipped("export", "--format", "csv", "--stichtag", STICHTAG)) == []
    rows = shipped("export", "--format", "csv", "--stichtag", STICHTAG).splitlines()
    column = rows[0].lstrip("\ufeff").split(";").index("Fortschritt in %")
    assert {row.split(";")[column] for row in rows[1:]} == {""}


@pytest.mark.slow
def test_no_report_of_any_year_shows_a_percentage(tmp_path: Path) -> None:
    result = run_cli("--daten", str(REPO), "bericht", "alle", "--ausgabe", str(tmp_path / "berichte"))
    assert result.exit_code == 0, result.stderr
    files = sorted((tmp_path / "berichte").glob("*-20*.*"))
    assert len(files) >= 4
    for path in files:
        assert invented(path.read_text(encoding="utf-8")) == [], path.name
