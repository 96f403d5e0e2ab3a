"""Where a project's files lie (the configuration and the data folders) and how its root is found.

Also where the package data of luedialog itself lies (the built-in templates and CI files).
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from luedialog.errors import ProjectNotFoundError

CONFIG_FILE = "luedialog.yaml"
DATA_DIR = "data"
LEITLINIEN_DIR = "data/leitlinien"
MASSNAHMEN_DIR = "data/massnahmen"
GRUPPEN_DIR = "data/gruppen"
INDIKATOREN_DIR = "data/indikatoren"
DATA_DIRS = (LEITLINIEN_DIR, MASSNAHMEN_DIR, GRUPPEN_DIR, INDIKATOREN_DIR)

# a value that becomes (part of) a file name: the ID of a measure or group, a field's Kürzel. ASCII
# letters and digits in groups joined by single hyphens: no separator, no dot, no "..", no space.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
PLAIN_NAME_HINT = (
    "Erlaubt sind Buchstaben ohne Umlaute, Ziffern und einzelne Bindestriche dazwischen (z. B. „M-BEK-01“)."
)


def is_plain_name(value: str) -> bool:
    """True if ``value`` may become part of a file name (see ``_PLAIN_NAME``)."""
    return _PLAIN_NAME.fullmatch(value) is not None


def inside(path: Path, folder: Path) -> bool:
    """True if ``path`` resolved (links followed) lies in ``folder`` resolved, or is it."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def find_root(start: Path) -> Path:
    """Search ``start`` and its parents for ``luedialog.yaml``, like git finds its repository."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise ProjectNotFoundError(
        f"Kein luedialog-Projekt gefunden: weder in {start} noch darüber liegt eine Datei {CONFIG_FILE}.",
        hint="Wechseln Sie in den Projektordner oder geben Sie ihn mit --daten PFAD an.",
    )


def project_root(daten: Path | None) -> Path:
    """The project at ``daten`` (which must hold ``luedialog.yaml``) or the one found from the
    working directory upwards."""
    if daten is None:
        return find_root(Path.cwd())
    if not (daten / CONFIG_FILE).is_file():
        raise ProjectNotFoundError(
            f"In {daten} liegt keine {CONFIG_FILE}.",
            hint="Geben Sie mit --daten den Projektordner an (den mit luedialog.yaml).",
        )
    return daten


def package_folder(package: str) -> Path:
    """The folder of package data that comes with luedialog (``luedialog.templates``, ``luedialog.ci``).

    Found through importlib.resources, so it is the same in a checkout, an editable and a normal
    installation; wheels are installed unpacked, so the folder is a real one.
    """
    return Path(str(files(package)))
