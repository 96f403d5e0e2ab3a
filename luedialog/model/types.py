"""The domain types (Leitlinie, Massnahme, Gruppe …) and the field rules of their files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from luedialog.model.schema import (
    Boolean,
    Date,
    Field,
    Integer,
    Intern,
    Number,
    Schema,
    SchemaList,
    Text,
    TextList,
)

NN = "N. N."  # shown instead of a member's name without consent to publication
MAX_AMOUNT = 1_000_000_000_000  # euros: more than any town's budget, so a typo, never a real amount
MAX_WEIGHT = 1_000_000  # the weight of a sub-measure: relative, small numbers


@dataclass(frozen=True)
class Erlaeuterung:
    titel: str
    text: str


@dataclass(frozen=True)
class Leitlinie:
    id: str
    art: str
    text: str
    datei: str
    zeile: int
    nummer: str | None = None
    abschnitt: str | None = None
    ebene: str | None = None
    unterziele: tuple[str, ...] = ()
    empfehlungen: tuple[str, ...] = ()
    begruendung: str | None = None
    quelle: str | None = None  # for a guideline adopted later: the decision (the file's quelle otherwise)
    beschlossen_am: date | None = None
    handlungsfeld: str | None = None  # taken from the file


@dataclass(frozen=True)
class LeitlinienDatei:
    titel: str
    quelle: str
    leitlinien: tuple[Leitlinie, ...]
    datei: str
    zeile: int
    handlungsfeld: str | None = None
    einleitung: str | None = None
    erlaeuterungen: tuple[Erlaeuterung, ...] = ()
    schluss: str | None = None


@dataclass(frozen=True)
class Quelle:
    anlage: int
    text: str
    abschnitt: str | None = None
    nummer: str | None = None


@dataclass(frozen=True)
class VerlaufEintrag:
    datum: date
    status: str
    notiz: str
    zeile: int
    von: str | None = None
    nachweis: str | None = None
    fortschritt: int | None = None
    # a change of the measure recorded as history: from this entry's date on these replace the
    # measure's own values (a postponed target date, a new responsible office, the forwarding)
    verantwortlich: str | None = None
    zieldatum: date | None = None
    weitergeleitet_am: date | None = None
    # set by queries.verlauf in the corrected history, never read from a file: the entry's number
    # in the file's verlauf (1 = the first; None for an entry added by a correction) and the
    # corrections that changed it
    nummer: int | None = None
    korrekturen: tuple[Korrektur, ...] = ()
    intern: bool | tuple[str, ...] = False  # True: the whole entry; or the names of its internal fields


CHANGE_FIELDS = ("verantwortlich", "zieldatum", "weitergeleitet_am")  # of VerlaufEintrag


@dataclass(frozen=True)
class Richtig:
    """The right values of a corrected history entry: only what was wrong is given."""

    datum: date | None = None
    status: str | None = None
    notiz: str | None = None
    von: str | None = None
    nachweis: str | None = None
    fortschritt: int | None = None
    verantwortlich: str | None = None
    zieldatum: date | None = None
    weitergeleitet_am: date | None = None

    def values(self) -> dict[str, Any]:
        """The corrected fields and their right values, in the order of the entry's fields."""
        return {name: getattr(self, name) for name in RICHTIG_FIELDS if getattr(self, name) is not None}


RICHTIG_FIELDS = (
    "datum",
    "status",
    "notiz",
    "von",
    "nachweis",
    "fortschritt",
    "verantwortlich",
    "zieldatum",
    "weitergeleitet_am",
)


@dataclass(frozen=True)
class Korrektur:
    """A correction of the history, itself appended (never an edit of the wrong entry).

    From ``datum`` on, entry number ``eintrag`` of the verlauf counts with the values of
    ``richtig``, or not at all (``gestrichen``); or ``nachtrag`` counts as a missing entry (e.g.
    one recorded at the wrong measure, ``uebertragen_aus``). Before ``datum`` the history stays as
    it was, so a report for an earlier Stichtag is the same as before the correction.
    """

    datum: date
    grund: str
    zeile: int
    eintrag: int | None = None
    von: str | None = None
    richtig: Richtig | None = None
    gestrichen: bool = False
    nachtrag: VerlaufEintrag | None = None
    uebertragen_nach: str | None = None  # struck here because it belongs to this measure
    uebertragen_aus: str | None = None  # the measure a nachtrag was recorded at by mistake
    intern: bool | tuple[str, ...] = False  # the names of its internal fields (grund, von); never the whole


