"""Rich renderables for the terminal: status overview, the detail of one guideline or measure, groups.

Colours are always paired with text; rich itself honours NO_COLOR and the terminal width. Laid out
for 80 columns and wider: a line breaks between words, never inside one; a wrapped line goes on
indented under its column; a label stays on the line of its value and a legend mark on the line of
its name (:class:`Flow`). Data that could not be loaded is named at the top and at the bottom, and
the numbers it may belong to are marked incomplete.
Control characters from the data are shown (``\x1b``), never obeyed, and no text from the data
is read as rich markup: the command line prints every view through ``cli.common.emit``, which
neutralises what reaches the terminal as a whole (one place, for every view).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text as RichText

from luedialog.dates import german
from luedialog.model import ampel
from luedialog.model.config import Config
from luedialog.model.types import Korrektur, Massnahme, VerlaufEintrag
from luedialog.queries.detail import LeitlinieDetail, MassnahmeDetail
from luedialog.queries.gruppen import RENEWAL_DAYS, GruppenAnsicht, MitgliedAnsicht, SitzAnsicht
from luedialog.queries.indikatoren import IndikatorUebersicht
from luedialog.queries.jahr import Termin
from luedialog.queries.stand import Zustand
from luedialog.queries.uebersicht import StatusUebersicht
from luedialog.queries.vollstaendig import VOLLSTAENDIG, Vollstaendigkeit
from luedialog.text import count, visible
from luedialog.zahlen import euro

BAR_WIDTH = 30
LIST_LIMIT = 10
INCOMPLETE = "unvollständig"


class Text(RichText):
    """rich's ``Text`` with every piece of text made visible first (``text.visible``): a control
    character from the data is shown as ``\\x1b``, never obeyed — rich itself drops some of them
    silently (BEL, CR) and passes others on (ESC). Every ``Text`` of this module is one of these."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(visible(text), *args, **kwargs)

    def append(self, text: str | RichText, style: str | Style | None = None) -> RichText:
        return super().append(visible(text) if isinstance(text, str) else text, style)


# --- layout ----------------------------------------------------------------------------------------


class Flow:
    """Items on a line, broken only between items; continuation lines indented by ``indent``.

    An item is never split unless it alone is wider than a line; then it breaks between its words.
    A separator is dropped where the line breaks, so no line ends with " ·".
    """

    def __init__(self, items: Iterable[RichText | str], separator: str = " ", lead: int = 0, indent: int = 2) -> None:
        self.items = [Text(i) if isinstance(i, str) else i for i in items]
        self.separator = separator
        self.lead = lead
        self.indent = indent

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((i.cell_len for i in self.items), default=0)
        total = self.lead + sum(i.cell_len for i in self.items) + len(self.separator) * max(0, len(self.items) - 1)
        return Measurement(min(widest + self.indent, total), total)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, self.indent + 1)
        lines: list[RichText] = []
        line = Text(" " * self.lead)
        empty = True
        for item in self.items:
            if not empty and line.cell_len + len(self.separator) + item.cell_len > width:
                lines.append(line)
                line, empty = Text(" " * self.indent), True
            if not empty:
                line.append(self.separator)
            if line.cell_len + item.cell_len <= width:
                line.append_text(item)
            else:  # the item alone is too wide: break it between its words
                parts = item.wrap(console, width - self.indent)
                for i, part in enumerate(parts):
                    part.rstrip()
                    if i:
                        lines.append(line)
                        line = Text(" " * self.indent)
                    line.append_text(part)
            empty = False
        lines.append(line)
        yield Text("\n").join(lines)


class Clip:
    """Text cut after ``lines`` lines at a word boundary, with " …" where it is cut."""

    def __init__(self, text: str, lines: int = 2) -> None:
        self.text = Text(" ".join(text.split()))
        self.lines = lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((len(w) for w in self.text.plain.split()), default=1)
        return Measurement(min(widest + 2, self.text.cell_len), self.text.cell_len)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        wrapped = list(self.text.wrap(console, width))
        if len(wrapped) > self.lines:
            wrapped = wrapped[: self.lines]
            last = wrapped[-1].plain.rstrip()
            while last and len(last) + 2 > width:
                last = last.rsplit(" ", 1)[0] if " " in last else ""
            wrapped[-1] = Text(f"{last} …")
        for part in wrapped:
            part.rstrip()
        yield Text("\n").join(wrapped)


