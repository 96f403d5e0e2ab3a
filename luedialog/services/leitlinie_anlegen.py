"""A guideline the council adopts later, appended to the guidelines of its file with the decision as
its source (``quelle``, ``beschlossen_am``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from luedialog.dates import german
from luedialog.errors import LuedialogError, UsageError
from luedialog.files.append import Node, append_item, encode_like
from luedialog.model.schema import suggest
from luedialog.model.types import LEITLINIEN_DATEI_SCHEMA, LeitlinienDatei
from luedialog.paths import LEITLINIEN_DIR
from luedialog.services.schreiben import Geschrieben, current, schreiben
from luedialog.services.transaction import Transaction


@dataclass(frozen=True)
class NeueLeitlinie:
    text: str
    quelle: str  # the decision, e.g. "Ratsbeschluss vom 12.05.2011 (Vorlage 23/11)"
    beschlossen_am: date
    feld: str | None = None  # the file of this field of action …
    datei: str | None = None  # … or this file of data/leitlinien (its name without .yaml)
    art: str | None = None
    id: str | None = None
    nummer: str | None = None
    abschnitt: str | None = None
    ebene: str | None = None
    begruendung: str | None = None
    unterziele: tuple[str, ...] = ()
    empfehlungen: tuple[str, ...] = ()


def _file(t: Transaction, n: NeueLeitlinie) -> str:
    files = {d.datei: d for d in t.snapshot.leitlinien_dateien}
    stems = {name.rsplit("/", 1)[-1].removesuffix(".yaml").casefold(): name for name in files}
    if n.datei is not None:
        wanted = n.datei.strip().removesuffix(".yaml").rsplit("/", 1)[-1].casefold()
        if wanted not in stems:
            raise UsageError(
                f"--datei: In {LEITLINIEN_DIR} gibt es keine Datei „{n.datei}“.",
                hint=suggest(wanted, list(stems)) or "Dateien: " + ", ".join(sorted(stems)) + ".",
            )
        return stems[wanted]
    if n.feld is None:
        raise UsageError("Geben Sie das Handlungsfeld (--feld) oder die Datei (--datei) an.")
    feld = n.feld.strip().casefold()
    matching = [name for name, d in files.items() if (d.handlungsfeld or "").casefold() == feld]
    if len(matching) != 1:
        fields = sorted({d.handlungsfeld for d in files.values() if d.handlungsfeld})
        if not matching:
            raise UsageError(
                f"--feld: Keine Leitlinien-Datei hat das Handlungsfeld „{n.feld}“.",
                hint=suggest(n.feld, fields) or "Handlungsfelder der Dateien: " + ", ".join(fields) + ".",
            )
        raise UsageError(
            f"--feld: Mehrere Dateien haben das Handlungsfeld „{n.feld}“ ({', '.join(sorted(matching))}).",
            hint="Geben Sie die Datei mit --datei an.",
        )
    return matching[0]


def next_id(d: LeitlinienDatei) -> str:
    """The common prefix of the file's IDs up to the last „-“ and the number after the highest there."""
    idents = [ll.id for ll in d.leitlinien]
    prefix = idents[0].rsplit("-", 1)[0] + "-" if idents and "-" in idents[0] else "L-"
    numbers = [int(m.group(1)) for i in idents for m in [re.fullmatch(re.escape(prefix) + r"(\d+)", i)] if m]
    return f"{prefix}{max(numbers, default=0) + 1}"


def plan_guideline(t: Transaction, n: NeueLeitlinie) -> tuple[str, str]:
    name = _file(t, n)
    doc, d, raw = current(t, name, LEITLINIEN_DATEI_SCHEMA)
    assert isinstance(d, LeitlinienDatei)
    config = t.snapshot.config
    text = n.text.strip("\n")
    if not text.strip():
        raise UsageError("--text: Der Wortlaut ist leer.")
    if not n.quelle.strip():
        raise UsageError("--quelle: Nennen Sie den Beschluss, z. B. „Ratsbeschluss vom 12.05.2011 (Vorlage 23/11)“.")
    if n.beschlossen_am > t.today:
        raise UsageError(f"--beschlossen-am: Der {german(n.beschlossen_am)} liegt in der Zukunft.")
    arts = list(config.leitlinienarten)
    art = n.art
    if art is None:
        used = {ll.art for ll in d.leitlinien}
        if len(used) != 1:
            raise UsageError("Geben Sie die Art an (--art).", hint="Möglich: " + ", ".join(arts) + ".")
        art = used.pop()
    folded = {a.casefold(): a for a in arts}
    if art.strip().casefold() not in folded:
        raise UsageError(
            f"--art: „{art}“ ist unbekannt.", hint=suggest(art, arts) or "Möglich: " + ", ".join(arts) + "."
        )
    art = folded[art.strip().casefold()]
    ident = (n.id or next_id(d)).strip()
    taken = {i.id.casefold(): i for i in t.snapshot.ids}
    if ident.casefold() in taken:
        other = taken[ident.casefold()]
        raise LuedialogError(f"--id: Die ID „{ident}“ gibt es schon ({other.kind} in {other.file}).")
    fields: list[tuple[str, Node]] = [
        ("id", ident),
        ("nummer", n.nummer),
        ("art", art),
        ("abschnitt", n.abschnitt),
        ("ebene", n.ebene),
        ("text", text),
        ("unterziele", [*n.unterziele]),
        ("empfehlungen", [*n.empfehlungen]),
        ("begruendung", n.begruendung),
        ("quelle", n.quelle.strip()),
        ("beschlossen_am", n.beschlossen_am),
    ]
    t.change(name, encode_like(raw, append_item(doc, ("leitlinien",), fields)))
    return ident, name


def neue_leitlinie(
    root: Path, n: NeueLeitlinie, today: date, *, dry_run: bool = False, commit: bool = False
) -> Geschrieben[tuple[str, str]]:
    """Append the guideline to its file in one transaction; the result is its ID and file."""

    def plan(t: Transaction) -> tuple[tuple[str, str], str]:
        ident, name = plan_guideline(t, n)
        return (ident, name), f"Neue Leitlinie {ident} (beschlossen am {german(n.beschlossen_am)})"

    return schreiben(root, today, plan, dry_run=dry_run, commit=commit, refused="Die neue Leitlinie wäre fehlerhaft")
