"""Appending to a YAML list without touching anything else.

Only the added lines change: comments, key order, quoting, blank lines and the line ending of every
line of the rest of the file stay byte for byte (LF, CRLF, CR only, or a mix of them; a file
without a final line break keeps its last line as it is unless the new item must follow it). Every
value is written so that it reads back as exactly the same value (``scalar``), with PyYAML's C
loader and with its pure-Python loader alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from luedialog.errors import LuedialogError
from luedialog.files.read import Document

try:  # the same loader that reads the files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# a plain scalar: no tab (libyaml reads "a<TAB>b" as plain text, PyYAML's pure loader refuses it)
_PLAIN = re.compile(r"^[A-Za-zÄÖÜäöüß0-9(][^:#\n\t\"'{}\[\],&*!|>%@`]*$")
# what YAML does not allow in a file (C0 controls but tab and line feed, DEL, C1 controls, U+FFFE,
# U+FFFF), what it reads as a line break (CR, NEL, U+2028, U+2029), and the BOM: always escaped
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # no Unicode character: cannot be written in UTF-8 or YAML
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")  # where YAML ends a line (NEL, U+2028/9 are refused when read)
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
    if _SURROGATE.search(value):
        raise LuedialogError(
            "Der Text enthält Zeichen, die es in Unicode nicht gibt (kam ein Argument nicht in UTF-8 an?).",
            hint="Stellen Sie das Terminal auf UTF-8 um und geben Sie den Text erneut ein.",
        )
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


def _placement(doc: Document, key: str) -> tuple[int, int]:
    """(line after which the new item goes, column of its dash) for the top-level block list ``key``."""
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get(key), list):
        raise LuedialogError(f"{doc.name}: „{key}“ ist keine Liste.", file=doc.name)
    items = doc.data[key]
    assert isinstance(items, list)
    lines = re.split("\r\n|\r|\n", doc.text)  # numbered as YAML numbers them
    key_line = doc.key_line((key,))  # 1-based
    if not items:
        raise LuedialogError(
            f"Die Liste „{key}“ ist leer; der erste Eintrag muss von Hand angelegt werden.",
            file=doc.name,
            line=key_line,
        )
    # a block sequence starts at the dash of its first item ("- datum: …", or "-" alone on its line)
    list_line, list_col = doc.position((key,))
    if lines[list_line - 1][list_col - 1 : list_col] != "-":
        raise LuedialogError(
            f"„{key}“ ist in Kurzschreibweise ([...]) geschrieben; "
            "luedialog kann nur an Listen in Blockschreibweise anhängen.",
            hint="Schreiben Sie die Einträge untereinander mit „- “.",
            file=doc.name,
            line=key_line,
        )
    # Insert right after the last line of the last item's content, so comments and blank lines
    # that follow the list stay where they are; a flow mapping ends at its closing bracket.
    return _last_line(_last_item(doc, key)), list_col - 1


def _last_item(doc: Document, key: str) -> Node:
    root = yaml.compose(doc.text, Loader=_Loader)
    assert isinstance(root, MappingNode)
    node = next(value for name, value in root.value if isinstance(name, ScalarNode) and name.value == key)
    assert isinstance(node, SequenceNode) and node.value
    last: Node = node.value[-1]
    return last


def _last_line(node: Node) -> int:
    """The 1-based line of the last character that belongs to ``node`` (comments excluded)."""
    if isinstance(node, ScalarNode):
        end = node.end_mark
        if end.column == 0 and end.line > node.start_mark.line:
            return int(end.line)  # a block scalar ends at the start of the following line
        return int(end.line) + 1
    if getattr(node, "flow_style", False):
        return int(node.end_mark.line) + 1  # just after the closing bracket
    if isinstance(node, MappingNode):
        children: list[Node] = [part for pair in node.value for part in pair]
    else:
        assert isinstance(node, SequenceNode)
        children = list(node.value)
    return max((_last_line(child) for child in children), default=int(node.start_mark.line) + 1)


def append_item(raw: bytes, doc: Document, key: str, fields: Sequence[tuple[str, Scalar | None]]) -> bytes:
    """``raw`` (the file's bytes, parsed as ``doc``) with a new mapping item appended to the
    top-level block list ``key``, and nothing else changed.

    The new lines end like the line they follow (LF, CRLF or CR); every other line keeps its bytes,
    its line ending included. Only if the list ends the file and its last line has no line break
    does that line get one (the new item must start on a line of its own).
    """
    insert_at, dash_col = _placement(doc, key)
    lines: list[list[bytes]] = []  # [content, ending] as YAML counts lines
    position = 0
    for match in _LINE_BREAK.finditer(raw):
        lines.append([raw[position : match.start()], match.group()])
        position = match.end()
    if position < len(raw):
        lines.append([raw[position:], b""])
    after = lines[insert_at - 1]
    newline = after[1] or next((end for _, end in reversed(lines[: insert_at - 1]) if end), b"\n")
    after[1] = after[1] or newline
    new = [[line.encode("utf-8"), newline] for line in mapping_item(fields, dash_col)]
    return b"".join(part for line in lines[:insert_at] + new + lines[insert_at:] for part in line)


def append_to_list(doc: Document, key: str, fields: Sequence[tuple[str, Scalar | None]]) -> str:
    """:func:`append_item` on the document's own text (as read: LF line ends, no BOM)."""
    return append_item(doc.text.encode("utf-8"), doc, key, fields).decode("utf-8")


def encode_like(original: bytes, text: str) -> bytes:
    """Encode ``text`` (LF endings), written anew as a whole, with the BOM and the line endings of
    ``original`` (CRLF if it has any). To add to an existing file use :func:`append_item`, which
    keeps every line's own ending."""
    crlf = b"\r\n" in original
    data = text.replace("\n", "\r\n") if crlf else text
    raw = data.encode("utf-8")
    return (b"\xef\xbb\xbf" + raw) if original.startswith(b"\xef\xbb\xbf") else raw
