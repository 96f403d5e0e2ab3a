"""``render_parts``: a report made part by part as the template writes it (the website writes its
yearly reports so: at 10,000 measures one is 18 MB of HTML), the same text as ``render_text``.

The built-in report templates write the report at their top level between ``m.seitenanfang`` and
``m.seitenende``; a town's own template built the older way, inside ``{% call m.seite(…) %}``, gives
the same page.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from luedialog.errors import LuedialogError
from luedialog.reports import render
from luedialog.reports.context import konferenzdokument, ratsbericht
from luedialog.reports.render import PACKAGE_TEMPLATES, Templates, render_parts, render_text
from luedialog.services.project import open_project
from luedialog.snapshot import Snapshot
from tests.conftest import FIXTURES

BUILT_IN = Templates((PACKAGE_TEMPLATES,))


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    return open_project(FIXTURES / "berichtsstadt").snapshot


def context(snap: Snapshot, name: str, jahr: int) -> object:
    day = date(jahr, 12, 31)
    return ratsbericht(snap, jahr, day) if name == "rat" else konferenzdokument(snap, jahr, day)


def parts_of(templates: Templates, template: str, bericht: object) -> list[str]:
    got: list[str] = []

    def consume(parts: Iterator[str]) -> None:
        got.extend(parts)

    render_parts(templates, template, bericht, consume)
    return got


@pytest.mark.parametrize("name", ["rat", "jahreskonferenz"])
@pytest.mark.parametrize("jahr", [2009, 2010, 2011])
def test_the_parts_are_the_text(snap: Snapshot, name: str, jahr: int) -> None:
    bericht = context(snap, name, jahr)
    parts = parts_of(BUILT_IN, f"{name}.html.j2", bericht)
    assert "".join(parts) == render_text(BUILT_IN, f"{name}.html.j2", bericht)
    assert all(len(p) >= render.PART for p in parts[:-1])  # parts of at least PART characters, the last the rest


def test_the_report_is_made_in_parts_while_the_template_writes(snap: Snapshot, monkeypatch: pytest.MonkeyPatch) -> None:
    """With parts of 1,000 characters the report of 2010 comes in many, none much longer: the template
    writes at its top level (a call block around everything would be one piece, the whole report)."""
    monkeypatch.setattr(render, "PART", 1000)
    bericht = context(snap, "rat", 2010)
    parts = parts_of(BUILT_IN, "rat.html.j2", bericht)
    whole = render_text(BUILT_IN, "rat.html.j2", bericht)
    assert "".join(parts) == whole
    assert len(parts) > 20
    assert max(len(p) for p in parts) < len(whole) / 4


@pytest.mark.parametrize("name", ["rat", "jahreskonferenz", "index"])
def test_a_town_template_with_the_page_around_a_call_block_gives_the_same_page(
    snap: Snapshot, tmp_path: Path, name: str
) -> None:
    """``m.seite`` stays for a town's own templates: the page around the body of its call block is
    ``m.seitenanfang``, the body and ``m.seitenende``, byte for byte."""
    text = (PACKAGE_TEMPLATES / f"{name}.html.j2").read_text(encoding="utf-8")
    lines = text.split("\n")
    fuss = next(i for i, line in enumerate(lines) if line.startswith("{% set fusszeile = "))
    anfang = lines[fuss + 1]
    assert anfang.startswith("{{ m.seitenanfang(") and anfang.endswith(") -}}")
    assert lines[-3:] == ["", "{{ m.seitenende(fusszeile) -}}", ""]
    arguments = anfang.removeprefix("{{ m.seitenanfang(").removesuffix(") -}}")
    old_style = "\n".join(
        [
            *lines[: fuss + 1],
            f"{{% call m.seite({arguments}, fusszeile) %}}",
            *lines[fuss + 2 : -3],
            "{% endcall %}",
            "",
        ]
    )
    (tmp_path / f"{name}.html.j2").write_text(old_style, encoding="utf-8")
    own = Templates((tmp_path, PACKAGE_TEMPLATES))
    if name == "index":
        bericht: object = {"projekt": "Berichtsdialog", "kommune": "Berichtsstadt", "vorlage": "1/09", "berichte": []}
    else:
        bericht = context(snap, name, 2010)
    made = render_text(own, f"{name}.html.j2", bericht)
    assert made == render_text(BUILT_IN, f"{name}.html.j2", bericht)
    assert made.startswith("<!DOCTYPE html>\n") and made.endswith("</html>\n")


def test_a_failing_template_is_a_german_message_in_parts_too(snap: Snapshot, tmp_path: Path) -> None:
    (tmp_path / "rat.html.j2").write_text("<p>Anfang</p>\n" * 5000 + "{{ bericht.gibt_es_nicht }}\n", encoding="utf-8")
    got: list[str] = []
    with pytest.raises(LuedialogError) as failed:
        render_parts(Templates((tmp_path,)), "rat.html.j2", context(snap, "rat", 2010), got.extend)
    assert failed.value.message == (
        "Die Vorlage rat.html.j2 verwendet einen Wert, den es nicht gibt "
        "(Jinja2: 'luedialog.reports.context.Ratsbericht object' has no attribute 'gibt_es_nicht')."
    )
    assert got and "".join(got).startswith("<p>Anfang</p>\n")  # what came before was handed on


def test_render_text_keeps_no_markup_pieces_while_it_joins(tmp_path: Path) -> None:
    """Every escaped value of an HTML report is a ``Markup`` object, which Python's garbage collection
    tracks; kept until the whole report is joined (800,000 table rows at 10,000 measures), they made
    it go through the whole snapshot again and again. ``render_text`` keeps each piece as plain text."""
    import gc

    from markupsafe import Markup

    (tmp_path / "viele.html.j2").write_text('{% for i in range(3000) %}<b>{{ "<" ~ i }}</b>{% endfor %}{{ lebend() }}')
    templates = Templates((tmp_path,))
    alive: list[int] = []

    def lebend() -> str:
        alive.append(sum(1 for o in gc.get_objects() if type(o) is Markup))
        return ""

    render._environment(templates, autoescape=True).globals["lebend"] = lebend
    text = render_text(templates, "viele.html.j2", None)
    assert type(text) is str
    assert text.startswith("<b>&lt;0</b><b>&lt;1</b>") and text.endswith("<b>&lt;2999</b>")
    assert alive[0] < 10  # with Jinja2's own render() all 3000 pieces were still there
