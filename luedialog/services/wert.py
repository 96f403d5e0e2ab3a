"""Recording an indicator's value: one new entry at the end of its ``werte``.

Every value passes the same rules as in ``pruefen`` (a known indicator, a value that fits the unit, a
breakdown from luedialog.yaml, a real source, a date of recording neither in the future nor before
the last entry), and one value per year and breakdown: a second one must name the entry it
corrects (``--korrigiert N``) and say why. The transaction then validates the whole project with the
change before a single byte reaches the disk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from luedialog.checks.indikatoren import breakdown_problems, source_problem, value_problem
from luedialog.dates import InvalidDateError, german, parse_date
from luedialog.errors import LuedialogError, UsageError
from luedialog.files.append import Node, Scalar, append_item, encode_like
from luedialog.files.read import Document
from luedialog.model.config import Config
from luedialog.model.indikatoren import (
    INDIKATOR_SCHEMA,
    Indikator,
    Messwert,
    Wert,
    aufschluesselung_text,
    periode_text,
    wert_text,
)
from luedialog.model.schema import suggest
from luedialog.queries.indikatoren import effective
from luedialog.services import schreiben
from luedialog.services.transaction import Aenderung, Transaction

_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$|^[+-]?\d+(\.\d+)?$")

T = TypeVar("T")


@dataclass(frozen=True)
class Messung:
    """A value someone wants to record."""

    indikator: str
    periode: int | date  # a year, or the day the value is for
    wert: Messwert
    quelle: str
    erfasst: date
    aufschluesselung: tuple[tuple[str, str], ...] = ()
    notiz: str | None = None
    von: str | None = None
    korrigiert: int | None = None

    def normalized(self) -> Messung:
        return Messung(
            self.indikator.strip(),
            self.periode,
            self.wert,
            self.quelle.strip(),
            self.erfasst,
            tuple((k.strip(), v.strip()) for k, v in self.aufschluesselung),
            (self.notiz or "").strip() or None,
            (self.von or "").strip() or None,
            self.korrigiert,
        )

    @property
    def jahr(self) -> int | None:
        return self.periode if isinstance(self.periode, int) else None

    @property
    def datum(self) -> date | None:
        return self.periode if isinstance(self.periode, date) else None

    @property
    def periode_jahr(self) -> int:
        return self.periode if isinstance(self.periode, int) else self.periode.year

    def fields(self) -> list[tuple[str, Node]]:
        written: Scalar = ("ja" if self.wert else "nein") if isinstance(self.wert, bool) else self.wert
        return [
            ("jahr", self.jahr),
            ("datum", self.datum),
            ("wert", written),
            ("aufschluesselung", dict(self.aufschluesselung) or None),
            ("quelle", self.quelle),
            ("erfasst", self.erfasst),
            ("von", self.von),
            ("notiz", self.notiz),
            ("korrigiert", self.korrigiert),
        ]


def values_of(w: Wert | Messung) -> tuple[object, ...]:
    """What makes two entries the same value (compared when verifying and re-importing)."""
    return (
        w.jahr,
        w.datum,
        w.wert,
        tuple(sorted(w.aufschluesselung)),
        w.quelle,
        w.erfasst,
        w.von,
        w.notiz,
        w.korrigiert,
    )


# --- what people type ---------------------------------------------------------------------------------


def parse_periode(text: str) -> int | date:
    """``2010`` (a year) or a day (``30.06.2010``, ``2010-06-30``)."""
    value = text.strip()
    if re.fullmatch(r"\d{4}", value):
        return int(value)
    try:
        return parse_date(value)
    except InvalidDateError as exc:
        if "Kalenderdatum" in str(exc):  # written as a day, but no real one (29.02.2011)
            raise ValueError(str(exc)) from None
        raise ValueError(f"„{text}“ ist weder ein Jahr (2010) noch ein Datum (30.06.2010)") from None


def parse_wert(text: str, einheit: str) -> Messwert:
    """A value as people write it: ``12,5``, ``12.5``, ``12,5 %``, ``1.234``, ``6,20 €``, ``ja``/``nein``."""
    value = text.strip().lower()
    if einheit == "ja_nein":
        if value in ("ja", "nein"):
            return value == "ja"
        raise ValueError(f"„{text}“ ist kein Wert für ja/nein; erwartet wird ja oder nein")
    value = value.removesuffix("%").removesuffix("€").replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(value):
        raise ValueError(f"„{text}“ ist keine Zahl; erwartet wird z. B. 12,5 oder 1.234")
    if "," in value:  # German: dots group thousands, the comma separates decimals
        value = value.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+", value) and einheit == "anzahl":
        value = value.replace(".", "")  # 1.234 people
    number = float(value)
    return int(number) if number.is_integer() and "." not in value else number


def parse_aufschluesselung(items: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``Stadtteil=Gahmen`` (repeatable) → pairs."""
    pairs: list[tuple[str, str]] = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValueError(f"Aufschlüsselung „{item}“: erwartet wird NAME=WERT, z. B. Stadtteil=Gahmen")
        if any(name.strip() == n for n, _ in pairs):
            raise ValueError(f"Die Aufschlüsselung „{name.strip()}“ ist doppelt angegeben")
        pairs.append((name.strip(), value.strip()))
    return tuple(pairs)


