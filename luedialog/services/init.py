"""A fresh process for another town: configuration, empty data folders, templates, CI files, README,
a git repository.

Everything is made in a hidden folder beside the target and checked there (the configuration must
load without a finding); only then does it take the target's place in one step. So a refused or
failed ``init`` leaves nothing behind, and an existing file is never overwritten: a folder that is
not empty is refused, or, with ``ergaenzen``, only the missing files are added, each created
exclusively (and taken back if a later one fails).

The CI files install luedialog from ``LUEDIALOG_PAKET``: by default the exact version that runs
``init`` from the package index, or what ``--paket`` names (see ``paket_from``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from luedialog import __version__, gitutil
from luedialog.errors import LuedialogError, UsageError, reason
from luedialog.files.append import scalar
from luedialog.files.atomic import TEMP_PREFIX, atomic_write
from luedialog.findings import has_errors
from luedialog.model.jsonschemas import SCHEMA_DIR, dumps, modeline_for, schemas
from luedialog.paths import CONFIG_FILE, DATA_DIRS, package_folder
from luedialog.services.ci_vorlagen import ci_files
from luedialog.snapshot import load_config, load_snapshot

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
in git, geprüft und ausgewertet mit luedialog {version}. Jede Änderung ist ein nachvollziehbarer
Diff; die CI prüft jede Änderung und veröffentlicht die Berichte.

## luedialog installieren

Einmal je Rechner, mit Python 3.11 oder neuer, aus derselben Quelle wie die CI{wo}:

```bash
{install_pipx}
pipx inject luedialog weasyprint       # nur für PDF-Berichte
```

oder mit [uv](https://docs.astral.sh/uv/) (gleich mit PDF-Berichten):

```bash
{install_uv}
```

Danach gibt es den Befehl `luedialog` in jedem Terminal; `luedialog --help` erklärt alle Befehle.

## Täglich: ein Sachstand, eine neue Maßnahme

1. Neuesten Stand holen: `git pull`, dann einen eigenen Zweig: `git switch -c sachstand-schwimmkurse`.
2. Eintragen:
   ```bash
   luedialog neu massnahme --feld {feld} --titel "…"        # die nächste freie ID
   luedialog sachstand M-{kuerzel}-01 in_umsetzung --notiz "…"
   luedialog pruefen                                         # alles prüfen
   luedialog status                                          # Stand auf einen Blick
   ```
3. Ansehen und hochladen: `git diff`, `git commit -am "Sachstand …"`, `git push`.
4. Einen Merge Request (GitLab) oder Pull Request (GitHub) öffnen. Die CI prüft die Daten; erst
   wenn sie grün ist, wird zusammengeführt.

Verlaufseinträge werden nur angehängt, nie geändert: Ein Fehler wird mit einem neuen Eintrag
berichtigt. Die CI prüft das in jedem Merge-/Pull-Request.

## Einmal im Jahr

```bash
luedialog abfrage erstellen --ausgabe abfrage-{jahr}.csv     # Sachstandsabfrage an die Fachbereiche (Excel)
luedialog abfrage einlesen abfrage-{jahr}.csv --dry-run      # zurückbekommen, prüfen …
luedialog abfrage einlesen abfrage-{jahr}.csv                # … und eintragen
luedialog gruppen                                           # Besetzung, auslaufende Erklärungen
luedialog bericht jahreskonferenz --jahr {jahr} --format html
luedialog bericht rat --jahr {jahr} --format pdf             # Bericht an den Rat
```

## Wo die CI Funde zeigt

- **GitLab** (`.gitlab-ci.yml`): Der Job `pruefen` legt jeden Fund in den Code-Quality-Bericht; er
  erscheint im Merge Request. Der Job `verlauf` meldet geänderte oder entfernte Verlaufseinträge.
- **GitHub** (`.github/workflows/luedialog.yml`): Jeder Fund steht als Anmerkung an der Zeile im
  Reiter „Files changed“ des Pull Requests.

## Wo die Berichte und die Website erscheinen

Auf dem Standardbranch erzeugt die CI alle Berichte aller Jahre (mit einer Übersicht `index.html`)
und die öffentliche Website (`luedialog seite`: eine Seite je Maßnahme, Leitlinie, Gruppe und
Stadtteil, Feeds, Suche, die Berichte und die offenen Daten in `daten/`). Vorher durchsucht sie
beides nach internen Texten und Namen ohne Einwilligung (`luedialog pruefen --oeffentlich`) und
bricht ab, wenn sie etwas findet.

- **GitLab**: als Artefakt „Berichte“ der Pipeline (Berichte und Website) und die Website auf
  GitLab Pages (Adresse unter Deploy → Pages).
- **GitHub**: die Berichte als Artefakt `berichte`, die Website auf GitHub Pages, nachdem es
  einmal eingeschaltet wurde: Settings → Pages → Source: „GitHub Actions“.

## Woher die CI luedialog nimmt

Die Variable `LUEDIALOG_PAKET` in `.gitlab-ci.yml` und `.github/workflows/luedialog.yml` sagt es,
jetzt `{paket}`. Möglich sind ein Paketname mit Version (`luedialog==X.Y.Z`), eine git-Adresse mit
Tag (`git+https://…/luedialog.git@vX.Y.Z`) oder eine Wheel-Datei im Repository
(`./pakete/luedialog-X.Y.Z-py3-none-any.whl`). Für eine neue Version ändern Sie sie in beiden
Dateien, installieren dieselbe Version bei sich und erneuern die Schemas mit `luedialog schema`.

## Ordner

- `luedialog.yaml`: Handlungsfelder, Stadtteile, Status und erlaubte Übergänge, Zeitraum
- `data/leitlinien/`, `data/massnahmen/`, `data/gruppen/`, `data/indikatoren/`: die Daten
- `templates/`: die Vorlagen der Berichte (anpassbar)
- `schema/`: JSON-Schemas für den Editor (`luedialog schema` erneuert sie)
"""

