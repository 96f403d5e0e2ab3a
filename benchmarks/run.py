"""The benchmark suite of luedialog: whole processes, several runs, floors and a peer in the same run.

    python benchmarks/run.py                 # 100, 1,000 and 10,000 measures, 5 runs each
    python benchmarks/run.py --schnell       # 100 and 1,000 measures, 3 runs (a minute or two)
    python benchmarks/run.py --schreiben     # also write docs/PERFORMANCE.md

Every measurement is a fresh process (as a user runs it), timed from start to exit; peak memory
is the child's maximum resident set size (``os.wait4``, which includes the worker processes it
waited for). Runs are interleaved round by round, so a busy machine slows numerators and
denominators alike; the tables show median, minimum and maximum, the ratios use medians.

"cold" deletes ``.luedialog-cache/`` before every run; "warm" runs with the cache of unchanged
files. The floors are what no implementation in Python can beat: starting Python, reading the
bytes of all files, parsing them with PyYAML's C loader (CSafeLoader), importing typer and rich.
The peer is check-jsonschema validating the same measure files against `luedialog schema`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

COMMAND = "python benchmarks/run.py --schreiben"
REPORT_YEAR = "2020"  # within the generated process period (2015–2024)

LIST_FILES = """
import os, sys
root = sys.argv[1]
files = [os.path.join(root, "luedialog.yaml")]
for folder in ("data/leitlinien", "data/massnahmen", "data/gruppen"):
    directory = os.path.join(root, folder)
    files += [os.path.join(directory, n) for n in sorted(os.listdir(directory)) if n.endswith((".yaml", ".yml"))]
"""
READ_BYTES = (
    LIST_FILES
    + """
for name in files:
    with open(name, "rb") as handle:
        handle.read()
"""
)
PARSE_C = (
    LIST_FILES
    + """
import yaml
for name in files:
    with open(name, "rb") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""
)


@dataclass
class Measurement:
    label: str
    group: str  # for the table: "Start", "Daten der Stadt", "N=1000" …
    argv: list[str]
    cwd: Path | None = None
    before: Callable[[], None] | None = None  # run before every run (e.g. clear the cache), not timed
    runs: int | None = None  # fewer runs for slow ones
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)  # MB
    failures: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")


# Starts one measured process and waits for it with wait4. It runs as a small process of its own
# (python -S): a child's peak memory counts the pages of the process that forked it, and this
# script holds all generated data; the launcher holds 8 MB.
LAUNCHER = """
import json, os, sys, time
argv, cwd, errors = json.loads(sys.stdin.read()), sys.argv[1], sys.argv[2]  # argv: 10,000 file names
os.chdir(cwd)
out = os.open(os.devnull, os.O_RDWR)
err = os.open(errors, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
actions = [(os.POSIX_SPAWN_DUP2, out, 0), (os.POSIX_SPAWN_DUP2, out, 1), (os.POSIX_SPAWN_DUP2, err, 2)]
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]))
"""


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    # measured as installed: with byte code (pip writes it on installation)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(m: Measurement, work: Path) -> None:
    if m.before is not None:
        m.before()
    errors = work / "stderr.txt"
    launched = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, str(m.cwd or work), str(errors)],
        input=json.dumps(m.argv),
        env=child_environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    wall, cpu, maxrss, code = json.loads(launched.stdout)
    if code != 0:
        m.failures.append(f"exit {code}: {errors.read_text(encoding='utf-8', errors='replace').strip()[:300]}")
    m.walls.append(wall)
    m.cpus.append(cpu)
    # ru_maxrss: kilobytes on Linux, bytes on macOS
    m.peaks.append(maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024))


def luedialog_command() -> list[str]:
    script = Path(sys.executable).parent / ("luedialog.exe" if os.name == "nt" else "luedialog")
    return [str(script)] if script.exists() else [sys.executable, "-m", "luedialog"]


def clear_cache(root: Path) -> Callable[[], None]:
    def clear() -> None:
        shutil.rmtree(root / ".luedialog-cache", ignore_errors=True)

    return clear


