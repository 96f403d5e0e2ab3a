"""Generate a fictional dialogue process of N measures for the benchmarks.

    python benchmarks/generate.py 1000 /tmp/bench-1000 [--seed 56]

Every measure has 10 history entries (about 3 KB per file); guidelines and groups grow in
proportion (one guideline per two measures in files of 50, one working group per ten measures,
plus a steering group and a Jahreskonferenz). The town ("Fiktivstadt"), its districts, people and
texts are invented; the output is the same for the same N and seed, and `luedialog pruefen`
passes on it without findings.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

HISTORY_ENTRIES = 10
GUIDELINES_PER_FILE = 50
BEGIN = date(2015, 1, 1)
END_YEAR = 2024

FIELDS = (
    ("bildung", "BIL", "Bildung und Kultur"),
    ("arbeit", "ARB", "Arbeit und Wirtschaft"),
    ("wohnen", "WOH", "Stadtentwicklung und Wohnen"),
    ("dialog", "DIA", "Interkultureller Dialog"),
    ("umwelt", "UMW", "Umwelt und Klima"),
    ("mobilitaet", "MOB", "Mobilität"),
    ("gesundheit", "GES", "Gesundheit und Sport"),
    ("teilhabe", "TEI", "Teilhabe und Ehrenamt"),
)
DISTRICTS = (
    "Altstadt",
    "Nordufer",
    "Südhang",
    "Mühlenfeld",
    "Am Hafen",
    "Kirchberg",
    "Weidenau",
    "Oberdorf",
    "Lindenhof",
    "Brückenviertel",
    "Heide",
    "Neustadt",
)
# a random walk over these transitions gives valid histories (the same status is always allowed)
TRANSITIONS = {
    "empfohlen": ("beauftragt", "geplant", "in_umsetzung", "zurueckgestellt"),
    "beauftragt": ("geplant", "in_umsetzung", "zurueckgestellt"),
    "geplant": ("in_umsetzung", "zurueckgestellt", "eingestellt"),
    "in_umsetzung": ("umgesetzt", "verstetigt", "zurueckgestellt", "eingestellt"),
    "umgesetzt": ("verstetigt", "in_umsetzung"),
    "verstetigt": ("in_umsetzung", "eingestellt"),
    "zurueckgestellt": ("beauftragt", "geplant", "in_umsetzung", "eingestellt"),
    "eingestellt": ("geplant",),
}
NEEDS_EVIDENCE = ("umgesetzt", "verstetigt")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WORDS = _words(
    "Stadtteil Angebot Beratung Schule Quartier Verwaltung Träger Verein Jugendliche Familien Eltern "
    "Senioren Nachbarschaft Konzept Förderung Projekt Arbeitskreis Ausschuss Workshop Befragung "
    "Bericht Planung Umsetzung Haushalt Fördermittel Kooperation Netzwerk Sprachkurs Begegnung Fest "
    "Spielplatz Radweg Grünfläche Bücherei Sportverein Kita Ausbildung Betriebe Handwerk Integration "
    "Ehrenamt Treffpunkt Sprechstunde Öffentlichkeit Mitwirkung Zwischenbericht Fortschreibung "
    "Ergebnis"
)
VERBS = _words(
    "abgestimmt begonnen fortgesetzt erweitert ausgewertet vorgestellt beantragt bewilligt "
    "verschoben überarbeitet eröffnet erprobt dokumentiert vereinbart übergeben geprüft besprochen"
)
FIRST = _words("Anna Bernd Clara Dieter Elif Frank Gül Hans Ilse Jonas Katrin Lukas Mara Nils Olga Paul Rita Sven")
LAST = _words("Ahrens Brandt Çelik Dorn Engel Fuchs Graf Hoffmann Iske Jäger Krause Lange Meier Nowak Otte Peters")
OFFICES = ("Schulamt", "Jugendamt", "Planungsamt", "Kulturbüro", "Wirtschaftsförderung", "Sozialamt", "Grünflächenamt")

CONFIG = """\
# Fiktives Benchmark-Projekt: die Stadt Fiktivstadt gibt es nicht.
# Erzeugt mit benchmarks/generate.py ({n} Maßnahmen, Startwert {seed}).
name: Fiktivstädter Dialog
kommune: Fiktivstadt
vorlage:
  nummer: "99/14"
  datum: 2014-11-20
  titel: Leitlinien des Fiktivstädter Dialogs
zeitraum:
  beginn: {begin}
  ende_jahr: {end_year}
handlungsfelder:
{fields}
stadtteile:
{districts}
ratsfraktionen: []
leitlinienarten:
  strategisches_ziel: Strategisches Ziel
  operatives_ziel: Operatives Ziel
