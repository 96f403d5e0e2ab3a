"""Nothing lost (issue 7 §2): writers killed in every phase, many writers at once, a full disk and
read-only files.

What is guaranteed, and tested here:

- ``sachstand`` and ``neu massnahme`` write one file. Killed with SIGKILL at any moment, that file
  is byte for byte either the old or the new version; a leftover hidden temporary file is never
  read by ``pruefen`` and is removed by the next write.
- ``abfrage einlesen`` writes several files: all temporary files first, then a journal listing the
  pending replacements, then one replace per file. Within the process it is all or nothing (a
  failing replace rolls back the files already replaced). Under SIGKILL each file is still old or
  new; a kill between two replaces leaves the set mixed, the journal tells ``pruefen`` to warn,
  and the next writer that takes the project lock finishes the replacements: in the end the set is
  all old or all new. Reading the same sheet in again skips the rows already recorded.
- Parallel runs serialize on the project lock: every entry is written exactly once.
- A full disk or a read-only file or file system gives one German line, exit code 1, every file
  unchanged and no temporary file left.

Power cuts (unsynced data lost) are checked on a model of the file system in test_power_loss.py.

The crash tests pick kill moments from a seeded random generator; the seed is printed (pytest shows
it when a test fails) and ``LUEDIALOG_CRASH_SEED=<seed>`` repeats a run.
"""

from __future__ import annotations

import collections
import csv
import errno
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from luedialog.files.atomic import DELAY_ENV, JOURNAL_FILE, LOCK_FILE, PHASES, TEMP_PREFIX, TRACE_ENV, project_lock
from luedialog.services.abfrage import COLUMNS
from tests.conftest import FIXTURES, REPO, Projekt, daten, verlauf

MASSNAHMEN = "data/massnahmen"
M1 = f"{MASSNAHMEN}/M-BIL-01.yaml"  # in_umsetzung, zieldatum 30.06.2010
M2 = f"{MASSNAHMEN}/M-BIL-02.yaml"  # geplant
W1 = f"{MASSNAHMEN}/M-WOH-01.yaml"  # umgesetzt (final): never touched here

SEED_ENV = "LUEDIALOG_CRASH_SEED"
HINT = "Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.\n"

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("git_ohne_benutzer")]  # nothing depends on the machine


# --- helpers -----------------------------------------------------------------------------------------


def temp_files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.rglob(f"{TEMP_PREFIX}*"))}


def notizen(path: Path) -> list[str]:
    return [str(item["notiz"]) for item in verlauf(path)]


def pruefen_ok(projekt: Projekt) -> tuple[int, str, str]:
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    return result.exit_code, result.stdout, result.stderr


def ok(files: int = 6) -> tuple[int, str, str]:
    return 0, f"Alles in Ordnung: {files} Dateien geprüft, keine Fehler, keine Warnungen.\n", ""


