"""Appending to a YAML list without touching anything else.

Only the added lines change: comments, key order, quoting, blank lines and the line ending of every
line of the rest of the file stay byte for byte (LF, CRLF, CR only, or a mix of them; a file
without a final line break keeps its last line as it is unless the new item must follow it). Every
value is written so that it reads back as exactly the same value (``scalar``), with PyYAML's C
loader and with its pure-Python loader alike.

``append_to_list`` appends to a top-level block list (a measure's ``verlauf``). ``append_item``
appends to a list anywhere (``mitglieder`` of a group, ``korrekturen`` of a measure): to a block
list after its last item, and where the list is still missing or empty it adds the key below the
last line of its mapping (the one line it changes is an empty ``key: []``, which becomes
``key:``). ``add_keys`` adds keys to an existing mapping (a membership's ``beendet_am``).
Items may hold nested values: lists of texts, mappings, lists of mappings.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Union

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.nodes import Node as YamlNode

from luedialog.errors import LuedialogError
from luedialog.files.read import Document, KeyPath, format_key_path

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
# a value of an item: a scalar, a list of values, or a mapping (a dict, or pairs in their order)
Node = Union[Scalar, None, list["Node"], Mapping[str, "Node"]]  # noqa: UP007
Fields = Sequence[tuple[str, Node]] | Mapping[str, Node]


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


def _pairs(fields: Fields) -> list[tuple[str, Node]]:
    items = list(fields.items()) if isinstance(fields, Mapping) else list(fields)
    return [(k, v) for k, v in items if v is not None and v != [] and v != {}]


def _entry_lines(key: str, value: Node, key_col: int) -> list[str]:
    """``key: value`` at ``key_col``; nested values below it, indented by two."""
    pad = " " * key_col
    if isinstance(value, Mapping):
        return [f"{pad}{key}:", *mapping_lines(value, key_col + 2)]
    if isinstance(value, list):
        lines = [f"{pad}{key}:"]
        for item in value:
            if isinstance(item, Mapping):
                lines += mapping_item(item, key_col + 2)
            elif isinstance(item, list):
                raise ValueError("a list of lists is not written")
            elif item is not None:
                lines += f"{pad}  - {scalar(item, key_col + 2)}".split("\n")
        return lines
    assert value is not None
    return f"{pad}{key}: {scalar(value, key_col)}".split("\n")


def mapping_lines(fields: Fields, key_col: int) -> list[str]:
    """Lines of a block mapping with its keys at ``key_col``; keys without a value are left out."""
    return [line for key, value in _pairs(fields) for line in _entry_lines(key, value, key_col)]


def mapping_item(fields: Fields, dash_col: int) -> list[str]:
    """Lines of a block-sequence item ``- key: value`` with the dash at ``dash_col``."""
    lines = mapping_lines(fields, dash_col + 2)
    if lines:
        lines[0] = " " * dash_col + "- " + lines[0][dash_col + 2 :]
    return lines


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
    return _node_last_line(_last_item(doc, key)), list_col - 1


def _last_item(doc: Document, key: str) -> YamlNode:
    root = yaml.compose(doc.text, Loader=_Loader)
    assert isinstance(root, MappingNode)
    node = next(value for name, value in root.value if isinstance(name, ScalarNode) and name.value == key)
    assert isinstance(node, SequenceNode) and node.value
    last: YamlNode = node.value[-1]
    return last


def _node_last_line(node: YamlNode) -> int:
    """The 1-based line of the last character that belongs to ``node`` (comments excluded)."""
    if isinstance(node, ScalarNode):
        end = node.end_mark
        if end.column == 0 and end.line > node.start_mark.line:
            return int(end.line)  # a block scalar ends at the start of the following line
        return int(end.line) + 1
    if getattr(node, "flow_style", False):
        return int(node.end_mark.line) + 1  # just after the closing bracket
    if isinstance(node, MappingNode):
        children: list[YamlNode] = [part for pair in node.value for part in pair]
    else:
        assert isinstance(node, SequenceNode)
        children = list(node.value)
    return max((_node_last_line(child) for child in children), default=int(node.start_mark.line) + 1)


def append_entries(
    raw: bytes,
    doc: Document,
    key: str,
    fields: Sequence[tuple[str, Node]],
    *more: Sequence[tuple[str, Node]],
) -> bytes:
    """``raw`` (the file's bytes, parsed as ``doc``) with a new mapping item appended to the
    top-level block list ``key`` (and after it one item for each of ``more``, in order: many
    entries in one pass over the file), and nothing else changed.

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
    new = [[line.encode("utf-8"), newline] for item in (fields, *more) for line in mapping_item(item, dash_col)]
    return b"".join(part for line in lines[:insert_at] + new + lines[insert_at:] for part in line)


def append_to_list(
    doc: Document, key: str, fields: Sequence[tuple[str, Scalar | None]], *more: Sequence[tuple[str, Scalar | None]]
) -> str:
    """:func:`append_entries` on the document's own text (as read: LF line ends, no BOM)."""
    return append_entries(doc.text.encode("utf-8"), doc, key, fields, *more).decode("utf-8")


def encode_like(original: bytes, text: str) -> bytes:
    """Encode ``text`` (LF endings), written anew as a whole, with the BOM and the line endings of
    ``original`` (CRLF if it has any). To add to an existing file use :func:`append_item`, which
    keeps every line's own ending."""
    crlf = b"\r\n" in original
    data = text.replace("\n", "\r\n") if crlf else text
    raw = data.encode("utf-8")
    return (b"\xef\xbb\xbf" + raw) if original.startswith(b"\xef\xbb\xbf") else raw


def _last_line(doc: Document, path: KeyPath) -> int:
    """The 1-based last line of the content of the value at ``path`` (as far as the parser knows)."""
    n = len(path)
    ends = [line for p, (line, _) in doc.ends.items() if p[:n] == path]
    keys = [
        line for p, (line, _) in doc.positions.items() if p[:n] == path or (p[:1] == ("#key",) and p[1 : n + 1] == path)
    ]
    return max([*ends, *keys, doc.line(path)])


def _past_flow(lines: list[str], last: int, col: int) -> int:
    """Past the lines that continue the value ending at ``last`` (e.g. the closing ``]`` of a flow
    list): non-blank lines indented deeper than ``col`` that are not comments."""
    while last < len(lines):
        text = lines[last]
        if not text.strip() or text.lstrip().startswith("#") or len(text) - len(text.lstrip(" ")) <= col:
            break
        last += 1
    return last


_MISSING = object()


def _value(doc: Document, path: KeyPath) -> object:
    value: object = doc.data
    for part in path:
        in_list = isinstance(part, int) and isinstance(value, list) and part < len(value)
        in_mapping = isinstance(part, str) and isinstance(value, dict) and part in value
        if not (in_list or in_mapping):
            return _MISSING
        value = value[part]  # type: ignore[index]
    return value


def _mapping_col(doc: Document, path: KeyPath) -> int:
    """The 0-based column of the keys of the non-empty block mapping at ``path``."""
    data = _value(doc, path)
    if not isinstance(data, dict) or not data:
        raise LuedialogError(
            f"{doc.name}: „{format_key_path(path) or 'die Datei'}“ ist keine Zuordnung.", file=doc.name
        )
    if path:
        start_line, start_col = doc.position(path)
        if doc.text.split("\n")[start_line - 1][start_col - 1 : start_col] == "{":
            raise LuedialogError(
                f"„{format_key_path(path)}“ ist in Kurzschreibweise ({{...}}) geschrieben; "
                "luedialog kann dort nichts ergänzen.",
                hint="Schreiben Sie die Schlüssel untereinander.",
                file=doc.name,
                line=start_line,
            )
    return doc.key_position((*path, next(iter(data))))[1] - 1


def _joined(lines: list[str]) -> str:
    text = "\n".join(lines)
    return text if text.endswith("\n") else text + "\n"


def _flow_refused(doc: Document, path: KeyPath, what: str, hint: str) -> LuedialogError:
    return LuedialogError(
        f"„{format_key_path(path)}“ ist {what}; luedialog kann dort nichts ergänzen.",
        hint=hint,
        file=doc.name,
        line=doc.key_line(path),
    )


def append_item(doc: Document, path: KeyPath, fields: Fields) -> str:
    """The file text with a new mapping item appended to the list at ``path`` (a key path ending in
    the key of the list, e.g. ``("mitglieder",)``); the list may be missing, empty or ``[]``.

    ``doc.text`` has LF line endings (as read); the caller restores the file's own line endings.
    """
    lines = doc.text.split("\n")
    parent, key = path[:-1], path[-1]
    assert isinstance(key, str)
    value = _value(doc, path)
    if value is _MISSING or value is None or value == []:
        col = _mapping_col(doc, parent)
        item = mapping_item(fields, col + 2)
        if value is _MISSING:  # a new key below the last line of its mapping
            at = _past_flow(lines, _last_line(doc, parent), col)
            return _joined(lines[:at] + [" " * col + f"{key}:", *item] + lines[at:])
        key_line = doc.key_line(path)
        head, _, rest = lines[key_line - 1].partition(":")
        if value == []:
            match = re.match(r"^\s*\[\s*\](\s*#.*)?\s*$", rest)
            if match is None:
                raise _flow_refused(
                    doc,
                    path,
                    "als leere Liste über mehrere Zeilen geschrieben",
                    f"Schreiben Sie „{key}: []“ in eine Zeile.",
                )
            rest = match.group(1) or ""
        elif rest.strip() and not rest.strip().startswith("#"):
            raise _flow_refused(doc, path, f"leer geschrieben ({rest.strip()})", f"Schreiben Sie nur „{key}:“.")
        return _joined(lines[: key_line - 1] + [f"{head}:{rest.rstrip()}", *item] + lines[key_line:])
    if not isinstance(value, list):
        raise LuedialogError(f"{doc.name}: „{format_key_path(path)}“ ist keine Liste.", file=doc.name)
    first_line, first_col = doc.position((*path, 0))
    list_line, list_col = doc.position(path)
    before_first = lines[first_line - 1][: first_col - 1].rstrip()
    if lines[list_line - 1][list_col - 1 : list_col] == "[" or not before_first.endswith("-"):
        raise LuedialogError(
            f"„{format_key_path(path)}“ ist in Kurzschreibweise ([...]) geschrieben; "
            "luedialog kann nur an Listen in Blockschreibweise anhängen.",
            hint="Schreiben Sie die Einträge untereinander mit „- “.",
            file=doc.name,
            line=doc.key_line(path),
        )
    dash_col = len(before_first) - 1
    at = _past_flow(lines, _last_line(doc, (*path, len(value) - 1)), dash_col)
    return _joined(lines[:at] + mapping_item(fields, dash_col) + lines[at:])


def add_keys(doc: Document, path: KeyPath, fields: Fields) -> str:
    """The file text with new keys added at the end of the block mapping at ``path``; refused if one
    of them is there already."""
    mapping = _value(doc, path)
    if not isinstance(mapping, dict):
        raise LuedialogError(f"{doc.name}: „{format_key_path(path)}“ ist keine Zuordnung.", file=doc.name)
    taken = [k for k, _ in _pairs(fields) if k in mapping]
    if taken:
        raise LuedialogError(
            f"„{format_key_path((*path, taken[0]))}“ ist schon eingetragen und wird nicht überschrieben.",
            file=doc.name,
            line=doc.key_line((*path, taken[0])),
        )
    col = _mapping_col(doc, path)
    lines = doc.text.split("\n")
    at = _past_flow(lines, _last_line(doc, path), col)
    return _joined(lines[:at] + mapping_lines(fields, col) + lines[at:])


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