def clear_kept(folder: Path) -> Callable[[], None]:
    """Remove only the kept texts in ``folder`` (the parse cache stays warm)."""

    def clear() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    return clear


def help_folder() -> Path:
    """Where luedialog keeps help texts (asked of luedialog itself: the user's cache folder)."""
    code = "from luedialog.kept_output import help_folder; print(help_folder())"
    return Path(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip())


def build(sizes: list[int], runs: int, work: Path) -> tuple[list[Measurement], dict[int, Path]]:
    py = sys.executable
    lue = luedialog_command()
    scripts = work / "skripte"
    scripts.mkdir()
    (scripts / "bytes_lesen.py").write_text(READ_BYTES, encoding="utf-8")
    (scripts / "c_loader.py").write_text(PARSE_C, encoding="utf-8")
    reports = work / "berichte"

    projects: dict[int, Path] = {}
    for n in sizes:
        projects[n] = generate(n, work / f"prozess-{n}")
    generated = time.time()

    ms: list[Measurement] = [
        Measurement("Python-Start (python -c pass)", "Untergrenzen", [py, "-c", "pass"]),
        Measurement("import typer, rich", "Untergrenzen", [py, "-c", "import typer, rich"]),
        Measurement(
            "import typer + rich wie für --help (typer.rich_utils)",
            "Untergrenzen",
            [py, "-c", "import typer, typer.rich_utils"],
        ),
        Measurement("luedialog --version", "Start", [*lue, "--version"]),
        Measurement("luedialog --help", "Start", [*lue, "--help"]),
        Measurement("luedialog --help (neu erzeugt)", "Start", [*lue, "--help"], before=clear_kept(help_folder())),
        # as a user runs them: in the project folder
        Measurement("status (warm)", "Daten der Stadt", [*lue, "status"], cwd=REPO),
        Measurement(
            "status (warm, neu erzeugt)",
            "Daten der Stadt",
            [*lue, "status"],
            cwd=REPO,
            before=clear_kept(REPO / ".luedialog-cache" / "ergebnisse"),
        ),
        Measurement("status (kalt)", "Daten der Stadt", [*lue, "status"], cwd=REPO, before=clear_cache(REPO)),
        Measurement(
            "bericht alle (warm)",
            "Daten der Stadt",
            [*lue, "bericht", "alle", "--ausgabe", str(reports / "stadt")],
            cwd=REPO,
        ),
    ]
    for n, root in projects.items():
        group = f"N = {n:,}".replace(",", ".")
        ms += [
            Measurement("Dateien lesen (nur Bytes)", group, [py, str(scripts / "bytes_lesen.py"), str(root)]),
            Measurement("PyYAML CSafeLoader (nur parsen)", group, [py, str(scripts / "c_loader.py"), str(root)]),
        ]
        commands = {
            "pruefen": ["pruefen"],
            "status": ["status"],
            "bericht rat --format html": [
                "bericht",
                "rat",
                "--jahr",
                REPORT_YEAR,
                "--format",
                "html",
                "--ausgabe",
                str(reports / f"rat-{n}.html"),
            ],
            "export --format json": ["export", "--format", "json"],
        }
        for label, args in commands.items():
            argv = [*lue, *args]
            ms.append(Measurement(f"{label} (kalt)", group, argv, cwd=root, before=clear_cache(root)))
            ms.append(Measurement(f"{label} (warm)", group, argv, cwd=root))
        schema_dir = work / f"schema-{n}"
        subprocess.run([*lue, "--daten", str(root), "schema", "--ausgabe", str(schema_dir)], check=True)
        measures = sorted(str(p) for p in (root / "data" / "massnahmen").glob("*.yaml"))
        checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
            "check-jsonschema"
        )
        if checker:
            ms.append(
                Measurement(
                    "check-jsonschema (nur Maßnahmen)",
                    group,
                    [checker, "--schemafile", str(schema_dir / "massnahme.schema.json"), *measures],
                    runs=min(runs, 3) if n >= 10_000 else None,
                )
            )
    reports.mkdir()
    # files changed in the last two seconds are not cached: let the generated ones age
    time.sleep(max(0.0, generated + 2.5 - time.time()))
    return ms, projects


