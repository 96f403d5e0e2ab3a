"""The colours of the Ampel read as their names (rot, gelb, grün, grau) and text on them keeps a
contrast of at least 4.5:1 (WCAG 2.1, 1.4.3), computed from the values the HTML report carries:
the CSS variables in its ``:root``, the fallbacks of ``.marke-*`` in ``_stil.css`` and the fills of
the chart. All of them are the values of :data:`luedialog.model.ampel.FARBEN`.
"""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

import pytest

from luedialog.model.ampel import FARBEN as AMPEL_COLOURS
from luedialog.model.ampel import NAMEN as AMPEL_NAMES
from luedialog.model.ampel import TEXTFARBEN as AMPEL_TEXT_COLOURS
from luedialog.reports.render import PACKAGE_TEMPLATES
from tests.conftest import run_cli

HEX = r"#[0-9a-fA-F]{6}"


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour ``#rrggbb`` (WCAG 2.1)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def liest_sich_als(name: str, colour: str) -> bool:
    """Whether a colour is seen as the named Ampel colour: by hue, and for yellow also bright (the
    dark ochre #8a6500 has a yellow hue but reads as brown)."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    degrees = hue * 360
    if name == "grau":
        return saturation <= 0.05 and 0.25 <= lightness <= 0.75
    if saturation < 0.4:
        return False
    if name == "rot":
        return (degrees <= 15 or degrees >= 345) and 0.3 <= lightness <= 0.65
    if name == "gelb":
        return 42 <= degrees <= 60 and lightness >= 0.45 and saturation >= 0.8
    if name == "gruen":
        return 90 <= degrees <= 160 and 0.2 <= lightness <= 0.6
    raise AssertionError(name)


@pytest.fixture(scope="module")
def bericht(projekte: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("ampel") / "rat-2010.html"
    result = run_cli(
        "--daten", str(projekte["berichtsstadt"]), "bericht", "rat", "--jahr", "2010",
        "--format", "html", "--ausgabe", str(target),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return target.read_text(encoding="utf-8")


def test_the_check_tells_the_colours_apart() -> None:
    assert liest_sich_als("gelb", "#ffcc00") and not liest_sich_als("gelb", "#8a6500")  # the old ochre
    assert not liest_sich_als("gelb", "#b8860b")  # "darkgoldenrod", the old fallback in _stil.css
    assert liest_sich_als("rot", "#c62828") and not liest_sich_als("rot", "#ffcc00")
    assert liest_sich_als("gruen", "#1b7a3a") and not liest_sich_als("gruen", "#6b6b6b")
    assert liest_sich_als("grau", "#6b6b6b") and not liest_sich_als("grau", "#1b7a3a")
    assert round(contrast("#ffffff", "#000000"), 2) == 21.0 and contrast("#777777", "#777777") == 1.0


@pytest.mark.parametrize("key", sorted(AMPEL_COLOURS))
def test_colour_reads_as_its_name_and_text_on_it_has_contrast(bericht: str, key: str) -> None:
    background = re.search(rf"--ampel-{key}: ({HEX});", bericht)
    text = re.search(rf"--ampel-{key}-text: ({HEX});", bericht)
    assert background and text
    assert (background.group(1), text.group(1)) == (AMPEL_COLOURS[key], AMPEL_TEXT_COLOURS[key])
    assert liest_sich_als(key, background.group(1)), (key, background.group(1))
    assert contrast(background.group(1), text.group(1)) >= 4.5


def test_the_stylesheet_falls_back_to_the_same_colours() -> None:
    css = (PACKAGE_TEMPLATES / "_stil.css").read_text(encoding="utf-8")
    fallbacks = dict(re.findall(rf"\.marke-(\w+) \{{\s*background: var\(--ampel-\1, ({HEX})\);", css))
    assert fallbacks == AMPEL_COLOURS
    assert not re.search(r"--ampel-\w+:", css)  # the values themselves come from luedialog only


def test_numbers_in_the_chart_have_contrast_to_their_bar(bericht: str) -> None:
    names = {name: key for key, name in AMPEL_NAMES.items()}
    segments = re.findall(
        rf'<rect [^>]*fill="({HEX})"><title>(\w+): \d+</title></rect><text [^>]*fill="({HEX})"[^>]*>\d+</text>',
        bericht,
    )
    assert {names[name] for _, name, _ in segments} == {"gruen", "gelb", "rot", "grau"}  # all four drawn
    for bar, name, text in segments:
        assert bar == AMPEL_COLOURS[names[name]]
        assert contrast(bar, text) >= 4.5, (name, bar, text)


def test_the_status_marks_use_the_variables(bericht: str) -> None:
    assert '<span class="marke marke-gelb" aria-hidden="true"></span>' in bericht
    for key in AMPEL_COLOURS:
        assert re.search(rf"\.marke-{key} \{{\s*background: var\(--ampel-{key},", bericht)
