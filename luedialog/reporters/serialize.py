"""Plain JSON-ready dictionaries of domain objects and query results."""

from __future__ import annotations

import dataclasses
import json.encoder
from collections.abc import Mapping
from datetime import date
from typing import Any

from luedialog.model import NN, Gruppe, Leitlinie, Massnahme
from luedialog.queries import Aenderung, Zustand

_string = json.encoder.encode_basestring  # the C implementation, as json.dumps(…, ensure_ascii=False) uses


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # of the dataclasses met so far
_SCALARS = (str, int, float, bool, type(None))


def plain(value: Any) -> Any:
    """Dataclasses, tuples and dates → dicts, lists and ISO strings (recursively)."""
    if isinstance(value, _SCALARS):
        return value
    names = _FIELD_NAMES.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, three times as fast (for a big export).

    With ``indent`` the json module falls back to its pure-Python encoder; this one appends to a
    list instead of chaining generators. Same output, byte for byte (tested).
    """
    out: list[str] = []
    _encode(value, out, "\n")
    return "".join(out)


def _encode(value: Any, out: list[str], newline: str) -> None:
    if isinstance(value, str):
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator)
            out.append(_key(key))
            out.append(": ")
            _encode(item, out, inner)
            separator = "," + inner
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _encode(item, out, inner)
            separator = "," + inner
        out.append(newline + "]")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _string(key)
    if isinstance(key, float):
        return _string(_float(key))
    if key is True or key is False or key is None:
        return _string({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return _string(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


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
    return data


def gruppe(g: Gruppe, alle: Mapping[str, Gruppe]) -> dict[str, Any]:
    """A group for export: members without consent appear as „N. N.“ with their role (no --intern here).

    Renewals at a Jahreskonferenz name a person of another group (``alle`` by ID); the name shows only
    if every membership of that person there agrees (``Gruppe.anzeigename``).
    """
    data: dict[str, Any] = plain(g)
    for member, shown in zip(data["mitglieder"], g.mitglieder, strict=True):
        member["person"] = shown.anzeigename()
    for konferenz in data["konferenzen"]:
        for renewal in konferenz["erneuerungen"]:
            group = alle.get(renewal["gruppe"])
            renewal["person"] = group.anzeigename(renewal["person"]) if group else NN
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
        "zieldatum": m.zieldatum.isoformat() if m.zieldatum else None,
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
