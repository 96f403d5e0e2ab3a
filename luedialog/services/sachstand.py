"""Recording progress: one new history entry at the end of a measure's ``verlauf``.

Every entry passes the same rules (known measure and status, allowed transition, date order,
evidence for done, a real reason for delays); the transaction then validates the whole project
with the change before a single byte reaches the disk.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from luedialog.dates import german
from luedialog.errors import LuedialogError, UsageError
from luedialog.files.append import Node, append_entries
from luedialog.files.read import Document
from luedialog.model.config import Config
from luedialog.model.schema import Intern, suggest
from luedialog.model.types import MASSNAHME_SCHEMA, VERLAUF_SCHEMA, Massnahme, VerlaufEintrag
from luedialog.queries.verlauf import history, values_at
from luedialog.services import schreiben
from luedialog.services.transaction import Aenderung, Transaction

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
    # a change recorded with the entry (luedialog aendern): from its date on the measure has these
    verantwortlich: str | None = None
    zieldatum: date | None = None
    weitergeleitet_am: date | None = None
    intern: bool | tuple[str, ...] = False  # True: the whole entry; or its internal fields (see intern_angabe)

    def normalized(self) -> Eintrag:
        """ID and status without surrounding white space; blank optional texts are left out."""
        return replace(
            self,
            massnahme=self.massnahme.strip(),
            status=self.status.strip(),
            von=(self.von or "").strip() or None,
            nachweis=(self.nachweis or "").strip() or None,
            verantwortlich=(self.verantwortlich or "").strip() or None,
        )

    def fields(self) -> list[tuple[str, Node]]:
        intern: Node = "ja" if self.intern is True else list(self.intern) if self.intern else None
        return [
            ("datum", self.datum),
            ("status", self.status),
            ("notiz", self.notiz),
            ("von", self.von),
            ("nachweis", self.nachweis),
            ("fortschritt", self.fortschritt),
            ("verantwortlich", self.verantwortlich),
            ("zieldatum", self.zieldatum),
            ("weitergeleitet_am", self.weitergeleitet_am),
            ("intern", intern),
        ]


def _intern_felder() -> tuple[str, ...]:
    kind = next(f.type for f in VERLAUF_SCHEMA.fields if f.name == "intern")
    assert isinstance(kind, Intern)
    return kind.felder


INTERN_FELDER = _intern_felder()  # the fields of a history entry that can be internal


def intern_angabe(text: str, option: str = "--intern") -> bool | tuple[str, ...]:
    """``ja`` (the whole entry is internal) or the internal fields, separated by commas
    (``notiz,von``); a German refusal naming ``option`` otherwise."""
    value = text.strip()
    if value.casefold() == "ja":
        return True
    if value.casefold() == "nein":
        return False
    names: list[str] = []
    for part in value.split(","):
        name = part.strip().casefold()
        if name not in INTERN_FELDER:
            hint = suggest(name, list(INTERN_FELDER))
            raise UsageError(
                f"{option}: „{part.strip()}“ ist kein Feld, das intern sein kann."
                + (f" {hint}" if hint else "")
                + " Möglich: ja (der ganze Eintrag) oder Felder mit Komma: "
                + ", ".join(INTERN_FELDER)
                + "."
            )
        if name not in names:
            names.append(name)
    return tuple(names)


def is_placeholder(text: str) -> bool:
    return re.sub(r"\s+", " ", text.strip().lower()) in PLACEHOLDERS


def entry_problems(config: Config, m: Massnahme, e: Eintrag, today: date) -> list[str]:
    """Every reason (German) why ``e`` may not be appended to ``m``; empty if it may."""
    problems: list[str] = []
    keys = config.status_keys
    if e.status not in keys:
        hint = suggest(e.status, keys) or "Möglich: " + ", ".join(keys) + "."
        return [f"Unbekannter Status „{e.status}“. {hint}"]
    entries = history(m, today)  # as corrected up to today: a corrected date no longer blocks
    last = entries[-1] if entries else None
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
        (target := values_at(m, entries, e.datum).zieldatum) is not None
        and target < e.datum
        and not definition.final
        and len(e.notiz.strip()) < MIN_DELAY_REASON
    ):
        problems.append(
            f"Die Maßnahme ist seit dem {german(target)} überfällig; die Notiz muss den Grund der "
            f"Verzögerung nennen (mindestens {MIN_DELAY_REASON} Zeichen)."
        )
    if e.fortschritt is not None and not 0 <= e.fortschritt <= 100:
        problems.append(f"Der Fortschritt {e.fortschritt} liegt nicht zwischen 0 und 100.")
    return problems


# what makes two history entries the same entry (compared when verifying and re-importing)
ENTRY_FIELDS = (
    "datum", "status", "notiz", "von", "nachweis", "fortschritt", "verantwortlich", "zieldatum", "weitergeleitet_am",
)  # fmt: skip


def entry_values(e: Eintrag | VerlaufEintrag) -> tuple[object, ...]:
    """The values of :data:`ENTRY_FIELDS` of ``e``."""
    return tuple(getattr(e, name) for name in ENTRY_FIELDS)


def recorded(m: Massnahme, e: Eintrag) -> bool:
    """True if the history of ``m`` already holds ``e`` word for word."""
    values = entry_values(e.normalized())
    return any(entry_values(v) == values for v in m.verlauf)


VON_FEHLT = UsageError(
    'Wer berichtet den Sachstand? Geben Sie --von an (eine Stelle, z. B. --von "FB 3").',
    hint="Als Standard für alle Einträge: sachstand_von: … in luedialog.yaml (eine Stelle, keine Person).",
)


def reporter(config: Config, von: str | None) -> str | None:
    """Who reports: ``--von``, else ``sachstand_von`` of luedialog.yaml (an office, not a person).

    Never git's user name: a person's name would reach the public history without their say.
    """
    return (von or "").strip() or config.sachstand_von


def file_of(t: Transaction, ident: str) -> str:
    """The file of the measure ``ident`` (in any case); a German refusal if there is none or it is broken."""
    from luedialog.services.eingabe import measure_id

    return t.snapshot.massnahmen[measure_id(t.snapshot, ident)].datei


def current_measure(t: Transaction, name: str) -> tuple[Document, Massnahme, bytes]:
    """The measure in ``name`` as planned so far in ``t``: its document, object and bytes."""
    doc, m, raw = schreiben.current(t, name, MASSNAHME_SCHEMA)
    return doc, m, raw


def last_status(t: Transaction, ident: str) -> str:
    """The status of the latest entry of ``ident``, including entries planned in ``t``."""
    _, m, _ = current_measure(t, file_of(t, ident))
    entries = history(m, t.today)
    return entries[-1].status if entries else ""


def plan_entry(t: Transaction, e: Eintrag) -> Aenderung:
    """Check ``e`` against the rules and plan it at the end of its measure's history."""
    e = e.normalized()
    name = file_of(t, e.massnahme)
    doc, m, raw = current_measure(t, name)
    problems = entry_problems(t.snapshot.config, m, e, t.today)
    if problems:
        raise LuedialogError(" ".join(problems), file=name)
    new = append_entries(raw, doc, "verlauf", e.fields())
    _verify(t.root / name, name, new, m, e, t.snapshot.config)
    return t.change(name, new)


