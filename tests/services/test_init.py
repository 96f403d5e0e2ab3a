"""`luedialog init`: a new town's repository that works on its first push.

A new or empty folder gets the whole project in one step; a folder that is not empty is refused,
or with --ergaenzen only gets the missing files. Nothing is ever overwritten, a refused or failed
init leaves nothing behind, and the folder becomes a git repository on the branch the CI files name.
"""

from __future__ import annotations

import errno
import os
import shlex
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from luedialog import __version__
from luedialog.files.atomic import TEMP_PREFIX
from luedialog.services.init import Paket, init_project, paket_from
from tests.conftest import Projekt, daten, git, run_cli

VERSION_PIN = f"luedialog=={__version__}"
WHEEL_NAME = f"luedialog-{__version__}-py3-none-any.whl"
GITLAB = ".gitlab-ci.yml"
GITHUB = ".github/workflows/luedialog.yml"

FILES = [
    ".github/workflows/luedialog.yml",
    ".gitignore",
    ".gitlab-ci.yml",
    "README.md",
    "data/gruppen/.gitkeep",
    "data/indikatoren/.gitkeep",
    "data/leitlinien/.gitkeep",
    "data/massnahmen/.gitkeep",
    "luedialog.yaml",
    "schema/gruppe.schema.json",
    "schema/indikator.schema.json",
    "schema/leitlinien.schema.json",
    "schema/luedialog.schema.json",
    "schema/massnahme.schema.json",
    "templates/_indikatoren.html.j2",
    "templates/_indikatoren.md.j2",
    "templates/_makros.html.j2",
    "templates/_makros.md.j2",
    "templates/_stil.css",
    "templates/index.html.j2",
    "templates/jahreskonferenz.html.j2",
    "templates/jahreskonferenz.md.j2",
    "templates/rat.html.j2",
    "templates/rat.md.j2",
]


@pytest.fixture
def git_benutzer(git_ohne_benutzer: Path) -> Path:
    """A git identity in an otherwise empty git configuration (nothing depends on the machine)."""
    git_ohne_benutzer.write_text("[user]\n\tname = Test\n\temail = test@example.org\n", encoding="utf-8")
    return git_ohne_benutzer


def files_below(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts)


def init(target: Path, *args: str) -> tuple[int, str]:
    result = run_cli("init", str(target), "--name", "Musterstädter Dialog", *args)
    return result.exit_code, result.stderr


def gitlab_ci(root: Path) -> dict[str, object]:
    config: dict[str, object] = yaml.safe_load((root / GITLAB).read_text(encoding="utf-8"))
    return config


def github_workflow(root: Path) -> dict[str, object]:
    workflow: dict[str, object] = yaml.safe_load((root / GITHUB).read_text(encoding="utf-8"))
    return workflow


# --- a new project ---------------------------------------------------------------------------------------------


def test_init_creates_a_project_that_passes_pruefen(tmp_path: Path, git_benutzer: Path) -> None:
    target = tmp_path / "musterstadt"
    result = run_cli(
        "init",
        str(target),
        "--name",
        "Musterstädter Dialog",
        "--kommune",
        "Musterstadt",
        "--beginn",
        "01.01.2024",
        "--feld",
        "bildung=Bildung und Kultur",
        "--feld",
        "wohnen=Wohnen",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"Angelegt: 24 Dateien in {target} (neues git-Repository).\nWeiter mit: cd {target} && luedialog pruefen\n"
    )
    assert files_below(target) == FILES
    assert sorted(os.listdir(tmp_path)) == ["gitconfig", "musterstadt"]  # no hidden folder left beside it
    config = (target / "luedialog.yaml").read_text(encoding="utf-8")
    assert "name: Musterstädter Dialog" in config and "ende_jahr: 2029" in config
    assert run_cli("--daten", str(target), "pruefen", "--streng").exit_code == 0
    new = run_cli("--daten", str(target), "neu", "massnahme", "--feld", "wohnen", "--titel", "Quartiersplatz")
    assert new.exit_code == 0 and (target / "data/massnahmen/M-WOH-01.yaml").is_file()
    assert run_cli("--daten", str(target), "status").exit_code == 0


