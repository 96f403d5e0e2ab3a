"""A fresh process for another town: configuration, empty data folders, templates, CI files, README."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from luedialog.errors import LuedialogError, UsageError
from luedialog.files.append import scalar
from luedialog.model.jsonschemas import SCHEMA_DIR, dumps, modeline_for, schemas
from luedialog.paths import CONFIG_FILE, GRUPPEN_DIR, LEITLINIEN_DIR, MASSNAHMEN_DIR, package_folder
from luedialog.services.ci_vorlagen import ci_files
from luedialog.snapshot import load_snapshot

CONFIG_TEMPLATE = """{modeline}
# Projektkonfiguration von „{name}“, angelegt mit luedialog init.
# Alles, was luedialog über diesen Prozess wissen muss, steht hier. Erläuterungen: docs/DATENFORMAT.md
# im luedialog-Repository.

name: {name_yaml}
kommune: {kommune_yaml}

# Die Ratsvorlage, die den Prozess begründet (wenn es sie gibt):
# vorlage:
#   nummer: "12/34"
#   datum: 2024-01-31
#   titel: Titel der Vorlage

zeitraum:
  beginn: {beginn}
  ende_jahr: {ende_jahr}

# Handlungsfelder: schluessel (kurz, für Befehle), kuerzel (für IDs wie M-BIL-01), name.
handlungsfelder:{felder}

stadtteile: []
ratsfraktionen: []

leitlinienarten:
  leitlinie: Leitlinie
  ziel: Ziel

massnahmenarten:
  projekt: Projekt
  massnahme: Maßnahme
  ziel: Ziel
  empfehlung: Empfehlung
  zielvereinbarung: Zielvereinbarung

gruppenarten:
  steuerungsgruppe: Steuerungsgruppe
  arbeitsgruppe: Arbeitsgruppe
  jahreskonferenz: Jahreskonferenz

rollen:
  vorsitz: Vorsitz
  verwaltungsvorstand: Mitglied des Verwaltungsvorstandes
  fachliche_begleitung: Fachliche Begleitung
  ratsfraktion: Vertretung einer Ratsfraktion
  externes_mitglied: Externes Mitglied
  moderation: Moderation
  mitglied: Mitglied

empfehlungswege:
  - schluessel: steuerungsgruppe
    bezeichnung: Über die Steuerungsgruppe weitergeleitet
    weiterleitung: ja
  - schluessel: selbstverpflichtung
    bezeichnung: Unmittelbar durch Selbstverpflichtung umgesetzt
    weiterleitung: nein
empfehlung_art: empfehlung
zielvereinbarung_art: zielvereinbarung

status:
  - schluessel: empfohlen
    bezeichnung: Empfohlen
    bedeutung: Empfohlen, noch nicht beauftragt.
    ampel: grau
  - schluessel: beauftragt
    bezeichnung: Beauftragt
    bedeutung: Die Umsetzung ist beauftragt; die Arbeit hat noch nicht begonnen.
    ampel: grau
  - schluessel: geplant
    bezeichnung: Geplant
    bedeutung: Die Umsetzung ist geplant.
    ampel: gelb
  - schluessel: in_umsetzung
    bezeichnung: In Umsetzung
    bedeutung: Die Maßnahme läuft.
    ampel: gelb
  - schluessel: umgesetzt
    bezeichnung: Umgesetzt
    bedeutung: Die Maßnahme ist abgeschlossen; ein Nachweis liegt vor.
    ampel: gruen
    final: true
    nachweis: true
  - schluessel: verstetigt
    bezeichnung: Verstetigt
    bedeutung: Die Maßnahme ist zur dauerhaften Aufgabe geworden.
    ampel: gruen
    final: true
    nachweis: true
  - schluessel: zurueckgestellt
    bezeichnung: Zurückgestellt
    bedeutung: Die Umsetzung ruht vorerst; der Grund steht in der Notiz.
    ampel: rot
  - schluessel: eingestellt
    bezeichnung: Eingestellt
    bedeutung: Die Maßnahme wird nicht weiter verfolgt; der Grund steht in der Notiz.
    ampel: grau
    final: true

uebergaenge:
  empfohlen: [beauftragt, geplant, in_umsetzung, zurueckgestellt, eingestellt]
  beauftragt: [geplant, in_umsetzung, zurueckgestellt, eingestellt]
  geplant: [in_umsetzung, zurueckgestellt, eingestellt]
  in_umsetzung: [umgesetzt, verstetigt, zurueckgestellt, eingestellt]
  umgesetzt: [verstetigt, in_umsetzung]
  verstetigt: [in_umsetzung, eingestellt]
  zurueckgestellt: [beauftragt, geplant, in_umsetzung, eingestellt]
  eingestellt: [geplant]

veraltet_nach_monaten: 12
"""

README_TEMPLATE = """# {name}

