"""Appending to a YAML list without touching anything else.

Only the added lines change: comments, key order, quoting, blank lines and line endings of the
rest of the file stay byte for byte. Every value is written so that it reads back as exactly the
same value (``scalar``).
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any

import yaml

from luedialog.errors import LuedialogError
from luedialog.files.read import Document

_PLAIN = re.compile(r"^[A-Za-zÄÖÜäöüß0-9(][^:#\n\"'{}\[\],&*!|>%@`]*$")
# control characters, DEL, C1 controls, and the Unicode line/paragraph separators and BOM
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"}

Scalar = str | int | float | date


def scalar(value: Scalar, indent: int) -> str:
    """A YAML scalar for ``value`` that reads back as exactly the same value."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if _UNSAFE.search(value):
        return _double_quoted(value)
    literal_ok = not re.search(r"(^[ \t])|([ \t]$)|\t", value, re.MULTILINE) and not value.endswith("\n")
    if "\n" in value and literal_ok:
        pad = " " * (indent + 2)
        body = "\n".join(pad + line if line else "" for line in value.split("\n"))
        return "|-\n" + body
    if (
        "\n" not in value
        and _PLAIN.match(value)
        and value == value.strip()
        and value.lower() not in _RESERVED
        and not re.match(r"^[0-9.+-]", value)
        and ": " not in value
        and " #" not in value
    ):
        return value
    return _double_quoted(value)


def _double_quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset) with every character that YAML
    would read as a line break or forbids escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def mapping_item(fields: Sequence[tuple[str, Scalar | None]], dash_col: int) -> list[str]:
    """Lines of a block-sequence item ``- key: value`` with the dash at ``dash_col``."""
    key_col = dash_col + 2
    lines: list[str] = []
    for i, (key, value) in enumerate(f for f in fields if f[1] is not None):
        assert value is not None
        prefix = " " * dash_col + "- " if i == 0 else " " * key_col
        text = scalar(value, key_col)
        lines.append(f"{prefix}{key}: {text}")
    return "\n".join(lines).split("\n")


def append_to_list(
    doc: Document, key: str, fields: Sequence[tuple[str, Scalar | None]], *more: Sequence[tuple[str, Scalar | None]]
) -> str:
    """Return the file text with a new mapping item appended to the top-level block list ``key``
    (and after it one item for each of ``more``, in order: many entries in one pass over the file).

    ``doc.text`` has LF line endings (as read); the caller restores the file's own line endings.
    """
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get(key), list):
        raise LuedialogError(f"{doc.name}: „{key}“ ist keine Liste.", file=doc.name)
    items = doc.data[key]
    assert isinstance(items, list)
    lines = doc.text.split("\n")
    key_line = doc.key_line((key,))  # 1-based
    if not items:
        raise LuedialogError(
            f"Die Liste „{key}“ ist leer; der erste Eintrag muss von Hand angelegt werden.",
            file=doc.name,
            line=key_line,
        )
    first_item_line = doc.line((key, 0))
    first = lines[first_item_line - 1]
    list_line, list_col = doc.position((key,))
    if lines[list_line - 1][list_col - 1 : list_col] == "[" or "-" not in first:
        raise LuedialogError(
            f"„{key}“ ist in Kurzschreibweise ([...]) geschrieben; "
            "luedialog kann nur an Listen in Blockschreibweise anhängen.",
            hint="Schreiben Sie die Einträge untereinander mit „- “.",
            file=doc.name,
            line=key_line,
        )
    dash_col = first.index("-")
    # Insert right after the last line of the last item's content (known from the parser), so
    # comments and blank lines that follow the list stay where they are.
    last = len(items) - 1
    insert_at = max(
        (line for path, (line, _) in doc.ends.items() if path[:2] == (key, last)),
        default=doc.line((key, last)),
    )
    new_lines = [line for item in (fields, *more) for line in mapping_item(item, dash_col)]
    result = lines[:insert_at] + new_lines + lines[insert_at:]
    text = "\n".join(result)
    if not text.endswith("\n"):
        text += "\n"
    return text


def encode_like(original: bytes, text: str) -> bytes:
    """Encode ``text`` (LF endings) with the BOM and line endings of ``original``."""
    crlf = b"\r\n" in original
    data = text.replace("\n", "\r\n") if crlf else text
    raw = data.encode("utf-8")
    return (b"\xef\xbb\xbf" + raw) if original.startswith(b"\xef\xbb\xbf") else raw


_LINE_END = re.compile(r"\r\n|\r|\n")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader where PyYAML has it


def appended_items(old: bytes, new: bytes) -> list[Any] | None:
    """The list items that ``new`` adds to ``old``, read from the added lines alone (not the whole file),
    if ``new`` keeps every line of ``old`` and only inserts lines in one place; None otherwise."""
    old_lines = _LINE_END.split(old.decode("utf-8-sig"))
    new_lines = _LINE_END.split(new.decode("utf-8-sig"))
    start = next((i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b), len(old_lines))
    count = len(new_lines) - len(old_lines)
    if count <= 0 or new_lines[:start] + new_lines[start + count :] != old_lines:
        return None
    try:
        items = yaml.load(textwrap.dedent("\n".join(new_lines[start : start + count])), Loader=_YAML_LOADER)
    except yaml.YAMLError:
        return None
    return items if isinstance(items, list) else None