massnahmenarten:
  projekt: Projekt
  massnahme: Maßnahme
  aktivitaet: Aktivität
gruppenarten:
  steuerungsgruppe: Steuerungsgruppe
  arbeitsgruppe: Arbeitsgruppe
  jahreskonferenz: Jahreskonferenz
rollen:
  vorsitz: Vorsitz
  verwaltungsvorstand: Mitglied des Verwaltungsvorstandes
  fachliche_begleitung: Fachliche Begleitung
  mitglied: Mitglied
status:
  - schluessel: empfohlen
    bezeichnung: Empfohlen
    ampel: grau
  - schluessel: beauftragt
    bezeichnung: Beauftragt
    ampel: grau
  - schluessel: geplant
    bezeichnung: Geplant
    ampel: gelb
  - schluessel: in_umsetzung
    bezeichnung: In Umsetzung
    ampel: gelb
  - schluessel: umgesetzt
    bezeichnung: Umgesetzt
    ampel: gruen
    final: true
    nachweis: true
  - schluessel: verstetigt
    bezeichnung: Verstetigt
    ampel: gruen
    final: true
    nachweis: true
  - schluessel: zurueckgestellt
    bezeichnung: Zurückgestellt
    ampel: rot
  - schluessel: eingestellt
    bezeichnung: Eingestellt
    ampel: grau
    final: true
