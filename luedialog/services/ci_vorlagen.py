"""The CI files a new project gets: the ones this repository uses itself (copies in ci/, checked by a
test), with luedialog installed as a package instead of from the checkout."""

from __future__ import annotations

from luedialog.paths import package_folder

CI_DIR = package_folder("luedialog.ci")

# file in ci/ → where it goes in a project
FILES = {
    "github-workflow.yml": ".github/workflows/luedialog.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}


PACKAGE_NOTE = "luedialog aus PyPI; oder z. B. git+https://example.org/luedialog.git@v0.1.0"


def for_project(source: str, text: str) -> str:
    """A data repository is not the luedialog package: install luedialog by name (a variable)."""
    text = text.replace("pip install .", 'pip install "$LUEDIALOG_PAKET"')
    if source == "gitlab-ci.yml":
        return text.replace("variables:\n", f'variables:\n  LUEDIALOG_PAKET: "luedialog"  # {PACKAGE_NOTE}\n', 1)
    return text.replace("permissions:\n", f"env:\n  LUEDIALOG_PAKET: luedialog  # {PACKAGE_NOTE}\n\npermissions:\n", 1)


def ci_files() -> dict[str, str]:
    """Project path → content of every CI file that exists."""
    return {
        target: for_project(source, (CI_DIR / source).read_text(encoding="utf-8"))
        for source, target in FILES.items()
        if (CI_DIR / source).is_file()
    }