@dataclass(frozen=True)
class Finanzen:
    kosten: float | None = None
    foerderung: float | None = None
    eigenanteil: float | None = None
    haushalt: str | None = None
    notiz: str | None = None


@dataclass(frozen=True)
class Herkunft:
    """Where a recommendation comes from: a group (or the Jahreskonferenz) and the meeting date."""

    gruppe: str
    datum: date | None = None


@dataclass(frozen=True)
class Massnahme:
    id: str
    titel: str
    art: str
    handlungsfeld: str
    verlauf: tuple[VerlaufEintrag, ...]
    datei: str
    zeile: int
    quellen: tuple[Quelle, ...] = ()
    beschreibung: str | None = None
    leitlinien: tuple[str, ...] = ()
    priorisiert: bool = False
    stadtteile: tuple[str, ...] = ()
    teil_von: str | None = None
    gewicht: float | None = None
    gruppen: tuple[str, ...] = ()
    verantwortlich: str | None = None
    zieldatum: date | None = None
    finanzen: Finanzen | None = None
    # recommendations (Empfehlungen) and target agreements (Zielvereinbarungen)
    herkunft: Herkunft | None = None
    adressat: str | None = None
    weg: str | None = None
    weitergeleitet_am: date | None = None
    partner: tuple[str, ...] = ()
    vereinbart_am: date | None = None
    korrekturen: tuple[Korrektur, ...] = ()
    intern: bool | tuple[str, ...] = False

    @property
    def text(self) -> str:
        """The wording of the first source (the paper's full text), else the description."""
        return self.quellen[0].text if self.quellen else (self.beschreibung or "")


@dataclass(frozen=True)
class Sitz:
    id: str
    rolle: str
    bezeichnung: str
    anzahl: int | None = None
    beispiele: str | None = None
    optional: bool = False
    je: str | None = None  # one member per council faction ("ratsfraktion") or per group of this kind


@dataclass(frozen=True)
class Mitgliedschaft:
    """A binding declaration of participation (after OParl's Membership)."""

    person: str
    rolle: str
    beginn: date
    zeile: int
    sitz: str | None = None
    kategorie: str | None = None
    fuer: str | None = None  # on behalf of (organisation, council faction)
    fuer_gruppe: str | None = None  # named by / representing this group (ID)
    ende: date | None = None
    stimmrecht: bool | None = None
    veroeffentlichen: bool | None = None  # None: this declaration says nothing about publication
    erklaerung: str | None = None  # what was declared (topic or project, form, date of signing)
    beendet_am: date | None = None  # left before the declared end
    intern: bool | tuple[str, ...] = False

    @property
    def bis(self) -> date | None:
        """The last day of the membership: the declared end, or the day it was ended before."""
        if self.beendet_am is not None and (self.ende is None or self.beendet_am < self.ende):
            return self.beendet_am
        return self.ende

    def active(self, day: date) -> bool:
        end = self.bis
        return self.beginn <= day and (end is None or day <= end)


@dataclass(frozen=True)
class Aufgabe:
    jahr: int
    text: str
    zeile: int
    gruppe: str | None = None  # in the Jahreskonferenz: for which group


@dataclass(frozen=True)
class Sitzung:
    datum: date
    thema: str
    zeile: int
    ergebnisse: str | None = None
    empfehlungen: tuple[str, ...] = ()
    teilnehmende: int | None = None
    intern: bool | tuple[str, ...] = False


@dataclass(frozen=True)
class Erneuerung:
    gruppe: str
    person: str
    zeile: int
    bis: date | None = None


