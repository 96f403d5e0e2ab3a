"""Spreadsheets as German Excel reads and writes them: CSV with ``;``, UTF-8 with BOM, CRLF.

The one home of the CSV dialect luedialog writes (query sheets, the export) and of the guard
against formulas: a cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) gets an
apostrophe in front when written, and the apostrophe is taken off again when read, so nothing in a
sheet is ever evaluated and every text comes back as it was.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
