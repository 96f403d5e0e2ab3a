"""`luedialog pruefen --seit REV` for indicators: values that existed at REV are neither changed nor removed.

A wrong value is berichtigt by a new entry with ``korrigiert: N``; that passes.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import Projekt, git

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.usefixtures("git_ohne_benutzer"),
]

W2 = "data/indikatoren/I-WOH-02.yaml"
STICHTAG = "2012-12-31"
HINT = (
    "Die Werte werden nur fortgeschrieben: stellen Sie den alten Eintrag wieder her und berichtigen Sie ihn mit "
    "einem neuen Eintrag mit „korrigiert: N“ und dem Grund in „notiz“."
)


@pytest.fixture
def repo(berichtsstadt: Projekt) -> Projekt:
    git(berichtsstadt.root, "init", "-q")
    git(berichtsstadt.root, "add", "-A")
    git(berichtsstadt.root, "commit", "-q", "-m", "Anfang")
    return berichtsstadt


def pruefen(projekt: Projekt) -> tuple[int, list[str]]:
    result = projekt.run("pruefen", "--stichtag", STICHTAG, "--seit", "HEAD")
    return result.exit_code, [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]


def test_unchanged_values_pass(repo: Projekt) -> None:
    assert pruefen(repo) == (0, [])


def test_a_correction_passes(repo: Projekt) -> None:
    repo.write(
        W2,
        repo.read(W2)
        + "  - jahr: 2011\n    wert: 56\n    quelle: Förderbericht 2011, berichtigt\n    erfasst: 2012-02-01\n"
        + "    notiz: Eine Wohnung war nicht gezählt.\n    korrigiert: 3\n",
    )
    assert pruefen(repo) == (0, [])


def test_changing_a_value_is_an_error(repo: Projekt) -> None:
    repo.replace(W2, "    wert: 55", "    wert: 56")
    assert pruefen(repo) == (
        1,
        [f"{W2}:20: Fehler: Wert 3 für 2011 wurde seit HEAD geändert. [werte[3]] → {HINT}"],
    )


def test_removing_a_value_is_an_error(repo: Projekt) -> None:
    repo.replace(W2, "  - jahr: 2011\n    wert: 55\n    quelle: Förderbericht 2011\n    erfasst: 2011-12-01\n", "")
    assert pruefen(repo) == (
        1,
        [f"{W2}:11: Fehler: Wert 3 für 2011 wurde seit HEAD entfernt. [werte[3]] → {HINT}"],
    )


def test_deleting_an_indicator_with_values_is_an_error(repo: Projekt) -> None:
    repo.path(W2).unlink()
    assert pruefen(repo) == (
        1,
        [
            f"{W2}: Fehler: Die Datei wurde seit HEAD gelöscht; ihre 3 Werte sind verloren. → Indikatoren mit Werten "
            "werden nicht gelöscht; die Werte sind Teil der Berichte."
        ],
    )


def test_an_indicator_without_values_may_get_its_first(repo: Projekt) -> None:
    name = "data/indikatoren/I-BIL-03.yaml"
    repo.write(
        name,
        repo.read(name) + "werte:\n  - jahr: 2011\n    wert: 12\n    quelle: Bibliothek\n    erfasst: 2012-01-10\n",
    )
    assert pruefen(repo) == (0, [])
