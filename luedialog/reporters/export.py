"""The whole validated snapshot as JSON or as CSV for German Excel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from luedialog.dates import german
from luedialog.files.tabelle import excel_csv
from luedialog.queries.stand import state_of
from luedialog.reporters import serialize
from luedialog.snapshot import Snapshot

CSV_COLUMNS = (
    "id",
    "titel",
    "art",
    "handlungsfeld",
    "status",
    "fortschritt",
    "stand",
    "letzte_notiz",
    "priorisiert",
    "leitlinien",
    "teil_von",
    "stadtteile",
    "gruppen",
    "verantwortlich",
    "zieldatum",
    "ueberfaellig",
    "veraltet",
    "datei",
)


def export_parts(snap: Snapshot, fmt: str, stichtag: date) -> Iterator[bytes]:
    """The export (``json`` or ``csv``) in parts, UTF-8."""
    parts = iter([as_csv(snap, stichtag)]) if fmt == "csv" else json_parts(snap, stichtag)
    return (part.encode("utf-8") for part in parts)


def as_json(snap: Snapshot, stichtag: date) -> str:
    return "".join(json_parts(snap, stichtag))


def json_parts(snap: Snapshot, stichtag: date) -> Iterator[str]:
    """The text of ``json.dumps(data, ensure_ascii=False, indent=2)`` of the whole export, made (and
    given out) item by item: a big export never holds every object as a dict, nor the whole text."""
    lists: dict[str, Iterator[dict[str, Any]]] = {
        "leitlinien": (serialize.leitlinie(ll) for ll in sorted(snap.leitlinien.values(), key=lambda x: x.id)),
        "massnahmen": (
            serialize.massnahme(m, state_of(snap, m, stichtag))
            for m in sorted(snap.massnahmen.values(), key=lambda x: x.id)
        ),
        "gruppen": (
            serialize.gruppe(g, snap.einwilligungen) for g in sorted(snap.gruppen.values(), key=lambda x: x.id)
        ),
    }
    head = {"projekt": snap.config.name, "stichtag": stichtag.isoformat()}
    yield serialize.dumps(head)[:-2]  # without the closing "\n}"
    for key, items in lists.items():
        yield f",\n  {serialize.dumps(key)}: "
        opening = "[\n    "
        for item in items:
            yield opening + serialize.dumps(item).replace("\n", "\n    ")
            opening = ",\n    "
        yield "[]" if opening.startswith("[") else "\n  ]"
    yield "\n}"


def as_csv(snap: Snapshot, stichtag: date) -> str:
    """``;``-separated, with UTF-8 BOM and CRLF, one row per measure."""
    rows = []
    for m in sorted(snap.massnahmen.values(), key=lambda x: x.id):
        z = state_of(snap, m, stichtag)
        row = {
            "id": m.id,
            "titel": m.titel,
            "art": snap.config.massnahmenarten.get(m.art, m.art),
            "handlungsfeld": snap.config.feld(m.handlungsfeld).name,
            "status": z.status.bezeichnung if z.status else "",
            "fortschritt": "" if z.fortschritt is None else str(z.fortschritt),
            "stand": german(z.eintrag.datum) if z.eintrag else "",
            "letzte_notiz": z.eintrag.notiz if z.eintrag else "",
            "priorisiert": "ja" if m.priorisiert else "nein",
            "leitlinien": ", ".join(m.leitlinien),
            "teil_von": m.teil_von or "",
            "stadtteile": ", ".join(m.stadtteile),
            "gruppen": ", ".join(m.gruppen),
            "verantwortlich": m.verantwortlich or "",
            "zieldatum": german(m.zieldatum) if m.zieldatum else "",
            "ueberfaellig": "ja" if z.ueberfaellig else "nein",
            "veraltet": "ja" if z.veraltet else "nein",
            "datei": m.datei,
        }
        rows.append([row[c] for c in CSV_COLUMNS])
    return excel_csv(CSV_COLUMNS, rows)
