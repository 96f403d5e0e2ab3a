"""The CI files of a new town, run for real: a town made by ``init --paket <wheel of this checkout>``,
with fictional measures (tests/fixtures/neue_stadt), committed, and then

- its ``.gitlab-ci.yml`` in gitlab-ci-local (npm package, shell executor, no Docker; .ci/run installs
  it into .ci/node with Debian's rsync), with the job's python and pip from a fresh virtual environment
  first on PATH: the check passes on good data and fails with the Code Quality report on broken data,
  the history job of a merge request catches an edited old entry, the report job leaves the reports
  and the pages job the Pages folder;
- the ``run:`` steps of its GitHub workflow, in order, in bash with the workflow's environment, against
  the same wheel.

Each job installs luedialog itself with ``pip install "$LUEDIALOG_PAKET"`` from the wheel that init
copied into the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from luedialog import __version__
from tests.conftest import FIXTURES
from tests.paket import (
    REPO,
    WHEEL_NAME,
    Dist,
    build_dist,
    clean_env,
    fresh_venv,
    load_workflow,
    run,
    run_github_job,
)

pytestmark = pytest.mark.slow

GITLAB_CI_LOCAL = REPO / ".ci" / "node" / "node_modules" / "gitlab-ci-local" / "src" / "index.js"
MEASURES = FIXTURES / "neue_stadt"
REPORT = "gl-code-quality-report.json"
OLD_NOTE = "notiz: Die ersten Kurse laufen in zwei Grundschulen."


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    return build_dist(tmp_path_factory)


class Stadt:
    """A town's repository made by init from the wheel, with a fresh virtual environment for its CI."""

    def __init__(self, tmp_path: Path, dist: Dist) -> None:
        self.base = tmp_path
        self.root = tmp_path / "musterstadt-dialog"
        self.venv = fresh_venv(tmp_path / "ci-venv")  # python and pip of the CI job: no luedialog in it
        self.tools = tmp_path / "werkzeuge"
        self.tools.mkdir()
        self.env = clean_env(tmp_path / "home", path_first=self.venv)
        self.env["PATH"] = os.pathsep.join([str(self.venv), str(self.tools), self.env["PATH"]])
        made = run(
            [sys.executable, "-m", "luedialog", "init", str(self.root), "--name", "Musterstädter Dialog"]
            + ["--beginn", "01.01.2024", "--feld", "bildung=Bildung", "--feld", "wohnen=Wohnen"]
            + ["--paket", str(dist.wheel), "--commit"],
            tmp_path,
            self.env,
        )
        assert "(neues git-Repository, erster Commit " in made.stderr
        for measure in sorted(MEASURES.glob("M-*.yaml")):
            shutil.copy2(measure, self.root / "data" / "massnahmen" / measure.name)
        self.commit("Zwei Maßnahmen")

    def git(self, *args: str, cwd: Path | None = None) -> str:
        return run(["git", *args], cwd or self.root, self.env).stdout.strip()

    def commit(self, message: str, cwd: Path | None = None) -> str:
        self.git("add", "-A", cwd=cwd)
        self.git("commit", "-q", "-m", message, cwd=cwd)
        return self.git("rev-parse", "HEAD", cwd=cwd)

    def edit(self, name: str, old: str, new: str, cwd: Path | None = None) -> None:
        path = (cwd or self.root) / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (old, name)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def stadt(tmp_path: Path, dist: Dist) -> Stadt:
    if shutil.which("git") is None:
        pytest.skip("git ist nicht installiert: keine Stadt, keine CI")
    return Stadt(tmp_path, dist)


# --- GitLab: gitlab-ci-local --------------------------------------------------------------------------------------


def _gitlab_ci_local_missing() -> str | None:
    if shutil.which("node") is None:
        return "node fehlt: gitlab-ci-local kann nicht laufen"
    if not GITLAB_CI_LOCAL.is_file():
        return "gitlab-ci-local fehlt (.ci/run installiert es mit npm nach .ci/node)"
    if shutil.which("rsync") is None:
        return "rsync fehlt (apt install rsync): gitlab-ci-local kopiert das Projekt damit"
    return None


