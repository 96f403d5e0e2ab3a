"""Rich renderables for the terminal: status overview and the detail of one guideline or measure.

Colours are always paired with text; rich itself honours NO_COLOR and the terminal width. Every text
from the data goes through :func:`_t` (or ``visible``): control characters are shown, not obeyed, and
a table cell is always a ``Text``, never a string that rich would read as markup (``[/x]`` would
otherwise end the command, ``[link=…]`` make a link).
"""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from luedialog.dates import german
from luedialog.model import ampel
from luedialog.model.config import Config
from luedialog.queries.detail import LeitlinieDetail, MassnahmeDetail
from luedialog.queries.gruppen import RENEWAL_DAYS, GruppenAnsicht, SitzAnsicht
from luedialog.queries.stand import Zustand
from luedialog.queries.uebersicht import StatusUebersicht
from luedialog.text import count, visible

BAR_WIDTH = 30
LIST_LIMIT = 10


def _t(value: object, style: str = "") -> Text:
    """Text from the data for the terminal: control characters made visible, never markup."""
    return Text(visible(str(value)), style=style)


def status_label(config: Config, z: Zustand) -> Text:
    if z.status is None:
        return Text("–")
    return _t(z.status.bezeichnung, ampel.TERMINAL.get(z.status.ampel, ""))


def _bar(config: Config, counts: dict[str, int], total: int) -> Text:
    bar = Text()
    if total == 0:
        return bar
    for status in config.status:
        n = counts.get(status.schluessel, 0)
        if n:
            width = max(1, round(n / total * BAR_WIDTH))
            bar.append("█" * width, style=ampel.TERMINAL.get(status.ampel, ""))
    return bar


def _limited(title: str, items: list[Zustand], describe: str, config: Config) -> list[RenderableType]:
    if not items:
        return [Text(f"{title}: keine", style="bold")]
    table = Table(title=f"{title} ({len(items)})", title_justify="left", show_edge=False, expand=True)
    table.add_column("ID", no_wrap=True)
    table.add_column("Titel", overflow="ellipsis", no_wrap=True, ratio=1)
    table.add_column("Status", no_wrap=True)
    table.add_column(describe, no_wrap=True)
    for z in items[:LIST_LIMIT]:
        m = z.massnahme
        when = (
            german(m.zieldatum)
            if describe == "Zieldatum" and m.zieldatum
            else (german(z.eintrag.datum) if z.eintrag else "–")
        )
        table.add_row(_t(m.id), _t(m.titel), status_label(config, z), when)
    out: list[RenderableType] = [table]
    if len(items) > LIST_LIMIT:
        out.append(Text(f"… und {len(items) - LIST_LIMIT} weitere (alle mit --format json)", style="dim"))
    return out


def status_overview(config: Config, data: StatusUebersicht) -> RenderableType:
    parts: list[RenderableType] = [
        _t(f"{config.name} – Stand am {german(data.stichtag)}", "bold"),
    ]
    for feld in data.felder:
        parts.append(_t(f"{feld.handlungsfeld.name} – {feld.gesamt} Maßnahmen", "bold"))
        if feld.gesamt:
            parts.append(Text("  ").append_text(_bar(config, feld.anzahl, feld.gesamt)))
            counts = Text("  ")
            shown = [s for s in config.status if feld.anzahl.get(s.schluessel)]
            for i, status in enumerate(shown):
                if i:
                    counts.append(" · ")
                counts.append_text(
                    _t(f"{status.bezeichnung} {feld.anzahl[status.schluessel]}", ampel.TERMINAL.get(status.ampel, ""))
                )
            parts.append(counts)
    legend = Text("Ampel: ")
    for status in config.status:
        legend.append("█ ", style=ampel.TERMINAL.get(status.ampel, ""))
        legend.append_text(_t(f"{status.bezeichnung} ({ampel.NAMEN.get(status.ampel, status.ampel)})  "))
    parts.append(legend)
    parts.append(Text(""))
    parts += _limited("Überfällig (Zieldatum verstrichen, nicht abgeschlossen)", data.ueberfaellig, "Zieldatum", config)
    parts.append(Text(""))
    months = config.veraltet_nach_monaten
    parts += _limited(f"Veraltet (seit über {months} Monaten kein Sachstand)", data.veraltet, "Letzter Stand", config)
    parts.append(Text(""))
    if data.aenderungen:
        changes = Table(title="Letzte Änderungen", title_justify="left", show_edge=False, expand=True)
        changes.add_column("Datum", no_wrap=True)
        changes.add_column("ID", no_wrap=True)
        changes.add_column("Status", no_wrap=True)
        changes.add_column("Notiz", overflow="ellipsis", no_wrap=True, ratio=1)
        for a in data.aenderungen:
            label = config.status_def(a.eintrag.status).bezeichnung
            if a.vorher and a.vorher != a.eintrag.status:
                label = f"{config.status_def(a.vorher).bezeichnung} → {label}"
            changes.add_row(
                german(a.eintrag.datum), _t(a.massnahme.id), _t(label), _t(a.eintrag.notiz.replace("\n", " "))
            )
        parts.append(changes)
    else:
        parts.append(Text("Letzte Änderungen: keine", style="bold"))
    return Group(*parts)