_GLUE = ("–", "→", "·", "•")  # never at the end of a line: kept with the word after them
_ABBREVIATION = re.compile(r"^[A-Za-zÄÖÜäöü]\.$")  # "z." of "z. B.", "d." of "d. h."


def words(text: RichText | str, style: str = "") -> list[RichText]:
    """The words of ``text`` (with their styles) as items of a :class:`Flow`; a dash or arrow stays
    with the word after it."""
    text = Text(text, style=style) if isinstance(text, str) else text
    result: list[RichText] = []
    glue: RichText | None = None
    for part in text.split(" "):
        if not part.plain:
            continue
        if glue is not None:
            part = glue.append(" ").append_text(part)
            glue = None
        if part.plain in _GLUE or _ABBREVIATION.match(part.plain):
            glue = part
            continue
        result.append(part)
    if glue is not None:
        result.append(glue)
    return result


def labelled(label: str, value: RichText | str) -> list[RichText]:
    """``label`` and ``value`` as items of a :class:`Flow`: the label's last word stays with the
    value's first, so a label never ends a line without its value."""
    head, _, last = label.rpartition(" ")
    rest = words(value)
    first = Text(f"{last} ")
    if rest:
        first.append_text(rest.pop(0))
    return [*words(head), first, *rest]


def _grid(*columns: tuple[str, bool], gap: int = 2) -> Table:
    """A borderless table; each column (style, wraps) — a wrapped cell stays under its column."""
    grid = Table.grid(padding=(0, gap))
    for style, wraps in columns:
        grid.add_column(style=style, no_wrap=not wraps, overflow="fold")
    return grid


def indented(renderable: RenderableType, by: int = 2) -> Padding:
    return Padding(renderable, (0, 0, 0, by), expand=False)


def heading(text: str) -> RichText:
    return Text(f"\n{text}", style="bold")


def _t(value: object, style: str = "") -> RichText:
    """Text from the data for the terminal: control characters made visible, never markup."""
    return Text(visible(str(value)), style=style)


def intern_mark(obj: Massnahme | VerlaufEintrag | Termin | MitgliedAnsicht) -> str:
    """`` (intern)`` or `` (intern: notiz, von)`` for what a published output never shows; else empty."""
    if obj.intern is True:
        return " (intern)"
    return f" (intern: {', '.join(obj.intern)})" if obj.intern else ""


def status_label(config: Config, z: Zustand) -> RichText:
    if z.status is None:
        return Text("–")
    return _t(z.status.bezeichnung, ampel.TERMINAL.get(z.status.ampel, ""))


def _measure_rows(config: Config, states: Sequence[Zustand], percent: bool = False) -> Padding:
    grid = _grid(("", False), ("", False), ("", True))
    for z in states:
        label = status_label(config, z)
        if percent and z.fortschritt is not None:
            label.append(f" {z.fortschritt} %")
        grid.add_row(z.massnahme.id, label, z.massnahme.titel + intern_mark(z.massnahme))
    return indented(grid)


def _bullets(items: Iterable[str]) -> Padding:
    grid = _grid(("", False), ("", True), gap=1)
    for item in items:
        grid.add_row("•", item)
    return indented(grid)


# --- incomplete data -------------------------------------------------------------------------------


def warning(fehlend: Vollstaendigkeit, wo: str = "dieser Übersicht") -> Flow:
    """The warning at the top and at the bottom of a view that misses files."""
    n = len(fehlend.fehlend)
    verb = "konnte nicht gelesen werden und fehlt" if n == 1 else "konnten nicht gelesen werden und fehlen"
    files = ", ".join(f.datei for f in fehlend.fehlend)
    text = f"Achtung: {count(n, 'Datei', 'Dateien')} {verb} in {wo}: {files}; Einzelheiten: luedialog pruefen"
    return Flow(words(text, style="bold red"), indent=2)


def _framed(parts: list[RenderableType], fehlend: Vollstaendigkeit, wo: str = "dieser Übersicht") -> Group:
    if fehlend.vollstaendig:
        return Group(*parts)
    return Group(warning(fehlend, wo), *parts, Text(""), warning(fehlend, wo))


def _incomplete(text: str, when: bool) -> str:
    return f"{text} ({INCOMPLETE})" if when else text


