"""Findings as German text (grouped by file) or JSON."""

from __future__ import annotations

import json
from itertools import groupby

from luedialog.findings import Finding
from luedialog.text import count, json_safe, visible

JSON_FORMAT_VERSION = 1


def sort_key(f: Finding) -> tuple[str, int, int, str]:
    return (f.file, f.line, f.column, f.message)


def summary(findings: list[Finding], files: int) -> str:
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    checked = f"{count(files, 'Datei', 'Dateien')} geprüft"
    if not findings:
        return f"Alles in Ordnung: {checked}, keine Fehler, keine Warnungen."
    return f"{checked}: {errors} Fehler, {count(warnings, 'Warnung', 'Warnungen')}."


def as_text(findings: list[Finding], files: int) -> str:
    lines: list[str] = []
    for file, group in groupby(sorted(findings, key=sort_key), key=lambda f: f.file):
        lines.append(visible(file, one_line=True))
        for f in group:
            lines.append(f"  {f.text()}")
        lines.append("")
    lines.append(summary(findings, files))
    return "\n".join(lines)


def as_json(findings: list[Finding], files: int) -> str:
    errors = sum(1 for f in findings if f.is_error)
    data = {
        "version": JSON_FORMAT_VERSION,
        "dateien": files,
        "fehler": errors,
        "warnungen": len(findings) - errors,
        "befunde": [
            {
                "datei": f.file,
                "zeile": f.line,
                "spalte": f.column,
                "schwere": f.severity.value,
                "code": f.code,
                "meldung": f.message,
                "hinweis": f.hint,
                "schluessel": f.key,
            }
            for f in sorted(findings, key=sort_key)
        ],
    }
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2))
