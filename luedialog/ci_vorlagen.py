"""The CI files a new project gets (the same ones this repository uses itself)."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
# Installed as luedialog/ci; in a source checkout the top-level ci/ folder.
CI_DIR = next((p for p in (_HERE / "ci", _HERE.parent / "ci") if p.is_dir()), _HERE / "ci")

# file in ci/ → where it goes in a project
FILES = {
    "github-workflow.yml": ".github/workflows/luedialog.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}


def ci_files() -> dict[str, str]:
    """Project path → content of every CI file that exists."""
    return {
        target: (CI_DIR / source).read_text(encoding="utf-8")
        for source, target in FILES.items()
        if (CI_DIR / source).is_file()
    }
