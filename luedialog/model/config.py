"""The project configuration (``luedialog.yaml``): everything the code knows about one town's
process: fields of action, districts, status vocabulary and transitions, period, group kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from luedialog.files.read import Document
from luedialog.findings import Finding, error
from luedialog.model.ampel import AMPELN
from luedialog.model.schema import (
    Boolean,
    Date,
    Field,
    Integer,
    LabelMap,
    ListMap,
    Schema,
    SchemaList,
    Text,
    TextList,
    suggest,
)
from luedialog.paths import PLAIN_NAME_HINT, is_plain_name


@dataclass(frozen=True)
class Beratung:
    """One body's session in the paper's course of deliberation (after OParl's ``Consultation``)."""

    gremium: str  # organization
    sitzung: date  # the meeting's date
    top: str | None = None  # agendaItem, as printed (e.g. "6/08 I. 3.")
    beschlussorgan: bool = False  # authoritative: this body decides on the paper


@dataclass(frozen=True)
class Vorlage:
    """The council paper founding the process (after OParl's ``Paper``), with its printed header."""

    nummer: str  # reference
    datum: date  # date
    titel: str  # name
    fachbereich: str | None = None  # originatorOrganization
    oeffentlich: bool | None = None  # ticked box "öffentlich" / "nichtöffentlich"
    folgekosten: bool | None = None  # ticked box "Folgekosten/Jahr" / "keine Folgekosten"
    beratungsfolge: tuple[Beratung, ...] = ()  # consultation, in order of the sessions

    @property
    def ratssitzung(self) -> date | None:
        """The session of the deciding body (Beschlussorgan), if the course of deliberation names it."""
        return next((b.sitzung for b in self.beratungsfolge if b.beschlussorgan), None)


@dataclass(frozen=True)
class Zeitraum:
    beginn: date
    ende_jahr: int
    ende_text: str | None = None


@dataclass(frozen=True)
class Handlungsfeld:
    schluessel: str
    kuerzel: str
    name: str


@dataclass(frozen=True)
class StatusDef:
    schluessel: str
    bezeichnung: str
    ampel: str
    bedeutung: str = ""
    final: bool = False
    nachweis: bool = False


@dataclass(frozen=True)
class Empfehlungsweg:
    schluessel: str
    bezeichnung: str
    weiterleitung: bool = False  # forwarded (by the mayor): needs weitergeleitet_am once the status moves on


@dataclass(frozen=True)
class Config:
    name: str
    zeitraum: Zeitraum
    handlungsfelder: tuple[Handlungsfeld, ...]
    status: tuple[StatusDef, ...]
    uebergaenge: dict[str, tuple[str, ...]]
    leitlinienarten: dict[str, str]
    massnahmenarten: dict[str, str]
    kommune: str = ""
    stadtteile: tuple[str, ...] = ()
    ratsfraktionen: tuple[str, ...] = ()
    gruppenarten: dict[str, str] | None = None
    rollen: dict[str, str] | None = None
    vorlage: Vorlage | None = None
    veraltet_nach_monaten: int = 12
    sachstand_von: str | None = None
    empfehlungswege: tuple[Empfehlungsweg, ...] = ()
    empfehlung_art: str | None = None
    zielvereinbarung_art: str | None = None
    praeambel_leitlinienart: str | None = None
    aufschluesselungen: dict[str, tuple[str, ...]] | None = None

    @property
    def anfang(self) -> date:
        """Where plausible dates begin: the 1 January of the founding paper's year, else of the period."""
        first = self.vorlage.datum if self.vorlage else self.zeitraum.beginn
        return date(first.year, 1, 1)

    def feld(self, schluessel: str) -> Handlungsfeld:
        return self._felder[schluessel]

    def status_def(self, schluessel: str) -> StatusDef:
        return self._status[schluessel]

    @cached_property
    def _felder(self) -> dict[str, Handlungsfeld]:
        return {h.schluessel: h for h in reversed(self.handlungsfelder)}  # the first one wins, as with next()

    @cached_property
    def _status(self) -> dict[str, StatusDef]:
        return {s.schluessel: s for s in reversed(self.status)}

    @property
    def status_keys(self) -> tuple[str, ...]:
        return tuple(s.schluessel for s in self.status)

    def allowed_after(self, schluessel: str) -> tuple[str, ...]:
        """Statuses that may follow ``schluessel`` (the same status is always allowed)."""
        return self.uebergaenge.get(schluessel, ())

    def transition_allowed(self, old: str, new: str) -> bool:
        return old == new or new in self.allowed_after(old)

    def breakdowns(self) -> dict[str, tuple[str, ...]]:
        """The breakdowns of indicators and their values: „Stadtteil“ (the districts), then the configured."""
        result = {"Stadtteil": self.stadtteile} if self.stadtteile else {}
        result.update(self.aufschluesselungen or {})
        return result

    def vocabularies(self) -> dict[str, tuple[str, ...]]:
        return {
            "handlungsfeld": tuple(h.schluessel for h in self.handlungsfelder),
            "stadtteil": self.stadtteile,
            "status": self.status_keys,
            "leitlinienart": tuple(self.leitlinienarten),
            "massnahmenart": tuple(self.massnahmenarten),
            "gruppenart": tuple(self.gruppenarten or {}),
            "rolle": tuple(self.rollen or {}),
            "ampel": AMPELN,
            "empfehlungsweg": tuple(w.schluessel for w in self.empfehlungswege),
            "aufschluesselung": tuple(self.breakdowns()),
        }


VOCABULARY_LABELS = {
    "handlungsfeld": "das Handlungsfeld",
    "stadtteil": "den Stadtteil",
    "status": "den Status",
    "leitlinienart": "die Art der Leitlinie",
    "massnahmenart": "die Art der Maßnahme",
    "gruppenart": "die Art der Gruppe",
    "rolle": "die Rolle",
    "ampel": "die Ampelfarbe (gruen, gelb, rot, grau)",
    "empfehlungsweg": "den Weg einer Empfehlung",
    "aufschluesselung": "die Aufschlüsselung",
}

CONFIG_SCHEMA = Schema(
    title="Projektkonfiguration",
    cls=Config,
    help="luedialog.yaml: Vokabulare, Zeitraum und Regeln eines Dialogprozesses.",
    fields=(
        Field("name", Text(), True, "Name des Prozesses"),
        Field("kommune", Text(), False, "Name der Kommune"),
        Field(
            "vorlage",
            Schema(
                title="Vorlage",
                cls=Vorlage,
                fields=(
                    Field("nummer", Text(), True, "Vorlagen-Nummer, z. B. 56/08"),
                    Field("datum", Date(), True, "Datum der Vorlage"),
                    Field("titel", Text(), True, "Bezeichnung"),
                    Field("fachbereich", Text(), False, "Fachbereich, der die Vorlage einbringt"),
                    Field("oeffentlich", Boolean(), False, "öffentlich (ja) oder nichtöffentlich (nein)"),
                    Field(
                        "folgekosten",
                        Boolean(),
                        False,
                        "Folgekosten/Jahr angekreuzt (ja) oder keine Folgekosten (nein)",
                    ),
                    Field(
                        "beratungsfolge",
                        SchemaList(
                            Schema(
                                title="Beratung",
                                cls=Beratung,
                                fields=(
                                    Field("gremium", Text(), True, "Gremium, z. B. Rat"),
                                    Field("sitzung", Date(), True, "Sitzungstermin"),
                                    Field("top", Text(), False, "Tagesordnungspunkt wie gedruckt"),
                                    Field("beschlussorgan", Boolean(), False, "Dieses Gremium beschließt (ja)"),
                                ),
                            )
                        ),
                        False,
                        "Beratungsfolge: die Sitzungen, in denen die Vorlage beraten wird",
                    ),
                ),
            ),
            False,
            "Die Ratsvorlage, die den Prozess begründet",
        ),
        Field(
            "zeitraum",
            Schema(
                title="Zeitraum",
                cls=Zeitraum,
                fields=(
                    Field("beginn", Date(), True, "Beginn des Prozesses"),
                    Field("ende_jahr", Integer(1900, 2200), True, "Jahr, in dem der Prozess endet"),
                    Field("ende_text", Text(), False, "Ende im Wortlaut der Vorlage"),
                ),
            ),
            True,
            "Prozesszeitraum",
        ),
        Field(
            "handlungsfelder",
            SchemaList(
                Schema(
                    title="Handlungsfeld",
                    cls=Handlungsfeld,
                    fields=(
                        Field("schluessel", Text(), True, "kurzer Schlüssel, z. B. bildung"),
                        Field("kuerzel", Text(), True, "Kürzel für IDs, z. B. BEK"),
                        Field("name", Text(), True, "Name des Handlungsfelds"),
                    ),
                )
            ),
            True,
            "Handlungsfelder",
        ),
        Field("stadtteile", TextList(), False, "Stadtteile"),
        Field("ratsfraktionen", TextList(), False, "Ratsfraktionen"),
        Field("leitlinienarten", LabelMap(), True, "Arten von Leitlinien"),
        Field("massnahmenarten", LabelMap(), True, "Arten von Maßnahmen"),
        Field("gruppenarten", LabelMap(), False, "Arten von Gruppen"),
        Field("rollen", LabelMap(), False, "Rollen in Gruppen"),
        Field(
            "empfehlungswege",
            SchemaList(
                Schema(
                    title="Empfehlungsweg",
                    cls=Empfehlungsweg,
                    fields=(
                        Field("schluessel", Text(), True, "Schlüssel"),
                        Field("bezeichnung", Text(), True, "Bezeichnung"),
                        Field("weiterleitung", Boolean(), False, "Empfehlung wird weitergeleitet (Datum nötig)"),
                    ),
                )
            ),
            False,
            "Wege einer Empfehlung",
        ),
        Field("empfehlung_art", Text(), False, "Maßnahmenart der Empfehlungen (z. B. empfehlung)"),
        Field("zielvereinbarung_art", Text(), False, "Maßnahmenart der Zielvereinbarungen (z. B. zielvereinbarung)"),
        Field(
            "praeambel_leitlinienart",
            Text(),
            False,
            "Leitlinienart, deren Einträge der Jahreskonferenz-Bericht als Präambel zeigt",
        ),
        Field(
            "status",
            SchemaList(
                Schema(
                    title="Status",
                    cls=StatusDef,
                    fields=(
                        Field("schluessel", Text(), True, "Schlüssel, z. B. in_umsetzung"),
                        Field("bezeichnung", Text(), True, "Bezeichnung für Menschen"),
                        Field("bedeutung", Text(), False, "Bedeutung"),
                        Field("ampel", Text("ampel"), True, "gruen, gelb, rot oder grau"),
                        Field("final", Boolean(), False, "abgeschlossen?"),
                        Field("nachweis", Boolean(), False, "Nachweis erforderlich?"),
                    ),
                )
            ),
            True,
            "Statusvokabular",
        ),
        Field("uebergaenge", ListMap(), True, "Erlaubte Statuswechsel"),
        Field(
            "aufschluesselungen",
            ListMap(),
            False,
            "Aufschlüsselungen der Indikatoren und ihre Werte; „Stadtteil“ hat immer die stadtteile",
        ),
        Field("sachstand_von", Text(), False, "Wer Sachstände einträgt, wenn --von fehlt (eine Stelle, keine Person)"),
        Field(
            "veraltet_nach_monaten",
            Integer(1, 120),
            False,
            "Monate ohne Eintrag, nach denen eine Maßnahme als veraltet gilt",
        ),
    ),
)


def check_config(config: Config, doc: Document) -> list[Finding]:
    """Rules that span several keys of the configuration."""
    findings: list[Finding] = []
    name = doc.name
    keys = config.status_keys
    for i, feld in enumerate(config.handlungsfelder):
        if not is_plain_name(feld.kuerzel):  # it becomes part of file names: M-<Kürzel>-01.yaml
            findings.append(
                error(
                    name,
                    doc.line(("handlungsfelder", i, "kuerzel")),
                    "kuerzel-format",
                    f"Das Kürzel „{feld.kuerzel}“ ist kein einfacher Name; es wird Teil der IDs und "
                    f"Dateinamen neuer Maßnahmen (M-{feld.kuerzel}-01.yaml).",
                    hint=PLAIN_NAME_HINT.replace("„M-BEK-01“", "„BEK“"),
                    key=f"handlungsfelder[{i + 1}].kuerzel",
                )
            )
    for old, new_list in config.uebergaenge.items():
        for key in (old, *new_list):
            if key not in keys:
                findings.append(
                    error(
                        name,
                        doc.key_line(("uebergaenge", old)),
                        "unbekannter-wert",
                        f"Übergänge nennen den unbekannten Status „{key}“.",
                        hint=(suggest(key, keys) or "Erlaubt: " + ", ".join(keys) + "."),
                        key="uebergaenge",
                    )
                )
    for label, section, values in (
        ("Status", "status", keys),
        ("Handlungsfeld", "handlungsfelder", tuple(h.schluessel for h in config.handlungsfelder)),
        ("Kürzel", "handlungsfelder", tuple(h.kuerzel.lower() for h in config.handlungsfelder)),
    ):
        duplicates = sorted({v for v in values if values.count(v) > 1})
        for value in duplicates:
            findings.append(
                error(
                    name,
                    doc.key_line((section,)),
                    "doppelte-id",
                    f"{label} „{value}“ ist doppelt definiert.",
                    hint="Jeder Schlüssel darf nur einmal vorkommen.",
                    key=section,
                )
            )
    for breakdown, values in (config.aufschluesselungen or {}).items():
        if not values:
            findings.append(
                error(
                    name,
                    doc.key_line(("aufschluesselungen", breakdown)),
                    "leer",
                    f"Die Aufschlüsselung „{breakdown}“ hat keine Werte.",
                    hint=f"Tragen Sie die Werte ein, z. B. {breakdown}: [mit, ohne].",
                    key="aufschluesselungen",
                )
            )
    return findings