@dataclass(frozen=True)
class Konferenz:
    """One Jahreskonferenz."""

    jahr: int
    zeile: int
    datum: date | None = None
    ergebnisse: str | None = None
    empfehlungen: tuple[str, ...] = ()  # IDs of recommendations adopted
    aufgaben: tuple[Aufgabe, ...] = ()  # the groups' tasks agreed for the following year
    erneuerungen: tuple[Erneuerung, ...] = ()  # declarations renewed
    intern: bool | tuple[str, ...] = False


@dataclass(frozen=True)
class Gruppe:
    id: str
    name: str
    art: str
    quelle: str
    datei: str
    zeile: int
    handlungsfelder: tuple[str, ...] = ()
    beschreibung: str | None = None
    zusammensetzung: str | None = None
    aufgabenstellung: str | None = None
    sitze: tuple[Sitz, ...] = ()
    aufgaben: tuple[Aufgabe, ...] = ()
    mitglieder: tuple[Mitgliedschaft, ...] = ()
    sitzungen: tuple[Sitzung, ...] = ()
    konferenzen: tuple[Konferenz, ...] = ()


@dataclass(frozen=True)
class Einwilligungen:
    """Whose name may be published: for each person the latest declaration that speaks decides.

    A membership is a declaration; it speaks if it says ``veroeffentlichen: ja`` or ``nein``. The
    latest one that speaks (by its beginning, across all groups; on the same day a „nein“ wins)
    decides for every output and every Stichtag: a consent withdrawn in 2011 keeps the name out of
    the report for 2010 rendered afterwards too. Without a declaration that speaks there is no
    consent. ``verweigert`` are people whose declarations could not be read (a broken group file):
    their names stay out until the file is fixed; ``alle_verweigert`` if a group file could not be
    parsed at all.
    """

    zugestimmt: frozenset[str] = frozenset()
    verweigert: frozenset[str] = frozenset()
    alle_verweigert: bool = False

    @classmethod
    def aus(
        cls, gruppen: Iterable[Gruppe], unlesbar: Iterable[str] = (), alle_verweigert: bool = False
    ) -> Einwilligungen:
        latest: dict[str, tuple[date, bool]] = {}
        for g in gruppen:
            for m in g.mitglieder:
                if m.veroeffentlichen is None:
                    continue
                word = (m.beginn, not m.veroeffentlichen)  # later wins; on the same day "nein" (True) wins
                seen = latest.get(m.person)
                if seen is None or word > (seen[0], not seen[1]):
                    latest[m.person] = (m.beginn, m.veroeffentlichen)
        refused = frozenset(unlesbar)
        agreed = frozenset(p for p, (_, yes) in latest.items() if yes) - refused
        return cls(frozenset() if alle_verweigert else agreed, refused, alle_verweigert)

    def zustimmung(self, person: str) -> bool:
        return person in self.zugestimmt

    def name(self, person: str, intern: bool = False) -> str:
        """The name with consent (or for staff in the terminal with ``intern``); otherwise ``N. N.``."""
        return person if intern or person in self.zugestimmt else NN


def ist_intern(obj: object) -> bool:
    """True if the whole entry (measure, history entry, meeting …) is marked ``intern: ja``."""
    return getattr(obj, "intern", False) is True


def interne_felder(obj: object) -> tuple[str, ...]:
    """The fields of ``obj`` marked internal (``intern: [notiz, von]``); empty for ``intern: ja``/``nein``."""
    value = getattr(obj, "intern", False)
    return value if isinstance(value, tuple) else ()


def intern_field(*felder: str) -> Field:
    """The key ``intern`` of an entry whose ``felder`` may be internal."""
    return Field(
        "intern",
        Intern(felder),
        False,
        "ja: der ganze Eintrag ist intern; oder eine Liste der internen Felder, z. B. ["
        + felder[0]
        + "]. Internes zeigen das Terminal, export und bericht --intern, nie Veröffentlichtes (Berichte, "
        "export --oeffentlich, luedialog daten)",
    )