def _verify(path: Path, name: str, new: bytes, before: Massnahme, e: Eintrag, config: Config) -> None:
    """Re-read the new content: exactly one entry more, equal to what was asked for."""
    after = schreiben.read_back(path, name, new, MASSNAHME_SCHEMA, config)
    ok = (
        isinstance(after, Massnahme)
        and len(after.verlauf) == len(before.verlauf) + 1
        and [entry_values(x) for x in after.verlauf[:-1]] == [entry_values(x) for x in before.verlauf]
        and entry_values(after.verlauf[-1]) == entry_values(e)
        and after.verlauf[-1].intern == e.intern
    )
    if not ok:  # pragma: no cover - a bug in the writer, never the user's fault
        raise RuntimeError(f"Der neue Eintrag in {name} ließ sich nicht fehlerfrei zurücklesen.")


def record(root: Path, entries: Sequence[Eintrag], today: date, *, dry_run: bool = False) -> list[Aenderung]:
    """Validate ``entries`` and (unless ``dry_run``) append them. All or nothing, in one transaction."""
    with Transaction.begin(root, today) as t:
        for e in entries:
            plan_entry(t, e)
        return t.commit(dry_run=dry_run)


@dataclass(frozen=True)
class Eingetragen:
    """What ``eintragen`` did."""

    eintrag: Eintrag
    aenderung: Aenderung
    commit: bool  # a git commit of just this file was made


def eintragen(root: Path, e: Eintrag, today: date, *, dry_run: bool = False, commit: bool = False) -> Eingetragen:
    """Record one entry (``von`` filled as :func:`reporter` says, else refused); with ``commit`` also
    commit the file."""
    from luedialog import gitutil

    if commit and not dry_run:
        gitutil.require_git("--commit")
    if commit and not dry_run and not gitutil.is_repository(root):
        raise UsageError("--commit braucht ein git-Repository; der Projektordner ist keines.")
    from luedialog.services.eingabe import measure_id, status_key

    with Transaction.begin(root, today) as t:
        config = t.snapshot.config
        ident = measure_id(t.snapshot, e.massnahme)  # as people type it: m-bil-02, "In Umsetzung"
        e = replace(e, massnahme=ident, status=status_key(config, e.status), von=reporter(config, e.von))
        change = plan_entry(t, e)  # what is wrong with the entry itself comes first
        if e.von is None:
            raise VON_FEHLT
        t.commit(dry_run=dry_run)
    committed = commit and not dry_run
    if committed:
        gitutil.commit_file(root, change.name, f"Sachstand {e.massnahme}: {e.status} ({german(e.datum)})")
    return Eingetragen(e.normalized(), change, committed)