def gitlab_ci_local(stadt: Stadt, *args: str) -> subprocess.CompletedProcess[str]:
    """A pipeline (or the named jobs) of the town, each job in its own copy of the repository, with
    artifacts and cache between the jobs as GitLab keeps them; nothing is copied back."""
    shutil.rmtree(stadt.root / ".gitlab-ci-local", ignore_errors=True)
    command = ["node", str(GITLAB_CI_LOCAL), "--force-shell-executor", "--shell-isolation"]
    command += ["--no-artifacts-to-source", "--no-color", "--variable", f"PIP_CACHE_DIR={stadt.base / 'pip-cache'}"]
    return run([*command, *args], stadt.root, stadt.env, check=False)


def artifact(stadt: Stadt, job: str, name: str) -> Path:
    return stadt.root / ".gitlab-ci-local" / "artifacts" / job / name


@pytest.fixture
def gitlab_stadt(stadt: Stadt) -> Stadt:
    missing = _gitlab_ci_local_missing()
    if missing is not None:
        pytest.skip(f"{missing}; die GitLab-Pipeline einer neuen Stadt lief nicht")
    apt_get = stadt.tools / "apt-get"  # the job installs git into its slim image; here git is there already
    apt_get.write_text(f'#!/bin/sh\necho "$*" >> {stadt.base / "apt-get.log"}\ncommand -v git >/dev/null\n', "utf-8")
    apt_get.chmod(0o755)
    return stadt


def test_gitlab_pipeline_on_main_checks_and_publishes(gitlab_stadt: Stadt) -> None:
    stadt = gitlab_stadt
    done = gitlab_ci_local(stadt)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    for job in ("pruefen", "berichte", "pages"):
        assert f"PASS  {job}" in out, out
    assert "verlauf" not in out  # only in merge requests
    assert f"Processing ./pakete/{WHEEL_NAME}" in out  # luedialog from the wheel in the repository
    assert "Successfully installed" in out and f"luedialog-{__version__}" in out
    assert "Alles in Ordnung: 3 Dateien geprüft, keine Fehler, keine Warnungen." in out
    assert json.loads(artifact(stadt, "pruefen", REPORT).read_text(encoding="utf-8")) == []
    reports = artifact(stadt, "berichte", "berichte")
    assert {"index.html", "rat-2024.html", "jahreskonferenz-2024.html"} <= {p.name for p in reports.iterdir()}
    assert "Schwimmkurse für alle Grundschulkinder" in (reports / "rat-2024.html").read_text(encoding="utf-8")
    site = artifact(stadt, "berichte", "seite")
    public = artifact(stadt, "pages", "public")  # the website, its reports and open data included
    published = {p.relative_to(public).as_posix(): p.read_bytes() for p in public.rglob("*") if p.is_file()}
    assert published == {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "massnahmen/M-BIL-01.html", "berichte/rat-2024.html", "daten/oparl.json"} <= set(published)
    assert "Nichts Internes, kein Name ohne Einwilligung" in out
    assert stadt.git("status", "--porcelain", "--", ".", ":!.gitlab-ci-local") == ""  # nothing copied back


def test_gitlab_check_fails_on_broken_data_with_the_code_quality_report(gitlab_stadt: Stadt) -> None:
    stadt = gitlab_stadt
    stadt.edit("data/massnahmen/M-BIL-01.yaml", "status: in_umsetzung", "status: in_umstzung")
    stadt.commit("Tippfehler")
    done = gitlab_ci_local(stadt, "pruefen")
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert "FAIL  pruefen" in out and "1 Fehler" in out
    (finding,) = json.loads(artifact(stadt, "pruefen", REPORT).read_text(encoding="utf-8"))
    assert finding["location"] == {"path": "data/massnahmen/M-BIL-01.yaml", "lines": {"begin": 14}}
    assert finding["description"].startswith("„in_umstzung“ ist kein bekannter Wert für den Status")
    assert finding["severity"] == "major"


