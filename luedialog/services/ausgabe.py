"""Output files a user names (``--ausgabe``): written atomically, never over the project's data.

A report, an export, a query sheet or the schemas go to the path the user gives. The previous
complete file stays until the new one is complete (a full disk leaves the old file), and a path
that is a data file of the project or its ``luedialog.yaml`` is refused: an output never
overwrites what it was made from.
"""

from __future__ import annotations

import stat
from pathlib import Path

from luedialog.errors import LuedialogError, reason
from luedialog.files.atomic import JOURNAL_FILE, LOCK_FILE, TEMP_PREFIX, atomic_write
from luedialog.files.discover import is_data_file_name
from luedialog.paths import CONFIG_FILE, DATA_DIR, inside


def _refusal(root: Path | None, target: Path) -> str | None:
    """Why ``target`` must not be an output of the project at ``root``, if it must not."""
    if root is None:
        return None
    try:
        resolved = target.resolve()
        project = root.resolve()
    except (OSError, RuntimeError):
        return None
    if resolved == project / CONFIG_FILE:
        return f"das ist die Projektkonfiguration {CONFIG_FILE}"
    if resolved in (project / JOURNAL_FILE, project / LOCK_FILE) or resolved.name.startswith(TEMP_PREFIX):
        return "das ist eine Datei, die luedialog selbst führt"
    if ".git" in resolved.parts:  # also a repository above the project: git's own files are no output
        return "das ist ein Ordner von git (.git); eine Ausgabe dort würde das Repository beschädigen"
    data = project / DATA_DIR
    if resolved.is_relative_to(data) and is_data_file_name(resolved.name):
        return f"das ist eine Datendatei des Projekts ({resolved.relative_to(project).as_posix()})"
    if resolved.is_relative_to(data):  # a report beside the measures would be taken for part of the data
        return f"der Ordner {DATA_DIR}/ enthält nur die Daten des Prozesses; eine Ausgabe gehört woandershin"
    return None


def _special(target: Path) -> bool:
    """True if ``target`` (or what a link at it leads to) exists and is neither a file nor a folder."""
    for path in (target, target.resolve()) if target.is_symlink() else (target,):
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
            return True
    return False


def write_output(root: Path | None, target: Path, data: bytes) -> None:
    """Write ``data`` to the user's ``target`` atomically; refuse the project's own data files."""
    check_output(root, target)
    atomic_write(target, data)


def check_output(root: Path | None, target: Path) -> None:
    """Refuse ``target`` as an output (as :func:`write_output` does) if it is a data file of the
    project, a folder, a device, a pipe or a socket, or its folder is missing."""
    refusal = _refusal(root, target)
    if refusal is not None:
        verb = "überschrieben" if target.exists() else "geschrieben"
        raise LuedialogError(
            f"{target} wird nicht {verb}: {refusal}.", hint="Wählen Sie mit --ausgabe eine andere Datei."
        )
    if target.is_dir():
        raise LuedialogError(f"{target} ist ein Ordner.", hint="Geben Sie mit --ausgabe eine Datei an.")
    if _special(target):  # replacing /dev/null (as root) by a plain file would break the system
        raise LuedialogError(
            f"{target} ist keine gewöhnliche Datei (ein Gerät, eine benannte Pipe oder ein Socket); "
            "sie wird nicht ersetzt.",
            hint="Geben Sie mit --ausgabe eine Datei an; ohne --ausgabe schreibt luedialog, wo möglich, "
            "auf die Konsole.",
        )
    if not target.parent.is_dir():
        raise LuedialogError(
            f"{target} kann nicht geschrieben werden: den Ordner {target.parent} gibt es nicht.",
            hint="Legen Sie ihn an oder wählen Sie einen anderen.",
        )


def write_into(root: Path | None, folder: Path, files: dict[str, bytes], *, in_project: bool = False) -> list[Path]:
    """Write several outputs into ``folder`` (created if needed), each atomically.

    ``in_project``: the folder is the project's own (not one the user named), so it must lie inside
    the project: a ``schema`` folder that is a link to somewhere else is refused.
    """
    if in_project and root is not None and not inside(folder, root):
        raise LuedialogError(
            f"{folder} liegt außerhalb des Projekts (ein Verweis?); dorthin wird nichts geschrieben.",
            hint="Ersetzen Sie den Verweis durch einen echten Ordner oder geben Sie mit --ausgabe einen Ordner an.",
        )
    if root is not None and not in_project and inside(folder, root / DATA_DIR):
        raise LuedialogError(
            f"In den Ordner {folder} wird nichts geschrieben: der Ordner {DATA_DIR}/ enthält nur die Daten des "
            "Prozesses; eine Ausgabe gehört woandershin.",
            hint="Wählen Sie mit --ausgabe einen Ordner außerhalb von data/, z. B. berichte.",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LuedialogError(f"Der Ordner {folder} kann nicht angelegt werden ({reason(exc)}).") from None
    written = []
    for name, data in files.items():
        target = folder / name
        write_output(root, target, data)
        written.append(target)
    return written
