"""Indicators (Indikatoren): what the process measures, its target, and the values recorded year by year.

An indicator measures a guideline (or one of its sub-targets or recommendations, by number), has a
unit (Anzahl, Prozent, Euro, ja/nein) and a direction of its target (steigen, sinken, gleich bleiben,
Gleichstand zweier Reihen, erreicht bis). Its values are an append-only list like a measure's
history: a wrong value is corrected by a new entry that names the one it corrects (``korrigiert``).

Units, directions and assessments are the same for every town, so their keys and German names live
here; the breakdowns (Stadtteil, mit/ohne Migrationshintergrund …) come from ``luedialog.yaml``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from luedialog.files.read import KeyPath, Value
from luedialog.model.schema import (
    INVALID,
    Context,
    Date,
    Field,
    FieldType,
    Integer,
    Number,
    Schema,
    SchemaList,
    Text,
    TextList,
    Vocab,
    suggest,
)

EINHEITEN = {"anzahl": "Anzahl", "prozent": "Prozent", "euro": "Euro", "ja_nein": "ja/nein"}
RICHTUNGEN = {
    "steigen": "steigen",
    "sinken": "sinken",
    "gleich_bleiben": "gleich bleiben",
    "gleichstand": "Gleichstand zweier Reihen",
    "erreicht_bis": "erreicht bis",
}
BEWERTUNGEN = {
    "auf_kurs": "auf Kurs",
    "nicht_auf_kurs": "nicht auf Kurs",
    "erreicht": "erreicht",
    "keine_daten": "keine Daten",
}
# the breakdown every town has: its districts (``stadtteile`` in luedialog.yaml)
STADTTEIL = "Stadtteil"

Messwert = bool | int | float


@dataclass(frozen=True)
class Wert:
    """One recorded value: for a year (or a day), of the whole town or of one breakdown."""

    quelle: str
    erfasst: date  # the day it was recorded; a Stichtag before it does not know the value
    zeile: int
    wert: Messwert | None = None  # None only in a correction that withdraws a value
    jahr: int | None = None
    datum: date | None = None
    aufschluesselung: tuple[tuple[str, str], ...] = ()  # (breakdown, value), e.g. (("Stadtteil", "Gahmen"),)
    von: str | None = None
    notiz: str | None = None
    korrigiert: int | None = None  # number (from 1) of the earlier entry this one corrects

    @property
    def periode_jahr(self) -> int:
        """The year the value belongs to (of its date, if it has one)."""
        if self.datum is not None:
            return self.datum.year
        return self.jahr if self.jahr is not None else 0

    @property
    def periode(self) -> tuple[int, date | None]:
        """What two values of the same series must not share (unless one corrects the other)."""
        return (self.periode_jahr, self.datum)


@dataclass(frozen=True)
class Indikator:
    id: str
    name: str
    einheit: str
    leitlinie: str
    richtung: str
    quelle: str  # where the values come from (office, statistic), or "noch festzulegen"
    datei: str
    zeile: int
    handlungsfeld: str | None = None  # without it: the guideline's
    unterziel: int | None = None  # the guideline's sub-target it measures (from 1)
    empfehlung: int | None = None  # … or its recommendation (from 1)
    wortlaut: str | None = None  # the paper's words of the target
    fundstelle: str | None = None  # where the paper says it
    beschreibung: str | None = None
    zielwert: Messwert | None = None
    zieljahr: int | None = None
    toleranz: float | None = None  # a difference up to this counts as equal
    aufschluesselungen: tuple[str, ...] = ()
    vergleich: str | None = None  # for "gleichstand": the breakdown whose two values are compared
    verantwortlich: str | None = None  # the office that delivers the values (yearly query)
    massnahmen: tuple[str, ...] = ()  # measures in whose course it is collected (monitoring, controlling)
    werte: tuple[Wert, ...] = ()


@dataclass(frozen=True)
class Choice(FieldType):
    """A text from a fixed list that belongs to the code (units, directions), not to luedialog.yaml."""

    allowed: tuple[str, ...] = ()
    what: str = ""
    label = "ein Text"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        text = Text().check(value, key, ctx)
        if text is INVALID:
            return INVALID
        if text not in self.allowed:
            hint = suggest(text, self.allowed) or "Erlaubt: " + ", ".join(self.allowed) + "."
            ctx.fail(key, "unbekannter-wert", f"„{text}“ ist kein bekannter Wert für {self.what}.", hint)
            return INVALID
        return text

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.allowed)}


class MesswertTyp(FieldType):
    """A number, or ja/nein; which one the unit wants is a rule of ``checks.indikatoren``."""

    label = "eine Zahl oder ja/nein"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("ja", "nein"):
            return value.strip().lower() == "ja"
        if isinstance(value, (int, float)):
            if isinstance(value, float) and not math.isfinite(value):
                ctx.fail(key, "ausserhalb", "Unendlich oder „keine Zahl“ (.inf, .nan) ist hier nicht erlaubt.")
                return INVALID
            if abs(value) > 1e15:
                ctx.fail(key, "ausserhalb", "Der Wert ist zu groß (höchstens 10¹⁵).")
                return INVALID
            return value
        return self.wrong_type(value, key, ctx)

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        return {"anyOf": [{"type": "number"}, {"type": "boolean"}, {"enum": ["ja", "nein", "Ja", "Nein"]}]}


class AufschluesselungTyp(FieldType):
    """``Name: Wert`` pairs (``Stadtteil: Gahmen``); which names and values exist, luedialog.yaml says."""

    label = "eine Zuordnung „Aufschlüsselung: Wert“ (z. B. Stadtteil: Gahmen)"

    def check(self, value: Value, key: KeyPath, ctx: Context) -> Any:
        if not isinstance(value, dict) or not value:
            return self.wrong_type(value, key, ctx)
        pairs = []
        for name, item in value.items():
            text = Text().check(item, (*key, name), ctx)
            if text is INVALID:
                return INVALID
            pairs.append((name, text))
        return tuple(pairs)

    def json_schema(self, vocab: Vocab = None) -> dict[str, Any]:
        names = list((vocab or {}).get("aufschluesselung", ()))
        schema: dict[str, Any] = {"type": "object", "additionalProperties": {"type": ["string", "number"]}}
        if names:
            schema["propertyNames"] = {"enum": names}
        return schema


WERT_SCHEMA = Schema(
    title="Wert",
    cls=Wert,
    fields=(
        Field("jahr", Integer(1900, 2200), False, "Jahr, für das der Wert gilt (oder datum)"),
        Field("datum", Date(), False, "Tag, für den der Wert gilt (statt jahr)"),
        Field("wert", MesswertTyp(), False, "Der Wert: Zahl (Prozent 0–100) oder ja/nein; fehlt nur beim Streichen"),
        Field("aufschluesselung", AufschluesselungTyp(), False, "Für welchen Teil, z. B. Stadtteil: Gahmen"),
        Field("quelle", Text(), True, "Quelle des Werts (Statistik, Stelle, Bericht)"),
        Field("erfasst", Date(), True, "Tag, an dem der Wert eingetragen wurde"),
        Field("von", Text(), False, "Wer den Wert eingetragen hat"),
        Field("notiz", Text(), False, "Anmerkung; bei einer Korrektur der Grund"),
        Field("korrigiert", Integer(1, 1_000_000), False, "Nummer des Eintrags (ab 1), den dieser berichtigt"),
    ),
)

INDIKATOR_SCHEMA = Schema(
    title="Indikator",
    cls=Indikator,
    help="data/indikatoren/ID.yaml: ein Indikator mit Ziel und den Werten Jahr für Jahr.",
    fields=(
        Field("id", Text(), True, "ID, gleich dem Dateinamen, z. B. I-BEK-01"),
        Field("name", Text(), True, "Was gemessen wird"),
        Field("einheit", Choice(tuple(EINHEITEN), "die Einheit"), True, "anzahl, prozent, euro oder ja_nein"),
        Field("handlungsfeld", Text("handlungsfeld"), False, "Handlungsfeld; ohne Angabe das der Leitlinie"),
        Field("leitlinie", Text(), True, "ID der Leitlinie, deren Ziel der Indikator misst"),
        Field("unterziel", Integer(1, 999), False, "Nummer des Unterziels der Leitlinie (ab 1)"),
        Field("empfehlung", Integer(1, 999), False, "Nummer der Handlungsempfehlung der Leitlinie (ab 1)"),
        Field("wortlaut", Text(), False, "Das Ziel im Wortlaut der Vorlage"),
        Field("fundstelle", Text(), False, "Wo die Vorlage es sagt, z. B. Vorlage 56/08, Anlage 1, C 7"),
        Field("beschreibung", Text(), False, "Erläuterung"),
        Field(
            "richtung",
            Choice(tuple(RICHTUNGEN), "die Richtung des Ziels"),
            True,
            "steigen, sinken, gleich_bleiben, gleichstand (zweier Reihen) oder erreicht_bis",
        ),
        Field("zielwert", MesswertTyp(), False, "Zielwert (Zahl oder ja/nein)"),
        Field("zieljahr", Integer(1900, 2200), False, "Jahr, bis zu dem das Ziel erreicht sein soll"),
        Field("toleranz", Number(0), False, "Abstand, der noch als gleich gilt (in der Einheit)"),
        Field("aufschluesselungen", TextList("aufschluesselung"), False, "Aufschlüsselungen aus luedialog.yaml"),
        Field("vergleich", Text("aufschluesselung"), False, "Bei gleichstand: die Aufschlüsselung mit zwei Werten"),
        Field("quelle", Text(), True, "Woher die Werte kommen (Stelle, Statistik) oder „noch festzulegen“"),
        Field("verantwortlich", Text(), False, "Stelle, die die Werte liefert (jährliche Abfrage)"),
        Field("massnahmen", TextList(), False, "IDs der Maßnahmen, in deren Rahmen er erhoben wird"),
        Field("werte", SchemaList(WERT_SCHEMA), False, "Die Werte, in der Reihenfolge des Eintragens"),
    ),
)


def zahl(value: float | int, stellen: int | None = None) -> str:
    """A number the German way: ``1.234,5``; whole numbers without decimals (at most six)."""
    if stellen is None:
        plain = f"{float(value):.6f}".rstrip("0").rstrip(".")
        stellen = len(plain.split(".")[1]) if "." in plain else 0
    text = f"{value:,.{stellen}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def wert_text(value: Messwert | None, einheit: str) -> str:
    """A value with its unit: ``12,5 %``, ``1.234``, ``6,20 €``, ``ja``; a missing one is „–“."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if einheit == "prozent":
        return f"{zahl(value)} %"
    if einheit == "euro":
        return f"{zahl(value, 2)} €"
    return zahl(value)