Leitlinien, Maßnahmen und Gruppen des Dialogprozesses „{name}“{kommune_text} – als YAML-Dateien
in git, geprüft und ausgewertet mit [luedialog](https://pypi.org/project/luedialog/).

## Loslegen

```bash
python3 -m venv .venv && .venv/bin/pip install -q luedialog && .venv/bin/luedialog status
```

## Ordner

- `luedialog.yaml`: Handlungsfelder, Stadtteile, Status und erlaubte Übergänge, Zeitraum
- `data/leitlinien/`, `data/massnahmen/`, `data/gruppen/`: die Daten
- `templates/`: die Vorlagen der Berichte (anpassbar)
- `schema/`: JSON-Schemas für den Editor (`luedialog schema` erneuert sie)

## Täglich

```bash
luedialog pruefen                       # alles prüfen
luedialog neu massnahme --feld … --titel "…"
luedialog sachstand M-…-01 in_umsetzung --notiz "…"
luedialog status
luedialog bericht rat --jahr {jahr} --format html
```

Jede Änderung geht als Merge-/Pull-Request ins Repository; die CI prüft sie und veröffentlicht die
Berichte.
"""

GITIGNORE = ".luedialog.lock\n.luedialog-journal\n.luedialog-tmp-*\n/berichte/\n"


def _slug(text: str) -> str:
    return re.sub(
        r"[^a-z0-9]+", "_", text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    ).strip("_")


def parse_felder(items: list[str]) -> list[tuple[str, str]]:
    """``--feld bildung=Bildung`` → (key, name); a German usage error for anything else."""
    fields: list[tuple[str, str]] = []
    for item in items:
        key, sep, label = item.partition("=")
        if not sep or not key.strip() or not label.strip():
            raise UsageError(f"--feld „{item}“: erwartet wird schluessel=Name, z. B. bildung=Bildung.")
        fields.append((key.strip(), label.strip()))
    return fields


def init_project(
    target: Path,
    name: str,
    kommune: str,
    beginn: date,
    ende_jahr: int | None,
    felder: list[tuple[str, str]],
) -> list[Path]:
    """Create a fresh project in ``target`` (which must not contain one yet).

    The process ends by default five years after it begins. The project gets the built-in
    templates and this luedialog's CI files.
    """
    ende_jahr = beginn.year + 5 if ende_jahr is None else ende_jahr
    templates = package_folder("luedialog.templates")
    if (target / CONFIG_FILE).exists():
        raise LuedialogError(
            f"In {target} gibt es schon ein luedialog-Projekt ({CONFIG_FILE}).", hint="Wählen Sie einen leeren Ordner."
        )
    if ende_jahr < beginn.year:
        raise UsageError(f"--ende-jahr {ende_jahr} liegt vor dem Beginn ({beginn.year}).")
    keys = [k for k, _ in felder]
    shorts = [k[:3].upper() for k in keys]
    if len(set(keys)) != len(keys) or len(set(shorts)) != len(shorts):
        raise UsageError(
            "--feld: jeder Schlüssel darf nur einmal vorkommen, und die ersten drei Buchstaben "
            "(das Kürzel für IDs) müssen sich unterscheiden."
        )
    for key in keys:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise UsageError(f"--feld: „{key}“ ist kein gültiger Schlüssel (Kleinbuchstaben, Ziffern, _).")
    feld_lines = (
        "".join(
            f"\n  - schluessel: {key}\n    kuerzel: {short}\n    name: {scalar(label, 4)}"
            for (key, label), short in zip(felder, shorts, strict=True)
        )
        or " []"
    )
    written: list[Path] = []

    def write(rel: str, text: str) -> None:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    target.mkdir(parents=True, exist_ok=True)
    write(
        CONFIG_FILE,
        CONFIG_TEMPLATE.format(
            modeline=modeline_for("."),
            name=name,
            name_yaml=scalar(name, 0),
            kommune_yaml=scalar(kommune or name, 0),
            beginn=beginn.isoformat(),
            ende_jahr=ende_jahr,
            felder=feld_lines,
        ),
    )
    for folder in (LEITLINIEN_DIR, MASSNAHMEN_DIR, GRUPPEN_DIR):
        write(f"{folder}/.gitkeep", "")
    for template in sorted(templates.glob("*")):
        if template.is_file() and template.suffix in (".j2", ".css"):
            write(f"templates/{template.name}", template.read_text(encoding="utf-8"))
    for rel, text in ci_files().items():
        write(rel, text)
    write(
        "README.md",
        README_TEMPLATE.format(name=name, kommune_text=f" ({kommune})" if kommune else "", jahr=beginn.year),
    )
    write(".gitignore", GITIGNORE)
    loaded = load_snapshot(target)
    if loaded.snapshot is None:  # pragma: no cover - the template is tested to be valid
        raise RuntimeError("Die erzeugte Konfiguration ist ungültig: " + loaded.findings[0].text())
    for schema_name, body in schemas(loaded.snapshot.config).items():
        write(f"{SCHEMA_DIR}/{schema_name}", dumps(body))
    return written
