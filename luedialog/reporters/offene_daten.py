"""Open data: the ``daten/`` folder of a published site, made of the public view only.

- ``luedialog.json``: the whole export (as ``export --format json``) and ``luedialog.schema.json``,
  its JSON Schema;
- ``massnahmen.csv``: one row per measure for programs (UTF-8 without BOM, comma, ISO dates, ``.``
  as the decimal point) beside ``massnahmen-excel.csv`` (the export for German Excel);
- ``oparl.json``: groups, members with consent, meetings and the founding paper with its course of
  deliberation in the shape of OParl 1.1 (``Organization``, ``Person``, ``Membership``, ``Meeting``,
  ``Paper`` with ``Consultation``); there is no server, so every ``id`` is a URL relative to the
  file (``oparl.json#organization/ag-bildung``), valid wherever the folder is published;
- one ``*.dcat.jsonld`` per dataset: its metadata with the field names of DCAT-AP.de, for a town's
  open-data portal to harvest.

Everything is computed from the data and the Stichtag: the same data give the same bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from luedialog.model.types import Gruppe
from luedialog.queries.oeffentlich import oeffentlich
from luedialog.queries.stand import Zustand, state_of
from luedialog.reporters import serialize
from luedialog.reporters.export import as_csv, json_records
from luedialog.snapshot import Snapshot

OPARL = "https://schema.oparl.org/1.1/"
DL_BY_DE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"  # Datenlizenz Deutschland – Namensnennung 2.0
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPES = {"JSON": "application/json", "CSV": "text/csv", "JSON_LD": "application/ld+json"}

CSV_FIELDS = (
    "id",
    "titel",
    "art",
    "handlungsfeld",
    "status",
    "status_bezeichnung",
    "ampel",
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
    "kosten",
    "foerderung",
    "eigenanteil",
    "haushalt",
    "finanzen_notiz",
)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def maschinen_csv(snap: Snapshot, stichtag: date, zustaende: dict[str, Zustand] | None = None) -> str:
    """One row per measure: comma, UTF-8 without BOM, CRLF (RFC 4180), ISO dates, ``true``/``false``;
    lists joined by ``;``; a value nobody recorded is empty, never 0 (``zustaende``: the state of
    every measure at the Stichtag where the caller has them already)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)

    def flag(value: bool) -> str:
        return "true" if value else "false"

    for m in sorted(snap.massnahmen.values(), key=lambda x: x.id):
        z = zustaende[m.id] if zustaende is not None else state_of(snap, m, stichtag)
        f = m.finanzen
        writer.writerow(
            [
                m.id,
                m.titel,
                m.art,
                m.handlungsfeld,
                z.status.schluessel if z.status else "",
                z.status.bezeichnung if z.status else "",
                z.status.ampel if z.status else "",
                "" if z.fortschritt is None else str(z.fortschritt),
                z.eintrag.datum.isoformat() if z.eintrag else "",
                z.eintrag.notiz if z.eintrag else "",
                flag(m.priorisiert),
                ";".join(m.leitlinien),
                m.teil_von or "",
                ";".join(m.stadtteile),
                ";".join(m.gruppen),
                z.verantwortlich or "",
                z.zieldatum.isoformat() if z.zieldatum else "",
                flag(z.ueberfaellig),
                flag(z.veraltet),
                _number(f.kosten if f else None),
                _number(f.foerderung if f else None),
                _number(f.eigenanteil if f else None),
                (f.haushalt or "") if f else "",
                (f.notiz or "") if f else "",
            ]
        )
    return out.getvalue()


def _ref(kind: str, *parts: str) -> str:
    return "oparl.json#" + "/".join((kind, *parts))


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _compact(obj: dict[str, Any]) -> dict[str, Any]:
    """Without the values nobody recorded (OParl: leave a property out rather than ``null``)."""
    return {k: v for k, v in obj.items() if v is not None and v != []}


def _organization(snap: Snapshot, g: Gruppe, stichtag: date, stamp: str) -> dict[str, Any]:
    arten = snap.config.gruppenarten or {}
    return _compact(
        {
            "id": _ref("organization", g.id),
            "type": OPARL + "Organization",
            "name": g.name,
            "shortName": g.id,
            "organizationType": "Sonstiges",
            "classification": arten.get(g.art, g.art),
            "membership": [
                _ref("membership", g.id, str(i)) for i, m in enumerate(g.mitglieder, start=1) if m.beginn <= stichtag
            ],
            "keyword": list(g.handlungsfelder),
            "created": stamp,
            "modified": stamp,
        }
    )