def measure(ms: list[Measurement], runs: int, work: Path) -> None:
    for m in ms:  # one unmeasured run: fills the page cache, the byte code and the parse cache
        run_once(m, work)
        m.walls.clear()
        m.cpus.clear()
        m.peaks.clear()
    for round_no in range(1, runs + 1):
        print(f"Runde {round_no}/{runs} …", file=sys.stderr, flush=True)
        for m in ms:
            if m.runs is None or round_no <= m.runs:
                run_once(m, work)


def find(ms: list[Measurement], label: str, group: str) -> Measurement | None:
    return next((m for m in ms if m.label == label and m.group == group), None)


def seconds(value: float) -> str:
    return f"{value:.3f}".replace(".", ",")


def table(ms: list[Measurement]) -> str:
    rows = [
        "| Gruppe | Messung | Median (s) | Min (s) | Max (s) | CPU (s, Median) | Speicher (MB, max) | Läufe |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in ms:
        failed = " ⚠ Fehler" if m.failures else ""
        rows.append(
            f"| {m.group} | {m.label}{failed} | {seconds(m.median)} | {seconds(min(m.walls))} | "
            f"{seconds(max(m.walls))} | {seconds(statistics.median(m.cpus))} | {max(m.peaks):.0f} | {len(m.walls)} |"
        )
    return "\n".join(rows)


@dataclass
class Target:
    text: str
    value: str
    ok: bool | None  # None: not measured in this run


def targets(ms: list[Measurement], sizes: list[int]) -> list[Target]:
    out: list[Target] = []
    big, mid = max(sizes), sorted(sizes)[-2] if len(sizes) > 1 else None
    g_big = f"N = {big:,}".replace(",", ".")

    def ratio(a: Measurement | None, b: Measurement | None) -> float | None:
        return a.median / b.median if a and b and b.median > 0 else None

    def add(text: str, r: float | None, limit: float, unit: str = "×") -> None:
        if r is None:
            out.append(Target(text, "nicht gemessen", None))
        else:
            out.append(Target(text, f"{r:.2f}{unit}".replace(".", ","), r <= limit))

    cold = find(ms, "pruefen (kalt)", g_big)
    add(
        f"pruefen kalt bei {g_big} ≤ 1,3 × CSafeLoader",
        ratio(cold, find(ms, "PyYAML CSafeLoader (nur parsen)", g_big)),
        1.3,
    )
    add(
        f"pruefen kalt bei {g_big} ≤ 0,1 × check-jsonschema",
        ratio(cold, find(ms, "check-jsonschema (nur Maßnahmen)", g_big)),
        0.1,
    )
    for command in ("pruefen", "status", "bericht rat --format html", "export --format json"):
        add(
            f"{command}: warm ≤ 0,2 × kalt bei {g_big}",
            ratio(find(ms, f"{command} (warm)", g_big), find(ms, f"{command} (kalt)", g_big)),
            0.2,
        )
    if mid is not None:
        g_mid = f"N = {mid:,}".replace(",", ".")
        factor = big / mid
        limit = 1.1 * factor
        for command in ("pruefen", "status", "bericht rat --format html", "export --format json"):
            for state in ("kalt", "warm"):
                label = f"{command} ({state})"
                add(
                    f"{label}: Zeit bei {g_big} ≤ {limit:.0f} × Zeit bei {g_mid}",
                    ratio(find(ms, label, g_big), find(ms, label, g_mid)),
                    limit,
                )
    heaviest = max(
        (m for m in ms if m.group == g_big and m.label.split(" (")[0] != "check-jsonschema"),
        key=lambda m: max(m.peaks),
        default=None,
    )
    if heaviest is not None:
        peak = max(heaviest.peaks)
        out.append(Target(f"Speicher bei {g_big} < 400 MB (höchster: {heaviest.label})", f"{peak:.0f} MB", peak < 400))
    bare = find(ms, "import typer, rich", "Untergrenzen")
    for label, group in (("luedialog --help", "Start"), ("status (warm)", "Daten der Stadt")):
        add(f"{label} ≤ 1,5 × `import typer, rich`", ratio(find(ms, label, group), bare), 1.5)
    alle = find(ms, "bericht alle (warm)", "Daten der Stadt")
    start = find(ms, "luedialog --version", "Start")
    if alle and start:
        beyond = alle.median - start.median
        out.append(
            Target("bericht alle (Daten der Stadt) über den Start hinaus < 1 s", f"{seconds(beyond)} s", beyond < 1)
        )
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 1
    import yaml

    return (
        f"{cpu}, {os.cpu_count()} Kerne ({usable} nutzbar); {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()} ({platform.python_implementation()}); "
        f"PyYAML {yaml.__version__} mit libyaml: {'ja' if yaml.__with_libyaml__ else 'nein'}"
    )


def markdown(ms: list[Measurement], sizes: list[int], runs: int, started: datetime.datetime) -> str:
    checks = targets(ms, sizes)
    lines = [
        "| Ziel | Wert | erfüllt |",
        "|---|---:|:---:|",
        *(f"| {t.text} | {t.value} | {'ja' if t.ok else ('–' if t.ok is None else '**nein**')} |" for t in checks),
    ]
    failures = [f"- {m.group}, {m.label}: {f}" for m in ms for f in m.failures[:1]]
    return "\n".join(
        [
            f"Lauf vom {started:%d.%m.%Y %H:%M} (UTC), {runs} Läufe je Messung, Größen: "
            + ", ".join(f"{n:,}".replace(",", ".") for n in sizes)
            + " Maßnahmen.",
            "",
            f"Rechner: {machine()}",
            "",
            "### Ziele",
            "",
            *lines,
            "",
            "### Messungen",
            "",
            table(ms),
            *(["", "Fehlgeschlagene Läufe:", "", *failures] if failures else []),
        ]
    )


def write_doc(result: str, quick: bool) -> Path:
    doc = REPO / "docs" / "PERFORMANCE.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    begin, end = "<!-- benchmark:begin -->", "<!-- benchmark:end -->"
    block = f"{begin}\n{result}\n{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = textwrap.dedent(
            f"""\
            # Leistung

            Gemessen mit `{COMMAND}`.

            {block}
            """
        )
    if quick:
        print("Hinweis: Schnelllauf; docs/PERFORMANCE.md sollte einen vollen Lauf zeigen.", file=sys.stderr)
    doc.write_text(text, encoding="utf-8")
    return doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schnell", action="store_true", help="nur 100 und 1.000 Maßnahmen, 3 Läufe")
    parser.add_argument("--laeufe", type=int, help="Läufe je Messung (Standard 5, schnell 3)")
    parser.add_argument("--groessen", help="Anzahl der Maßnahmen, durch Komma getrennt (Standard 100,1000,10000)")
    parser.add_argument("--schreiben", action="store_true", help="Ergebnis in docs/PERFORMANCE.md schreiben")
    parser.add_argument("--ordner", type=Path, help="Arbeitsordner (Standard: ein temporärer, danach gelöscht)")
    args = parser.parse_args(argv)
    sizes = (
        [int(x) for x in args.groessen.split(",")]
        if args.groessen
        else ([100, 1000] if args.schnell else [100, 1000, 10_000])
    )
    runs = args.laeufe or (3 if args.schnell else 5)
    started = datetime.datetime.now(datetime.UTC)
    work = args.ordner or Path(tempfile.mkdtemp(prefix="luedialog-benchmark-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"Erzeuge Prozesse ({', '.join(map(str, sizes))} Maßnahmen) in {work} …", file=sys.stderr)
        ms, _ = build(sizes, runs, work)
        measure(ms, runs, work)
    finally:
        if args.ordner is None:
            shutil.rmtree(work, ignore_errors=True)
    result = markdown(ms, sizes, runs, started)
    print(result)
    if args.schreiben:
        print(f"Geschrieben: {write_doc(result, args.schnell)}", file=sys.stderr)
    return 1 if any(m.failures for m in ms) else 0


if __name__ == "__main__":
    sys.exit(main())
