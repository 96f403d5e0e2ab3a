"""Rules for indicators: references to guidelines and measures, target and unit, breakdowns from
luedialog.yaml, and every recorded value (its range, period, source, order and corrections).

The functions ``value_problem``, ``breakdown_problems`` and ``source_problem`` are the rules for a
single value; ``luedialog wert`` asks them before it plans a new entry, so the command and
``pruefen`` say the same.
"""

from __future__ import annotations

import re
from datetime import date

from luedialog.dates import german
from luedialog.files.read import KeyPath, format_key_path
from luedialog.findings import Finding, error, warning
from luedialog.model.config import Config
from luedialog.model.indikatoren import EINHEITEN, Indikator, Messwert, Wert, periode_text, zahl
from luedialog.model.schema import suggest
from luedialog.queries.indikatoren import effective
from luedialog.snapshot import Snapshot
from luedialog.text import count

# a value needs a real source: these say there is none (yet)
SOURCE_PLACEHOLDERS = {
    "",
    "-",
    "–",
    "?",
    "noch festzulegen",
    "unbekannt",
    "offen",
    "tbd",
    "todo",
    "n/a",
    "k. a.",
    "k.a.",
}
DIRECTIONS_FOR_YES_NO = ("erreicht_bis", "gleich_bleiben")


def value_problem(einheit: str, value: Messwert | None, what: str = "Der Wert") -> str | None:
    """Why ``value`` does not fit the unit (German), or None."""
    if value is None:
        return None
    label = EINHEITEN.get(einheit, einheit)
    if einheit == "ja_nein":
        return None if isinstance(value, bool) else f"{what} muss ja oder nein sein (Einheit {label})."
    if isinstance(value, bool):
        return f"{what} muss eine Zahl sein (Einheit {label}), nicht ja oder nein."
    if einheit == "prozent" and not 0 <= value <= 100:
        return f"{what} {zahl(value)} liegt nicht zwischen 0 und 100 (Einheit Prozent)."
    if einheit == "anzahl" and (value < 0 or not float(value).is_integer()):
        return f"{what} {zahl(value)} ist keine Anzahl (eine ganze Zahl ab 0)."
    return None