def test_init_without_fields_still_passes(tmp_path: Path, git_benutzer: Path) -> None:
    assert init(tmp_path / "p")[0] == 0
    assert run_cli("--daten", str(tmp_path / "p"), "pruefen").exit_code == 0


def test_the_folder_becomes_a_git_repository_on_main(tmp_path: Path, git_benutzer: Path) -> None:
    target = tmp_path / "p"
    assert init(target)[0] == 0
    assert (target / ".git").is_dir()
    assert git(target, "symbolic-ref", "--short", "HEAD") == "main\n"  # the branch the CI files run on
    assert git(target, "status", "--porcelain", "--untracked-files=all").splitlines() == [
        f"?? {name}" for name in FILES
    ]


def test_with_commit_everything_is_the_first_commit_and_sachstand_commit_works_at_once(
    tmp_path: Path, git_benutzer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "p"
    code, message = init(target, "--feld", "bildung=Bildung", "--commit")
    assert code == 0, message
    head = git(target, "rev-parse", "--short", "HEAD").strip()
    assert message.splitlines()[0] == f"Angelegt: 24 Dateien in {target} (neues git-Repository, erster Commit {head})."
    assert git(target, "log", "--format=%s").splitlines() == [
        "Neuer Dialogprozess „Musterstädter Dialog“ (luedialog init)"
    ]
    assert git(target, "ls-files").splitlines() == sorted(FILES)
    assert git(target, "status", "--porcelain") == ""

    monkeypatch.chdir(target)
    assert run_cli("neu", "massnahme", "--feld", "bildung", "--titel", "Schwimmkurse").exit_code == 0
    git(target, "add", "data/massnahmen/M-BIL-01.yaml")
    git(target, "commit", "-q", "-m", "Schwimmkurse")
    done = run_cli(
        "sachstand", "M-BIL-01", "in_umsetzung", "--notiz", "Die ersten Kurse laufen.", "--von", "Schulamt", "--commit"
    )
    assert done.exit_code == 0, done.stderr
    assert len(git(target, "log", "--format=%h").splitlines()) == 3
    assert git(target, "status", "--porcelain") == ""


def test_inside_a_repository_no_second_one_is_made(tmp_path: Path, git_benutzer: Path) -> None:
    top = tmp_path / "verwaltung"
    top.mkdir()
    git(top, "init", "-q")
    (top / "anderes.txt").write_text("bleibt ungesichert\n", encoding="utf-8")
    code, message = init(top / "dialog", "--commit")
    assert code == 0, message
    assert "(im vorhandenen git-Repository, erster Commit " in message
    assert not (top / "dialog" / ".git").exists()
    assert git(top, "ls-files").splitlines() == [f"dialog/{name}" for name in sorted(FILES)]
    assert git(top, "status", "--porcelain").splitlines() == ["?? anderes.txt"]  # only init's files committed


def test_commit_without_a_git_identity_is_refused_before_anything_is_written(
    tmp_path: Path, git_ohne_benutzer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EMAIL", raising=False)  # git would take the address from it
    code, message = init(tmp_path / "p", "--commit")
    if code == 0:  # pragma: no cover - git guessed an identity from the host name
        pytest.skip("git leitet auf diesem Rechner eine Identität aus dem Rechnernamen ab")
    assert code == 1
    assert message.startswith("Fehler: --commit: git weiß nicht, wer committet (")
    assert 'git config --global user.name "Vorname Name"' in message
    assert not (tmp_path / "p").exists()


def test_without_git_the_project_is_made_without_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "leer"))  # no git anywhere
    code, message = init(tmp_path / "p")
    assert code == 0
    assert (
        message.splitlines()[0]
        == f"Angelegt: 24 Dateien in {tmp_path / 'p'} (ohne git-Repository: git ist nicht installiert)."
    )
    assert not (tmp_path / "p" / ".git").exists()
    assert init(tmp_path / "q", "--commit") == (
        1,
        "Fehler: git ist nicht installiert: --commit geht nicht. Installieren Sie git oder lassen Sie --commit weg.\n",
    )
    assert not (tmp_path / "q").exists()