def oparl(snap: Snapshot, stichtag: date) -> dict[str, Any]:
    """The groups and the paper in OParl 1.1's shape (``snap`` should be the public view): memberships
    and meetings up to the Stichtag; a person only with consent (a membership without it has no
    ``person``); ``created`` and ``modified`` are the Stichtag (the data know no times of change)."""
    stamp = f"{stichtag.isoformat()}T00:00:00+00:00"
    rollen = snap.config.rollen or {}
    organizations: list[dict[str, Any]] = []
    persons: dict[str, dict[str, Any]] = {}
    memberships: list[dict[str, Any]] = []
    meetings: list[dict[str, Any]] = []
    groups = sorted(snap.gruppen.values(), key=lambda x: x.id)
    for g in groups:
        organizations.append(_organization(snap, g, stichtag, stamp))
        for i, m in enumerate(g.mitglieder, start=1):
            if m.beginn > stichtag:
                continue
            person = None
            if snap.einwilligungen.zustimmung(m.person):  # names only with consent
                person = _ref("person", _slug(m.person))
                persons.setdefault(
                    person,
                    {"id": person, "type": OPARL + "Person", "name": m.person, "created": stamp, "modified": stamp},
                )
            memberships.append(
                _compact(
                    {
                        "id": _ref("membership", g.id, str(i)),
                        "type": OPARL + "Membership",
                        "person": person,
                        "organization": _ref("organization", g.id),
                        "role": rollen.get(m.rolle, m.rolle),
                        "votingRight": m.stimmrecht,
                        "startDate": m.beginn.isoformat(),
                        "endDate": m.bis.isoformat() if m.bis else None,
                        "created": stamp,
                        "modified": stamp,
                    }
                )
            )
        for i, s in enumerate(g.sitzungen, start=1):
            if s.datum > stichtag:
                continue
            meetings.append(
                {
                    "id": _ref("meeting", g.id, str(i)),
                    "type": OPARL + "Meeting",
                    "name": s.thema,
                    "start": s.datum.isoformat(),
                    "organization": [_ref("organization", g.id)],
                    "created": stamp,
                    "modified": stamp,
                }
            )
        for k in g.konferenzen:
            if (k.datum is not None and k.datum > stichtag) or k.jahr > stichtag.year:
                continue
            meetings.append(
                _compact(
                    {
                        "id": _ref("meeting", g.id, f"konferenz-{k.jahr}"),
                        "type": OPARL + "Meeting",
                        "name": f"{g.name} {k.jahr}",
                        "start": k.datum.isoformat() if k.datum else None,
                        "organization": [_ref("organization", g.id)],
                        "created": stamp,
                        "modified": stamp,
                    }
                )
            )
    papers: list[dict[str, Any]] = []
    vorlage = snap.config.vorlage
    if vorlage is not None:
        paper = _ref("paper", _slug(vorlage.nummer))
        consultations = []
        for i, b in enumerate(vorlage.beratungsfolge, start=1):
            body = _ref("organization", "gremium-" + _slug(b.gremium))
            if all(o["id"] != body for o in organizations):
                organizations.append(
                    {"id": body, "type": OPARL + "Organization", "name": b.gremium, "created": stamp, "modified": stamp}
                )
            meeting = _ref("meeting", "gremium-" + _slug(b.gremium), b.sitzung.isoformat())
            meetings.append(
                {
                    "id": meeting,
                    "type": OPARL + "Meeting",
                    "name": f"Sitzung {b.gremium}",
                    "start": b.sitzung.isoformat(),
                    "organization": [body],
                    "created": stamp,
                    "modified": stamp,
                }
            )
            consultations.append(
                {
                    "id": _ref("consultation", _slug(vorlage.nummer), str(i)),
                    "type": OPARL + "Consultation",
                    "paper": paper,
                    "meeting": meeting,
                    "organization": [body],
                    "authoritative": b.beschlussorgan,
                    "created": stamp,
                    "modified": stamp,
                }
            )
        papers.append(
            _compact(
                {
                    "id": paper,
                    "type": OPARL + "Paper",
                    "name": vorlage.titel,
                    "reference": vorlage.nummer,
                    "date": vorlage.datum.isoformat(),
                    "consultation": consultations,
                    "created": stamp,
                    "modified": stamp,
                }
            )
        )
    return {
        "organization": organizations,
        "person": sorted(persons.values(), key=lambda p: str(p["id"])),
        "membership": memberships,
        "meeting": meetings,
        "paper": papers,
    }


EXPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "luedialog.schema.json",
    "title": "Export eines Dialogprozesses (luedialog export --format json)",
    "description": "Leitlinien, Maßnahmen mit Verlauf und Stand am Stichtag, Gruppen; Namen ohne Einwilligung "
    "als „N. N.“. Die Felder erklärt docs/DATENFORMAT.md; Daten als ISO 8601 (2010-03-15).",
    "type": "object",
    "required": ["projekt", "stichtag", "leitlinien", "massnahmen", "gruppen"],
    "properties": {
        "projekt": {"type": "string"},
        "stichtag": {"$ref": "#/$defs/datum"},
        "leitlinien": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "art", "text"],
                "properties": {
                    "id": {"type": "string"},
                    "art": {"type": "string"},
                    "text": {"type": "string"},
                    "nummer": {"type": ["string", "null"]},
                    "handlungsfeld": {"type": ["string", "null"]},
                    "unterziele": {"type": "array", "items": {"type": "string"}},
                    "empfehlungen": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "massnahmen": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "titel", "art", "handlungsfeld", "verlauf", "status", "stand"],
                "properties": {
                    "id": {"type": "string"},
                    "titel": {"type": "string"},
                    "art": {"type": "string"},
                    "handlungsfeld": {"type": "string"},
                    "leitlinien": {"type": "array", "items": {"type": "string"}},
                    "stadtteile": {"type": "array", "items": {"type": "string"}},
                    "teil_von": {"type": ["string", "null"]},
                    "verantwortlich": {"type": ["string", "null"]},
                    "zieldatum": {"anyOf": [{"$ref": "#/$defs/datum"}, {"type": "null"}]},
                    "status": {"type": ["string", "null"], "description": "Schlüssel des Status am Stichtag"},
                    "status_bezeichnung": {"type": ["string", "null"]},
                    "ampel": {"type": ["string", "null"]},
                    "fortschritt": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
                    "stand": {"anyOf": [{"$ref": "#/$defs/datum"}, {"type": "null"}]},
                    "ueberfaellig": {"type": "boolean"},
                    "veraltet": {"type": "boolean"},
                    "verlauf": {"type": "array", "items": {"$ref": "#/$defs/eintrag"}},
                    "verlauf_am_stichtag": {"type": "array", "items": {"$ref": "#/$defs/eintrag"}},
                },
            },
        },
        "gruppen": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "name", "art", "mitglieder", "sitzungen"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "art": {"type": "string"},
                    "mitglieder": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["person", "rolle", "beginn"],
                            "properties": {
                                "person": {"type": "string", "description": "Name mit Einwilligung, sonst „N. N.“"},
                                "rolle": {"type": "string"},
                                "beginn": {"$ref": "#/$defs/datum"},
                                "ende": {"anyOf": [{"$ref": "#/$defs/datum"}, {"type": "null"}]},
                            },
                        },
                    },
                    "sitzungen": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["datum", "thema"],
                            "properties": {"datum": {"$ref": "#/$defs/datum"}, "thema": {"type": "string"}},
                        },
                    },
                },
            },
        },
    },
    "$defs": {
        "datum": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "eintrag": {
            "type": "object",
            "required": ["datum", "status", "notiz"],
            "properties": {
                "datum": {"$ref": "#/$defs/datum"},
                "status": {"type": "string"},
                "notiz": {"type": "string"},
                "fortschritt": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
            },
        },
    },
}