# --- status --------------------------------------------------------------------------------------


def _bar(config: Config, counts: dict[str, int], total: int) -> RichText:
    bar = Text()
    if total == 0:
        return bar
    for status in config.status:
        n = counts.get(status.schluessel, 0)
        if n:
            width = max(1, round(n / total * BAR_WIDTH))
            bar.append("█" * width, style=ampel.TERMINAL.get(status.ampel, ""))
    return bar


def _limited(
    title: str, items: list[Zustand], describe: str, config: Config, alle: bool, incomplete: bool
) -> list[RenderableType]:
    if not items:
        none = f"keine gefunden ({INCOMPLETE})" if incomplete else "keine"
        return [Flow(words(f"{title}: {none}", style="bold"), indent=2)]
    shown = items if alle else items[:LIST_LIMIT]
    number = f"{len(items)}, {INCOMPLETE}" if incomplete else str(len(items))
    table = Table(title=f"{title} ({number})", title_justify="left", show_edge=False, expand=True)
    table.add_column("ID", no_wrap=True)
    table.add_column("Titel", ratio=1)
    table.add_column("Status", no_wrap=True)
    table.add_column(describe, no_wrap=True)
    for z in shown:
        m = z.massnahme
        when = (
            german(z.zieldatum)
            if describe == "Zieldatum" and z.zieldatum
            else (german(z.eintrag.datum) if z.eintrag else "–")
        )
        table.add_row(_t(m.id), _t(m.titel + intern_mark(m)), status_label(config, z), when)
    out: list[RenderableType] = [table]
    if len(items) > len(shown):
        out.append(Text(f"… und {len(items) - len(shown)} weitere (alle mit --alle)", style="dim"))
    return out


def status_overview(
    config: Config, data: StatusUebersicht, fehlend: Vollstaendigkeit = VOLLSTAENDIG, alle: bool = False
) -> RenderableType:
    parts: list[RenderableType] = [
        _t(f"{config.name} – Stand am {german(data.stichtag)}", "bold"),
    ]
    for feld in data.felder:
        total = _incomplete(
            f"– {count(feld.gesamt, 'Maßnahme', 'Maßnahmen')}",
            fehlend.feld_unvollstaendig(feld.handlungsfeld.schluessel),
        )
        parts.append(Flow([*words(feld.handlungsfeld.name), Text(total)], indent=2))
        if feld.gesamt:
            parts.append(Text("  ").append_text(_bar(config, feld.anzahl, feld.gesamt)))
            shown = [s for s in config.status if feld.anzahl.get(s.schluessel)]
            counts = [
                Text(f"{s.bezeichnung} {feld.anzahl[s.schluessel]}", style=ampel.TERMINAL.get(s.ampel, ""))
                for s in shown
            ]
            parts.append(Flow(counts, separator=" · ", lead=2, indent=2))
    legend = []
    for i, status in enumerate(config.status):
        item = Text("Ampel: " if i == 0 else "")
        item.append("█", style=ampel.TERMINAL.get(status.ampel, ""))
        item.append(f" {status.bezeichnung} ({ampel.NAMEN.get(status.ampel, status.ampel)})")
        legend.append(item)
    parts.append(Flow(legend, separator="  ", indent=len("Ampel: ")))
    if data.indikatoren:
        from luedialog.reporters.indikatoren import counts_line

        parts += [Text(""), counts_line(data.indikatoren)]
    parts.append(Text(""))
    incomplete = bool(fehlend.von("Maßnahme"))
    parts += _limited(
        "Überfällig (Zieldatum verstrichen, nicht abgeschlossen)",
        data.ueberfaellig,
        "Zieldatum",
        config,
        alle,
        incomplete,
    )
    parts.append(Text(""))
    months = config.veraltet_nach_monaten
    parts += _limited(
        f"Veraltet (seit über {months} Monaten kein Sachstand)",
        data.veraltet,
        "Letzter Stand",
        config,
        alle,
        incomplete,
    )
    parts.append(Text(""))
    if data.aenderungen:
        title = _incomplete("Letzte Änderungen", incomplete)
        changes = Table(title=title, title_justify="left", show_edge=False, expand=True)
        changes.add_column("Datum", no_wrap=True)
        changes.add_column("ID", no_wrap=True)
        changes.add_column("Status", no_wrap=True)
        changes.add_column("Notiz", ratio=1)
        for a in data.aenderungen:
            label = config.status_def(a.eintrag.status).bezeichnung
            if a.vorher and a.vorher != a.eintrag.status:
                label = f"{config.status_def(a.vorher).bezeichnung} → {label}"
            label += intern_mark(a.eintrag) + intern_mark(a.massnahme)
            changes.add_row(german(a.eintrag.datum), a.massnahme.id, label, Clip(a.eintrag.notiz, 2))
        parts.append(changes)
        if data.aenderungen_gesamt > len(data.aenderungen):
            parts.append(
                Text(
                    f"{len(data.aenderungen)} von {data.aenderungen_gesamt} Änderungen gezeigt "
                    "(alle mit --alle; die ganze Notiz: luedialog zeige ID)",
                    style="dim",
                )
            )
    else:
        parts.append(Text("Letzte Änderungen: keine", style="bold"))
    return _framed(parts, fehlend)