# --- refusals: a German message, exit 1 or 2, and nothing written ----------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--feld", "bildung"], "Fehler: --feld „bildung“: erwartet wird schluessel=Name, z. B. bildung=Bildung."),
        (
            ["--feld", "Bildung=B"],
            "Fehler: --feld: „Bildung“ ist kein gültiger Schlüssel (Kleinbuchstaben, Ziffern, _).",
        ),
        (["--feld", "bildung=A", "--feld", "bildungsarbeit=B"], "Fehler: --feld: jeder Schlüssel darf nur einmal"),
        (["--ende-jahr", "2000", "--beginn", "2024-01-01"], "Fehler: --ende-jahr 2000 liegt vor dem Beginn (2024)."),
        (["--ende-jahr", "99999"], "Fehler: Ungültiger Wert für --ende-jahr: höchstens 2200 erlaubt"),
        (
            ["--beginn", "01.01.2199"],
            "Fehler: Der Prozess endete 2204; erlaubt sind Jahre bis 2200. Geben Sie mit --ende-jahr ein früheres "
            "Jahr an.",
        ),
        (["--beginn", "31.12.9999"], "Fehler: --beginn 31.12.9999: erlaubt sind die Jahre 1900 bis 2200."),
        (
            ["--feld", "off=Aus"],
            "Fehler: --feld: „off“ liest YAML als Wahrheitswert oder leeren Wert, nicht als Schlüssel. "
            "Wählen Sie einen anderen, z. B. off_feld.",
        ),
        (["--feld", "no=Nord"], "Fehler: --feld: „no“ liest YAML als Wahrheitswert"),
        (["--feld", "null=Nichts"], "Fehler: --feld: „null“ liest YAML als Wahrheitswert"),
        (
            ["--feld", "bildung=Bildung\nname: x"],
            "Fehler: --feld: der Text enthält einen Zeilenumbruch oder ein Steuerzeichen. Geben Sie ihn in einer "
            "Zeile an.",
        ),
        (["--kommune", "Muster\nstadt"], "Fehler: --kommune: der Text enthält einen Zeilenumbruch"),
        (
            ["--kommune", "Muster\x1b[2Jstadt"],
            "Fehler: --kommune: der Text enthält einen Zeilenumbruch oder ein Steuerzeichen",
        ),
        (["--paket", "luedialog"], "Fehler: --paket „luedialog“ legt keine Version fest"),
        (["--paket", "luedialog>=0.1"], "Fehler: --paket „luedialog>=0.1“ legt keine Version fest"),
        (
            ["--paket", "luedialog==0.0.1"],
            f"Fehler: --paket „luedialog==0.0.1“ ist luedialog 0.0.1, angelegt wird aber mit luedialog {__version__}",
        ),
        (
            ["--paket", "git+https://example.org/luedialog.git"],
            "Fehler: --paket „git+https://example.org/luedialog.git“: ",
        ),
        (
            ["--paket", "git+https://example.org/l.git@v1 $(rm -rf ~)"],
            "Fehler: --paket „git+https://example.org/l.git@v1",
        ),
        (
            ["--paket", "/gibt/es/nicht/" + WHEEL_NAME],
            f"Fehler: --paket: die Datei /gibt/es/nicht/{WHEEL_NAME} gibt es nicht.",
        ),
        (
            ["--paket", "anderes-1.0-py3-none-any.whl"],
            "Fehler: --paket: „anderes-1.0-py3-none-any.whl“ ist nicht der Name",
        ),
    ],
)
def test_init_refuses_bad_options_with_exit_2_and_writes_nothing(
    tmp_path: Path, git_benutzer: Path, args: list[str], message: str
) -> None:
    code, stderr = init(tmp_path / "p", *args)
    assert code == 2
    assert stderr.startswith(message), stderr
    assert sorted(os.listdir(tmp_path)) == ["gitconfig"]  # neither the project nor a hidden folder


