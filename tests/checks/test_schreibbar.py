"""checks/schreibbar.py: a history `pruefen` accepts can be continued by `sachstand`."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from luedialog.files import read, schlicht
from tests.conftest import Projekt


def test_a_clean_project_is_checked_with_one_parse_per_file(projekt: Projekt, monkeypatch: pytest.MonkeyPatch) -> None:
    """Positions of keys are only worked out for a finding: a clean check parses every file once."""
    parsed: list[str] = []
    compose, plain = yaml.compose, schlicht.read_plain

    def composed(stream: Any, Loader: Any = None) -> Any:
        parsed.append("PyYAML")
        return compose(stream, Loader=Loader)

    def read_plain(text: str) -> Any:
        result = plain(text)
        if result is not None:  # otherwise PyYAML reads the text
            parsed.append("schlicht")
        return result

    monkeypatch.setattr(yaml, "compose", composed)  # files/read.py calls yaml.compose
    monkeypatch.setattr(read, "read_plain", read_plain)  # as files/read.py calls it
    result = projekt.run("pruefen")
    files = [p for p in projekt.root.rglob("*.yaml") if ".git" not in p.parts]
    assert (result.exit_code, parsed) == (0, ["schlicht"] * len(files))  # all plain YAML: read quickly


def test_a_history_in_flow_style_is_refused_on_the_line_of_its_key(projekt: Projekt) -> None:
    text = projekt.path("data/massnahmen/M-BIL-01.yaml").read_text(encoding="utf-8")
    head = text.split("verlauf:", 1)[0]
    projekt.write_bytes(
        "data/massnahmen/M-BIL-01.yaml",
        (head + "verlauf: [{datum: 2009-02-01, status: geplant, notiz: Stand laut Vorlage.}]\n").encode(),
    )
    line = head.count("\n") + 1
    result = projekt.run("pruefen")
    assert result.exit_code == 1
    assert f"data/massnahmen/M-BIL-01.yaml:{line}: Fehler: Der Verlauf ist in Kurzschreibweise" in result.stdout
