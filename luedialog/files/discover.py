"""Which files are data: one rule for the loader, ``pruefen --seit`` and every writer.

A data file is a file in one of the data folders whose name does not start with a dot and ends in
``.yaml`` or ``.yml`` (in any case: ``M-BEK-02.YAML`` is data too). A file that is a link leading
out of the project, a link in a circle or not a plain file is reported, never read; so is a data
folder that leads out of the project (``data/massnahmen`` or ``data`` a link to somewhere else):
then none of its files is read, and no writer writes there (:func:`folder_problem`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from luedialog.findings import Finding, error

SUFFIXES = (".yaml", ".yml")


def is_data_file_name(name: str) -> bool:
    """True for the last part of a path that names a data file (hidden files are not)."""
    base = name.rsplit("/", 1)[-1]
    return not base.startswith(".") and base.lower().endswith(SUFFIXES)


def _listing(directory: Path) -> list[os.DirEntry[str]]:
    """The entries of the YAML files in ``directory``, in the order of ``sorted(Path.iterdir())``."""
    # os.scandir knows from the directory listing what is a plain file: no system call per file
    with os.scandir(directory) as listing:
        return sorted(
            (e for e in listing if is_data_file_name(e.name)),
            key=lambda e: os.path.normcase(e.name),
        )


def count_data_files(root: Path, folder: str) -> int:
    """How many files :func:`data_files` gives for ``folder`` (without looking at each)."""
    directory = root / folder
    return len(_listing(directory)) if directory.is_dir() else 0


def data_files(root: Path, folder: str) -> Iterator[tuple[Path, str, Finding | None]]:
    """The YAML files of ``folder`` in a stable order, as (path, display name, problem)."""
    for path, name, problem in data_file_entries(root, folder):
        yield Path(path), name, problem


def folder_problem(root: Path, folder: str) -> Finding | None:
    """An error if the data folder ``folder`` (or a folder above it) leads out of the project."""
    directory = root / folder
    try:
        target = directory.resolve()
        resolved_root = root.resolve()
    except (OSError, RuntimeError):
        target = None
    if target is None:
        return error(
            folder,
            0,
            "symlink-kreis",
            "Der Ordner ist ein Verweis (Symlink), der im Kreis auf sich selbst zeigt.",
            hint="Legen Sie die Daten als echten Ordner in den Projektordner.",
        )
    if not target.is_relative_to(resolved_root):
        return error(
            folder,
            0,
            "symlink-ausserhalb",
            f"Der Ordner ist ein Verweis (Symlink) auf {target}, außerhalb des Projekts.",
            hint="Legen Sie die Daten als echten Ordner in den Projektordner.",
        )
    return None


def data_file_entries(root: Path, folder: str) -> Iterator[tuple[str, str, Finding | None]]:
    """:func:`data_files` with the path as a string (10,000 Path objects take a noticeable time).

    A folder that leads out of the project gives one entry: the folder with its problem.
    """
    directory = root / folder
    if not directory.is_dir():
        return
    problem = folder_problem(root, folder)
    if problem is not None:
        yield str(directory), folder, problem
        return
    resolved_root = root.resolve()
    for entry in _listing(directory):
        name = f"{folder}/{entry.name}"
        problem = None
        if any("\udc80" <= c <= "\udcff" for c in entry.name):  # os.fsdecode kept bytes that are no UTF-8
            problem = error(
                name,
                0,
                "dateiname-kodierung",
                "Der Dateiname ist nicht in UTF-8 kodiert; luedialog liest die Datei nicht.",
                hint="Benennen Sie die Datei um (die ID einer Maßnahme oder Gruppe ist ihr Dateiname).",
            )
        elif entry.is_symlink():
            try:
                target = Path(entry.path).resolve()
            except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
                target = None
            if target is None:
                problem = error(
                    name,
                    0,
                    "symlink-kreis",
                    "Die Datei ist ein Verweis (Symlink), der im Kreis auf sich selbst zeigt.",
                    hint="Ersetzen Sie den Verweis durch eine echte Datei im Projektordner.",
                )
            elif not target.is_relative_to(resolved_root):
                problem = error(
                    name,
                    0,
                    "symlink-ausserhalb",
                    f"Die Datei ist ein Verweis (Symlink) auf {target}, außerhalb des Projekts.",
                    hint="Legen Sie die Daten als echte Datei in den Projektordner.",
                )
        if problem is None and not entry.is_file():
            problem = error(name, 0, "keine-datei", "Das ist keine lesbare Datei (Ordner oder defekter Verweis).")
        yield entry.path, name, problem