def test_a_name_with_a_line_break_is_refused(tmp_path: Path) -> None:
    """It would end the YAML comment at the top of luedialog.yaml and become a key of its own."""
    result = run_cli("init", str(tmp_path / "p"), "--name", "Dialog\nvorlage: gekapert")
    assert (result.exit_code, result.stderr) == (
        2,
        "Fehler: --name: der Text enthält einen Zeilenumbruch oder ein Steuerzeichen. Geben Sie ihn in einer "
        "Zeile an.\n",
    )
    assert not (tmp_path / "p").exists()
    assert run_cli("init", str(tmp_path / "p"), "--name", "  ").stderr.startswith("Fehler: --name: der Name")


def test_a_kuerzel_that_yaml_reads_as_a_boolean_is_written_as_text(tmp_path: Path, git_benutzer: Path) -> None:
    target = tmp_path / "p"
    code, message = init(target, "--feld", "offen=Offene Räume", "--feld", "n_o=Nord-Ost", "--feld", "ja_nein=Beides")
    assert code == 0, message
    felder = yaml.safe_load((target / "luedialog.yaml").read_text(encoding="utf-8"))["handlungsfelder"]
    assert [(f["schluessel"], f["kuerzel"]) for f in felder] == [("offen", "OFF"), ("n_o", "NO"), ("ja_nein", "JAN")]
    for feld, measure in (("offen", "M-OFF-01"), ("n_o", "M-NO-01")):
        result = run_cli("--daten", str(target), "neu", "massnahme", "--feld", feld, "--titel", "Eine Maßnahme")
        assert result.exit_code == 0, result.stderr
        assert (target / f"data/massnahmen/{measure}.yaml").is_file()
    assert run_cli("--daten", str(target), "pruefen", "--streng").exit_code == 0


def test_a_target_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "notizen.txt"
    target.write_bytes(b"Bitte nicht anfassen.\n")
    assert init(target) == (
        1,
        f"Fehler: {target} ist eine Datei, kein Ordner. Geben Sie einen neuen oder leeren Ordner an.\n",
    )
    assert init(target / "dialog") == (
        1,
        f"Fehler: {target / 'dialog'} kann nicht angelegt werden: {target} ist eine Datei, kein Ordner.\n",
    )
    assert target.read_bytes() == b"Bitte nicht anfassen.\n"
    assert sorted(os.listdir(tmp_path)) == ["notizen.txt"]


def test_a_folder_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "ordner"
    target.mkdir()
    (target / "README.md").write_text("# Unser README\n", encoding="utf-8")
    (target / ".gitlab-ci.yml").write_text("stages: [eigene]\n", encoding="utf-8")
    before = daten(target)
    code, message = init(target)
    assert code == 1
    assert message == (
        f"Fehler: Der Ordner {target} ist nicht leer (.gitlab-ci.yml, README.md). Wählen Sie einen neuen oder "
        "leeren Ordner, oder ergänzen Sie mit --ergaenzen nur die fehlenden Dateien (vorhandene bleiben unverändert).\n"
    )
    assert daten(target) == before
    assert sorted(os.listdir(tmp_path)) == ["ordner"]


def test_init_refuses_an_existing_project(projekt: Projekt) -> None:
    before = daten(projekt.root)
    result = run_cli("init", str(projekt.root), "--name", "Neu")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Fehler: In {projekt.root} gibt es schon ein luedialog-Projekt")
    assert daten(projekt.root) == before


