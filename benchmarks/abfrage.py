"""The Sachstandsabfrage at scale: reading a filled sheet back must be linear in its rows.

    python benchmarks/abfrage.py              # 10,000 rows (CSV and xlsx), 1,000 rows for one measure, 3 runs
    python benchmarks/abfrage.py --laeufe 1   # one run each (a minute or two)

Every measurement is a fresh process of ``luedialog abfrage einlesen`` (checking and writing, under
the project lock) on a fresh copy of a generated project (benchmarks/generate.py): copying is not
timed. The sheets are filled as a department would fill them: a Sachstand for every measure of a
process of 10,000 (once as CSV, once in the workbook ``export --format xlsx`` writes), and 1,000
Sachstände on 1,000 days for a single measure. Writing the query (``abfrage erstellen``) and the
export workbook for 10,000 measures are measured too. The table shows median, minimum and maximum
wall time and the peak memory of the process (``ru_maxrss`` from ``os.wait4``; Linux or macOS).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from luedialog.services.abfrage import COLUMNS  # noqa: E402  (the sheet's columns as luedialog writes them)

NOTE = "Sachstand aus der jährlichen Abfrage der Fachbereiche, Zeile {row}"  # long enough for overdue measures
EVIDENCE = "Bericht der Fachbereiche"  # finished measures keep their status and need evidence


@dataclass
class Messung:
    label: str
    argv: list[str]
    project: Path  # copied fresh before every run
    walls: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def luedialog() -> list[str]:
    return [sys.executable, "-m", "luedialog"]


def last_dates(root: Path) -> dict[str, date]:
    """The date of every measure's latest entry (read with luedialog itself, not timed)."""
    from luedialog.snapshot import load_snapshot

    snap = load_snapshot(root).snapshot
    assert snap is not None
    return {ident: m.verlauf[-1].datum for ident, m in snap.massnahmen.items()}


def csv_sheet(rows: list[tuple[str, date]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for number, (ident, day) in enumerate(rows, start=2):
        writer.writerow([ident, *[""] * 8, day.strftime("%d.%m.%Y"), NOTE.format(row=number), EVIDENCE, "", ""])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def filled_export(root: Path, target: Path, day: date) -> Path:
    """The export workbook of ``root`` with every row filled in (as in Excel: date cells, text)."""
    import openpyxl

    subprocess.run([*luedialog(), "--daten", str(root), "export", "--ausgabe", str(target)], check=True)
    book = openpyxl.load_workbook(target)
    sheet = book["Maßnahmen"]
    column = {cell.value: number for number, cell in enumerate(sheet[1], start=1)}
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=column["Datum"]).value = day
        sheet.cell(row=row, column=column["Notiz"]).value = NOTE.format(row=row)
        sheet.cell(row=row, column=column["Nachweis"]).value = EVIDENCE
    book.save(target)
    return target


def run_once(m: Messung, work: Path) -> None:
    copy = work / "lauf"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(m.project, copy)
    argv = [arg.replace("{projekt}", str(copy)) for arg in m.argv]
    with (work / "stderr.txt").open("wb") as errors:  # a file, not a pipe: 10,000 lines never block the child
        start = time.perf_counter()
        child = subprocess.Popen(argv, cwd=work, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        m.failures.append((work / "stderr.txt").read_text(encoding="utf-8", errors="replace").strip()[:300])
    m.walls.append(wall)
    m.peaks.append(usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024))


def build(work: Path) -> list[Messung]:
    big = generate(10_000, work / "prozess-10000")
    mid = generate(1_000, work / "prozess-1000")
    today = date.today()
    dates = last_dates(big)
    latest = max(dates.values()) + timedelta(days=1)
    (work / "alle.csv").write_bytes(csv_sheet([(ident, latest) for ident in sorted(dates)]))
    filled_export(big, work / "alle.xlsx", latest)
    one, since = min(last_dates(mid).items(), key=lambda item: item[1])
    days = [since + timedelta(days=i + 1) for i in range(1_000)]
    if days[-1] > today:
        raise SystemExit(f"{one}: 1.000 Tage nach dem {since} reichen in die Zukunft; nichts gemessen.")
    (work / "eine.csv").write_bytes(csv_sheet([(one, day) for day in days]))
    lue = luedialog()
    return [
        Messung("zum Vergleich: pruefen (10.000 Maßnahmen)", [*lue, "--daten", "{projekt}", "pruefen"], big),
        Messung(
            "abfrage einlesen: 10.000 Zeilen (CSV)",
            [*lue, "--daten", "{projekt}", "abfrage", "einlesen", str(work / "alle.csv")],
            big,
        ),
        Messung(
            "abfrage einlesen: 10.000 Zeilen (xlsx, ausgefüllter Export)",
            [*lue, "--daten", "{projekt}", "abfrage", "einlesen", str(work / "alle.xlsx")],
            big,
        ),
        Messung(
            f"abfrage einlesen: 1.000 Zeilen für eine Maßnahme ({one}, CSV)",
            [*lue, "--daten", "{projekt}", "abfrage", "einlesen", str(work / "eine.csv")],
            mid,
        ),
        Messung(
            "abfrage erstellen --format xlsx (10.000 Maßnahmen)",
            [*lue, "--daten", "{projekt}", "abfrage", "erstellen", "--ausgabe", str(work / "abfrage.xlsx")],
            big,
        ),
        Messung(
            "export --format xlsx (10.000 Maßnahmen)",
            [*lue, "--daten", "{projekt}", "export", "--ausgabe", str(work / "export.xlsx")],
            big,
        ),
    ]


def seconds(value: float) -> str:
    return f"{value:.2f} s".replace(".", ",")


def table(ms: list[Messung]) -> str:
    """Median, minimum, maximum, peak memory, and the median as a multiple of ``pruefen`` in the same run
    (on a busy machine the ratio is steadier than the seconds)."""
    reference = statistics.median(ms[0].walls) if ms[0].walls and not ms[0].failures else float("nan")
    lines = ["| Messung | Median | Min | Max | × pruefen | Speicher |", "|---|---:|---:|---:|---:|---:|"]
    for m in ms:
        if m.failures:
            lines.append(f"| {m.label} | Fehler: {m.failures[0]} | | | | |")
            continue
        median = statistics.median(m.walls)
        ratio = f"{median / reference:.1f}".replace(".", ",")
        lines.append(
            f"| {m.label} | {seconds(median)} | {seconds(min(m.walls))} | {seconds(max(m.walls))} | {ratio} | "
            f"{max(m.peaks):.0f} MB |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--laeufe", type=int, default=3, help="Läufe je Messung (Standard 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="luedialog-abfrage-") as folder:
        work = Path(folder)
        print("Erzeuge Prozesse und Tabellen …", file=sys.stderr, flush=True)
        ms = build(work)
        for round_no in range(1, args.laeufe + 1):
            print(f"Runde {round_no}/{args.laeufe} …", file=sys.stderr, flush=True)
            for m in ms:
                run_once(m, work)
    print(table(ms))
    return 1 if any(m.failures for m in ms) else 0


if __name__ == "__main__":
    sys.exit(main())