def test_gitlab_merge_request_history_job_catches_an_edited_old_entry(gitlab_stadt: Stadt) -> None:
    stadt = gitlab_stadt
    base = stadt.git("rev-parse", "HEAD")
    stadt.git("switch", "-q", "-c", "sachstand")
    merge_request = ["--variable", "CI_PIPELINE_SOURCE=merge_request_event"]
    merge_request += ["--variable", f"CI_MERGE_REQUEST_DIFF_BASE_SHA={base}"]

    # a new entry at the end: the history job passes
    stadt.edit(
        "data/massnahmen/M-WOH-01.yaml",
        "    von: Bauamt\n",
        "    von: Bauamt\n  - datum: 2024-09-01\n    status: in_umsetzung\n    notiz: Baubeginn.\n    von: Bauamt\n",
    )
    stadt.commit("Sachstand Quartiersplatz")
    good = gitlab_ci_local(stadt, "verlauf", *merge_request)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "PASS  verlauf" in good.stdout

    # an old entry changed: the history job fails and says which one
    stadt.edit("data/massnahmen/M-BIL-01.yaml", OLD_NOTE, "notiz: Die ersten Kurse laufen in drei Grundschulen.")
    stadt.commit("alten Eintrag geändert")
    bad = gitlab_ci_local(stadt, "verlauf", *merge_request)
    out = bad.stdout + bad.stderr
    assert bad.returncode != 0, out
    assert "FAIL  verlauf" in out
    assert (
        f"data/massnahmen/M-BIL-01.yaml:13: Fehler: Verlaufseintrag 2 vom 15.05.2024 wurde seit {base} geändert." in out
    )
    assert (stadt.base / "apt-get.log").read_text(encoding="utf-8").splitlines() == 2 * [
        "update -qq",
        "install -y -qq --no-install-recommends git",
    ]  # once per run of the job


