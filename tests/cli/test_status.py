"""``luedialog status``: cut lists say how to see all of them, and ``--alle`` shows all in plain text."""

from __future__ import annotations

import json
import re

from tests.conftest import REPO, lines, run_cli

WIDE: dict[str, str | None] = {"COLUMNS": "200"}


def status(*args: str) -> list[str]:
    result = run_cli("--daten", str(REPO), "status", "--stichtag", "31.12.2010", *args, env=WIDE)
    assert (result.exit_code, result.stderr) == (0, "")
    return list(lines(result.stdout))


def _rows(out: list[str], title: str) -> list[str]:
    start = next(i for i, line in enumerate(out) if line.startswith(title))
    return [line for line in out[start : out.index("", start)] if line.startswith(" M-")]


def test_a_cut_list_offers_alle() -> None:
    out = status()
    assert len(_rows(out, "Veraltet")) == 10
    assert "… und 67 weitere (alle mit --alle)" in out
    assert "10 von 78 Änderungen gezeigt (alle mit --alle; die ganze Notiz: luedialog zeige ID)" in out


def test_alle_shows_every_entry() -> None:
    out = status("--alle")
    assert len(_rows(out, "Veraltet")) == 77
    assert not any("weitere (alle mit --alle)" in line or "Änderungen gezeigt" in line for line in out)
    changes = out[next(i for i, line in enumerate(out) if line.startswith("Letzte Änderungen")) :]
    assert sum(1 for line in changes if re.match(r" \d\d\.\d\d\.\d{4} │ M-", line)) == 78


def test_alle_in_json_lists_every_change() -> None:
    result = run_cli("--daten", str(REPO), "status", "--stichtag", "31.12.2010", "--format", "json", "--alle")
    assert len(json.loads(result.stdout)["letzte_aenderungen"]) == 78
    result = run_cli("--daten", str(REPO), "status", "--stichtag", "31.12.2010", "--format", "json")
    assert len(json.loads(result.stdout)["letzte_aenderungen"]) == 10