# --- zeige -----------------------------------------------------------------------------------------


def leitlinie_detail(
    config: Config, detail: LeitlinieDetail, fehlend: Vollstaendigkeit = VOLLSTAENDIG
) -> RenderableType:
    ll = detail.leitlinie
    art = config.leitlinienarten.get(ll.art, ll.art)
    head = f"{ll.id}" + (f" – Nr. {ll.nummer}" if ll.nummer else "")
    parts: list[RenderableType] = [_t(head, "bold"), _t(art, "dim")]
    if ll.handlungsfeld:
        parts.append(Flow(labelled("Handlungsfeld:", config.feld(ll.handlungsfeld).name), indent=2))
    if ll.ebene:
        parts.append(Flow(labelled("Ebene:", ll.ebene), indent=2))
    parts += [Text(""), Text(ll.text)]
    for label, items in (("Unterziele", ll.unterziele), ("Empfehlungen", ll.empfehlungen)):
        if items:
            parts += [heading(f"{label}:"), _bullets(items)]
    if ll.begruendung:
        parts += [heading("Begründung:"), Text(ll.begruendung)]
    incomplete = bool(fehlend.von("Maßnahme"))
    number = f"{len(detail.massnahmen)}, {INCOMPLETE}" if incomplete else str(len(detail.massnahmen))
    parts.append(heading(f"Maßnahmen zu dieser Leitlinie ({number}):"))
    if not detail.massnahmen:
        if incomplete:
            parts.append(Text("  keine gefunden – aber Maßnahmendateien fehlen (siehe oben)", style="red"))
        else:
            parts.append(Text("  keine – Lücke in der Umsetzung", style="red"))
    else:
        parts.append(_measure_rows(config, detail.massnahmen))
    if detail.spaetere:
        later = count(detail.spaetere, "weitere Maßnahme beginnt", "weitere Maßnahmen beginnen")
        parts.append(Text(f"  ({later} erst nach dem Stichtag)", style="dim"))
    if detail.indikatoren:
        from luedialog.reporters.indikatoren import leitlinie_lines

        parts += leitlinie_lines(detail.indikatoren)
    parts.append(Text(f"\nQuelle: {ll.datei}:{ll.zeile}", style="dim"))
    return _framed(parts, fehlend, "dieser Ansicht")


def progress_source(z: Zustand) -> str:
    """Where a rolled-up progress comes from, and how many sub-measures reported none."""
    missing = f", {z.teile_ohne_angabe} von {z.teile} ohne Angabe" if z.teile_ohne_angabe else ""
    return f"aus Teilmaßnahmen{missing}"


def _gruppe_name(detail: MassnahmeDetail, ident: str) -> str:
    name = (detail.gruppennamen or {}).get(ident)
    return f"{name} ({ident})" if name else ident