def spawn(root: Path, *args: str, env: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "luedialog", "--daten", str(root), *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(proc: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, stderr = proc.communicate(timeout=120)
    return proc.returncode, stderr.decode("utf-8")


def sachstand_args(ident: str, notiz: str, status: str = "geplant") -> list[str]:
    return ["sachstand", ident, status, "--notiz", notiz, "--datum", "2010-03-01", "--von", "Bauamt"]


def entry(notiz: str, status: str = "geplant", von: str = "Bauamt") -> bytes:
    return f"  - datum: 2010-03-01\n    status: {status}\n    notiz: {notiz}\n    von: {von}\n".encode()


def eingetragen(ident: str, status: str = "geplant") -> str:
    return f"Eingetragen: {ident} {status} am 01.03.2010 in {MASSNAHMEN}/{ident}.yaml\n"


def rueckmeldung(rows: list[tuple[str, str]]) -> bytes:
    """A filled-in query as Excel saves it: (ID, note) per row, status unchanged, dated 01.03.2010."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for ident, notiz in rows:
        cells = {"ID": ident, "Datum": "01.03.2010", "Notiz": notiz, "Berichtet von": "FB 3"}
        writer.writerow([cells.get(name, "") for name in COLUMNS])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def read_trace(path: Path) -> list[tuple[str, str]]:
    """The phases a writer reached, in order, as (phase, file name)."""
    if not path.exists():
        return []
    result = []
    for line in path.read_text(encoding="utf-8").splitlines():
        phase, _, name = line.partition(" ")
        assert phase in PHASES, line
        result.append((phase, name))
    return result


def seed() -> int:
    value = int(os.environ.get(SEED_ENV) or random.SystemRandom().randrange(2**32))
    print(f"crash test seed: {value} (repeat with {SEED_ENV}={value})")
    return value


class Killer:
    """Runs one luedialog command with slowed, traced write phases and kills it with SIGKILL either
    while it sleeps in a chosen phase or at a random moment."""

    def __init__(self, root: Path, trace_dir: Path, rng: random.Random) -> None:
        self.root = root
        self.trace_dir = trace_dir
        self.rng = rng
        self.runs = 0
        self.full_run = 0.5  # seconds a whole run takes; measured by calibrate()

    def _env(self, delays: Mapping[str, float], trace: Path) -> dict[str, str]:
        spec = ",".join(f"{phase}={seconds:.4f}" for phase, seconds in delays.items())
        return {DELAY_ENV: spec or "0", TRACE_ENV: str(trace)}

    def calibrate(self, *args: str) -> tuple[int, str]:
        """One complete run (not killed); its duration sets the window for random kills."""
        trace = self.trace_dir / "kalibrierung.log"
        start = time.monotonic()
        outcome = finish(spawn(self.root, *args, env=self._env({"partial": 0.0}, trace)))
        self.full_run = time.monotonic() - start
        assert [phase for phase, _ in read_trace(trace)][-1] == "replaced"
        return outcome

    def run(self, target: tuple[str, str] | None, *args: str) -> tuple[subprocess.Popen[bytes], list[tuple[str, str]]]:
        """``target`` (phase, file name): kill while the writer sleeps in that phase; None: kill at a
        random moment of a run whose phases are slowed by random small amounts."""
        self.runs += 1
        trace = self.trace_dir / f"lauf-{self.runs}.log"
        kill_at = time.monotonic() + self.rng.uniform(0.0, self.full_run + 0.05)
        # a random moment: every phase slowed a little; a chosen phase: only that one, long enough to hit it
        delays = {phase: self.rng.uniform(0.0, 0.02) for phase in PHASES} if target is None else {target[0]: 0.3}
        proc = spawn(self.root, *args, env=self._env(delays, trace))
        deadline = time.monotonic() + 60
        wanted = f"{target[0]} {target[1]}\n" if target else None
        while proc.poll() is None:
            now = time.monotonic()
            assert now < deadline, "the writer neither reached its phase nor ended"
            if wanted is not None and trace.exists() and wanted in trace.read_text(encoding="utf-8"):
                time.sleep(self.rng.uniform(0.0, 0.08))
                break
            if wanted is None and now >= kill_at:
                break
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)  # a no-op if it has already ended
        proc.communicate(timeout=60)
        return proc, read_trace(trace)


# --- killed sachstand: 100 runs ----------------------------------------------------------------------

TARGETS: list[tuple[str, str] | None] = [None, *((phase, "M-BIL-02.yaml") for phase in PHASES)]


def test_a_hundred_killed_sachstand_runs_leave_the_old_or_the_new_file(projekt: Projekt, tmp_path: Path) -> None:
    rng = random.Random(seed())
    root = projekt.root
    path = projekt.path(M2)
    killer = Killer(root, tmp_path, rng)
    assert killer.calibrate(*sachstand_args("M-BIL-02", "Vorlauf")) == (0, eingetragen("M-BIL-02"))
    expected_notes = ["Stand laut Vorlage.", "Vorlauf"]
    untouched = {k: v for k, v in daten(root, mit_temp=False).items() if k != M2}
    # every phase a kill landed in, "" for before the first byte was written
    reached: collections.Counter[str] = collections.Counter()
    outcomes: collections.Counter[tuple[str, str]] = collections.Counter()
    leftovers: dict[str, bytes] = {}  # temporary files of earlier killed runs, with the full new content
    targets = (TARGETS * 17)[:100]
    rng.shuffle(targets)
    for number, target in enumerate(targets):
        context = f"run {number}, target {target}"
        old = path.read_bytes()
        new = old + entry(f"Lauf {number}")
        proc, trace = killer.run(target, *sachstand_args("M-BIL-02", f"Lauf {number}"))
        assert proc.returncode in (0, -signal.SIGKILL), context
        last = trace[-1][0] if trace else ""
        reached[last] += 1
        current = path.read_bytes()
        # byte for byte the old or the new file, and which one follows from how far the writer got
        assert current in (old, new), context
        if last in ("", "before_temp", "partial", "written"):
            assert current == old, context
        if last == "replaced" or proc.returncode == 0:
            assert current == new, context
        outcome = "neu" if current == new else "alt"
        outcomes[(last, outcome)] += 1
        if current == new:
            expected_notes.append(f"Lauf {number}")
        assert {k: v for k, v in daten(root, mit_temp=False).items() if k != M2} == untouched, context
        # temporary files: only this run's (if it got that far), holding part of the new content
        own = f"{TEMP_PREFIX}{proc.pid}-M-BIL-02.yaml"
        temps = temp_files(root)
        if last:  # the writer got the lock, so the leftovers of earlier runs are gone
            assert set(temps) <= {own}, context
        else:
            assert set(temps) <= {own, *leftovers}, context
        if last in ("", "replaced") or proc.returncode == 0:
            assert own not in temps, context
        for name, content in temps.items():
            assert (leftovers.get(name) or new).startswith(content), context
        leftovers = {name: leftovers.get(name) or new for name in temps}
        # the leftovers never disturb pruefen
        assert pruefen_ok(projekt) == ok(), context
    # kills landed before the write and in every phase of it
    assert set(reached) == {"", *PHASES}, reached
    assert ("synced", "alt") in outcomes, outcomes
    # the next write removes every leftover and appends exactly once more
    assert finish(spawn(root, *sachstand_args("M-BIL-02", "Abschluss"))) == (0, eingetragen("M-BIL-02"))
    assert temp_files(root) == {}
    assert notizen(path) == [*expected_notes, "Abschluss"]
    assert pruefen_ok(projekt) == ok()
    print(f"reached: {dict(reached)}; outcomes: {dict(outcomes)}")


# --- killed neu massnahme: a new file ----------------------------------------------------------------

NEU_ARGS = ["neu", "massnahme", "--feld", "bildung", "--titel", "Leseförderung", "--notiz", "Angelegt im Test."]


def test_killed_neu_massnahme_runs_leave_no_file_or_the_whole_file(projekt: Projekt, tmp_path: Path) -> None:
    """A new measure file appears whole or not at all, and a killed run never costs an ID."""
    rng = random.Random(seed())
    root = projekt.root
    killer = Killer(root, tmp_path, rng)
    assert killer.calibrate(*NEU_ARGS)[0] == 0
    template = projekt.path(f"{MASSNAHMEN}/M-BIL-03.yaml").read_bytes()
    made = 3
    before = daten(root, mit_temp=False)
    reached: collections.Counter[str] = collections.Counter()
    phases: list[str | None] = [None, *PHASES] * 5  # each phase five times, and five random moments
    rng.shuffle(phases)
    for number, phase in enumerate(phases):
        ident = f"M-BIL-{made + 1:02d}"
        name = f"{MASSNAHMEN}/{ident}.yaml"
        target = None if phase is None else (phase, f"{ident}.yaml")
        context = f"run {number}, target {target}"
        proc, trace = killer.run(target, *NEU_ARGS)
        assert proc.returncode in (0, -signal.SIGKILL), context
        last = trace[-1][0] if trace else ""
        reached[last] += 1
        now = daten(root, mit_temp=False)
        if name in now:  # whole, byte for byte what a finished run writes
            assert now[name] == template.replace(b"M-BIL-03", ident.encode()), context
            assert last in ("synced", "replaced") or proc.returncode == 0, context
            made += 1
            before[name] = now[name]
        else:
            assert last != "replaced" and proc.returncode != 0, context
        assert now == before, context  # nothing else changed
        assert projekt.run("pruefen").exit_code == 0, context  # leftovers never disturb pruefen
    assert set(PHASES) <= set(reached), reached
    # the next run removes the leftovers and takes the next free number
    assert finish(spawn(root, *NEU_ARGS))[0] == 0
    assert temp_files(root) == {}
    assert projekt.path(f"{MASSNAHMEN}/M-BIL-{made + 1:02d}.yaml").is_file()
    print(f"reached: {dict(reached)}; whole files from killed runs: {made - 3}")


# --- killed abfrage einlesen: several files ----------------------------------------------------------

ABFRAGE_TARGETS: list[tuple[str, str] | None] = [
    None,
    ("before_temp", "M-BIL-01.yaml"),
    *((phase, name) for name in ("M-BIL-01.yaml", "M-BIL-02.yaml") for phase in ("partial", "written", "synced")),
    ("replaced", "M-BIL-01.yaml"),
    ("replaced", "M-BIL-02.yaml"),
]


def test_killed_abfrage_runs_end_all_old_or_all_new_once_the_next_writer_finishes_them(
    projekt: Projekt, tmp_path: Path
) -> None:
    rng = random.Random(seed())
    root = projekt.root
    journal = root / JOURNAL_FILE
    paths = {"M-BIL-01.yaml": projekt.path(M1), "M-BIL-02.yaml": projekt.path(M2)}
    killer = Killer(root, tmp_path, rng)
    csv_file = tmp_path / "rueckmeldung.csv"

    def rows(notiz: str) -> list[str]:
        csv_file.write_bytes(rueckmeldung([("M-BIL-01", notiz), ("M-BIL-02", notiz)]))
        return ["abfrage", "einlesen", str(csv_file)]

    summary = "Eingetragen: 2 Sachstände in 2 Dateien; 0 leere Zeilen übersprungen.\n"
    done = "  Zeile 2: M-BIL-01 in_umsetzung (01.03.2010)\n  Zeile 3: M-BIL-02 geplant (01.03.2010)\n"
    assert killer.calibrate(*rows("Vorlauf")) == (0, summary + done)
    expected = {name: notizen(p) for name, p in paths.items()}
    untouched = projekt.path(W1).read_bytes()
    status = {"M-BIL-01.yaml": "in_umsetzung", "M-BIL-02.yaml": "geplant"}
    mixed = finished = 0
    reached: collections.Counter[tuple[str, str]] = collections.Counter()
    targets = ABFRAGE_TARGETS * 2 + [None] * 4
    rng.shuffle(targets)
    for number, target in enumerate(targets):
        context = f"run {number}, target {target}"
        old = {name: p.read_bytes() for name, p in paths.items()}
        new = {name: old[name] + entry(f"Lauf {number}", status[name], "FB 3") for name in paths}
        proc, trace = killer.run(target, *rows(f"Lauf {number}"))
        assert proc.returncode in (0, -signal.SIGKILL), context
        current = {name: p.read_bytes() for name, p in paths.items()}
        for name in paths:
            assert current[name] in (old[name], new[name]), context
        # which files are new follows from how far the writer got: it replaces only after all temporary
        # files are synced, and first M-BIL-01, then M-BIL-02
        is_new = {name: current[name] == new[name] for name in paths}
        last = trace[-1] if trace else ("", "")
        reached[last] += 1
        if ("synced", "M-BIL-02.yaml") not in trace:
            assert is_new == {"M-BIL-01.yaml": False, "M-BIL-02.yaml": False}, context
            assert not journal.exists(), context
        if ("replaced", "M-BIL-01.yaml") in trace:
            assert is_new["M-BIL-01.yaml"], context
        if ("replaced", "M-BIL-02.yaml") in trace or proc.returncode == 0:
            assert is_new == {"M-BIL-01.yaml": True, "M-BIL-02.yaml": True}, context
        if is_new["M-BIL-01.yaml"] != is_new["M-BIL-02.yaml"]:
            mixed += 1
            assert journal.exists(), context  # a mixed set always has its journal
        assert projekt.path(W1).read_bytes() == untouched, context
        own = f"{TEMP_PREFIX}{proc.pid}-"
        for temp, content in temp_files(root).items():
            if temp.startswith(own):  # this run's, holding part of the new content
                assert new[temp.removeprefix(own)].startswith(content), context
            else:  # an earlier run's leftover survives only if this run never got the lock
                assert not trace, context
        # pruefen accepts the data (each file is valid) but warns while a run is unfinished
        if journal.exists():
            result = projekt.run("pruefen", "--stichtag", "2011-12-31")
            assert result.exit_code == 0, context
            assert f"{JOURNAL_FILE}: Warnung: Ein Schreibvorgang mit mehreren Dateien" in result.stdout, context
            assert result.stdout.endswith("6 Dateien geprüft: 0 Fehler, 1 Warnung.\n"), context
        else:
            assert pruefen_ok(projekt) == ok(), context
        # the next writer finishes an interrupted run as soon as it holds the lock
        pending = journal.exists()
        with project_lock(root):
            pass
        assert not journal.exists(), context
        final = {name: p.read_bytes() for name, p in paths.items()}
        if pending or all(is_new.values()):
            finished += pending
            assert final == new, context
            for name in paths:
                expected[name].append(f"Lauf {number}")
        else:
            assert final == old, context
        assert pruefen_ok(projekt) == ok(), context
    # kills landed before the write and in every phase of it, for both files
    assert set(reached) >= {("", ""), *(t for t in ABFRAGE_TARGETS if t is not None)}, reached
    # a kill between the two replaces left a mixed set, which the next writer finished
    assert mixed >= 1 and finished >= mixed, reached
    assert finish(spawn(root, *rows("Abschluss"))) == (0, summary + done)
    assert temp_files(root) == {}
    for name, p in paths.items():
        assert notizen(p) == [*expected[name], "Abschluss"]
    assert pruefen_ok(projekt) == ok()


def test_a_killed_abfrage_is_finished_by_the_next_sachstand_and_a_rerun_adds_nothing_twice(
    projekt: Projekt, tmp_path: Path
) -> None:
    csv_file = tmp_path / "rueckmeldung.csv"
    csv_file.write_bytes(rueckmeldung([("M-BIL-01", "Halb"), ("M-BIL-02", "Halb")]))
    old = {name: projekt.path(name).read_bytes() for name in (M1, M2)}
    trace = tmp_path / "spur.log"
    proc = spawn(
        projekt.root, "abfrage", "einlesen", str(csv_file), env={DELAY_ENV: "replaced=30", TRACE_ENV: str(trace)}
    )
    deadline = time.monotonic() + 30
    while ("replaced", "M-BIL-01.yaml") not in read_trace(trace):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    assert finish(proc)[0] == -signal.SIGKILL
    assert projekt.path(M1).read_bytes() != old[M1]
    assert projekt.path(M2).read_bytes() == old[M2]  # mixed
    # any writing command finishes it first, here a sachstand on a third measure
    result = projekt.run(
        "sachstand",
        "M-WOH-01",
        "umgesetzt",
        "--notiz",
        "Nachtrag",
        "--nachweis",
        "Vorlage 1/10",
        "--dry-run",
        "--von",
        "Bauamt",
    )
    assert result.exit_code == 0, result.stderr
    assert not (projekt.root / JOURNAL_FILE).exists()
    assert notizen(projekt.path(M1))[-1] == notizen(projekt.path(M2))[-1] == "Halb"
    # the same sheet read in again: every row is already there, nothing is added
    again = projekt.run("abfrage", "einlesen", str(csv_file))
    assert again.exit_code == 0, again.stderr
    assert again.stderr.startswith(
        "Eingetragen: 0 Sachstände in 0 Dateien; 0 leere Zeilen übersprungen; "
        "2 Zeilen waren schon eingetragen (Zeile 2, 3).\n"
    )
    assert notizen(projekt.path(M1)).count("Halb") == notizen(projekt.path(M2)).count("Halb") == 1
    assert pruefen_ok(projekt) == ok()


def test_an_unreadable_journal_stops_writers_with_a_german_explanation(projekt: Projekt) -> None:
    (projekt.root / JOURNAL_FILE).write_text("{kaputt", encoding="utf-8")
    before = daten(projekt.root, mit_temp=False)
    result = projekt.run("sachstand", "M-BIL-02", "geplant", "--notiz", "Bericht")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fehler: {JOURNAL_FILE}: Die Liste eines unterbrochenen Schreibvorgangs ist unlesbar. "
        "Prüfen Sie die Dateien unter data/ mit git status, git diff und luedialog pruefen, "
        f"und löschen Sie dann {JOURNAL_FILE} und die versteckten Dateien {TEMP_PREFIX}* daneben.\n",
    )
    assert daten(projekt.root, mit_temp=False) == before


# --- many writers at once ----------------------------------------------------------------------------

SLOW = {DELAY_ENV: "before_temp=0.005,written=0.005,synced=0.005"}  # widens every window a race could use


def test_twenty_parallel_writers_on_one_measure_write_every_entry_once(projekt: Projekt) -> None:
    old = projekt.path(M2).read_bytes()
    others = {k: v for k, v in daten(projekt.root, mit_temp=False).items() if k != M2}
    procs = [spawn(projekt.root, *sachstand_args("M-BIL-02", f"Bericht {i}"), env=SLOW) for i in range(20)]
    assert [finish(p) for p in procs] == [(0, eingetragen("M-BIL-02"))] * 20
    notes = notizen(projekt.path(M2))
    assert notes[0] == "Stand laut Vorlage."
    assert sorted(notes[1:]) == sorted(f"Bericht {i}" for i in range(20))
    # in whatever order they came: the old file followed by exactly these 20 entries
    assert projekt.path(M2).read_bytes() == old + b"".join(entry(note) for note in notes[1:])
    assert {k: v for k, v in daten(projekt.root, mit_temp=False).items() if k != M2} == others
    assert temp_files(projekt.root) == {}
    assert pruefen_ok(projekt) == ok()


def test_twenty_parallel_writers_on_twenty_measures_write_every_entry_once(projekt: Projekt) -> None:
    template = projekt.read(M2)
    idents = [f"M-BIL-{n:02d}" for n in range(3, 23)]
    for ident in idents:
        projekt.write(f"{MASSNAHMEN}/{ident}.yaml", template.replace("M-BIL-02", ident))
    before = daten(projekt.root, mit_temp=False)
    procs = [
        spawn(projekt.root, *sachstand_args(ident, f"Start {ident}", "in_umsetzung"), env=SLOW) for ident in idents
    ]
    assert [finish(p) for p in procs] == [(0, eingetragen(ident, "in_umsetzung")) for ident in idents]
    expected = dict(before)
    for ident in idents:
        name = f"{MASSNAHMEN}/{ident}.yaml"
        expected[name] = before[name] + entry(f"Start {ident}", "in_umsetzung")
    assert daten(projekt.root, mit_temp=False) == expected
    assert temp_files(projekt.root) == {}
    assert pruefen_ok(projekt) == ok(26)


def test_parallel_sachstand_and_abfrage_runs_serialize(projekt: Projekt, tmp_path: Path) -> None:
    csv_files = []
    for i in range(3):
        csv_file = tmp_path / f"rueckmeldung-{i}.csv"
        csv_file.write_bytes(rueckmeldung([("M-BIL-01", f"Abfrage {i}"), ("M-BIL-02", f"Abfrage {i}")]))
        csv_files.append(csv_file)
    procs = [spawn(projekt.root, *sachstand_args("M-BIL-02", f"Bericht {i}"), env=SLOW) for i in range(10)]
    procs += [spawn(projekt.root, "abfrage", "einlesen", str(f), env=SLOW) for f in csv_files]
    assert [code for code, _ in (finish(p) for p in procs)] == [0] * 13
    m1 = notizen(projekt.path(M1))
    m2 = notizen(projekt.path(M2))
    assert m1[:2] == ["Stand laut Vorlage.", "Erste Kurse laufen."]
    assert sorted(m1[2:]) == [f"Abfrage {i}" for i in range(3)]
    assert m2[0] == "Stand laut Vorlage."
    assert sorted(m2[1:]) == sorted([f"Abfrage {i}" for i in range(3)] + [f"Bericht {i}" for i in range(10)])
    assert temp_files(projekt.root) == {}
    assert pruefen_ok(projekt) == ok()


# --- a full disk, read-only files and file systems ----------------------------------------------------

ABFRAGE_ROWS = [("M-BIL-01", "Zweiter Kurs läuft"), ("M-BIL-02", "Bauantrag gestellt")]


def run_command(projekt: Projekt, command: str, tmp_path: Path) -> tuple[int, str]:
    """Run one of the three writing commands in-process; returns (exit code, stderr)."""
    if command == "sachstand":
        result = projekt.run(*sachstand_args("M-BIL-02", "Bauantrag gestellt", "in_umsetzung"))
    elif command == "abfrage":
        csv_file = tmp_path / "rueckmeldung.csv"
        csv_file.write_bytes(rueckmeldung(ABFRAGE_ROWS))
        result = projekt.run("abfrage", "einlesen", str(csv_file))
    else:
        result = projekt.run("neu", "massnahme", "--feld", "bildung", "--titel", "Leseförderung")
    return result.exit_code, result.stderr


def succeeded(projekt: Projekt, command: str, before: dict[str, bytes]) -> None:
    """The command's change is on disk, nothing else changed."""
    after = daten(projekt.root, mit_temp=False)
    if command == "sachstand":
        assert after == {**before, M2: before[M2] + entry("Bauantrag gestellt", "in_umsetzung")}
    elif command == "abfrage":
        assert after == {
            **before,
            M1: before[M1] + entry("Zweiter Kurs läuft", "in_umsetzung", "FB 3"),
            M2: before[M2] + entry("Bauantrag gestellt", "geplant", "FB 3"),
        }
    else:
        new = f"{MASSNAHMEN}/M-BIL-03.yaml"
        assert set(after) == {*before, new}
        assert {k: after[k] for k in before} == before
    assert temp_files(projekt.root) == {}


def failed(what: str, command: str) -> str:
    """The exact message when the file system refuses the write for the reason ``what``."""
    if command == "sachstand":
        return f"Fehler: M-BIL-02.yaml konnte nicht geschrieben werden ({what}). Die Datei ist unverändert. {HINT}"
    if command == "abfrage":
        return (
            f"Fehler: Die Änderungen konnten nicht geschrieben werden ({what}). Alle Dateien sind unverändert. {HINT}"
        )
    return f"Fehler: M-BIL-03.yaml konnte nicht angelegt werden ({what}). Es wurde nichts geschrieben. {HINT}"


COMMANDS = ["sachstand", "abfrage", "neu"]


@pytest.mark.parametrize(
    ("command", "step"),
    [("abfrage", "fsync"), ("neu", "fsync"), ("neu", "link")],
)
def test_a_full_disk_is_reported_and_changes_nothing(
    projekt: Projekt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, step: str
) -> None:
    """ENOSPC at the last possible moment (sachstand: see test_writer.py): for abfrage while syncing the
    second temporary file, after the first is complete."""
    real = getattr(os, step)
    calls: list[object] = []
    number = 2 if command == "abfrage" else 1

    def full(*args: object) -> object:
        calls.append(args)
        if len(calls) == number:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args)

    before = daten(projekt.root, mit_temp=False)
    with monkeypatch.context() as patched:
        patched.setattr(os, step, full)
        outcome = run_command(projekt, command, tmp_path)
    assert outcome == (1, failed("der Datenträger ist voll", command))
    assert len(calls) == number
    assert daten(projekt.root, mit_temp=False) == before
    assert temp_files(projekt.root) == {}
    assert run_command(projekt, command, tmp_path)[0] == 0
    succeeded(projekt, command, before)


@pytest.mark.parametrize("command", ["sachstand", "abfrage"])
def test_a_read_only_file_is_not_replaced(projekt: Projekt, tmp_path: Path, command: str) -> None:
    """A file marked read-only (chmod a-w) is refused, also for root: a replace would ignore the mark."""
    name = M2 if command == "sachstand" else M1
    before = daten(projekt.root, mit_temp=False)
    projekt.path(name).chmod(0o444)
    try:
        outcome = run_command(projekt, command, tmp_path)
    finally:
        projekt.path(name).chmod(0o644)
    what = "die Datei ist schreibgeschützt"
    if command == "abfrage":
        what = f"M-BIL-01.yaml: {what}"
    assert outcome == (1, failed(what, command))
    assert daten(projekt.root, mit_temp=False) == before
    assert temp_files(projekt.root) == {}


def permissions_enforced(tmp_path: Path) -> bool:
    """False for root (unless it lacks CAP_DAC_OVERRIDE) and on Windows."""
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0o555)
    try:
        (probe / "x").write_bytes(b"")
    except PermissionError:
        return True
    finally:
        probe.chmod(0o755)
    return False


