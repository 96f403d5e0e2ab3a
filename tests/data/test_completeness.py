"""Vollständigkeit und Wortlaut der Daten gegenüber Ratsvorlage 56/08.

Der Test liest die Textextraktion der Vorlage (``../shared/seed/ratsvorlage-56-08.txt``), wendet jede
Korrektur aus ``data/KORREKTUREN.md`` als wörtliche Ersetzung an und zerlegt die Vorlage mit regulären
Ausdrücken in ihre Einträge: je Handlungsfeld die strategischen Ziele (A), die operationalen Ziele (B,
getrennt nach „Allgemeine Ziele“ und laufenden/geplanten Aktivitäten), die ergänzenden Leitlinien (C)
mit ihren Unterzielen und geplanten Aktivitäten a)–c); die zehn Leitlinien des Interkulturellen
Dialogs mit ihren Handlungsempfehlungen; die Einträge der Anlage 2; die Grundsätze der Anlage 4; die
Grundsätze der Prozessstruktur (Anlage 3, Nr. 1), die Handlungsfelder der Arbeitsgruppen (Anlage 3,
Nr. 2) und die sieben Beschlusspunkte. Dazu den Kopf der Vorlage (Fachbereich, Datum, Ankreuzfelder,
Beschlussorgan und Beratungsfolge mit Sitzungstermin und Tagesordnungspunkt), der als ``vorlage:`` in
``luedialog.yaml`` steht.

Die erwarteten Anzahlen je Abschnitt stehen unten als Konstanten (aus der Vorlage abgezählt). Geprüft
wird, dass der Parser genau diese Anzahlen findet (so ist der Parser selbst geprüft), dass ``data/``
genau diese Einträge enthält, jeden mit dem Wortlaut der Vorlage, und dass kein zitierter Text in
``data/`` fehlt oder erfunden ist. Jeder Eintrag ist ein eigener Testfall (z. B. ``BEK-B1.10``).

Vergleich „nach Normalisierung“: ``**`` und Hervorhebungs-``*`` entfernt (nicht das ``*`` in
„Migrant*innenorganisationen“), Aufzählungszeichen (``-``, ``•``, ``◆``, ``❖``, ``▪``) am Zeilenanfang
entfernt, jeder Leerraum zu einem Leerzeichen zusammengefasst.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
KORREKTUREN = DATA / "KORREKTUREN.md"


def _seed_path() -> Path:
    shared = os.environ.get("LUEDIALOG_SHARED")
    base = Path(shared) if shared else ROOT.parent / "shared"
    return base / "seed" / "ratsvorlage-56-08.txt"


SEED = _seed_path()
if not SEED.is_file():
    pytest.skip("../shared/seed fehlt: Vollständigkeit der Daten nicht geprüft", allow_module_level=True)


# ---------------------------------------------------------------------------------------------------
# Erwartete Anzahlen, aus der Vorlage abgezählt
# ---------------------------------------------------------------------------------------------------

# Handlungsfelder mit A/B/C-Gliederung: Kürzel -> (Schlüssel, Name in der Vorlage, Leitlinien-Datei)
FIELDS: dict[str, tuple[str, str, str]] = {
    "BEK": ("bildung", "Bildung, Erziehung und Kultur", "bildung.yaml"),
    "AUW": ("arbeit", "Arbeit und Wirtschaft", "arbeit.yaml"),
    "SUW": ("wohnen", "Stadtentwicklung und Wohnen", "wohnen.yaml"),
}
IKD = ("dialog", "Interkultureller Dialog", "dialog.yaml")
FIELD_KEYS: dict[str, str] = {k: v[0] for k, v in FIELDS.items()} | {"IKD": IKD[0]}

EXPECTED_COUNTS: dict[str, int] = {
    # Bildung, Erziehung und Kultur
    "BEK-A": 2,  # A 1-2
    "BEK-B-Ziele": 11,  # B 1.1-1.8, 2.1-2.2, 3.1
    "BEK-B-Aktivitaeten": 12,  # B 1.9-1.11, 2.3-2.4, 3.2-3.5, 4.1-4.3
    "BEK-B-laufend": 4,  # B 2.3, 2.4, 4.1, 4.2
    "BEK-B-geplant": 8,
    "BEK-C": 10,  # C 1-10
    "BEK-C-Unterziele": 10,  # C 2-6, 8-10 je eines, C 7 zwei
    "BEK-C-Aktivitaeten": 0,
    # Arbeit und Wirtschaft
    "AUW-A": 3,
    "AUW-B-Ziele": 0,  # keine „Allgemeinen Ziele“
    "AUW-B-Aktivitaeten": 12,  # B 1.1-1.6, 2.1-2.6
    "AUW-B-laufend": 6,  # B 1.1-1.3, 2.1-2.3
    "AUW-B-geplant": 6,
    "AUW-C": 7,
    "AUW-C-Unterziele": 20,  # C 5 zwei, die übrigen je drei
    "AUW-C-Aktivitaeten": 3,  # a)-c)
    # Stadtentwicklung und Wohnen
    "SUW-A": 6,
    "SUW-B-Ziele": 3,  # B 1.1-1.3
    "SUW-B-Aktivitaeten": 25,  # B 1.4-1.11, 2.1-2.8, 3.1-3.9
    "SUW-B-laufend": 19,  # B 1.4-1.8, 2.1-2.5, 3.1-3.9
    "SUW-B-geplant": 6,  # B 1.9-1.11, 2.6-2.8
    "SUW-C": 0,
    "SUW-C-Unterziele": 0,
    "SUW-C-Aktivitaeten": 0,
    # Interkultureller Dialog
    "IKD-Leitlinien": 10,
    "IKD-Empfehlungen": 50,  # 5+5+4+13+2+1+5+5+5+5
    # Anlage 2 (priorisierte Ziele, Projekte und Maßnahmen)
    "A2-BEK": 6,  # Kinderbetreuung, 2 Integrationsziele, Overbergschule, 2 Maßnahmen
    "A2-AUW": 12,  # 3 Ziele, Projekt Netzwerk, erste Umsetzungsmaßnahme, deren 5 Teile, 2 Maßnahmen
    "A2-SUW": 4,  # 3 Ziele, Projekt Soziale Stadt Gahmen
    "A2-IKD": 11,  # 3 Ziele mit 2 + 1 + 5 Maßnahmen
    # Anlage 3, Nr. 1 und Nr. 2 („Es werden sechs Arbeitsgruppen für folgende Handlungsfelder gebildet:“);
    # Anlage 4; Beschlussvorschlag
    "Prozess": 5,
    "Arbeitsgruppen-Handlungsfelder": 6,
    "Grundsaetze": 6,
    "Beschluss": 7,
}

# Kopf der Vorlage (vor „Beschlussvorschlag:“)
KOPF_SITZUNGEN = 2  # Beschlussorgan Rat, Beratungsfolge Haupt- und Finanzausschuss
KOPF_ANKREUZFELDER = 10  # öffentlich, nichtöffentlich, zwei Genehmigungen, Folgekosten (2), Haushalt (4)
KOPF_ANGEKREUZT = ("öffentlich", "Folgekosten/Jahr")

VORLAGE_DATUM = dt.date(2008, 9, 25)
GAHMEN_BESCHLUSS = dt.date(2008, 9, 4)

# Schlüssel in data/, deren Werte keine Zitate der Vorlage sind (Bezeichner, Vokabular, eigene Texte).
NOT_QUOTED_KEYS = frozenset(
    {
        "titel",
        "quelle",
        "abschnitt",
        "notiz",
        "von",
        "nachweis",
        "bezeichnung",
        "id",
        "nummer",
        "art",
        "handlungsfeld",
        "handlungsfelder",
        "leitlinien",
        "teil_von",
        "gruppen",
        "stadtteile",
        "status",
        "rolle",
        "verantwortlich",
        "mitglieder",
        "je",
    }
)


# ---------------------------------------------------------------------------------------------------
# Normalisierung
# ---------------------------------------------------------------------------------------------------

_EMPHASIS = re.compile(r"(?<![^\W\d_])\*|\*(?![^\W\d_])")  # ein * zwischen zwei Buchstaben bleibt
_MARKERS = re.compile(r"^[ \t]*(?:[-•◆❖▪][ \t]+)+", re.MULTILINE)


def strip_emphasis(text: str) -> str:
    return _EMPHASIS.sub("", text.replace("**", ""))


def norm(text: str) -> str:
    return " ".join(_MARKERS.sub("", strip_emphasis(text)).split())


def norm_lines(lines: list[str]) -> str:
    return norm("\n".join(lines))


# ---------------------------------------------------------------------------------------------------
# Korrekturen
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Korrektur:
    fundstelle: str
    extrahiert: str
    korrigiert: str


def _cell(raw: str) -> str:
    value = raw.strip().replace("\\|", "|")
    if len(value) >= 2 and value.startswith("`") and value.endswith("`"):
        value = value[1:-1]
    return value


def read_korrekturen(path: Path) -> list[Korrektur]:
    """Die Zeilen der Tabelle ``| Fundstelle | extrahiert | korrigiert | Begründung |``."""
    if not path.is_file():
        return []
    rows: list[Korrektur] = []
    in_table = False
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped.startswith("|"):
            in_table = False
            continue
        cells = [_cell(c) for c in re.split(r"(?<!\\)\|", stripped)[1:-1]]
        if [c.lower() for c in cells[:3]] == ["fundstelle", "extrahiert", "korrigiert"]:
            in_table = True
            continue
        if not in_table or all(re.fullmatch(r":?-+:?", c) for c in cells):
            continue
        if len(cells) >= 3:
            rows.append(Korrektur(cells[0], cells[1], cells[2]))
    return rows


SEED_TEXT = SEED.read_text(encoding="utf-8")
KORREKTUR_ROWS = read_korrekturen(KORREKTUREN)


def apply_korrekturen(text: str, rows: list[Korrektur]) -> str:
    for row in rows:
        if row.extrahiert:
            text = text.replace(row.extrahiert, row.korrigiert)
    return text


def tables_to_lists(text: str) -> str:
    """Markdown-Tabellen der Extraktion (Stadtteile in A 2 Wohnen) zeilenweise als Aufzählung."""
    out: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if re.fullmatch(r"-\s*(?:\|\s*)+", stripped) or re.fullmatch(r"\|[\s|:-]*\|", stripped):
            continue
        if stripped.startswith("|") and stripped.endswith("|"):
            for cell in stripped.strip("|").split("|"):
                cell = re.sub(r"^[•◆❖▪]\s*", "", cell.strip())
                if cell:
                    out.append(f"- {cell}")
            continue
        out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------
# Zerlegung der Vorlage
# ---------------------------------------------------------------------------------------------------


@dataclass
class Item:
    key: str  # Testfall-ID, z. B. "BEK-B1.10"
    feld: str  # Kürzel des Handlungsfelds oder "" (Beschluss, Anlage 3/4)
    nummer: str  # Nummer wie gedruckt: "1", "1.10", "a)"
    text: str  # normalisiert
    category: str = ""  # B: "ziel", "laufend", "geplant"; C-Aktivitäten: "geplant"
    ebene: str = ""
    subitems: list[str] = field(default_factory=list)  # Unterziele bzw. Handlungsempfehlungen
    begruendung: str = ""


@dataclass
class FieldSection:
    einleitung: str = ""
    a: list[Item] = field(default_factory=list)
    b_ziele: list[Item] = field(default_factory=list)
    b_aktivitaeten: list[Item] = field(default_factory=list)
    c: list[Item] = field(default_factory=list)
    c_aktivitaeten: list[Item] = field(default_factory=list)


@dataclass
class Paper:
    fields: dict[str, FieldSection] = field(default_factory=dict)
    dialog: list[Item] = field(default_factory=list)
    dialog_schluss: str = ""
    anlage2: dict[str, list[Item]] = field(default_factory=dict)
    prozess: list[Item] = field(default_factory=list)
    grundsaetze: list[Item] = field(default_factory=list)
    grundsaetze_einleitung: str = ""
    beschluss: list[Item] = field(default_factory=list)
    arbeitsgruppen_satz: str = ""  # Anlage 3, Nr. 2: der Satz vor der Aufzählung der Handlungsfelder
    arbeitsgruppen: list[str] = field(default_factory=list)  # deren Handlungsfelder
    text: str = ""  # korrigiert, Hervorhebungen entfernt
    normalized: str = ""


_BULLET = re.compile(r"^-\s+(.*)$")
_NESTED = re.compile(r"^\s+-\s+(.*)$")


def _find(lines: list[str], pattern: str, start: int = 0, end: int | None = None) -> int | None:
    regex = re.compile(pattern)
    for i in range(start, len(lines) if end is None else end):
        if regex.search(lines[i]):
            return i
    return None


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    while lines and not lines[0].strip():
        lines = lines[1:]
    return lines


def _numbered_blocks(lines: list[str], pattern: str) -> list[tuple[int, list[str]]]:
    """Blöcke, die mit fortlaufend nummerierten Zeilen (1., 2., ...) beginnen; ``pattern`` fängt die
    Nummer in Gruppe 1 und den Text in Gruppe 2."""
    regex = re.compile(pattern)
    blocks: list[tuple[int, list[str]]] = []
    for line in lines:
        match = regex.match(line)
        if match and int(match.group(1)) == len(blocks) + 1:
            blocks.append((len(blocks) + 1, [match.group(2)]))
        elif blocks:
            blocks[-1][1].append(line)
    return [(n, _trim(body)) for n, body in blocks]


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def parse_field(kuerzel: str, lines: list[str]) -> FieldSection:
    section = FieldSection()
    i_a = _find(lines, r"^A\.\s*Strategische Ziele")
    i_b = _find(lines, r"^B ?\. Operationale Ziele:?$")
    i_c = _find(lines, r"^C\. Ergänzende Leitlinien")
    end_a = i_b if i_b is not None else (i_c if i_c is not None else len(lines))
    end_b = i_c if i_c is not None else len(lines)
    if i_a is None:
        return section
    section.einleitung = norm_lines(lines[:i_a])

    for n, body in _numbered_blocks(lines[i_a + 1 : end_a], r"^\s*(?:-\s+)?(\d+)\.\s+(.*)$"):
        section.a.append(Item(f"{kuerzel}-A{n}", kuerzel, str(n), norm_lines(body)))

    if i_b is not None:
        level, ebene, category = "", "", ""
        current: tuple[str, list[str]] | None = None

        def close_b() -> None:
            if current is None:
                return
            nummer, body = current
            item = Item(f"{kuerzel}-B{nummer}", kuerzel, nummer, norm_lines(body), category, ebene)
            (section.b_ziele if category == "ziel" else section.b_aktivitaeten).append(item)

        for line in lines[i_b + 1 : end_b]:
            header = re.match(r"^(\d+)\.\s+(.+?):?\s*$", line)
            kind = re.match(r"^(Allgemeine Ziele|Laufende Aktivitäten|Geplante Aktivitäten)\s*$", line)
            entry = re.match(r"^-\s+(\d+)\.(\d+)\.?\s+(.*)$", line)
            if header or kind or entry:
                close_b()
                current = None
            if header:
                level, ebene = header.group(1), header.group(2)
            elif kind:
                category = {"Allgemeine Ziele": "ziel", "Laufende Aktivitäten": "laufend"}.get(kind.group(1), "geplant")
            elif entry and entry.group(1) == level:
                current = (f"{entry.group(1)}.{entry.group(2)}", [entry.group(3)])
            elif current is not None:
                current[1].append(line)
        close_b()

    if i_c is not None:
        guideline = re.compile(r"^\s*(?:-\s+)?(\d+)\.\s+(.*)$")
        activity = re.compile(r"^-\s+([a-z])\)\s+(.*)$")
        in_activities = False
        target: list[str] | None = None  # die Zeilen, an die eine Fortsetzungszeile angehängt wird
        c_text: list[list[str]] = []
        c_subs: list[list[list[str]]] = []
        acts: list[tuple[str, list[str]]] = []
        for line in lines[i_c + 1 :]:
            if not line.strip():
                continue
            if re.match(r"^Geplante Aktivitäten\s*$", line):
                in_activities, target = True, None
                continue
            if in_activities:
                act = activity.match(line)
                if act:
                    acts.append((f"{act.group(1)})", [act.group(2)]))
                    target = acts[-1][1]
                elif target is not None:
                    target.append(line)
                continue
            head = guideline.match(line)
            if head and int(head.group(1)) == len(c_text) + 1:
                c_text.append([head.group(2)])
                c_subs.append([])
                target = c_text[-1]
                continue
            sub = re.match(r"^\s*-\s+(.*)$", line)
            if sub and c_subs:
                c_subs[-1].append([sub.group(1)])
                target = c_subs[-1][-1]
            elif target is not None:
                target.append(line)
        for n, (text, subs) in enumerate(zip(c_text, c_subs, strict=True), start=1):
            section.c.append(
                Item(f"{kuerzel}-C{n}", kuerzel, f"C {n}", norm_lines(text), subitems=[norm_lines(s) for s in subs])
            )
        for letter, body in acts:
            section.c_aktivitaeten.append(
                Item(f"{kuerzel}-C{letter}", kuerzel, f"C {letter}", norm_lines(body), "geplant")
            )
    return section


def parse_dialog(lines: list[str]) -> tuple[list[Item], str]:
    items: list[Item] = []
    schluss: list[str] = []
    for n, body in _numbered_blocks(lines, r"^(\d+)\.\s+(.*)$"):
        head, rest = body[:1], body[1:]
        before: list[str] = []
        recommendations: list[list[str]] = []
        after: list[str] = []
        blank_before = False
        for line in rest:
            if not line.strip():
                blank_before = True
                continue
            if _BULLET.match(line):
                recommendations.append([line])
            elif _NESTED.match(line) and recommendations:
                recommendations[-1].append(line)
            elif not recommendations:
                before.append(line)
            elif not blank_before and not after:
                recommendations[-1].append(line)  # Fortsetzungszeile
            else:
                after.append(line)
            blank_before = False
        if recommendations:
            text, subitems = head + before, [norm_lines(r) for r in recommendations]
        else:  # keine Aufzählung (Leitlinie 6): die Absätze nach der Überschrift bilden die Empfehlung
            text, subitems = head, ([norm_lines(before)] if before else [])
        items.append(Item(f"IKD-{n}", "IKD", str(n), norm_lines(text), subitems=subitems))
        schluss = after  # nur nach der letzten Leitlinie steht ein abschließender Absatz
    return items, norm_lines(schluss)


def _is_anlage2_header(line: str) -> bool:
    stripped = line.strip()
    if not stripped or _BULLET.match(line) or _NESTED.match(line):
        return False
    return stripped.endswith(":") or (len(stripped) <= 60 and not stripped.endswith((".", "]", ")")))


def parse_anlage2_field(kuerzel: str, lines: list[str]) -> list[Item]:
    """Einträge eines Handlungsfelds der Anlage 2.

    Zwischen zwei Überschriften (Zeile mit „:“ am Ende oder kurze Zeile ohne Satzzeichen) steht ein
    Abschnitt. Enthält er Absätze, ist er als Ganzes ein Eintrag, und jede seiner Aufzählungen ist
    zusätzlich ein eigener Eintrag (erste Umsetzungsmaßnahme des Netzwerk-Projekts mit ihren fünf
    Teilen). Sonst ist jeder Aufzählungspunkt ein Eintrag; eingerückte Unterpunkte sind eigene Einträge,
    wobei ein Unterpunkt mit „:“ am Ende die folgenden Unterpunkte einschließt.
    """
    segments: list[list[str]] = [[]]
    for line in lines:
        if _is_anlage2_header(line):
            segments.append([])
        else:
            segments[-1].append(line)
    texts: list[str] = []
    for segment in (_trim(s) for s in segments):
        if not segment:
            continue
        bullets: list[tuple[list[str], list[list[str]]]] = []  # (Punkt mit Fortsetzung, Unterpunkte)
        has_paragraph = False
        previous_blank = False
        absorbing = False
        for line in segment:
            if not line.strip():
                previous_blank = True
                continue
            top, nested = _BULLET.match(line), _NESTED.match(line)
            if top:
                bullets.append(([line], []))
                absorbing = False
            elif nested and bullets:
                if absorbing:
                    bullets[-1][1][-1].append(line)
                else:
                    bullets[-1][1].append([line])
                    absorbing = line.rstrip().endswith(":")
            elif bullets and not previous_blank and not bullets[-1][1]:
                bullets[-1][0].append(line)
            else:
                has_paragraph = True
            previous_blank = False
        if has_paragraph:
            texts.append(norm_lines(segment))
            texts.extend(norm_lines(top_lines) for top_lines, _ in bullets)
            continue
        for top_lines, subs in bullets:
            texts.append(norm_lines(top_lines))
            texts.extend(norm_lines(sub) for sub in subs)
    return [Item(f"A2-{kuerzel}-{i:02d}", kuerzel, "", text) for i, text in enumerate(texts, start=1)]


def parse_paper(raw: str) -> Paper:
    text = strip_emphasis(tables_to_lists(apply_korrekturen(raw, KORREKTUR_ROWS)))
    lines = text.splitlines()
    paper = Paper(text=text, normalized=norm(text))

    # Beschlussvorschlag 1-7 und die Begründungen „Zu Punkt N.“
    i_start = _find(lines, r"^Beschlussvorschlag:\s*$")
    i_sig = _find(lines, r"^Hans Wilhelm Stodollick\s*$")
    i_anlage1 = _find(lines, r"^Leitlinien und Handlungsempfehlungen zur Infrastruktur und Integration in Lünen\s*$")
    begruendungen: dict[str, str] = {}
    if i_anlage1 is not None:
        reasons = [
            (i, m.group(1))
            for i, line in enumerate(lines[:i_anlage1])
            if (m := re.match(r"^Zu Punkt (\d+)\. des Beschlussvorschlages\s*$", line))
        ]
        for (i, n), nxt in zip(reasons, [*(r[0] for r in reasons[1:]), i_anlage1], strict=True):
            begruendungen[n] = norm_lines(lines[i + 1 : nxt])
    if i_start is not None and i_sig is not None:
        points: list[list[str]] = []
        for line in lines[i_start + 1 : i_sig]:
            match = re.match(r"^(?:-\s+|(\d+)\.\s+)(.*)$", line)
            if match and (match.group(1) is None or int(match.group(1)) == len(points) + 1):
                points.append([match.group(2)])
            elif points:
                points[-1].append(line)
        for n, body in enumerate(points, start=1):
            paper.beschluss.append(
                Item(f"Beschluss-{n}", "", str(n), norm_lines(body), begruendung=begruendungen.get(str(n), ""))
            )

    # Anlage 1: die vier Themenfelder
    headings = [
        (i, m.group(1))
        for i, line in enumerate(lines)
        if (m := re.match(r"^Leitlinien (?:bzw\. Ziele |und Handlungsempfehlungen )?im Themenfeld (.+?)\s*$", line))
    ]
    i_anlage2 = _find(
        lines, r"^Umsetzung von Zielen, Maßnahmen und Projekten zur Infrastruktur und Integration in Lünen\s*$"
    )
    i_anlage3 = _find(lines, r"^Bildung einer Prozessstruktur zur Weiterführung des „Lüner Dialogs“\s*$")
    i_anlage4 = _find(lines, r"^Grundsätze zur Förderung von Integration in Lünen\s*$")
    ends = [*(h[0] for h in headings[1:]), i_anlage2 if i_anlage2 is not None else len(lines)]
    for (i, name), end in zip(headings, ends, strict=True):
        for kuerzel, (_, field_name, _) in FIELDS.items():
            if name == field_name:
                paper.fields[kuerzel] = parse_field(kuerzel, lines[i + 1 : end])
        if name == IKD[1]:
            paper.dialog, paper.dialog_schluss = parse_dialog(lines[i + 1 : end])

    # Anlage 2
    if i_anlage2 is not None:
        end2 = i_anlage3 if i_anlage3 is not None else len(lines)
        subs = [
            (i, m.group(1))
            for i in range(i_anlage2 + 1, end2)
            if (m := re.match(r"^Handlungsfeld (.+?)\s*$", lines[i]))
        ]
        for (i, name), end in zip(subs, [*(s[0] for s in subs[1:]), end2], strict=True):
            kuerzel = next((k for k, v in (FIELDS | {"IKD": IKD}).items() if v[1] == name), name)
            paper.anlage2[kuerzel] = parse_anlage2_field(kuerzel, lines[i + 1 : end])

    # Anlage 3, Nr. 1: Grundsätze der Prozessstruktur
    if i_anlage3 is not None:
        i_p1 = _find(lines, r"^1\. Grundsätze\s*$", i_anlage3)
        i_p2 = _find(lines, r"^2\. Gruppen des \[neuen\] Lüner Dialogs\s*$", i_anlage3)
        if i_p1 is not None and i_p2 is not None:
            for n, par in enumerate(_paragraphs(lines[i_p1 + 1 : i_p2]), start=1):
                paper.prozess.append(Item(f"Prozess-{n}", "", str(n), norm_lines(par)))
        # Anlage 3, Nr. 2: „Es werden sechs Arbeitsgruppen für folgende Handlungsfelder gebildet:“
        i_ag = _find(lines, r"^Es werden \S+ Arbeitsgruppen für folgende Handlungsfelder gebildet:\s*$", i_anlage3)
        if i_ag is not None:
            paper.arbeitsgruppen_satz = norm(lines[i_ag])
            for line in lines[i_ag + 1 :]:
                if _BULLET.match(line):
                    paper.arbeitsgruppen.append(norm(line))
                elif line.strip():
                    break

    # Anlage 4: Grundsätze zur Förderung von Integration
    if i_anlage4 is not None:
        intro: list[str] = []
        for line in lines[i_anlage4 + 1 :]:
            bullet = _BULLET.match(line)
            if bullet:
                n = len(paper.grundsaetze) + 1
                paper.grundsaetze.append(Item(f"Grundsatz-{n}", "", str(n), norm(bullet.group(1))))
            elif not paper.grundsaetze:
                intro.append(line)
        paper.grundsaetze_einleitung = norm_lines(intro)
    return paper


PAPER = parse_paper(SEED_TEXT)


@dataclass(frozen=True)
class Sitzung:
    """Eine Zeile „Beschlussorgan …“ oder „Beratungsfolge …“ im Kopf der Vorlage."""

    art: str  # „Beschlussorgan“ oder „Beratungsfolge“
    gremium: str
    datum: dt.date
    top: str
    vorlagen_nr: str


@dataclass
class Kopf:
    fachbereich: str = ""
    datum: dt.date | None = None
    titel: str = ""  # Bezeichnung des Tagesordnungspunktes
    ankreuzfelder: dict[str, bool] = field(default_factory=dict)  # Beschriftung -> angekreuzt?
    sitzungen: list[Sitzung] = field(default_factory=list)


_CHECKBOX = re.compile(r'<input( checked="")? type="checkbox"/>\s*([^<\t]*[^<\t\s])')
_SITZUNG = re.compile(
    r"^(Beschlussorgan|Beratungsfolge) (.+?)\tSitzungstermin (\d{1,2})\.(\d{1,2})\.(\d{2})\t"
    r"Tagesordnungspunkt (.+?)\tVorlagen-Nr\. (\S+)\s*$"
)


def parse_kopf(raw: str) -> Kopf:
    """Der Kopf der Vorlage: die Zeilen vor „Beschlussvorschlag:“ (Tabellenzellen durch Tabulatoren
    getrennt, Ankreuzfelder als ``<input type="checkbox"/>``, Sitzungstermine als TT.MM.JJ)."""
    lines = raw.splitlines()
    end = _find(lines, r"^Beschlussvorschlag:\s*$")
    head = lines[: end if end is not None else len(lines)]
    kopf = Kopf()
    i = _find(head, r"^Fachbereich\tDatum\t")
    if i is not None and i + 1 < len(head):
        cells = head[i + 1].split("\t")
        kopf.fachbereich = cells[0].strip()
        kopf.datum = dt.datetime.strptime(cells[1].strip(), "%d.%m.%Y").date()
    for line in head:
        for checked, label in _CHECKBOX.findall(line):
            kopf.ankreuzfelder[label] = bool(checked)
        if match := _SITZUNG.match(line):
            art, gremium, day, month, year, top, nummer = match.groups()
            datum = dt.date(2000 + int(year), int(month), int(day))
            kopf.sitzungen.append(Sitzung(art, gremium.strip(), datum, top.strip(), nummer))
        if match := re.match(r"^Bezeichnung des Tagesordnungspunktes (.+?)\s*$", line):
            kopf.titel = norm(match.group(1))
    return kopf


KOPF = parse_kopf(SEED_TEXT)


def parsed_counts(paper: Paper) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kuerzel in FIELDS:
        section = paper.fields.get(kuerzel, FieldSection())
        counts[f"{kuerzel}-A"] = len(section.a)
        counts[f"{kuerzel}-B-Ziele"] = len(section.b_ziele)
        counts[f"{kuerzel}-B-Aktivitaeten"] = len(section.b_aktivitaeten)
        counts[f"{kuerzel}-B-laufend"] = sum(1 for i in section.b_aktivitaeten if i.category == "laufend")
        counts[f"{kuerzel}-B-geplant"] = sum(1 for i in section.b_aktivitaeten if i.category == "geplant")
        counts[f"{kuerzel}-C"] = len(section.c)
        counts[f"{kuerzel}-C-Unterziele"] = sum(len(i.subitems) for i in section.c)
        counts[f"{kuerzel}-C-Aktivitaeten"] = len(section.c_aktivitaeten)
    counts["IKD-Leitlinien"] = len(paper.dialog)
    counts["IKD-Empfehlungen"] = sum(len(i.subitems) for i in paper.dialog)
    for kuerzel in [*FIELDS, "IKD"]:
        counts[f"A2-{kuerzel}"] = len(paper.anlage2.get(kuerzel, []))
    counts["Prozess"] = len(paper.prozess)
    counts["Arbeitsgruppen-Handlungsfelder"] = len(paper.arbeitsgruppen)
    counts["Grundsaetze"] = len(paper.grundsaetze)
    counts["Beschluss"] = len(paper.beschluss)
    return counts


# ---------------------------------------------------------------------------------------------------
# Daten
# ---------------------------------------------------------------------------------------------------


@functools.cache
def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def leitlinien_file(name: str) -> dict[str, Any]:
    path = DATA / "leitlinien" / name
    assert path.is_file(), f"data/leitlinien/{name} fehlt"
    document = load(path)
    assert isinstance(document, dict), f"data/leitlinien/{name}: oben keine Zuordnung"
    return document


def leitlinien_entries(name: str) -> list[dict[str, Any]]:
    entries = leitlinien_file(name).get("leitlinien") or []
    assert isinstance(entries, list), f"data/leitlinien/{name}: 'leitlinien' ist keine Liste"
    return [e for e in entries if isinstance(e, dict)]


def entry_by_id(name: str, entry_id: str) -> dict[str, Any]:
    matches = [e for e in leitlinien_entries(name) if str(e.get("id", "")) == entry_id]
    assert len(matches) == 1, f"data/leitlinien/{name}: {len(matches)} Einträge mit id {entry_id} (erwartet: genau 1)"
    return matches[0]


def arbeitsgruppen_erlaeuterung() -> dict[str, Any]:
    """Die Erläuterung in ``prozess.yaml``, die mit dem Satz der Anlage 3, Nr. 2 beginnt."""
    found = [
        e
        for e in leitlinien_file("prozess.yaml").get("erlaeuterungen") or []
        if isinstance(e, dict) and norm(str(e.get("text", ""))).startswith(PAPER.arbeitsgruppen_satz)
    ]
    assert PAPER.arbeitsgruppen_satz, "Vorlage: Anlage 3, Nr. 2 ohne Satz zu den Arbeitsgruppen"
    assert len(found) == 1, (
        f"data/leitlinien/prozess.yaml: {len(found)} Erläuterungen beginnen mit "
        f"{PAPER.arbeitsgruppen_satz!r} (erwartet: genau 1)"
    )
    return found[0]


def arbeitsgruppen_in_data() -> list[str]:
    text = str(arbeitsgruppen_erlaeuterung().get("text", ""))
    return [norm(line) for line in text.splitlines() if _BULLET.match(line)]


MEASURE_FILES = sorted((DATA / "massnahmen").glob("*.yaml"))


@functools.cache
def measures() -> tuple[dict[str, Any], ...]:
    result: list[dict[str, Any]] = []
    for path in MEASURE_FILES:
        document = load(path)
        assert isinstance(document, dict), f"{path.name}: oben keine Zuordnung"
        result.append(document)
    return tuple(result)


def quellen(measure: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for q in (measure.get("quellen") or []) if isinstance(q, dict)]


def nummer_of(quelle: dict[str, Any]) -> str:
    return " ".join(str(quelle.get("nummer") or "").split())


def as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


# ---------------------------------------------------------------------------------------------------
# Testfälle
# ---------------------------------------------------------------------------------------------------


def _case(item: Item) -> Any:
    return pytest.param(item, id=item.key)


@dataclass(frozen=True)
class GuidelineCase:
    item: Item
    file: str
    entry_id: str
    nummer: str
    art: str


def guideline_cases() -> Iterator[Any]:
    for kuerzel, (_, _, file) in FIELDS.items():
        section = PAPER.fields.get(kuerzel, FieldSection())
        for item in section.a:
            yield GuidelineCase(item, file, f"L-{kuerzel}-A{item.nummer}", item.nummer, "strategisches_ziel")
        for item in section.b_ziele:
            yield GuidelineCase(item, file, f"L-{kuerzel}-B{item.nummer}", item.nummer, "operatives_ziel")
        for item in section.c:
            yield GuidelineCase(
                item, file, f"L-{kuerzel}-{item.nummer.replace(' ', '')}", item.nummer, "integrationsleitlinie"
            )
    for item in PAPER.dialog:
        yield GuidelineCase(item, IKD[2], f"L-IKD-{item.nummer}", item.nummer, "dialogleitlinie")
    for item in PAPER.grundsaetze:
        yield GuidelineCase(item, "grundsaetze.yaml", f"G-{item.nummer}", item.nummer, "grundsatz")
    for item in PAPER.prozess:
        yield GuidelineCase(item, "prozess.yaml", f"P-{item.nummer}", "", "prozessgrundsatz")
    for item in PAPER.beschluss:
        yield GuidelineCase(item, "beschluss.yaml", f"B-{item.nummer}", item.nummer, "beschluss")


GUIDELINE_CASES = list(guideline_cases())
ACTIVITIES: dict[str, list[Item]] = {
    k: [*PAPER.fields.get(k, FieldSection()).b_aktivitaeten, *PAPER.fields.get(k, FieldSection()).c_aktivitaeten]
    for k in FIELDS
}
ALL_ACTIVITIES = [item for items in ACTIVITIES.values() for item in items]
ANLAGE2_ITEMS = [item for items in PAPER.anlage2.values() for item in items]


def activity_nummer(item: Item) -> str:
    """Nummer der Fundstelle in ``quellen``: ``B 1.10`` bzw. ``C a)``."""
    return item.nummer if item.nummer.startswith("C ") else f"B {item.nummer}"


# ---------------------------------------------------------------------------------------------------
# Tests: Korrekturen und Parser
# ---------------------------------------------------------------------------------------------------


def test_korrekturen_table_exists() -> None:
    assert KORREKTUREN.is_file(), "data/KORREKTUREN.md fehlt"
    assert KORREKTUR_ROWS, (
        "data/KORREKTUREN.md enthält keine Tabelle | Fundstelle | extrahiert | korrigiert | Begründung |"
    )


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=f"{n:02d}-{r.extrahiert[:30]}") for n, r in enumerate(KORREKTUR_ROWS, start=1)]
)
def test_korrektur_matches_extraction(row: Korrektur) -> None:
    assert row.extrahiert, f"{row.fundstelle}: Spalte 'extrahiert' ist leer"
    assert row.extrahiert != row.korrigiert, f"{row.fundstelle}: 'extrahiert' und 'korrigiert' sind gleich"
    assert row.extrahiert in SEED_TEXT, (
        f"{row.fundstelle}: {row.extrahiert!r} steht nicht in der Extraktion (veraltete Korrektur?)"
    )
    earlier = KORREKTUR_ROWS[: KORREKTUR_ROWS.index(row)]
    assert row.extrahiert in apply_korrekturen(SEED_TEXT, earlier), (
        f"{row.fundstelle}: {row.extrahiert!r} ist durch eine frühere Korrektur schon ersetzt"
    )
    if row.extrahiert not in row.korrigiert:
        assert row.extrahiert not in apply_korrekturen(SEED_TEXT, KORREKTUR_ROWS)


@pytest.mark.parametrize("section", sorted(EXPECTED_COUNTS))
def test_parser_finds_expected_count(section: str) -> None:
    found = parsed_counts(PAPER)[section]
    assert found == EXPECTED_COUNTS[section], (
        f"Parser findet in {section} {found} Einträge, die Vorlage hat {EXPECTED_COUNTS[section]}"
    )


def test_parser_numbering_is_consecutive() -> None:
    """B-Nummern je Ebene fortlaufend (1.1, 1.2, ...), damit kein Eintrag übersprungen wird."""
    for kuerzel, section in PAPER.fields.items():
        numbers = [
            tuple(int(p) for p in i.nummer.split("."))
            for i in sorted(
                section.b_ziele + section.b_aktivitaeten, key=lambda i: tuple(int(p) for p in i.nummer.split("."))
            )
        ]
        for (major, minor), previous in zip(numbers, [(0, 0), *numbers], strict=False):
            expected_minor = previous[1] + 1 if previous[0] == major else 1
            assert minor == expected_minor, f"{kuerzel}: B {major}.{minor} folgt auf B {previous[0]}.{previous[1]}"
        letters = [i.nummer for i in section.c_aktivitaeten]
        assert letters == [f"C {chr(ord('a') + n)})" for n in range(len(letters))], f"{kuerzel}: {letters}"


# ---------------------------------------------------------------------------------------------------
# Tests: Anzahlen in data/
# ---------------------------------------------------------------------------------------------------


def data_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for kuerzel, (key, _, file) in FIELDS.items():
        entries = leitlinien_entries(file)
        ids = [str(e.get("id", "")) for e in entries]
        counts[f"{kuerzel}-A"] = sum(1 for i in ids if re.fullmatch(rf"L-{kuerzel}-A\d+", i))
        counts[f"{kuerzel}-B-Ziele"] = sum(1 for i in ids if re.fullmatch(rf"L-{kuerzel}-B\d+\.\d+", i))
        c_entries = [e for e in entries if re.fullmatch(rf"L-{kuerzel}-C\d+", str(e.get("id", "")))]
        counts[f"{kuerzel}-C"] = len(c_entries)
        counts[f"{kuerzel}-C-Unterziele"] = sum(len(as_list(e.get("unterziele"))) for e in c_entries)
        field_quellen = [q for m in measures() if m.get("handlungsfeld") == key for q in quellen(m)]
        b_quellen = [q for q in field_quellen if q.get("anlage") == 1 and re.fullmatch(r"B \d+\.\d+", nummer_of(q))]
        by_nummer = {activity_nummer(i): i.category for i in ACTIVITIES[kuerzel]}
        counts[f"{kuerzel}-B-Aktivitaeten"] = len(b_quellen)
        counts[f"{kuerzel}-B-laufend"] = sum(1 for q in b_quellen if by_nummer.get(nummer_of(q)) == "laufend")
        counts[f"{kuerzel}-B-geplant"] = sum(1 for q in b_quellen if by_nummer.get(nummer_of(q)) == "geplant")
        counts[f"{kuerzel}-C-Aktivitaeten"] = sum(
            1 for q in field_quellen if q.get("anlage") == 1 and re.fullmatch(r"C [a-z]\)", nummer_of(q))
        )
    dialog = leitlinien_entries(IKD[2])
    counts["IKD-Leitlinien"] = len(dialog)
    counts["IKD-Empfehlungen"] = sum(len(as_list(e.get("empfehlungen"))) for e in dialog)
    for kuerzel, key in FIELD_KEYS.items():
        counts[f"A2-{kuerzel}"] = sum(
            1 for m in measures() if m.get("handlungsfeld") == key for q in quellen(m) if q.get("anlage") == 2
        )
    counts["Prozess"] = len(leitlinien_entries("prozess.yaml"))
    counts["Arbeitsgruppen-Handlungsfelder"] = len(arbeitsgruppen_in_data())
    counts["Grundsaetze"] = len(leitlinien_entries("grundsaetze.yaml"))
    counts["Beschluss"] = len(leitlinien_entries("beschluss.yaml"))
    return counts


@pytest.mark.parametrize("section", sorted(EXPECTED_COUNTS))
def test_data_holds_expected_count(section: str) -> None:
    found = data_counts()[section]
    assert found == EXPECTED_COUNTS[section], (
        f"data/ enthält in {section} {found} Einträge, die Vorlage hat {EXPECTED_COUNTS[section]}"
    )


@pytest.mark.parametrize(
    "file", [*(f[2] for f in FIELDS.values()), IKD[2], "grundsaetze.yaml", "prozess.yaml", "beschluss.yaml"]
)
def test_leitlinien_file_has_exactly_the_paper_entries(file: str) -> None:
    expected = [c.entry_id for c in GUIDELINE_CASES if c.file == file]
    found = [str(e.get("id", "")) for e in leitlinien_entries(file)]
    missing = [i for i in expected if i not in found]
    extra = [i for i in found if i not in expected]
    assert not missing and not extra, f"data/leitlinien/{file}: fehlt {missing}, nicht in der Vorlage {extra}"
    assert found == expected, f"data/leitlinien/{file}: Reihenfolge weicht von der Vorlage ab: {found}"


# ---------------------------------------------------------------------------------------------------
# Tests: jeder Eintrag der Vorlage in data/
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", [pytest.param(c, id=c.item.key) for c in GUIDELINE_CASES])
def test_guideline_in_data(case: GuidelineCase) -> None:
    entry = entry_by_id(case.file, case.entry_id)
    item = case.item
    if case.nummer:
        assert str(entry.get("nummer", "")) == case.nummer, (
            f"{case.entry_id}: nummer {entry.get('nummer')!r}, Vorlage {case.nummer!r}"
        )
    assert entry.get("art") == case.art, f"{case.entry_id}: art {entry.get('art')!r}, erwartet {case.art!r}"
    assert norm(str(entry.get("text", ""))) == item.text, f"{case.entry_id}: text weicht von der Vorlage ab"
    if item.ebene:
        assert norm(str(entry.get("ebene", ""))) == item.ebene, (
            f"{case.entry_id}: ebene {entry.get('ebene')!r}, Vorlage {item.ebene!r}"
        )
    if case.art == "integrationsleitlinie":
        assert len(as_list(entry.get("unterziele"))) == len(item.subitems), f"{case.entry_id}: Anzahl der Unterziele"
    if case.art == "dialogleitlinie":
        assert len(as_list(entry.get("empfehlungen"))) == len(item.subitems), (
            f"{case.entry_id}: Anzahl der Empfehlungen"
        )
    if case.art == "beschluss":
        assert item.begruendung, f"Vorlage: keine Begründung zu Punkt {item.nummer} gefunden"
        assert norm(str(entry.get("begruendung", ""))) == item.begruendung, f"{case.entry_id}: begruendung weicht ab"


def _subitem_cases() -> Iterator[Any]:
    for kuerzel, (_, _, file) in FIELDS.items():
        for item in PAPER.fields.get(kuerzel, FieldSection()).c:
            for n, text in enumerate(item.subitems, start=1):
                yield pytest.param(
                    file, f"L-{kuerzel}-C{item.nummer[2:]}", "unterziele", n, text, id=f"{item.key}-U{n}"
                )
    for item in PAPER.dialog:
        for n, text in enumerate(item.subitems, start=1):
            yield pytest.param(IKD[2], f"L-IKD-{item.nummer}", "empfehlungen", n, text, id=f"{item.key}-E{n}")


@pytest.mark.parametrize(("file", "entry_id", "key", "position", "text"), list(_subitem_cases()))
def test_subitem_in_data(file: str, entry_id: str, key: str, position: int, text: str) -> None:
    """Unterziele (C) und Handlungsempfehlungen (Interkultureller Dialog), in der Reihenfolge der Vorlage."""
    values = as_list(entry_by_id(file, entry_id).get(key))
    assert len(values) >= position, f"{entry_id}: {key} Nr. {position} fehlt: {text!r}"
    assert norm(values[position - 1]) == text, f"{entry_id}: {key} Nr. {position} weicht von der Vorlage ab"


@pytest.mark.parametrize(
    ("file", "key", "expected"),
    [
        *(
            pytest.param(f[2], "einleitung", PAPER.fields.get(k, FieldSection()).einleitung, id=f"{k}-Einleitung")
            for k, f in FIELDS.items()
        ),
        pytest.param("grundsaetze.yaml", "einleitung", PAPER.grundsaetze_einleitung, id="Grundsaetze-Einleitung"),
        pytest.param(IKD[2], "schluss", PAPER.dialog_schluss, id="IKD-Schluss"),
    ],
)
def test_framing_text_in_data(file: str, key: str, expected: str) -> None:
    assert expected, f"Vorlage: {key} zu {file} nicht gefunden"
    assert norm(str(leitlinien_file(file).get(key, ""))) == expected, (
        f"data/leitlinien/{file}: {key} weicht von der Vorlage ab"
    )


@pytest.mark.parametrize("item", [_case(i) for i in ALL_ACTIVITIES])
def test_activity_is_a_measure(item: Item) -> None:
    nummer = activity_nummer(item)
    found = [
        (m, q)
        for m in measures()
        for q in quellen(m)
        if q.get("anlage") == 1 and nummer_of(q) == nummer and m.get("handlungsfeld") == FIELD_KEYS[item.feld]
    ]
    assert len(found) == 1, (
        f"{item.key}: {len(found)} Maßnahmen mit Fundstelle Anlage 1, {nummer} (erwartet: genau 1): {item.text[:80]!r}"
    )
    measure, quelle = found[0]
    assert norm(str(quelle.get("text", ""))) == item.text, (
        f"{measure.get('id')}: Wortlaut von {nummer} weicht von der Vorlage ab"
    )
    # Aus dieser Überschrift leitet tests/test_shipped_history.py ab, welchen Status die Vorlage trägt.
    heading = {"laufend": "Laufende Aktivitäten", "geplant": "Geplante Aktivitäten"}[item.category]
    assert norm(str(quelle.get("abschnitt", ""))).endswith(f"> {heading}"), (
        f"{measure.get('id')}: abschnitt von {nummer} endet nicht mit „{heading}“ wie in der Vorlage"
    )


@pytest.mark.parametrize("item", [_case(i) for i in ANLAGE2_ITEMS])
def test_anlage2_item_is_a_prioritised_measure(item: Item) -> None:
    key = FIELD_KEYS[item.feld]
    found = [
        m for m in measures() for q in quellen(m) if q.get("anlage") == 2 and norm(str(q.get("text", ""))) == item.text
    ]
    containing = [
        str(m.get("id"))
        for m in measures()
        for q in quellen(m)
        if q.get("anlage") == 2 and item.text in norm(str(q.get("text", "")))
    ]
    assert len(found) == 1, (
        f"{item.key}: {len(found)} Maßnahmen mit diesem Wortlaut als Fundstelle Anlage 2 (erwartet: genau 1; "
        f"enthalten in {containing}): {item.text[:100]!r}"
    )
    assert found[0].get("priorisiert") is True, f"{found[0].get('id')}: priorisiert muss true sein"
    assert found[0].get("handlungsfeld") == key, (
        f"{found[0].get('id')}: handlungsfeld {found[0].get('handlungsfeld')!r}, erwartet {key!r}"
    )


def expected_start(measure: dict[str, Any]) -> list[tuple[dt.date, str]]:
    """Erste Verlaufseinträge laut Vorlage: eine laufende Aktivität (Anlage 1) -> in_umsetzung, eine
    geplante -> geplant; sagt die Vorlage weniger (nur in Anlage 2 genannt), dann vorgeschlagen: die
    Vorlage ist ein Beschlussvorschlag (Nr. 2) für die Sitzung des Rates am 30.10.2008, kein Auftrag.
    Soziale Stadt Gahmen beginnt mit dem Ratsbeschluss vom 04.09.2008, den Anlage 2 berichtet: Er hat das
    integrierte Handlungskonzept beschlossen (geplant), keine Umsetzung beauftragt."""
    kuerzel = next((k for k, v in FIELD_KEYS.items() if v == measure.get("handlungsfeld")), "")
    by_nummer = {activity_nummer(i): i for i in ACTIVITIES.get(kuerzel, [])}
    categories = {
        by_nummer[nummer_of(q)].category for q in quellen(measure) if q.get("anlage") == 1 and nummer_of(q) in by_nummer
    }
    anlage2 = [norm(str(q.get("text", ""))) for q in quellen(measure) if q.get("anlage") == 2]
    if "laufend" in categories:
        status = "in_umsetzung"
    elif "geplant" in categories:
        status = "geplant"
    else:
        assert anlage2, f"{measure.get('id')}: weder Aktivität der Anlage 1 noch Eintrag der Anlage 2"
        status = "vorgeschlagen"
    if any("Soziale Stadt Gahmen" in text for text in anlage2):
        return [(GAHMEN_BESCHLUSS, "geplant"), (VORLAGE_DATUM, status)]
    return [(VORLAGE_DATUM, status)]


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in MEASURE_FILES])
def test_measure_quotes_only_paper_items(path: Path) -> None:
    measure = load(path)
    assert isinstance(measure, dict)
    mid = str(measure.get("id"))
    assert mid == path.stem, f"{path.name}: id {mid!r} ungleich Dateiname"
    kuerzel = mid.split("-")[1] if mid.count("-") >= 2 else ""
    assert measure.get("handlungsfeld") == FIELD_KEYS.get(kuerzel), (
        f"{mid}: handlungsfeld passt nicht zum Kürzel {kuerzel!r}"
    )
    sources = quellen(measure)
    assert sources, f"{mid}: keine quellen"
    activity_texts = {activity_nummer(i): i.text for i in ACTIVITIES.get(kuerzel, [])}
    anlage2_texts = [i.text for i in PAPER.anlage2.get(kuerzel, [])]
    for quelle in sources:
        text = norm(str(quelle.get("text", "")))
        if quelle.get("anlage") == 1:
            nummer = nummer_of(quelle)
            assert nummer in activity_texts, f"{mid}: Anlage 1, {nummer!r} ist keine Aktivität dieses Handlungsfelds"
            assert text == activity_texts[nummer], f"{mid}: Wortlaut von Anlage 1, {nummer} weicht von der Vorlage ab"
        elif quelle.get("anlage") == 2:
            assert text in anlage2_texts, (
                f"{mid}: Fundstelle Anlage 2 ist kein Eintrag der Anlage 2 dieses Handlungsfelds: {text[:80]!r}"
            )
        else:
            pytest.fail(
                f"{mid}: Fundstelle mit anlage {quelle.get('anlage')!r}; Maßnahmen stehen nur in Anlage 1 und 2"
            )
    prioritised = any(q.get("anlage") == 2 for q in sources)
    assert bool(measure.get("priorisiert", False)) is prioritised, (
        f"{mid}: priorisiert muss {str(prioritised).lower()} sein (Anlage 2)"
    )

    expected = expected_start(measure)
    verlauf = [v for v in (measure.get("verlauf") or []) if isinstance(v, dict)]
    actual = [(v.get("datum"), v.get("status")) for v in verlauf[: len(expected)]]
    assert actual == expected, f"{mid}: erste Verlaufseinträge {actual}, laut Vorlage {expected}"


# ---------------------------------------------------------------------------------------------------
# Tests: nichts erfunden
# ---------------------------------------------------------------------------------------------------


def quoted_strings(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(Schlüssel, Text) aller Zitate in einem Dokument: jeder Text außer unter ``NOT_QUOTED_KEYS``."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from quoted_strings(v, str(k))
    elif isinstance(node, list):
        for v in node:
            yield from quoted_strings(v, key)
    elif isinstance(node, str) and key not in NOT_QUOTED_KEYS:
        yield key, node


DATA_FILES = sorted([*(DATA / "leitlinien").glob("*.yaml"), *MEASURE_FILES, *(DATA / "gruppen").glob("*.yaml")])


@pytest.mark.parametrize("path", [pytest.param(p, id=p.relative_to(DATA).as_posix()) for p in DATA_FILES])
def test_no_invented_wording(path: Path) -> None:
    document = load(path)
    invented = [
        f"{key}: {text[:100]!r}" for key, text in quoted_strings(document) if norm(text) not in PAPER.normalized
    ]
    assert not invented, f"{path.relative_to(ROOT)}: Text steht so nicht in der Vorlage:\n" + "\n".join(invented)
    markup = [f"{key}: {text[:100]!r}" for key, text in quoted_strings(document) if strip_emphasis(text) != text]
    assert not markup, f"{path.relative_to(ROOT)}: Hervorhebung (*) aus der Extraktion im Text:\n" + "\n".join(markup)


# ---------------------------------------------------------------------------------------------------
# Tests: Kopf der Vorlage (luedialog.yaml, vorlage:) und Anlage 3, Nr. 2
# ---------------------------------------------------------------------------------------------------


def test_kopf_parser_finds_the_printed_header() -> None:
    assert KOPF.fachbereich and KOPF.datum and KOPF.titel, f"Kopf der Vorlage nicht erkannt: {KOPF}"
    assert len(KOPF.sitzungen) == KOPF_SITZUNGEN, f"Sitzungen im Kopf: {KOPF.sitzungen}"
    assert len(KOPF.ankreuzfelder) == KOPF_ANKREUZFELDER, f"Ankreuzfelder im Kopf: {KOPF.ankreuzfelder}"
    assert tuple(k for k, v in KOPF.ankreuzfelder.items() if v) == KOPF_ANGEKREUZT


def config_vorlage() -> dict[str, Any]:
    config = load(ROOT / "luedialog.yaml")
    assert isinstance(config, dict) and isinstance(config.get("vorlage"), dict), "luedialog.yaml: vorlage fehlt"
    vorlage: dict[str, Any] = config["vorlage"]
    return vorlage


def ja_nein(value: Any) -> bool | None:
    """Ein Wahrheitswert aus YAML (``true``/``false``) oder wie luedialog ihn liest (``ja``/``nein``)."""
    if isinstance(value, bool):
        return value
    return {"ja": True, "nein": False}.get(str(value).lower()) if value is not None else None


def _angekreuzt(ja: str, nein: str) -> bool | None:
    """``True``, wenn das Feld ``ja`` angekreuzt ist, ``False`` bei ``nein``, sonst ``None``."""
    felder = KOPF.ankreuzfelder
    assert ja in felder and nein in felder, f"Ankreuzfelder „{ja}“/„{nein}“ nicht im Kopf: {felder}"
    return True if felder[ja] and not felder[nein] else (False if felder[nein] and not felder[ja] else None)


def _beratungsfolge(value: Any) -> list[tuple[str, Any, str, bool]]:
    entries = value if isinstance(value, list) else []
    return [
        (str(b.get("gremium")), b.get("sitzung"), str(b.get("top")), ja_nein(b.get("beschlussorgan")) is True)
        for b in entries
        if isinstance(b, dict)
    ]


def _kopf_cases() -> Iterator[Any]:
    sitzungen = sorted(KOPF.sitzungen, key=lambda s: s.datum)  # in der Reihenfolge der Beratung
    nummern = sorted({s.vorlagen_nr for s in KOPF.sitzungen})
    yield pytest.param("nummer", lambda v: str(v), nummern[0] if len(nummern) == 1 else nummern, id="Vorlagen-Nr")
    yield pytest.param("datum", lambda v: v, KOPF.datum, id="Datum")
    yield pytest.param("fachbereich", lambda v: str(v), KOPF.fachbereich, id="Fachbereich")
    yield pytest.param("titel", lambda v: norm(str(v)), KOPF.titel, id="Bezeichnung")
    yield pytest.param("oeffentlich", ja_nein, _angekreuzt("öffentlich", "nichtöffentlich"), id="oeffentlich")
    yield pytest.param("folgekosten", ja_nein, _angekreuzt("Folgekosten/Jahr", "keine Folgekosten"), id="Folgekosten")
    yield pytest.param(
        "beratungsfolge",
        _beratungsfolge,
        [(s.gremium, s.datum, s.top, s.art == "Beschlussorgan") for s in sitzungen],
        id="Beratungsfolge",
    )


@pytest.mark.parametrize(("key", "read", "expected"), list(_kopf_cases()))
def test_vorlage_header_in_config(key: str, read: Any, expected: Any) -> None:
    """Jede Angabe im Kopf der Vorlage steht unter ``vorlage:`` in luedialog.yaml, wie gedruckt."""
    vorlage = config_vorlage()
    assert key in vorlage, f"luedialog.yaml: vorlage.{key} fehlt (Vorlage: {expected!r})"
    assert read(vorlage[key]) == expected, f"luedialog.yaml: vorlage.{key} = {vorlage[key]!r}, Vorlage: {expected!r}"


def test_header_is_not_restated_as_text() -> None:
    """Der Kopf steht nur als Daten in luedialog.yaml, nicht noch einmal als „Schlüssel: Wert“-Zeilen."""
    labels = r"Fachbereich|Datum|Beschlussorgan|Beratungsfolge|Sitzungstermin|Tagesordnungspunkt|Vorlagen-Nr\."
    restated = [
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in sorted((DATA / "leitlinien").glob("*.yaml"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(rf"^\s*(?:{labels}):", line)
    ]
    assert not restated, "Kopf der Vorlage als Text:\n" + "\n".join(restated)


def test_anlage3_arbeitsgruppen_in_data() -> None:
    """Anlage 3, Nr. 2: der Satz und die sechs Handlungsfelder der Arbeitsgruppen, in der Reihenfolge der Vorlage."""
    erlaeuterung = arbeitsgruppen_erlaeuterung()
    assert arbeitsgruppen_in_data() == PAPER.arbeitsgruppen, "Handlungsfelder der Arbeitsgruppen weichen ab"
    assert norm(str(erlaeuterung.get("text", ""))) == " ".join([PAPER.arbeitsgruppen_satz, *PAPER.arbeitsgruppen])
    assert "Interkulturelles Zusammenleben" in PAPER.arbeitsgruppen


@pytest.mark.parametrize(
    "measure",
    [pytest.param(m, id=str(m.get("id"))) for m in measures() if m.get("verantwortlich")],
)
def test_verantwortlich_quotes_the_paper(measure: dict[str, Any]) -> None:
    """Eine Verantwortung aus der Vorlage steht wörtlich („…“) in der Fundstelle der Maßnahme."""
    quoted = re.findall(r"„([^“]+)“", str(measure.get("verantwortlich")))
    assert quoted, f"{measure.get('id')}: verantwortlich ohne Zitat der Vorlage: {measure.get('verantwortlich')!r}"
    texts = " ".join(norm(str(q.get("text", ""))) for q in quellen(measure))
    for quote in quoted:
        assert norm(quote) in texts, f"{measure.get('id')}: „{quote}“ steht nicht in den Fundstellen"


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in MEASURE_FILES])
def test_history_notes_quote_only_the_paper(path: Path) -> None:
    """Was eine Notiz im Verlauf in „…“ zitiert, steht so in der Vorlage (Auslassungen mit „…“)."""
    wrong = [
        f"{entry.get('datum')}: „{part.strip()}“"
        for entry in load(path).get("verlauf") or []
        for quote in re.findall(r"„([^“]+)“", str(entry.get("notiz", "")))
        for part in quote.split("…")
        if part.strip() and norm(part) not in PAPER.normalized
    ]
    assert not wrong, f"{path.stem}: Zitat steht so nicht in der Vorlage:\n" + "\n".join(wrong)
