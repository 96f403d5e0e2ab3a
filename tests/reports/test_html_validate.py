"""Every HTML report is valid HTML by html-validate (npm) with its recommended rules.

``bericht alle`` writes every report of every year and the index; html-validate checks all of them
with the project's ``.htmlvalidate.json``. CI installs html-validate under ``.ci/node`` (see
``.ci/run``); without it the test skips and says how to install it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tests.reports.conftest import ALLE, PROJEKTE

HTML_VALIDATE = REPO / ".ci" / "node" / "node_modules" / ".bin" / "html-validate"
CONFIG = REPO / ".htmlvalidate.json"

pytestmark = pytest.mark.skipif(
    not HTML_VALIDATE.is_file(),
    reason=f"{HTML_VALIDATE.relative_to(REPO)} fehlt (npm install --prefix .ci/node html-validate@10.9.0, "
    "wie .ci/run): HTML nicht validiert",
)


def test_the_config_uses_the_recommended_rules_unchanged() -> None:
    assert json.loads(CONFIG.read_text(encoding="utf-8")) == {"extends": ["html-validate:recommended"]}


def test_every_html_report_and_the_index_are_valid(projekte: dict[str, Path], tmp_path: Path) -> None:
    files: list[Path] = []
    for projekt, root in projekte.items():
        target = tmp_path / projekt
        run = run_cli("--daten", str(root), "bericht", "alle", "--ausgabe", str(target))
        assert run.exit_code == 0, run.stderr
        written = sorted(target.glob("*.html"))
        expected = {f"{f.bericht}-{f.jahr}.html" for f in ALLE if f.projekt == projekt} | {"index.html"}
        assert {p.name for p in written} == expected
        files += written
    assert len(files) == len(ALLE) + len(PROJEKTE)
    result = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(CONFIG), "--formatter", "text", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_html_validate_finds_what_the_templates_avoid(tmp_path: Path) -> None:
    """The validator runs with the rules the templates were fixed for (inline style, aria-label on a list)."""
    page = tmp_path / "falsch.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="de">\n<head>\n<title>Probe</title>\n</head>\n<body>\n'
        '<ul aria-label="Bedeutung der Ampel"><li><span style="width: 50%">50 %</span></li></ul>\n'
        "</body>\n</html>\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(HTML_VALIDATE), "--config", str(CONFIG), "--formatter", "text", str(page)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "[no-inline-style]" in result.stdout and "[aria-label-misuse]" in result.stdout
