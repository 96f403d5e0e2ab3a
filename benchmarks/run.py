"""The benchmark suite of luedialog: whole processes, interleaved rounds, ratios within one run.

    python benchmarks/run.py                 # 100, 1,000 and 10,000 measures and the shipped data, 5 rounds
    python benchmarks/run.py --schnell       # 100 and 1,000 measures, 3 rounds (a minute or two)
    python benchmarks/run.py --schreiben     # also write the result into docs/PERFORMANCE.md

Every measurement is a fresh process, started as a user starts it (in the project folder), timed
from start to exit; CPU time and peak memory come from the operating system's accounting of the
finished process (``os.wait4``: user + system time, maximum resident set size, both including the
processes it waited for). luedialog keeps nothing between runs, so every run is a cold one.

The rounds are interleaved (each measurement once, then the next round), so a busy machine slows
a command and the floor it is compared with alike; a ratio is the median of the ratios of the
same round. The floor is what no Python program that reads these files can beat: PyYAML's C
loader (``yaml.load(…, Loader=yaml.CSafeLoader)``) parsing the same files in one process. The
peer is check-jsonschema validating the measure files against ``luedialog schema`` (only at 100
and 1,000 measures: at 10,000 it takes a minute a run).
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
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

COMMAND = "python benchmarks/run.py --schreiben"
SHIPPED = "Daten der Stadt"
SHOWN_ID = "M-BEK-04"  # a measure of the shipped data for `zeige`

PARSE_C = """
import os, sys
import yaml
root = sys.argv[1]
files = [os.path.join(root, "luedialog.yaml")]
for folder in ("data/leitlinien", "data/massnahmen", "data/gruppen"):
    directory = os.path.join(root, folder)
    files += [os.path.join(directory, n) for n in sorted(os.listdir(directory)) if n.endswith((".yaml", ".yml"))]
for name in files:
    with open(name, "rb") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""

