"""Rules for groups: composition, memberships, recommendations, meetings and conferences.

Composition comes from the data: every seat (Sitz) says how many members it has (``anzahl``) or
that it has one member per council faction or per group of a kind (``je``). Rules apply to a
group as soon as it has members; an empty group is "not yet filled", and `luedialog gruppen`
shows its empty seats.
"""

from __future__ import annotations

from datetime import date

from luedialog.dates import german, one_year_later, plus_days
from luedialog.findings import Finding, error, warning
from luedialog.model.types import Gruppe
from luedialog.queries.gruppen import besetzung
from luedialog.snapshot import Snapshot

# --- composition -------------------------------------------------------------------------------


def _check_dates(g: Gruppe, snap: Snapshot) -> list[date]:
    """Dates at which the composition can change, within the process period."""
    start = snap.config.zeitraum.beginn
    end = date(snap.config.zeitraum.ende_jahr, 12, 31)
    days = {start}
    for m in g.mitglieder:
        days.add(m.beginn)
        if m.bis is not None:
            days.add(plus_days(m.bis, 1))  # ende 9999-12-31: open-ended
    return sorted(d for d in days if start <= d <= end)


def check_composition(snap: Snapshot) -> list[Finding]:
    findings: list[Finding] = []
    for g in sorted(snap.gruppen.values(), key=lambda g: g.id):
        # a seat for an open number of members can be neither short nor over
        seats = tuple(s for s in g.sitze if s.je or (s.anzahl is not None and not s.optional))
        if not seats:
            continue
        reported: set[tuple[str, str]] = set()
        for day in _check_dates(g, snap):
            if not any(m.active(day) for m in g.mitglieder):
                continue  # not (yet) filled
            for b in besetzung(snap, g, day, seats):
                if b.leer and ("leer", b.sitz.id) not in reported:
                    reported.add(("leer", b.sitz.id))
                    what = "fehlt: " + ", ".join(b.fehlend) if b.fehlend else f"{len(b.ist)} von {b.soll} besetzt"
                    findings.append(
                        warning(
                            g.datei,
                            snap.line(g.datei, ("sitze", g.sitze.index(b.sitz))),  # only for a finding: may parse
                            "sitz-unbesetzt",
                            f"Sitz „{b.sitz.bezeichnung}“ ist am {german(day)} nicht voll besetzt ({what}).",
                            hint="Tragen Sie die Mitgliedschaft ein, sobald der Sitz besetzt ist.",
                            key=f"sitze[{g.sitze.index(b.sitz) + 1}]",
                        )
                    )
                if b.ueberzaehlig and ("voll", b.sitz.id) not in reported:
                    reported.add(("voll", b.sitz.id))
                    findings.append(
                        warning(
                            g.datei,
                            snap.line(g.datei, ("sitze", g.sitze.index(b.sitz))),  # only for a finding: may parse
                            "sitz-ueberbesetzt",
                            f"Sitz „{b.sitz.bezeichnung}“ hat am {german(day)} {len(b.ist)} Mitglieder, "
                            f"vorgesehen sind {b.soll}.",
                            hint="Prüfen Sie Beginn und Ende der Mitgliedschaften.",
                            key=f"sitze[{g.sitze.index(b.sitz) + 1}]",
                        )
                    )
    return findings


# --- memberships ---------------------------------------------------------------------------------