GITIGNORE = ".luedialog.lock\n.luedialog-journal\n.luedialog-tmp-*\n/berichte/\n/seite/\n/public/\n/.cache/\n"

WHEEL_DIR = "pakete"
MAX_WHEEL_BYTES = 50 * 1024 * 1024
MIN_YEAR, MAX_YEAR = 1900, 2200  # as luedialog.yaml allows for the end of the process

_WHEEL = re.compile(r"luedialog-(?P<version>[0-9][A-Za-z0-9.+]*)-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+\.whl")
_INDEX = re.compile(r"luedialog(?:\[[a-z0-9_,-]+\])?==(?P<version>[0-9][A-Za-z0-9.+!-]*)")
# characters of a git URL that need no quoting in YAML, in the shell within quotes, or in GitLab's
# variables (no $, no quotes, no spaces, no backslash)
_URL = re.compile(r"[A-Za-z0-9._~:/@+=%#&?-]+")
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]*")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

PAKET_EXAMPLES = (
    f"Möglich: luedialog=={__version__}, git+https://git.example.org/luedialog.git@v{__version__} "
    f"oder eine Wheel-Datei (luedialog-{__version__}-py3-none-any.whl)."
)


@dataclass(frozen=True)
class Paket:
    """Where a project's CI (and its staff) install luedialog from."""

    value: str  # the value of LUEDIALOG_PAKET
    kind: str  # "index", "git" or "wheel"
    wheel: tuple[str, bytes] | None = None  # a wheel file for the repository: (path in it, content)

    def pipx(self) -> str:
        return f"pipx install '{self.value}'"

    def uv(self) -> str:
        """``uv tool install`` with the PDF extra, from the same source."""
        if self.kind == "index":
            return f"uv tool install '{self.value.replace('luedialog==', 'luedialog[pdf]==', 1)}'"
        if self.kind == "git":
            return f"uv tool install 'luedialog[pdf] @ {self.value}'"
        return f"uv tool install '{self.value}[pdf]'"


def _version_must_match(version: str, spec: str) -> None:
    if version != __version__:
        raise UsageError(
            f"--paket „{spec}“ ist luedialog {version}, angelegt wird aber mit luedialog {__version__}: "
            "die CI-Dateien und Vorlagen passen zu dieser Version.",
            hint=f"Geben Sie luedialog=={__version__} an, oder rufen Sie init mit luedialog {version} auf.",
        )


