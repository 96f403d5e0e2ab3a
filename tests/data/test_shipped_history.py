"""Der mitgelieferte Verlauf sagt nur, was Vorlage 56/08 sagt.

Die Vorlage ist ein Beschlussvorschlag vom 25.09.2008 für die Sitzung des Rates am 30.10.2008; den
Beschluss enthält sie nicht. Jeder Verlaufseintrag der mitgelieferten Maßnahmen braucht deshalb

1. einen Nachweis, der auf die Stelle in der Vorlage zeigt (Anlage und Nummer der Fundstellen der
   Maßnahme), oder – für alles, was die Vorlage nur berichtet oder was später kam – eine Quelle mit
   Datum, und
2. einen Status, den die Vorlage trägt. Welcher das ist, ergibt sich aus den Fundstellen der Maßnahme
   (``quellen[].abschnitt``) nach der Tabelle ``STATUS_LAUT_ABSCHNITT`` unten.

Fortschritt in Prozent nennt die Vorlage nirgends; kein Eintrag darf ihn angeben.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MASSNAHMEN = sorted((ROOT / "data" / "massnahmen").glob("*.yaml"))

# Was eine Fundstelle über den Stand sagt -> die Status, die der Verlauf darauf stützen darf. Ein Status,
# der weniger sagt, ist erlaubt (eine laufende Aktivität darf vorher geplant gewesen sein), einer, der
# mehr sagt, nicht: aus „Geplante Aktivitäten“ folgt kein „in_umsetzung“, aus Anlage 2 kein Auftrag.
STATUS_LAUT_ABSCHNITT: dict[str, frozenset[str]] = {
    "Laufende Aktivitäten": frozenset({"in_umsetzung", "geplant"}),
    "Geplante Aktivitäten": frozenset({"geplant"}),
}
# Anlage 2 nennt die Maßnahme, Beschlussvorschlag 2 schlägt vor, sie umzusetzen: vorgeschlagen. Das gilt
# auch für jede Maßnahme, über deren Stand die Vorlage sonst nichts sagt.
VORGESCHLAGEN = "vorgeschlagen"

_DATUM = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


VORLAGE: dict[str, Any] = _load(ROOT / "luedialog.yaml")["vorlage"]
VORLAGE_NAME = f"Vorlage {VORLAGE['nummer']}"  # „Vorlage 56/08“
VORLAGE_DATUM: date = VORLAGE["datum"]


def _abschnitt(quelle: dict[str, Any]) -> str:
    """Die letzte Überschrift bis zur Fundstelle, z. B. „Laufende Aktivitäten“."""
    return " ".join(str(quelle.get("abschnitt", "")).split()).split(">")[-1].strip()


def erlaubte_status(massnahme: dict[str, Any]) -> frozenset[str]:
    """Die Status, die die Fundstellen der Maßnahme tragen (nach ``STATUS_LAUT_ABSCHNITT``)."""
    erlaubt: set[str] = set()
    for quelle in massnahme.get("quellen") or []:
        erlaubt |= STATUS_LAUT_ABSCHNITT.get(_abschnitt(quelle), frozenset())
        if quelle.get("anlage") == 2:
            erlaubt.add(VORGESCHLAGEN)
    return frozenset(erlaubt or {VORGESCHLAGEN})


def fundstellen(massnahme: dict[str, Any]) -> list[str]:
    """Was ein Nachweis aus der Vorlage nennen muss: jede Anlage, bei Anlage 1 mit der Nummer."""
    result: list[str] = []
    for quelle in massnahme.get("quellen") or []:
        nummer = " ".join(str(quelle.get("nummer") or "").split())
        result.append(f"Anlage {quelle.get('anlage')}" + (f", {nummer}" if nummer else ""))
    return result


def _eintraege() -> list[Any]:
    cases = []
    for path in MASSNAHMEN:
        massnahme = _load(path)
        for n, eintrag in enumerate(massnahme.get("verlauf") or [], start=1):
            cases.append(pytest.param(massnahme, eintrag, id=f"{massnahme['id']}#{n}"))
    return cases


EINTRAEGE = _eintraege()


def test_every_shipped_measure_has_a_history() -> None:
    assert len(MASSNAHMEN) == 77
    assert len(EINTRAEGE) == 78  # Soziale Stadt Gahmen beginnt mit dem Ratsbeschluss vom 04.09.2008


@pytest.mark.parametrize(("massnahme", "eintrag"), EINTRAEGE)
def test_entry_has_evidence_in_the_paper_or_a_dated_source(massnahme: dict[str, Any], eintrag: dict[str, Any]) -> None:
    nachweis = str(eintrag.get("nachweis") or "")
    datum: date = eintrag["datum"]
    assert nachweis, f"{massnahme['id']}, Eintrag vom {datum:%d.%m.%Y}: kein Nachweis"
    if datum == VORLAGE_DATUM:
        assert nachweis.startswith(f"{VORLAGE_NAME}, "), (
            f"{massnahme['id']}: Nachweis {nachweis!r} nennt nicht die Stelle („{VORLAGE_NAME}, Anlage …“)"
        )
        fehlt = [f for f in fundstellen(massnahme) if f not in nachweis]
        assert not fehlt, f"{massnahme['id']}: Nachweis {nachweis!r} nennt nicht {fehlt}"
        return
    # Eine andere Quelle: mit ihrem Datum; kennen wir sie nur aus der Vorlage, dann mit der Stelle dort.
    assert f"{datum:%d.%m.%Y}" in nachweis or _DATUM.search(nachweis), (
        f"{massnahme['id']}, Eintrag vom {datum:%d.%m.%Y}: Nachweis {nachweis!r} nennt keine Quelle mit Datum"
    )
    if datum < VORLAGE_DATUM:
        assert any(f"berichtet in {VORLAGE_NAME}, {f.split(',')[0]}" in nachweis for f in fundstellen(massnahme)), (
            f"{massnahme['id']}: ein Eintrag vor der Vorlage muss sagen, wo sie ihn berichtet: {nachweis!r}"
        )


@pytest.mark.parametrize(("massnahme", "eintrag"), [c for c in EINTRAEGE if c.values[1]["datum"] <= VORLAGE_DATUM])
def test_entry_status_is_one_the_paper_supports(massnahme: dict[str, Any], eintrag: dict[str, Any]) -> None:
    erlaubt = erlaubte_status(massnahme)
    abschnitte = sorted({_abschnitt(q) for q in massnahme.get("quellen") or []})
    assert eintrag["status"] in erlaubt, (
        f"{massnahme['id']}, Eintrag vom {eintrag['datum']:%d.%m.%Y}: Status {eintrag['status']!r} sagt mehr als "
        f"die Vorlage (Fundstellen: {abschnitte}; erlaubt: {sorted(erlaubt)})"
    )


@pytest.mark.parametrize(("massnahme", "eintrag"), EINTRAEGE)
def test_entry_reports_no_progress(massnahme: dict[str, Any], eintrag: dict[str, Any]) -> None:
    assert "fortschritt" not in eintrag, (
        f"{massnahme['id']}: Fortschritt {eintrag['fortschritt']!r} steht nicht in der Vorlage"
    )


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in MASSNAHMEN])
def test_history_starts_with_the_paper(path: Path) -> None:
    """Der Verlauf beginnt spätestens mit der Vorlage; was davor liegt, kennen wir nur aus ihr."""
    massnahme = _load(path)
    verlauf = massnahme.get("verlauf") or []
    assert verlauf and verlauf[0]["datum"] <= VORLAGE_DATUM
    paper_entries = [e for e in verlauf if e["datum"] == VORLAGE_DATUM]
    assert len(paper_entries) == 1, f"{massnahme['id']}: {len(paper_entries)} Einträge vom Datum der Vorlage"
    assert str(paper_entries[0]["notiz"]).startswith(f"Stand laut {VORLAGE_NAME}: ")