def check_memberships(snap: Snapshot) -> list[Finding]:
    findings: list[Finding] = []
    for g in sorted(snap.gruppen.values(), key=lambda g: g.id):
        seats = {s.id for s in g.sitze}
        for i, m in enumerate(g.mitglieder):
            key = f"mitglieder[{i + 1}]"
            if m.sitz is not None and m.sitz not in seats:
                findings.append(
                    error(
                        g.datei,
                        m.zeile,
                        "verweis-unbekannt",
                        f"Die Mitgliedschaft nennt den Sitz „{m.sitz}“, den die Gruppe nicht hat.",
                        hint="Erlaubt: " + ", ".join(sorted(seats)) + ".",
                        key=key + ".sitz",
                    )
                )
            if (
                m.fuer_gruppe is not None
                and m.fuer_gruppe not in snap.gruppen
                and not snap.may_exist("Gruppe", m.fuer_gruppe)
            ):
                findings.append(
                    error(
                        g.datei,
                        m.zeile,
                        "verweis-unbekannt",
                        f"Die Mitgliedschaft nennt die Gruppe „{m.fuer_gruppe}“, die es nicht gibt.",
                        key=key + ".fuer_gruppe",
                    )
                )
            if m.beendet_am is not None and m.beendet_am < m.beginn:
                findings.append(
                    error(
                        g.datei,
                        m.zeile,
                        "ende-vor-beginn",
                        f"Das Ausscheiden ({german(m.beendet_am)}) liegt vor dem Beginn ({german(m.beginn)}).",
                        key=key + ".beendet_am",
                    )
                )
            if m.ende is None and m.beendet_am is None:
                findings.append(
                    warning(
                        g.datei,
                        m.zeile,
                        "erklaerung-ohne-ende",
                        "Die verbindliche Erklärung hat kein Enddatum.",
                        hint="Die Teilnahme wird befristet erklärt (i. d. R. mindestens ein Jahr): "
                        "ergänzen Sie „ende: …“.",
                        key=key,
                    )
                )
            elif m.ende is None:
                pass  # ended (beendet_am) without a declared end
            elif m.ende < m.beginn:
                findings.append(
                    error(
                        g.datei,
                        m.zeile,
                        "ende-vor-beginn",
                        f"Das Ende ({german(m.ende)}) liegt vor dem Beginn ({german(m.beginn)}).",
                        key=key + ".ende",
                    )
                )
            elif m.ende < plus_days(one_year_later(m.beginn), -1):
                findings.append(
                    warning(
                        g.datei,
                        m.zeile,
                        "erklaerung-kurz",
                        "Die verbindliche Erklärung gilt kürzer als ein Jahr.",
                        hint="Die Dauer soll in der Regel ein Jahr nicht unterschreiten "
                        "(außer bei Projekten mit anderer Laufzeit).",
                        key=key,
                    )
                )
        for i, a in enumerate(g.mitglieder):
            for j, b in enumerate(g.mitglieder[i + 1 :], start=i + 1):
                # a seat with one member per group ("je") is one seat per group: the same person
                # may accompany two working groups at once
                same_seat = (a.sitz or a.rolle) == (b.sitz or b.rolle) and a.fuer_gruppe == b.fuer_gruppe
                a_end, b_end = a.bis or date.max, b.bis or date.max
                if a.person == b.person and same_seat and a.beginn <= b_end and b.beginn <= a_end:
                    # no name: CI publishes findings, and the person may not have agreed
                    seat = next((s.bezeichnung for s in g.sitze if s.id == b.sitz), None)
                    where = f"im Sitz „{seat}“" if seat else f"in der Rolle „{b.rolle}“"
                    findings.append(
                        error(
                            g.datei,
                            b.zeile,
                            "mitgliedschaft-doppelt",
                            f"Mitgliedschaft {j + 1} in „{g.id}“ überschneidet sich {where} mit "
                            f"Mitgliedschaft {i + 1} derselben Person (Zeile {a.zeile}).",
                            hint="Verlängern Sie die bestehende Mitgliedschaft oder lassen Sie die "
                            "neue nach dem Ende der alten beginnen.",
                            key=f"mitglieder[{j + 1}]",
                        )
                    )
    return findings


# --- recommendations, meetings, conferences --------------------------------------------------------


