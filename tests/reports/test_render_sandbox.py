"""The sandbox reads the public fields of luedialog's own data directly; everything else (methods,
names with "_", other objects, a field shadowed by a descriptor) goes through Jinja2's checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from luedialog.errors import LuedialogError
from luedialog.reports.context import Zeile
from luedialog.reports.render import Templates, _public_fields, render_text


@dataclass(frozen=True)
class Eigen:
    titel: str
    _geheim: str = "intern"
    zahl: int = 0

    @property
    def doppelt(self) -> int:
        return self.zahl * 2

    def methode(self) -> str:
        return "aufgerufen"


Eigen.__module__ = "luedialog.reports.beispiel"  # as if it were one of luedialog's own


class Gross:
    """A data descriptor that keeps its value in the instance's ``__dict__`` and shows it in capitals
    (and does not return itself when read from the class)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, owner: type | None = None) -> str:
        return "KLASSE" if obj is None else str(obj.__dict__[self.name]).upper()

    def __set__(self, obj: object, value: str) -> None:
        obj.__dict__[self.name] = value


@dataclass
class Ueberdeckt:
    name: str = Gross()  # type: ignore[assignment]
    ort: str = "hier"


Ueberdeckt.__module__ = "luedialog.reports.beispiel"


def test_which_fields_are_read_directly() -> None:
    assert {"id", "titel", "status", "letzte_notiz"} <= _public_fields(Zeile)
    assert _public_fields(Eigen) == {"titel", "zahl"}
    assert _public_fields(str) == frozenset()
    assert _public_fields(Ueberdeckt) == {"ort"}  # "name" is what its descriptor makes of it


def test_a_field_behind_a_descriptor_shows_what_the_descriptor_gives(tmp_path: Path) -> None:
    assert render(tmp_path, "{{ bericht.name }} {{ bericht.ort }}", Ueberdeckt("rathaus")) == "RATHAUS hier"


def render(tmp_path: Path, text: str, bericht: object) -> str:
    (tmp_path / "t.md.j2").write_text(text, encoding="utf-8")
    return render_text(Templates((tmp_path,)), "t.md.j2", bericht)


def test_fields_and_properties_are_shown(tmp_path: Path) -> None:
    got = render(
        tmp_path,
        "{{ bericht.titel }} {{ bericht.zahl }} {{ bericht.doppelt }} {{ bericht|attr('titel') }}",
        Eigen("A", zahl=2),
    )
    assert got == "A 2 4 A"


@pytest.mark.parametrize("ausdruck", ["bericht._geheim", "bericht.__dict__", "bericht|attr(['titel'])"])
def test_what_the_sandbox_keeps_hidden_stays_hidden(tmp_path: Path, ausdruck: str) -> None:
    with pytest.raises(LuedialogError) as raised:
        render(tmp_path, "{{ " + ausdruck + " }}", Eigen("A"))
    assert "Die Vorlage t.md.j2" in str(raised.value)
