"""The quick way through the plain YAML that luedialog and its users write.

Nearly every file of a project is written in a small part of YAML: ``schlüssel: wert`` lines,
lists with ``- ``, one-line lists in brackets, texts plain, in quotes or as a block (``>-``,
``|-``), dates, numbers, YAML 1.1's booleans and null. :func:`read_plain` reads exactly that part,
line by line, and gives the same data (and the same positions of mappings and lists) as composing
the text with PyYAML and converting the nodes (:mod:`luedialog.files.read`), only quicker. For
everything else it gives ``None``, and the file goes the full way through PyYAML: every character
Python does not call printable (tab, CR, NBSP, BOM …), a plain or quoted text over more than one
line, an escape other than ``\\"`` and ``\\\\``, an anchor, tag or flow mapping, a duplicate key, a
key of more than 1024 characters, a number PyYAML reads in another way than ``int()``/``float()``,
an impossible date, a folded block with more-indented lines or trailing spaces, a block that keeps
its line breaks (``|+``) or names its indentation. So every finding, message and position still
comes from PyYAML; this module never reports anything itself.

It also holds what both ways share: the types of the data, the depth limit and PyYAML's resolver
table (:func:`plain_tag`). A test compares both ways on the YAML test suite, the shipped data,
the fixtures, a generated project and thousands of texts built from the pieces this module knows,
near misses included (``tests/files/test_schlicht.py``).
"""

from __future__ import annotations

import re
from datetime import date
from operator import sub
from sys import intern
from typing import Union

from yaml.resolver import Resolver

Value = Union[None, bool, int, float, str, date, list["Value"], dict[str, "Value"]]  # noqa: UP007
KeyPath = tuple[str | int, ...]

MAX_DEPTH = 64
BOOL_TRUE = {"true", "yes", "on"}
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")

_TAG = "tag:yaml.org,2002:"
_STR = Resolver.DEFAULT_SCALAR_TAG


def _one_pattern(resolvers: list[tuple[str, re.Pattern[str]]]) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    """PyYAML's implicit resolvers for one first character as one regular expression: the first
    alternative that matches is the first resolver that matches (``Match.lastgroup`` names it)."""
    if len(resolvers) <= 1:
        return (resolvers[0][1], (resolvers[0][0],)) if resolvers else None
    parts = []
    for i, (_, regexp) in enumerate(resolvers):
        flags = "".join(
            letter for letter, flag in (("i", re.I), ("m", re.M), ("s", re.S), ("x", re.X)) if regexp.flags & flag
        )
        # a newline ends a comment at the end of a verbose pattern, so it cannot swallow the ")"
        body = f"(?{flags}:{regexp.pattern}" + ("\n)" if "x" in flags else ")") if flags else regexp.pattern
        parts.append(f"(?P<r{i}>{body})")
    return re.compile("|".join(parts)), tuple(tag for tag, _ in resolvers)


# PyYAML's implicit resolvers (YAML 1.1: bool, int, float, null, timestamp …) by the first character
# of a plain scalar, in PyYAML's order; a value starting with any other character is a text
_ANY_START = list(Resolver.yaml_implicit_resolvers.get(None, []))
_OTHER_START = _one_pattern(_ANY_START)
_BY_START: dict[str, tuple[re.Pattern[str], tuple[str, ...]] | None] = {}
for _start, _found in Resolver.yaml_implicit_resolvers.items():
    if _start is not None:  # e.g. the ten digits share their resolvers: compile them once
        _same = next((k for k, v in Resolver.yaml_implicit_resolvers.items() if v == _found and k in _BY_START), None)
        _BY_START[_start] = _BY_START[_same] if _same is not None else _one_pattern([*_found, *_ANY_START])


# the first characters of a plain scalar that PyYAML may read as something else than a text
_MAY_RESOLVE = frozenset(_BY_START)


def plain_tag(value: str) -> str:
    """The tag PyYAML's ``Resolver.resolve`` gives a plain scalar (``12`` → int, ``ja`` → str)."""
    resolvers = _BY_START.get(value[:1], _OTHER_START)
    if resolvers is not None:
        match = resolvers[0].match(value)
        if match is not None:  # one resolver alone has no named group
            group = match.lastgroup
            return resolvers[1][int(group[1:]) if group else 0]
    return _STR