LEITLINIE_SCHEMA = Schema(
    title="Leitlinie",
    cls=Leitlinie,
    fields=(
        Field("id", Text(), True, "stabile ID, z. B. L-BEK-A1"),
        Field("nummer", Text(), False, "Nummer wie gedruckt, z. B. 1.10 oder C 7"),
        Field("art", Text("leitlinienart"), True, "Art (leitlinienarten in luedialog.yaml)"),
        Field("abschnitt", Text(), False, "Abschnitt der Vorlage"),
        Field("ebene", Text(), False, "Ebene eines operationalen Ziels"),
        Field("text", Text(), True, "Wortlaut"),
        Field("unterziele", TextList(), False, "Unterziele"),
        Field("empfehlungen", TextList(), False, "Handlungsempfehlungen"),
        Field("begruendung", Text(), False, "Begründung"),
        Field(
            "quelle",
            Text(),
            False,
            "Bei einer später beschlossenen Leitlinie: der Beschluss, z. B. Ratsbeschluss vom 12.05.2011",
        ),
        Field("beschlossen_am", Date(), False, "Datum des Beschlusses einer später beschlossenen Leitlinie"),
    ),
)

LEITLINIEN_DATEI_SCHEMA = Schema(
    title="Leitlinien-Datei",
    cls=LeitlinienDatei,
    help="data/leitlinien/*.yaml: Leitlinien eines Handlungsfelds oder eines Teils der Vorlage.",
    fields=(
        Field("titel", Text(), True, "Überschrift wie in der Vorlage"),
        Field("quelle", Text(), True, "Fundstelle, z. B. Vorlage 56/08, Anlage 1"),
        Field("handlungsfeld", Text("handlungsfeld"), False, "Handlungsfeld"),
        Field("einleitung", Text(), False, "Einleitender Text"),
        Field(
            "erlaeuterungen",
            SchemaList(
                Schema(
                    title="Erläuterung",
                    cls=Erlaeuterung,
                    fields=(
                        Field("titel", Text(), True, "Überschrift des Abschnitts"),
                        Field("text", Text(), True, "Wortlaut"),
                    ),
                )
            ),
            False,
            "Erläuternde Abschnitte",
        ),
        Field("schluss", Text(), False, "Abschließender Text"),
        Field("leitlinien", SchemaList(LEITLINIE_SCHEMA), True, "Die Leitlinien"),
    ),
)

VERLAUF_SCHEMA = Schema(
    title="Verlaufseintrag",
    cls=VerlaufEintrag,
    fields=(
        Field("datum", Date(), True, "Datum des Sachstands"),
        Field("status", Text("status"), True, "Status (status in luedialog.yaml)"),
        Field("notiz", Text(), True, "Sachstand in Worten"),
        Field("von", Text(), False, "Wer berichtet"),
        Field("nachweis", Text(), False, "Nachweis: Ratsvorlage, Link, Dokument"),
        Field("fortschritt", Integer(0, 100), False, "Fortschritt in Prozent"),
        Field(
            "verantwortlich",
            Text(),
            False,
            "Neue verantwortliche Stelle: gilt ab dem Datum dieses Eintrags (luedialog aendern)",
        ),
        Field("zieldatum", Date(), False, "Neues Zieldatum: gilt ab dem Datum dieses Eintrags (luedialog aendern)"),
        Field(
            "weitergeleitet_am",
            Date(),
            False,
            "Datum, an dem die Empfehlung weitergeleitet wurde, nachgetragen mit luedialog aendern",
        ),
        intern_field("notiz", "von", "nachweis", "fortschritt", "verantwortlich", "zieldatum", "weitergeleitet_am"),
    ),
)

RICHTIG_SCHEMA = Schema(
    title="Richtige Angaben",
    cls=Richtig,
    fields=(
        Field("datum", Date(), False, "Richtiges Datum des Eintrags"),
        Field("status", Text("status"), False, "Richtiger Status"),
        Field("notiz", Text(), False, "Richtige Notiz"),
        Field("von", Text(), False, "Wer richtig berichtet hat"),
        Field("nachweis", Text(), False, "Richtiger Nachweis"),
        Field("fortschritt", Integer(0, 100), False, "Richtiger Fortschritt in Prozent"),
        Field("verantwortlich", Text(), False, "Richtige verantwortliche Stelle"),
        Field("zieldatum", Date(), False, "Richtiges Zieldatum"),
        Field("weitergeleitet_am", Date(), False, "Richtiges Datum der Weiterleitung"),
    ),
)