def paket_from(spec: str | None) -> Paket:
    """``--paket SPEC`` → the source of luedialog for the CI; without it, this version by name."""
    if spec is None:
        return Paket(f"luedialog=={__version__}", "index")
    if _CONTROL.search(spec) or not spec.strip():
        raise UsageError("--paket: leer oder mit Steuerzeichen.", hint=PAKET_EXAMPLES)
    spec = spec.strip()
    if spec.lower().endswith(".whl"):
        return _wheel(spec)
    if spec.startswith("git+"):
        parts = urlsplit(spec[4:])
        _, at, ref = parts.path.rpartition("@")
        if (
            not _URL.fullmatch(spec)
            or parts.scheme not in ("https", "http", "ssh", "file")
            or not at
            or not _REF.fullmatch(ref)
        ):
            raise UsageError(
                f"--paket „{spec}“: eine git-Adresse braucht die Form git+https://…/luedialog.git@TAG.",
                hint="Der Tag (oder Commit) hinter dem letzten @ legt die Version fest.",
            )
        return Paket(spec, "git")
    index = _INDEX.fullmatch(spec)
    if index is None:
        raise UsageError(
            f"--paket „{spec}“ legt keine Version fest (erwartet: luedialog==X.Y.Z, eine git-Adresse mit Tag "
            "oder eine Wheel-Datei).",
            hint=PAKET_EXAMPLES,
        )
    _version_must_match(index["version"], spec)
    return Paket(spec, "index")


def _wheel(spec: str) -> Paket:
    path = Path(spec)
    match = _WHEEL.fullmatch(path.name)
    if match is None:
        raise UsageError(
            f"--paket: „{path.name}“ ist nicht der Name einer Wheel-Datei von luedialog.",
            hint=f"Erwartet wird z. B. luedialog-{__version__}-py3-none-any.whl (aus python -m build).",
        )
    _version_must_match(match["version"], spec)
    if not path.exists():
        raise UsageError(f"--paket: die Datei {spec} gibt es nicht.")
    if not path.is_file() or path.stat().st_size > MAX_WHEEL_BYTES:  # a FIFO would never end
        raise UsageError(f"--paket: {spec} ist keine gewöhnliche Wheel-Datei (höchstens 50 MB).")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LuedialogError(f"--paket: {spec} kann nicht gelesen werden ({reason(exc)}).") from None
    rel = f"{WHEEL_DIR}/{path.name}"
    return Paket(f"./{rel}", "wheel", (rel, data))


@dataclass
class Angelegt:
    """What ``init`` did: files created and left alone (relative paths), and what git did."""

    root: Path
    written: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    git: str = ""  # "angelegt", "vorhanden" (the target lies in a repository) or "fehlt" (no git)
    commit: str | None = None


def parse_felder(items: list[str]) -> list[tuple[str, str]]:
    """``--feld bildung=Bildung`` → (key, name); a German usage error for anything else."""
    fields: list[tuple[str, str]] = []
    for item in items:
        key, sep, label = item.partition("=")
        if not sep or not key.strip() or not label.strip():
            raise UsageError(f"--feld „{item}“: erwartet wird schluessel=Name, z. B. bildung=Bildung.")
        fields.append((key.strip(), label.strip()))
    return fields


def kuerzel(key: str) -> str:
    """The short form of a field of action for IDs (``bildung`` → ``BIL``, as in M-BIL-01)."""
    return re.sub(r"[^a-z0-9]", "", key)[:3].upper()


def _one_line(option: str, value: str) -> None:
    if _CONTROL.search(value):
        raise UsageError(
            f"{option}: der Text enthält einen Zeilenumbruch oder ein Steuerzeichen.",
            hint="Geben Sie ihn in einer Zeile an.",
        )