class _Unusual(Exception):
    """The text leaves the part of YAML this module reads: PyYAML reads it."""


_NAME = re.compile(r"\w[\w.-]*\Z")  # a key: letters, digits, "_", and "-" or "." after the first
_AFTER = re.compile(r"(?: +#.*| *)\Z")  # what may follow a quoted value or a list on its line
_QUOTED = re.compile(r'"((?:[^"\\]|\\["\\])*)"')
_ESCAPED = re.compile(r'\\(["\\])')
_BLOCK = re.compile(r"([>|])(-?)(?: +#.*| *)\Z")  # the header of a block text
# a value that begins with one of these is no plain text (or one this module leaves to PyYAML)
_SPECIAL = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NOT_IN_FLOW = re.compile(r"[\[\]{}#:\"'&*!|>%@`?]")
_NULL, _BOOL, _INT, _FLOAT = _TAG + "null", _TAG + "bool", _TAG + "int", _TAG + "float"
_TIMESTAMP = _TAG + "timestamp"
# the numbers PyYAML reads as Python's int() and float() do (not 0o17, 1_000, 1:30, 1e3, .inf …)
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_POINT = re.compile(r"[-+]?[0-9]+\.[0-9]+\Z")


def read_plain(text: str) -> tuple[Value, dict[KeyPath, tuple[int, int]]] | None:
    """The data of ``text`` and the (line, column) where each mapping and list begins, or ``None``
    if the text is not in the part of YAML this module reads (see the module's docstring)."""
    if _OTHER_START is not None:
        return None  # a PyYAML whose resolvers look at texts of any first character: not this way
    lines = text.split("\n")
    # Characters Python calls printable are a subset of those YAML allows (no tab, CR, control
    # characters, BOM, NBSP …). Document markers and directives (---, ..., %) need no test of
    # their own: at the start of a line they are neither a key nor a list item, so reading stops.
    if not all(map(str.isprintable, lines)):
        return None
    reader = _Lines(lines)
    try:
        if not reader.rows:
            return None  # empty or only comments: PyYAML says what it is
        row = reader.rows[0]
        data = reader.block(reader.indents[row], (), 0)
        if reader.p < len(reader.rows):
            return None  # something less indented than the first line
    except _Unusual:
        return None
    return data, reader.containers


