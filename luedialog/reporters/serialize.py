"""Plain JSON-ready dictionaries of domain objects and query results."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from luedialog.model.types import Einwilligungen, Gruppe, Leitlinie, Massnahme
from luedialog.queries.stand import Zustand
from luedialog.queries.uebersicht import Aenderung
from luedialog.text import json_safe

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # of the dataclasses met so far
_SCALARS = (str, int, float, bool, type(None))
# the types taken as they are without a call of plain (most values of a measure), like a field that
# is a date (exactly, not a subclass): anything else goes through plain
_AS_IS = frozenset(_SCALARS)


def plain(value: Any) -> Any:
    """Dataclasses, tuples and dates → dicts, lists and ISO strings (recursively)."""
    if isinstance(value, _SCALARS):
        return value
    names = _FIELD_NAMES.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        data = {}
        for name in names:
            v = getattr(value, name)
            kind = type(v)
            data[name] = v if kind in _AS_IS else v.isoformat() if kind is date else plain(v)
        return data
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _AS_IS else plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def _default(value: Any) -> Any:
    """What ``json.dumps`` cannot write itself: dates as ISO text, dataclasses as objects."""
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps(value: Any) -> str:
    """JSON as luedialog writes it everywhere: UTF-8 text, indented by two; only the characters a
    terminal would act on (C1 controls, DEL, line separators, bidi overrides) are escaped."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=2, default=_default))


def dumps_line(value: Any) -> str:
    """JSON in one line, with the escapes of :func:`dumps`: written by Python's C encoder (``json``
    uses it only without ``indent``; with it, every value goes through the encoder in pure Python)."""
    return json_safe(json.dumps(value, ensure_ascii=False, default=_default))


def records(head: Mapping[str, Any], lists: Mapping[str, Iterable[Any]]) -> Iterator[str]:
    """The text of an object of ``head``'s values and then of ``lists`` with one record per line: laid
    out like :func:`dumps` (each key on a line of its own, indented by two), but every item of a list
    in one line (:func:`dumps_line`). The items are made, written and let go one after the other,
    so a big list is never whole in memory, neither as objects nor as text; the parts joined are the
    whole text, ending in a line break."""
    yield "{"
    opening = "\n  "
    for key, value in head.items():
        yield f"{opening}{dumps_line(key)}: {dumps_line(value)}"
        opening = ",\n  "
    for key, items in lists.items():
        yield f"{opening}{dumps_line(key)}: ["
        separator = "\n    "
        for item in items:
            yield separator + dumps_line(item)
            separator = ",\n    "
        yield "]" if separator == "\n    " else "\n  ]"
        opening = ",\n  "
    yield "}\n" if opening == "\n  " else "\n}\n"


def leitlinie(ll: Leitlinie) -> dict[str, Any]:
    data: dict[str, Any] = plain(ll)
    return data


def massnahme(m: Massnahme, zustand: Zustand | None = None) -> dict[str, Any]:
    data: dict[str, Any] = plain(m)
    if zustand is not None:
        data["status"] = zustand.status.schluessel if zustand.status else None
        data["status_bezeichnung"] = zustand.status.bezeichnung if zustand.status else None
        data["ampel"] = zustand.status.ampel if zustand.status else None
        data["fortschritt"] = zustand.fortschritt
        data["fortschritt_aus_teilmassnahmen"] = zustand.fortschritt_aus_teilen
        data["stand"] = zustand.eintrag.datum.isoformat() if zustand.eintrag else None
        data["ueberfaellig"] = zustand.ueberfaellig
        data["veraltet"] = zustand.veraltet
        # the values at the Stichtag: changed by entries (a postponed target date …), as corrected then
        data["verantwortlich"] = zustand.verantwortlich
        data["zieldatum"] = zustand.zieldatum.isoformat() if zustand.zieldatum else None
        data["verlauf_am_stichtag"] = plain(zustand.verlauf)
    return data


def gruppe(g: Gruppe, einwilligungen: Einwilligungen) -> dict[str, Any]:
    """A group for export: members without consent appear as „N. N.“ with their role (no --intern here).

    Whether a name shows is decided per person by the latest declaration that speaks
    (:class:`~luedialog.model.types.Einwilligungen`), for members and renewals alike.
    """
    data: dict[str, Any] = plain(g)
    for member in data["mitglieder"]:
        member["person"] = einwilligungen.name(member["person"])
    for konferenz in data["konferenzen"]:
        for renewal in konferenz["erneuerungen"]:
            renewal["person"] = einwilligungen.name(renewal["person"])
    return data


def zustand(z: Zustand) -> dict[str, Any]:
    """A short form: ID, title, field, status, progress, date of the state, flags."""
    m = z.massnahme
    return {
        "id": m.id,
        "titel": m.titel,
        "handlungsfeld": m.handlungsfeld,
        "status": z.status.schluessel if z.status else None,
        "fortschritt": z.fortschritt,
        "stand": z.eintrag.datum.isoformat() if z.eintrag else None,
        "letzte_notiz": z.eintrag.notiz if z.eintrag else None,
        "zieldatum": z.zieldatum.isoformat() if z.zieldatum else None,
        "ueberfaellig": z.ueberfaellig,
        "veraltet": z.veraltet,
    }


def aenderung(a: Aenderung) -> dict[str, Any]:
    return {
        "id": a.massnahme.id,
        "titel": a.massnahme.titel,
        "datum": a.eintrag.datum.isoformat(),
        "vorher": a.vorher,
        "status": a.eintrag.status,
        "notiz": a.eintrag.notiz,
        "von": a.eintrag.von,
    }
