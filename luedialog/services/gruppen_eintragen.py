"""Recording what groups do: memberships (enter, end, renew), meetings, and the Jahreskonferenz.

Every write appends: a membership, a meeting or a conference is a new item at the end of its list
(the list is added where it is still missing); ending a membership adds ``beendet_am`` to it. Each
write goes through one transaction that validates the whole project before a byte is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from luedialog.dates import german
from luedialog.errors import LuedialogError, UsageError
from luedialog.files.append import Node, add_keys, append_item, encode_like
from luedialog.model.schema import suggest
from luedialog.model.types import GRUPPE_SCHEMA, NN, Gruppe, Mitgliedschaft
from luedialog.services.schreiben import Geschrieben, current, known_id, measure, schreiben
from luedialog.services.transaction import Transaction


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("ja" if value else "nein")


def group_file(t: Transaction, ident: str, option: str = "") -> tuple[str, Gruppe]:
    """The file and the group (as planned so far) with the ID ``ident`` (in any case)."""
    snap = t.snapshot
    text = ident.strip()
    if text not in snap.gruppen and snap.may_exist("Gruppe", text):
        raise LuedialogError(
            f"Die Datei der Gruppe „{text}“ ist fehlerhaft; so lange wird nichts eingetragen.",
            hint="Die Fehler zeigt: luedialog pruefen",
        )
    gid = known_id(text, list(snap.gruppen), "Gruppe", option)
    name = snap.gruppen[gid].datei
    _, g, _ = current(t, name, GRUPPE_SCHEMA)
    return name, g


def _append(t: Transaction, name: str, key: str, fields: Sequence[tuple[str, Node]]) -> None:
    doc, _, raw = current(t, name, GRUPPE_SCHEMA)
    t.change(name, encode_like(raw, append_item(doc, (key,), fields)))


def _no_future(day: date, today: date, option: str, what: str) -> None:
    if day > today:
        raise UsageError(f"{option}: {what} am {german(day)} liegt in der Zukunft (heute ist der {german(today)}).")


# --- memberships --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeueMitgliedschaft:
    gruppe: str
    person: str
    beginn: date
    veroeffentlichen: bool
    rolle: str | None = None
    sitz: str | None = None
    ende: date | None = None
    fuer: str | None = None
    fuer_gruppe: str | None = None
    kategorie: str | None = None
    stimmrecht: bool | None = None
    erklaerung: str | None = None


def _seat_and_role(t: Transaction, g: Gruppe, sitz: str | None, rolle: str | None) -> tuple[str | None, str]:
    roles = list(t.snapshot.config.rollen or {})
    seats = {s.id: s for s in g.sitze}
    if sitz is not None:
        folded = {k.casefold(): k for k in seats}
        if sitz.strip().casefold() not in folded:
            listing = ", ".join(seats) if seats else "die Gruppe hat keine Sitze"
            raise UsageError(
                f"--sitz: Die Gruppe „{g.id}“ hat keinen Sitz „{sitz}“.",
                hint=suggest(sitz, list(seats)) or f"Sitze: {listing}.",
            )
        sitz = folded[sitz.strip().casefold()]
    if rolle is not None:
        folded_roles = {r.casefold(): r for r in roles}
        if rolle.strip().casefold() not in folded_roles:
            raise UsageError(
                f"--rolle: „{rolle}“ ist keine Rolle (rollen in luedialog.yaml).",
                hint=suggest(rolle, roles) or "Möglich: " + ", ".join(roles) + ".",
            )
        rolle = folded_roles[rolle.strip().casefold()]
    if rolle is None and sitz is not None:
        rolle = seats[sitz].rolle
    if rolle is None:
        listing = ", ".join(f"{s.id} ({s.bezeichnung})" for s in g.sitze)
        raise UsageError(
            "Geben Sie den Sitz (--sitz) oder die Rolle (--rolle) an.",
            hint=f"Sitze der Gruppe: {listing}." if listing else "Möglich: " + ", ".join(roles) + ".",
        )
    if sitz is not None and seats[sitz].rolle != rolle:
        raise UsageError(
            f"--rolle: Der Sitz „{sitz}“ ist für die Rolle „{seats[sitz].rolle}“, nicht „{rolle}“.",
            hint="Lassen Sie --rolle weg; sie folgt aus dem Sitz.",
        )
    return sitz, rolle


def plan_membership(t: Transaction, n: NeueMitgliedschaft) -> str:
    """Plan a new membership at the end of the group's ``mitglieder``; returns the file."""
    name, g = group_file(t, n.gruppe, "GRUPPE")
    person = " ".join(n.person.split())
    if not person:
        raise UsageError("--person: Der Name ist leer.")
    sitz, rolle = _seat_and_role(t, g, n.sitz, n.rolle)
    if n.ende is not None and n.ende < n.beginn:
        raise UsageError(f"--ende: Das Ende ({german(n.ende)}) liegt vor dem Beginn ({german(n.beginn)}).")
    fuer_gruppe = None
    if n.fuer_gruppe is not None:
        fuer_gruppe = known_id(n.fuer_gruppe, list(t.snapshot.gruppen), "Gruppe", "--fuer-gruppe")
    fields: list[tuple[str, Node]] = [
        ("person", person),
        ("rolle", rolle),
        ("sitz", sitz),
        ("kategorie", n.kategorie),
        ("fuer", n.fuer),
        ("fuer_gruppe", fuer_gruppe),
        ("beginn", n.beginn),
        ("ende", n.ende),
        ("stimmrecht", _yes_no(n.stimmrecht)),
        ("veroeffentlichen", _yes_no(n.veroeffentlichen)),
        ("erklaerung", n.erklaerung),
    ]
    _append(t, name, "mitglieder", fields)
    return name


