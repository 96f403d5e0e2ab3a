"""``md`` and ``mdcell`` skip the steps that cannot change a text, and escape exactly as the plain
definition below does (each regular expression applied to every text and every line)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from luedialog.reports.render import md, mdcell
from luedialog.snapshot import load_snapshot
from luedialog.text import visible
from tests.conftest import FIXTURES, REPO


def plain_md(text: object) -> str:
    value = visible("" if text is None else str(text))
    value = re.sub(r"([\\`*_{}\[\]<>#+!|~])", r"\\\1", value)
    value = re.sub(r"&(?=#?[0-9A-Za-z]+;)", r"\\&", value)
    lines = []
    for line in value.split("\n"):
        stripped = line.lstrip(" \t")
        line = "\u00a0" * (len(line) - len(stripped)) + stripped
        line = re.sub(r"^(\u00a0*)(\d+)([.)])(?=\s|$)", r"\1\2\\\3", line)
        line = re.sub(r"^(\u00a0*)([-=])", r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def plain_mdcell(text: object) -> str:
    return re.sub(r"\s*\n\s*", " ", plain_md(text)).strip() or " "


# with the characters that make a cell more than itself: white space at either end, controls (NEL
# is both), a reordering character, a lone surrogate
MARKDOWN = st.text(
    st.sampled_from(list(" \t\n\u00a0\u2003-=.)1٣²#*_|&;a#xA<>[]{}!~+`\\\x1b\x85\u202e\u2028\udcff\r")), max_size=40
)


@settings(max_examples=3000, deadline=None)
@given(MARKDOWN)
def test_md_and_mdcell_escape_like_the_plain_definition(text: str) -> None:
    assert (md(text), mdcell(text)) == (plain_md(text), plain_mdcell(text))


@given(st.text(max_size=60))
def test_any_text_too(text: str) -> None:
    assert (md(text), mdcell(text)) == (plain_md(text), plain_mdcell(text))


def test_every_text_of_the_shipped_data_and_the_fixtures() -> None:
    texts: set[object] = {None, 0, 12, 2.5, "", "1. Absatz", "- Punkt", "=== Regel"}
    for root in (REPO, *(p for p in FIXTURES.iterdir() if (p / "luedialog.yaml").is_file())):
        snap = load_snapshot(root).snapshot
        assert snap is not None
        for doc in snap.documents.values():
            stack = [doc.data]
            while stack:
                value = stack.pop()
                if isinstance(value, dict):
                    stack += value.values()
                elif isinstance(value, list):
                    stack += value
                else:
                    texts.add(value)
    assert len(texts) > 1000
    assert [t for t in texts if (md(t), mdcell(t)) != (plain_md(t), plain_mdcell(t))] == []