class _Lines:
    """The lines of one text and where reading stands (:attr:`p`, an index into :attr:`rows`)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.contents = contents = [line.lstrip(" ") for line in lines]
        self.indents: list[int] = list(map(sub, map(len, lines), map(len, contents)))
        # the lines with content: not blank, no comment (inside a block text they are text again)
        self.rows = [i for i, content in enumerate(contents) if content and content[0] != "#"]
        self.p = 0
        self.containers: dict[KeyPath, tuple[int, int]] = {}

    def block(self, indent: int, key: KeyPath, depth: int) -> Value:
        """The mapping or list that begins on the current line, at ``indent``."""
        content = self.contents[self.rows[self.p]]
        if content.startswith("- ") or content == "-":
            return self.sequence(indent, key, depth)
        return self.mapping(indent, key, depth, content)

    def mapping(self, indent: int, key: KeyPath, depth: int, content: str) -> dict[str, Value]:
        """The mapping whose first key stands at ``indent`` of the current line, as ``content``."""
        if depth >= MAX_DEPTH:
            raise _Unusual
        self.containers[key] = (self.rows[self.p] + 1, indent + 1)
        result: dict[str, Value] = {}
        while True:
            colon = content.find(":")  # libyaml's limit for a key without "?": 1024 characters
            name = content[:colon]
            if colon <= 0 or colon > 1024 or (not name.isidentifier() and not _NAME.match(name)):
                raise _Unusual
            rest = content[colon + 1 :]
            if rest:
                if rest[0] != " ":
                    raise _Unusual
                rest = rest.lstrip(" ")
            name = intern(name)
            if name in result:
                raise _Unusual
            result[name] = self.value(rest, indent, key, name, depth + 1)
            if not self.goes_on(indent):
                return result
            content = self.contents[self.rows[self.p]]

    def sequence(self, indent: int, key: KeyPath, depth: int) -> list[Value]:
        """The list whose first "- " stands at ``indent`` of the current line."""
        if depth >= MAX_DEPTH:
            raise _Unusual
        self.containers[key] = (self.rows[self.p] + 1, indent + 1)
        items: list[Value] = []
        while True:
            content = self.contents[self.rows[self.p]]
            item = content[1:].lstrip(" ")
            if not item or item[0] == "#" or item[0] == "-":
                raise _Unusual  # an empty item, a list in a list (or a text that begins with "-")
            colon = item.find(":")
            if colon > 0 and (colon + 1 == len(item) or item[colon + 1] == " ") and item[0] not in "'\"":
                # "- key: …": a mapping in a list
                items.append(self.mapping(indent + len(content) - len(item), (*key, len(items)), depth + 1, item))
            else:
                items.append(self.value(item, indent, key, len(items), depth + 1))
            if not self.goes_on(indent):
                return items
            following = self.contents[self.rows[self.p]]
            if not (following.startswith("- ") or following == "-"):
                return items  # a list written at the indentation of its key ends at the next key

    def goes_on(self, indent: int) -> bool:
        """Whether the current line is at ``indent``: the mapping or list there goes on. A line
        below it ends it; a deeper one belongs nowhere (a text over two lines, for instance)."""
        if self.p == len(self.rows):
            return False
        depth = self.indents[self.rows[self.p]]
        if depth > indent:
            raise _Unusual
        return depth == indent

    def value(self, rest: str, indent: int, key: KeyPath, name: str | int, depth: int) -> Value:
        """The value of ``name`` in the mapping or list at ``key``, beginning with ``rest`` (what
        follows ``name: `` or ``- `` up to the end of the current line); afterwards the current line
        is the one after the value."""
        if rest and rest[0] not in _SPECIAL:  # most values: a plain text on the key's line
            self.p += 1
            if rest[0] in _MAY_RESOLVE or rest[-1] in " :" or " #" in rest or ": " in rest:
                return _plain_text(rest)
            return rest  # a text as it stands (what _plain_text would give, without the call)
        return self.special_value(rest, indent, (*key, name), depth)

    def special_value(self, rest: str, indent: int, key: KeyPath, depth: int) -> Value:
        """A value that is no plain text beginning with a letter: nothing (a mapping or list below),
        a block text, a quoted text, a list in brackets, a text that begins with "-"."""
        row = self.rows[self.p]
        self.p += 1
        if not rest or rest[0] == "#":  # "key:" alone: a mapping or list below, or null
            if self.p == len(self.rows):
                return None
            below = self.rows[self.p]
            if self.indents[below] > indent:
                return self.block(self.indents[below], key, depth)
            content = self.contents[below]
            if self.indents[below] == indent and (content.startswith("- ") or content == "-"):
                return self.sequence(indent, key, depth)
            return None
        first = rest[0]
        if first == ">" or first == "|":
            return self.block_text(rest, row, indent)
        if first == '"':  # with no escapes but \" and \\ (as luedialog writes a text with quotes)
            quoted = _QUOTED.match(rest)
            if quoted is None or not _AFTER.match(rest, quoted.end()):
                raise _Unusual
            inside = quoted.group(1)
            return _ESCAPED.sub(r"\1", inside) if "\\" in inside else inside
        if first == "'":
            end = rest.find("'", 1)
            while end > 0 and rest.startswith("''", end):
                end = rest.find("'", end + 2)
            if end < 0 or not _AFTER.match(rest, end + 1):
                raise _Unusual
            return rest[1:end].replace("''", "'")
        if first == "[":
            return self.flow_list(rest, row, key, depth)
        if first == "-" and len(rest) > 1 and rest[1] != " ":
            return _plain_text(rest)  # a negative number, or a text that begins with "-"
        raise _Unusual  # "{", "&", "*", "!" … and texts that begin with "?" or ":"

    def block_text(self, header: str, row: int, indent: int) -> str:
        """A block text (``>-``, ``|``, …) whose lines all have the same indentation."""
        match = _BLOCK.match(header)
        if match is None:
            raise _Unusual
        lines, contents, indents = self.lines, self.contents, self.indents
        i = row + 1
        if i == len(lines) or not contents[i]:
            raise _Unusual  # empty, or it begins with a blank line
        margin = indents[i]
        if margin <= indent:
            raise _Unusual  # empty: the next line is no deeper than the key
        folded = match.group(1) == ">"
        pieces: list[str] = []
        blank = 0  # blank lines since the last line of text
        while i < len(lines):
            content = contents[i]
            if not content:
                if lines[i]:
                    raise _Unusual  # a line of spaces
                blank += 1
            elif indents[i] < margin:
                break
            elif not folded:  # a literal text keeps its lines as they are, beyond the margin
                if pieces:
                    pieces.append("\n" * (blank + 1))
                pieces.append(lines[i][margin:])
                blank = 0
            elif indents[i] > margin or content[-1] == " ":
                raise _Unusual  # YAML folds neither more indented lines nor trailing spaces
            else:
                if pieces:  # YAML's folding: a line break is a space, unless blank lines follow it
                    pieces.append("\n" * blank or " ")
                pieces.append(content)
                blank = 0
            i += 1
        after = i - blank  # blank lines after the text belong to what follows
        rows, p = self.rows, self.p
        while p < len(rows) and rows[p] < after:
            p += 1
        self.p = p
        text = "".join(pieces)
        if not match.group(2):  # "clip": the line break after the last line stays, if there is one
            if after == len(lines):
                raise _Unusual
            text += "\n"
        return text

    def flow_list(self, rest: str, row: int, key: KeyPath, depth: int) -> list[Value]:
        """``[a, b]`` on one line, of plain scalars."""
        if depth >= MAX_DEPTH:
            raise _Unusual
        end = rest.find("]")
        if end < 0 or not _AFTER.match(rest, end + 1):
            raise _Unusual
        inside = rest[1:end]
        # ``rest`` is what the line ends with, so the "[" stands at this column
        self.containers[key] = (row + 1, len(self.lines[row]) - len(rest) + 1)
        if not inside.strip(" "):
            return []
        if _NOT_IN_FLOW.search(inside):
            raise _Unusual
        items: list[Value] = []
        for item in inside.split(","):
            item = item.strip(" ")
            if not item or (item[0] == "-" and (len(item) == 1 or item[1] == " ")):
                raise _Unusual
            items.append(_plain(item))
        return items


def _plain_text(rest: str) -> Value:
    """A plain scalar that ends its line (perhaps with a comment)."""
    comment = rest.find(" #")
    text = (rest if comment < 0 else rest[:comment]).rstrip(" ")
    if ": " in text or text[-1] == ":":
        raise _Unusual  # a mapping where none may begin
    if text[0] not in _MAY_RESOLVE:
        return text  # no resolver of PyYAML's looks at a text that begins like this
    return _plain(text)


def _plain(text: str) -> Value:
    """A plain scalar: its text, or the date, number, boolean or null PyYAML reads from it."""
    date_only = len(text) == 10 and ISO_DATE.match(text)  # 2010-03-15: a timestamp for PyYAML
    tag = _TIMESTAMP if date_only else plain_tag(text)
    if tag == _STR:
        return text
    if date_only:
        try:
            return date(int(text[:4]), int(text[5:7]), int(text[8:10]))
        except ValueError:
            raise _Unusual from None  # PyYAML's way reports the impossible date
    if tag == _INT and len(text) < 19 and _DECIMAL.match(text):
        return int(text)
    if tag == _FLOAT and len(text) < 19 and _POINT.match(text):
        return float(text)
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() in BOOL_TRUE
    raise _Unusual  # other numbers (octal, sexagesimal, 1e3 …): PyYAML's way
