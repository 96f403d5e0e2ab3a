"""`luedialog pruefen --seit REV`: history entries that existed at REV are neither changed nor removed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from luedialog import gitutil
from luedialog.checks.append_only import check_append_only
from luedialog.errors import LuedialogError
from luedialog.snapshot import load_snapshot
from tests.conftest import FIXTURES, Projekt, git, run_cli

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.usefixtures("git_ohne_benutzer"),  # no repository above tmp_path, no global git configuration
]

M1 = "data/massnahmen/M-BIL-01.yaml"
M2 = "data/massnahmen/M-BIL-02.yaml"
W1 = "data/massnahmen/M-WOH-01.yaml"
STICHTAG = "2011-12-31"
HINT = "Der Verlauf wird nur fortgeschrieben: stellen Sie den alten Eintrag wieder her und ergänzen Sie einen neuen."


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def repo(projekt: Projekt) -> Projekt:
    """The Musterstadt copy as a git repository with one commit."""
    git(projekt.root, "init", "-q")
    commit_all(projekt.root, "Anfang")
    return projekt


def befunde(projekt: Projekt, seit: str) -> tuple[int, list[dict[str, Any]]]:
    result = projekt.run("pruefen", "--format", "json", "--stichtag", STICHTAG, "--seit", seit)
    data = json.loads(result.stdout)
    return result.exit_code, data["befunde"]


def test_unchanged_history_passes(repo: Projekt) -> None:
    result = repo.run("pruefen", "--stichtag", STICHTAG, "--seit", "HEAD")
    assert (result.exit_code, result.stdout) == (
        0,
        "Alles in Ordnung: 6 Dateien geprüft, keine Fehler, keine Warnungen.\n",
    )


def test_appending_an_entry_passes(repo: Projekt) -> None:
    added = repo.run(
        "sachstand",
        "M-BIL-02",
        "in_umsetzung",
        "--notiz",
        "Bauantrag gestellt",
        "--datum",
        "2010-03-01",
        "--von",
        "Amt",
    )
    assert added.exit_code == 0
    assert befunde(repo, "HEAD") == (0, [])


def test_changing_a_past_entry_is_an_error_with_file_and_line(repo: Projekt) -> None:
    repo.replace(M1, "notiz: Erste Kurse laufen.", "notiz: Erste Kurse laufen gut.")
    result = repo.run("pruefen", "--stichtag", STICHTAG, "--seit", "HEAD")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "data/massnahmen/M-BIL-01.yaml",
        "  data/massnahmen/M-BIL-01.yaml:17: Fehler: Verlaufseintrag 2 vom 01.09.2009 wurde seit HEAD geändert. "
        f"[verlauf[2]] → {HINT}",
        "",
        "6 Dateien geprüft: 1 Fehler, 0 Warnungen.",
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    status: in_umsetzung\n    notiz: Erste", "    status: geplant\n    notiz: Erste"),
        ("datum: 2009-09-01", "datum: 2009-09-02"),
        ("    von: Schulamt\n", ""),
        ("    von: Schulamt\n", "    von: Schulamt\n    fortschritt: 30\n"),
    ],
    ids=["status", "datum", "field removed", "field added"],
)
def test_every_kind_of_change_to_a_past_entry_counts(repo: Projekt, old: str, new: str) -> None:
    repo.replace(M1, old, new)
    code, found = befunde(repo, "HEAD")
    assert code == 1
    assert [(f["datei"], f["zeile"], f["code"]) for f in found if f["code"].startswith("verlauf-")] == [
        (M1, 17, "verlauf-geaendert")
    ]


def test_reformatting_without_changing_values_passes(repo: Projekt) -> None:
    repo.replace(M1, "notiz: Erste Kurse laufen.", "notiz: 'Erste Kurse laufen.'  # wörtlich")
    repo.replace(M1, "verlauf:\n", "verlauf:\n\n  # Anfang\n")
    assert befunde(repo, "HEAD") == (0, [])


def test_removing_an_entry_is_an_error(repo: Projekt) -> None:
    repo.replace(W1, "  - datum: 2011-04-01\n    status: umgesetzt\n", "")
    repo.replace(W1, "    notiz: Promenade eröffnet.\n    nachweis: Vorlage 12/11\n", "")
    code, found = befunde(repo, "HEAD")
    assert code == 1
    assert found == [
        {
            "datei": W1,
            "zeile": 10,
            "spalte": 0,
            "schwere": "fehler",
            "code": "verlauf-entfernt",
            "meldung": "Verlaufseintrag 3 vom 01.04.2011 wurde seit HEAD entfernt.",
            "hinweis": HINT,
            "schluessel": "verlauf[3]",
        }
    ]


def test_inserting_an_entry_before_the_last_one_changes_it(repo: Projekt) -> None:
    repo.replace(
        W1,
        "  - datum: 2011-04-01\n",
        "  - datum: 2010-06-01\n    status: in_umsetzung\n    notiz: Halbzeit.\n  - datum: 2011-04-01\n",
    )
    code, found = befunde(repo, "HEAD")
    assert code == 1
    assert [(f["zeile"], f["code"], f["meldung"]) for f in found] == [
        (17, "verlauf-geaendert", "Verlaufseintrag 3 vom 01.04.2011 wurde seit HEAD geändert.")
    ]


def test_deleting_a_measure_file_is_an_error(repo: Projekt) -> None:
    repo.path(W1).unlink()
    code, found = befunde(repo, "HEAD")
    assert code == 1
    assert found == [
        {
            "datei": W1,
            "zeile": 0,
            "spalte": 0,
            "schwere": "fehler",
            "code": "verlauf-entfernt",
            "meldung": "Die Datei wurde seit HEAD gelöscht; ihre 3 Verlaufseinträge sind verloren.",
            "hinweis": "Maßnahmen werden nicht gelöscht, sondern mit dem Status „eingestellt“ beendet.",
            "schluessel": "",
        }
    ]


def test_a_new_measure_file_has_nothing_to_compare(repo: Projekt) -> None:
    repo.write("data/massnahmen/M-WOH-02.yaml", repo.read(W1).replace("M-WOH-01", "M-WOH-02"))
    assert befunde(repo, "HEAD") == (0, [])


def test_older_revisions_tags_and_hashes_are_understood(repo: Projekt) -> None:
    first = git(repo.root, "rev-parse", "HEAD").strip()
    git(repo.root, "tag", "jahresbericht-2009")
    repo.replace(M1, "notiz: Erste Kurse laufen.", "notiz: Erste Kurse.")
    commit_all(repo.root, "Notiz gekürzt")
    assert befunde(repo, "HEAD")[0] == 0
    for revision in ("HEAD~1", "jahresbericht-2009", first, first[:10]):
        code, found = befunde(repo, revision)
        assert (code, [f["meldung"] for f in found]) == (
            1,
            [f"Verlaufseintrag 2 vom 01.09.2009 wurde seit {revision} geändert."],
        )


def test_a_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    shutil.copytree(FIXTURES / "musterstadt", top / "projekte" / "muster")
    git(top, "init", "-q")
    commit_all(top, "Anfang")
    projekt = Projekt(top / "projekte" / "muster")
    projekt.replace(M1, "datum: 2009-09-01", "datum: 2009-09-02")
    projekt.path(W1).unlink()
    code, found = befunde(projekt, "HEAD")
    assert code == 1
    assert [(f["datei"], f["zeile"], f["code"]) for f in found] == [
        (M1, 17, "verlauf-geaendert"),
        (W1, 0, "verlauf-entfernt"),
    ]


def test_other_findings_are_reported_as_well(repo: Projekt) -> None:
    repo.replace(M1, "art: projekt", "art: programm")
    repo.replace(W1, "notiz: Bauarbeiten begonnen.", "notiz: Bauarbeiten.")
    code, found = befunde(repo, "HEAD")
    assert code == 1
    assert [(f["datei"], f["code"]) for f in found] == [(M1, "unbekannter-wert"), (W1, "verlauf-geaendert")]


def test_unknown_revision_is_an_error_with_exit_1(repo: Projekt) -> None:
    result = repo.run("pruefen", "--seit", "gibtsnicht")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Fehler: „gibtsnicht“ ist keine bekannte git-Revision. "
        "Beispiele: main, origin/main, HEAD~3, ein Commit-Hash oder ein Tag.\n"
    )


def test_repository_without_commits_has_no_revision(projekt: Projekt) -> None:
    git(projekt.root, "init", "-q")
    result = projekt.run("pruefen", "--seit", "HEAD")
    assert result.exit_code == 1
    assert result.stderr.startswith("Fehler: „HEAD“ ist keine bekannte git-Revision.")


def test_not_a_git_repository_is_a_usage_error(projekt: Projekt) -> None:
    result = projekt.run("pruefen", "--seit", "HEAD")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "Fehler: --seit braucht ein git-Repository; der Projektordner ist keines.\n"


def test_without_seit_no_git_is_needed(projekt: Projekt) -> None:
    result = run_cli("--daten", str(projekt.root), "pruefen", "--stichtag", STICHTAG)
    assert result.exit_code == 0


def test_check_append_only_compares_with_the_files_of_the_revision(repo: Projekt) -> None:
    snap = load_snapshot(repo.root).snapshot
    assert snap is not None
    old = gitutil.files_at(repo.root, gitutil.resolve(repo.root, "HEAD"), "data/massnahmen")
    assert check_append_only(snap, old, "HEAD") == []
    with pytest.raises(LuedialogError) as caught:
        gitutil.resolve(repo.root, "HEAD~5")
    assert caught.value.message == "„HEAD~5“ ist keine bekannte git-Revision."