def leitlinie_detail(config: Config, detail: LeitlinieDetail) -> RenderableType:
    ll = detail.leitlinie
    art = config.leitlinienarten.get(ll.art, ll.art)
    head = f"{ll.id}" + (f" – Nr. {ll.nummer}" if ll.nummer else "")
    parts: list[RenderableType] = [_t(head, "bold"), _t(art, "dim")]
    if ll.handlungsfeld:
        parts.append(_t(f"Handlungsfeld: {config.feld(ll.handlungsfeld).name}"))
    if ll.ebene:
        parts.append(_t(f"Ebene: {ll.ebene}"))
    parts += [Text(""), _t(ll.text)]
    for label, items in (("Unterziele", ll.unterziele), ("Empfehlungen", ll.empfehlungen)):
        if items:
            parts.append(Text(f"\n{label}:", style="bold"))
            parts += [_t(f"  • {item}") for item in items]
    if ll.begruendung:
        parts += [Text("\nBegründung:", style="bold"), _t(ll.begruendung)]
    parts.append(Text(f"\nMaßnahmen zu dieser Leitlinie ({len(detail.massnahmen)}):", style="bold"))
    if not detail.massnahmen:
        parts.append(Text("  keine – Lücke in der Umsetzung", style="red"))
    for z in detail.massnahmen:
        line = _t(f"  {z.massnahme.id}  ")
        line.append_text(status_label(config, z))
        line.append_text(_t(f"  {z.massnahme.titel}"))
        parts.append(line)
    parts.append(_t(f"\nQuelle: {ll.datei}:{ll.zeile}", "dim"))
    return Group(*parts)


def progress_source(z: Zustand) -> str:
    """Where a rolled-up progress comes from, and how many sub-measures reported none."""
    missing = f", {z.teile_ohne_angabe} von {z.teile} ohne Angabe" if z.teile_ohne_angabe else ""
    return f"aus Teilmaßnahmen{missing}"