def _info(config: Config, detail: MassnahmeDetail, fehlend: Vollstaendigkeit) -> Table:
    z = detail.zustand
    m = z.massnahme
    info = _grid(("bold", False), ("", True))
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
        source = f" ({progress_source(z)})" if z.fortschritt_aus_teilen else ""
        info.add_row("Fortschritt", f"{z.fortschritt} %{source}")
    else:
        info.add_row("Fortschritt", "nicht berichtet")
    rows: list[tuple[str, str | None]] = [
        ("Verantwortlich", z.verantwortlich + _earlier(detail, "verantwortlich") if z.verantwortlich else None),
        ("Zieldatum", german(z.zieldatum) + _earlier(detail, "zieldatum") if z.zieldatum else None),
        ("Stadtteile", ", ".join(m.stadtteile) or None),
        ("Teil von", f"{detail.teil_von.id} – {detail.teil_von.titel}" if detail.teil_von else m.teil_von),
        ("Gewicht", f"{m.gewicht:g}" if m.gewicht is not None else None),
        ("Gruppen", ", ".join(_gruppe_name(detail, g) for g in m.gruppen) or None),
    ]
    if m.herkunft is not None:
        when = f", {german(m.herkunft.datum)}" if m.herkunft.datum else ""
        rows.append(("Herkunft", _gruppe_name(detail, m.herkunft.gruppe) + when))
    rows.append(("Adressat", m.adressat))
    way = next((w for w in config.empfehlungswege if w.schluessel == m.weg), None)
    if m.weg is not None:
        rows.append(("Weg", way.bezeichnung if way else m.weg))
    if m.weitergeleitet_am is not None or (way is not None and way.weiterleitung):
        rows.append(("Weitergeleitet am", german(m.weitergeleitet_am) if m.weitergeleitet_am else "– (noch nicht)"))
    rows += [
        ("Partner", ", ".join(m.partner) or None),
        ("Vereinbart am", german(m.vereinbart_am) if m.vereinbart_am else None),
    ]
    for label, value in rows:
        if value:
            info.add_row(label, value)
    f = m.finanzen
    if f is not None:
        for label, amount in (("Kosten", f.kosten), ("Förderung", f.foerderung), ("Eigenanteil", f.eigenanteil)):
            info.add_row(label, euro(amount) if amount is not None else "– (nicht angegeben)")
        if f.haushalt:
            info.add_row("Haushalt", f.haushalt)
        if f.notiz:
            info.add_row("Zu den Finanzen", f.notiz)
    return info


def _timeline(config: Config, detail: MassnahmeDetail) -> Padding:
    """The history as known at the Stichtag (corrections applied), each entry with its number."""
    m = detail.zustand.massnahme
    grid = _grid(("", False), ("", False), ("", True))
    for entry in detail.zustand.verlauf:
        definition = config.status_def(entry.status)
        cell = Text(definition.bezeichnung, style=ampel.TERMINAL.get(definition.ampel, "") + " bold")
        if entry.fortschritt is not None:
            cell.append(f" {entry.fortschritt} %")
        changed = [
            f"{LABELS[name]} {_value(config, name, getattr(entry, name))}"
            for name in ("zieldatum", "verantwortlich", "weitergeleitet_am")
            if getattr(entry, name) is not None
        ]
        if changed:
            cell.append("\n" + "; ".join(changed), style="bold")
        cell.append(f"\n{entry.notiz}")
        if entry.korrekturen:
            cell.append(" (" + "; ".join(_corrected(k) for k in entry.korrekturen) + ")", style="dim")
        who = " · ".join(
            x
            for x in (f"Von: {entry.von}" if entry.von else "", f"Nachweis: {entry.nachweis}" if entry.nachweis else "")
            if x
        )
        if who:
            cell.append(f"\n{who}", style="dim")
        if entry.intern:
            cell.append(f"\n{intern_mark(entry).strip()}", style="magenta")
        grid.add_row(_number(m, entry), german(entry.datum), cell)
    return indented(grid)


