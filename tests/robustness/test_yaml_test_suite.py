"""Every document of the official YAML test suite, as a measure, a guideline and the configuration.

The 402 input documents (``valid/*/in.yaml``, ``error/*/in.yaml`` and their numbered variants) are
read from ``../shared/yaml-test-suite`` (override: ``LUEDIALOG_YAML_TEST_SUITE=/path/to/suite``, or
``LUEDIALOG_SHARED=/path/to/shared``). Each one replaces ``M-BIL-01.yaml``, ``bildung.yaml`` or
``luedialog.yaml`` of a copied Musterstadt project, and ``luedialog pruefen`` must end with exit
code 1 and a German finding for that file: never a traceback, never a hang.

Exit code 1 is right for the valid documents too: none of them is a luedialog file. The closest are
plain mappings and sequences, and none has the keys a measure (``id``, ``titel``, ``art``,
``handlungsfeld``, ``verlauf``), a guideline file (``titel``, ``quelle``, ``leitlinien``) or the
configuration (``name``, ``zeitraum``, ``status`` …) requires, so each one gets at least a
``pflichtfeld``, ``keine-zuordnung``, ``yaml-…`` or ``datei-leer`` finding.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
import yaml

from luedialog.files import read as yamlio
from tests.conftest import FIXTURES, run_cli

pytestmark = pytest.mark.slow


def _suite() -> Path:
    explicit = os.environ.get("LUEDIALOG_YAML_TEST_SUITE")
    if explicit:
        return Path(explicit)
    shared = os.environ.get("LUEDIALOG_SHARED")
    return (Path(shared) if shared else Path(__file__).resolve().parents[3] / "shared") / "yaml-test-suite"


SUITE = _suite()
DOCUMENTS = sorted(SUITE.rglob("in.yaml")) if SUITE.is_dir() else []
if not DOCUMENTS:
    pytest.skip(
        f"YAML-Testsuite fehlt ({SUITE}): setzen Sie LUEDIALOG_YAML_TEST_SUITE oder LUEDIALOG_SHARED",
        allow_module_level=True,
    )

PLACES = {
    "massnahme": "data/massnahmen/M-BIL-01.yaml",
    "leitlinie": "data/leitlinien/bildung.yaml",
    "konfiguration": "luedialog.yaml",
}
ENGLISH = "Problem laut YAML-Parser"  # the fallback that shows PyYAML's English text
DEADLINE = 10  # seconds for one run; only catches a hang (a run takes milliseconds)


class Hang(BaseException):
    """Raised by the alarm; a BaseException, so luedialog's own error handling cannot swallow it."""


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):  # Windows: no alarm, the run is unguarded
        yield
        return

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"länger als {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_the_suite_is_complete() -> None:
    """All 402 documents are found, the error documents as well as the valid ones."""
    kinds = [doc.relative_to(SUITE).parts[0] for doc in DOCUMENTS]
    assert (len(DOCUMENTS), kinds.count("valid") > 0, kinds.count("error") > 0) == (402, True, True)


@pytest.fixture(scope="module")
def projekt_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("suite") / "musterstadt"
    shutil.copytree(FIXTURES / "musterstadt", root)
    return root


@pytest.mark.parametrize("place", list(PLACES))
@pytest.mark.parametrize("document", DOCUMENTS, ids=[str(d.parent.relative_to(SUITE)) for d in DOCUMENTS])
def test_document_gives_a_clean_finding(document: Path, place: str, projekt_root: Path) -> None:
    target = projekt_root / PLACES[place]
    original = target.read_bytes()
    target.write_bytes(document.read_bytes())
    try:
        with deadline(DEADLINE):
            result = run_cli("--daten", str(projekt_root), "pruefen", "--format", "json")
    finally:
        target.write_bytes(original)
    output = result.stdout + result.stderr
    assert result.exit_code == 1, output
    assert "Traceback" not in output and "Interner Fehler" not in output, output
    findings = [f for f in json.loads(result.stdout)["befunde"] if f["datei"] == PLACES[place]]
    assert any(f["schwere"] == "fehler" for f in findings), output
    assert [f["meldung"] for f in findings if ENGLISH in f["meldung"]] == []


def test_the_pure_python_loader_also_gives_german_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where PyYAML lacks its C extension, the fallback loader's errors are explained in German too."""
    monkeypatch.setattr(yamlio, "_Loader", yaml.SafeLoader)
    english = []
    for document in DOCUMENTS:
        _, findings = yamlio.parse_bytes(document, "x.yaml", document.read_bytes())
        english += [(str(document.relative_to(SUITE)), f.message) for f in findings if ENGLISH in f.message]
    assert english == []