def _check_options(name: str, kommune: str, beginn: date, ende_jahr: int, felder: list[tuple[str, str]]) -> None:
    if not name.strip():
        raise UsageError("--name: der Name des Prozesses fehlt.", hint='Zum Beispiel --name "Musterstädter Dialog".')
    _one_line("--name", name)
    _one_line("--kommune", kommune)
    for _, label in felder:
        _one_line("--feld", label)
    if not MIN_YEAR <= beginn.year <= MAX_YEAR:
        raise UsageError(f"--beginn {beginn:%d.%m.%Y}: erlaubt sind die Jahre {MIN_YEAR} bis {MAX_YEAR}.")
    if ende_jahr < beginn.year:
        raise UsageError(f"--ende-jahr {ende_jahr} liegt vor dem Beginn ({beginn.year}).")
    if ende_jahr > MAX_YEAR:
        raise UsageError(
            f"Der Prozess endete {ende_jahr}; erlaubt sind Jahre bis {MAX_YEAR}.",
            hint="Geben Sie mit --ende-jahr ein früheres Jahr an.",
        )
    keys = [k for k, _ in felder]
    for key in keys:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise UsageError(f"--feld: „{key}“ ist kein gültiger Schlüssel (Kleinbuchstaben, Ziffern, _).")
        if scalar(key, 0) != key:  # yes, no, on, off, true, null …: in a data file YAML reads no text
            raise UsageError(
                f"--feld: „{key}“ liest YAML als Wahrheitswert oder leeren Wert, nicht als Schlüssel.",
                hint=f"Wählen Sie einen anderen, z. B. {key}_feld.",
            )
    shorts = [kuerzel(k) for k in keys]
    if len(set(keys)) != len(keys) or len(set(shorts)) != len(shorts):
        raise UsageError(
            "--feld: jeder Schlüssel darf nur einmal vorkommen, und die ersten drei Buchstaben "
            "(das Kürzel für IDs) müssen sich unterscheiden."
        )


def _config_text(name: str, kommune: str, beginn: date, ende_jahr: int, felder: list[tuple[str, str]]) -> str:
    feld_lines = (
        "".join(
            f"\n  - schluessel: {scalar(key, 4)}\n    kuerzel: {scalar(kuerzel(key), 4)}\n    name: {scalar(label, 4)}"
            for key, label in felder
        )
        or " []"
    )
    return CONFIG_TEMPLATE.format(
        modeline=modeline_for("."),
        name=name,
        name_yaml=scalar(name, 0),
        kommune_yaml=scalar(kommune or name, 0),
        beginn=beginn.isoformat(),
        ende_jahr=ende_jahr,
        felder=feld_lines,
    )


def _readme(name: str, kommune: str, beginn: date, felder: list[tuple[str, str]], paket: Paket) -> str:
    feld = felder[0][0] if felder else "FELD"
    return README_TEMPLATE.format(
        name=name,
        kommune_text=f" ({kommune})" if kommune else "",
        version=__version__,
        wo=" (im Ordner dieses Repositorys)" if paket.kind == "wheel" else "",
        install_pipx=paket.pipx(),
        install_uv=paket.uv(),
        paket=paket.value,
        feld=feld,
        kuerzel=kuerzel(feld) if felder else "XYZ",
        jahr=beginn.year,
    )


def _planned_files(
    name: str, kommune: str, beginn: date, ende_jahr: int, felder: list[tuple[str, str]], paket: Paket
) -> dict[str, bytes]:
    """Every file of a new project but the schemas (they come from the loaded configuration)."""
    files = {CONFIG_FILE: _config_text(name, kommune, beginn, ende_jahr, felder).encode("utf-8")}
    for folder in DATA_DIRS:
        files[f"{folder}/.gitkeep"] = b""
    templates = package_folder("luedialog.templates")
    for template in sorted(templates.glob("*")):
        if template.is_file() and template.suffix in (".j2", ".css"):
            files[f"templates/{template.name}"] = template.read_bytes()
    for rel, text in ci_files(paket.value).items():
        files[rel] = text.encode("utf-8")
    files["README.md"] = _readme(name, kommune, beginn, felder, paket).encode("utf-8")
    files[".gitignore"] = GITIGNORE.encode("utf-8")
    if paket.wheel is not None:
        files[paket.wheel[0]] = paket.wheel[1]
    return files


_REASONS = {
    errno.ENOSPC: "der Datenträger ist voll",
    errno.EDQUOT: "das Speicherkontingent ist erschöpft",
    errno.EROFS: "das Dateisystem ist schreibgeschützt",
    errno.EACCES: "keine Schreibrechte",
    errno.EPERM: "keine Schreibrechte",
    errno.EEXIST: "es gibt ihn schon",
    errno.ENOTEMPTY: "es gibt ihn schon",
}


