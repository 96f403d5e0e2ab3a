"""The public view of a snapshot: everything marked internal taken out, so every published output
(reports, ``export --oeffentlich``, the open data) is made of it and cannot show what is internal.

``intern: ja`` on a measure (or recommendation), a history entry, a membership, a meeting or a
Jahreskonferenz takes the whole entry out; ``intern: [feld, …]`` empties those fields (an internal
note: ``intern: [notiz]`` on a history entry). References stay consistent: corrections of an
internal entry go, the others are renumbered; a recommendation that is internal disappears from its
meeting and conference, an indicator no longer names it; a sub-measure of an internal measure
loses its ``teil_von``.

``interne_texte`` lists the texts that only internal content holds, for ``pruefen --oeffentlich``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import MISSING, dataclass
from typing import Any, TypeVar

from luedialog.model.types import (
    Gruppe,
    Korrektur,
    Massnahme,
    VerlaufEintrag,
    interne_felder,
    ist_intern,
)
from luedialog.snapshot import Snapshot

T = TypeVar("T")

# fields holding free text people wrote (what a published file could leak); IDs, vocabulary keys,
# dates and numbers are not searched for
FREITEXT = frozenset(
    (
        "titel",
        "beschreibung",
        "text",
        "abschnitt",
        "notiz",
        "von",
        "nachweis",
        "verantwortlich",
        "adressat",
        "partner",
        "haushalt",
        "thema",
        "ergebnisse",
        "erklaerung",
        "fuer",
        "kategorie",
        "grund",
    )
)
MIN_LAENGE = 4  # shorter texts ("ja", "FB") are everywhere and say nothing


def _empty(obj: Any, name: str) -> Any:
    """The value an unset field ``name`` of ``obj`` has (a required text: an empty text)."""
    spec = next(f for f in dataclasses.fields(obj) if f.name == name)
    if spec.default is not MISSING:
        return spec.default
    if spec.default_factory is not MISSING:
        return spec.default_factory()
    return ""


def ohne_interne_felder(obj: T) -> T:
    """``obj`` with its internal fields emptied and no ``intern`` mark left."""
    names = interne_felder(obj)
    if not names and getattr(obj, "intern", False) is False:
        return obj
    changes = {name: _empty(obj, name) for name in names}
    return dataclasses.replace(obj, intern=False, **changes)  # type: ignore[type-var]


def _korrektur(
    k: Korrektur, neu: dict[int, int], verlauf: tuple[VerlaufEintrag, ...], versteckt: set[str]
) -> Korrektur | None:
    """The correction in the public history, or ``None`` if it concerns internal content only; the
    ID of an internal measure it was moved to or from is left out."""
    if k.uebertragen_nach in versteckt or k.uebertragen_aus in versteckt:
        k = dataclasses.replace(
            k,
            uebertragen_nach=None if k.uebertragen_nach in versteckt else k.uebertragen_nach,
            uebertragen_aus=None if k.uebertragen_aus in versteckt else k.uebertragen_aus,
        )
    k = ohne_interne_felder(k)  # its reason and who corrected, if internal; the correction itself stays
    if k.nachtrag is not None:
        return None if ist_intern(k.nachtrag) else dataclasses.replace(k, nachtrag=ohne_interne_felder(k.nachtrag))
    if k.eintrag is None or not 1 <= k.eintrag <= len(verlauf):
        return k  # invalid: the checks report it; a published output is made of valid data only
    if k.eintrag not in neu:
        return None  # corrects an internal entry
    target = verlauf[k.eintrag - 1]
    richtig = k.richtig
    hidden = [n for n in interne_felder(target) if richtig is not None and getattr(richtig, n, None) is not None]
    if richtig is not None and hidden:
        richtig = dataclasses.replace(richtig, **dict.fromkeys(hidden))
        if not richtig.values() and not k.gestrichen:
            return None  # it corrected only internal fields
    return dataclasses.replace(k, eintrag=neu[k.eintrag], richtig=richtig)


def _massnahme(m: Massnahme, versteckt: set[str]) -> Massnahme:
    touched = any(
        k.intern
        or (k.nachtrag is not None and k.nachtrag.intern)
        or k.uebertragen_nach in versteckt
        or k.uebertragen_aus in versteckt
        for k in m.korrekturen
    )
    if not touched and not any(e.intern for e in m.verlauf):
        return ohne_interne_felder(m)
    public = [i for i, e in enumerate(m.verlauf, start=1) if not ist_intern(e)]
    neu = {old: new for new, old in enumerate(public, start=1)}
    verlauf = tuple(ohne_interne_felder(m.verlauf[i - 1]) for i in public)
    korrekturen = tuple(c for k in m.korrekturen if (c := _korrektur(k, neu, m.verlauf, versteckt)) is not None)
    return ohne_interne_felder(dataclasses.replace(m, verlauf=verlauf, korrekturen=korrekturen))


def _gruppe(g: Gruppe, versteckt: set[str]) -> Gruppe:
    def ids(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(v for v in values if v not in versteckt)

    mitglieder = tuple(ohne_interne_felder(x) for x in g.mitglieder if not ist_intern(x))
    sitzungen = tuple(
        dataclasses.replace(s, empfehlungen=ids(s.empfehlungen))
        for s in (ohne_interne_felder(x) for x in g.sitzungen if not ist_intern(x))
    )
    konferenzen = tuple(
        dataclasses.replace(k, empfehlungen=ids(k.empfehlungen))
        for k in (ohne_interne_felder(x) for x in g.konferenzen if not ist_intern(x))
    )
    if (mitglieder, sitzungen, konferenzen) == (g.mitglieder, g.sitzungen, g.konferenzen):
        return g
    return dataclasses.replace(g, mitglieder=mitglieder, sitzungen=sitzungen, konferenzen=konferenzen)


def oeffentlich(snap: Snapshot) -> Snapshot:
    """The snapshot without anything marked internal (a new snapshot; ``snap`` stays as it is)."""
    versteckt = {ident for ident, m in snap.massnahmen.items() if ist_intern(m)}
    massnahmen: dict[str, Massnahme] = {}
    for ident, m in snap.massnahmen.items():
        if ident in versteckt:
            continue
        public = _massnahme(m, versteckt)
        if public.teil_von in versteckt:
            public = dataclasses.replace(public, teil_von=None, gewicht=None)
        massnahmen[ident] = public
    hidden_files = {m.datei for m in snap.massnahmen.values() if m.id in versteckt}
    return dataclasses.replace(
        snap,
        massnahmen=massnahmen,
        gruppen={ident: _gruppe(g, versteckt) for ident, g in snap.gruppen.items()},
        files={name: r for name, r in snap.files.items() if name not in hidden_files},
        documents={name: d for name, d in snap.documents.items() if name not in hidden_files},
        ids=[e for e in snap.ids if not (e.kind == "Maßnahme" and e.id in versteckt)],
        indikatoren={
            ident: i
            if not set(i.massnahmen) & versteckt
            else dataclasses.replace(i, massnahmen=tuple(x for x in i.massnahmen if x not in versteckt))
            for ident, i in snap.indikatoren.items()
        },
    )


@dataclass(frozen=True)
class InternerText:
    """A text only internal content holds, and where it stands (said without the text itself)."""

    text: str
    wo: str  # e.g. „Verlaufseintrag 2 von M-BIL-01 (notiz)“


def _texts(value: Any, name: str = "") -> Iterator[str]:
    """The free texts in ``value`` (a dataclass, a tuple of them, or a text of field ``name``)."""
    if isinstance(value, str):
        if name in FREITEXT:
            yield value
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item, name)
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name), f.name)


def _internal(snap: Snapshot) -> Iterator[tuple[str, str]]:
    """(text, where) of every free text in internal content, and the IDs of internal measures."""

    def fields_of(obj: Any, where: str) -> Iterator[tuple[str, str]]:
        if ist_intern(obj):
            yield from ((t, where) for t in _texts(obj))
            return
        for name in interne_felder(obj):
            yield from ((t, f"{where} ({name})") for t in _texts(getattr(obj, name), name))

    for m in sorted(snap.massnahmen.values(), key=lambda x: x.id):
        if ist_intern(m):
            yield m.id, f"Maßnahme {m.id}"
        yield from fields_of(m, f"Maßnahme {m.id}")
        for i, e in enumerate(m.verlauf, start=1):
            yield from fields_of(e, f"Verlaufseintrag {i} von {m.id}")
        for i, k in enumerate(m.korrekturen, start=1):
            yield from fields_of(k, f"Korrektur {i} von {m.id}")
            if k.nachtrag is not None:
                yield from fields_of(k.nachtrag, f"Nachtrag der Korrektur {i} von {m.id}")
    for g in sorted(snap.gruppen.values(), key=lambda x: x.id):
        for i, x in enumerate(g.mitglieder, start=1):
            yield from fields_of(x, f"Mitgliedschaft {i} in {g.id}")
        for s in g.sitzungen:
            yield from fields_of(s, f"Sitzung vom {s.datum.isoformat()} von {g.id}")
        for c in g.konferenzen:
            yield from fields_of(c, f"Jahreskonferenz {c.jahr} in {g.id}")


def _public_texts(view: Snapshot) -> str:
    """Every free text of the public view, one big text to look in."""
    parts: list[str] = [view.config.name, view.config.kommune or ""]
    for ll in view.leitlinien.values():
        parts += _texts(ll)
    for m in view.massnahmen.values():
        parts += _texts(m)
        parts.append(m.id)
    for g in view.gruppen.values():
        parts += _texts(g)
        parts.append(g.name)
    return "\n".join(" ".join(p.split()) for p in parts)


def interne_texte(snap: Snapshot) -> list[InternerText]:
    """The texts of internal content that no public content also holds (those may show anywhere),
    each once, with where it stands; whitespace runs as one space."""
    public = _public_texts(oeffentlich(snap))
    seen: set[str] = set()
    result: list[InternerText] = []
    for text, where in _internal(snap):
        normal = " ".join(text.split())
        if len(normal) < MIN_LAENGE or normal in seen or normal in public:
            continue
        seen.add(normal)
        result.append(InternerText(normal, where))
    return result
