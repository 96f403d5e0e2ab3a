"""Every history that `pruefen` accepts can be continued by `luedialog sachstand`.

A new entry is appended as new lines at the end of the block list ``verlauf``; a list in flow
style (``verlauf: [{…}, {…}]``) could only be continued by changing an existing line, and an empty
list has no entry to follow. Both are refused here, before anyone tries to record a status.
"""

from __future__ import annotations

import re

from luedialog.findings import Finding, error
from luedialog.snapshot import Snapshot

_LINE_BREAK = re.compile("\r\n|\r|\n")  # where YAML ends a line


def _character_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based YAML position."""
    start = 0
    for _ in range(line - 1):
        found = _LINE_BREAK.search(text, start)
        if found is None:
            return ""
        start = found.end()
    return text[start + column - 1 : start + column]


def check_appendable(snap: Snapshot) -> list[Finding]:
    findings: list[Finding] = []
    for m in sorted(snap.massnahmen.values(), key=lambda m: m.id):
        doc = snap.documents.get(m.datei)
        if doc is None:
            continue
        if not m.verlauf:
            findings.append(
                error(
                    m.datei,
                    doc.key_line(("verlauf",)),  # the key's line needs a second parse: only for a finding
                    "verlauf-leer",
                    "Der Verlauf ist leer; jede Maßnahme beginnt mit einem Eintrag (ihrem Stand bei der Aufnahme).",
                    hint="Tragen Sie den ersten Eintrag von Hand ein: „- datum: …“, „status: …“, „notiz: …“.",
                    key="verlauf",
                )
            )
            continue
        if _character_at(doc.text, *doc.position(("verlauf",))) == "[":  # where the list begins: known
            findings.append(
                error(
                    m.datei,
                    doc.key_line(("verlauf",)),
                    "verlauf-kurzschreibweise",
                    "Der Verlauf ist in Kurzschreibweise ([…]) geschrieben; so kann luedialog keinen Sachstand "
                    "anhängen, ohne eine bestehende Zeile zu ändern.",
                    hint="Schreiben Sie die Einträge untereinander, jeden mit „- “ (siehe docs/DATENFORMAT.md).",
                    key="verlauf",
                )
            )
    return findings
