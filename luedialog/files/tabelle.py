"""Spreadsheets as German Excel reads and writes them: CSV with ``;``, UTF-8 with BOM, CRLF.

The one home of the CSV dialect luedialog writes (query sheets, the export) and of the guard
against formulas: a cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) gets an
apostrophe in front when written, and the apostrophe is taken off again when read, so nothing in a
sheet is ever evaluated and every text comes back as it was.

Reading is strict, because a sheet that is read wrongly writes wrong history: the input must be a
regular file below :data:`MAX_SHEET_BYTES`; what Excel saves is read (UTF-8 with or without BOM,
Windows-1252, "Unicode-Text" in UTF-16 with tabs, ``;``, ``,`` or tab, CRLF), and everything
else is refused with the row it concerns: mixed encodings, an unbalanced quote, a row with more
cells than the header. Workbooks (``.xlsx``) are read in :mod:`luedialog.files.arbeitsmappe`.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from luedialog.errors import LuedialogError, reason

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_SHEET_BYTES = 20 * 1024 * 1024  # a sheet of 10,000 measures is about 3 MB
DELIMITERS = (";", "\t", ",")  # on a tie the first wins
DELIMITER_NAMES = {";": "Semikolon", "\t": "Tabulator", ",": "Komma"}
RESAVE = (
    "Speichern Sie die Tabelle in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ oder als "
    "Excel-Arbeitsmappe (.xlsx)."
)

# What UTF-8 in a German sheet decodes to: Latin-1 letters and signs, Latin Extended-A/B, general
# punctuation, the euro sign. Bytes of Windows-1252 text may happen to form other UTF-8 sequences
# ("ß“" is DF 93, which UTF-8 reads as U+07D3), which are no evidence that the file is UTF-8.
_PLAUSIBLE_UTF8 = re.compile("[\u00a0-\u024f\u2010-\u206f\u20ac]")
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that did not decode (surrogateescape)


def neutralise(cell: str) -> str:
    """Keep Excel from reading a cell as a formula (CSV injection): prefix with an apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def plain(cell: str) -> str:
    """Cell text as plain text: undo the apostrophe that protects formulas; never evaluate anything."""
    cell = cell.strip()
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@":
        return cell[1:]
    return cell


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """The rows as text for German Excel: BOM, ``;``, CRLF, every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return BOM + out.getvalue()


# --- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rohblatt:
    """One sheet as read: its rows of cell texts with their row numbers as the spreadsheet shows
    them (the header is row 1; a cell with line breaks does not add rows; a workbook leaves out
    empty rows)."""

    name: str | None  # the sheet's name in a workbook; None for a CSV file
    zeilen: list[tuple[int, list[str]]]
    # (row, column index) → why the cell was not read (a formula, an error value)
    probleme: dict[tuple[int, int], str] = field(default_factory=dict)
    trennzeichen: str | None = None  # of a CSV file


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def read_input(path: Path, limit: int = MAX_SHEET_BYTES) -> bytes:
    """The bytes of the sheet at ``path``: refused at once unless it is a regular file of at most
    ``limit`` bytes (a pipe, a device like /dev/zero or a folder never blocks or fills memory)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise LuedialogError(f"{path} gibt es nicht.", hint="Prüfen Sie Namen und Ordner der Datei.") from None
    except IsADirectoryError:
        raise LuedialogError(f"{path} ist ein Ordner, keine Tabelle.") from None
    except PermissionError:
        raise LuedialogError(f"{path} darf nicht gelesen werden (keine Berechtigung).") from None
    except OSError as exc:
        raise LuedialogError(f"{path} kann nicht gelesen werden ({reason(exc)}).") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LuedialogError(f"{path} ist ein Ordner, keine Tabelle.")
        if not stat.S_ISREG(info.st_mode):
            raise LuedialogError(
                f"{path} ist keine gewöhnliche Datei (sondern ein Gerät, eine Pipe oder ein Socket).",
                hint="Speichern Sie die Tabelle als Datei und geben Sie diese an.",
            )
        too_big = LuedialogError(
            f"{path} ist {_megabytes(max(info.st_size, limit + 1))} MB groß; "
            f"eine Tabelle darf höchstens {_megabytes(limit)} MB groß sein.",
            hint="Teilen Sie die Abfrage auf, z. B. mit --verantwortlich.",
        )
        if info.st_size > limit:
            raise too_big
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)  # bounded, even if the file grows meanwhile
        if len(data) > limit:
            raise too_big
        return data
    except OSError as exc:
        raise LuedialogError(f"{path} kann nicht gelesen werden ({reason(exc)}).") from None
    finally:
        os.close(fd)