def _memberships_of(t: Transaction, g: Gruppe, person: str, sitz: str | None) -> list[tuple[int, Mitgliedschaft]]:
    wanted = " ".join(person.split()).casefold()
    found = [(i, m) for i, m in enumerate(g.mitglieder) if m.person.casefold() == wanted]
    if not found:  # a suggestion names only people who agreed to be named
        names = sorted({m.person for m in g.mitglieder if t.snapshot.name(m.person) == m.person})
        close = suggest(person, names)
        raise LuedialogError(
            f"„{person}“ ist kein Mitglied der Gruppe „{g.id}“.",
            hint=close or ("Mitglieder zeigt: luedialog gruppen " + g.id + " --intern"),
        )
    if sitz is not None:
        found = [(i, m) for i, m in found if (m.sitz or "").casefold() == sitz.strip().casefold()]
        if not found:
            raise UsageError(f"--sitz: „{person}“ hat in „{g.id}“ keine Mitgliedschaft auf dem Sitz „{sitz}“.")
    return found


def _one(found: list[tuple[int, Mitgliedschaft]], g: Gruppe, what: str) -> tuple[int, Mitgliedschaft]:
    seats = sorted({m.sitz or m.rolle for _, m in found})
    if len(seats) > 1:
        raise UsageError(
            f"Die Person hat in „{g.id}“ mehrere Sitze ({', '.join(seats)}); {what}",
            hint="Geben Sie den Sitz mit --sitz an.",
        )
    return max(found, key=lambda pair: pair[1].beginn)


def plan_end(t: Transaction, gruppe: str, person: str, day: date, sitz: str | None = None) -> str:
    """Record that ``person`` left ``gruppe`` on ``day`` (``beendet_am`` in the membership then valid)."""
    name, g = group_file(t, gruppe, "GRUPPE")
    found = _memberships_of(t, g, person, sitz)
    active = [(i, m) for i, m in found if m.active(day)]
    if not active:
        spans = "; ".join(f"{german(m.beginn)} bis {german(m.bis) if m.bis else 'offen'}" for _, m in found)
        raise LuedialogError(
            f"Am {german(day)} hat „{person}“ in „{g.id}“ keine laufende Mitgliedschaft ({spans}).",
            hint="Das Datum des Ausscheidens liegt in einer Mitgliedschaft.",
        )
    index, m = _one(active, g, "welche endet?")
    if m.ende is not None and day >= m.ende:
        raise LuedialogError(f"Die Mitgliedschaft endet ohnehin am {german(m.ende)}; nichts zu beenden.")
    doc, _, raw = current(t, name, GRUPPE_SCHEMA)
    t.change(name, encode_like(raw, add_keys(doc, ("mitglieder", index), [("beendet_am", day)])))
    return name