KORREKTUR_SCHEMA = Schema(
    title="Korrektur",
    cls=Korrektur,
    fields=(
        Field("datum", Date(), True, "Datum der Korrektur: ab diesem Stichtag gilt sie, davor bleibt alles wie zuvor"),
        Field("eintrag", Integer(1), False, "Nummer des korrigierten Verlaufseintrags (1 = der erste)"),
        Field("grund", Text(), True, "Warum korrigiert wird"),
        Field("von", Text(), False, "Wer korrigiert"),
        Field("richtig", RICHTIG_SCHEMA, False, "Die richtigen Angaben des Eintrags (nur, was falsch war)"),
        Field(
            "gestrichen",
            Boolean(),
            False,
            "ja: der Eintrag gilt nicht (z. B. bei der falschen Maßnahme oder doppelt eingetragen)",
        ),
        Field("nachtrag", VERLAUF_SCHEMA, False, "Ein fehlender Verlaufseintrag, der ab der Korrektur mitzählt"),
        Field("uebertragen_nach", Text(), False, "ID der Maßnahme, zu der der gestrichene Eintrag gehört"),
        Field("uebertragen_aus", Text(), False, "ID der Maßnahme, bei der der nachgetragene Eintrag irrtümlich stand"),
        Field(
            "intern",
            Intern(
                ("grund", "von"),
                ganz="Eine Korrektur gilt auch in allem Veröffentlichten (sonst stünde dort der falsche Eintrag); "
                "intern sein können nur ihr Grund und wer korrigiert hat.",
            ),
            False,
            "Die internen Felder der Korrektur, z. B. [grund]: Berichte und Website zeigen die Korrektur ohne sie",
        ),
    ),
)

