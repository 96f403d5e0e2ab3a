"""docs/DATENFORMAT.md, generated from the field rules: ``python -m luedialog.model.datenformat > docs/DATENFORMAT.md``.

Every field of every file comes from the same schemas that ``luedialog pruefen`` validates with and
that the JSON Schemas for editors are made of (``model/schema.py``), with its German help text; a new
field shows up here without touching this module, and a test checks that the committed page is current.
Only the prose around the tables is written here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from luedialog.model.config import CONFIG_SCHEMA
from luedialog.model.schema import (
    Boolean,
    Date,
    Field,
    FieldType,
    Integer,
    Intern,
    LabelMap,
    ListMap,
    Number,
    Schema,
    SchemaList,
    Text,
    TextList,
)
from luedialog.model.types import GRUPPE_SCHEMA, LEITLINIEN_DATEI_SCHEMA, MASSNAHME_SCHEMA
from luedialog.paths import CONFIG_FILE, GRUPPEN_DIR, LEITLINIEN_DIR, MASSNAHMEN_DIR

# where the values of a vocabulary are defined (keys of luedialog.yaml)
VOCABULARIES = {
    "handlungsfeld": "`schluessel` aus `handlungsfelder`",
    "stadtteil": "aus `stadtteile`",
    "status": "`schluessel` aus `status`",
    "leitlinienart": "Schlüssel aus `leitlinienarten`",
    "massnahmenart": "Schlüssel aus `massnahmenarten`",
    "gruppenart": "Schlüssel aus `gruppenarten`",
    "rolle": "Schlüssel aus `rollen`",
    "ampel": "`gruen`, `gelb`, `rot` oder `grau`",
    "empfehlungsweg": "`schluessel` aus `empfehlungswege`",
}

INTRO = """\
# Datenformat

Diese Seite wird aus den Feldregeln erzeugt, mit denen `luedialog pruefen` die Dateien prüft
(`python -m luedialog.model.datenformat > docs/DATENFORMAT.md`). Bitte nicht von Hand ändern; ein Test
prüft, dass sie zum Programm passt.

Alle Daten liegen als YAML-Dateien (UTF-8) im Projektordner. `luedialog pruefen` prüft jede Regel dieser
Seite und nennt bei jedem Fehler Datei und Zeile. Die Befehle (`luedialog sachstand`, `aendern`,
`korrigieren`, `neu …`, `mitglied …`, `sitzung`, `konferenz`) schreiben diese Felder für Sie; niemand muss
YAML von Hand bearbeiten.

Allgemeine Regeln:

- Jede Datei ist **ein** YAML-Dokument, oben eine Zuordnung (Schlüssel: Wert).
- Anker, Aliase (`&name`, `*name`) und Tags (`!!python/...`) sind nicht erlaubt.
- Daten schreiben Sie als `2010-03-15` (ohne Anführungszeichen); `15.03.2010` geht auch.
- Wahrheitswerte als `ja` oder `nein` (auch `true`/`false`).
- Texte aus der Vorlage stehen wortgetreu in den Feldern `text`; Aufzählungen innerhalb eines
  Textes als Zeilen mit `- ` am Anfang. Offensichtliche Fehler der Textextraktion sind
  korrigiert und in `data/KORREKTUREN.md` aufgeführt.
- IDs sind überall eindeutig, auch ohne Beachtung der Groß-/Kleinschreibung.
- Unbekannte Schlüssel sind Fehler („Meinten Sie …?“); Schlüssel, die nach Kontaktdaten aussehen
  (E-Mail, Telefon, Anschrift …), werden abgelehnt: das Repository kann öffentlich sein.
- „Pflicht: ja“ heißt: der Schlüssel muss da sein, sobald es die Zuordnung gibt, zu der er gehört.
- **Intern:** Eine Maßnahme, ein Verlaufseintrag, eine Mitgliedschaft, eine Sitzung oder eine
  Jahreskonferenz mit `intern: ja` ist ganz intern; `intern: [notiz, von]` macht nur diese Felder
  intern (eine interne Notiz: `intern: [notiz]` am Verlaufseintrag). Internes zeigen `status`,
  `zeige` und die anderen Befehle im Terminal (mit „intern“ markiert), `export` und `bericht --intern`;
  Berichte, `export --oeffentlich` und die offenen Daten (`luedialog daten`) enthalten es nie – ein
  interner Eintrag fehlt dort ganz, ein internes Feld ist leer. `luedialog pruefen --oeffentlich ORDNER`
  prüft einen erzeugten Ordner darauf.