def check_recommendations(snap: Snapshot) -> list[Finding]:
    config = snap.config
    findings: list[Finding] = []
    forwarding = {w.schluessel for w in config.empfehlungswege if w.weiterleitung}
    for m in sorted(snap.massnahmen.values(), key=lambda m: m.id):
        if (
            m.herkunft is not None
            and m.herkunft.gruppe not in snap.gruppen
            and not snap.may_exist("Gruppe", m.herkunft.gruppe)
        ):
            findings.append(
                error(
                    m.datei,
                    snap.line(m.datei, ("herkunft", "gruppe")),
                    "verweis-unbekannt",
                    f"Die Herkunft nennt die Gruppe „{m.herkunft.gruppe}“, die es nicht gibt.",
                    key="herkunft.gruppe",
                )
            )
        if config.empfehlung_art is not None and m.art == config.empfehlung_art:
            if m.herkunft is None:
                findings.append(
                    warning(
                        m.datei,
                        m.zeile,
                        "empfehlung-herkunft",
                        "Die Empfehlung hat keine Herkunft.",
                        hint="Ergänzen Sie „herkunft: {gruppe: …, datum: …}“ (Gruppe oder "
                        "Jahreskonferenz und Datum der Sitzung).",
                    )
                )
            if not m.adressat:
                findings.append(
                    warning(
                        m.datei,
                        m.zeile,
                        "empfehlung-adressat",
                        "Die Empfehlung hat keinen Adressaten.",
                        hint="Ergänzen Sie „adressat: …“ (Organisation, Institution, Gesellschaft, "
                        "im Ausnahmefall eine Person).",
                    )
                )
            moved_on = len({e.status for e in m.verlauf}) > 1
            forwarded = m.weitergeleitet_am is not None or any(e.weitergeleitet_am for e in m.verlauf)
            if m.weg in forwarding and moved_on and not forwarded:
                findings.append(
                    warning(
                        m.datei,
                        m.zeile,
                        "empfehlung-weiterleitung",
                        "Die Empfehlung ist über die Steuerungsgruppe weiterzuleiten und hat sich "
                        "weiterentwickelt, aber das Datum der Weiterleitung fehlt.",
                        hint="Ergänzen Sie „weitergeleitet_am: …“.",
                    )
                )
        is_agreement = config.zielvereinbarung_art is not None and m.art == config.zielvereinbarung_art
        if is_agreement and (not m.partner or m.vereinbart_am is None):
            findings.append(
                warning(
                    m.datei,
                    m.zeile,
                    "zielvereinbarung-angaben",
                    "Die Zielvereinbarung braucht Partner und das Datum der Vereinbarung.",
                    hint="Ergänzen Sie „partner: […]“ und „vereinbart_am: …“.",
                )
            )
    for g in sorted(snap.gruppen.values(), key=lambda g: g.id):
        for s in g.sitzungen:
            for ident in s.empfehlungen:
                if ident not in snap.massnahmen and not snap.may_exist("Maßnahme", ident):
                    findings.append(
                        error(
                            g.datei,
                            s.zeile,
                            "verweis-unbekannt",
                            f"Die Sitzung vom {german(s.datum)} nennt die Empfehlung „{ident}“, die es nicht gibt.",
                        )
                    )
        for ki, k in enumerate(g.konferenzen):
            for ident in k.empfehlungen:
                if ident not in snap.massnahmen and not snap.may_exist("Maßnahme", ident):
                    findings.append(
                        error(
                            g.datei,
                            k.zeile,
                            "verweis-unbekannt",
                            f"Die Jahreskonferenz {k.jahr} nennt die Empfehlung „{ident}“, die es nicht gibt.",
                        )
                    )
            for a in k.aufgaben:
                if a.gruppe is not None and a.gruppe not in snap.gruppen and not snap.may_exist("Gruppe", a.gruppe):
                    findings.append(
                        error(
                            g.datei,
                            a.zeile,
                            "verweis-unbekannt",
                            f"Die Aufgabe nennt die Gruppe „{a.gruppe}“, die es nicht gibt.",
                        )
                    )
            for ei, e in enumerate(k.erneuerungen):
                group = snap.gruppen.get(e.gruppe)
                if group is None and snap.may_exist("Gruppe", e.gruppe):
                    continue  # the group's file could not be loaded; its own findings say why
                if group is None:
                    findings.append(
                        error(
                            g.datei,
                            e.zeile,
                            "verweis-unbekannt",
                            f"Die Erneuerung nennt die Gruppe „{e.gruppe}“, die es nicht gibt.",
                        )
                    )
                elif not any(m.person == e.person for m in group.mitglieder):
                    findings.append(
                        warning(
                            g.datei,
                            e.zeile,
                            "erneuerung-unbekannt",
                            f"Erneuerung {ei + 1} der Jahreskonferenz {k.jahr} nennt eine Person, "
                            f"die kein Mitglied von „{e.gruppe}“ ist.",
                            hint="Prüfen Sie die Schreibweise des Namens.",
                            key=f"konferenzen[{ki + 1}].erneuerungen[{ei + 1}]",
                        )
                    )
    return findings
