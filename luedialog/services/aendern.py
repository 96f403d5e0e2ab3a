"""A later change of a measure's responsible office, target date or forwarding date, recorded as a
history entry (who, when, why), never as a silent overwrite of the measure's field.

The entry keeps the measure's status and says in its note why; from its date on its
``verantwortlich`` / ``zieldatum`` / ``weitergeleitet_am`` replace the measure's values, so the state
at an earlier Stichtag stays as it was and the reports show the postponement.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from luedialog.dates import german
from luedialog.errors import UsageError
from luedialog.queries.verlauf import history, values_at
from luedialog.services.sachstand import Eintrag, current_measure, file_of, plan_entry, reporter
from luedialog.services.schreiben import Geschrieben, schreiben
from luedialog.services.transaction import Transaction


@dataclass(frozen=True)
class Aenderungsauftrag:
    massnahme: str
    grund: str
    datum: date
    verantwortlich: str | None = None
    zieldatum: date | None = None
    weitergeleitet_am: date | None = None
    von: str | None = None
    nachweis: str | None = None


def plan_change(t: Transaction, a: Aenderungsauftrag) -> Eintrag:
    """Check the change against the measure's values at its date and plan it as a history entry."""
    name = file_of(t, a.massnahme.strip())
    _, m, _ = current_measure(t, name)
    config = t.snapshot.config
    verantwortlich = (a.verantwortlich or "").strip() or None
    if verantwortlich is None and a.zieldatum is None and a.weitergeleitet_am is None:
        raise UsageError(
            "Geben Sie an, was sich ändert: --zieldatum, --verantwortlich oder --weitergeleitet-am.",
            hint="Einen Sachstand ohne solche Änderung trägt luedialog sachstand ein.",
        )
    entries = history(m, t.today)
    now = values_at(m, entries, a.datum)
    if a.zieldatum is not None and a.zieldatum == now.zieldatum:
        raise UsageError(f"--zieldatum: Das Zieldatum ist schon der {german(a.zieldatum)}.")
    if a.zieldatum is not None and a.zieldatum < a.datum:
        raise UsageError(
            f"--zieldatum: Das neue Zieldatum {german(a.zieldatum)} liegt vor dem Datum der Änderung "
            f"({german(a.datum)})."
        )
    if verantwortlich is not None and verantwortlich == now.verantwortlich:
        raise UsageError(f"--verantwortlich: Verantwortlich ist schon „{verantwortlich}“.")
    if a.weitergeleitet_am is not None:
        if config.empfehlung_art is None or m.art != config.empfehlung_art:
            raise UsageError(f"--weitergeleitet-am gilt nur für Empfehlungen; {m.id} hat die Art „{m.art}“.")
        if now.weitergeleitet_am is not None:
            raise UsageError(
                f"--weitergeleitet-am: Die Empfehlung ist schon am {german(now.weitergeleitet_am)} weitergeleitet.",
                hint="Ist das Datum falsch, korrigieren Sie den Eintrag mit luedialog korrigieren.",
            )
        if a.weitergeleitet_am > t.today:
            raise UsageError(f"--weitergeleitet-am: Der {german(a.weitergeleitet_am)} liegt in der Zukunft.")
    status = entries[-1].status if entries else config.status[0].schluessel
    e = Eintrag(
        m.id,
        status,
        a.grund,
        a.datum,
        reporter(config, a.von),
        None,
        a.nachweis,
        verantwortlich,
        a.zieldatum,
        a.weitergeleitet_am,
    )
    plan_entry(t, e)
    return e.normalized()


def message(e: Eintrag) -> str:
    parts = []
    if e.zieldatum is not None:
        parts.append(f"Zieldatum {german(e.zieldatum)}")
    if e.verantwortlich is not None:
        parts.append(f"verantwortlich {e.verantwortlich}")
    if e.weitergeleitet_am is not None:
        parts.append(f"weitergeleitet am {german(e.weitergeleitet_am)}")
    return f"{e.massnahme}: " + ", ".join(parts) + f" ({german(e.datum)})"


def aendern(
    root: Path, a: Aenderungsauftrag, today: date, *, dry_run: bool = False, commit: bool = False
) -> Geschrieben[Eintrag]:
    """Record the change (all rules of ``sachstand`` apply to the entry) in one transaction."""

    def plan(t: Transaction) -> tuple[Eintrag, str]:
        e = plan_change(t, replace(a, grund=a.grund.strip()))
        return e, message(e)

    return schreiben(root, today, plan, dry_run=dry_run, commit=commit, refused="Die Änderung wäre fehlerhaft")