def massnahme_detail(config: Config, detail: MassnahmeDetail) -> RenderableType:
    z = detail.zustand
    m = z.massnahme
    parts: list[RenderableType] = [_t(f"{m.id} – {m.titel}", "bold")]
    info = Table.grid(padding=(0, 2))
    info.add_column(style="bold")
    info.add_column(overflow="fold")
    info.add_row(
        "Art", _t(config.massnahmenarten.get(m.art, m.art) + (" (priorisiert, Anlage 2)" if m.priorisiert else ""))
    )
    info.add_row("Handlungsfeld", _t(config.feld(m.handlungsfeld).name))
    status = status_label(config, z)
    if z.ueberfaellig:
        status.append("  ÜBERFÄLLIG", style="red bold")
    if z.veraltet:
        status.append("  veraltet", style="dim")
    info.add_row("Status", status)
    if z.fortschritt is not None:
        info.add_row(
            "Fortschritt", f"{z.fortschritt} %" + (f" ({progress_source(z)})" if z.fortschritt_aus_teilen else "")
        )
    else:
        info.add_row("Fortschritt", "nicht berichtet")
    if m.verantwortlich:
        info.add_row("Verantwortlich", _t(m.verantwortlich))
    if m.zieldatum:
        info.add_row("Zieldatum", german(m.zieldatum))
    if m.stadtteile:
        info.add_row("Stadtteile", _t(", ".join(m.stadtteile)))
    if detail.teil_von:
        info.add_row("Teil von", _t(f"{detail.teil_von.id} – {detail.teil_von.titel}"))
    if m.gruppen:
        info.add_row("Gruppen", _t(", ".join(m.gruppen)))
    parts.append(info)
    for q in m.quellen:
        where = f"Anlage {q.anlage}" + (f", {q.nummer}" if q.nummer else "")
        parts += [_t(f"\nWortlaut ({where}):", "bold"), _t(q.text)]
    if detail.leitlinien:
        parts.append(Text("\nDient den Leitlinien:", style="bold"))
        for ll in detail.leitlinien:
            short = (ll.text.splitlines() or [""])[0]  # cut before it is made visible: never inside "\x1b"
            parts.append(_t(f"  {ll.id}  {short[:100]}{'…' if len(short) > 100 else ''}"))
    if detail.teile:
        parts.append(Text("\nTeilmaßnahmen:", style="bold"))
        for t in detail.teile:
            line = _t(f"  {t.massnahme.id}  ")
            line.append_text(status_label(config, t))
            if t.fortschritt is not None:
                line.append(f" {t.fortschritt} %")
            line.append_text(_t(f"  {t.massnahme.titel}"))
            parts.append(line)
    parts.append(Text("\nVerlauf:", style="bold"))
    timeline = Table(show_edge=False)
    timeline.add_column("Datum", no_wrap=True)
    timeline.add_column("Status")
    timeline.add_column("Notiz", overflow="fold")
    timeline.add_column("Von / Nachweis", overflow="fold")
    for entry in m.verlauf:
        definition = config.status_def(entry.status)
        label = _t(definition.bezeichnung, ampel.TERMINAL.get(definition.ampel, ""))
        if entry.fortschritt is not None:
            label.append(f" {entry.fortschritt} %")
        who = " / ".join(x for x in (entry.von, entry.nachweis) if x)
        timeline.add_row(german(entry.datum), label, _t(entry.notiz), _t(who))
    parts.append(timeline)
    parts.append(_t(f"\nDatei: {m.datei}", "dim"))
    return Group(*parts)


def _seat_line(s: SitzAnsicht) -> Text:
    if s.optional:
        state = Text(f"{s.besetzt} besetzt (nach Bedarf)", style="dim")
    elif s.soll is None:
        state = Text(f"{s.besetzt} besetzt (offene Zahl)")
    elif s.soll == 0:
        state = Text(f"{s.besetzt} besetzt (keine Einträge in luedialog.yaml, z. B. ratsfraktionen)", style="dim")
    elif s.leer:
        state = Text(f"{s.besetzt} von {s.soll} besetzt – {s.leer} leer", style="red")
        if s.fehlend:
            state.append_text(_t(" (fehlt: " + ", ".join(s.fehlend) + ")"))
    else:
        state = Text(f"{s.besetzt} von {s.soll} besetzt", style="green")
    line = _t(f"  {s.bezeichnung}: ")
    line.append_text(state)
    return line