# --- the rules ----------------------------------------------------------------------------------------


def value_problems(config: Config, ind: Indikator, m: Messung, today: date) -> list[str]:
    """Every reason (German) why ``m`` may not be appended to ``ind``; empty if it may."""
    return [text for _, text in field_problems(config, ind, m, today)]


def field_problems(config: Config, ind: Indikator, m: Messung, today: date) -> list[tuple[str, str]]:
    """As :func:`value_problems`, each with the field it concerns (``wert``, ``aufschluesselung``,
    ``quelle``, ``erfasst``, ``periode``, ``korrigiert``), so a sheet can name its column."""
    problems: list[tuple[str, str]] = []
    unit_problem = value_problem(ind.einheit, m.wert)
    if unit_problem:
        problems.append(("wert", unit_problem))
    problems += [
        ("aufschluesselung", f"{text} {hint}") for text, hint in breakdown_problems(config, ind, m.aufschluesselung)
    ]
    source = source_problem(m.quelle)
    if source:
        problems.append(("quelle", source))
    if m.erfasst > today:
        problems.append(
            (
                "erfasst",
                f"Das Datum der Erfassung {german(m.erfasst)} liegt in der Zukunft (heute ist der {german(today)}).",
            )
        )
    start = m.datum or date(m.periode_jahr, 1, 1)
    if m.erfasst < start:
        problems.append(
            (
                "erfasst",
                f"Ein Wert für {periode_text(m.periode_jahr, m.datum)} kann nicht am {german(m.erfasst)} erfasst sein.",
            )
        )
    last = ind.werte[-1] if ind.werte else None
    if last is not None and m.erfasst < last.erfasst:
        problems.append(
            (
                "erfasst",
                f"Das Datum der Erfassung {german(m.erfasst)} liegt vor dem des letzten Werts "
                f"({german(last.erfasst)}); die Werte werden nur fortgeschrieben.",
            )
        )
    known = effective(ind, date.max)
    before_correction = len(problems)
    if m.korrigiert is not None:
        corrected = {w.korrigiert for w in ind.werte if w.korrigiert is not None}
        if not 1 <= m.korrigiert <= len(ind.werte):
            problems.append(("korrigiert", f"--korrigiert {m.korrigiert}: {ind.id} hat {len(ind.werte)} Einträge."))
        elif m.korrigiert in corrected:
            by = next(n for n, w in enumerate(ind.werte, start=1) if w.korrigiert == m.korrigiert)
            problems.append(
                (
                    "korrigiert",
                    f"Eintrag {m.korrigiert} ist schon von Eintrag {by} berichtigt; berichtigen Sie Eintrag {by}.",
                )
            )
        if not m.notiz:
            problems.append(
                ("korrigiert", "Eine Berichtigung braucht den Grund: --notiz (z. B. „Tippfehler im Jahr“).")
            )
    if len(problems) > before_correction:
        return problems  # a wrong correction: which value it should replace is not known
    key = ((m.periode_jahr, m.datum), tuple(sorted(m.aufschluesselung)))
    for number, w in known:
        if number == m.korrigiert:
            continue
        if (w.periode, tuple(sorted(w.aufschluesselung))) == key:
            part = f" ({aufschluesselung_text(w.aufschluesselung)})" if w.aufschluesselung else ""
            problems.append(
                (
                    "periode",
                    f"Für {periode_text(m.periode_jahr, m.datum)}{part} ist schon ein Wert eingetragen "
                    f"(Eintrag {number}: {wert_text(w.wert, ind.einheit)}). Berichtigen Sie ihn mit --korrigiert "
                    f"{number} und dem Grund in --notiz.",
                )
            )
    return problems


def recorded(ind: Indikator, m: Messung) -> bool:
    """True if ``ind`` already holds ``m`` (period, breakdown, value and source alike; read in twice)."""
    n = m.normalized()
    wanted = (n.jahr, n.datum, n.wert, tuple(sorted(n.aufschluesselung)), n.quelle)
    return any((w.jahr, w.datum, w.wert, tuple(sorted(w.aufschluesselung)), w.quelle) == wanted for w in ind.werte)


# --- the write ----------------------------------------------------------------------------------------