def breakdown_problems(config: Config, ind: Indikator, pairs: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """Why a value's breakdown does not fit the indicator and luedialog.yaml: (message, hint) each."""
    problems = []
    known = config.breakdowns()
    for name, value in pairs:
        if name not in ind.aufschluesselungen:
            if ind.aufschluesselungen:
                hint = suggest(name, ind.aufschluesselungen) or "Erlaubt: " + ", ".join(ind.aufschluesselungen) + "."
            else:
                hint = f"Ergänzen Sie „aufschluesselungen: [{name}]“ beim Indikator."
            problems.append((f"Der Indikator {ind.id} ist nicht nach „{name}“ aufgeschlüsselt.", hint))
            continue
        values = known.get(name, ())
        if value not in values:
            hint = suggest(value, values) or "Erlaubt: " + ", ".join(values) + "."
            problems.append((f"„{value}“ ist kein Wert der Aufschlüsselung „{name}“ (luedialog.yaml).", hint))
    return problems


def source_problem(quelle: str) -> str | None:
    if quelle.strip().casefold() in SOURCE_PLACEHOLDERS:
        return f"Jeder Wert braucht eine Quelle; „{quelle.strip()}“ nennt keine (z. B. Schulstatistik 2010/11)."
    return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _referenced_text(snap: Snapshot, ind: Indikator) -> str | None:
    ll = snap.leitlinien.get(ind.leitlinie)
    if ll is None:
        return None
    if ind.unterziel is not None:
        return ll.unterziele[ind.unterziel - 1] if ind.unterziel <= len(ll.unterziele) else None
    if ind.empfehlung is not None:
        return ll.empfehlungen[ind.empfehlung - 1] if ind.empfehlung <= len(ll.empfehlungen) else None
    return ll.text


class _Checker:
    def __init__(self, snap: Snapshot, ind: Indikator, stichtag: date) -> None:
        self.snap = snap
        self.ind = ind
        self.stichtag = stichtag
        self.findings: list[Finding] = []

    def line(self, *path: str | int) -> int:
        return self.snap.line(self.ind.datei, path)

    def fail(self, path: KeyPath, code: str, message: str, hint: str = "") -> None:
        key = format_key_path(path)
        self.findings.append(error(self.ind.datei, self.line(*path), code, message, hint=hint, key=key))

    def warn(self, path: KeyPath, code: str, message: str, hint: str = "") -> None:
        key = format_key_path(path)
        self.findings.append(warning(self.ind.datei, self.line(*path), code, message, hint=hint, key=key))

    def references(self) -> None:
        ind, snap = self.ind, self.snap
        ll = snap.leitlinien.get(ind.leitlinie)
        if ll is None:
            if not snap.may_exist("Leitlinie", ind.leitlinie):
                hint = (
                    suggest(ind.leitlinie, list(snap.leitlinien)) or "Prüfen Sie die ID (Groß-/Kleinschreibung zählt)."
                )
                self.fail(
                    ("leitlinie",),
                    "verweis-unbekannt",
                    f"Verweis auf eine Leitlinie „{ind.leitlinie}“, die es nicht gibt.",
                    hint,
                )
        else:
            both = ind.unterziel is not None and ind.empfehlung is not None
            if both:
                self.fail(
                    ("empfehlung",),
                    "ziel-doppelt",
                    "Ein Indikator misst ein Unterziel oder eine Handlungsempfehlung, nicht beides.",
                    "Lassen Sie „unterziel“ oder „empfehlung“ weg.",
                )
            for key, items, singular, what, one in (
                ("unterziel", ll.unterziele, "Unterziel", "Unterziele", "kein Unterziel"),
                (
                    "empfehlung",
                    ll.empfehlungen,
                    "Handlungsempfehlung",
                    "Handlungsempfehlungen",
                    "keine Handlungsempfehlung",
                ),
            ):
                number = getattr(ind, key)
                if not both and number is not None and number > len(items):
                    self.fail(
                        (key,),
                        "verweis-unbekannt",
                        f"Die Leitlinie {ll.id} hat {count(len(items), singular, what)}, {one} {number}.",
                        f"Zählen Sie ab 1 in der Reihenfolge von „{what.lower()}“ der Leitlinie."
                        if items
                        else f"Lassen Sie „{key}“ weg und verweisen Sie auf die Leitlinie selbst.",
                    )
            target = _referenced_text(snap, ind)
            if ind.wortlaut is not None and target is not None and _norm(ind.wortlaut) not in _norm(target):
                self.warn(
                    ("wortlaut",),
                    "wortlaut-abweichend",
                    f"Der Wortlaut steht so nicht in {ll.id}"
                    + (f", Unterziel {ind.unterziel}" if ind.unterziel else "")
                    + (f", Empfehlung {ind.empfehlung}" if ind.empfehlung else "")
                    + ".",
                    "Zitieren Sie das Ziel wörtlich, wie es in der Leitlinie steht.",
                )
            if ind.handlungsfeld is not None and ll.handlungsfeld is not None and ind.handlungsfeld != ll.handlungsfeld:
                self.warn(
                    ("handlungsfeld",),
                    "handlungsfeld-abweichend",
                    f"Das Handlungsfeld „{ind.handlungsfeld}“ ist nicht das der Leitlinie {ll.id} "
                    f"(„{ll.handlungsfeld}“).",
                    "Lassen Sie „handlungsfeld“ weg, dann gilt das der Leitlinie.",
                )
        if ind.handlungsfeld is None and (ll is None or ll.handlungsfeld is None) and ll is not None:
            self.fail(
                ("leitlinie",),
                "pflichtfeld",
                f"Die Leitlinie {ll.id} gehört zu keinem Handlungsfeld; der Indikator braucht darum „handlungsfeld“.",
                "Ergänzen Sie „handlungsfeld: …“ (Schlüssel aus luedialog.yaml).",
            )
        for i, ident in enumerate(ind.massnahmen):
            if ident not in snap.massnahmen and not snap.may_exist("Maßnahme", ident):
                hint = suggest(ident, list(snap.massnahmen)) or "Prüfen Sie die ID (Groß-/Kleinschreibung zählt)."
                self.fail(
                    ("massnahmen", i),
                    "verweis-unbekannt",
                    f"Verweis auf eine Maßnahme „{ident}“, die es nicht gibt.",
                    hint,
                )

    def target(self) -> None:
        ind = self.ind
        known = self.snap.config.breakdowns()
        if ind.einheit == "ja_nein" and ind.richtung not in DIRECTIONS_FOR_YES_NO:
            self.fail(
                ("richtung",),
                "richtung-einheit",
                f"Ein Indikator mit ja/nein kann nicht „{ind.richtung}“.",
                "Möglich bei ja/nein: erreicht_bis oder gleich_bleiben.",
            )
        problem = value_problem(ind.einheit, ind.zielwert, "Der Zielwert")
        if problem:
            self.fail(("zielwert",), "zielwert-einheit", problem)
        if ind.richtung == "erreicht_bis":
            if ind.zieljahr is None:
                self.fail(
                    ("richtung",), "pflichtfeld", "„erreicht_bis“ braucht ein Zieljahr.", "Ergänzen Sie „zieljahr: …“."
                )
            if ind.zielwert is None and ind.einheit != "ja_nein":
                self.fail(
                    ("richtung",),
                    "pflichtfeld",
                    "„erreicht_bis“ braucht einen Zielwert.",
                    "Ergänzen Sie „zielwert: …“.",
                )
        if ind.richtung == "gleichstand":
            if ind.zielwert is not None:
                self.fail(
                    ("zielwert",),
                    "zielwert-gleichstand",
                    "Bei „gleichstand“ ist das Ziel, dass zwei Reihen gleich sind; ein Zielwert hat keine Bedeutung.",
                    "Lassen Sie „zielwert“ weg (der erlaubte Abstand ist „toleranz“).",
                )
            if ind.vergleich is None:
                self.fail(
                    ("richtung",),
                    "pflichtfeld",
                    "„gleichstand“ braucht „vergleich“: die Aufschlüsselung, deren zwei Werte verglichen werden.",
                    "Zum Beispiel: vergleich: Migrationshintergrund",
                )
        elif ind.vergleich is not None:
            self.fail(("vergleich",), "vergleich-richtung", "„vergleich“ gilt nur bei der Richtung „gleichstand“.")
        if (
            ind.zieljahr is not None
            and ind.zielwert is None
            and ind.einheit != "ja_nein"
            and ind.richtung in ("steigen", "sinken", "gleich_bleiben")
        ):
            self.warn(
                ("zieljahr",),
                "zieljahr-ohne-zielwert",
                "Ein Zieljahr ohne Zielwert wird nicht bewertet.",
                "Ergänzen Sie „zielwert“ oder lassen Sie „zieljahr“ weg.",
            )
        if ind.toleranz is not None and ind.einheit == "ja_nein":
            self.fail(("toleranz",), "toleranz-einheit", "Bei ja/nein gibt es keine Toleranz.")
        if ind.vergleich is not None and ind.vergleich in known:
            if ind.vergleich not in ind.aufschluesselungen:
                self.fail(
                    ("vergleich",),
                    "vergleich-unbekannt",
                    f"„{ind.vergleich}“ steht nicht in den Aufschlüsselungen des Indikators.",
                    f"Ergänzen Sie es in „aufschluesselungen“: [{ind.vergleich}].",
                )
            values = known[ind.vergleich]
            if len(values) != 2:
                self.fail(
                    ("vergleich",),
                    "vergleich-zwei",
                    f"Verglichen werden zwei Reihen; „{ind.vergleich}“ hat {len(values)} Werte in luedialog.yaml.",
                    "Wählen Sie eine Aufschlüsselung mit genau zwei Werten (z. B. mit, ohne).",
                )

    def values(self) -> None:
        ind, config = self.ind, self.snap.config
        corrected_by: dict[int, int] = {}
        previous: Wert | None = None
        for i, w in enumerate(ind.werte):
            number = i + 1
            path = ("werte", i)
            if (w.jahr is None) == (w.datum is None):
                self.fail(
                    path,
                    "periode",
                    f"Wert {number}: genau eines von „jahr“ und „datum“ ist nötig."
                    if w.jahr is None
                    else f"Wert {number} hat „jahr“ und „datum“; gemeint sein kann nur eines.",
                    "„jahr: 2010“ für einen Jahreswert, „datum: 2010-06-30“ für einen Stichtag.",
                )
            if w.wert is None and w.korrigiert is None:
                self.fail(
                    path,
                    "pflichtfeld",
                    f"Wert {number} hat keinen „wert“.",
                    "Nur eine Korrektur darf einen Wert streichen.",
                )
            problem = value_problem(ind.einheit, w.wert, f"Wert {number}:")
            if problem:
                self.fail((*path, "wert"), "wert-einheit", problem)
            for text, hint in breakdown_problems(config, ind, w.aufschluesselung):
                self.fail((*path, "aufschluesselung"), "aufschluesselung", f"Wert {number}: {text}", hint)
            problem = source_problem(w.quelle)
            if problem:
                self.fail((*path, "quelle"), "quelle-fehlt", f"Wert {number}: {problem}")
            start = None
            if w.datum is not None:
                start = w.datum
            elif w.jahr is not None:
                start = date(w.jahr, 1, 1)
            if w.erfasst > self.stichtag:
                self.fail(
                    (*path, "erfasst"),
                    "datum-zukunft",
                    f"Wert {number}: erfasst am {german(w.erfasst)}, nach dem Stichtag {german(self.stichtag)}.",
                    "Werte werden eingetragen, wenn sie vorliegen.",
                )
            elif start is not None and w.erfasst < start:
                self.fail(
                    (*path, "erfasst"),
                    "erfasst-vor-periode",
                    f"Wert {number} für {periode_text(w.periode_jahr, w.datum)} ist am {german(w.erfasst)} erfasst, "
                    "also vorher.",
                    "Tippfehler im Jahr oder im Datum der Erfassung?",
                )
            if previous is not None and w.erfasst < previous.erfasst:
                self.fail(
                    (*path, "erfasst"),
                    "werte-reihenfolge",
                    f"Wert {number} ist am {german(w.erfasst)} erfasst, der vorige am {german(previous.erfasst)}.",
                    "Neue Werte gehören ans Ende der Liste (die Werte werden nur fortgeschrieben).",
                )
            if w.korrigiert is not None:
                if w.korrigiert >= number:
                    self.fail(
                        (*path, "korrigiert"),
                        "korrektur-verweis",
                        f"Wert {number} korrigiert Eintrag {w.korrigiert}; korrigiert werden kann nur ein früherer.",
                    )
                elif w.korrigiert in corrected_by:
                    self.fail(
                        (*path, "korrigiert"),
                        "korrektur-doppelt",
                        f"Eintrag {w.korrigiert} ist schon von Eintrag {corrected_by[w.korrigiert]} korrigiert.",
                        f"Korrigieren Sie die Korrektur: korrigiert: {corrected_by[w.korrigiert]}.",
                    )
                else:
                    corrected_by[w.korrigiert] = number
                if not (w.notiz or "").strip():
                    self.fail(
                        path,
                        "korrektur-grund",
                        f"Wert {number} ist eine Korrektur und braucht den Grund in „notiz“.",
                        "Zum Beispiel: notiz: Tippfehler im Jahr (2012 statt 2010).",
                    )
            previous = w
        self.duplicates()

    def duplicates(self) -> None:
        """Two values for the same period and breakdown: the later one should correct the earlier."""
        seen: dict[tuple[object, ...], int] = {}
        for number, w in effective(self.ind, date.max):
            key = (w.periode, tuple(sorted(w.aufschluesselung)))
            if key in seen:
                part = f" ({', '.join(f'{n}: {v}' for n, v in w.aufschluesselung)})" if w.aufschluesselung else ""
                self.fail(
                    ("werte", number - 1),
                    "wert-doppelt",
                    f"Für {periode_text(w.periode_jahr, w.datum)}{part} gibt es schon Wert {seen[key]}.",
                    f"Eine Berichtigung nennt den Eintrag, den sie ersetzt: korrigiert: {seen[key]} "
                    "(mit dem Grund in notiz).",
                )
            else:
                seen[key] = number


def check_indikatoren(snap: Snapshot, stichtag: date) -> list[Finding]:
    """Every rule for every indicator."""
    findings: list[Finding] = []
    for ind in snap.indikatoren.values():
        checker = _Checker(snap, ind, stichtag)
        checker.references()
        checker.target()
        checker.values()
        findings += checker.findings
    return findings
