"""The few git operations luedialog needs: commit one file, read the files of a revision.

luedialog never asks git who the user is: a name must not reach the history without consent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from luedialog.errors import LuedialogError


def require_git(option: str) -> None:
    """Refuse ``option`` (``--seit``, ``--commit``) in German if git is not installed or not on PATH."""
    if shutil.which("git") is None:
        raise LuedialogError(
            f"git ist nicht installiert (oder nicht im Suchpfad PATH); {option} braucht git.",
            hint=f"Installieren Sie git (Debian/Ubuntu: apt install git) oder lassen Sie {option} weg.",
        )


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    if shutil.which("git") is None:
        raise LuedialogError("git ist nicht installiert (oder nicht im Suchpfad PATH).", hint="Installieren Sie git.")
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    if check and result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LuedialogError(f"git {args[0]} ist fehlgeschlagen: {message[-1] if message else 'ohne Meldung'}")
    return result


def is_repository(root: Path) -> bool:
    if shutil.which("git") is None:
        return False
    return _git(root, "rev-parse", "--is-inside-work-tree", check=False).returncode == 0


def commit_file(root: Path, name: str, message: str) -> None:
    """Commit only ``name`` (other staged or changed files stay as they are)."""
    _git(root, "add", "--", name)
    _git(root, "commit", "-q", "-m", message, "--", name)


def commit_files(root: Path, names: list[str], message: str) -> str:
    """Commit exactly ``names`` (new or changed, relative to ``root``; other staged or changed files
    stay as they are); the short hash of the commit."""
    _git(root, "add", "--", *names)
    _git(root, "commit", "-q", "-m", message, "--", *names)
    return _git(root, "rev-parse", "--short", "HEAD").stdout.decode().strip()


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
    """All files below ``folder`` (relative to the project) at ``revision``, by name relative to the
    project. Names are taken byte for byte (a line break or a byte that is not UTF-8 in a committed
    name is kept, as ``os.fsdecode`` gives it); the contents are requested by object ID, so no name
    passes through the line-based ``cat-file`` protocol. Links and submodules are left out."""
    top = Path(os.fsdecode(_git(root, "rev-parse", "--show-toplevel").stdout.rstrip(b"\n")))
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    listing = _git(root, "ls-tree", "-r", "-z", "--full-name", revision, "--", folder).stdout
    entries: list[tuple[str, str]] = []  # (name relative to the project, object ID)
    for record in listing.split(b"\0"):
        info, tab, raw_name = record.partition(b"\t")
        fields = info.split()
        if not tab or len(fields) != 3 or fields[1] != b"blob" or fields[0] == b"120000":
            continue
        name = os.fsdecode(raw_name)
        if prefix not in ("", "."):
            name = name[len(prefix) + 1 :]
        entries.append((name, fields[2].decode("ascii")))
    if not entries:
        return {}
    request = "".join(f"{oid}\n" for _, oid in entries).encode("ascii")
    done = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input=request, capture_output=True, check=False)
    if done.returncode != 0:
        raise LuedialogError(f"git cat-file ist fehlgeschlagen: die Dateien von {revision} sind nicht lesbar.")
    out, files, pos = done.stdout, {}, 0
    for name, _ in entries:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split()
        size = int(header[2])
        files[name] = out[header_end + 1 : header_end + 1 + size]
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