def file_of(t: Transaction, ident: str) -> str:
    """The file of the indicator ``ident``; a German refusal if there is none or it is broken."""
    snap = t.snapshot
    ind = snap.indikatoren.get(ident)
    if ind is None and snap.may_exist("Indikator", ident):
        raise LuedialogError(
            f"Die Datei des Indikators „{ident}“ ist fehlerhaft; so lange wird nichts eingetragen.",
            hint="Die Fehler zeigt: luedialog pruefen",
        )
    if ind is None:
        known = list(snap.indikatoren)
        folded = {k.casefold(): k for k in known}
        if ident.casefold() in folded:
            hint = f"Meinten Sie „{folded[ident.casefold()]}“? (Groß-/Kleinschreibung zählt)"
        else:
            hint = suggest(ident, known) or (
                "Alle zeigt: luedialog indikatoren" if known else "Es gibt noch keine Indikatoren (data/indikatoren)."
            )
        raise LuedialogError(f"Kein Indikator mit der ID „{ident}“. {hint}")
    return ind.datei


def current_indicator(t: Transaction, name: str) -> tuple[Document, Indikator, bytes]:
    """The indicator in ``name`` as planned so far in ``t``: its document, object and bytes."""
    doc, ind, raw = schreiben.current(t, name, INDIKATOR_SCHEMA)
    return doc, ind, raw


def indicator(t: Transaction, ident: str) -> Indikator:
    """The indicator ``ident`` including values planned in ``t``."""
    return current_indicator(t, file_of(t, ident.strip()))[1]


def plan_value(t: Transaction, m: Messung) -> Aenderung:
    """Check ``m`` against the rules and plan it at the end of its indicator's values."""
    m = m.normalized()
    name = file_of(t, m.indikator)
    doc, ind, raw = current_indicator(t, name)
    problems = value_problems(t.snapshot.config, ind, m, t.today)
    if problems:
        raise LuedialogError(" ".join(problems), file=name)
    new = encode_like(raw, append_item(doc, ("werte",), m.fields()))
    _verify(t.root / name, name, new, ind, m, t.snapshot.config)
    return t.change(name, new)


def _verify(path: Path, name: str, new: bytes, before: Indikator, m: Messung, config: Config) -> None:
    """Re-read the new content: exactly one value more, equal to what was asked for."""
    after = schreiben.read_back(path, name, new, INDIKATOR_SCHEMA, config)
    ok = (
        isinstance(after, Indikator)
        and len(after.werte) == len(before.werte) + 1
        and [values_of(x) for x in after.werte[:-1]] == [values_of(x) for x in before.werte]
        and values_of(after.werte[-1]) == values_of(m)
        and replace(after, werte=(), zeile=0) == replace(before, werte=(), zeile=0)
    )
    if not ok:  # pragma: no cover - a bug in the writer, never the user's fault
        raise RuntimeError(f"Der neue Wert in {name} ließ sich nicht fehlerfrei zurücklesen.")


@dataclass(frozen=True)
class Eingetragen:
    """What ``eintragen`` did."""

    messung: Messung
    indikator: Indikator  # before the new value
    aenderung: Aenderung
    commit: bool  # a git commit of just this file was made


def eintragen(root: Path, e: Eingabe, today: date, *, dry_run: bool = False, commit: bool = False) -> Eingetragen:
    """Record one value (``von`` as ``sachstand`` fills it); with ``commit`` also commit the file."""
    from luedialog import gitutil
    from luedialog.services.sachstand import reporter

    if commit and not dry_run and not gitutil.is_repository(root):
        raise UsageError("--commit braucht ein git-Repository; der Projektordner ist keines.")
    with Transaction.begin(root, today) as t:
        m = replace(read_input(t, e), von=reporter(t.snapshot.config, e.von))
        before = indicator(t, m.indikator)
        change = plan_value(t, m)
        t.commit(dry_run=dry_run)
    committed = commit and not dry_run
    n = m.normalized()
    if committed:
        gitutil.commit_file(
            root,
            change.name,
            f"Wert {n.indikator} {periode_text(n.periode_jahr, n.datum)}: {wert_text(n.wert, before.einheit)}",
        )
    return Eingetragen(n, before, change, committed)


@dataclass(frozen=True)
class Eingabe:
    """A value as someone typed it (on the command line or in a cell of the yearly query)."""

    indikator: str
    periode: str
    wert: str
    quelle: str
    erfasst: date
    aufschluesselung: tuple[str, ...] = ()  # NAME=WERT each
    notiz: str | None = None
    von: str | None = None
    korrigiert: int | None = None


def read_input(t: Transaction, e: Eingabe) -> Messung:
    """The Messung ``e`` means; the indicator's unit decides how the value is read. What cannot be
    read is a usage error naming the argument or option (exit code 2)."""
    ind = indicator(t, e.indikator)

    def read(what: str, parse: Callable[[], T]) -> T:
        try:
            return parse()
        except ValueError as exc:
            raise UsageError(f"{what}: {exc}.") from None

    return Messung(
        ind.id,
        read("JAHR", lambda: parse_periode(e.periode)),
        read("WERT", lambda: parse_wert(e.wert, ind.einheit)),
        e.quelle,
        e.erfasst,
        read("--aufschluesselung", lambda: parse_aufschluesselung(e.aufschluesselung)),
        e.notiz,
        e.von,
        e.korrigiert,
    )
