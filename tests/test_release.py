"""A release a town can install: the release workflow, sdist and wheel as PyPI gets them, and the wheel
installed into a fresh environment outside the checkout, where init, pruefen and bericht run.

The build runs the steps of the workflow's job "bauen" in a copy of the source (tests/paket.py).
"""

from __future__ import annotations

import email.parser
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from luedialog import __version__
from tests.paket import RELEASE_WORKFLOW, REPO, Dist, build_dist, clean_env, fresh_venv, load_workflow, run
from tests.services.test_ci_vorlagen import _actionlint, _run_actionlint


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    return build_dist(tmp_path_factory)


# --- the release workflow --------------------------------------------------------------------------------------------


def test_actionlint_accepts_the_release_workflow() -> None:
    command = _actionlint()
    if command is None:
        pytest.skip("actionlint fehlt: siehe tests/services/test_ci_vorlagen.py; release.yml nicht geprüft")
    result = _run_actionlint(command, RELEASE_WORKFLOW)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_release_builds_checks_and_publishes_on_a_version_tag_by_trusted_publishing() -> None:
    workflow = load_workflow(RELEASE_WORKFLOW)
    assert workflow["on"]["push"] == {"tags": ["v*"]}
    assert workflow["permissions"] == {"contents": "read"}
    bauen, veroeffentlichen = workflow["jobs"]["bauen"], workflow["jobs"]["veroeffentlichen"]
    runs = [step["run"] for step in bauen["steps"] if "run" in step]
    assert runs == [
        "python -m pip install build twine",
        "python -m build",
        "python -m twine check --strict dist/*",
        'test -f "dist/luedialog-${GITHUB_REF_NAME#v}-py3-none-any.whl"',
    ]
    assert veroeffentlichen["needs"] == "bauen"
    assert veroeffentlichen["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert veroeffentlichen["permissions"] == {"id-token": "write"}  # trusted publishing, no token stored
    assert veroeffentlichen["environment"]["name"] == "pypi"
    assert [step["uses"] for step in veroeffentlichen["steps"]] == [
        "actions/download-artifact@v7",
        "pypa/gh-action-pypi-publish@release/v1",
    ]
    assert "with" not in veroeffentlichen["steps"][1]  # no password, no token


def test_the_version_is_in_one_place() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "luedialog.__version__"}
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## {__version__}\n" in changelog and "\n## 0.1.0\n" in changelog
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    assert project["project"]["license"] == "MIT" and project["project"]["license-files"] == ["LICENSE"]


# --- sdist and wheel ------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_twine_accepts_both(dist: Dist) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(dist.sdist), str(dist.wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


@pytest.mark.slow
def test_the_wheel_holds_the_code_templates_ci_files_and_license(dist: Dist) -> None:
    with zipfile.ZipFile(dist.wheel) as wheel:
        names = set(wheel.namelist())
        metadata = email.parser.Parser().parsestr(wheel.read(f"luedialog-{__version__}.dist-info/METADATA").decode())
        entry_points = wheel.read(f"luedialog-{__version__}.dist-info/entry_points.txt").decode()
        license_text = wheel.read(f"luedialog-{__version__}.dist-info/licenses/LICENSE")
    code = {p.relative_to(REPO).as_posix() for p in (REPO / "luedialog").rglob("*.py")}
    assert code <= names, sorted(code - names)  # every module, also of a new subpackage
    templates = {f"luedialog/templates/{p.name}" for p in (REPO / "templates").iterdir() if p.suffix in (".j2", ".css")}
    assert templates <= names and len(templates) >= 8
    site = {f"luedialog/templates/site/{p.name}" for p in (REPO / "templates" / "site").iterdir()}
    assert site <= names and "luedialog/templates/site/suche.js" in site  # luedialog seite
    assert {"luedialog/ci/github-workflow.yml", "luedialog/ci/gitlab-ci.yml"} <= names
    assert license_text == (REPO / "LICENSE").read_bytes()
    assert "luedialog = luedialog.cli:main" in entry_points
    assert metadata["Version"] == __version__
    assert metadata["License-Expression"] == "MIT"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requires = [r.replace(" ", "") for r in metadata.get_all("Requires-Dist") or []]
    for requirement in project["dependencies"]:
        assert requirement in requires
    assert 'weasyprint>=63;extra=="pdf"' in requires
    assert not any(name.startswith(("tests/", "data/", "benchmarks/")) for name in names)


@pytest.mark.slow
def test_the_sdist_holds_the_source(dist: Dist) -> None:
    with tarfile.open(dist.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for name in ("LICENSE", "README.md", "pyproject.toml", "ci/gitlab-ci.yml", "ci/github-workflow.yml"):
        assert name in names, name
    assert {f"templates/{p.name}" for p in (REPO / "templates").iterdir() if p.is_file()} <= names
    assert {p.relative_to(REPO).as_posix() for p in (REPO / "luedialog").rglob("*.py")} <= names


@pytest.mark.slow
def test_installed_outside_the_checkout_init_pruefen_and_bericht_work(dist: Dist, tmp_path: Path) -> None:
    scripts = fresh_venv(tmp_path / "venv")
    env = clean_env(tmp_path / "home", path_first=scripts)
    run([str(scripts / "python"), "-m", "pip", "install", "-q", str(dist.wheel)], tmp_path, env)
    work = tmp_path / "arbeit"
    work.mkdir()
    where = run([str(scripts / "python"), "-c", "import luedialog; print(luedialog.__file__)"], work, env)
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv")  # not the checkout

    def luedialog(*args: str, cwd: Path = work) -> str:
        return run([str(scripts / "luedialog"), *args], cwd, env).stdout + ""

    assert luedialog("--version") == f"luedialog {__version__}\n"
    init = run(
        [str(scripts / "luedialog"), "init", "stadt", "--name", "Musterstädter Dialog", "--beginn", "01.01.2024"]
        + ["--feld", "bildung=Bildung", "--commit"],
        work,
        env,
    )
    assert init.stderr.startswith("Angelegt: 24 Dateien in stadt (neues git-Repository, erster Commit ")
    town = work / "stadt"
    assert f'LUEDIALOG_PAKET: "luedialog=={__version__}"' in (town / ".gitlab-ci.yml").read_text(encoding="utf-8")
    run([str(scripts / "luedialog"), "neu", "massnahme", "--feld", "bildung", "--titel", "Schwimmkurse"], town, env)
    assert luedialog("pruefen", cwd=town) == "Alles in Ordnung: 2 Dateien geprüft, keine Fehler, keine Warnungen.\n"
    report = run([str(scripts / "luedialog"), "bericht", "rat", "--jahr", "2024", "--format", "html"], town, env)
    assert report.stderr == "Geschrieben: rat-2024.html\n"
    html = (town / "rat-2024.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Musterstädter Dialog" in html
    run([str(scripts / "luedialog"), "schema"], town, env)
    broken = town / "data" / "massnahmen" / "M-BIL-01.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: empfohlen", "status: empfolen"), "utf-8")
    failed = run([str(scripts / "luedialog"), "pruefen"], town, env, check=False)
    assert failed.returncode == 1 and "„empfolen“ ist kein bekannter Wert" in failed.stdout