"""


@dataclass(frozen=True)
class Datei:
    """One kind of file: where it lies, its schema, and the prose around its tables."""

    pfad: str
    titel: str
    schema: Schema
    text: str
    # prose after the table of a nested list or mapping, by its key path (e.g. "verlauf")
    nachsatz: tuple[tuple[str, str], ...] = ()


FILES = (
    Datei(
        CONFIG_FILE,
        "Projektkonfiguration",
        CONFIG_SCHEMA,
        "Eine Datei im Projektordner. Alles, was luedialog über einen Prozess wissen muss: Vorlage, Zeitraum, "
        "Handlungsfelder, Stadtteile, Statusvokabular und erlaubte Übergänge. Der Programmcode kennt keine Stadt. "
        "Die Felder der Vorlage folgen OParl (`Paper`, `Consultation`).",
    ),
    Datei(
        f"{LEITLINIEN_DIR}/*.yaml",
        "Leitlinien",
        LEITLINIEN_DATEI_SCHEMA,
        "Eine Datei je Handlungsfeld, dazu z. B. Grundsätze (Anlage 4), Grundsätze der Prozessstruktur (Anlage 3) "
        "und Beschlussvorschläge. Eine Leitlinie, die der Rat später beschließt, hängt `luedialog neu leitlinie` "
        "mit dem Beschluss als `quelle` und `beschlossen_am` an.",
    ),
    Datei(
        f"{MASSNAHMEN_DIR}/ID.yaml",
        "Maßnahmen",
        MASSNAHME_SCHEMA,
        "Eine Datei je Maßnahme; der Dateiname ist die ID (`M-BEK-01.yaml`). Empfehlungen und "
        "Zielvereinbarungen sind Maßnahmen ihrer Art (`empfehlung_art`, `zielvereinbarung_art` in "
        "`luedialog.yaml`) mit den Feldern `herkunft`, `adressat`, `weg`, `weitergeleitet_am` bzw. `partner`, "
        "`vereinbart_am`.",
        (
            (
                "verlauf[]",
                "Der Status einer Maßnahme ist kein Feld, sondern der letzte Eintrag ihres Verlaufs bis zum "
                "Stichtag. Einträge werden nie geändert oder gelöscht, nur angehängt (`luedialog pruefen --seit` "
                "prüft das). Eine spätere Änderung von Zieldatum, Verantwortung oder Weiterleitung ist ein Eintrag "
                "(`luedialog aendern`) mit demselben Status, dem Grund als Notiz und dem neuen Wert: ab seinem Datum "
                "gilt er statt des Werts der Maßnahme; ein Stand vor diesem Datum bleibt, wie er war.",
            ),
            (
                "korrekturen[]",
                "Ein falscher Eintrag bleibt stehen; eine Korrektur (`luedialog korrigieren`) nennt ihn mit seiner "
                "Nummer (`eintrag`, 1 = der erste), den Grund und entweder die richtigen Angaben (`richtig`), "
                "`gestrichen: ja` (gilt nicht, z. B. doppelt oder bei der falschen Maßnahme, dann mit "
                "`uebertragen_nach`) oder einen fehlenden Eintrag (`nachtrag`, mit `uebertragen_aus`). Ab dem Datum "
                "der Korrektur rechnen Abfragen und Berichte mit dem korrigierten Verlauf und nennen die Korrektur; "
                "für einen früheren Stichtag bleibt alles, wie es war. Die Reihenfolge des Verlaufs und „nicht in "
                "der Zukunft“ gelten für die korrigierten Daten: ein falsch getipptes Jahr blockiert nach der "
                "Korrektur keine Einträge mehr.",
            ),
        ),
    ),
    Datei(
        f"{GRUPPEN_DIR}/ID.yaml",
        "Gruppen",
        GRUPPE_SCHEMA,
        "Eine Datei je Gruppe (Steuerungsgruppe, Arbeitsgruppen, Jahreskonferenz); der Dateiname ist die ID. "
        "Mitgliedschaften, Sitzungen und Konferenzen hängen `luedialog mitglied …`, `luedialog sitzung` und "
        "`luedialog konferenz` an.",
        (
            (
                "mitglieder[]",
                "Eine Mitgliedschaft ist eine befristete verbindliche Erklärung (nach OParl `Membership`). Namen "
                "erscheinen in Ausgaben nur mit `veroeffentlichen: ja`, sonst „N. N.“. Kontaktdaten gehören nicht "
                "ins Repository. Scheidet jemand vor dem erklärten Ende aus, bekommt die Mitgliedschaft "
                "`beendet_am` (`luedialog mitglied beenden`); eine Erneuerung ist eine neue Mitgliedschaft ab dem "
                "Tag nach dem bisherigen Ende (`luedialog mitglied verlaengern`).",
            ),
        ),
    ),
)


def type_text(t: FieldType) -> str:
    """What kind of value a field takes, in German."""
    if isinstance(t, Text):
        return f"Text, {VOCABULARIES.get(t.vocabulary, t.vocabulary)}" if t.vocabulary else "Text"
    if isinstance(t, TextList):
        return (
            f"Liste von Texten, {VOCABULARIES.get(t.vocabulary, t.vocabulary)}" if t.vocabulary else "Liste von Texten"
        )
    if isinstance(t, Integer | Number):
        kind = "ganze Zahl" if isinstance(t, Integer) else "Zahl"
        if t.minimum is not None and t.maximum is not None:
            return f"{kind} von {t.minimum:g} bis {t.maximum:g}"
        return f"{kind} ab {t.minimum:g}" if t.minimum is not None else kind
    if isinstance(t, Boolean):
        return "`ja` oder `nein`"
    if isinstance(t, Date):
        return "Datum"
    if isinstance(t, Intern):
        names = ", ".join(f"`{n}`" for n in t.felder)
        return f"eine Liste aus {names}" if t.ganz is not None else f"`ja` oder `nein`, oder eine Liste aus {names}"
    if isinstance(t, SchemaList):
        return f"Liste von Einträgen „{t.item.title}“ (siehe unten)"
    if isinstance(t, Schema):
        return f"Zuordnung „{t.title}“ (siehe unten)"
    if isinstance(t, LabelMap):
        return "Zuordnung `schluessel: Bezeichnung`"
    if isinstance(t, ListMap):
        return "Zuordnung `schluessel: [Liste]`"
    return t.label


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(schema: Schema) -> list[str]:
    lines = ["| Schlüssel | Pflicht | Wert | Bedeutung |", "|---|---|---|---|"]
    for f in schema.fields:
        required = "ja" if f.required else "nein"
        lines.append(f"| `{f.name}` | {required} | {_cell(type_text(f.type))} | {_cell(f.help)} |")
    return lines


def _nested(f: Field) -> Schema | None:
    if isinstance(f.type, SchemaList):
        return f.type.item
    if isinstance(f.type, Schema):
        return f.type
    return None


def section(schema: Schema, path: str, level: int, notes: dict[str, str]) -> list[str]:
    """The table of ``schema`` and, below it, one section for each nested mapping or list of mappings."""
    lines = [*table(schema), ""]
    if path in notes:
        lines += [notes[path], ""]
    for f in schema.fields:
        inner = _nested(f)
        if inner is None:
            continue
        key = f"{path}.{f.name}" if path else f.name
        shown = f"{key}[]" if isinstance(f.type, SchemaList) else key
        what = "Ein Eintrag in" if isinstance(f.type, SchemaList) else "Die Zuordnung"
        lines += [f"{'#' * level} {what} `{shown}` – {inner.title}", ""]
        lines += section(inner, shown, min(level + 1, 6), notes)
    return lines


def render() -> str:
    lines = [INTRO]
    for d in FILES:
        lines += [f"## `{d.pfad}` – {d.titel}", "", d.text, ""]
        if d.schema.help:
            lines += [f"_{d.schema.help}_", ""]
        lines += section(d.schema, "", 3, dict(d.nachsatz))
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