def test_an_empty_folder_is_filled(tmp_path: Path, git_benutzer: Path) -> None:
    target = tmp_path / "leer"
    target.mkdir()
    assert init(target)[0] == 0
    assert files_below(target) == FILES


# --- --ergaenzen: only what is missing ---------------------------------------------------------------------------


def test_ergaenzen_adds_the_missing_files_and_leaves_the_others_alone(tmp_path: Path, git_benutzer: Path) -> None:
    target = tmp_path / "ordner"
    target.mkdir()
    (target / "README.md").write_text("# Unser README\n", encoding="utf-8")
    (target / ".gitlab-ci.yml").write_text("stages: [eigene]\n", encoding="utf-8")
    (target / "protokolle").mkdir()
    (target / "protokolle" / "2024.txt").write_text("Sitzung\n", encoding="utf-8")
    before = daten(target)
    code, message = init(target, "--ergaenzen")
    assert code == 0, message
    assert message.splitlines() == [
        f"Angelegt: 22 Dateien in {target} (neues git-Repository).",
        "Unverändert gelassen, weil es sie schon gab: .gitlab-ci.yml, README.md.",
        f"Weiter mit: cd {target} && luedialog pruefen",
    ]
    after = daten(target)
    assert {name: after[name] for name in before} == before  # byte for byte
    assert sorted(after) == sorted([*FILES, "protokolle/2024.txt"])
    assert run_cli("--daten", str(target), "pruefen").exit_code == 0


def test_ergaenzen_in_an_existing_project_keeps_its_configuration(projekt: Projekt, git_benutzer: Path) -> None:
    before = daten(projekt.root)
    result = run_cli("init", str(projekt.root), "--name", "Musterdialog", "--ergaenzen")
    assert result.exit_code == 0, result.stderr
    after = daten(projekt.root)
    assert {name: after[name] for name in before} == before
    added = sorted(set(after) - set(before))
    assert GITLAB in added and GITHUB in added and "README.md" in added and "schema/massnahme.schema.json" in added
    assert "data/massnahmen/.gitkeep" not in added  # the folder has files
    schema = yaml.safe_load(after["schema/massnahme.schema.json"])  # JSON is YAML
    assert "wohnen" in str(schema)  # the schemas follow the project's own fields of action
    assert projekt.run("pruefen", "--stichtag", "2011-12-31").exit_code == 0


def test_ergaenzen_with_a_broken_configuration_writes_nothing(projekt: Projekt) -> None:
    projekt.replace("luedialog.yaml", "veraltet_nach_monaten: 12", "veraltet_nach_monaten: zwölf")
    before = daten(projekt.root)
    result = run_cli("init", str(projekt.root), "--name", "Musterdialog", "--ergaenzen")
    assert result.exit_code == 1
    assert result.stderr.startswith("Fehler: Die vorhandene luedialog.yaml ist fehlerhaft: luedialog.yaml:")
    assert daten(projekt.root) == before


# --- a full disk: no half-written project -------------------------------------------------------------------------


def _full_disk_at(monkeypatch: pytest.MonkeyPatch, folder: Path, number: int) -> list[str]:
    """The file system is full when the ``number``-th file below ``folder`` takes its place (a hard
    link from its complete temporary file, as every new file is made); the names that got there."""
    real = os.link
    placed: list[str] = []

    def link(source: str | Path, target: str | Path, **kwargs: object) -> None:
        if Path(target).is_relative_to(folder):
            if len(placed) + 1 == number:
                raise OSError(errno.ENOSPC, "No space left on device")
            placed.append(Path(target).name)
        real(source, target)

    monkeypatch.setattr(os, "link", link)
    return placed