def test_gitlab_merge_request_pipeline_runs_check_history_and_reports_but_no_pages(gitlab_stadt: Stadt) -> None:
    stadt = gitlab_stadt
    base = stadt.git("rev-parse", "HEAD")
    stadt.git("switch", "-q", "-c", "neue-massnahme")
    done = gitlab_ci_local(
        stadt,
        "--variable",
        "CI_PIPELINE_SOURCE=merge_request_event",
        "--variable",
        f"CI_MERGE_REQUEST_DIFF_BASE_SHA={base}",
        "--variable",
        "CI_COMMIT_BRANCH=",
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "PASS  pruefen" in out and "PASS  verlauf" in out and "PASS  berichte" in out
    assert "pages" not in out.split("PASS  berichte")[-1]


# --- GitHub: the run: steps of the workflow in bash -------------------------------------------------------------


def _github_uses(checkout: Path) -> Any:
    """What the ``uses:`` steps do that the test can check: setup-python needs its cache file in the
    checkout (a town's repository has no pyproject.toml), the uploads need their folder."""

    def uses(step: dict[str, Any], env: Mapping[str, str]) -> None:
        action = str(step["uses"]).split("@")[0]
        settings = step.get("with") or {}
        if action == "actions/setup-python":
            major, minor = (int(part) for part in str(settings["python-version"]).split("."))
            assert (major, minor) >= (3, 11)
            if settings.get("cache"):
                assert (checkout / settings["cache-dependency-path"]).is_file(), settings
        elif action in ("actions/upload-artifact", "actions/upload-pages-artifact"):
            assert (checkout / settings["path"] / "index.html").is_file(), settings
        else:
            assert action == "actions/checkout", action  # the clone is the checkout

    return uses


def _clone(stadt: Stadt, name: str) -> Path:
    work = stadt.base / name
    stadt.git("clone", "-q", stadt.root.as_uri(), str(work), cwd=stadt.base)
    return work


def _github_env(stadt: Stadt, checkout: Path, event: str) -> dict[str, str]:
    return stadt.env | {
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(checkout),
        "GITHUB_EVENT_NAME": event,
    }


def test_github_push_job_runs_step_by_step(stadt: Stadt) -> None:
    checkout = _clone(stadt, "push")
    workflow = load_workflow(stadt.root / ".github" / "workflows" / "luedialog.yml")
    context = {"github.event_name": "push"}
    steps = run_github_job(
        workflow, "berichte", checkout, _github_env(stadt, checkout, "push"), context, _github_uses(checkout)
    )
    assert [(step.label, step.code) for step in steps] == [
        ("actions/checkout@v6", 0),
        ("actions/setup-python@v6", 0),
        ('pip install "$LUEDIALOG_PAKET"', 0),
        ("luedialog pruefen --format github", 0),
        ("luedialog bericht alle --ausgabe berichte", 0),
        ("luedialog seite --ausgabe seite", 0),
        ("luedialog pruefen --oeffentlich berichte", 0),
        ("luedialog pruefen --oeffentlich seite", 0),
        ("actions/upload-artifact@v7", 0),
        ("actions/upload-pages-artifact@v5", 0),
    ]
    assert f"Processing ./pakete/{WHEEL_NAME}" in steps[2].output
    assert steps[3].output == ""  # no annotations: nothing to show at a line
    assert "Schwimmkurse für alle Grundschulkinder" in (checkout / "berichte" / "rat-2024.html").read_text("utf-8")
    page = (checkout / "seite" / "massnahmen" / "M-BIL-01.html").read_text("utf-8")
    assert "Schwimmkurse für alle Grundschulkinder" in page
    assert run([str(stadt.venv / "luedialog"), "--version"], checkout, stadt.env).stdout == f"luedialog {__version__}\n"


def test_github_pull_request_job_runs_step_by_step_and_catches_an_edited_old_entry(stadt: Stadt) -> None:
    workflow = load_workflow(stadt.root / ".github" / "workflows" / "luedialog.yml")
    context = {"github.event_name": "pull_request", "github.base_ref": "main"}

    def pull_request(name: str, change: tuple[str, str, str]) -> list[Any]:
        checkout = _clone(stadt, name)
        stadt.git("switch", "-q", "-c", name, cwd=checkout)
        stadt.edit(*change, cwd=checkout)
        stadt.commit(name, cwd=checkout)
        stadt.git("update-ref", "-d", "refs/remotes/origin/main", cwd=checkout)  # checkout fetches only the PR
        env = _github_env(stadt, checkout, "pull_request")
        return run_github_job(workflow, "pruefen", checkout, env, context, _github_uses(checkout))

    appended = pull_request(
        "sachstand",
        ("data/massnahmen/M-WOH-01.yaml", "    von: Bauamt\n", "    von: Bauamt\n  - datum: 2024-09-01\n"
         "    status: in_umsetzung\n    notiz: Baubeginn.\n    von: Bauamt\n"),
    )  # fmt: skip
    assert [(step.label, step.code) for step in appended] == [
        ("actions/checkout@v6", 0),
        ("actions/setup-python@v6", 0),
        ('pip install "$LUEDIALOG_PAKET"', 0),
        ("luedialog pruefen --format github", 0),
        ('git fetch --no-tags --depth=1 origin "+refs/heads/$BASE_REF:refs/remotes/origin/$BASE_REF"', 0),
        ('luedialog pruefen --format github --seit "origin/$BASE_REF"', 0),
    ]

    edited = pull_request(
        "umgeschrieben", ("data/massnahmen/M-BIL-01.yaml", OLD_NOTE, "notiz: Die ersten Kurse laufen überall.")
    )
    assert [step.code for step in edited] == [0, 0, 0, 0, 0, 1]
    assert edited[-1].output.startswith(
        "::error file=data/massnahmen/M-BIL-01.yaml,line=13,title=luedialog verlauf-geaendert::"
    ), edited[-1].output