def _reason(exc: OSError) -> str:
    """Why a folder could not be made or read, in German."""
    return _REASONS.get(exc.errno or 0) or reason(exc)


def _target_state(target: Path) -> tuple[bool, list[str]]:
    """(whether ``target`` exists, its entries); a German error if it cannot hold a project."""
    if target.is_dir():
        try:
            return True, sorted(p.name for p in target.iterdir())
        except OSError as exc:
            raise LuedialogError(f"Der Ordner {target} kann nicht gelesen werden ({_reason(exc)}).") from None
    if target.exists() or target.is_symlink():
        raise LuedialogError(
            f"{target} ist eine Datei, kein Ordner.", hint="Geben Sie einen neuen oder leeren Ordner an."
        )
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise LuedialogError(f"{target} kann nicht angelegt werden: {parent} ist eine Datei, kein Ordner.")
            break
    return False, []


def _git_plan(target: Path, commit: bool) -> str:
    """What git will do: "angelegt" (a new repository), "vorhanden" (the target lies in one) or
    "fehlt" (git is not installed); refuses ``commit`` when it cannot work, before anything is written."""
    existing = next((p for p in (target, *target.parents) if p.is_dir()), Path.cwd())
    if not gitutil.installed():
        if commit:
            raise LuedialogError(
                "git ist nicht installiert: --commit geht nicht.",
                hint="Installieren Sie git oder lassen Sie --commit weg.",
            )
        return "fehlt"
    if commit:
        problem = gitutil.identity_problem(existing)
        if problem is not None:
            raise LuedialogError(
                f"--commit: git weiß nicht, wer committet ({problem}).",
                hint='Einmal einrichten: git config --global user.name "Vorname Name" und '
                'git config --global user.email "name@example.org" – oder --commit weglassen.',
            )
    return "vorhanden" if gitutil.is_repository(existing) else "angelegt"


def _write_files(folder: Path, files: dict[str, bytes], created: list[Path]) -> None:
    """Create every file below ``folder`` exclusively; ``created`` collects what was made."""
    for rel, data in files.items():
        path = folder / rel
        for parent in reversed(path.relative_to(folder).parents):
            directory = folder / parent
            if not directory.exists():
                directory.mkdir()
                created.append(directory)
        atomic_write(path, data, create=True)
        created.append(path)


def _take_back(created: list[Path]) -> None:
    for path in reversed(created):
        with contextlib.suppress(OSError):
            path.rmdir() if path.is_dir() else path.unlink()


def _staged(target: Path, files: dict[str, bytes], existing_config: bool) -> tuple[Path, dict[str, bytes]]:
    """The new project written to a hidden folder beside ``target`` and checked there; its schemas."""
    place = Path(os.path.abspath(target))  # "." has no name of its own
    staging = place.parent / f"{TEMP_PREFIX}{os.getpid()}-{place.name}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        _write_files(staging, files, [])
    except LuedialogError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise LuedialogError(
            f"{target} kann nicht angelegt werden ({_reason(exc)}). Es wurde nichts geschrieben.",
            hint="Prüfen Sie Speicherplatz und Schreibrechte.",
        ) from None
    if existing_config:  # the project's own configuration stays; the schemas follow it
        config, findings = load_config(target)
    else:
        loaded = load_snapshot(staging)
        config, findings = (loaded.snapshot.config if loaded.snapshot else None), loaded.findings
    if config is None or has_errors(findings):
        shutil.rmtree(staging, ignore_errors=True)
        first = next((f for f in findings if f.is_error), None)
        problem = first.text() if first else "die Konfiguration ist ungültig"
        if existing_config:
            raise LuedialogError(
                f"Die vorhandene {CONFIG_FILE} ist fehlerhaft: {problem}",
                hint="Beheben Sie das erst (luedialog pruefen).",
            )
        raise UsageError(f"Mit diesen Angaben entstünde keine gültige {CONFIG_FILE}: {problem}")
    return staging, {f"{SCHEMA_DIR}/{n}": dumps(body).encode("utf-8") for n, body in schemas(config).items()}


