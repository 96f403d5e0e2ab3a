"""JSON for the status overview and the detail views."""

from __future__ import annotations

from datetime import date
from typing import Any

from luedialog.model.config import Config
from luedialog.queries.detail import LeitlinieDetail, MassnahmeDetail
from luedialog.queries.gruppen import GruppenAnsicht
from luedialog.queries.indikatoren import IndikatorUebersicht
from luedialog.queries.uebersicht import StatusUebersicht
from luedialog.queries.vollstaendig import VOLLSTAENDIG, Vollstaendigkeit
from luedialog.reporters import serialize
from luedialog.reporters.indikatoren import stand_json


def _dump(data: Any) -> str:
    return serialize.dumps(data)


def vollstaendigkeit(fehlend: Vollstaendigkeit) -> dict[str, Any]:
    """``"vollstaendig": false`` and the files that could not be loaded, with their first error."""
    return {
        "vollstaendig": fehlend.vollstaendig,
        "fehlende_dateien": [
            {
                "datei": f.datei,
                "art": f.art,
                "id": f.ident,
                "zeile": f.fehler.line if f.fehler else 0,
                "fehler": f.fehler.message if f.fehler else "",
            }
            for f in fehlend.fehlend
        ],
    }


def status_json(config: Config, data: StatusUebersicht, fehlend: Vollstaendigkeit = VOLLSTAENDIG) -> str:
    return _dump(
        {
            **vollstaendigkeit(fehlend),
            "stichtag": data.stichtag.isoformat(),
            "filter": serialize.plain(data.filter),
            "handlungsfelder": [
                {
                    "schluessel": f.handlungsfeld.schluessel,
                    "name": f.handlungsfeld.name,
                    "gesamt": f.gesamt,
                    "vollstaendig": not fehlend.feld_unvollstaendig(f.handlungsfeld.schluessel),
                    "status": f.anzahl,
                }
                for f in data.felder
            ],
            "massnahmen": [serialize.zustand(z) for z in data.zustaende],
            "ueberfaellig": [z.massnahme.id for z in data.ueberfaellig],
            "veraltet": [z.massnahme.id for z in data.veraltet],
            "letzte_aenderungen": [serialize.aenderung(a) for a in data.aenderungen],
            "indikatoren": data.indikatoren,
        }
    )


def gruppen_json(
    config: Config, day: date, views: list[GruppenAnsicht], fehlend: Vollstaendigkeit = VOLLSTAENDIG
) -> str:
    """Groups as JSON: names only with consent (always: --intern applies to the terminal only)."""
    return _dump(
        {
            **vollstaendigkeit(fehlend),
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
                    "sitzungen": [
                        {
                            "datum": s.datum.isoformat() if s.datum else None,
                            "thema": s.thema,
                            "jahreskonferenz": s.konferenz is not None,
                            "ergebnisse": s.ergebnisse,
                            "empfehlungen": list(s.empfehlungen),
                        }
                        for s in v.sitzungen
                    ],
                    "empfehlungen": [serialize.zustand(z) for z in v.empfehlungen],
                    "fruehere_empfehlungen": [serialize.zustand(z) for z in v.fruehere_empfehlungen],
                    "enden_bald": [serialize.plain(m) for m in v.enden_bald],
                }
                for v in views
            ],
        }
    )


def detail_json(detail: LeitlinieDetail | MassnahmeDetail, fehlend: Vollstaendigkeit = VOLLSTAENDIG) -> str:
    if isinstance(detail, LeitlinieDetail):
        return _dump(
            {
                **vollstaendigkeit(fehlend),
                "leitlinie": serialize.leitlinie(detail.leitlinie),
                "massnahmen": [serialize.zustand(z) for z in detail.massnahmen],
                "indikatoren": [stand_json(s) for s in detail.indikatoren],
            }
        )
    massnahme = serialize.massnahme(detail.zustand.massnahme, detail.zustand)
    massnahme["verlauf"] = serialize.plain(detail.verlauf)  # up to the Stichtag
    return _dump(
        {
            **vollstaendigkeit(fehlend),
            "massnahme": massnahme,
            "spaetere_eintraege": detail.spaetere_eintraege,
            "leitlinien": [ll.id for ll in detail.leitlinien],
            "teil_von": detail.teil_von.id if detail.teil_von else None,
            "teilmassnahmen": [serialize.zustand(z) for z in detail.teile],
        }
    )


class JsonReporter:
    """The views as JSON for programs (names only with consent, always)."""

    def status(
        self, config: Config, data: StatusUebersicht, fehlend: Vollstaendigkeit = VOLLSTAENDIG, alle: bool = False
    ) -> str:
        return status_json(config, data, fehlend)

    def detail(
        self, config: Config, detail: LeitlinieDetail | MassnahmeDetail, fehlend: Vollstaendigkeit = VOLLSTAENDIG
    ) -> str:
        return detail_json(detail, fehlend)

    def gruppen(
        self,
        config: Config,
        day: date,
        views: list[GruppenAnsicht],
        one: bool,
        fehlend: Vollstaendigkeit = VOLLSTAENDIG,
    ) -> str:
        return gruppen_json(config, day, views, fehlend)

    def indikatoren(self, config: Config, data: IndikatorUebersicht) -> str:
        from luedialog.reporters.indikatoren import indikatoren_json

        return indikatoren_json(data)