def abstand_text(value: float, einheit: str) -> str:
    """A difference of two values: percentages differ by percentage points."""
    if einheit == "prozent":
        return f"{zahl(value)} {'Prozentpunkt' if value == 1 else 'Prozentpunkte'}"
    return wert_text(value, einheit)


def periode_text(jahr: int, datum: date | None) -> str:
    """``2010`` for a yearly value, ``30.06.2010`` for one of a day."""
    if datum is not None:
        return f"{datum.day:02d}.{datum.month:02d}.{datum.year:04d}"
    return str(jahr)


def aufschluesselung_text(pairs: tuple[tuple[str, str], ...]) -> str:
    """``Stadtteil: Gahmen``; several joined with „, “; none is the whole (``Gesamt``)."""
    return ", ".join(f"{name}: {value}" for name, value in pairs) if pairs else "Gesamt"


def ziel_text(ind: Indikator) -> str:
    """The target in words: ``sinken``, ``steigen, Zielwert 90 % bis 2012``, ``ja bis 2009`` …"""
    target = wert_text(ind.zielwert, ind.einheit) if ind.zielwert is not None else None
    tolerance = f" (Toleranz {abstand_text(ind.toleranz, ind.einheit)})" if ind.toleranz else ""
    if ind.richtung == "erreicht_bis":
        goal = target or ("ja" if ind.einheit == "ja_nein" else "–")
        return f"{goal} bis {ind.zieljahr}" if ind.zieljahr else goal
    if ind.richtung == "gleichstand":
        by = f": {ind.vergleich}" if ind.vergleich else ""
        return f"Gleichstand zweier Reihen{by}" + (f" bis {ind.zieljahr}" if ind.zieljahr else "") + tolerance
    text = RICHTUNGEN.get(ind.richtung, ind.richtung)
    if target is not None:
        text += f", {'bei' if ind.richtung == 'gleich_bleiben' else 'Zielwert'} {target}"
        if ind.zieljahr:
            text += f" bis {ind.zieljahr}"
    return text + tolerance


def bezug_text(ind: Indikator) -> str:
    """What the indicator measures: ``L-BEK-C7, Unterziel 2``."""
    if ind.unterziel is not None:
        return f"{ind.leitlinie}, Unterziel {ind.unterziel}"
    if ind.empfehlung is not None:
        return f"{ind.leitlinie}, Handlungsempfehlung {ind.empfehlung}"
    return ind.leitlinie