def init_project(
    target: Path,
    name: str,
    kommune: str,
    beginn: date,
    ende_jahr: int | None,
    felder: list[tuple[str, str]],
    *,
    paket: Paket | None = None,
    ergaenzen: bool = False,
    commit: bool = False,
) -> Angelegt:
    """Create a fresh project in ``target``: a new or empty folder, or with ``ergaenzen`` an existing
    one, to which only the missing files are added (an existing file is never overwritten).

    The process ends by default five years after it begins. The project gets the built-in
    templates, this luedialog's CI files (installing ``paket``) and, when it does not lie in one
    yet, a git repository (with ``commit`` also the first commit).
    """
    paket = paket or paket_from(None)
    ende_jahr = beginn.year + 5 if ende_jahr is None else ende_jahr
    _check_options(name, kommune, beginn, ende_jahr, felder)
    exists, entries = _target_state(target)
    existing_config = CONFIG_FILE in entries
    if existing_config and not ergaenzen:
        raise LuedialogError(
            f"In {target} gibt es schon ein luedialog-Projekt ({CONFIG_FILE}).",
            hint="Wählen Sie einen leeren Ordner, oder ergänzen Sie fehlende Dateien mit --ergaenzen.",
        )
    if entries and not ergaenzen:
        shown = ", ".join(entries[:5]) + (", …" if len(entries) > 5 else "")
        raise LuedialogError(
            f"Der Ordner {target} ist nicht leer ({shown}).",
            hint="Wählen Sie einen neuen oder leeren Ordner, oder ergänzen Sie mit --ergaenzen nur die fehlenden "
            "Dateien (vorhandene bleiben unverändert).",
        )
    git = _git_plan(target, commit)
    files = _planned_files(name, kommune, beginn, ende_jahr, felder, paket)
    if existing_config:
        del files[CONFIG_FILE]
    staging, schema_files = _staged(target, files, existing_config)
    files |= schema_files
    result = Angelegt(target, git=git)
    try:
        if exists:
            _add_missing(target, files, result)
        else:
            _place_whole(staging, target, files, result)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if git == "angelegt":
        gitutil.init_repository(target)
    if commit and result.written:
        result.commit = gitutil.commit_files(target, result.written, f"Neuer Dialogprozess „{name}“ (luedialog init)")
    return result


def _place_whole(staging: Path, target: Path, files: dict[str, bytes], result: Angelegt) -> None:
    """A new ``target``: the checked folder takes its place in one step."""
    _write_files(staging, {rel: data for rel, data in files.items() if rel.startswith(f"{SCHEMA_DIR}/")}, [])
    try:
        staging.rename(target)
    except OSError as exc:
        raise LuedialogError(
            f"{target} kann nicht angelegt werden ({_reason(exc)}). Es wurde nichts geschrieben.",
            hint="Prüfen Sie die Schreibrechte, oder ob der Ordner inzwischen angelegt wurde.",
        ) from None
    with contextlib.suppress(OSError):
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    result.written = sorted(files)


def _add_missing(target: Path, files: dict[str, bytes], result: Angelegt) -> None:
    """``--ergaenzen``: create each missing file; an existing one stays as it is. All or nothing."""
    missing: dict[str, bytes] = {}
    for rel, data in files.items():
        path = target / rel
        folder = path.parent
        if path.exists() or path.is_symlink():
            result.left_alone.append(rel)
        elif path.name == ".gitkeep" and folder.is_dir() and any(folder.iterdir()):
            continue  # a data folder with files needs no placeholder
        else:
            missing[rel] = data
    created: list[Path] = []
    try:
        _write_files(target, missing, created)
    except (LuedialogError, OSError) as exc:
        _take_back(created)
        if isinstance(exc, LuedialogError):  # "X konnte nicht angelegt werden (der Datenträger ist voll). …"
            problem = exc.message.removesuffix(" Es wurde nichts geschrieben.")
        else:
            problem = f"Ein Ordner konnte nicht angelegt werden ({_reason(exc)})."
        raise LuedialogError(
            f"{problem} Der Ordner {target} ist unverändert: was schon angelegt war, ist wieder entfernt.",
            hint="Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.",
        ) from None
    result.written = sorted(missing)
