"""The loader's quicker resolver and reader decide exactly as PyYAML and the full reader do.

``PlainLoader.resolve`` replaces PyYAML's ``Resolver.resolve`` (one regular expression per first
character instead of a loop), and ``parse_text`` reads with ``files/schlicht.py`` or, for
everything else, with ``_Values``; both note only where mappings and lists begin. Both are checked
against the originals on every document of the YAML test suite (``../shared/yaml-test-suite``, see
``tests/robustness/test_yaml_test_suite.py``), on all shipped data and on the fixtures; the suite's
part is skipped with a reason where it is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from luedialog.files import read as yamlio
from luedialog.files.read import PlainLoader, decode, parse_text
from tests.conftest import FIXTURES, REPO


def _suite() -> Path:
    explicit = os.environ.get("LUEDIALOG_YAML_TEST_SUITE")
    if explicit:
        return Path(explicit)
    shared = os.environ.get("LUEDIALOG_SHARED")
    return (Path(shared) if shared else REPO.parent / "shared") / "yaml-test-suite"


SUITE = _suite()
SUITE_DOCUMENTS = sorted(SUITE.rglob("in.yaml")) if SUITE.is_dir() else []
SHIPPED = sorted([REPO / "luedialog.yaml", *(REPO / "data").rglob("*.yaml")])
FIXTURE_FILES = sorted(FIXTURES.rglob("*.yaml"))
needs_suite = pytest.mark.skipif(not SUITE_DOCUMENTS, reason=f"YAML-Testsuite fehlt ({SUITE})")

# values where YAML 1.1's implicit types are decided at the edges
WORDS = """~ null Null NULL nULL nul n N y Y yes Yes YES yEs no No NO on On ON off Off OFF true True TRUE tRUE
    false FALSE 0 00 07 08 089 0755 -0 +0 12 -12 +12 1_000 0b101 -0b1 0x1F 0xg 0o17 1:30 -1:30 190:20:30
    1:30.5 1. 1.5 .5 +.5 -.5 1e3 1.0e+3 1.0e3 6.8523015e+5 685.230_15e+03 .inf -.Inf +.INF .nan .NaN .NAN
    . - + 2001-12-14 2001-12-14t21:59:43.10-05:00 2002-1-1 20010-12-14 2001-12-14x << < = == ! & *
    notiz Ortsteil fortschritt Träger ٣"""
EDGES = [
    *WORDS.split(),
    *("", " ", "12\n", "yes\n", "2010-03-15\n", "12 ", " 12", "Netzwerk Stadtteil"),
    *("2001-12-14 21:59:43.10 -5", "2002-1-1 1:1:1", "2001-12-14\t21:59:43.10"),
]
IMPLICIT = [(True, False), (False, True), (False, False), (True, True)]


def _documents() -> Iterator[tuple[str, str]]:
    for path in [*SUITE_DOCUMENTS, *SHIPPED, *FIXTURE_FILES]:
        text, _ = decode(path.name, path.read_bytes())
        if text is not None:
            yield str(path), text


def _scalars(text: str) -> Iterator[tuple[str, tuple[bool, bool]]]:
    """The value and implicitness of every scalar event, up to a syntax error."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.ScalarEvent):
                yield event.value, event.implicit
    except yaml.YAMLError:
        return


def test_the_documents_are_there() -> None:
    assert len(SHIPPED) > 90 and len(FIXTURE_FILES) > 30


def test_resolve_gives_the_tag_of_pyyaml_s_resolver() -> None:
    values = {value for _, text in _documents() for value, _ in _scalars(text)} | set(EDGES)
    mine, theirs = PlainLoader(""), Resolver()
    differ = [
        (value, implicit)
        for value in sorted(values)
        for implicit in IMPLICIT
        if mine.resolve(ScalarNode, value, implicit) != theirs.resolve(ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
    ]
    assert differ == []
    assert len(values) > 1000
    for kind in (SequenceNode, MappingNode):
        for implicit in (True, False):
            assert mine.resolve(kind, None, implicit) == theirs.resolve(kind, None, implicit)  # type: ignore[no-untyped-call]


def _tree(node: Node | None) -> object:
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line, node.end_mark.column)
    if isinstance(node, ScalarNode):
        return ("scalar", node.tag, node.value, node.style, marks)
    if isinstance(node, SequenceNode):
        return ("seq", node.tag, marks, [_tree(n) for n in node.value])
    return ("map", node.tag, marks, [(_tree(k), _tree(v)) for k, v in node.value])


def _compose(text: str, loader: type) -> object:
    try:
        return _tree(yaml.compose(text, Loader=loader))
    except yaml.YAMLError as exc:
        return ("error", str(exc))
    except RecursionError:
        return ("error", "RecursionError")


@needs_suite
def test_composing_with_it_gives_pyyaml_s_tree() -> None:
    base = PlainLoader.__mro__[1]  # PyYAML's own safe loader that PlainLoader extends
    differ = [name for name, text in _documents() if _compose(text, PlainLoader) != _compose(text, base)]
    assert differ == []


@needs_suite
def test_the_quick_reader_reads_like_the_full_reader() -> None:
    """Same data and findings in the same order; the mappings and lists it notes are where the full
    reader has them; the positions asked for later are the full reader's."""
    compared = 0
    for name, text in _documents():
        doc, findings = parse_text("x.yaml", Path(name), text)
        if doc is None:
            continue
        full = yamlio._Reader("x.yaml")
        node = yaml.compose(text, Loader=PlainLoader)
        assert node is not None
        data = full.convert(node, (), 0)
        assert (doc.data, findings) == (data, full.findings), name
        assert {k: full.positions[k] for k in doc.containers} == doc.containers, name
        assert (doc.positions, doc.ends) == (full.positions, full.ends), name
        compared += 1
    assert compared > 300
