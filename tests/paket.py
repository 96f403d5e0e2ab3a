"""luedialog as a town gets it: sdist and wheel built with the release workflow's own steps, fresh
virtual environments outside the checkout, and the steps of a GitHub Actions job run in a shell.

Used by tests/test_release.py, tests/test_readme.py and tests/services/test_ci_stadt.py; the wheel is
built once per test session.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from luedialog import __version__

REPO = Path(__file__).resolve().parents[1]
RELEASE_WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
WHEEL_NAME = f"luedialog-{__version__}-py3-none-any.whl"
SDIST_NAME = f"luedialog-{__version__}.tar.gz"
BIN = "Scripts" if os.name == "nt" else "bin"

# never copied into a source tree: what a checkout does not have
_NOT_SOURCE = {".git", ".venv", "node_modules", "build", "dist", "__pycache__", ".mypy_cache", ".ruff_cache"}


@dataclass(frozen=True)
class Dist:
    wheel: Path
    sdist: Path


@dataclass(frozen=True)
class Step:
    """One step of a GitHub Actions job as it ran: its label, exit code and output."""

    label: str
    code: int
    output: str


_BUILT: dict[str, Dist] = {}


def load_workflow(path: Path) -> dict[Any, Any]:
    workflow: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in workflow:  # YAML 1.1 reads the key "on" as true
        workflow["on"] = workflow.pop(True)
    return workflow


def clean_env(home: Path, *, path_first: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a process that must not see this test's virtual environment or the
    machine's git configuration: ``home`` as HOME, a git identity there, ``path_first`` first on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env = {k: v for k, v in env.items() if not k.startswith(("GIT_", "LUEDIALOG_", "PYTEST_"))}
    home.mkdir(parents=True, exist_ok=True)
    config = home / ".gitconfig"
    if not config.exists():
        config.write_text("[user]\n\tname = Test\n\temail = test@example.org\n", encoding="utf-8")
    env |= {"HOME": str(home), "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1", "NO_COLOR": "1"}
    if path_first is not None:
        env["PATH"] = os.pathsep.join([str(path_first), env.get("PATH", "")])
    env |= extra
    return env


def run(
    command: list[str], cwd: Path, env: Mapping[str, str], *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, cwd=cwd, env=dict(env), capture_output=True, text=True, encoding="utf-8", errors="replace", check=False
    )
    if check:
        assert done.returncode == 0, f"{' '.join(command)} (in {cwd}):\n{done.stdout}{done.stderr}"
    return done


def fresh_venv(path: Path) -> Path:
    """A new virtual environment (no luedialog in it); its scripts folder."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, capture_output=True)
    return path / BIN


def source_copy(target: Path) -> Path:
    """The checkout as a clone would have it: tracked and new files, nothing git ignores."""
    target.mkdir(parents=True, exist_ok=True)
    listed = None
    if shutil.which("git") is not None and (REPO / ".git").exists():
        done = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=False,
        )
        if done.returncode == 0:
            listed = [name for name in done.stdout.decode("utf-8").split("\0") if name]
    if listed is None:  # not a git checkout: everything but caches and environments
        listed = [
            p.relative_to(REPO).as_posix()
            for p in REPO.rglob("*")
            if p.is_file() and not _NOT_SOURCE.intersection(p.relative_to(REPO).parts) and ".egg-info" not in str(p)
        ]
    for name in listed:
        source = REPO / name
        if source.is_file():  # a deleted file is still listed until the deletion is committed
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


# --- GitHub Actions steps in a shell --------------------------------------------------------------------------------

_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_STARTS_WITH = re.compile(r"startsWith\(([\w.]+), '([^']*)'\)")
_COMPARE = re.compile(r"([\w.]+) (==|!=) '([^']*)'")


def expression(text: str, context: Mapping[str, str]) -> str:
    """``${{ github.base_ref }}`` and the like from ``context``; an unknown one fails the test."""

    def value(match: re.Match[str]) -> str:
        assert match.group(1) in context, f"Ausdruck ${{{{ {match.group(1)} }}}} ist im Test nicht belegt"
        return context[match.group(1)]

    return _EXPRESSION.sub(value, text)


def condition(text: str | None, context: Mapping[str, str]) -> bool:
    """The few ``if:`` conditions the workflows use."""
    if text is None:
        return True
    if match := _STARTS_WITH.fullmatch(text.strip()):
        return context[match.group(1)].startswith(match.group(2))
    if match := _COMPARE.fullmatch(text.strip()):
        equal = context[match.group(1)] == match.group(3)
        return equal if match.group(2) == "==" else not equal
    raise AssertionError(f"Bedingung {text!r} kann der Test nicht auswerten")


def run_github_job(
    workflow: dict[Any, Any],
    job_name: str,
    cwd: Path,
    env: Mapping[str, str],
    context: Mapping[str, str],
    uses: Callable[[dict[str, Any], Mapping[str, str]], None],
) -> list[Step]:
    """Every step of the job in order, as the runner does it: ``run:`` in ``bash -eo pipefail`` with
    the workflow's, the job's and the step's ``env``; a ``uses:`` step goes to ``uses``. Stops after
    the first step that fails, like GitHub."""
    job = workflow["jobs"][job_name]
    assert condition(job.get("if"), context), f"Job {job_name} liefe hier nicht"
    scope = dict(env)
    for level in (workflow.get("env") or {}, job.get("env") or {}):
        scope |= {str(k): expression(str(v), context) for k, v in level.items()}
    ran: list[Step] = []
    for number, step in enumerate(job["steps"]):
        if not condition(step.get("if"), context):
            continue
        step_env = scope | {str(k): expression(str(v), context) for k, v in (step.get("env") or {}).items()}
        if "uses" in step:
            uses(step, step_env)
            ran.append(Step(str(step["uses"]), 0, ""))
            continue
        script = cwd.parent / f".schritt-{job_name}-{number}.sh"
        script.write_text(expression(str(step["run"]), context), encoding="utf-8")
        done = run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd, step_env, check=False)
        ran.append(Step(str(step["run"]).strip(), done.returncode, done.stdout + done.stderr))
        if done.returncode != 0:
            break
    return ran


def build_dist(factory: pytest.TempPathFactory) -> Dist:
    """sdist and wheel of this checkout, built once per session by the release workflow's own steps
    (job ``bauen``) in a copy of the source, as on a tag ``v<version>``."""
    if "dist" in _BUILT:
        return _BUILT["dist"]
    base = factory.mktemp("release")
    source = source_copy(base / "luedialog")
    env = clean_env(base / "home", path_first=Path(sys.executable).parent)
    env |= {"GITHUB_REF": f"refs/tags/v{__version__}", "GITHUB_REF_NAME": f"v{__version__}"}
    context = {"github.ref": env["GITHUB_REF"]}

    def uses(step: dict[str, Any], step_env: Mapping[str, str]) -> None:
        action = str(step["uses"]).split("@")[0]
        if action == "actions/upload-artifact":
            assert sorted(p.name for p in (source / step["with"]["path"]).iterdir()) == sorted([SDIST_NAME, WHEEL_NAME])
        else:
            assert action in ("actions/checkout", "actions/setup-python"), action

    steps = run_github_job(load_workflow(RELEASE_WORKFLOW), "bauen", source, env, context, uses)
    failed = [step for step in steps if step.code != 0]
    assert not failed, f"{failed[0].label}:\n{failed[0].output}"
    dist = Dist(source / "dist" / WHEEL_NAME, source / "dist" / SDIST_NAME)
    assert dist.wheel.is_file() and dist.sdist.is_file()
    _BUILT["dist"] = dist
    return dist
