"""Appending to a YAML list without touching anything else.

Only the added lines change: comments, key order, quoting, blank lines and line endings of the
rest of the file stay byte for byte. Every value is written so that it reads back as exactly the
same value (``scalar``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date

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


def append_to_list(doc: Document, key: str, fields: Sequence[tuple[str, Scalar | None]]) -> str:
    """Return the file text with a new mapping item appended to the top-level block list ``key``.

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
    new_lines = mapping_item(fields, dash_col)
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


Nested = Sequence[tuple[str, Scalar]]  # a small mapping inside a list item (``aufschluesselung``)
_EMPTY_FLOW = re.compile(r"^(?P<key>[^\s#][^#]*?):[ \t]*\[[ \t]*\](?P<rest>[ \t]*(#.*)?)$")


def item_lines(fields: Sequence[tuple[str, Scalar | Nested | None]], dash_col: int) -> list[str]:
    """Lines of a block-sequence item whose values are scalars or small mappings of scalars."""
    key_col = dash_col + 2
    lines: list[str] = []
    for i, (key, value) in enumerate(f for f in fields if f[1] is not None):
        prefix = " " * dash_col + "- " if i == 0 else " " * key_col
        if isinstance(value, (list, tuple)):
            lines.append(f"{prefix}{key}:")
            lines += [f"{' ' * (key_col + 2)}{scalar(k, key_col + 2)}: {scalar(v, key_col + 2)}" for k, v in value]
        else:
            assert isinstance(value, (str, int, float, date))
            lines.append(f"{prefix}{key}: {scalar(value, key_col)}")
    return "\n".join(lines).split("\n")


def append_item(doc: Document, key: str, fields: Sequence[tuple[str, Scalar | Nested | None]]) -> str:
    """The file text with a new item at the end of the top-level list ``key``, which may be missing
    (then ``key:`` and the item are added at the end of the file), empty (``key:``) or ``key: []``
    (then only that line changes, to ``key:``). Otherwise only the added lines change.
    """
    if not isinstance(doc.data, dict):
        raise LuedialogError(f"{doc.name}: oben steht keine Zuordnung.", file=doc.name)
    lines = doc.text.split("\n")
    items = doc.data.get(key)
    if key not in doc.data:
        text = doc.text if doc.text.endswith("\n") or not doc.text else doc.text + "\n"
        return text + f"{key}:\n" + "\n".join(item_lines(fields, 2)) + "\n"
    key_line = doc.key_line((key,))
    if items is None or items == []:
        line = lines[key_line - 1]
        if items == []:
            match = _EMPTY_FLOW.match(line)
            if match is None:
                raise LuedialogError(
                    f"„{key}“ ist eine leere Liste, die luedialog nicht sicher ergänzen kann.",
                    hint=f"Schreiben Sie „{key}:“ allein in die Zeile (ohne []).",
                    file=doc.name,
                    line=key_line,
                )
            lines[key_line - 1] = f"{match.group('key')}:{match.group('rest')}"
        indent = len(line) - len(line.lstrip(" "))
        result = lines[:key_line] + item_lines(fields, indent + 2) + lines[key_line:]
        text = "\n".join(result)
        return text if text.endswith("\n") else text + "\n"
    if not isinstance(items, list):
        raise LuedialogError(f"{doc.name}: „{key}“ ist keine Liste.", file=doc.name, line=key_line)
    first = lines[doc.line((key, 0)) - 1]
    list_line, list_col = doc.position((key,))
    if lines[list_line - 1][list_col - 1 : list_col] == "[" or "-" not in first:
        raise LuedialogError(
            f"„{key}“ ist in Kurzschreibweise ([...]) geschrieben; "
            "luedialog kann nur an Listen in Blockschreibweise anhängen.",
            hint="Schreiben Sie die Einträge untereinander mit „- “.",
            file=doc.name,
            line=key_line,
        )
    last = len(items) - 1
    insert_at = max(
        (line for path, (line, _) in doc.ends.items() if path[:2] == (key, last)),
        default=doc.line((key, last)),
    )
    result = lines[:insert_at] + item_lines(fields, first.index("-")) + lines[insert_at:]
    text = "\n".join(result)
    return text if text.endswith("\n") else text + "\n"