def plan_renewal(
    t: Transaction,
    gruppe: str,
    person: str,
    bis: date,
    *,
    sitz: str | None = None,
    beginn: date | None = None,
    veroeffentlichen: bool | None = None,
    erklaerung: str | None = None,
) -> tuple[str, date]:
    """A new declaration of the same person on the same seat, from the day after the last one ends."""
    name, g = group_file(t, gruppe, "GRUPPE")
    _, last = _one(_memberships_of(t, g, person, sitz), g, "welche wird verlängert?")
    if last.beendet_am is not None:
        raise LuedialogError(
            f"Die Mitgliedschaft ist seit dem {german(last.beendet_am)} beendet; "
            "eine neue tragen Sie mit luedialog mitglied eintragen ein."
        )
    if last.ende is None:
        raise LuedialogError(
            "Die Mitgliedschaft hat kein Ende; es gibt nichts zu verlängern.",
            hint="Tragen Sie das Ende der bisherigen Erklärung nach oder eine neue Mitgliedschaft ein.",
        )
    start = beginn or last.ende + timedelta(days=1)
    if bis < start:
        raise UsageError(f"--bis: Das neue Ende ({german(bis)}) liegt vor dem Beginn ({german(start)}).")
    publish = last.veroeffentlichen if veroeffentlichen is None else veroeffentlichen
    fields: list[tuple[str, Node]] = [
        ("person", last.person),
        ("rolle", last.rolle),
        ("sitz", last.sitz),
        ("kategorie", last.kategorie),
        ("fuer", last.fuer),
        ("fuer_gruppe", last.fuer_gruppe),
        ("beginn", start),
        ("ende", bis),
        ("stimmrecht", _yes_no(last.stimmrecht)),
        ("veroeffentlichen", _yes_no(publish)),
        ("erklaerung", erklaerung),
    ]
    _append(t, name, "mitglieder", fields)
    return name, start


# --- meetings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeueSitzung:
    gruppe: str
    datum: date
    thema: str
    ergebnisse: str | None = None
    teilnehmende: int | None = None
    empfehlungen: tuple[str, ...] = ()


def _recommendations(t: Transaction, idents: Sequence[str], option: str) -> list[Node]:
    return [measure(t, i, option) for i in idents]


def plan_meeting(t: Transaction, s: NeueSitzung) -> str:
    """A meeting at the end of the group's ``sitzungen``."""
    name, g = group_file(t, s.gruppe, "GRUPPE")
    _no_future(s.datum, t.today, "--datum", "Die Sitzung")
    thema = s.thema.strip()
    if not thema:
        raise UsageError("--thema: Das Thema ist leer.")
    if any(x.datum == s.datum and x.thema.strip() == thema for x in g.sitzungen):
        raise LuedialogError(f"Die Sitzung vom {german(s.datum)} zum Thema „{thema}“ ist schon eingetragen.")
    if s.teilnehmende is not None and s.teilnehmende < 0:
        raise UsageError("--teilnehmende: Die Zahl kann nicht negativ sein.")
    fields: list[tuple[str, Node]] = [
        ("datum", s.datum),
        ("thema", thema),
        ("ergebnisse", s.ergebnisse),
        ("teilnehmende", s.teilnehmende),
        ("empfehlungen", _recommendations(t, s.empfehlungen, "--empfehlung")),
    ]
    _append(t, name, "sitzungen", fields)
    return name


# --- the Jahreskonferenz ------------------------------------------------------------------------


@dataclass(frozen=True)
class Erneuerungsangabe:
    gruppe: str
    person: str
    bis: date | None = None


@dataclass(frozen=True)
class NeueKonferenz:
    datum: date
    jahr: int | None = None
    ergebnisse: str | None = None
    empfehlungen: tuple[str, ...] = ()
    aufgaben: tuple[tuple[str, str], ...] = ()  # (group ID, task for the next year)
    erneuerungen: tuple[Erneuerungsangabe, ...] = ()
    gruppe: str | None = None  # the group of the kind "jahreskonferenz", if there are several


def conference_group(t: Transaction, ident: str | None) -> tuple[str, Gruppe]:
    if ident is not None:
        return group_file(t, ident, "--gruppe")
    kinds = [g for g in t.snapshot.gruppen.values() if g.art == "jahreskonferenz"]
    if len(kinds) != 1:
        found = ", ".join(sorted(g.id for g in kinds)) or "keine"
        raise UsageError(
            f"Es gibt nicht genau eine Gruppe der Art „jahreskonferenz“ (gefunden: {found}).",
            hint="Geben Sie sie mit --gruppe an.",
        )
    return group_file(t, kinds[0].id)


@dataclass
class Konferenzplan:
    datei: str
    jahr: int
    verlaengert: list[tuple[str, str, date]] = field(default_factory=list)  # (group, file, new start)