MASSNAHME_SCHEMA = Schema(
    title="Maßnahme",
    cls=Massnahme,
    help="data/massnahmen/ID.yaml: eine Maßnahme mit ihrem Verlauf.",
    fields=(
        Field("id", Text(), True, "ID, gleich dem Dateinamen, z. B. M-BEK-01"),
        Field("titel", Text(), True, "Kurzer Titel"),
        Field("art", Text("massnahmenart"), True, "Art (massnahmenarten in luedialog.yaml)"),
        Field("handlungsfeld", Text("handlungsfeld"), True, "Handlungsfeld"),
        Field("leitlinien", TextList(), False, "IDs der Leitlinien, denen die Maßnahme dient"),
        Field("priorisiert", Boolean(), False, "Von Anlage 2 zur vorrangigen Umsetzung genannt"),
        Field(
            "quellen",
            SchemaList(
                Schema(
                    title="Fundstelle",
                    cls=Quelle,
                    fields=(
                        Field("anlage", Integer(1, 99), True, "Nummer der Anlage"),
                        Field("nummer", Text(), False, "Nummer wie gedruckt"),
                        Field("abschnitt", Text(), False, "Überschriften bis zur Stelle"),
                        Field("text", Text(), True, "Wortlaut"),
                    ),
                )
            ),
            False,
            "Fundstellen mit Wortlaut",
        ),
        Field("beschreibung", Text(), False, "Beschreibung (bei Maßnahmen, die nicht aus der Vorlage stammen)"),
        Field("stadtteile", TextList("stadtteil"), False, "Stadtteile"),
        Field("teil_von", Text(), False, "ID der übergeordneten Maßnahme"),
        Field("gewicht", Number(0, MAX_WEIGHT), False, "Gewicht in der übergeordneten Maßnahme"),
        Field("gruppen", TextList(), False, "IDs beteiligter Gruppen"),
        Field("verantwortlich", Text(), False, "Verantwortliche Stelle"),
        Field("zieldatum", Date(), False, "Zieldatum"),
        Field(
            "finanzen",
            Schema(
                title="Finanzen",
                cls=Finanzen,
                fields=(
                    Field("kosten", Number(0, MAX_AMOUNT), False, "Kosten in Euro"),
                    Field("foerderung", Number(0, MAX_AMOUNT), False, "Fördermittel in Euro"),
                    Field("eigenanteil", Number(0, MAX_AMOUNT), False, "Eigenanteil in Euro"),
                    Field("haushalt", Text(), False, "Haushaltsstelle / Produktkonto"),
                    Field("notiz", Text(), False, "Erläuterung"),
                ),
            ),
            False,
            "Kosten und Finanzierung",
        ),
        Field(
            "herkunft",
            Schema(
                title="Herkunft",
                cls=Herkunft,
                fields=(
                    Field("gruppe", Text(), True, "ID der Gruppe oder der Jahreskonferenz"),
                    Field("datum", Date(), False, "Datum der Sitzung oder Konferenz"),
                ),
            ),
            False,
            "Herkunft einer Empfehlung",
        ),
        Field(
            "adressat", Text(), False, "Empfänger einer Empfehlung (Organisation, Institution, Gesellschaft, Person)"
        ),
        Field("weg", Text("empfehlungsweg"), False, "Weg einer Empfehlung (empfehlungswege in luedialog.yaml)"),
        Field("weitergeleitet_am", Date(), False, "Datum der Weiterleitung durch den Bürgermeister"),
        Field("partner", TextList(), False, "Partner einer Zielvereinbarung"),
        Field("vereinbart_am", Date(), False, "Datum der Zielvereinbarung"),
        Field("verlauf", SchemaList(VERLAUF_SCHEMA), True, "Sachstände, älteste zuerst"),
        Field(
            "korrekturen",
            SchemaList(KORREKTUR_SCHEMA),
            False,
            "Korrekturen falscher Verlaufseinträge, älteste zuerst (luedialog korrigieren)",
        ),
        intern_field(
            "finanzen",
            "beschreibung",
            "verantwortlich",
            "zieldatum",
            "stadtteile",
            "gruppen",
            "adressat",
            "weitergeleitet_am",
            "partner",
            "vereinbart_am",
        ),
    ),
)

AUFGABE_SCHEMA = Schema(
    title="Aufgabe",
    cls=Aufgabe,
    fields=(
        Field("jahr", Integer(1900, 2200), True, "Jahr"),
        Field("text", Text(), True, "Aufgabenstellung"),
        Field("gruppe", Text(), False, "ID der Gruppe (in der Jahreskonferenz)"),
    ),
)