def test_a_full_disk_leaves_no_half_project(
    tmp_path: Path, git_benutzer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    placed = _full_disk_at(monkeypatch, tmp_path, 7)
    code, message = init(tmp_path / "p")
    assert len(placed) == 6
    assert code == 1
    assert message.startswith("Fehler: ")
    assert " konnte nicht angelegt werden (der Datenträger ist voll). Es wurde nichts geschrieben." in message
    assert sorted(os.listdir(tmp_path)) == ["gitconfig"]


def test_a_full_disk_while_adding_takes_back_what_was_added(
    tmp_path: Path, git_benutzer: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ordner"
    target.mkdir()
    (target / "README.md").write_text("# Unser README\n", encoding="utf-8")
    before = daten(target)
    placed = _full_disk_at(monkeypatch, target, 11)  # the checked copy beside it is complete
    code, message = init(target, "--ergaenzen")
    assert len(placed) == 10
    assert code == 1
    assert message.startswith("Fehler: ")
    assert f"(der Datenträger ist voll). Der Ordner {target} ist unverändert: was schon angelegt war, ist wieder" in (
        message
    )
    assert daten(target) == before
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["README.md"]
    assert sorted(os.listdir(tmp_path)) == ["gitconfig", "ordner"]


# --- where the CI installs luedialog from ---------------------------------------------------------------------------


def test_by_default_the_ci_installs_exactly_this_version(tmp_path: Path, git_benutzer: Path) -> None:
    assert init(tmp_path / "p")[0] == 0
    gitlab = gitlab_ci(tmp_path / "p")
    assert gitlab["variables"]["LUEDIALOG_PAKET"] == VERSION_PIN  # type: ignore[index]
    assert gitlab["default"]["before_script"] == ['pip install "$LUEDIALOG_PAKET"']  # type: ignore[index]
    assert github_workflow(tmp_path / "p")["env"] == {"LUEDIALOG_PAKET": VERSION_PIN}
    for name in (GITLAB, GITHUB):
        text = (tmp_path / "p" / name).read_text(encoding="utf-8")
        assert "pip install ." not in text and "pyproject.toml" not in text


def test_a_wheel_is_copied_into_the_repository(tmp_path: Path, git_benutzer: Path) -> None:
    wheel = tmp_path / "dist" / WHEEL_NAME
    wheel.parent.mkdir()
    wheel.write_bytes(b"PK\x03\x04 ein Wheel")
    code, message = init(tmp_path / "p", "--paket", str(wheel))
    assert code == 0, message
    assert (tmp_path / "p" / "pakete" / WHEEL_NAME).read_bytes() == b"PK\x03\x04 ein Wheel"
    value = f"./pakete/{WHEEL_NAME}"
    assert gitlab_ci(tmp_path / "p")["variables"]["LUEDIALOG_PAKET"] == value  # type: ignore[index]
    assert github_workflow(tmp_path / "p")["env"] == {"LUEDIALOG_PAKET": value}
    readme = (tmp_path / "p" / "README.md").read_text(encoding="utf-8")
    assert f"pipx install '{value}'\n" in readme
    assert f"uv tool install '{value}[pdf]'\n" in readme
    assert f"jetzt `{value}`" in readme


def test_a_git_url_with_a_tag(tmp_path: Path, git_benutzer: Path) -> None:
    url = f"git+https://gitlab.example.org/werkzeuge/luedialog.git@v{__version__}"
    assert init(tmp_path / "p", "--paket", url)[0] == 0
    assert gitlab_ci(tmp_path / "p")["variables"]["LUEDIALOG_PAKET"] == url  # type: ignore[index]
    readme = (tmp_path / "p" / "README.md").read_text(encoding="utf-8")
    assert f"pipx install '{url}'\n" in readme
    assert f"uv tool install 'luedialog[pdf] @ {url}'\n" in readme


@pytest.mark.parametrize(
    ("spec", "value", "kind"),
    [
        (None, VERSION_PIN, "index"),
        (VERSION_PIN, VERSION_PIN, "index"),
        (f"luedialog[pdf]=={__version__}", f"luedialog[pdf]=={__version__}", "index"),
        ("git+ssh://git@git.example.org/luedialog.git@v1.0", "git+ssh://git@git.example.org/luedialog.git@v1.0", "git"),
    ],
)
def test_paket_forms(spec: str | None, value: str, kind: str) -> None:
    paket = paket_from(spec)
    assert (paket.value, paket.kind, paket.wheel) == (value, kind, None)
    shlex.split(paket.pipx())  # a command line the shell reads as it stands
    shlex.split(paket.uv())


def test_the_readme_is_the_towns_own(tmp_path: Path, git_benutzer: Path) -> None:
    assert (
        init(tmp_path / "p", "--kommune", "Stadt Musterstadt", "--beginn", "01.01.2025", "--feld", "bildung=Bildung")[0]
        == 0
    )
    readme = (tmp_path / "p" / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Musterstädter Dialog\n\nLeitlinien, Maßnahmen und Gruppen des Dialogprozesses ")
    assert "„Musterstädter Dialog“ (Stadt Musterstadt)" in readme
    headings = [line for line in readme.splitlines() if line.startswith("## ")]
    assert headings == [
        "## luedialog installieren",
        "## Täglich: ein Sachstand, eine neue Maßnahme",
        "## Einmal im Jahr",
        "## Wo die CI Funde zeigt",
        "## Wo die Berichte und die Website erscheinen",
        "## Woher die CI luedialog nimmt",
        "## Ordner",
    ]
    assert f"pipx install '{VERSION_PIN}'\npipx inject luedialog weasyprint" in readme
    assert f"uv tool install 'luedialog[pdf]=={__version__}'\n" in readme
    assert "luedialog neu massnahme --feld bildung" in readme and "luedialog sachstand M-BIL-01" in readme
    assert "luedialog bericht rat --jahr 2025 --format pdf" in readme
    assert "Code-Quality" in readme and "Files changed" in readme
    assert "GitLab Pages" in readme and "Settings → Pages → Source: „GitHub Actions“" in readme


def test_the_service_alone(tmp_path: Path, git_benutzer: Path) -> None:
    done = init_project(
        tmp_path / "p", "Dialog", "", date(2024, 1, 1), None, [("bildung", "Bildung")], paket=Paket("x==1", "index")
    )
    assert (done.git, done.commit, done.left_alone) == ("angelegt", None, [])
    assert done.written == FILES
    assert gitlab_ci(tmp_path / "p")["variables"]["LUEDIALOG_PAKET"] == "x==1"  # type: ignore[index]
    assert not any(p.name.startswith(TEMP_PREFIX) for p in tmp_path.iterdir())


def test_git_init_really_uses_main(tmp_path: Path, git_benutzer: Path) -> None:
    """Even where git's own default branch is another one."""
    git_benutzer.write_text(
        git_benutzer.read_text(encoding="utf-8") + "[init]\n\tdefaultBranch = trunk\n", encoding="utf-8"
    )
    assert init(tmp_path / "p")[0] == 0
    head = subprocess.run(
        ["git", "symbolic-ref", "HEAD"], cwd=tmp_path / "p", capture_output=True, text=True, check=True
    )
    assert head.stdout == "refs/heads/main\n"


def test_init_in_the_current_empty_folder(tmp_path: Path, git_benutzer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "hier"
    here.mkdir()
    monkeypatch.chdir(here)
    result = run_cli("init", ".", "--name", "Dialog")
    assert result.exit_code == 0, result.stderr
    assert files_below(here) == FILES
    assert sorted(os.listdir(tmp_path)) == ["gitconfig", "hier"]


def test_a_wheel_that_is_no_regular_file_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / WHEEL_NAME
    os.mkfifo(fifo)
    code, message = init(tmp_path / "p", "--paket", str(fifo))
    assert (code, message) == (2, f"Fehler: --paket: {fifo} ist keine gewöhnliche Wheel-Datei (höchstens 50 MB).\n")
    assert not (tmp_path / "p").exists()
