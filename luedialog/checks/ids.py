"""IDs: each one well-formed, unique (also ignoring case) and matching its file's name."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from luedialog.findings import Finding, error
from luedialog.paths import PLAIN_NAME_HINT, is_plain_name
from luedialog.snapshot import Snapshot

# guidelines keep their printed numbers (L-BEK-B1.10); measures and groups are file names
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
FILE_KINDS = ("Maßnahme", "Gruppe")


def check_ids(snap: Snapshot) -> list[Finding]:
    findings: list[Finding] = []
    first: dict[str, tuple[str, str, str, int]] = {}
    for entry in snap.ids:
        if entry.kind in FILE_KINDS and not is_plain_name(entry.id):
            findings.append(
                error(
                    entry.file,
                    entry.line,
                    "id-format",
                    f"Die ID „{entry.id}“ ist kein einfacher Name; sie ist auch der Dateiname.",
                    hint=PLAIN_NAME_HINT,
                    key="id",
                )
            )
        elif not ID_PATTERN.match(entry.id) or ".." in entry.id:
            findings.append(
                error(
                    entry.file,
                    entry.line,
                    "id-format",
                    f"Die ID „{entry.id}“ enthält unerlaubte Zeichen.",
                    hint="Erlaubt sind Buchstaben ohne Umlaute, Ziffern, Punkt, Binde- und Unterstrich.",
                    key="id",
                )
            )
        folded = entry.id.casefold()
        if folded in first:
            kind, other, file, line = first[folded]
            same = "dieselbe ID" if other == entry.id else f"bis auf Groß-/Kleinschreibung dieselbe ID wie „{other}“"
            findings.append(
                error(
                    entry.file,
                    entry.line,
                    "doppelte-id",
                    f"{entry.kind} „{entry.id}“ hat {same} ({kind} in {file}:{line}).",
                    hint="Jede ID darf nur einmal vorkommen; vergeben Sie eine neue.",
                    key="id",
                )
            )
        else:
            first[folded] = (entry.kind, entry.id, entry.file, entry.line)
    for objects in (snap.massnahmen.values(), snap.gruppen.values(), snap.indikatoren.values()):
        for obj in objects:
            name = obj.datei.rpartition("/")[2]
            dot = name.rfind(".")
            stem = name[:dot] if 0 < dot < len(name) - 1 else name  # PurePosixPath(…).stem, 20 times faster
            if stem != obj.id:
                findings.append(
                    error(
                        obj.datei,
                        snap.line(obj.datei, ("id",)),
                        "id-dateiname",
                        f"Die ID „{obj.id}“ passt nicht zum Dateinamen „{PurePosixPath(obj.datei).name}“.",
                        hint=f"Benennen Sie die Datei in „{obj.id}.yaml“ um oder korrigieren Sie die ID.",
                        key="id",
                    )
                )
    return findings
