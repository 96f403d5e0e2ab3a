"""The few git operations luedialog needs: who am I, commit one file, read a file at a revision."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from luedialog.errors import LuedialogError


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    if shutil.which("git") is None:
        raise LuedialogError("git ist nicht installiert.", hint="Installieren Sie git oder lassen Sie --commit weg.")
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if check and result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LuedialogError(f"git {args[0]} ist fehlgeschlagen: {message[-1] if message else 'ohne Meldung'}")
    return result


def is_repository(root: Path) -> bool:
    if shutil.which("git") is None:
        return False
    return _git(root, "rev-parse", "--is-inside-work-tree", check=False).returncode == 0


def user_name(root: Path) -> str | None:
    if shutil.which("git") is None:
        return None
    result = _git(root, "config", "user.name", check=False)
    name = result.stdout.decode("utf-8", "replace").strip()
    return name or None


def commit_file(root: Path, name: str, message: str) -> None:
    """Commit only ``name`` (other staged or changed files stay as they are)."""
    _git(root, "add", "--", name)
    _git(root, "commit", "-q", "-m", message, "--", name)


def prefix(root: Path) -> str:
    """``sub/dir/`` if the project lies in a subfolder of a git repository, else an empty string."""
    if not is_repository(root):
        return ""
    top = Path(_git(root, "rev-parse", "--show-toplevel").stdout.decode().strip())
    rel = root.resolve().relative_to(top.resolve()).as_posix()
    return "" if rel in ("", ".") else rel + "/"


def resolve(root: Path, revision: str) -> str:
    result = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
    if result.returncode != 0:
        raise LuedialogError(
            f"„{revision}“ ist keine bekannte git-Revision.",
            hint="Beispiele: main, origin/main, HEAD~3, ein Commit-Hash oder ein Tag.",
        )
    return result.stdout.decode().strip()


def files_at(root: Path, revision: str, folder: str) -> dict[str, bytes]:
    """All files below ``folder`` (relative to the repository's top) at ``revision``."""
    top = Path(_git(root, "rev-parse", "--show-toplevel").stdout.decode().strip())
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    # paths relative to the working directory (the project), names reported from the repository top
    listing = _git(root, "ls-tree", "-r", "-z", "--full-name", "--name-only", revision, "--", folder).stdout
    names = [n.decode("utf-8") for n in listing.split(b"\0") if n]
    if not names:
        return {}
    request = "".join(f"{revision}:{n}\n" for n in names).encode("utf-8")
    done = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input=request, capture_output=True, check=True)
    out, files, pos = done.stdout, {}, 0
    for name in names:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        size = int(header[2])
        files[name[len(prefix) + 1 :] if prefix not in ("", ".") else name] = out[
            header_end + 1 : header_end + 1 + size
        ]
        pos = header_end + 1 + size + 1
    return files


def installed() -> bool:
    return shutil.which("git") is not None


def identity_problem(root: Path) -> str | None:
    """Why git in ``root`` could not make a commit (no name or e-mail configured), if it could not."""
    result = _git(root, "var", "GIT_COMMITTER_IDENT", check=False)
    if result.returncode == 0:
        return None
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else "keine Identität eingerichtet"


def init_repository(root: Path) -> None:
    """A new repository in ``root`` whose first branch is ``main`` (the branch the CI files name)."""
    _git(root, "init", "-q", "--initial-branch=main")


def commit_files(root: Path, message: str, names: list[str]) -> str:
    """Commit only ``names`` (relative to ``root``); the short hash of the commit."""
    _git(root, "add", "--", *names)
    _git(root, "commit", "-q", "-m", message, "--", *names)
    return _git(root, "rev-parse", "--short", "HEAD").stdout.decode().strip()
