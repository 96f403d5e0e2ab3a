"""Without WeasyPrint, `bericht --format pdf` names the command that fits how luedialog was installed."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from luedialog.reports.render import pdf_install_command
from tests.conftest import FIXTURES, run_cli

BERICHTSSTADT = FIXTURES / "berichtsstadt"


def _installed_in(monkeypatch: pytest.MonkeyPatch, prefix: Path) -> None:
    prefix.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(sys, "prefix", str(prefix))


def test_pipx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prefix = tmp_path / "pipx" / "venvs" / "luedialog"
    _installed_in(monkeypatch, prefix)
    (prefix / "pipx_metadata.json").write_text("{}", encoding="utf-8")
    assert pdf_install_command() == "pipx inject luedialog weasyprint"


@pytest.mark.parametrize(
    ("requirement", "command"),
    [
        ('{ name = "luedialog", specifier = "==0.2.0" }', "uv tool install --force 'luedialog[pdf]==0.2.0'"),
        ('{ name = "luedialog" }', "uv tool install --force 'luedialog[pdf]'"),
        (
            '{ name = "luedialog", path = "/home/anna/dialog/pakete/luedialog-0.2.0-py3-none-any.whl" }',
            "uv tool install --force '/home/anna/dialog/pakete/luedialog-0.2.0-py3-none-any.whl[pdf]'",
        ),
        (
            '{ name = "luedialog", git = "https://git.example.org/luedialog.git?tag=v0.2.0" }',
            "uv tool install --force 'luedialog[pdf] @ git+https://git.example.org/luedialog.git@v0.2.0'",
        ),
        (
            '{ name = "luedialog", git = "file:///srv/luedialog?rev=e79987f" }',
            "uv tool install --force 'luedialog[pdf] @ git+file:///srv/luedialog@e79987f'",
        ),
    ],
)
def test_uv_tool_from_the_same_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, requirement: str, command: str
) -> None:
    prefix = tmp_path / "uv" / "tools" / "luedialog"
    _installed_in(monkeypatch, prefix)
    (prefix / "uv-receipt.toml").write_text(f"[tool]\nrequirements = [{requirement}]\n", encoding="utf-8")
    assert pdf_install_command() == command


def test_a_broken_uv_receipt_still_gives_a_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prefix = tmp_path / "tools" / "luedialog"
    _installed_in(monkeypatch, prefix)
    (prefix / "uv-receipt.toml").write_text("[tool\n", encoding="utf-8")
    assert pdf_install_command() == "uv tool install --force 'luedialog[pdf]'"


def test_a_virtual_environment_gets_its_own_pip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _installed_in(monkeypatch, tmp_path / "mein venv")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "mein venv" / "bin" / "python"))
    assert pdf_install_command() == f"{shlex.quote(sys.executable)} -m pip install 'luedialog[pdf]'"
    assert shlex.split(pdf_install_command())[0] == sys.executable


def test_the_hint_in_the_error_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prefix = tmp_path / "pipx" / "venvs" / "luedialog"
    _installed_in(monkeypatch, prefix)
    (prefix / "pipx_metadata.json").write_text("{}", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if the extra were not installed
    target = tmp_path / "rat.pdf"
    result = run_cli(
        "--daten", str(BERICHTSSTADT), "bericht", "rat", "--jahr", "2010", "--format", "pdf", "--ausgabe", str(target)
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        1,
        "Fehler: Für PDF wird WeasyPrint gebraucht, das nicht installiert ist. Installieren Sie es mit: "
        "pipx inject luedialog weasyprint – oder wählen Sie --format html.\n",
    )
    assert not target.exists()
