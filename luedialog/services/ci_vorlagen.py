"""The CI files a new project gets: the ones this repository uses itself (copies in ci/, checked by a
test), with luedialog installed from ``LUEDIALOG_PAKET`` instead of from the checkout.

A town's data repository has no ``pyproject.toml``: luedialog is installed from the source in the
variable ``LUEDIALOG_PAKET`` (a pinned version, a git URL with a tag, or a wheel in the repository),
and pip's download folder is cached keyed on the CI file itself, the file in which that variable
stands. So the pipeline needs no file that ``init`` does not create, and a new version means a new
cache.
"""

from __future__ import annotations

import json

from luedialog.paths import package_folder

CI_DIR = package_folder("luedialog.ci")

# file in ci/ → where it goes in a project
FILES = {
    "github-workflow.yml": ".github/workflows/luedialog.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}

VARIABLE = "LUEDIALOG_PAKET"
PACKAGE_NOTE = (
    "woher die CI luedialog installiert: luedialog==X.Y.Z, git+https://…/luedialog.git@vX.Y.Z "
    "oder eine Wheel-Datei im Repository (siehe README.md)"
)

# (text in this repository's CI file, text in a project's, how often it occurs), per file
_INSTALL = ("pip install .", f'pip install "${VARIABLE}"', 2)  # two jobs install luedialog
_REPLACEMENTS: dict[str, list[tuple[str, str, int]]] = {
    "github-workflow.yml": [
        _INSTALL,
        ("cache-dependency-path: pyproject.toml\n", f"cache-dependency-path: {FILES['github-workflow.yml']}\n", 2),
    ],
    "gitlab-ci.yml": [
        _INSTALL,
        ("    files:\n      - pyproject.toml\n", f"    files:\n      - {FILES['gitlab-ci.yml']}\n", 1),
    ],
}


def _replace(text: str, old: str, new: str, count: int, source: str) -> str:
    found = text.count(old)
    if found != count:  # pragma: no cover - the shipped CI files are tested
        raise RuntimeError(f"ci/{source}: {old!r} steht {found}-mal darin, erwartet {count}-mal")
    return text.replace(old, new)


def for_project(source: str, text: str, paket: str) -> str:
    """This repository's CI file ``source`` (its text) as a data repository needs it, with ``paket``
    as the value of ``LUEDIALOG_PAKET``."""
    value = json.dumps(paket, ensure_ascii=False)  # a YAML double-quoted scalar
    for old, new, count in _REPLACEMENTS[source]:
        text = _replace(text, old, new, count, source)
    line = f"  {VARIABLE}: {value}  # {PACKAGE_NOTE}\n"
    if source == "gitlab-ci.yml":
        return _replace(text, "\nvariables:\n", f"\nvariables:\n{line}", 1, source)
    return _replace(text, "\npermissions:\n", f"\nenv:\n{line}\npermissions:\n", 1, source)


def ci_files(paket: str) -> dict[str, str]:
    """Project path → content of every CI file, installing luedialog from ``paket``."""
    return {
        target: for_project(source, (CI_DIR / source).read_text(encoding="utf-8"), paket)
        for source, target in FILES.items()
        if (CI_DIR / source).is_file()
    }
