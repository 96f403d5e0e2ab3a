"""Reading YAML files into plain data that remembers the line of every value.

Only plain YAML is accepted: mappings with text keys, sequences, and scalars (text, numbers,
booleans, null, dates). Anchors, aliases and tags are refused, so nothing can build Python
objects or blow up memory. Duplicate keys, which PyYAML silently accepts, are findings.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from sys import intern
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from luedialog.errors import reason
from luedialog.files.schlicht import BOOL_TRUE as _BOOL_TRUE
from luedialog.files.schlicht import ISO_DATE as _ISO_DATE
from luedialog.files.schlicht import MAX_DEPTH as MAX_DEPTH
from luedialog.files.schlicht import KeyPath as KeyPath
from luedialog.files.schlicht import Value as Value
from luedialog.files.schlicht import plain_tag, read_plain
from luedialog.findings import Finding, error

try:  # the C loader is much faster; the pure one is the fallback
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 5 * 1024 * 1024

_TAG = "tag:yaml.org,2002:"
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})(\s|$)", re.MULTILINE)
_CONFLICT_MARKERS = ("<" * 7, "=" * 7, ">" * 7)
_constructor = SafeConstructor()
_resolver = Resolver()
_TYPED = {_TAG + name for name in ("null", "bool", "int", "float", "timestamp")}
_TIMESTAMP, _INT, _MERGE = _TAG + "timestamp", _TAG + "int", _TAG + "merge"
_STR, _SEQ, _MAP = Resolver.DEFAULT_SCALAR_TAG, Resolver.DEFAULT_SEQUENCE_TAG, Resolver.DEFAULT_MAPPING_TAG


class PlainLoader(_SafeLoader):
    """PyYAML's safe loader (the C one where PyYAML has it) with a quicker ``resolve``.

    ``resolve``, ``descend_resolver`` and ``ascend_resolver`` are the public resolver methods the
    composer calls for every node. ``resolve`` decides exactly as PyYAML's ``Resolver.resolve``
    does (from the same ``Resolver.yaml_implicit_resolvers``), without its lookups per call; luedialog
    uses no path resolvers, so the other two have nothing to do. (About a third of composing a file
    went into PyYAML's ``resolve``.)
    """

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return plain_tag(value) if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_Loader = PlainLoader  # the loader of every parse (a test puts PyYAML's pure loader here)
_RELEASED: Any = object()  # the data of a Document that has let go of it


@dataclass
class Document:
    """A parsed file: its data and the 1-based (line, column) of every value by key path.

    Reading a file notes where its mappings and lists begin (``containers``: every object a schema
    builds is one of them, so its ``zeile`` is there). The position of every other value and key,
    and where each scalar ends, are only needed for a finding or a write: :attr:`positions` and
    :attr:`ends` compose ``text`` again the first time one of them is asked for. Nothing else in a
    clean project of 10,000 files needs them, and keeping them all took more than half the memory.

    Once a file is validated, the loader lets go of its :attr:`data` (:meth:`release`): the objects
    built from it are what is used, and keeping every file's lists and mappings until the end made
    Python's garbage collector go through them again and again. Asked for again, :attr:`data` is
    composed from ``text`` once more.
    """

    path: Path
    name: str  # as shown to people: relative to the project root, with "/"
    _data: Value = field(repr=False, compare=False)  # _RELEASED after release(): see data
    text: str = ""
    containers: dict[KeyPath, tuple[int, int]] = field(default_factory=dict, repr=False)
    _located: tuple[dict[KeyPath, tuple[int, int]], dict[KeyPath, tuple[int, int]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def data(self) -> Value:
        """The file's data: mappings, lists and scalars as read (composed again after :meth:`release`)."""
        if self._data is _RELEASED:
            plain = read_plain(self.text)
            self._data = plain[0] if plain is not None else _values(self.name, self.text)[0]
        return self._data

    def release(self) -> None:
        """Let go of :attr:`data` until it is asked for again."""
        self._data = _RELEASED

    @property
    def positions(self) -> dict[KeyPath, tuple[int, int]]:
        """(line, column) of every value by key path, and of every key under ``("#key", *path)``."""
        return self._locate()[0]

    @property
    def ends(self) -> dict[KeyPath, tuple[int, int]]:
        """For every scalar: the 1-based last line of its content and the column after it."""
        return self._locate()[1]

    def _locate(self) -> tuple[dict[KeyPath, tuple[int, int]], dict[KeyPath, tuple[int, int]]]:
        if self._located is None:
            reader = _Reader(self.name)
            node = yaml.compose(self.text, Loader=_Loader) if self.text else None
            if node is not None:
                reader.convert(node, (), 0)
            self._located = (reader.positions, reader.ends)
        return self._located

    def position(self, key_path: KeyPath = ()) -> tuple[int, int]:
        """(line, column) of the value at ``key_path``, or of its nearest parent that has one."""
        pos = self.containers.get(key_path)
        if pos is not None:
            return pos
        positions = self.positions
        path = key_path
        while True:
            pos = positions.get(path)
            if pos is not None:
                return pos
            if not path:
                return (1, 1)
            path = path[:-1]

    def line(self, key_path: KeyPath = ()) -> int:
        """The line of the value at ``key_path``, or of its nearest parent that has one."""
        return self.position(key_path)[0]

    def key_line(self, key_path: KeyPath) -> int:
        """The line of the key itself (for a mapping entry), else of the value."""
        return self.key_position(key_path)[0]

    def key_position(self, key_path: KeyPath) -> tuple[int, int]:
        pos = self.positions.get(("#key", *key_path))
        return pos if pos else self.position(key_path)


def format_key_path(key_path: KeyPath) -> str:
    """``("verlauf", 2, "datum")`` → ``verlauf[2].datum`` (people count from 1: ``verlauf[3]``)."""
    out = ""
    for part in key_path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.findings: list[Finding] = []
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.ends: dict[KeyPath, tuple[int, int]] = {}
        self.seen: set[int] = set()

    def fail(self, node: Node, code: str, message: str, hint: str = "", key: KeyPath = ()) -> None:
        self.findings.append(
            error(
                self.name,
                node.start_mark.line + 1,
                code,
                message,
                hint=hint,
                key=format_key_path(key),
                column=node.start_mark.column + 1,
            )
        )

    def convert(self, node: Node, key: KeyPath, depth: int) -> Value:
        if id(node) in self.seen:
            self.fail(
                node,
                "yaml-alias",
                "Anker und Aliase (&name, *name) sind in luedialog-Dateien nicht erlaubt.",
                "Schreiben Sie den Wert aus.",
                key,
            )
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.fail(node, "yaml-tiefe", f"Die Datei ist tiefer als {MAX_DEPTH} Ebenen verschachtelt.", "", key)
            return None
        self.positions[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self.mapping(node, key, depth)
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                self.bad_tag(node, key)
                return None
            return [self.convert(item, key + (i,), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        end = node.end_mark
        # a block scalar ends at the start of the following line
        self.ends[key] = (
            (end.line, 1) if end.column == 0 and end.line > node.start_mark.line else (end.line + 1, end.column + 1)
        )
        return self.scalar(node, key)

    def mapping(self, node: MappingNode, key: KeyPath, depth: int) -> Value:
        if node.tag != _TAG + "map":
            self.bad_tag(node, key)
            return None
        result: dict[str, Value] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag in (_TAG + "merge",):
                self.fail(key_node, "yaml-schluessel", "Ein Schlüssel muss ein einfacher Text sein.", "", key)
                continue
            name = key_node.value
            line = key_node.start_mark.line + 1
            if name in result:
                self.fail(
                    key_node,
                    "doppelter-schluessel",
                    f"Der Schlüssel „{name}“ steht doppelt (zuerst in Zeile {first_line[name]}).",
                    "Löschen Sie einen der beiden Einträge.",
                    key + (name,),
                )
                continue
            first_line[name] = line
            self.positions[("#key",) + key + (name,)] = (line, key_node.start_mark.column + 1)
            if id(value_node) in self.seen:  # an alias: report it where it is used
                self.fail(
                    key_node,
                    "yaml-alias",
                    "Anker und Aliase (&name, *name) sind in luedialog-Dateien nicht erlaubt.",
                    "Schreiben Sie den Wert aus.",
                    key + (name,),
                )
                result[name] = None
                continue
            result[name] = self.convert(value_node, key + (name,), depth + 1)
        return result

    def scalar(self, node: ScalarNode, key: KeyPath) -> Value:
        tag = node.tag
        if tag == _STR:
            return str(node.value)
        if tag not in _TYPED:
            self.bad_tag(node, key)
            return None
        value = node.value
        # the common shapes, which PyYAML's resolver gives exactly these tags: 2010-03-15, 12
        if tag == _TIMESTAMP and _ISO_DATE.match(value):
            try:
                return date(int(value[:4]), int(value[5:7]), int(value[8:10]))
            except ValueError:
                self.invalid_date(node, key)
                return None
        if tag == _INT and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
            try:
                return int(value)
            except ValueError:  # more digits than Python converts: keep the text
                return str(value)
        # an explicit standard tag (!!int, !!float …) on a value that does not look like one
        resolved: str = _resolver.resolve(ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]
        if resolved != tag:
            self.mismatched_tag(node, key)
            return None
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return str(node.value).lower() in _BOOL_TRUE
        if tag == _TAG + "int":
            try:
                return int(_constructor.construct_yaml_int(node))
            except ValueError:  # more digits than Python converts: keep the text
                return str(node.value)
        if tag == _TAG + "float":
            try:
                return float(_constructor.construct_yaml_float(node))
            except (ValueError, ArithmeticError):
                self.mismatched_tag(node, key)
                return None
        try:
            constructed = _constructor.construct_yaml_timestamp(node)
        except (ValueError, ArithmeticError):
            self.invalid_date(node, key)
            return None
        if isinstance(constructed, datetime):
            return constructed.date()
        assert isinstance(constructed, date)
        return constructed

    def invalid_date(self, node: ScalarNode, key: KeyPath) -> None:
        self.fail(
            node,
            "datum-ungueltig",
            f"„{node.value}“ ist kein gültiges Kalenderdatum.",
            "Prüfen Sie Tag und Monat.",
            key,
        )

    def mismatched_tag(self, node: ScalarNode, key: KeyPath) -> None:
        shown = node.tag.replace(_TAG, "!!")
        value = f"„{node.value}“" if node.value else "Ein leerer Wert"
        self.fail(
            node,
            "yaml-tag",
            f"{value} passt nicht zum YAML-Tag „{shown}“.",
            "Entfernen Sie den Tag; luedialog erkennt Zahlen, Daten und Wahrheitswerte selbst.",
            key,
        )

    def bad_tag(self, node: Node, key: KeyPath) -> None:
        shown = node.tag.replace(_TAG, "!!")
        self.fail(
            node,
            "yaml-tag",
            f"Der YAML-Tag „{shown}“ ist nicht erlaubt.",
            "Entfernen Sie den Tag; luedialog liest nur einfache Texte, Zahlen, Listen und Zuordnungen.",
            key,
        )


class _Values(_Reader):
    """The reader of :func:`parse_text`: the same data and findings as :class:`_Reader`, in the same
    order, but it notes only where mappings and lists begin (:attr:`Document.containers`) and makes a
    key path only for them. Most values are plain texts and are taken as they are.

    It sees no anchors and aliases: :func:`parse_text` has refused every file with one before.
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.containers: dict[KeyPath, tuple[int, int]] = {}

    def convert(self, node: Node, key: KeyPath, depth: int) -> Value:
        if depth > MAX_DEPTH:
            self.fail(node, "yaml-tiefe", f"Die Datei ist tiefer als {MAX_DEPTH} Ebenen verschachtelt.", "", key)
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node, key)
        start = node.start_mark
        self.containers[key] = (start.line + 1, start.column + 1)
        if isinstance(node, MappingNode):
            return self.mapping(node, key, depth)
        if node.tag != _SEQ:
            self.bad_tag(node, key)
            return None
        depth += 1
        items: list[Value] = []
        append = items.append
        for i, item in enumerate(node.value):
            if item.tag == _STR and depth <= MAX_DEPTH and isinstance(item, ScalarNode):
                append(item.value)
            else:
                append(self.convert(item, (*key, i), depth))
        return items

    def mapping(self, node: MappingNode, key: KeyPath, depth: int) -> Value:
        if node.tag != _MAP:
            self.bad_tag(node, key)
            return None
        result: dict[str, Value] = {}
        depth += 1
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE:
                self.fail(key_node, "yaml-schluessel", "Ein Schlüssel muss ein einfacher Text sein.", "", key)
                continue
            name = intern(key_node.value)  # one string for each key name: less memory
            if name in result:
                first = next(
                    k.start_mark.line + 1
                    for k, _ in node.value
                    if isinstance(k, ScalarNode) and k.tag != _MERGE and k.value == name
                )
                self.fail(
                    key_node,
                    "doppelter-schluessel",
                    f"Der Schlüssel „{name}“ steht doppelt (zuerst in Zeile {first}).",
                    "Löschen Sie einen der beiden Einträge.",
                    (*key, name),
                )
                continue
            if value_node.tag == _STR and depth <= MAX_DEPTH and isinstance(value_node, ScalarNode):
                result[name] = value_node.value
            else:
                result[name] = self.convert(value_node, (*key, name), depth)
        return result


_INDENT = "ein Schlüssel fehlt oder die Einrückung stimmt nicht"
_KEY_VALUE = (
    "an dieser Stelle ist kein „Schlüssel: Wert“ erlaubt (fehlt ein Leerzeichen oder stimmt die Einrückung nicht?)"
)
_TAB = "Tabulatorzeichen sind in YAML nicht erlaubt; bitte mit Leerzeichen einrücken"
_DIRECTIVE = "eine fehlerhafte YAML-Direktive (eine Zeile, die mit „%“ beginnt)"
_TAG_SYNTAX = "ein fehlerhafter YAML-Tag (mit „!“)"
_ESCAPE = "eine fehlerhafte Escape-Sequenz (\\x, \\u, \\U) in einem Text in doppelten Anführungszeichen"
_TRAILING = "nach dem Wert steht noch etwas, wo nur ein Kommentar („# …“) oder das Zeilenende stehen darf"
# English problems of libyaml (C loader) and of PyYAML's pure loader → German; the first match wins
_YAML_PROBLEMS = {
    "mapping values are not allowed": _KEY_VALUE,
    "mapping keys are not allowed": "an dieser Stelle ist kein Schlüssel erlaubt (stimmt die Einrückung?)",
    "found character '\\t' that cannot start any token": _TAB,
    "found a tab character": _TAB,
    "found character that cannot start any token": (
        "ein Zeichen, mit dem kein Wert beginnen kann (oft ein Tabulator: bitte mit Leerzeichen einrücken)"
    ),
    "found character": (
        "ein Zeichen, mit dem kein Wert beginnen kann (z. B. „@“ oder „`“: den Text in Anführungszeichen setzen)"
    ),
    "did not find expected node content": "an dieser Stelle fehlt ein Wert",
    "expected the node content": "an dieser Stelle fehlt ein Wert",
    "could not find expected ':'": "ein „:“ fehlt",
    "did not find expected key": _INDENT,
    "expected <block end>": _INDENT,
    "did not find expected '-' indicator": "ein Listenpunkt „- “ fehlt oder die Einrückung stimmt nicht",
    "found undefined alias": "ein Alias (*name) ist nicht erlaubt",
    "expected a single document in the stream": "die Datei enthält mehr als ein YAML-Dokument („---“)",
    "document start>": "nach dem Ende des Dokuments steht noch etwas (eine Datei enthält genau ein YAML-Dokument)",
    "found unexpected document indicator": "„---“ oder „...“ am Zeilenanfang mitten in einem Text",
    "found unexpected document separator": "„---“ oder „...“ am Zeilenanfang mitten in einem Text",
    "exceeded maximum nesting depth": "die Datei ist zu tief verschachtelt",
    "found unexpected end of stream": (
        "die Datei endet mitten in einem Wert (fehlt ein schließendes Anführungszeichen?)"
    ),
    "found unknown escape character": "unbekannte Escape-Sequenz in einem Text in doppelten Anführungszeichen",
    "hexadecimal number": _ESCAPE,
    "hexdecimal number": _ESCAPE,
    "invalid Unicode character escape code": _ESCAPE,
    "sequence entries are not allowed": "ein Listenpunkt „- “ steht an einer Stelle, an der keine Liste beginnen kann",
    "expected ',' or '}'": "in einer Zuordnung in geschweiften Klammern fehlt ein „,“ oder die schließende „}“",
    "expected ',' or ']'": "in einer Liste in eckigen Klammern fehlt ein „,“ oder die schließende „]“",
    "found unexpected ':'": "ein unerwarteter Doppelpunkt (Text mit „:“ bitte in Anführungszeichen setzen)",
    "indentation indicator": "fehlerhafte Angabe nach „|“ oder „>“ (erlaubt: Ziffer 1–9, „+“ oder „-“)",
    "while scanning a directive": _DIRECTIVE,
    "%YAML directive": _DIRECTIVE,
    "duplicate YAML directive": _DIRECTIVE,
    "%TAG directive": _DIRECTIVE,
    "incompatible YAML document": "die Datei verlangt eine YAML-Version, die nicht unterstützt wird (%YAML)",
    "found undefined tag handle": _TAG_SYNTAX,
    "while scanning a tag": _TAG_SYNTAX,
    "while parsing a tag": _TAG_SYNTAX,
    "while scanning an anchor": "nach „&“ fehlt der Name des Ankers",
    "while scanning an alias": "nach „*“ fehlt der Name des Alias",
    "comment or line break": _TRAILING,
    "comment or a line break": _TRAILING,
    "whitespace or line break": "hier fehlt ein Leerzeichen oder ein Zeilenende",
    "alphabetic or numeric character": "hier wird ein Buchstabe oder eine Ziffer erwartet",
    "found duplicate anchor": "ein Anker (&name) steht doppelt; Anker und Aliase sind nicht erlaubt",
}


_SEPARATORS = re.compile("[\x85\u2028\u2029]")
_SEPARATOR_NAMES = {"\x85": "Zeilenende NEL", "\u2028": "Zeilentrenner", "\u2029": "Absatztrenner"}


def _character_finding(name: str, text: str, index: int) -> Finding:
    """An invisible character luedialog does not accept, with the line and column an editor shows."""
    character = text[index]
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    label = _SEPARATOR_NAMES.get(character)
    shown = f"U+{ord(character):04X}" + (f" ({label})" if label else "")
    why = "das YAML als Zeilenumbruch liest" if label else "das in YAML nicht erlaubt ist"
    return error(
        name,
        line,
        "steuerzeichen",
        f"Die Datei enthält in Zeile {line}, Spalte {column} das unsichtbare Zeichen {shown}, {why}.",
        hint="Löschen Sie das Zeichen (oft beim Kopieren aus Word, PDF oder E-Mails eingeschleppt).",
        column=column,
    )


def _reader_error(name: str, exc: yaml.reader.ReaderError, text: str) -> Finding:
    """A character YAML does not allow (control characters, U+FFFE …)."""
    character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    index = text.find(chr(character))
    if index >= 0:
        return _character_finding(name, text, index)
    return error(  # pragma: no cover - the reader reports characters of the text
        name,
        0,
        "steuerzeichen",
        f"Die Datei enthält das unsichtbare Zeichen U+{character:04X}, das in YAML nicht erlaubt ist.",
    )


def _character_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based YAML position (YAML also ends lines at a lone carriage return)."""
    lines = re.split("[\r\n]", text)
    if 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]):
        return lines[line - 1][column - 1]
    return ""


def _yaml_error(name: str, exc: yaml.YAMLError, text: str) -> Finding:
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_error(name, exc, text)
    line = column = 0
    problem = str(exc)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (exc.context or "").startswith(
            ("while scanning a quoted", "while scanning a simple key")
        ):
            mark = exc.context_mark  # the opening quote or the key without ":", not where scanning gave up
        elif (
            exc.context_mark is not None
            and mark is not None
            and (exc.context or "").startswith("while parsing a flow")
            and mark.line >= text.rstrip().count("\n") + 1
        ):
            mark = exc.context_mark  # a bracket left open until the end of the file: point at the bracket
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1
        problem = exc.problem or exc.context or "unbekanntes Problem"
    everything = f"{getattr(exc, 'context', '') or ''} {problem}"
    german = next((german for english, german in _YAML_PROBLEMS.items() if english in everything), None)
    if "cannot start any token" in problem:
        character = _character_at(text, line, column)
        if character == "\t":
            german = _TAB
        elif character and not character.isspace():
            german = f"„{character}“ kann keinen Wert beginnen; setzen Sie den Text in Anführungszeichen"
    detail = german or f"Problem laut YAML-Parser: {problem}"
    opened = getattr(exc, "context_mark", None)
    in_brackets = (getattr(exc, "context", None) or "").startswith("while parsing a flow")
    if german and in_brackets and opened is not None and opened.line + 1 != line:
        detail += f"; die Klammer steht in Zeile {opened.line + 1}"
    where = f"Zeile {line}, Spalte {column}: " if line else ""
    return error(
        name,
        line,
        "yaml-syntax",
        f"YAML-Syntaxfehler ({where}{detail}).",
        hint="Korrigieren Sie die Stelle; ein Editor mit YAML-Unterstützung hilft.",
        column=column,
    )


def _too_big(name: str, size: int) -> Finding:
    shown = f"{size / (1024 * 1024):.1f}".replace(".", ",")
    limit = f"{MAX_FILE_BYTES / (1024 * 1024):.1f}".replace(".", ",")
    return error(
        name,
        0,
        "datei-zu-gross",
        f"Die Datei ist {shown} MB groß; erlaubt sind höchstens {limit} MB.",
        hint="Teilen Sie die Daten auf mehrere Dateien auf.",
    )


def _looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 without BOM: mostly Latin text has a NUL in every other byte, and only there."""
    if len(raw) < 4:
        return False
    even, odd = raw[0::2], raw[1::2]
    return min(even.count(0), odd.count(0)) == 0 and max(even.count(0), odd.count(0)) >= len(raw) // 4


def decode(name: str, raw: bytes) -> tuple[str | None, list[Finding]]:
    """Bytes → text. UTF-8 with or without BOM, LF or CRLF; everything else is a finding."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_big(name, len(raw))]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (b"\x00" in raw and _looks_like_utf16(raw)):
        return None, [
            error(
                name,
                1,
                "kodierung",
                "Die Datei ist in UTF-16 gespeichert.",
                hint="Speichern Sie sie als UTF-8 (im Editor: „Kodierung: UTF-8“).",
            )
        ]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, [
            error(
                name,
                line,
                "nul-byte",
                "Die Datei enthält NUL-Bytes (ist es eine Binärdatei?).",
                hint="Speichern Sie die Datei als Text (UTF-8).",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            error(
                name,
                line,
                "kodierung",
                "Die Datei ist nicht in UTF-8 gespeichert (vermutlich Latin-1/Windows-1252).",
                hint="Speichern Sie sie als UTF-8 (im Editor: „Kodierung: UTF-8“).",
            )
        ]
    return text.replace("\r\n", "\n"), []


def _anchor_findings(name: str, text: str) -> list[Finding]:
    """Anchors (&a) and aliases (*a) with their own lines, found in the event stream.

    Refusing them before composing also keeps alias bombs ("billion laughs") harmless.
    """
    findings: list[Finding] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if anchor is None:
                continue
            mark = event.start_mark
            assert mark is not None
            what = "Alias" if isinstance(event, yaml.AliasEvent) else "Anker"
            sign = "*" if what == "Alias" else "&"
            findings.append(
                error(
                    name,
                    mark.line + 1,
                    "yaml-alias",
                    f"{what} „{sign}{anchor}“: Anker und Aliase (&name, *name) sind hier nicht erlaubt.",
                    hint="Schreiben Sie den Wert aus.",
                    column=mark.column + 1,
                )
            )
            if len(findings) >= 20:
                break
    except yaml.YAMLError:
        return []  # the syntax error is reported by the regular parse
    return findings


def parse_text(name: str, path: Path, text: str) -> tuple[Document | None, list[Finding]]:
    """Text → :class:`Document`; findings for syntax, aliases, tags, duplicate keys."""
    # a substring test is much quicker than the regular expression, which is needed only for the line
    conflict = _CONFLICT.search(text) if any(marker in text for marker in _CONFLICT_MARKERS) else None
    if conflict:
        line = text[: conflict.start()].count("\n") + 1
        return None, [
            error(
                name,
                line,
                "konfliktmarker",
                "Die Datei enthält Konfliktmarker von git (<<<<<<<, =======, >>>>>>>).",
                hint="Lösen Sie den Merge-Konflikt auf und entfernen Sie die Marker.",
            )
        ]
    separator = _SEPARATORS.search(text) if any(c in text for c in _SEPARATOR_NAMES) else None
    if separator:  # YAML would end the line there, an editor does not: refuse, so line numbers agree
        return None, [_character_finding(name, text, separator.start())]
    plain = read_plain(text)  # the plain YAML of nearly every file, read quickly
    if plain is not None:
        return Document(path, name, plain[0], text, plain[1]), []
    if "&" in text or "*" in text:  # cheap pre-check; only then look for anchors and aliases
        anchors = _anchor_findings(name, text)
        if anchors:
            return None, anchors
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return None, [_yaml_error(name, exc, text)]
    except RecursionError:
        return None, [error(name, 0, "yaml-tiefe", "Die Datei ist zu tief verschachtelt.")]
    if node is None:
        return None, [error(name, 1, "datei-leer", "Die Datei ist leer.", hint="Füllen Sie sie oder löschen Sie sie.")]
    data, reader = _values(name, text, node)
    return Document(path, name, data, text, reader.containers), reader.findings


def _values(name: str, text: str, node: Node | None = None) -> tuple[Value, _Values]:
    """The data of a text :func:`parse_text` has accepted (``node``: composed already)."""
    if node is None:
        node = yaml.compose(text, Loader=_Loader)
        assert node is not None, "an accepted text has a node"
    reader = _Values(name)
    return reader.convert(node, (), 0), reader


def read_bytes(path: Path, name: str) -> tuple[bytes | None, list[Finding]]:
    """The bytes of one file, at most :data:`MAX_FILE_BYTES`; a finding instead if it cannot be read."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:  # refuse before reading it into memory
                return None, [_too_big(name, size)]
            # read() allocates what it is asked for: ask for the size, and go on only if the file grew
            raw = handle.read(size + 1)
            if len(raw) > size:  # bounded, even if the file grows meanwhile
                raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
            return raw, []
    except OSError as exc:
        return None, [error(name, 0, "datei-lesen", f"Die Datei kann nicht gelesen werden ({reason(exc)}).")]


def read_document(path: Path, name: str) -> tuple[Document | None, list[Finding]]:
    """Read and parse one file. Never raises for bad content: problems are findings."""
    raw, findings = read_bytes(path, name)
    if raw is None:
        return None, findings
    return parse_bytes(path, name, raw)


def parse_bytes(path: Path, name: str, raw: bytes) -> tuple[Document | None, list[Finding]]:
    """Parse file content that is already in memory (e.g. a change not yet written)."""
    text, findings = decode(name, raw)
    if text is None:
        return None, findings
    return parse_text(name, path, text)