@pytest.mark.parametrize("command", ["abfrage", "neu"])
def test_a_read_only_folder_is_reported_and_changes_nothing(projekt: Projekt, tmp_path: Path, command: str) -> None:
    """As a normal user (sachstand: see test_writer.py); root ignores folder modes (see the mounts below)."""
    if not permissions_enforced(tmp_path):
        pytest.skip("folder permissions are not enforced for this user (root)")
    before = daten(projekt.root, mit_temp=False)
    folder = projekt.path(MASSNAHMEN)
    folder.chmod(0o555)
    try:
        outcome = run_command(projekt, command, tmp_path)
    finally:
        folder.chmod(0o755)
    assert outcome == (1, failed("keine Schreibrechte", command))
    assert daten(projekt.root, mit_temp=False) == before


# Real file systems: a tiny tmpfs that is really full, and really read-only mounts. Mounting needs
# root and a kernel that allows it (not every container does); elsewhere these tests skip visibly.


def _mount(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["mount", *args], capture_output=True, check=False)


def _can_mount() -> str | None:
    if os.name == "nt" or os.geteuid() != 0:
        return "mounting a file system needs root"
    if shutil.which("mount") is None or shutil.which("umount") is None:
        return "mount/umount are not installed"
    return None


@pytest.fixture
def dateisystem(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs of its own, unmounted afterwards."""
    reason = _can_mount()
    if reason:
        pytest.skip(reason)
    target = tmp_path / "tmpfs"
    target.mkdir()
    result = _mount("-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(target))
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode(errors='replace').strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True)


def _fill(folder: Path) -> None:
    """Fill the file system of ``folder`` up to the last byte."""
    fd = os.open(folder / "fueller", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 16, 1 << 12, 1):
            with pytest.raises(OSError) as caught:
                while True:
                    os.write(fd, b"\0" * size)
            assert caught.value.errno == errno.ENOSPC
    finally:
        os.close(fd)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_really_full_disk(dateisystem: Path, tmp_path: Path, command: str) -> None:
    root = dateisystem / "musterstadt"
    shutil.copytree(FIXTURES / "musterstadt", root)
    projekt = Projekt(root)
    before = daten(root, mit_temp=False)
    _fill(dateisystem)
    assert os.statvfs(dateisystem).f_bavail == 0
    assert run_command(projekt, command, tmp_path) == (1, failed("der Datenträger ist voll", command))
    assert daten(root, mit_temp=False) == before
    assert temp_files(root) == {}
    # with space again, the same command works and nothing is left over from the failed attempt
    (dateisystem / "fueller").unlink()
    assert run_command(projekt, command, tmp_path)[0] == 0
    succeeded(projekt, command, before)
    if command == "neu":  # the new measure is dated today, after the usual Stichtag
        assert projekt.run("pruefen").exit_code == 0
    else:
        assert pruefen_ok(projekt) == ok()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_measure_folder(dateisystem: Path, tmp_path: Path, command: str) -> None:
    """data/massnahmen is a read-only mount, the rest of the project (and so the lock) is writable."""
    root = dateisystem / "musterstadt"
    shutil.copytree(FIXTURES / "musterstadt", root)
    folder = root / MASSNAHMEN
    assert _mount("--bind", str(folder), str(folder)).returncode == 0
    try:
        result = _mount("-o", "remount,bind,ro", str(folder))
        if result.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {result.stderr.decode(errors='replace').strip()}")
        projekt = Projekt(root)
        before = daten(root, mit_temp=False)
        what = {
            "sachstand": "das Dateisystem ist schreibgeschützt",
            "abfrage": "M-BIL-01.yaml: das Dateisystem ist schreibgeschützt",
            "neu": "das Dateisystem ist schreibgeschützt",
        }[command]
        assert run_command(projekt, command, tmp_path) == (1, failed(what, command))
        assert daten(root, mit_temp=False) == before
        assert temp_files(root) == {}
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_project(dateisystem: Path, tmp_path: Path, command: str) -> None:
    """The whole project is on a read-only file system: refused before anything is prepared."""
    root = dateisystem / "musterstadt"
    shutil.copytree(FIXTURES / "musterstadt", root)
    (root / LOCK_FILE).write_bytes(b"")  # as after an earlier write
    result = _mount("-o", "remount,ro", str(dateisystem))
    if result.returncode != 0:
        pytest.skip(f"cannot remount read-only here: {result.stderr.decode(errors='replace').strip()}")
    projekt = Projekt(root)
    before = daten(root, mit_temp=False)
    assert run_command(projekt, command, tmp_path) == (
        1,
        "Fehler: Die Sperrdatei .luedialog.lock kann nicht geöffnet werden (das Dateisystem ist schreibgeschützt). "
        "Es wurde nichts geschrieben. Prüfen Sie die Schreibrechte im Projektordner.\n",
    )
    assert daten(root, mit_temp=False) == before
    assert pruefen_ok(projekt) == ok()