def _dataset(
    snap: Snapshot, stichtag: date, title: str, description: str, lizenz: str, files: list[tuple[str, str, str]]
) -> dict[str, Any]:
    """A dcat:Dataset in JSON-LD with the field names of DCAT-AP.de; ``files``: (name, format, title)."""
    publisher = snap.config.kommune or snap.config.name
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "dcatde": "http://dcat-ap.de/def/dcatde/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@type": "dcat:Dataset",
        "dct:title": title,
        "dct:description": description,
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": publisher},
        "dct:license": {"@id": lizenz},
        "dct:modified": {"@value": stichtag.isoformat(), "@type": "xsd:date"},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/DEU"},
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": file_title,
                "dcat:accessURL": {"@id": name},
                "dcat:downloadURL": {"@id": name},
                "dct:format": {"@id": FILE_TYPE + fmt},
                "dcat:mediaType": MEDIA_TYPES[fmt],
                "dct:license": {"@id": lizenz},
            }
            for name, fmt, file_title in files
        ],
    }


def offene_dateien(snap: Snapshot, stichtag: date, lizenz: str = DL_BY_DE) -> Iterator[tuple[str, Iterator[bytes]]]:
    """Every file of the ``daten/`` folder (made of the public view of ``snap``) in the order of the
    names, each as its parts in UTF-8, made while they are read: the export (a hundred megabytes at
    10,000 measures) is never whole in memory, neither as objects nor as text. Read each file's parts
    before the next file."""
    view = oeffentlich(snap)
    name = snap.config.name
    where = f" ({snap.config.kommune})" if snap.config.kommune else ""
    day = stichtag.strftime("%d.%m.%Y")
    # the state of each measure once, for the JSON and both tables
    zustaende = {m.id: state_of(view, m, stichtag) for m in view.massnahmen.values()}

    def metadata(title: str, description: str, files: list[tuple[str, str, str]]) -> Iterable[str]:
        return [serialize.dumps(_dataset(view, stichtag, title, description, lizenz, files)) + "\n"]

    made: dict[str, Callable[[], Iterable[str]]] = {
        "luedialog.json": lambda: json_records(view, stichtag, zustaende),
        "luedialog.schema.json": lambda: [serialize.dumps(EXPORT_SCHEMA) + "\n"],
        "massnahmen.csv": lambda: [maschinen_csv(view, stichtag, zustaende)],
        "massnahmen-excel.csv": lambda: [as_csv(view, stichtag, zustaende)],
        "oparl.json": lambda: serialize.records({}, oparl(view, stichtag)),
        "export.dcat.jsonld": lambda: metadata(
            f"{name}{where}: Leitlinien, Maßnahmen und Gruppen",
            f"Alle veröffentlichten Daten des Dialogprozesses am {day}: Leitlinien, Maßnahmen mit ihrem Verlauf "
            "und ihrem Stand, Gruppen mit Sitzungen; Namen nur mit Einwilligung. Mit JSON Schema.",
            [
                ("luedialog.json", "JSON", "Export als JSON"),
                ("luedialog.schema.json", "JSON", "JSON Schema des Exports"),
            ],
        ),
        "massnahmen.dcat.jsonld": lambda: metadata(
            f"{name}{where}: Maßnahmen als Tabelle",
            f"Eine Zeile je Maßnahme mit Status, Fortschritt, Verantwortung, Zieldatum und Finanzen am {day}.",
            [
                ("massnahmen.csv", "CSV", "CSV für Programme (UTF-8, Komma, ISO-Daten)"),
                ("massnahmen-excel.csv", "CSV", "CSV für Excel (UTF-8 mit BOM, Semikolon)"),
            ],
        ),
        "oparl.dcat.jsonld": lambda: metadata(
            f"{name}{where}: Gruppen und Vorlage nach OParl 1.1",
            f"Gruppen (Organization), Mitgliedschaften (Membership, Namen nur mit Einwilligung), Sitzungen (Meeting) "
            f"und die Vorlage mit ihrer Beratungsfolge (Paper, Consultation) am {day}.",
            [("oparl.json", "JSON", "OParl-Objekte")],
        ),
    }
    for path in sorted(made):
        yield path, (part.encode("utf-8") for part in made[path]())


def dateien(snap: Snapshot, stichtag: date, lizenz: str = DL_BY_DE) -> dict[str, bytes]:
    """Relative path → bytes of the ``daten/`` folder, made of the public view of ``snap``
    (:func:`offene_dateien`, each file whole)."""
    return {path: b"".join(parts) for path, parts in offene_dateien(snap, stichtag, lizenz)}
