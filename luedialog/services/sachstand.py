"""Recording progress: one new history entry at the end of a measure's ``verlauf``.

The only write path of luedialog. Every entry passes the same rules (known measure and status,
allowed transition, date order, evidence for done, a real reason for delays) and the whole data
set must still validate with the change before a single byte reaches the disk.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from luedialog.dates import german
from luedialog.errors import LuedialogError
from luedialog.files.atomic import (
    JOURNAL_FILE,
    append_to_list,
    atomic_write_all,
    encode_like,
    project_lock,
    remove_stale_temp_files,
)
from luedialog.files.read import Document, parse_bytes
from luedialog.findings import Finding
from luedialog.model.config import VOCABULARY_LABELS, Config
from luedialog.model.schema import Context, suggest, validate
from luedialog.model.types import MASSNAHME_SCHEMA, Massnahme, VerlaufEintrag
from luedialog.paths import MASSNAHMEN_DIR
from luedialog.snapshot import Snapshot, load_snapshot

PLACEHOLDERS = {
    "",
    "-",
    "--",
    "–",
    "—",
    ".",
    "..",
    "...",
    "…",
    "?",
    "??",
    "x",
    "xx",
    "xxx",
    "tbd",
    "todo",
    "n/a",
    "na",
    "k.a.",
    "k. a.",
    "keine",
    "keine angabe",
    "nichts",
    "siehe oben",
    "s.o.",
    "s. o.",
    "dito",
    "wie oben",
    "offen",
    "folgt",
    "platzhalter",
    "test",
}
MIN_DELAY_REASON = 20  # characters a note must have to state the reason of a delay


@dataclass(frozen=True)
class Eintrag:
    """What someone wants to record."""

    massnahme: str
    status: str
    notiz: str
    datum: date
    von: str | None = None
    fortschritt: int | None = None
    nachweis: str | None = None

    def normalized(self) -> Eintrag:
        """ID and status without surrounding white space; blank optional texts are left out."""
        return Eintrag(
            self.massnahme.strip(),
            self.status.strip(),
            self.notiz,
            self.datum,
            (self.von or "").strip() or None,
            self.fortschritt,
            (self.nachweis or "").strip() or None,
        )

    def fields(self) -> list[tuple[str, str | int | date | None]]:
        return [
            ("datum", self.datum),
            ("status", self.status),
            ("notiz", self.notiz),
            ("von", self.von),
            ("nachweis", self.nachweis),
            ("fortschritt", self.fortschritt),
        ]


def is_placeholder(text: str) -> bool:
    return re.sub(r"\s+", " ", text.strip().lower()) in PLACEHOLDERS


def entry_problems(config: Config, m: Massnahme, e: Eintrag, today: date) -> list[str]:
    """Every reason (German) why ``e`` may not be appended to ``m``; empty if it may."""
    problems: list[str] = []
    keys = config.status_keys
    if e.status not in keys:
        hint = suggest(e.status, keys) or "Möglich: " + ", ".join(keys) + "."
        return [f"Unbekannter Status „{e.status}“. {hint}"]
    last = m.verlauf[-1] if m.verlauf else None
    if last is not None and not config.transition_allowed(last.status, e.status):
        allowed = ", ".join((last.status, *config.allowed_after(last.status)))
        problems.append(
            f"Der Wechsel von „{last.status}“ zu „{e.status}“ ist nicht erlaubt. "
            f"Erlaubt nach „{last.status}“: {allowed}."
        )
    if last is not None and e.datum < last.datum:
        problems.append(
            f"Das Datum {german(e.datum)} liegt vor dem letzten Eintrag ({german(last.datum)}); "
            "der Verlauf wird nur fortgeschrieben."
        )
    if e.datum > today:
        problems.append(f"Das Datum {german(e.datum)} liegt in der Zukunft (heute ist der {german(today)}).")
    definition = config.status_def(e.status)
    if definition.nachweis and not (e.nachweis and e.nachweis.strip()):
        problems.append(
            f"Für den Status „{e.status}“ ist ein Nachweis nötig: --nachweis (z. B. Ratsvorlage, Link, Dokument)."
        )
    if is_placeholder(e.notiz):
        problems.append("Die Notiz ist leer oder ein Platzhalter; bitte den Sachstand in Worten beschreiben.")
    elif (
        m.zieldatum is not None
        and m.zieldatum < e.datum
        and not definition.final
        and len(e.notiz.strip()) < MIN_DELAY_REASON
    ):
        problems.append(
            f"Die Maßnahme ist seit dem {german(m.zieldatum)} überfällig; die Notiz muss den Grund der "
            f"Verzögerung nennen (mindestens {MIN_DELAY_REASON} Zeichen)."
        )
    if e.fortschritt is not None and not 0 <= e.fortschritt <= 100:
        problems.append(f"Der Fortschritt {e.fortschritt} liegt nicht zwischen 0 und 100.")
    return problems


@dataclass
class Aenderung:
    """The planned new content of one file."""

    name: str
    path: Path
    old: bytes
    new: bytes

    def diff(self) -> str:
        old = self.old.decode("utf-8-sig").replace("\r\n", "\n").splitlines(keepends=True)
        new = self.new.decode("utf-8-sig").replace("\r\n", "\n").splitlines(keepends=True)
        return "".join(difflib.unified_diff(old, new, f"a/{self.name}", f"b/{self.name}"))


@dataclass
class Changeset:
    """Entries planned in memory, file by file, checked against the rules as they are added."""

    root: Path
    snapshot: Snapshot
    today: date
    changes: dict[str, Aenderung] = field(default_factory=dict)

    def _file_of(self, ident: str) -> str:
        m = self.snapshot.massnahmen.get(ident)
        if m is None and self.snapshot.may_exist("Maßnahme", ident):
            raise LuedialogError(
                f"Die Datei der Maßnahme „{ident}“ ist fehlerhaft; so lange wird nichts eingetragen.",
                hint="Die Fehler zeigt: luedialog pruefen",
            )
        if m is None:
            known = list(self.snapshot.massnahmen)
            folded = {k.casefold(): k for k in known}
            if ident.casefold() in folded:
                hint = f"Meinten Sie „{folded[ident.casefold()]}“? (Groß-/Kleinschreibung zählt)"
            else:
                hint = suggest(ident, known) or "Alle IDs zeigt: luedialog status --format json"
            raise LuedialogError(f"Keine Maßnahme mit der ID „{ident}“. {hint}")
        return m.datei

    def _current(self, name: str) -> tuple[Document, Massnahme, bytes]:
        path = self.root / name
        if name in self.changes:
            raw = self.changes[name].new
        else:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise LuedialogError(f"{name} kann nicht gelesen werden ({exc.strerror}).", file=name) from None
        doc, findings = parse_bytes(path, name, raw)
        ctx = Context(doc, self.snapshot.config.vocabularies(), VOCABULARY_LABELS) if doc else None
        m = validate(doc, MASSNAHME_SCHEMA, ctx) if doc is not None and ctx is not None else None
        if doc is None or m is None or findings or (ctx is not None and ctx.findings):
            problems = findings + (ctx.findings if ctx else [])
            first = problems[0].text() if problems else "unbekannter Fehler"
            raise LuedialogError(f"Die Datei ist fehlerhaft und wird nicht verändert: {first}", file=name)
        return doc, m, raw

    def last_status(self, ident: str) -> str:
        """The status of the latest entry, including entries planned in this changeset."""
        _, m, _ = self._current(self._file_of(ident))
        return m.verlauf[-1].status if m.verlauf else ""

    def add(self, e: Eintrag) -> Aenderung:
        e = e.normalized()
        name = self._file_of(e.massnahme)
        doc, m, raw = self._current(name)
        problems = entry_problems(self.snapshot.config, m, e, self.today)
        if problems:
            raise LuedialogError(" ".join(problems), file=name)
        text = append_to_list(doc, "verlauf", e.fields())
        original = self.changes[name].old if name in self.changes else raw
        change = Aenderung(name, self.root / name, original, encode_like(raw, text))
        self._verify(change, m, e)
        self.changes[name] = change
        return change

    def _verify(self, change: Aenderung, before: Massnahme, e: Eintrag) -> None:
        """Re-read the new content: exactly one entry more, equal to what was asked for."""
        doc, findings = parse_bytes(change.path, change.name, change.new)
        ctx = Context(doc, self.snapshot.config.vocabularies(), VOCABULARY_LABELS) if doc else None
        after = validate(doc, MASSNAHME_SCHEMA, ctx) if doc is not None and ctx is not None else None
        ok = after is not None and not findings and len(after.verlauf) == len(before.verlauf) + 1

        def values(entries: tuple[VerlaufEintrag, ...]) -> list[tuple[object, ...]]:
            return [(x.datum, x.status, x.notiz, x.von, x.nachweis, x.fortschritt) for x in entries]

        if ok and after is not None:
            ok = values(after.verlauf[:-1]) == values(before.verlauf)  # nothing old has changed
        if ok and after is not None:
            last = after.verlauf[-1]
            ok = (last.datum, last.status, last.notiz, last.von, last.nachweis, last.fortschritt) == (
                e.datum,
                e.status,
                e.notiz,
                e.von,
                e.nachweis,
                e.fortschritt,
            )
        if not ok:  # pragma: no cover - a bug in the writer, never the user's fault
            raise RuntimeError(f"Der neue Eintrag in {change.name} ließ sich nicht fehlerfrei zurücklesen.")

    def new_errors(self) -> list[Finding]:
        """Errors the planned changes would add to the whole data set."""
        from luedialog.checks.massnahmen import run_checks

        def errors(overrides: dict[str, bytes]) -> list[Finding]:
            result = load_snapshot(self.root, overrides)
            found = list(result.findings)
            if result.snapshot is not None:
                found += run_checks(result.snapshot, self.today)
            return [f for f in found if f.is_error]

        before = {(f.file, f.code, f.message) for f in errors({})}
        after = errors({name: c.new for name, c in self.changes.items()})
        return [f for f in after if (f.file, f.code, f.message) not in before]

    def write(self) -> None:
        atomic_write_all([(c.path, c.new, c.old) for c in self.changes.values()], journal=self.root / JOURNAL_FILE)


def record(root: Path, entries: Sequence[Eintrag], today: date, *, dry_run: bool = False) -> list[Aenderung]:
    """Validate ``entries`` and (unless ``dry_run``) append them. All or nothing.

    Runs under the project lock and reads the files only after acquiring it, so parallel runs
    serialize and none loses an entry.
    """
    with project_lock(root):
        remove_stale_temp_files(root / MASSNAHMEN_DIR)
        result = load_snapshot(root)
        if result.snapshot is None:
            raise LuedialogError("Die Projektkonfiguration ist fehlerhaft.", hint="Details: luedialog pruefen")
        changes = Changeset(root, result.snapshot, today)
        for e in entries:
            changes.add(e)
        errors = changes.new_errors()
        if errors:
            raise LuedialogError(
                "Die Änderung würde die Prüfung scheitern lassen: " + errors[0].text(),
                hint="Es wurde nichts geschrieben.",
            )
        if not dry_run:
            changes.write()
        return list(changes.changes.values())
