"""Findings where people look: GitHub Actions annotations and GitLab Code Quality reports."""

from __future__ import annotations

import hashlib
import json

from luedialog.findings import Finding
from luedialog.reporters.findings import sort_key
from luedialog.text import json_safe, visible

GITLAB_SEVERITY = {"fehler": "major", "warnung": "minor"}


def _escape_data(text: str) -> str:
    """A workflow command's data: line breaks encoded, every other control character made visible
    (the log is a terminal: an escape sequence from the data must not act on it)."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: list[Finding], prefix: str = "") -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
    lines = []
    for f in sorted(findings, key=sort_key):
        kind = "error" if f.is_error else "warning"
        props = [f"file={_escape_property(prefix + f.file)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f'luedialog {f.code}')}")
        message = f.message + (f" {f.hint}" if f.hint else "") + (f" [{f.key}]" if f.key else "")
        lines.append(f"::{kind} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)


def fingerprint(f: Finding, occurrence: int) -> str:
    """Stable across runs and unaffected by lines moving: file, code, key, message and occurrence."""
    raw = "\x1f".join((f.file, f.code, f.key, f.message, str(occurrence)))
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()  # a name that is no UTF-8


def gitlab(findings: list[Finding], prefix: str = "") -> str:
    """A GitLab Code Quality report (JSON array)."""
    seen: dict[tuple[str, str, str, str], int] = {}
    issues = []
    for f in sorted(findings, key=sort_key):
        ident = (f.file, f.code, f.key, f.message)
        seen[ident] = seen.get(ident, 0) + 1
        issues.append(
            {
                "description": f.message + (f" {f.hint}" if f.hint else ""),
                "check_name": f"luedialog-{f.code}",
                "fingerprint": fingerprint(f, seen[ident]),
                "severity": GITLAB_SEVERITY[f.severity.value],
                "location": {"path": prefix + f.file, "lines": {"begin": max(f.line, 1)}},
            }
        )
    return json_safe(json.dumps(issues, ensure_ascii=False, indent=2))