GRUPPE_SCHEMA = Schema(
    title="Gruppe",
    cls=Gruppe,
    help="data/gruppen/ID.yaml: eine Gruppe des Dialogprozesses.",
    fields=(
        Field("id", Text(), True, "ID, gleich dem Dateinamen"),
        Field("name", Text(), True, "Name wie in der Vorlage"),
        Field("art", Text("gruppenart"), True, "Art (gruppenarten in luedialog.yaml)"),
        Field("handlungsfelder", TextList("handlungsfeld"), False, "Handlungsfelder"),
        Field("quelle", Text(), True, "Fundstelle"),
        Field("beschreibung", Text(), False, "Beschreibung"),
        Field("zusammensetzung", Text(), False, "Zusammensetzung laut Vorlage"),
        Field("aufgabenstellung", Text(), False, "Aufgabenstellung laut Vorlage"),
        Field(
            "sitze",
            SchemaList(
                Schema(
                    title="Sitz",
                    cls=Sitz,
                    fields=(
                        Field("id", Text(), True, "ID des Sitzes"),
                        Field("rolle", Text("rolle"), True, "Rolle (rollen in luedialog.yaml)"),
                        Field("bezeichnung", Text(), True, "Bezeichnung laut Vorlage"),
                        Field("anzahl", Integer(0, 999), False, "Anzahl; leer = offen"),
                        Field("beispiele", Text(), False, "Beispiele laut Vorlage"),
                        Field("optional", Boolean(), False, "Sitz muss nicht besetzt sein"),
                        Field(
                            "je",
                            Text(),
                            False,
                            "Ein Mitglied je Ratsfraktion („ratsfraktion“) oder je Gruppe dieser Art (arbeitsgruppe)",
                        ),
                    ),
                )
            ),
            False,
            "Sitze",
        ),
        Field("aufgaben", SchemaList(AUFGABE_SCHEMA), False, "Aufgabenstellung je Jahr"),
        Field(
            "mitglieder",
            SchemaList(
                Schema(
                    title="Mitgliedschaft",
                    cls=Mitgliedschaft,
                    fields=(
                        Field("person", Text(), True, "Name"),
                        Field("rolle", Text("rolle"), True, "Rolle (rollen in luedialog.yaml)"),
                        Field("sitz", Text(), False, "ID des Sitzes"),
                        Field("kategorie", Text(), False, "Kategorie laut Vorlage"),
                        Field("fuer", Text(), False, "Für welche Organisation oder Ratsfraktion"),
                        Field("fuer_gruppe", Text(), False, "Von welcher Gruppe benannt bzw. für welche Gruppe (ID)"),
                        Field("beginn", Date(), True, "Beginn der verbindlichen Erklärung"),
                        Field("ende", Date(), False, "Ende der verbindlichen Erklärung"),
                        Field("stimmrecht", Boolean(), False, "Stimmrecht"),
                        Field("veroeffentlichen", Boolean(), False, "Name darf veröffentlicht werden (ja/nein)"),
                        Field(
                            "erklaerung",
                            Text(),
                            False,
                            "Was verbindlich erklärt wurde, z. B. themenbezogen, schriftlich am 12.01.2010",
                        ),
                        Field("beendet_am", Date(), False, "Vor dem erklärten Ende ausgeschieden am"),
                        intern_field("erklaerung", "fuer", "kategorie"),
                    ),
                )
            ),
            False,
            "Mitgliedschaften (ohne Kontaktdaten)",
        ),
        Field(
            "sitzungen",
            SchemaList(
                Schema(
                    title="Sitzung",
                    cls=Sitzung,
                    fields=(
                        Field("datum", Date(), True, "Datum"),
                        Field("thema", Text(), True, "Thema"),
                        Field("ergebnisse", Text(), False, "Ergebnisse"),
                        Field("empfehlungen", TextList(), False, "IDs der Empfehlungen aus dieser Sitzung"),
                        Field("teilnehmende", Integer(0, 100000), False, "Zahl der Teilnehmenden"),
                        intern_field("ergebnisse", "teilnehmende"),
                    ),
                )
            ),
            False,
            "Sitzungen",
        ),
        Field(
            "konferenzen",
            SchemaList(
                Schema(
                    title="Jahreskonferenz",
                    cls=Konferenz,
                    fields=(
                        Field("jahr", Integer(1900, 2200), True, "Jahr"),
                        Field("datum", Date(), False, "Datum"),
                        Field("ergebnisse", Text(), False, "Ergebnisse"),
                        Field("empfehlungen", TextList(), False, "IDs der beschlossenen Empfehlungen"),
                        Field("aufgaben", SchemaList(AUFGABE_SCHEMA), False, "Aufgaben der Gruppen im Folgejahr"),
                        Field(
                            "erneuerungen",
                            SchemaList(
                                Schema(
                                    title="Erneuerung",
                                    cls=Erneuerung,
                                    fields=(
                                        Field("gruppe", Text(), True, "ID der Gruppe"),
                                        Field("person", Text(), True, "Name"),
                                        Field("bis", Date(), False, "Neue Dauer der Erklärung"),
                                    ),
                                )
                            ),
                            False,
                            "Erneuerte Erklärungen",
                        ),
                        intern_field("ergebnisse", "erneuerungen"),
                    ),
                )
            ),
            False,
            "Jahreskonferenzen (nur bei der Jahreskonferenz)",
        ),
    ),
)
