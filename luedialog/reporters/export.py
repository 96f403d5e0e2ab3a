"""The whole validated snapshot as JSON, as CSV for German Excel, or as an Excel workbook.

The workbook has the columns of the Sachstandsabfrage (with empty columns to fill in) and further
columns about each measure, so an export can be filled in and read back with ``abfrage einlesen``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from luedialog.dates import german
from luedialog.files.arbeitsmappe import Blatt, Hinweisblatt, Spalte, Wert, workbook
from luedialog.files.tabelle import excel_csv
from luedialog.model.types import Massnahme
from luedialog.queries.stand import Zustand, state_of
from luedialog.reporters import serialize
from luedialog.services.abfrage import COLUMNS, HINTS_SHEET, SPALTEN, hint_rows, row_of
from luedialog.snapshot import Snapshot

# The columns of the table export, as people read them (the CSV for Excel and any other table
# format take their headers from here, in this order)
CSV_COLUMNS = (
    "ID",
    "Titel",
    "Art",
    "Handlungsfeld",
    "Status",
    "Fortschritt in %",
    "Stand vom",
    "Letzte Notiz",
    "Priorisiert",
    "Leitlinien",
    "Teil von",
    "Stadtteile",
    "Gruppen",
    "Verantwortlich",
    "Zieldatum",
    "Überfällig",
    "Veraltet",
    "Kosten in €",
    "Förderung in €",
    "Eigenanteil in €",
    "Haushalt",
    "Erläuterung zu den Finanzen",
    "Datei",
)


XLSX_SHEET = "Maßnahmen"
XLSX_EXTRA = (  # after the columns of the query: to read only
    Spalte("Art", fest=True),
    Spalte("Aktueller Fortschritt", "prozent", fest=True),
    Spalte("Priorisiert", fest=True),
    Spalte("Leitlinien", fest=True, umbruch=True),
    Spalte("Teil von", fest=True),
    Spalte("Stadtteile", fest=True, umbruch=True),
    Spalte("Gruppen", fest=True, umbruch=True),
    Spalte("Zieldatum", "datum", fest=True),
    Spalte("Überfällig", fest=True),
    Spalte("Veraltet", fest=True),
    Spalte("Datei", fest=True),
)
XLSX_EXTRA_HELP = (
    ", ".join(s.name for s in XLSX_EXTRA),
    "weitere Angaben zur Maßnahme am Stichtag, nur zum Lesen: beim Einlesen zählen nur „ID“ und die Spalten zum "
    "Ausfüllen.",
)


def export_parts(snap: Snapshot, fmt: str, stichtag: date) -> Iterator[bytes]:
    """The export (``json``, ``csv`` or ``xlsx``) in parts; the texts in UTF-8."""
    if fmt == "xlsx":
        return iter([as_xlsx(snap, stichtag)])
    parts = iter([as_csv(snap, stichtag)]) if fmt == "csv" else json_parts(snap, stichtag)
    return (part.encode("utf-8") for part in parts)


def as_json(snap: Snapshot, stichtag: date) -> str:
    return "".join(json_parts(snap, stichtag))


def _lists(
    snap: Snapshot, stichtag: date, zustaende: dict[str, Zustand] | None = None
) -> dict[str, Iterator[dict[str, Any]]]:
    """The lists of the export, each made item by item; ``zustaende``: the state of every measure at
    the Stichtag where the caller has them already."""

    def state(m: Massnahme) -> Zustand:
        return zustaende[m.id] if zustaende is not None else state_of(snap, m, stichtag)

    return {
        "leitlinien": (serialize.leitlinie(ll) for ll in sorted(snap.leitlinien.values(), key=lambda x: x.id)),
        "massnahmen": (serialize.massnahme(m, state(m)) for m in sorted(snap.massnahmen.values(), key=lambda x: x.id)),
        "gruppen": (
            serialize.gruppe(g, snap.einwilligungen) for g in sorted(snap.gruppen.values(), key=lambda x: x.id)
        ),
    }


def _head(snap: Snapshot, stichtag: date) -> dict[str, Any]:
    return {"projekt": snap.config.name, "stichtag": stichtag.isoformat()}


def json_parts(snap: Snapshot, stichtag: date) -> Iterator[str]:
    """The text of ``json.dumps(data, ensure_ascii=False, indent=2)`` of the whole export, made (and
    given out) item by item: a big export never holds every object as a dict, nor the whole text."""
    yield serialize.dumps(_head(snap, stichtag))[:-2]  # without the closing "\n}"
    for key, items in _lists(snap, stichtag).items():
        yield f",\n  {serialize.dumps(key)}: "
        opening = "[\n    "
        for item in items:
            yield opening + serialize.dumps(item).replace("\n", "\n    ")
            opening = ",\n    "
        yield "[]" if opening.startswith("[") else "\n  ]"
    yield "\n}"


def json_records(snap: Snapshot, stichtag: date, zustaende: dict[str, Zustand] | None = None) -> Iterator[str]:
    """The same export with one record (guideline, measure, group) per line (``serialize.records``):
    the same JSON value, written by the C encoder (at 10,000 measures in less than half the time)."""
    return serialize.records(_head(snap, stichtag), _lists(snap, stichtag, zustaende))


def as_csv(snap: Snapshot, stichtag: date, zustaende: dict[str, Zustand] | None = None) -> str:
    """``;``-separated, with UTF-8 BOM and CRLF, one row per measure; the columns of ``CSV_COLUMNS``
    (``zustaende``: the state of every measure at the Stichtag where the caller has them already).

    Amounts are numbers as German Excel reads them (``45000,00``); an amount nobody recorded stays
    empty, never 0.
    """

    def amount(value: float | None) -> str:
        return "" if value is None else f"{value:.2f}".replace(".", ",")

    rows = []
    for m in sorted(snap.massnahmen.values(), key=lambda x: x.id):
        z = zustaende[m.id] if zustaende is not None else state_of(snap, m, stichtag)
        f = m.finanzen
        row = {
            "ID": m.id,
            "Titel": m.titel,
            "Art": snap.config.massnahmenarten.get(m.art, m.art),
            "Handlungsfeld": snap.config.feld(m.handlungsfeld).name,
            "Status": z.status.bezeichnung if z.status else "",
            "Fortschritt in %": "" if z.fortschritt is None else str(z.fortschritt),
            "Stand vom": german(z.eintrag.datum) if z.eintrag else "",
            "Letzte Notiz": z.eintrag.notiz if z.eintrag else "",
            "Priorisiert": "ja" if m.priorisiert else "nein",
            "Leitlinien": ", ".join(m.leitlinien),
            "Teil von": m.teil_von or "",
            "Stadtteile": ", ".join(m.stadtteile),
            "Gruppen": ", ".join(m.gruppen),
            "Verantwortlich": z.verantwortlich or "",
            "Zieldatum": german(z.zieldatum) if z.zieldatum else "",
            "Überfällig": "ja" if z.ueberfaellig else "nein",
            "Veraltet": "ja" if z.veraltet else "nein",
            "Kosten in €": amount(f.kosten if f else None),
            "Förderung in €": amount(f.foerderung if f else None),
            "Eigenanteil in €": amount(f.eigenanteil if f else None),
            "Haushalt": (f.haushalt or "") if f else "",
            "Erläuterung zu den Finanzen": (f.notiz or "") if f else "",
            "Datei": m.datei,
        }
        rows.append([row[c] for c in CSV_COLUMNS])
    return excel_csv(CSV_COLUMNS, rows)


def as_xlsx(snap: Snapshot, stichtag: date) -> bytes:
    """Every measure as a row of the query sheet (final ones too) with further columns, and „Hinweise“."""
    rows: list[list[Wert]] = []
    choices: list[tuple[str, ...]] = []
    for m in sorted(snap.massnahmen.values(), key=lambda x: x.id):
        z = state_of(snap, m, stichtag)
        query = row_of(snap, m, stichtag)
        first: list[Wert] = list(query.werte) if query else [m.id, m.titel, snap.config.feld(m.handlungsfeld).name]
        first += [None] * (len(COLUMNS) - len(first))
        rows.append(
            first
            + [
                snap.config.massnahmenarten.get(m.art, m.art),
                z.fortschritt,
                "ja" if m.priorisiert else "nein",
                ", ".join(m.leitlinien),
                m.teil_von or "",
                ", ".join(m.stadtteile),
                ", ".join(m.gruppen),
                m.zieldatum,
                "ja" if z.ueberfaellig else "nein",
                "ja" if z.veraltet else "nein",
                m.datei,
            ]
        )
        choices.append(query.auswahl if query else ())
    hints = hint_rows(snap.config, stichtag, "xlsx", extra=[XLSX_EXTRA_HELP], title="Export")
    sheet = Blatt(XLSX_SHEET, (*SPALTEN, *XLSX_EXTRA), rows, {"Neuer Status": choices})
    return workbook([sheet], Hinweisblatt(HINTS_SHEET, hints))