def massnahme_detail(
    config: Config, detail: MassnahmeDetail, fehlend: Vollstaendigkeit = VOLLSTAENDIG
) -> RenderableType:
    z = detail.zustand
    m = z.massnahme
    parts: list[RenderableType] = [
        Text(f"{m.id} – {m.titel}{intern_mark(m)}", style="bold"),
        _info(config, detail, fehlend),
    ]
    if m.beschreibung:
        parts += [heading("Beschreibung:"), Text(m.beschreibung)]
    for q in m.quellen:
        where = f"Anlage {q.anlage}" + (f", {q.nummer}" if q.nummer else "")
        parts += [heading(f"Wortlaut ({where}):"), Text(q.text)]
    missing_ll = bool(detail.fehlende_leitlinien) and bool(fehlend.von("Leitlinie"))
    if detail.leitlinien or detail.fehlende_leitlinien:
        parts.append(heading(_incomplete("Dient den Leitlinien", missing_ll) + ":"))
        grid = _grid(("", False), ("", True))
        for ll in detail.leitlinien:
            grid.add_row(ll.id, ll.text.splitlines()[0])
        for ident in detail.fehlende_leitlinien:
            reason = " – steht vielleicht in einer Datei, die fehlt" if missing_ll else ""
            grid.add_row(ident, Text(f"nicht gefunden{reason}", style="red"))
        parts.append(indented(grid))
    incomplete_parts = bool(fehlend.von("Maßnahme"))
    if detail.teile or incomplete_parts:
        parts.append(heading(_incomplete("Teilmaßnahmen", incomplete_parts) + ":"))
        if detail.teile:
            parts.append(_measure_rows(config, detail.teile, percent=True))
    parts.append(heading("Verlauf:"))
    parts.append(_timeline(config, detail))
    if detail.spaetere_eintraege:
        n = detail.spaetere_eintraege
        later = "1 weiterer Eintrag" if n == 1 else f"{n} weitere Einträge"
        day = f" {german(detail.stichtag)}" if detail.stichtag else ""
        shown = "ist" if n == 1 else "sind"
        note = f"{later} nach dem Stichtag{day} {shown} nicht gezeigt (ohne --stichtag: der ganze Verlauf)."
        parts.append(Flow(words(note, style="dim"), lead=2, indent=4))
    if z.korrekturen:
        parts.append(heading(f"Korrekturen ({len(z.korrekturen)}):"))
        grid = _grid(("", False), ("", True))
        for k in z.korrekturen:
            grid.add_row(german(k.datum), _correction_line(config, m, k))
        parts.append(indented(grid))
    parts.append(Text(f"\nDatei: {m.datei}", style="dim"))
    return _framed(parts, fehlend, "dieser Ansicht")


def _earlier(detail: MassnahmeDetail, name: str) -> str:
    """`` (zuvor 30.06.2010, geändert am 01.03.2010)`` for a value changed by an entry."""
    changes = [a for a in detail.aenderungen if a.feld == name]
    if not changes:
        return ""
    first = changes[0].vorher
    shown = german(first) if isinstance(first, date) else (first or "–")
    verb = "verschoben" if name == "zieldatum" else "geändert"
    dates = ", ".join(german(a.eintrag.datum) for a in changes)
    return f" ({verb} am {dates}; ursprünglich {shown})"


def _number(m: Massnahme, entry: VerlaufEintrag) -> str:
    if entry.nummer is not None:
        return str(entry.nummer)
    for i, own in enumerate(m.verlauf, start=1):
        if own is entry:
            return str(i)
    return "+"  # added by a correction


LABELS = {
    "datum": "Datum",
    "status": "Status",
    "notiz": "Notiz",
    "von": "Von",
    "nachweis": "Nachweis",
    "fortschritt": "Fortschritt",
    "verantwortlich": "Verantwortlich:",
    "zieldatum": "Zieldatum",
    "weitergeleitet_am": "Weitergeleitet am",
}


def _value(config: Config, name: str, value: object) -> str:
    if isinstance(value, date):
        return german(value)
    if name == "status" and isinstance(value, str):
        return config.status_def(value).bezeichnung
    if name == "fortschritt":
        return f"{value} %"
    return f"„{value}“" if name in ("notiz", "nachweis", "von") else str(value)


def _corrected(k: Korrektur) -> str:
    return f"{'nachgetragen' if k.nachtrag is not None else 'korrigiert'} am {german(k.datum)}"


def _correction_line(config: Config, m: Massnahme, k: Korrektur) -> str:
    if k.nachtrag is not None:
        what = f"Eintrag vom {german(k.nachtrag.datum)} nachgetragen" + (
            f" (stand irrtümlich bei {k.uebertragen_aus})" if k.uebertragen_aus else ""
        )
    else:
        old = m.verlauf[k.eintrag - 1] if k.eintrag and k.eintrag <= len(m.verlauf) else None
        which = f"Eintrag {k.eintrag}" + (f" (eingetragen als {german(old.datum)})" if old else "")
        if k.gestrichen:
            what = f"{which} gestrichen" + (f", gehört zu {k.uebertragen_nach}" if k.uebertragen_nach else "")
        else:
            values = k.richtig.values() if k.richtig else {}
            shown = ", ".join(f"{LABELS[name]} {_value(config, name, v)}" for name, v in values.items())
            what = f"{which}: richtig ist {shown}"
    return f"{what} – {k.grund}" + (f" ({k.von})" if k.von else "")