uebergaenge:
{transitions}
veraltet_nach_monaten: 12
"""


class Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.seed = seed
        self.rng = random.Random(seed)
        self.guidelines = max(len(FIELDS), n // 2)
        self.groups = max(2, n // 10)

    # --- text ------------------------------------------------------------------------------

    def sentence(self, low: int, high: int) -> str:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high))]
        words.insert(self.rng.randrange(1, len(words)), self.rng.choice(VERBS))
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(6, 12) for _ in range(sentences))

    def people(self, count: int) -> list[str]:
        """``count`` different invented names."""
        return [f"{first} {last}" for first, last in self.rng.sample([(f, la) for f in FIRST for la in LAST], count)]

    @staticmethod
    def folded(text: str, indent: int, width: int = 92) -> list[str]:
        """``>-`` block lines of ``text`` (plain words, so folding keeps the text)."""
        pad = " " * indent
        lines, current = [], ""
        for word in text.split():
            if current and len(current) + 1 + len(word) > width:
                lines.append(pad + current)
                current = word
            else:
                current = f"{current} {word}" if current else word
        lines.append(pad + current)
        return lines

    # --- files -----------------------------------------------------------------------------

    def config(self) -> str:
        fields = "\n".join(f"  - schluessel: {k}\n    kuerzel: {c}\n    name: {name}" for k, c, name in FIELDS)
        districts = "\n".join(f"  - {d}" for d in DISTRICTS)
        transitions = "\n".join(f"  {old}: [{', '.join(new)}]" for old, new in TRANSITIONS.items())
        return CONFIG.format(
            n=self.n,
            seed=self.seed,
            begin=BEGIN.isoformat(),
            end_year=END_YEAR,
            fields=fields,
            districts=districts,
            transitions=transitions,
        )

    def guideline_ids(self, field_index: int) -> list[str]:
        kuerzel = FIELDS[field_index][1]
        count = len(range(field_index, self.guidelines, len(FIELDS)))
        return [f"L-{kuerzel}-{i:04d}" for i in range(1, count + 1)]

    def guideline_files(self) -> dict[str, str]:
        files: dict[str, str] = {}
        for f, (key, _kuerzel, name) in enumerate(FIELDS):
            ids = self.guideline_ids(f)
            for part, start in enumerate(range(0, len(ids), GUIDELINES_PER_FILE), start=1):
                lines = [
                    "# Fiktive Leitlinien für den Benchmark.",
                    f"titel: Leitlinien {name}, Teil {part}",
                    "quelle: Vorlage 99/14, Anlage 1",
                    f"handlungsfeld: {key}",
                    "leitlinien:",
                ]
                for number, ident in enumerate(ids[start : start + GUIDELINES_PER_FILE], start=start + 1):
                    lines += [
                        f"  - id: {ident}",
                        f'    nummer: "{part}.{number}"',
                        f"    art: {'strategisches_ziel' if number % 5 == 1 else 'operatives_ziel'}",
                        "    text: >-",
                        *self.folded(self.paragraph(2), 6),
                    ]
                    if number % 3 == 0:
                        lines.append("    unterziele:")
                        lines += [f"      - {self.sentence(4, 8)}" for _ in range(2)]
                files[f"{key}-{part:03d}.yaml"] = "\n".join(lines) + "\n"
        return files

    def history(self) -> list[str]:
        status = self.rng.choice(("empfohlen", "beauftragt", "geplant"))
        day = BEGIN + timedelta(days=self.rng.randrange(0, 365))
        span = (date(END_YEAR, 12, 31) - day).days
        step = span // (HISTORY_ENTRIES + 1)
        lines = ["verlauf:"]
        for i in range(HISTORY_ENTRIES):
            if i:
                day += timedelta(days=self.rng.randint(step // 2, step))
                if self.rng.random() < 0.6:
                    status = self.rng.choice(TRANSITIONS[status])
            lines += [
                f"  - datum: {day.isoformat()}",
                f"    status: {status}",
                "    notiz: >-",
                *self.folded(self.sentence(9, 15), 6),
                f"    von: {self.rng.choice(OFFICES)}",
            ]
            if status in NEEDS_EVIDENCE:
                lines.append(f'    nachweis: "Vorlage {self.rng.randint(1, 250)}/{day.year % 100:02d}"')
            if i % 3 == 2:
                lines.append(f"    fortschritt: {self.rng.randint(0, 100)}")
        return lines

    def measure_files(self) -> dict[str, str]:
        files: dict[str, str] = {}
        ids_by_field: list[list[str]] = [[] for _ in FIELDS]
        for i in range(self.n):
            f = i % len(FIELDS)
            key, kuerzel, _name = FIELDS[f]
            ident = f"M-{kuerzel}-{i // len(FIELDS) + 1:04d}"
            guidelines = self.guideline_ids(f)
            lines = [
                "# Fiktive Maßnahme für den Benchmark.",
                f"id: {ident}",
                f"titel: {self.sentence(3, 6).rstrip('.')}",
                f"art: {self.rng.choice(('projekt', 'massnahme', 'aktivitaet'))}",
                f"handlungsfeld: {key}",
                "leitlinien:",
                *(f"  - {g}" for g in sorted(self.rng.sample(guidelines, min(len(guidelines), 2)))),
                "quellen:",
                "  - anlage: 2",
                f'    nummer: "{i + 1}"',
                "    text: >-",
                *self.folded(self.paragraph(2), 6),
                f"stadtteile: [{', '.join(sorted(self.rng.sample(DISTRICTS, 2)))}]",
                f"gruppen: [ag-{(i % self.groups) + 1:04d}]",
                f"verantwortlich: {self.rng.choice(OFFICES)}",
                f"zieldatum: {date(self.rng.randint(2016, END_YEAR), self.rng.randint(1, 12), 28).isoformat()}",
            ]
            if ids_by_field[f] and self.rng.random() < 0.2:
                lines.append(f"teil_von: {self.rng.choice(ids_by_field[f][-50:])}")
            if self.rng.random() < 0.3:
                cost = self.rng.randint(1, 400) * 500
                lines += ["finanzen:", f"  kosten: {cost}", f"  foerderung: {cost // 2}", "  haushalt: 1.2.3"]
            lines += self.history()
            ids_by_field[f].append(ident)
            files[f"{ident}.yaml"] = "\n".join(lines) + "\n"
        return files

    def member(self, person: str, seat: str, role: str, start: date, years: int) -> list[str]:
        end = date(start.year + years, start.month, 1) - timedelta(days=1)
        return [
            f"  - person: {person}",
            f"    rolle: {role}",
            f"    sitz: {seat}",
            f"    beginn: {start.isoformat()}",
            f"    ende: {end.isoformat()}",
            f"    veroeffentlichen: {self.rng.choice(('ja', 'nein'))}",
        ]

    def group_files(self) -> dict[str, str]:
        files: dict[str, str] = {}
        for g in range(1, self.groups + 1):
            ident = f"ag-{g:04d}"
            key, _kuerzel, name = FIELDS[(g - 1) % len(FIELDS)]
            seats = [
                (f"{ident}-vorstand", "verwaltungsvorstand", "Mitglied des Verwaltungsvorstandes", 1),
                (f"{ident}-begleitung", "fachliche_begleitung", "Fachliche Begleitung", 1),
                (f"{ident}-vereine", "mitglied", "Vertreterinnen und Vertreter der Vereine", None),
                (f"{ident}-buerger", "mitglied", "Interessierte Bürgerinnen und Bürger", None),
            ]
            lines = [
                "# Fiktive Arbeitsgruppe für den Benchmark.",
                f"id: {ident}",
                f"name: Arbeitsgruppe {name} {g}",
                "art: arbeitsgruppe",
                f"handlungsfelder: [{key}]",
                "quelle: Vorlage 99/14, Anlage 3",
                "sitze:",
            ]
            for seat, role, label, count in seats:
                lines += [f"  - id: {seat}", f"    rolle: {role}", f"    bezeichnung: {label}"]
                if count is not None:
                    lines.append(f"    anzahl: {count}")
            lines.append("aufgaben:")
            for year in range(BEGIN.year + 1, BEGIN.year + 4):
                lines += [f"  - jahr: {year}", f"    text: {self.sentence(4, 8)}"]
            lines.append("mitglieder:")
            names = iter(self.people(10))
            # the two single seats stay filled over the whole period, in terms of five years
            for start_year in range(BEGIN.year, END_YEAR + 1, 5):
                start = date(start_year, 1, 1)
                lines += self.member(next(names), f"{ident}-vorstand", "verwaltungsvorstand", start, 5)
                lines += self.member(next(names), f"{ident}-begleitung", "fachliche_begleitung", start, 5)
            for _ in range(6):
                start = date(self.rng.randint(BEGIN.year, END_YEAR - 2), self.rng.randint(1, 12), 1)
                seat = f"{ident}-{self.rng.choice(('vereine', 'buerger'))}"
                lines += self.member(next(names), seat, "mitglied", start, 2)
            lines.append("sitzungen:")
            for year in range(BEGIN.year, BEGIN.year + 4):
                lines += [
                    f"  - datum: {year}-{self.rng.randint(2, 11):02d}-{self.rng.randint(1, 28):02d}",
                    f"    thema: {self.sentence(3, 6).rstrip('.')}",
                    f"    ergebnisse: {self.sentence(6, 10)}",
                ]
            files[f"{ident}.yaml"] = "\n".join(lines) + "\n"
        steering = [
            "# Fiktive Steuerungsgruppe für den Benchmark.",
            "id: steuerungsgruppe",
            "name: Steuerungsgruppe",
            "art: steuerungsgruppe",
            "quelle: Vorlage 99/14, Anlage 3",
            "sitze:",
            "  - id: sg-vorsitz",
            "    rolle: vorsitz",
            "    bezeichnung: Bürgermeisterin (Vorsitz)",
            "    anzahl: 1",
            "  - id: sg-vorstand",
            "    rolle: verwaltungsvorstand",
            "    bezeichnung: Mitglieder des Verwaltungsvorstandes",
            "mitglieder:",
        ]
        names = iter(self.people(4))
        for start_year in range(BEGIN.year, END_YEAR + 1, 5):
            steering += self.member(next(names), "sg-vorsitz", "vorsitz", date(start_year, 1, 1), 5)
            steering += self.member(next(names), "sg-vorstand", "verwaltungsvorstand", date(start_year, 1, 1), 5)
        files["steuerungsgruppe.yaml"] = "\n".join(steering) + "\n"
        conference = [
            "# Fiktive Jahreskonferenzen für den Benchmark.",
            "id: jahreskonferenz",
            "name: Jahreskonferenz",
            "art: jahreskonferenz",
            "quelle: Vorlage 99/14, Anlage 3",
            "konferenzen:",
        ]
        for year in range(BEGIN.year, END_YEAR + 1):
            conference += [
                f"  - jahr: {year}",
                f"    datum: {year}-11-{self.rng.randint(10, 28)}",
                f"    ergebnisse: {self.sentence(8, 14)}",
                "    aufgaben:",
            ]
            for g in sorted(self.rng.sample(range(1, self.groups + 1), min(3, self.groups))):
                conference += [
                    f"      - jahr: {year + 1}",
                    f"        gruppe: ag-{g:04d}",
                    f"        text: {self.sentence(4, 8)}",
                ]
        files["jahreskonferenz.yaml"] = "\n".join(conference) + "\n"
        return files


def generate(n: int, target: Path, seed: int = 56) -> Path:
    """Write a fresh project of ``n`` measures to ``target`` (replacing what is there)."""
    if target.exists():
        if not (target / "luedialog.yaml").is_file():
            raise SystemExit(f"{target} exists and is not a generated project; not touching it.")
        shutil.rmtree(target)
    gen = Generator(n, seed)
    folders = {
        "data/leitlinien": gen.guideline_files(),
        "data/massnahmen": gen.measure_files(),
        "data/gruppen": gen.group_files(),
    }
    for folder, files in folders.items():
        (target / folder).mkdir(parents=True)
        for name, text in files.items():
            (target / folder / name).write_text(text, encoding="utf-8")
    (target / "luedialog.yaml").write_text(gen.config(), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of measures (e.g. 100, 1000, 10000)")
    parser.add_argument("target", type=Path, help="folder for the project (replaced if it is a generated one)")
    parser.add_argument("--seed", type=int, default=56, help="random seed (default 56)")
    args = parser.parse_args(argv)
    generate(args.n, args.target, args.seed)
    print(f"{args.n} Maßnahmen in {args.target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
