"""JSON for the status overview and the detail views."""

from __future__ import annotations

from datetime import date
from typing import Any

from luedialog.model.config import Config
from luedialog.queries.detail import LeitlinieDetail, MassnahmeDetail
from luedialog.queries.gruppen import GruppenAnsicht
from luedialog.queries.uebersicht import StatusUebersicht
from luedialog.reporters import serialize


def _dump(data: Any) -> str:
    return serialize.dumps(data)


def status_json(config: Config, data: StatusUebersicht) -> str:
    return _dump(
        {
            "stichtag": data.stichtag.isoformat(),
            "filter": serialize.plain(data.filter),
            "handlungsfelder": [
                {
                    "schluessel": f.handlungsfeld.schluessel,
                    "name": f.handlungsfeld.name,
                    "gesamt": f.gesamt,
                    "status": f.anzahl,
                }
                for f in data.felder
            ],
            "massnahmen": [serialize.zustand(z) for z in data.zustaende],
            "ueberfaellig": [z.massnahme.id for z in data.ueberfaellig],
            "veraltet": [z.massnahme.id for z in data.veraltet],
            "letzte_aenderungen": [serialize.aenderung(a) for a in data.aenderungen],
        }
    )


def gruppen_json(config: Config, day: date, views: list[GruppenAnsicht]) -> str:
    """Groups as JSON: names only with consent (always: --intern applies to the terminal only)."""
    return _dump(
        {
            "stichtag": day.isoformat(),
            "gruppen": [
                {
                    "id": v.gruppe.id,
                    "name": v.gruppe.name,
                    "art": v.gruppe.art,
                    "handlungsfelder": list(v.gruppe.handlungsfelder),
                    "mitglieder": [serialize.plain(m) for m in v.mitglieder],
                    "sitze": [serialize.plain(s) for s in v.sitze],
                    "leere_sitze": v.leere_sitze,
                    "sitzungen_im_jahr": v.sitzungen_im_jahr,
                    "empfehlungen": [serialize.zustand(z) for z in v.empfehlungen],
                    "enden_bald": [serialize.plain(m) for m in v.enden_bald],
                }
                for v in views
            ],
        }
    )


def detail_json(detail: LeitlinieDetail | MassnahmeDetail) -> str:
    if isinstance(detail, LeitlinieDetail):
        return _dump(
            {
                "leitlinie": serialize.leitlinie(detail.leitlinie),
                "massnahmen": [serialize.zustand(z) for z in detail.massnahmen],
            }
        )
    return _dump(
        {
            "massnahme": serialize.massnahme(detail.zustand.massnahme, detail.zustand),
            "leitlinien": [ll.id for ll in detail.leitlinien],
            "teil_von": detail.teil_von.id if detail.teil_von else None,
            "teilmassnahmen": [serialize.zustand(z) for z in detail.teile],
        }
    )


class JsonReporter:
    """The views as JSON for programs (names only with consent, always)."""

    def status(self, config: Config, data: StatusUebersicht) -> str:
        return status_json(config, data)

    def detail(self, config: Config, detail: LeitlinieDetail | MassnahmeDetail) -> str:
        return detail_json(detail)

    def gruppen(self, config: Config, day: date, views: list[GruppenAnsicht], one: bool) -> str:
        return gruppen_json(config, day, views)
