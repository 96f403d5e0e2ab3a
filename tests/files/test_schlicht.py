"""files/schlicht.py: the quick reader gives exactly what PyYAML and the node walk give, or nothing.

Whenever :func:`read_plain` reads a text, composing it with PyYAML and converting the nodes
(:mod:`luedialog.files.read`) must give the same data – type for type, ``True`` is not ``1`` – the
same positions of every mapping and list, and no finding. Checked on the YAML test suite, the
shipped data, the fixtures, a generated project, hand-picked edges and texts that hypothesis builds
from the pieces the reader knows, near misses included.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from luedialog.files import read
from luedialog.files.read import Value, decode
from luedialog.files.schlicht import read_plain
from tests.conftest import REPO, Projekt
from tests.files.test_plain_loader import FIXTURE_FILES, SHIPPED, SUITE_DOCUMENTS

Full = tuple[object, dict[tuple[str | int, ...], tuple[int, int]]]


def typed(value: Value) -> object:
    """``value`` with the type of every part, so that ``True`` and ``1`` (or a date and a text) differ."""
    if isinstance(value, dict):  # in the order of the file
        return ("dict", [(k, typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, value)


def full_way(text: str) -> Full | str:
    """What PyYAML and the node walk make of ``text``; a text if they refuse it or find anything."""
    try:
        node = yaml.compose(text, Loader=read._Loader)
    except (yaml.YAMLError, RecursionError) as exc:
        return f"PyYAML: {type(exc).__name__}"
    if node is None:
        return "leer"
    reader = read._Values("x.yaml")
    data = reader.convert(node, (), 0)
    if reader.findings:
        return f"Befund: {reader.findings[0].code}"
    return typed(data), reader.containers


def quick_way(text: str) -> Full | None:
    result = read_plain(text)
    return None if result is None else (typed(result[0]), result[1])


def agrees(text: str) -> bool:
    """The quick reader leaves the text alone, or reads it as the full way does."""
    quick = quick_way(text)
    return quick is None or quick == full_way(text)


def _documents(paths: list[Path]) -> list[tuple[str, str]]:
    texts = [(str(p), decode(p.name, p.read_bytes())[0]) for p in paths]
    return [(name, text) for name, text in texts if text is not None]


def _generated(tmp_path: Path) -> list[Path]:
    spec = importlib.util.spec_from_file_location("benchmark_generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    root: Path = module.generate(60, tmp_path / "fiktiv")
    return sorted(root.rglob("*.yaml"))


def test_the_shipped_data_fixtures_and_a_generated_project_are_read_quickly_and_alike(tmp_path: Path) -> None:
    for paths in (SHIPPED, FIXTURE_FILES, _generated(tmp_path)):
        documents = _documents(paths)
        assert len(documents) > 30
        for name, text in documents:
            full = full_way(text)
            if isinstance(full, str):  # a fixture with a deliberate error: the quick reader leaves it
                assert quick_way(text) is None, name
                continue
            assert quick_way(text) == full, name  # read quickly, and alike


@pytest.mark.skipif(not SUITE_DOCUMENTS, reason="YAML-Testsuite fehlt (siehe test_plain_loader.py)")
def test_every_document_of_the_yaml_test_suite_is_left_alone_or_read_alike() -> None:
    documents = _documents(SUITE_DOCUMENTS)
    assert [name for name, text in documents if not agrees(text)] == []
    assert sum(read_plain(text) is not None for _, text in documents) > 10  # the suite reaches the reader


QUICK: list[tuple[str, Value]] = [
    ("id: M-1\n", {"id": "M-1"}),
    (
        "a: 12\nb: 0\nc: 2010-03-15\nd: ja\ne: yes\nf: Off\ng: ~\nh:\n",
        {
            "a": 12,
            "b": 0,
            "c": date(2010, 3, 15),
            "d": "ja",
            "e": True,
            "f": False,
            "g": None,
            "h": None,
        },
    ),
    ("a: Text # ein Kommentar\nb: Text#kein Kommentar\n", {"a": "Text", "b": "Text#kein Kommentar"}),
    ("a: \"12\"\nb: 'it''s'\nc: \"x: y # z\"  # c\n", {"a": "12", "b": "it's", "c": "x: y # z"}),
    (
        "a: https://x.de/a:b\nb: [x, 12, 2010-03-15]\nc: []\n",
        {
            "a": "https://x.de/a:b",
            "b": ["x", 12, date(2010, 3, 15)],
            "c": [],
        },
    ),
    ("a: >-\n  eins\n  zwei\n\n  drei\nb: 1\n", {"a": "eins zwei\ndrei", "b": 1}),
    ("a: |-\n  eins\n    zwei\n\n  drei\n", {"a": "eins\n  zwei\n\ndrei"}),
    ("a: >\n  eins\n  zwei\n\n\nb: 1\n", {"a": "eins zwei\n", "b": 1}),
    ("a: |\n  # kein Kommentar\nb: 1\n", {"a": "# kein Kommentar\n", "b": 1}),
    ("liste:\n- a\n- b\nweiter: 1\n", {"liste": ["a", "b"], "weiter": 1}),
    (
        "v:\n  - datum: 2010-03-15\n    status: geplant\n  - x\n",
        {"v": [{"datum": date(2010, 3, 15), "status": "geplant"}, "x"]},
    ),
    ("# Kopf\n\n  a: 1\n  b:\n    c: 2\n", {"a": 1, "b": {"c": 2}}),
    ("- 'a: b'\n- \"c: d\"\n", ["a: b", "c: d"]),
    ('a: "Stand: \\"gut\\" – #1 \\\\ x"\n', {"a": 'Stand: "gut" – #1 \\ x'}),
    ("a: -3\nb: +4\nc: 1.5\nd: -0.25\ne: --\n", {"a": -3, "b": 4, "c": 1.5, "d": -0.25, "e": "--"}),
    ("größe-2.x: Wert\n1: eins\n", {"größe-2.x": "Wert", "1": "eins"}),
    ("a" * 1024 + ": 1\n", {"a" * 1024: 1}),
]


@pytest.mark.parametrize(("text", "expected"), QUICK)
def test_plain_yaml_is_read_quickly_as_pyyaml_reads_it(text: str, expected: Value) -> None:
    quick = quick_way(text)
    assert quick is not None
    assert quick == full_way(text)
    assert quick[0] == typed(expected)


LEFT_TO_PYYAML = [
    "",
    "# nur ein Kommentar\n",
    "a:\tb\n",  # a tab
    "a: b\r\nc: d\n",  # CR left in the text
    "a: b\x7f\n",
    "a: \u00a0b\n",  # NBSP: YAML allows it, the quick reader leaves it
    "---\na: 1\n",
    "a: 1\n...\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: {b: 1}\n",
    "a: 012\n",
    "a: 1:30\n",
    "a: 2010-02-30\n",  # PyYAML's way reports the impossible date
    "a: 2001-12-14 21:59:43.10 -5\n",
    "a: 12345678901234567890\n",
    "a: b: c\n",
    "a: Stand:\n",
    "a: eins\n  zwei\n",  # a plain text over two lines
    'a: "eins\n  zwei"\n',
    'a: "mit \\n Escape"\n',
    'a: "mit \\u00e4"\n',
    'a: "mit \\/"\n',
    'a: "offen \\"\n',
    "a: 'offen\n",
    "a: [x, [y]]\n",
    "a: [x,]\n",
    "a: [x, y\n",
    "a: [x] y\n",
    "a: 1\na: 2\n",  # a duplicate key: PyYAML's way names both lines
    "a b: 1\n",
    "a" * 1025 + ": 1\n",  # YAML's limit for a key: 1024 characters
    "- " + "ü" * 1025 + ": 1\n",
    "'a': 1\n",
    "? a\n: 1\n",
    "a: >-\n\n  x\n",  # a block text that begins with a blank line
    "a: >-\n  x\n    y\n",  # folded with a more indented line
    "a: >-\n  x \n  y\n",  # folded with trailing spaces
    "a: |-\n  x\n  \n  y\n",  # a line of spaces
    "a: |\n  x",  # clip at the end of a text without a line break
    "a: >2\n   x\n",
    "a: >-\nb: 1\n",  # an empty block text
    "- - a\n",
    "-\n  a: 1\n",
    "- # leer\n",
    "a: 1\n b: 2\n",
    "  a: 1\nb: 2\n",
    "Text\n",
    "a:\n  Text\n",
    "- a\nb: 1\n",
    "<<: {a: 1}\n",
    "a: <<\n",
    "a: =\n",
    "a: @x\n",
    "a: `x`\n",
    "a: %x\n",
    "a:b\n",
    "a: 1\n\ufeffb: 2\n",
]


@pytest.mark.parametrize("text", LEFT_TO_PYYAML)
def test_everything_else_is_left_to_pyyaml(text: str) -> None:
    assert read_plain(text) is None


@pytest.mark.parametrize("levels", range(read.MAX_DEPTH - 3, read.MAX_DEPTH + 3))
@pytest.mark.parametrize("innermost", ["x: 1", "- x", "x: [a]", "x: []"])
def test_at_the_depth_limit_both_ways_agree(levels: int, innermost: str) -> None:
    """Around MAX_DEPTH the full way reports the depth; the quick way gives up where it would."""
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(levels)) + "  " * levels + innermost + "\n"
    assert agrees(text)


def test_nesting_deeper_than_luedialog_reads_is_left_to_pyyaml() -> None:
    deep = "".join(f"{'  ' * i}k{i}:\n" for i in range(read.MAX_DEPTH + 2)) + f"{'  ' * (read.MAX_DEPTH + 2)}x: 1\n"
    assert read_plain(deep) is None
    shallow = "".join(f"{'  ' * i}k{i}:\n" for i in range(10)) + f"{'  ' * 10}x: 1\n"
    assert quick_way(shallow) == full_way(shallow)


# Pieces of the YAML luedialog writes, and near misses of them
KEYS = st.sampled_from(["id", "titel", "datum", "a", "b-c", "d.e", "größe", "1", "x y", "'q'", "-k", "k:"])
SCALARS = st.sampled_from(
    [
        "Text",
        "zwei Wörter",
        "12",
        "0",
        "007",
        "-3",
        "+4",
        "-0",
        "1.5",
        "-2.25",
        "01.5",
        "1e3",
        "2010-03-15",
        "2010-13-01",
        "2010-3-5",
        "ja",
        "yes",
        "No",
        "~",
        "null",
        "",
        "a: b",
        "Stand:",
        "x # c",
        "x#y",
        "https://a.de",
        '"quoted"',
        '"a\\"b"',
        "'it''s'",
        "'offen",
        "[a, b]",
        "[]",
        "[a, [b]]",
        "[a,]",
        "{a: 1}",
        "&anker x",
        "*alias",
        "!!str x",
        ">-",
        "|-",
        ">",
        "|",
        ">2",
        "<<",
        "=",
        "@x",
        "`x`",
        "%x",
        "?",
        ":",
        "-",
        "--",
        "-x",
        "- a",
        "\t",
        "x ",
        "ä\u00a0ö",
        "\U0001f600",
    ]
)
GOOD_KEYS = st.sampled_from(["id", "titel", "datum", "verlauf", "b-c", "d.e", "größe", "x1"])
PLAIN = st.sampled_from(["Text", "zwei Wörter, drei", "12", "0", "-3", "1.5", "2010-03-15", "ja", "yes", "~", "x # c"])
FLOW_ITEMS = st.sampled_from(["a", "Am Hafen", "12", "2010-03-15", "yes", "", " ", "-", "x:y", "'q'"])
BLOCK_LINES = st.sampled_from(["Text eins", "zwei: drei", "# kein Kommentar", "", "  tiefer", "Ende ", "- Punkt"])
COMMENT = st.sampled_from(["", "", "", "  # Kommentar", "#x"])
ENDINGS = st.sampled_from(["\n", "", "\n\n"])
INDENTS = st.integers(min_value=0, max_value=6)


@st.composite
def loose_texts(draw: st.DrawFn) -> str:
    """Lines of any kind, at any indentation."""
    lines: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        indent = " " * draw(INDENTS)
        kind = draw(st.sampled_from(["key", "key", "item", "item-key", "text", "blank", "comment", "spaces", "marker"]))
        if kind == "key":
            lines.append(f"{indent}{draw(KEYS)}:{draw(st.sampled_from([' ', '  ', '', ' ']))}{draw(SCALARS)}")
        elif kind == "item":
            lines.append(f"{indent}-{draw(st.sampled_from([' ', '  ', '']))}{draw(SCALARS)}")
        elif kind == "item-key":
            lines.append(f"{indent}- {draw(KEYS)}: {draw(SCALARS)}")
        elif kind == "text":
            lines.append(f"{indent}{draw(SCALARS)}")
        elif kind == "blank":
            lines.append("")
        elif kind == "comment":
            lines.append(f"{indent}# {draw(SCALARS)}")
        elif kind == "spaces":
            lines.append(indent)
        else:
            lines.append(draw(st.sampled_from(["---", "...", "%YAML 1.1", "--- a"])))
    return "\n".join(lines) + draw(ENDINGS)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A document shaped like luedialog's files, and often a near miss of one (a character more or less)."""
    lines: list[str] = []
    values = st.one_of(PLAIN, PLAIN, PLAIN, SCALARS)
    keys = st.one_of(GOOD_KEYS, GOOD_KEYS, GOOD_KEYS, KEYS)

    def block_text(indent: int) -> None:
        for text in draw(st.lists(BLOCK_LINES, min_size=1, max_size=4)):
            lines.append(" " * indent + text if text else "")

    def mapping(indent: int, depth: int, first: str | None = None) -> None:
        for i, key in enumerate(draw(st.lists(keys, min_size=1, max_size=4))):
            at = first if i == 0 and first is not None else " " * indent
            kinds = ["value", "value", "value", "block", "flow"] + (["map", "list", "compact"] if depth < 3 else [])
            kind = draw(st.sampled_from(kinds))
            if kind == "value":
                lines.append(f"{at}{key}: {draw(values)}{draw(COMMENT)}")
            elif kind == "block":
                lines.append(f"{at}{key}: {draw(st.sampled_from(['>-', '|-', '>', '|']))}{draw(COMMENT)}")
                block_text(indent + draw(st.sampled_from([2, 2, 1, 0])))
            elif kind == "flow":
                lines.append(f"{at}{key}: [{', '.join(draw(st.lists(FLOW_ITEMS, max_size=3)))}]{draw(COMMENT)}")
            else:
                lines.append(f"{at}{key}:{draw(COMMENT)}")
                (mapping if kind == "map" else sequence)(indent + (0 if kind == "compact" else 2), depth + 1)
            if draw(st.integers(min_value=0, max_value=5)) == 0:
                lines.append(draw(st.sampled_from(["", "# Kommentar", " " * (indent + 1) + "# eingerückt"])))

    def sequence(indent: int, depth: int) -> None:
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            kind = draw(st.sampled_from(["value", "value", "map", "block"]))
            at = " " * indent + "- "
            if kind == "value":
                lines.append(at + draw(values))
            elif kind == "map":
                mapping(indent + 2, depth + 1, at)
            else:
                lines.append(at + draw(st.sampled_from([">-", "|"])))
                block_text(indent + 2)

    lines.append(draw(st.sampled_from(["", "# yaml-language-server: $schema=x.json"])))
    mapping(0, 0)
    text = "\n".join(lines) + draw(ENDINGS)
    if draw(st.integers(min_value=0, max_value=2)) == 0:  # a near miss
        at = draw(st.integers(min_value=0, max_value=len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(list(" -:#'\"\n\t[]{}&*!|>.0a"))) + text[at:]
        else:
            text = text[:at] + text[at + 1 :]
    return text


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(documents(), loose_texts()))
@example("v:\n  - datum: 2010-03-15\n    text: >-\n      eins\n      zwei\n  - datum: 2011-01-01\n")
@example("a:\n- x\n  - y\n")
@example("a: |\n  x\n\n")
def test_texts_built_from_the_pieces_are_left_alone_or_read_alike(text: str) -> None:
    assert agrees(text), text


