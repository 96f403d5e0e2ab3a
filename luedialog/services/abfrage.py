"""The yearly status query to departments as a spreadsheet round trip (CSV for German Excel).

``erstellen`` writes one row per open measure with empty columns to fill in; ``einlesen`` reads
the returned file (as Excel saves it: with or without BOM, ``;`` or ``,``, CRLF, German dates,
even Windows-1252) and records every filled row as a Sachstand — all or nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from luedialog.dates import InvalidDateError, german, parse_date
from luedialog.errors import LuedialogError
from luedialog.files.tabelle import excel_csv, plain
from luedialog.model.schema import suggest
from luedialog.queries.stand import state_of
from luedialog.services import abfrage_indikatoren as indikatoren
from luedialog.services.ausgabe import write_output
from luedialog.services.sachstand import Eintrag, last_status, plan_entry, recorded
from luedialog.services.transaction import Aenderung, Transaction
from luedialog.services.wert import Messung
from luedialog.snapshot import Snapshot

COLUMNS = (
    "ID",
    "Titel",
    "Handlungsfeld",
    "Verantwortlich",
    "Aktueller Status",
    "Stand vom",
    "Letzte Notiz",
    "Mögliche neue Status",
    "Neuer Status",
    "Datum",
    "Notiz",
    "Nachweis",
    "Fortschritt",
    "Berichtet von",
)
FILL_IN = ("Neuer Status", "Datum", "Notiz", "Nachweis", "Fortschritt", "Berichtet von")
REQUIRED = ("ID", *FILL_IN)

HINWEISE = """Sachstandsabfrage {projekt} – Stand {stichtag}

Bitte tragen Sie für jede Maßnahme, zu der es Neues gibt, in den Spalten „Neuer Status“ bis
„Berichtet von“ den aktuellen Sachstand ein. Zeilen, in denen diese Spalten leer bleiben, werden
übersprungen. Bitte ändern Sie weder die Spalte „ID“ noch die Spaltenüberschriften.

Die Spalten:
- ID, Titel, Handlungsfeld, Verantwortlich: welche Maßnahme (nicht ändern).
- Aktueller Status, Stand vom, Letzte Notiz: was bisher bekannt ist.
- Mögliche neue Status: welche Status auf den aktuellen folgen dürfen.
- Neuer Status: einer der möglichen neuen Status; leer lassen, wenn sich der Status nicht ändert
  und Sie nur einen neuen Sachstand berichten.
- Datum: Datum des Sachstands, z. B. 15.03.2010 (Pflicht in jeder ausgefüllten Zeile).
- Notiz: der Sachstand in Worten (Pflicht). Ist die Maßnahme überfällig, nennen Sie bitte den Grund.
- Nachweis: Ratsvorlage, Link oder Dokument (Pflicht, wenn der neue Status {nachweis} ist).
- Fortschritt: in Prozent, 0 bis 100 (freiwillig).
- Berichtet von: Ihr Fachbereich oder Ihr Name.

Die Status bedeuten:
{status}

