"""A new measure (or recommendation, or target agreement) with the next free ID, created in one transaction.

Every field the model knows can be given; each is checked before the file is written and named by
its option when it is wrong. The first history entry may lie in the past (a measure adopted on
15.03.2010), never in the future.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath

from luedialog.dates import german
from luedialog.errors import UsageError
from luedialog.files.append import Node, mapping_lines
from luedialog.model.jsonschemas import modeline_for
from luedialog.model.schema import suggest
from luedialog.model.types import MAX_AMOUNT, MAX_WEIGHT
from luedialog.paths import MASSNAHMEN_DIR
from luedialog.services.sachstand import is_placeholder, reporter
from luedialog.services.schreiben import Geschrieben, known_id, measure, schreiben
from luedialog.services.schreiben import status as status_of
from luedialog.services.transaction import Transaction
from luedialog.snapshot import Snapshot
from luedialog.zahlen import euro


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
    # the first history entry
    datum: date | None = None  # default: today
    nachweis: str | None = None
    fortschritt: int | None = None
    # what the measure is about
    priorisiert: bool = False
    stadtteile: tuple[str, ...] = ()
    gewicht: float | None = None
    gruppen: tuple[str, ...] = ()
    verantwortlich: str | None = None
    zieldatum: date | None = None
    # costs and funding (finanzen)
    kosten: float | None = None
    foerderung: float | None = None
    eigenanteil: float | None = None
    haushalt: str | None = None
    finanz_notiz: str | None = None
    # a recommendation (Empfehlung)
    herkunft: str | None = None  # the group or the Jahreskonferenz
    herkunft_datum: date | None = None
    adressat: str | None = None
    weg: str | None = None
    weitergeleitet_am: date | None = None
    # a target agreement (Zielvereinbarung)
    partner: tuple[str, ...] = ()
    vereinbart_am: date | None = None


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


def _text(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _finanzen(n: NeueMassnahme) -> dict[str, Node]:
    for option, amount in (("--kosten", n.kosten), ("--foerderung", n.foerderung), ("--eigenanteil", n.eigenanteil)):
        if amount is not None and amount < 0:
            raise UsageError(f"{option}: Ein Betrag kann nicht negativ sein ({amount:g}).")
        if amount is not None and amount > MAX_AMOUNT:
            raise UsageError(f"{option}: Der Betrag {amount:g} ist zu groß (höchstens {euro(MAX_AMOUNT)}).")
    return {
        "kosten": n.kosten,
        "foerderung": n.foerderung,
        "eigenanteil": n.eigenanteil,
        "haushalt": _text(n.haushalt),
        "notiz": _text(n.finanz_notiz),
    }


def _only_for(art: str, kind: str | None, what: str, given: dict[str, object]) -> None:
    """Refuse the options of a recommendation or target agreement for a measure of another kind."""
    used = [option for option, value in given.items() if value not in (None, ())]
    if used and (kind is None or art != kind):
        needed = f" (--art {kind})" if kind else ""
        raise UsageError(f"{used[0]} gilt nur für {what}{needed}; diese Maßnahme hat die Art „{art}“.")


def _vocabulary(value: str, allowed: tuple[str, ...] | list[str], option: str) -> str:
    """``value`` as the configuration spells it (in any case), or a usage error naming the option."""
    folded = {a.casefold(): a for a in allowed}
    if value.strip().casefold() in folded:
        return folded[value.strip().casefold()]
    raise UsageError(
        f"{option}: „{value}“ ist unbekannt.",
        hint=suggest(value, list(allowed)) or ("Möglich: " + ", ".join(allowed) + "." if allowed else None),
    )


def measure_fields(t: Transaction, n: NeueMassnahme, today: date) -> tuple[str, dict[str, Node]]:
    """The checked values of the new measure (file order) and its art."""
    snap = t.snapshot
    config = snap.config
    fields = [h.schluessel for h in config.handlungsfelder]
    feld = _vocabulary(n.feld, fields, "--feld")
    leitlinien = [known_id(ref, list(snap.leitlinien), "Leitlinie", "--leitlinie") for ref in n.leitlinien]
    teil_von = measure(t, n.teil_von, "--teil-von") if n.teil_von else None
    default_art = "massnahme" if "massnahme" in config.massnahmenarten else next(iter(config.massnahmenarten))
    art = _vocabulary(n.art or default_art, list(config.massnahmenarten), "--art")
    status = status_of(t, n.status, "--status") if n.status else config.status[0].schluessel
    stadtteile = [_vocabulary(s, config.stadtteile, "--stadtteil") for s in n.stadtteile]
    gruppen = [known_id(g, list(snap.gruppen), "Gruppe", "--gruppe") for g in n.gruppen]
    day = n.datum or today
    if day > today:
        raise UsageError(f"--datum: Der {german(day)} liegt in der Zukunft (heute ist der {german(today)}).")
    if n.zieldatum is not None and n.zieldatum < day:
        raise UsageError(
            f"--zieldatum: Das Zieldatum {german(n.zieldatum)} liegt vor dem ersten Eintrag ({german(day)})."
        )
    if n.gewicht is not None and teil_von is None:
        raise UsageError("--gewicht gilt nur für eine Teilmaßnahme (mit --teil-von).")
    if n.gewicht is not None and n.gewicht < 0:
        raise UsageError(f"--gewicht: Das Gewicht kann nicht negativ sein ({n.gewicht:g}).")
    if n.gewicht is not None and not n.gewicht <= MAX_WEIGHT:  # also nan and inf, which typer lets through
        limit = f"{MAX_WEIGHT:,}".replace(",", ".")
        raise UsageError(f"--gewicht: „{n.gewicht:g}“ ist kein Gewicht; erwartet wird eine Zahl bis {limit}.")
    if n.fortschritt is not None and not 0 <= n.fortschritt <= 100:
        raise UsageError(f"--fortschritt: {n.fortschritt} liegt nicht zwischen 0 und 100.")
    if not n.titel.strip():
        raise UsageError("--titel: Der Titel ist leer.")
    if is_placeholder(n.notiz):
        raise UsageError("--notiz: Die Notiz ist leer oder ein Platzhalter; bitte in Worten beschreiben.")
    _only_for(
        art,
        config.empfehlung_art,
        "Empfehlungen",
        {
            "--herkunft": n.herkunft,
            "--herkunft-datum": n.herkunft_datum,
            "--adressat": n.adressat,
            "--weg": n.weg,
            "--weitergeleitet-am": n.weitergeleitet_am,
        },
    )
    _only_for(
        art,
        config.zielvereinbarung_art,
        "Zielvereinbarungen",
        {"--partner": n.partner, "--vereinbart-am": n.vereinbart_am},
    )
    if n.herkunft_datum is not None and n.herkunft is None:
        raise UsageError("--herkunft-datum braucht --herkunft (die Gruppe oder die Jahreskonferenz).")
    herkunft: dict[str, Node] = {}
    if n.herkunft is not None:
        herkunft = {
            "gruppe": known_id(n.herkunft, list(snap.gruppen), "Gruppe", "--herkunft"),
            "datum": n.herkunft_datum,
        }
    weg = None
    if n.weg is not None:
        wege = [w.schluessel for w in config.empfehlungswege]
        weg = _vocabulary(n.weg, wege, "--weg")
    for option, when in (
        ("--herkunft-datum", n.herkunft_datum),
        ("--weitergeleitet-am", n.weitergeleitet_am),
        ("--vereinbart-am", n.vereinbart_am),
    ):
        if when is not None and when > today:
            raise UsageError(f"{option}: Der {german(when)} liegt in der Zukunft (heute ist der {german(today)}).")
    entry: dict[str, Node] = {
        "datum": day,
        "status": status,
        "notiz": n.notiz,
        "von": _text(n.von),
        "nachweis": _text(n.nachweis),
        "fortschritt": n.fortschritt,
    }
    values: dict[str, Node] = {
        "titel": n.titel.strip(),
        "art": art,
        "handlungsfeld": feld,
        "leitlinien": [*leitlinien],
        "priorisiert": "ja" if n.priorisiert else None,
        "beschreibung": _text(n.beschreibung),
        "stadtteile": [*stadtteile],
        "teil_von": teil_von,
        "gewicht": n.gewicht,
        "gruppen": [*gruppen],
        "verantwortlich": _text(n.verantwortlich),
        "zieldatum": n.zieldatum,
        "finanzen": {k: v for k, v in _finanzen(n).items() if v is not None},
        "herkunft": {k: v for k, v in herkunft.items() if v is not None},
        "adressat": _text(n.adressat),
        "weg": weg,
        "weitergeleitet_am": n.weitergeleitet_am,
        "partner": [p.strip() for p in n.partner if p.strip()],
        "vereinbart_am": n.vereinbart_am,
        "verlauf": [entry],
    }
    return art, values


def measure_text(ident: str, values: dict[str, Node]) -> str:
    lines = [
        modeline_for(MASSNAHMEN_DIR),
        f"# Maßnahme {ident}, angelegt mit luedialog neu massnahme",
        f"id: {ident}",
        *mapping_lines(values, 0),
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Angelegt:
    id: str
    datei: str
    text: str


def plan_measure(t: Transaction, n: NeueMassnahme) -> Angelegt:
    """Check ``n`` and plan its new file in ``t``."""
    config = t.snapshot.config
    n = replace(n, von=reporter(config, n.von))  # None: the first entry names nobody
    _, values = measure_fields(t, n, t.today)
    feld = values["handlungsfeld"]
    assert isinstance(feld, str)
    ident = next_id(t.snapshot, config.feld(feld).kuerzel)
    name = f"{MASSNAHMEN_DIR}/{ident}.yaml"
    text = measure_text(ident, values)
    t.create(name, text.encode("utf-8"))
    return Angelegt(ident, name, text)


def neue_massnahme(
    root: Path, n: NeueMassnahme, today: date, *, dry_run: bool = False, commit: bool = False
) -> Geschrieben[Angelegt]:
    """Validate and create a new measure file (in one transaction)."""

    def plan(t: Transaction) -> tuple[Angelegt, str]:
        done = plan_measure(t, n)
        return done, f"Neue Maßnahme {done.id}: {n.titel.strip()}"

    return schreiben(root, today, plan, dry_run=dry_run, commit=commit, refused="Die neue Maßnahme wäre fehlerhaft")


def neue_empfehlung(
    root: Path, n: NeueMassnahme, today: date, *, dry_run: bool = False, commit: bool = False
) -> Geschrieben[Angelegt]:
    """A recommendation of a group or of the Jahreskonferenz: a measure of the kind ``empfehlung_art``
    (luedialog.yaml), first with the status ``empfohlen`` (where the vocabulary has it)."""

    def plan(t: Transaction) -> tuple[Angelegt, str]:
        config = t.snapshot.config
        if config.empfehlung_art is None:
            raise UsageError(
                "luedialog.yaml nennt keine Art für Empfehlungen (empfehlung_art).",
                hint="Ergänzen Sie z. B. „empfehlung_art: empfehlung“ und die Art unter massnahmenarten.",
            )
        status = n.status or ("empfohlen" if "empfohlen" in config.status_keys else None)
        done = plan_measure(t, replace(n, art=config.empfehlung_art, status=status))
        return done, f"Neue Empfehlung {done.id}: {n.titel.strip()}"

    return schreiben(root, today, plan, dry_run=dry_run, commit=commit, refused="Die neue Empfehlung wäre fehlerhaft")