def test_the_pieces_reach_the_quick_reader() -> None:
    """Many generated documents are read quickly (else the test above could not fail)."""
    read_quickly = 0

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(documents())
    def count(text: str) -> None:
        nonlocal read_quickly
        read_quickly += read_plain(text) is not None

    count()
    assert read_quickly > 30


@pytest.mark.parametrize(
    "notiz",
    [
        "Planung läuft",
        'Stand: "gut" – #1, mit: Doppelpunkt \\ und Rückstrich',
        "yes",
        "12",
        "2010-03-15",
        "- ein Punkt",
        "eine lange Notiz " * 12,
        "zwei\nZeilen",
    ],
)
def test_what_luedialog_writes_is_read_the_quick_way(projekt: Projekt, notiz: str) -> None:
    result = projekt.run("sachstand", "M-BIL-02", "geplant", "--notiz", notiz, "--von", "Bauamt")
    assert result.exit_code == 0, result.stdout
    text = projekt.path("data/massnahmen/M-BIL-02.yaml").read_text(encoding="utf-8")
    quick = quick_way(text)
    assert quick is not None
    assert quick == full_way(text)
    data = read_plain(text)
    assert data is not None and isinstance(data[0], dict) and isinstance(data[0]["verlauf"], list)
    entry = data[0]["verlauf"][-1]
    assert isinstance(entry, dict) and entry["notiz"] == notiz