# --- gruppen ---------------------------------------------------------------------------------------


def _seat_state(s: SitzAnsicht) -> RichText:
    if s.optional:
        return Text(f"{s.besetzt} besetzt (nach Bedarf)", style="dim")
    if s.soll is None:
        return Text(f"{s.besetzt} besetzt (offene Zahl)")
    if s.soll == 0:
        return Text(f"{s.besetzt} besetzt (keine Einträge in luedialog.yaml, z. B. ratsfraktionen)", style="dim")
    if s.leer:
        state = Text(f"{s.besetzt} von {s.soll} besetzt – {s.leer} leer", style="red")
        if s.fehlend:
            state.append(" (fehlt: " + ", ".join(s.fehlend) + ")")
        return state
    return Text(f"{s.besetzt} von {s.soll} besetzt", style="green")


def _seat_line(s: SitzAnsicht) -> Flow:
    return Flow(labelled(f"{s.bezeichnung}:", _seat_state(s)), lead=2, indent=4)


def _termin(s: Termin) -> tuple[str, str]:
    thema = s.thema if s.konferenz is None else f"Jahreskonferenz {s.konferenz.jahr}"
    people = f" ({s.teilnehmende} Teilnehmende)" if s.teilnehmende is not None else ""
    return (german(s.datum) if s.datum else "–", (thema or "") + people + intern_mark(s))


def _seats_incomplete(v: GruppenAnsicht, fehlend: Vollstaendigkeit) -> bool:
    """Seats "one per group of a kind" cannot be counted while a group file is missing."""
    return bool(fehlend.von("Gruppe")) and any(s.je not in (None, "ratsfraktion") for s in v.gruppe.sitze)


def gruppen_overview(
    config: Config, day: date, views: list[GruppenAnsicht], fehlend: Vollstaendigkeit = VOLLSTAENDIG
) -> RenderableType:
    parts: list[RenderableType] = [Text(f"Gruppen – Stand am {german(day)}", style="bold")]
    recommendations_incomplete = bool(fehlend.von("Maßnahme"))
    for v in views:
        parts.append(heading(v.gruppe.name))
        seats = Text(
            _incomplete(count(v.leere_sitze, "leerer Sitz", "leere Sitze"), _seats_incomplete(v, fehlend)),
            style="red" if v.leere_sitze else "green",
        )
        items = [
            Text(f"{v.gruppe.id}: {count(len(v.mitglieder), 'Mitglied', 'Mitglieder')}"),
            seats,
            Text(f"{count(v.sitzungen_im_jahr, 'Sitzung', 'Sitzungen')} {day.year}"),
            Text(
                _incomplete(
                    f"{count(len(v.empfehlungen), 'Empfehlung', 'Empfehlungen')} {day.year}", recommendations_incomplete
                )
            ),
        ]
        parts.append(Flow(items, separator=" · ", lead=2, indent=4))
    ending = [(v.gruppe.name, m) for v in views for m in v.enden_bald]
    parts.append(heading(f"Erklärungen, die in den nächsten {RENEWAL_DAYS} Tagen enden ({len(ending)}):"))
    if not ending:
        parts.append(Text("  keine"))
    else:
        grid = _grid(("", False), ("", True))
        for name, m in ending:
            grid.add_row(german(m.ende) if m.ende else "", f"{m.name} ({m.rolle}) – {name}")
        parts.append(indented(grid))
    return _framed(parts, fehlend)


def _member(m: MitgliedAnsicht) -> Flow:
    extra = (f", für {m.fuer}" if m.fuer else "") + (f", entsandt von {m.benannt_von}" if m.benannt_von else "")
    until = Text(f"bis {german(m.ende)}") if m.ende else Text("(ohne Enddatum)")
    parts = [*words(f"{m.name} – {m.rolle}{extra};"), Text(f"seit {german(m.beginn)}"), until]
    if m.intern:
        parts.append(Text(intern_mark(m).strip()))
    return Flow(parts, lead=2, indent=4)


