"""What every write command shares: one transaction, the planned change as a diff, and a git commit
of exactly the files it touched.

    done = schreiben(root, today, plan, dry_run=…, commit=…)

``plan(t)`` plans the change in the transaction ``t`` (``t.change`` / ``t.create``) and returns what it
did and the commit message; the transaction validates the whole project before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from luedialog.errors import LuedialogError, UsageError
from luedialog.files.read import Document, parse_bytes
from luedialog.model.config import VOCABULARY_LABELS
from luedialog.model.schema import Context, Schema, suggest, validate
from luedialog.services.transaction import Aenderung, Transaction

T = TypeVar("T")


@dataclass(frozen=True)
class Geschrieben(Generic[T]):
    """What a write did (or, with ``--dry-run``, would do)."""

    ergebnis: T
    aenderungen: list[Aenderung]
    commit: bool  # a git commit of exactly these files was made

    def diff(self) -> str:
        return "".join(c.diff() for c in self.aenderungen)

    @property
    def dateien(self) -> list[str]:
        return [c.name for c in self.aenderungen]


def schreiben(
    root: Path,
    today: date,
    plan: Callable[[Transaction], tuple[T, str]],
    *,
    dry_run: bool = False,
    commit: bool = False,
    refused: str = "Die Änderung würde die Prüfung scheitern lassen",
) -> Geschrieben[T]:
    """Plan, validate and (unless ``dry_run``) write in one transaction; with ``commit`` also commit."""
    from luedialog import gitutil

    if commit and not dry_run and not gitutil.is_repository(root):
        raise UsageError("--commit braucht ein git-Repository; der Projektordner ist keines.")
    with Transaction.begin(root, today) as t:
        result, message = plan(t)
        changes = t.commit(dry_run=dry_run, refused=refused)
    committed = commit and not dry_run and bool(changes)
    if committed:
        gitutil.commit_files(root, [c.name for c in changes], message)
    return Geschrieben(result, changes, committed)


def current(t: Transaction, name: str, schema: Schema) -> tuple[Document, Any, bytes]:
    """The file ``name`` as planned so far in ``t``: its document, its object and its bytes.

    Refused (German) if the file cannot be read or has errors: a broken file is never changed.
    """
    raw = t.current(name)
    if raw is None:
        raise LuedialogError(f"{name} kann nicht gelesen werden.", file=name)
    doc, findings = parse_bytes(t.root / name, name, raw)
    ctx = Context(doc, t.snapshot.config.vocabularies(), VOCABULARY_LABELS) if doc else None
    obj = validate(doc, schema, ctx) if doc is not None and ctx is not None else None
    if doc is None or obj is None or findings or (ctx is not None and ctx.findings):
        problems = findings + (ctx.findings if ctx else [])
        first = problems[0].text() if problems else "unbekannter Fehler"
        raise LuedialogError(f"Die Datei ist fehlerhaft und wird nicht verändert: {first}", file=name)
    return doc, obj, raw


def read_back(path: Path, name: str, new: bytes, schema: Schema, config: Any) -> Any | None:
    """The object the new content ``new`` of ``name`` reads as, or None if it cannot be read: a writer
    re-reads what it is about to write and compares it with what was asked for (the rules of the data
    are the transaction's to check, for the whole project at once)."""
    doc, findings = parse_bytes(path, name, new)
    if doc is None or findings:
        return None
    return validate(doc, schema, Context(doc, config.vocabularies(), VOCABULARY_LABELS))


def measure(t: Transaction, text: str, option: str) -> str:
    """The ID of the measure ``text`` names (any case; ``M-AUW-1`` suggests ``M-AUW-01``), the refusal
    naming the option."""
    from luedialog.services.eingabe import EingabeFehler, measure_id

    try:
        return measure_id(t.snapshot, text)
    except EingabeFehler as exc:
        raise LuedialogError(f"{option}: {exc.message}" if option else exc.message) from None


def status(t: Transaction, text: str, option: str) -> str:
    """The status key ``text`` names (key or label, any case); a usage error naming the option."""
    from luedialog.services.eingabe import EingabeFehler, status_key

    try:
        return status_key(t.snapshot.config, text)
    except EingabeFehler as exc:
        raise UsageError(f"{option}: {exc.message}") from None


def known_id(ident: str, known: list[str], what: str, option: str) -> str:
    """``ident`` as it is spelled in the data (in any case), or a German refusal with a suggestion
    that names the option (``--gruppe: Keine Gruppe „ag-bildng“. Meinten Sie „ag-bildung“?``)."""
    text = ident.strip()
    folded = {k.casefold(): k for k in known}
    if text.casefold() in folded:
        return folded[text.casefold()]
    hint = suggest(text, known) or ("Bekannt: " + ", ".join(sorted(known)) + "." if known else "")
    prefix = f"{option}: " if option else ""
    raise LuedialogError(f"{prefix}Keine {what} mit der ID „{text}“.", hint=hint or None)
