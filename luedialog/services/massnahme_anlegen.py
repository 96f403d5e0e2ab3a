"""A new measure with the next free ID, created in one transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath

from luedialog.errors import LuedialogError, UsageError
from luedialog.files.append import scalar
from luedialog.model.jsonschemas import modeline_for
from luedialog.model.schema import suggest
from luedialog.paths import MASSNAHMEN_DIR
from luedialog.services.sachstand import reporter
from luedialog.services.transaction import Transaction
from luedialog.snapshot import Snapshot


@dataclass(frozen=True)
class NeueMassnahme:
    feld: str
    titel: str
    leitlinien: tuple[str, ...] = ()
    teil_von: str | None = None
    art: str | None = None
    beschreibung: str | None = None
    status: str | None = None
    notiz: str = "Neu angelegt."
    von: str | None = None


def next_id(snap: Snapshot, kuerzel: str) -> str:
    """``M-<Kürzel>-NN`` with the number after the highest in use (at least two digits).

    In use are the IDs of the measures, the IDs broken files declare and the names of all files
    in the measures' folder, so the new file never has the name of one that exists.
    """
    pattern = re.compile(rf"^M-{re.escape(kuerzel)}-(\d+)$", re.IGNORECASE)
    stems = [PurePosixPath(name).stem for name in snap.files if name.startswith(MASSNAHMEN_DIR + "/")]
    used = [*snap.massnahmen, *snap.unloaded.get("Maßnahme", set()), *stems]
    numbers = [int(m.group(1)) for i in used for m in [pattern.match(i)] if m]
    width = max([2, *(len(m.group(1)) for i in snap.massnahmen for m in [pattern.match(i)] if m)])
    return f"M-{kuerzel}-{(max(numbers, default=0) + 1):0{width}d}"


def measure_text(ident: str, n: NeueMassnahme, art: str, status: str, day: date) -> str:
    lines = [
        modeline_for(MASSNAHMEN_DIR),
        f"# Maßnahme {ident}, angelegt mit luedialog neu massnahme",
        f"id: {ident}",
        f"titel: {scalar(n.titel, 0)}",
        f"art: {art}",
        f"handlungsfeld: {n.feld}",
    ]
    if n.leitlinien:
        lines.append("leitlinien:")
        lines += [f"  - {scalar(i, 2)}" for i in n.leitlinien]
    if n.teil_von:
        lines.append(f"teil_von: {scalar(n.teil_von, 0)}")
    if n.beschreibung:
        lines.append(f"beschreibung: {scalar(n.beschreibung, 0)}")
    lines += ["verlauf:", f"  - datum: {day.isoformat()}", f"    status: {status}", f"    notiz: {scalar(n.notiz, 4)}"]
    if n.von:
        lines.append(f"    von: {scalar(n.von, 4)}")
    return "\n".join(lines) + "\n"


def neue_massnahme(root: Path, n: NeueMassnahme, day: date, *, dry_run: bool = False) -> tuple[str, str]:
    """Validate and create a new measure file (in one transaction); returns (ID, file content)."""
    with Transaction.begin(root, day) as t:
        snap = t.snapshot
        config = snap.config
        n = replace(n, von=reporter(config, n.von))  # None: the first entry names nobody
        fields = [h.schluessel for h in config.handlungsfelder]
        if n.feld not in fields:
            raise UsageError(
                f"--feld: „{n.feld}“ ist unbekannt.",
                hint=suggest(n.feld, fields) or "Möglich: " + ", ".join(fields) + ".",
            )
        for ref in n.leitlinien:
            if ref not in snap.leitlinien:
                raise LuedialogError(
                    f"--leitlinie: Keine Leitlinie mit der ID „{ref}“.",
                    hint=suggest(ref, list(snap.leitlinien)) or "Prüfen Sie die ID.",
                )
        if n.teil_von is not None and n.teil_von not in snap.massnahmen:
            raise LuedialogError(
                f"--teil-von: Keine Maßnahme mit der ID „{n.teil_von}“.",
                hint=suggest(n.teil_von, list(snap.massnahmen)) or "Prüfen Sie die ID.",
            )
        art = n.art or ("massnahme" if "massnahme" in config.massnahmenarten else next(iter(config.massnahmenarten)))
        if art not in config.massnahmenarten:
            raise UsageError(
                f"--art: „{art}“ ist unbekannt.",
                hint=suggest(art, list(config.massnahmenarten))
                or "Möglich: " + ", ".join(config.massnahmenarten) + ".",
            )
        status = n.status or config.status[0].schluessel
        if status not in config.status_keys:
            raise UsageError(
                f"--status: „{status}“ ist unbekannt.",
                hint=suggest(status, config.status_keys) or "Möglich: " + ", ".join(config.status_keys) + ".",
            )
        ident = next_id(snap, config.feld(n.feld).kuerzel)
        name = f"{MASSNAHMEN_DIR}/{ident}.yaml"
        text = measure_text(ident, n, art, status, day)
        t.create(name, text.encode("utf-8"))
        t.commit(dry_run=dry_run, refused="Die neue Maßnahme wäre fehlerhaft")
        return ident, text