def gruppen_overview(config: Config, day: date, views: list[GruppenAnsicht]) -> RenderableType:
    parts: list[RenderableType] = [Text(f"Gruppen – Stand am {german(day)}", style="bold")]
    for v in views:
        parts.append(_t(f"\n{v.gruppe.name}", "bold"))
        numbers = _t(f"  {v.gruppe.id}: {count(len(v.mitglieder), 'Mitglied', 'Mitglieder')} · ")
        numbers.append(count(v.leere_sitze, "leerer Sitz", "leere Sitze"), style="red" if v.leere_sitze else "green")
        numbers.append(
            f" · {count(v.sitzungen_im_jahr, 'Sitzung', 'Sitzungen')} {day.year}"
            f" · {count(len(v.empfehlungen), 'Empfehlung', 'Empfehlungen')}"
        )
        parts.append(numbers)
    ending = [(v.gruppe.name, m) for v in views for m in v.enden_bald]
    parts.append(Text(f"\nErklärungen, die in den nächsten {RENEWAL_DAYS} Tagen enden ({len(ending)}):", style="bold"))
    if not ending:
        parts.append(Text("  keine"))
    for name, m in ending:
        parts.append(_t(f"  {german(m.ende) if m.ende else ''}  {m.name} ({m.rolle}) – {name}"))
    return Group(*parts)


def gruppe_detail(config: Config, day: date, v: GruppenAnsicht) -> RenderableType:
    g = v.gruppe
    parts: list[RenderableType] = [_t(f"{g.name} ({g.id})", "bold")]
    kinds = config.gruppenarten or {}
    parts.append(_t(f"Art: {kinds.get(g.art, g.art)}    Stand am {german(day)}"))
    if g.handlungsfelder:
        parts.append(_t("Handlungsfelder: " + ", ".join(config.feld(h).name for h in g.handlungsfelder)))
    parts.append(Text("\nSitze:", style="bold"))
    parts += [_seat_line(s) for s in v.sitze] or [Text("  keine Sitze festgelegt")]
    parts.append(Text(f"\nMitglieder ({len(v.mitglieder)}):", style="bold"))
    if not v.mitglieder:
        parts.append(Text("  noch keine Mitgliedschaften erfasst"))
    for m in v.mitglieder:
        until = f" bis {german(m.ende)}" if m.ende else " (ohne Enddatum)"
        extra = (f", für {m.fuer}" if m.fuer else "") + (f", entsandt von {m.benannt_von}" if m.benannt_von else "")
        parts.append(_t(f"  {m.name} – {m.rolle}{extra}; seit {german(m.beginn)}{until}"))
    tasks = [a for a in g.aufgaben if a.jahr == day.year]
    if tasks:
        parts.append(Text(f"\nAufgaben {day.year}:", style="bold"))
        parts += [_t(f"  • {a.text}") for a in tasks]
    meetings = [s for s in g.sitzungen if s.datum.year == day.year and s.datum <= day]
    parts.append(Text(f"\nSitzungen {day.year} ({len(meetings)}):", style="bold"))
    for s in meetings:
        parts.append(_t(f"  {german(s.datum)}  {s.thema}"))
    parts.append(Text(f"\nEmpfehlungen ({len(v.empfehlungen)}):", style="bold"))
    for z in v.empfehlungen:
        line = _t(f"  {z.massnahme.id}  ")
        line.append_text(status_label(config, z))
        line.append_text(_t(f"  {z.massnahme.titel}"))
        parts.append(line)
    if v.enden_bald:
        parts.append(Text(f"\nErklärungen, die in den nächsten {RENEWAL_DAYS} Tagen enden:", style="bold"))
        parts += [_t(f"  {german(m.ende) if m.ende else ''}  {m.name} ({m.rolle})") for m in v.enden_bald]
    parts.append(_t(f"\nDatei: {g.datei}", "dim"))
    return Group(*parts)


class TerminalReporter:
    """The views for people in a terminal (rich renderables)."""

    def status(self, config: Config, data: StatusUebersicht) -> RenderableType:
        return status_overview(config, data)

    def detail(self, config: Config, detail: LeitlinieDetail | MassnahmeDetail) -> RenderableType:
        if isinstance(detail, LeitlinieDetail):
            return leitlinie_detail(config, detail)
        return massnahme_detail(config, detail)

    def gruppen(self, config: Config, day: date, views: list[GruppenAnsicht], one: bool) -> RenderableType:
        return gruppe_detail(config, day, views[0]) if one else gruppen_overview(config, day, views)