# Starts one measured process and waits for it with wait4. It runs as a small process of its own
# (python -S): a child's peak memory counts the pages of the process that forked it, and this
# script holds all generated data.
LAUNCHER = """
import json, os, sys, time
argv, cwd, errors = json.loads(sys.stdin.read()), sys.argv[1], sys.argv[2]
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


@dataclass
class Measurement:
    label: str
    group: str  # "Start", "Daten der Stadt", "N = 1.000" …
    argv: list[str]
    cwd: Path
    runs: int | None = None  # fewer rounds for slow ones
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)  # MB
    failures: list[str] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) if self.cpus else float("nan")

    @property
    def peak(self) -> float:
        return max(self.peaks) if self.peaks else float("nan")


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measured as installed: with byte code
    env.pop("LUEDIALOG_DEBUG", None)
    return env


def run_once(m: Measurement, work: Path) -> None:
    errors = work / "stderr.txt"
    launched = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, str(m.cwd), str(errors)],
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
    m.peaks.append(maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024))  # ru_maxrss: KB on Linux


def luedialog_command() -> list[str]:
    script = Path(sys.executable).parent / ("luedialog.exe" if os.name == "nt" else "luedialog")
    return [str(script)] if script.exists() else [sys.executable, "-m", "luedialog"]


def group_of(n: int) -> str:
    return f"N = {n:,}".replace(",", ".")


def ci_run(lue: list[str], target: Path) -> list[str]:
    """``luedialog pruefen && luedialog bericht alle --ausgabe …`` as one process tree (as in CI)."""
    words = " ".join(f"'{w}'" for w in lue)
    return ["sh", "-c", f"{words} pruefen && {words} bericht alle --ausgabe '{target}'"]


def site_run(lue: list[str], target: Path) -> list[str]:
    """``luedialog seite`` (the yearly reports as HTML only: PDFs are measured by ``bericht``)."""
    return [*lue, "seite", "--ausgabe", str(target), "--ohne-pdf"]


def build(sizes: list[int], work: Path, shipped: bool) -> list[Measurement]:
    py = sys.executable
    lue = luedialog_command()
    scripts = work / "skripte"
    scripts.mkdir()
    c_loader = str(scripts / "c_loader.py")
    Path(c_loader).write_text(PARSE_C, encoding="utf-8")
    out = work / "berichte"
    out.mkdir()
    ms: list[Measurement] = [
        Measurement("Python-Start (python -c pass)", "Start", [py, "-c", "pass"], work),
        Measurement("import typer", "Start", [py, "-c", "import typer"], work),
        Measurement("import pydantic", "Start", [py, "-c", "import pydantic"], work),
        Measurement("luedialog --version", "Start", [*lue, "--version"], work),
    ]
    if shipped:
        ms += [
            Measurement("luedialog --help", SHIPPED, [*lue, "--help"], REPO),
            Measurement("status", SHIPPED, [*lue, "status"], REPO),
            Measurement(f"zeige {SHOWN_ID}", SHIPPED, [*lue, "zeige", SHOWN_ID], REPO),
            Measurement("pruefen", SHIPPED, [*lue, "pruefen"], REPO),
            Measurement("bericht alle", SHIPPED, [*lue, "bericht", "alle", "--ausgabe", str(out / "stadt")], REPO),
            Measurement("PyYAML CSafeLoader (nur parsen)", SHIPPED, [py, c_loader, str(REPO)], REPO),
            Measurement("CI-Lauf: pruefen && bericht alle", SHIPPED, ci_run(lue, out / "stadt-ci"), REPO),
            Measurement("seite", SHIPPED, site_run(lue, out / "seite-stadt"), REPO),
        ]
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
        "check-jsonschema"
    )
    for n in sizes:
        root = generate(n, work / f"prozess-{n}")
        group = group_of(n)
        ms += [
            Measurement("PyYAML CSafeLoader (nur parsen)", group, [py, c_loader, str(root)], root),
            Measurement("pruefen", group, [*lue, "pruefen"], root),
        ]
        if n == max(sizes):
            ms.append(Measurement("CI-Lauf: pruefen && bericht alle", group, ci_run(lue, out / f"ci-{n}"), root, 3))
        if n >= 1000:  # the site: linear in the measures (compared between the two biggest sizes)
            ms.append(Measurement("seite", group, site_run(lue, out / f"seite-{n}"), root, 3 if n >= 10_000 else None))
        if checker and n <= 1000:
            schema_dir = work / f"schema-{n}"
            subprocess.run([*lue, "--daten", str(root), "schema", "--ausgabe", str(schema_dir)], check=True)
            measures = sorted(str(p) for p in (root / "data" / "massnahmen").glob("*.yaml"))
            ms.append(
                Measurement(
                    "check-jsonschema (nur Maßnahmen)",
                    group,
                    [checker, "--schemafile", str(schema_dir / "massnahme.schema.json"), *measures],
                    root,
                )
            )
    return ms


def measure(ms: list[Measurement], runs: int, work: Path) -> None:
    for m in ms:  # one run not counted: page cache and byte code
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


def number(value: float, digits: int = 3) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def paired(a: list[float], b: list[float]) -> float | None:
    """The median of the ratios of the same round."""
    pairs = [x / y for x, y in zip(a, b, strict=False) if y > 0]
    return statistics.median(pairs) if pairs else None


@dataclass
class Target:
    text: str
    value: str
    ok: bool | None  # None: not measured in this run


def targets(ms: list[Measurement], sizes: list[int]) -> list[Target]:
    out: list[Target] = []

    def add(text: str, value: float | None, limit: float, unit: str, below: bool = False) -> None:
        if value is None or value != value:  # not measured (or NaN)
            out.append(Target(text, "nicht gemessen", None))
            return
        shown = f"{number(value, 2)}×" if unit == "×" else f"{number(value, 0 if unit == 'MB' else 2)} {unit}"
        out.append(Target(text, shown, value < limit if below else value <= limit))

    big = max(sizes)
    g_big = group_of(big)
    cold, floor = find(ms, "pruefen", g_big), find(ms, "PyYAML CSafeLoader (nur parsen)", g_big)
    add(
        f"pruefen bei {g_big}: CPU-Zeit ≤ 1,2 × C-Lader",
        paired(cold.cpus, floor.cpus) if cold and floor else None,
        1.2,
        "×",
    )
    add(
        f"pruefen bei {g_big}: Zeit ≤ 1,0 × C-Lader",
        paired(cold.walls, floor.walls) if cold and floor else None,
        1.0,
        "×",
    )
    smaller = [n for n in sizes if n < big]
    if smaller:
        mid = max(smaller)
        small = find(ms, "pruefen", group_of(mid))
        limit = 1.1 * big / mid
        add(
            f"pruefen: Zeit bei {g_big} ≤ {number(limit, 0)} × Zeit bei {group_of(mid)}",
            paired(cold.walls, small.walls) if cold and small else None,
            limit,
            "×",
        )
    add(f"Speicher von pruefen bei {g_big} < 300 MB", cold.peak if cold else None, 300, "MB", below=True)
    for label, limit in (
        ("luedialog --help", 0.25),
        ("status", 0.35),
        (f"zeige {SHOWN_ID}", 0.35),
        ("pruefen", 0.35),
        ("bericht alle", 1.5),
    ):
        m = find(ms, label, SHIPPED)
        add(f"{SHIPPED}: {label} ≤ {number(limit, 2)} s", m.wall if m else None, limit, "s")
    ci_big = find(ms, "CI-Lauf: pruefen && bericht alle", g_big)
    add(f"CI-Lauf (pruefen && bericht alle) bei {g_big} ≤ 15 s", ci_big.wall if ci_big else None, 15, "s")
    site_town = find(ms, "seite", SHIPPED)
    add(f"{SHIPPED}: seite ≤ 3 s", site_town.wall if site_town else None, 3, "s")
    site_big = find(ms, "seite", g_big)
    add(f"seite bei {g_big} ≤ 60 s", site_big.wall if site_big else None, 60, "s")
    add(f"Speicher von seite bei {g_big} < 500 MB", site_big.peak if site_big else None, 500, "MB", below=True)
    if smaller:
        site_mid = find(ms, "seite", group_of(max(smaller)))
        add(
            f"seite: Zeit bei {g_big} ≤ 11 × Zeit bei {group_of(max(smaller))}",
            paired(site_big.walls, site_mid.walls) if site_big and site_mid else None,
            11 if big == 10 * max(smaller) else 1.1 * big / max(smaller),
            "×",
        )
    ci_town = find(ms, "CI-Lauf: pruefen && bericht alle", SHIPPED)
    add(f"CI-Lauf (pruefen && bericht alle), {SHIPPED} ≤ 1,0 s", ci_town.wall if ci_town else None, 1.0, "s")
    return out


def table(ms: list[Measurement]) -> str:
    rows = [
        "| Gruppe | Messung | Zeit (s, Median) | Min (s) | Max (s) | CPU (s, Median) | Speicher (MB, max) | Läufe |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in ms:
        failed = " ⚠ Fehler" if m.failures else ""
        rows.append(
            f"| {m.group} | {m.label}{failed} | {number(m.wall)} | {number(min(m.walls))} | {number(max(m.walls))} | "
            f"{number(m.cpu)} | {m.peak:.0f} | {len(m.walls)} |"
        )
    return "\n".join(rows)


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
    load = f"; Last beim Start {number(os.getloadavg()[0], 1)}" if hasattr(os, "getloadavg") else ""
    import typer  # the versions that decide the start-up costs
    import yaml

    return (
        f"{cpu}, {os.cpu_count()} Kerne ({usable} nutzbar){load}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()} ({platform.python_implementation()}); "
        f"PyYAML {yaml.__version__} mit libyaml: {'ja' if yaml.__with_libyaml__ else 'nein'}; "
        f"typer {typer.__version__}; luedialog {installation()}"
    )


def installation() -> str:
    """How the measured luedialog is installed: an editable installation (``pip install -e``) adds
    its import hook to every start, and a development environment packages that rich then loads."""
    import sysconfig

    purelib = Path(sysconfig.get_paths()["purelib"])
    if list(purelib.glob("__editable__*luedialog*")):
        return "editierbar installiert (pip install -e)"
    if list(purelib.glob("luedialog-*.dist-info")):
        return "installiert wie im README (pip install .)"
    return "nicht installiert"


def markdown(ms: list[Measurement], sizes: list[int], runs: int, started: datetime.datetime, where: str) -> str:
    checks = targets(ms, sizes)
    lines = [
        "| Ziel | Wert | |",
        "|---|---:|---|",
        *(
            f"| {t.text} | {t.value} | {'erfüllt' if t.ok else ('–' if t.ok is None else '**nicht erfüllt**')} |"
            for t in checks
        ),
    ]
    failures = [f"- {m.group}, {m.label}: {f}" for m in ms for f in m.failures[:1]]
    met = sum(1 for t in checks if t.ok)
    return "\n".join(
        [
            f"Lauf vom {started:%d.%m.%Y %H:%M} (UTC), {runs} Runden, Größen: "
            + ", ".join(f"{n:,}".replace(",", ".") for n in sizes)
            + " Maßnahmen.",
            "",
            f"Rechner: {where}",
            "",
            f"### Ziele ({met} von {len(checks)} erfüllt)",
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
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--schnell", action="store_true", help="nur 100 und 1.000 Maßnahmen, 3 Runden")
    parser.add_argument("--laeufe", type=int, help="Runden (Standard 5, schnell 3)")
    parser.add_argument("--groessen", help="Anzahl der Maßnahmen, durch Komma getrennt (Standard 100,1000,10000)")
    parser.add_argument("--ohne-stadt", action="store_true", help="die Daten der Stadt (dieses Repository) auslassen")
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
    where = machine()
    work = args.ordner or Path(tempfile.mkdtemp(prefix="luedialog-benchmark-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"Erzeuge Prozesse ({', '.join(map(str, sizes))} Maßnahmen) in {work} …", file=sys.stderr)
        ms = build(sizes, work, not args.ohne_stadt)
        measure(ms, runs, work)
    finally:
        if args.ordner is None:
            shutil.rmtree(work, ignore_errors=True)
    result = markdown(ms, sizes, runs, started, where)
    print(result)
    if args.schreiben:
        print(f"Geschrieben: {write_doc(result, args.schnell)}", file=sys.stderr)
    return 1 if any(m.failures for m in ms) else 0


if __name__ == "__main__":
    sys.exit(main())