def _utf16(raw: bytes) -> str | None:
    """The text of a UTF-16 file (Excel's "Unicode-Text"), with or without BOM; None if it is none."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        sample = raw[:4096]
        even, odd = sample[0::2], sample[1::2]
        if len(sample) < 4 or b"\x00" not in sample:
            return None
        if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
            encoding = "utf-16-le"
        elif even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
            encoding = "utf-16-be"
        else:
            return None
    try:
        return raw.decode(encoding).removeprefix(BOM)
    except UnicodeDecodeError:
        raise LuedialogError(
            "Die Datei ist in UTF-16 („Unicode-Text“) gespeichert, enthält aber ungültige Bytes (beschädigt?).",
            hint=RESAVE,
        ) from None


def _decode(raw: bytes) -> tuple[str, str | None]:
    """The text, and why bytes could not be decoded (they are then escaped as surrogates), or None."""
    text16 = _utf16(raw)
    if text16 is not None:
        return text16, None
    if b"\x00" in raw:
        raise LuedialogError(
            "Die Datei enthält NUL-Bytes; sie ist keine Textdatei (CSV).",
            hint="Gelesen werden Excel-Arbeitsmappen (.xlsx) und CSV-Dateien. " + RESAVE,
        )
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    escaped = body.decode("utf-8", errors="surrogateescape")
    if bom or _PLAUSIBLE_UTF8.search(escaped):
        return escaped, "mixed"
    # no UTF-8 at all: Excel's "CSV (Trennzeichen-getrennt)" on Windows; five bytes are undefined there
    text = body.decode("cp1252", errors="surrogateescape")
    return text, ("cp1252" if _ESCAPED.search(text) else None)


def _delimiter(text: str) -> str:
    """The separator of the header line: the one of ``;``, tab and ``,`` found most often outside quotes."""
    first = text.split("\n", 1)[0]
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: counts[d])  # max() keeps the first of equals


def _records(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        row = len(records) + 1
        why = str(exc)
        if "field larger than field limit" in why:
            reason = (
                f"eine Zelle ist länger als {csv.field_size_limit()} Zeichen – fehlt ein schließendes "
                'Anführungszeichen (")?'
            )
        elif "unexpected end of data" in why:
            reason = 'ein Anführungszeichen (") öffnet eine Zelle, die bis zum Ende der Datei nicht geschlossen wird'
        elif "expected after" in why:
            reason = (
                'nach einem schließenden Anführungszeichen (") folgt weiterer Text – steht ein Anführungszeichen '
                "zu viel, oder fehlt eins?"
            )
        else:
            reason = f"die Zeile ist kein gültiges CSV ({why})"
        raise LuedialogError(
            f"Nichts eingelesen: Zeile {row}: {reason}.",
            hint='Ein Anführungszeichen in einer Zelle schreibt CSV doppelt (""). ' + RESAVE,
        ) from None
    return records


def _encoding_error(kind: str, records: list[list[str]]) -> LuedialogError:
    rows = [number for number, record in enumerate(records, start=1) if any(_ESCAPED.search(c) for c in record)]
    shown = ", ".join(str(n) for n in rows[:10]) + (" …" if len(rows) > 10 else "")
    where = f"Zeile {shown}" if len(rows) == 1 else f"den Zeilen {shown}"
    if kind == "mixed":
        message = (
            f"Die Datei mischt Zeichenkodierungen: sie ist in UTF-8 gespeichert, aber in {where} stehen Zeichen "
            "in einer anderen Kodierung (z. B. Windows-1252). Umlaute würden falsch übernommen; nichts eingelesen."
        )
    else:
        message = f"In {where} stehen Bytes, die weder UTF-8 noch Windows-1252 sind; nichts eingelesen."
    return LuedialogError(message, hint=RESAVE)


def read_csv(raw: bytes) -> Rohblatt:
    """A CSV file as Excel saves it, strictly: see the module's description."""
    text, undecodable = _decode(raw)
    delimiter = _delimiter(text)
    records = _records(text, delimiter)
    if undecodable is not None:
        raise _encoding_error(undecodable, records)
    if not records:
        return Rohblatt(None, [], trennzeichen=delimiter)
    header = records[0]
    width = len(header)
    bad: list[str] = []
    for number, record in enumerate(records[1:], start=2):
        if len(record) > width and any(c.strip() for c in record):  # Excel writes no row wider than its header
            bad.append(
                f"  Zeile {number}: {len(record)} Zellen, die Kopfzeile hat {width} – steht ein "
                f"{DELIMITER_NAMES[delimiter]} zu viel in einer Zelle, oder fehlt ein Anführungszeichen?"
            )
            continue
        for index, cell in enumerate(record[:width]):
            # a stray quote that is closed rows later swallows whole rows into one cell
            if ("\n" in cell or "\r" in cell) and cell.count(delimiter) >= max(width - 1, 3):
                column = header[index].strip() or f"Nr. {index + 1}"
                bad.append(
                    f"  Zeile {number}, Spalte „{column}“: die Zelle reicht über mehrere Zeilen und enthält "
                    f"{cell.count(delimiter)} Trennzeichen – wahrscheinlich verschluckt ein einzelnes "
                    'Anführungszeichen (") hier die folgenden Zeilen.'
                )
    if bad:
        raise LuedialogError(
            f"Nichts eingelesen: die Datei ist als CSV beschädigt ({len(bad)} Stelle(n)).",
            hint='Ein Anführungszeichen in einer Zelle schreibt CSV doppelt (""). ' + RESAVE,
            details=tuple(bad),
        )
    return Rohblatt(None, list(enumerate(records, start=1)), trennzeichen=delimiter)