Speichern Sie die Datei wieder als CSV (Trennzeichen Semikolon) und geben Sie sie zurück. Die Datei
wird nur eingelesen, wenn alle ausgefüllten Zeilen gültig sind; sonst bekommen Sie eine Liste der
Zeilen mit dem jeweiligen Grund.
"""


@dataclass(frozen=True)
class Abfrage:
    csv: str
    hinweise: str
    zeilen: int
    indikatorzeilen: int = 0


def erstellen(
    snap: Snapshot, stichtag: date, verantwortlich: str | None = None, mit_indikatoren: bool = False
) -> Abfrage:
    """One row per open (not final) measure, optionally of one responsible department; with
    ``mit_indikatoren`` also one row per indicator (of that department) and breakdown value."""
    config = snap.config
    measures = sorted(snap.massnahmen.values(), key=lambda m: m.id)
    if verantwortlich is not None:
        known = sorted(
            {m.verantwortlich for m in measures if m.verantwortlich}
            | (indikatoren.offices(snap) if mit_indikatoren else set())
        )
        if verantwortlich not in known:
            hint = suggest(verantwortlich, known) or (
                "Bekannt: " + ", ".join(known) + "." if known else "Noch keine Maßnahme hat „verantwortlich“."
            )
            raise LuedialogError(f"Keine Maßnahme mit verantwortlich: „{verantwortlich}“.", hint=hint)
        measures = [m for m in measures if m.verantwortlich == verantwortlich]
    rows: list[list[str]] = []
    for m in measures:
        z = state_of(snap, m, stichtag)
        if z.eintrag is None or (z.status is not None and z.status.final):
            continue
        current = z.eintrag.status
        row = [
            m.id,
            m.titel,
            config.feld(m.handlungsfeld).name,
            m.verantwortlich or "",
            current,
            german(z.eintrag.datum),
            z.eintrag.notiz,
            ", ".join((current, *config.allowed_after(current))),
            "",
            "",
            "",
            "",
            "",
            "",
        ]
        rows.append(row)
    columns: tuple[str, ...] = COLUMNS
    extra: list[list[str]] = []
    if mit_indikatoren:
        columns = (*COLUMNS, *indikatoren.INDICATOR_COLUMNS)
        rows = [row + [""] * len(indikatoren.INDICATOR_COLUMNS) for row in rows]
        extra = [
            [cells.get(name, "") for name in columns] for cells in indikatoren.rows(snap, stichtag, verantwortlich)
        ]
    nachweis = " oder ".join(f"„{s.schluessel}“" for s in config.status if s.nachweis) or "–"
    status = "\n".join(f"- {s.schluessel}: {s.bezeichnung} – {s.bedeutung}".rstrip(" –") for s in config.status)
    hinweise = HINWEISE.format(projekt=config.name, stichtag=german(stichtag), nachweis=nachweis, status=status)
    if mit_indikatoren:
        hinweise += indikatoren.HINWEISE_INDIKATOREN
    return Abfrage(excel_csv(columns, rows + extra), hinweise, len(rows), len(extra))


class ZeilenFehler(LuedialogError):
    """Rows of a returned query that cannot be applied; nothing was written."""

    def __init__(self, rows: list[tuple[int, str]]) -> None:
        super().__init__(
            f"Nichts eingelesen: {len(rows)} Zeile(n) fehlerhaft.",
            hint="Korrigieren Sie die Zeilen und lesen Sie die Datei erneut ein.",
            details=tuple(f"  Zeile {number}: {reason}" for number, reason in rows),
        )
        self.rows = rows


@dataclass(frozen=True)
class Ergebnis:
    eintraege: list[tuple[int, Eintrag]]  # (row number, entry)
    aenderungen: list[Aenderung]
    uebersprungen: int  # empty rows
    # rows whose entry the history already holds word for word (the same sheet read in twice)
    schon_eingetragen: list[tuple[int, Eintrag]] = field(default_factory=list)
    werte: list[tuple[int, Messung]] = field(default_factory=list)  # indicator values (row number, value)
    werte_schon_eingetragen: list[int] = field(default_factory=list)  # rows of values already recorded


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise LuedialogError(
                "Die Datei ist als UTF-16 gekennzeichnet, enthält aber ungültige Bytes (beschädigt?).",
                hint="Speichern Sie sie in Excel erneut als „CSV UTF-8 (durch Trennzeichen getrennt)“.",
            ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # Excel's "CSV (Trennzeichen-getrennt)" on Windows


def _header_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\ufeff", "")).strip().casefold()


def read_rows(raw: bytes) -> tuple[list[tuple[int, dict[str, str]]], int]:
    """Rows with their spreadsheet row numbers (header = row 1), and the number of empty rows."""
    text = _decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise LuedialogError(
                f"Eine Zelle ist länger als {csv.field_size_limit()} Zeichen; so große Zellen sind nicht vorgesehen.",
                hint="Fehlt ein schließendes Anführungszeichen? Kürzen Sie die Zelle.",
            ) from None
        raise LuedialogError(f"Die Datei ist keine lesbare CSV-Datei ({exc}).") from None
    if not rows:
        raise LuedialogError("Die Datei ist leer.")
    header = [_header_key(h) for h in rows[0]]
    index = {}
    for name in (*COLUMNS, *indikatoren.INDICATOR_COLUMNS):
        key = _header_key(name)
        if key in header:
            index[name] = header.index(key)
    missing = [name for name in REQUIRED if name not in index]
    if missing:
        raise LuedialogError(
            "In der Kopfzeile fehlen die Spalten " + ", ".join(f"„{m}“" for m in missing) + ".",
            hint="Erzeugen Sie die Abfrage mit „luedialog abfrage erstellen“ und ändern Sie die Kopfzeile nicht.",
        )
    result: list[tuple[int, dict[str, str]]] = []
    empty = 0
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: plain(row[i]) if i < len(row) else "" for name, i in index.items()}
        if not any(cells.get(name) for name in (*FILL_IN, *indikatoren.INDICATOR_FILL_IN)):
            empty += 1
            continue
        result.append((number, cells))
    return result, empty


def _progress(text: str) -> int:
    cleaned = text.replace("%", "").replace(" ", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"Fortschritt „{text}“ ist keine Zahl") from None
    if not value.is_integer() or not 0 <= value <= 100:
        raise ValueError(f"Fortschritt „{text}“ muss eine ganze Zahl von 0 bis 100 sein")
    return int(value)


def einlesen(root: Path, raw: bytes, today: date, *, dry_run: bool = False) -> Ergebnis:
    """Apply every filled row as a Sachstand, or none of them (one transaction)."""
    rows, empty = read_rows(raw)
    with Transaction.begin(root, today) as t:
        bad: list[tuple[int, str]] = []
        entries: list[tuple[int, Eintrag]] = []
        already: list[tuple[int, Eintrag]] = []
        values: list[tuple[int, Messung]] = []
        values_already: list[int] = []
        for number, cells in rows:
            ident = cells["ID"]
            try:
                if indikatoren.is_indicator(t.snapshot, ident):
                    value = indikatoren.plan_row(t, cells)
                    if value is None:
                        values_already.append(number)
                    else:
                        values.append((number, value))
                    continue
                if not ident:
                    raise ValueError("die ID fehlt")
                if not cells["Datum"]:
                    raise ValueError("das Datum fehlt")
                try:
                    day = parse_date(cells["Datum"])
                except InvalidDateError as exc:
                    raise ValueError(str(exc)) from None
                status = cells["Neuer Status"] or last_status(t, ident)
                entry = Eintrag(
                    massnahme=ident,
                    status=status,
                    notiz=cells["Notiz"],
                    datum=day,
                    von=cells["Berichtet von"] or None,
                    fortschritt=_progress(cells["Fortschritt"]) if cells["Fortschritt"] else None,
                    nachweis=cells["Nachweis"] or None,
                )
                measure = t.snapshot.massnahmen.get(entry.massnahme)
                if measure is not None and recorded(measure, entry):
                    already.append((number, entry))
                    continue
                plan_entry(t, entry)
                entries.append((number, entry))
            except (ValueError, LuedialogError) as exc:
                reason = exc.message if isinstance(exc, LuedialogError) else str(exc)
                bad.append((number, f"{ident or '(ohne ID)'}: {reason}"))
        if bad:
            raise ZeilenFehler(bad)
        changes = t.commit(dry_run=dry_run, refused="Die Änderungen würden die Prüfung scheitern lassen")
        return Ergebnis(entries, changes, empty, already, values, values_already)


@dataclass(frozen=True)
class Geschrieben:
    tabelle: Path
    hinweise: Path
    zeilen: int
    indikatorzeilen: int = 0


def erstellen_dateien(
    root: Path,
    snap: Snapshot,
    stichtag: date,
    verantwortlich: str | None,
    ausgabe: Path | None,
    mit_indikatoren: bool = False,
) -> Geschrieben:
    """Write the query sheet (default ``sachstandsabfrage-DATUM.csv``) and its notes beside it."""
    result = erstellen(snap, stichtag, verantwortlich, mit_indikatoren)
    target = ausgabe or Path(f"sachstandsabfrage-{stichtag.isoformat()}.csv")
    hints = target.with_name(f"{target.stem}-hinweise.txt")
    write_output(root, target, result.csv.encode("utf-8"))
    write_output(root, hints, result.hinweise.encode("utf-8"))
    return Geschrieben(target, hints, result.zeilen, result.indikatorzeilen)


def einlesen_datei(root: Path, datei: Path, today: date, *, dry_run: bool = False) -> Ergebnis:
    """Read the filled sheet ``datei`` and apply it (see :func:`einlesen`)."""
    try:
        raw = datei.read_bytes()
    except OSError as exc:
        raise LuedialogError(f"{datei} kann nicht gelesen werden ({exc.strerror}).") from None
    return einlesen(root, raw, today, dry_run=dry_run)