def plan_conference(t: Transaction, k: NeueKonferenz) -> Konferenzplan:
    """A conference at the end of ``konferenzen``; renewals with a new end also renew the membership."""
    name, g = conference_group(t, k.gruppe)
    _no_future(k.datum, t.today, "--datum", "Die Jahreskonferenz")
    jahr = k.jahr if k.jahr is not None else k.datum.year
    if not k.datum.year - 1 <= jahr <= k.datum.year:  # a report would say it took place years before or after
        raise UsageError(
            f"--jahr: Die Jahreskonferenz {jahr} kann nicht am {german(k.datum)} stattgefunden haben; das Jahr ist "
            "das von --datum oder (für eine Konferenz zu Beginn des Folgejahres) das Jahr davor."
        )
    if any(x.jahr == jahr for x in g.konferenzen):
        raise LuedialogError(f"Die Jahreskonferenz {jahr} ist schon eingetragen ({name}).")
    groups = list(t.snapshot.gruppen)
    tasks: list[Node] = []
    for gid, text in k.aufgaben:
        if not text.strip():
            raise UsageError(f"--aufgabe: Die Aufgabe für „{gid}“ ist leer.")
        tasks.append({"jahr": jahr + 1, "gruppe": known_id(gid, groups, "Gruppe", "--aufgabe"), "text": text.strip()})
    plan = Konferenzplan(name, jahr)
    renewals: list[Node] = []
    for e in k.erneuerungen:
        gid = known_id(e.gruppe, groups, "Gruppe", "--erneuerung")
        _, member_group = group_file(t, gid)
        person = _memberships_of(t, member_group, e.person, None)[0][1].person
        renewals.append({"gruppe": gid, "person": person, "bis": e.bis})
        if e.bis is not None:
            file, start = plan_renewal(t, gid, person, e.bis)
            plan.verlaengert.append((gid, file, start))
    fields: list[tuple[str, Node]] = [
        ("jahr", jahr),
        ("datum", k.datum),
        ("ergebnisse", k.ergebnisse),
        ("empfehlungen", _recommendations(t, k.empfehlungen, "--empfehlung")),
        ("aufgaben", tasks),
        ("erneuerungen", renewals),
    ]
    _append(t, name, "konferenzen", fields)
    return plan


# --- the use cases ------------------------------------------------------------------------------

REFUSED = "Das würde die Prüfung scheitern lassen"


def _named(person: str, publish: bool) -> str:
    return " ".join(person.split()) if publish else NN


def mitglied_eintragen(
    root: Path, n: NeueMitgliedschaft, today: date, *, dry_run: bool = False, commit: bool = False
) -> Geschrieben[str]:
    """Record a membership; the result is what may be shown of the name."""

    def plan(t: Transaction) -> tuple[str, str]:
        name = plan_membership(t, n)
        return _named(n.person, n.veroeffentlichen), f"Mitgliedschaft in {_gid(name)} ab {german(n.beginn)}"

    return schreiben(root, today, plan, dry_run=dry_run, commit=commit, refused=REFUSED)


def mitglied_beenden(
    root: Path,
    gruppe: str,
    person: str,
    day: date,
    today: date,
    *,
    sitz: str | None = None,
    dry_run: bool = False,
    commit: bool = False,
) -> Geschrieben[str]:
    def plan(t: Transaction) -> tuple[str, str]:
        name = plan_end(t, gruppe, person, day, sitz)
        return _gid(name), f"Mitgliedschaft in {_gid(name)} beendet am {german(day)}"

    return schreiben(root, today, plan, dry_run=dry_run, commit=commit, refused=REFUSED)


def mitglied_verlaengern(
    root: Path,
    gruppe: str,
    person: str,
    bis: date,
    today: date,
    *,
    sitz: str | None = None,
    veroeffentlichen: bool | None = None,
    erklaerung: str | None = None,
    dry_run: bool = False,
    commit: bool = False,
) -> Geschrieben[date]:
    """Renew a declaration; the result is the first day of the new one."""

    def plan(t: Transaction) -> tuple[date, str]:
        name, start = plan_renewal(
            t, gruppe, person, bis, sitz=sitz, veroeffentlichen=veroeffentlichen, erklaerung=erklaerung
        )
        return start, f"Mitgliedschaft in {_gid(name)} verlängert bis {german(bis)}"

    return schreiben(root, today, plan, dry_run=dry_run, commit=commit, refused=REFUSED)


def sitzung_eintragen(
    root: Path, s: NeueSitzung, today: date, *, dry_run: bool = False, commit: bool = False
) -> Geschrieben[str]:
    def plan(t: Transaction) -> tuple[str, str]:
        name = plan_meeting(t, s)
        return _gid(name), f"Sitzung {_gid(name)} am {german(s.datum)}"

    return schreiben(root, today, plan, dry_run=dry_run, commit=commit, refused=REFUSED)


def konferenz_eintragen(
    root: Path, k: NeueKonferenz, today: date, *, dry_run: bool = False, commit: bool = False
) -> Geschrieben[Konferenzplan]:
    def plan(t: Transaction) -> tuple[Konferenzplan, str]:
        done = plan_conference(t, k)
        return done, f"Jahreskonferenz {done.jahr} am {german(k.datum)}"

    return schreiben(root, today, plan, dry_run=dry_run, commit=commit, refused=REFUSED)


def _gid(name: str) -> str:
    """The group ID of a group file (its stem)."""
    return name.rsplit("/", 1)[-1].removesuffix(".yaml")