def gruppe_detail(
    config: Config, day: date, v: GruppenAnsicht, fehlend: Vollstaendigkeit = VOLLSTAENDIG
) -> RenderableType:
    g = v.gruppe
    parts: list[RenderableType] = [_t(f"{g.name} ({g.id})", "bold")]
    kinds = config.gruppenarten or {}
    parts.append(Flow([Text(f"Art: {kinds.get(g.art, g.art)}"), Text(f"Stand am {german(day)}")], separator="    "))
    if g.handlungsfelder:
        parts.append(Flow(labelled("Handlungsfelder:", ", ".join(config.feld(h).name for h in g.handlungsfelder))))
    parts.append(heading(_incomplete("Sitze", _seats_incomplete(v, fehlend)) + ":"))
    parts += [_seat_line(s) for s in v.sitze] or [Text("  keine Sitze festgelegt")]
    parts.append(heading(f"Mitglieder ({len(v.mitglieder)}):"))
    if not v.mitglieder:
        parts.append(Text("  noch keine Mitgliedschaften erfasst"))
    parts += [_member(m) for m in v.mitglieder]
    tasks = [a for a in g.aufgaben if a.jahr == day.year]
    if tasks:
        parts += [heading(f"Aufgaben {day.year}:"), _bullets(a.text for a in tasks)]
    parts.append(heading(f"Sitzungen {day.year} ({len(v.sitzungen)}):"))
    if v.sitzungen:
        grid = _grid(("", False), ("", True))
        for s in v.sitzungen:
            grid.add_row(*_termin(s))
        parts.append(indented(grid))
    incomplete = bool(fehlend.von("Maßnahme"))
    number = f"{len(v.empfehlungen)}, {INCOMPLETE}" if incomplete else str(len(v.empfehlungen))
    parts.append(heading(f"Empfehlungen {day.year} ({number}):"))
    if v.empfehlungen:
        parts.append(_measure_rows(config, v.empfehlungen))
    if v.fruehere_empfehlungen:
        parts.append(heading(f"Empfehlungen aus früheren Jahren ({len(v.fruehere_empfehlungen)}):"))
        parts.append(_measure_rows(config, v.fruehere_empfehlungen))
    if v.enden_bald:
        parts.append(heading(f"Erklärungen, die in den nächsten {RENEWAL_DAYS} Tagen enden:"))
        grid = _grid(("", False), ("", True))
        for m in v.enden_bald:
            grid.add_row(german(m.ende) if m.ende else "", f"{m.name} ({m.rolle})")
        parts.append(indented(grid))
    parts.append(Text(f"\nDatei: {g.datei}", style="dim"))
    return _framed(parts, fehlend)


# --- pruefen ---------------------------------------------------------------------------------------


def text_lines(text: str) -> Group:
    """Lines of plain text (``pruefen``'s findings) wrapped between words, each continuation line
    indented two more than its line."""
    rows: list[RenderableType] = []
    for line in text.split("\n"):
        lead = len(line) - len(line.lstrip(" "))
        rows.append(Flow(words(line), lead=lead, indent=lead + 2) if line.strip() else Text(""))
    return Group(*rows)


class TerminalReporter:
    """The views for people in a terminal (rich renderables)."""

    def status(
        self, config: Config, data: StatusUebersicht, fehlend: Vollstaendigkeit = VOLLSTAENDIG, alle: bool = False
    ) -> RenderableType:
        return status_overview(config, data, fehlend, alle)

    def detail(
        self, config: Config, detail: LeitlinieDetail | MassnahmeDetail, fehlend: Vollstaendigkeit = VOLLSTAENDIG
    ) -> RenderableType:
        if isinstance(detail, LeitlinieDetail):
            return leitlinie_detail(config, detail, fehlend)
        return massnahme_detail(config, detail, fehlend)

    def gruppen(
        self,
        config: Config,
        day: date,
        views: list[GruppenAnsicht],
        one: bool,
        fehlend: Vollstaendigkeit = VOLLSTAENDIG,
    ) -> RenderableType:
        if one:
            return gruppe_detail(config, day, views[0], fehlend)
        return gruppen_overview(config, day, views, fehlend)

    def indikatoren(self, config: Config, data: IndikatorUebersicht) -> RenderableType:
        from luedialog.reporters.indikatoren import indikatoren_view

        return indikatoren_view(config, data)
