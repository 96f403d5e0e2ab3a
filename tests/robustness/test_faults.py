"""No internal error for any input or fault (issue 12, §5): each of these ends with a German message
and the documented exit code (1 or 2), never exit 3, and leaves no half-written file.

Dates at the edge of the calendar, arguments that are not UTF-8, standard output that cannot be
written, amounts that are not finite or absurdly large, and git missing from PATH.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from luedialog.reports.render import euro
from tests.conftest import FIXTURES, REPO, Projekt, daten, git

AG = "data/gruppen/ag-bildung.yaml"
M1 = "data/massnahmen/M-BIL-01.yaml"
POSIX = pytest.mark.skipif(os.name == "nt", reason="needs POSIX processes and devices")


def luedialog(*args: str | bytes, stdout: int | IO[Any] = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("LUEDIALOG_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "luedialog", *args],
        cwd=REPO,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )


@pytest.fixture
def stadt(tmp_path: Path) -> Projekt:
    root = tmp_path / "gruppenstadt"
    shutil.copytree(FIXTURES / "gruppenstadt", root)
    return Projekt(root)


# --- dates at the edge of the calendar -------------------------------------------------------------


def test_an_open_ended_membership_until_9999_is_accepted_everywhere(stadt: Projekt) -> None:
    # the professional companion of AG Bildung (a seat with a set number) ends "never"
    stadt.replace(
        AG, "    beginn: 2011-01-01\n    ende: 2012-12-31\n", "    beginn: 2011-01-01\n    ende: 9999-12-31\n"
    )
    assert stadt.run("pruefen", "--stichtag", "2012-12-31").exit_code == 0
    for args in (
        ("gruppen", "--stichtag", "31.12.9999"),
        ("gruppen", "ag-bildung", "--stichtag", "31.12.9999"),
        ("gruppen", "--stichtag", "31.12.9999", "--format", "json"),
        ("gruppen", "--stichtag", "2012-12-31"),
        ("status", "--stichtag", "31.12.9999"),
        ("status", "--stichtag", "01.01.0001"),
        ("zeige", "M-BIL-01", "--stichtag", "31.12.9999"),
        ("export", "--stichtag", "31.12.9999"),
        ("bericht", "jahreskonferenz", "--jahr", "2012"),
        ("bericht", "rat", "--jahr", "2012", "--stichtag", "31.12.9999"),
    ):
        result = stadt.run(*args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "Interner Fehler" not in result.stderr


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    beginn: 2009-01-01\n    ende: 2012-12-31\n", "    beginn: 9999-12-31\n    ende: 9999-12-31\n"),
        ("    beginn: 2009-01-01\n    ende: 2012-12-31\n", "    beginn: 0001-01-01\n    ende: 0001-01-01\n"),
        ("  - datum: 2010-09-20\n", "  - datum: 9999-12-31\n    thema: Fern\n  - datum: 2010-09-20\n"),
    ],
    ids=["beginn-9999", "jahr-1", "sitzung-9999"],
)
def test_other_dates_at_the_edge_give_findings_not_internal_errors(stadt: Projekt, old: str, new: str) -> None:
    stadt.replace(AG, old, new)
    for args in (("pruefen", "--stichtag", "2012-12-31"), ("gruppen", "--stichtag", "31.12.9999"), ("status",)):
        result = stadt.run(*args)
        assert result.exit_code in (0, 1), (args, result.stdout, result.stderr)
        assert "Interner Fehler" not in result.stderr


# --- arguments that are not UTF-8 (a Latin-1 terminal) ---------------------------------------------


@POSIX
@pytest.mark.parametrize(
    "args",
    [
        [b"zeige", b"M-BIL-0\xe4"],
        [
            b"sachstand",
            b"M-BIL-02",
            b"geplant",
            b"--notiz",
            b"Gr\xfc\xdfe",
            b"--von",
            b"Amt",
            b"--datum",
            b"2010-03-01",
        ],
        [b"status", b"--stadtteil", b"S\xfcdhafen"],
        [b"export", b"--ausgabe", b"{tmp}/\xe4.json"],
    ],
    ids=["zeige", "sachstand", "status", "ausgabe"],
)
def test_an_argument_that_is_not_utf8_is_a_usage_error(projekt: Projekt, tmp_path: Path, args: list[bytes]) -> None:
    before = daten(projekt.root)
    args = [a.replace(b"{tmp}", os.fsencode(tmp_path)) for a in args]  # never a file in the repository
    done = luedialog(b"--daten", os.fsencode(projekt.root), *args)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert stderr.startswith("Fehler: Das Argument „"), stderr
    assert "ist nicht in UTF-8 kodiert" in stderr and "\\x" in stderr
    assert daten(projekt.root) == before
    assert not list(tmp_path.glob("*.json"))


def test_an_argument_with_a_lone_surrogate_in_process(projekt: Projekt) -> None:
    result = projekt.run("sachstand", "M-BIL-02", "geplant", "--notiz", "Gr\udcfc\udcdfe", "--von", "Amt")
    assert result.exit_code == 2
    assert result.stderr.startswith("Fehler: Das Argument „Gr\\xfc\\xdfe“ ist nicht in UTF-8 kodiert")


# --- standard output that cannot be written -------------------------------------------------------


@POSIX
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full fehlt")
@pytest.mark.parametrize(
    "args", [("export",), ("status",), ("pruefen", "--format", "json"), ("bericht", "rat", "--jahr", "2010")]
)
def test_standard_output_on_a_full_device_is_a_german_line(projekt: Projekt, args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        done = luedialog("--daten", str(projekt.root), *args, "--stichtag", "2011-12-31", stdout=full)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 1, stderr
    assert stderr == "Fehler: Die Ausgabe konnte nicht geschrieben werden (der Datenträger ist voll).\n"


@POSIX
@pytest.mark.slow
@pytest.mark.parametrize("size", [1, 4000], ids=["klein", "gross"])
def test_export_into_a_closed_pipe_ends_quietly(projekt: Projekt, size: int) -> None:
    """`luedialog export | head -c 1`: the reader has what it wanted; no message, exit code 0."""
    template = projekt.read(M1)
    for n in range(3, 3 + size // 50):
        projekt.write(f"data/massnahmen/M-BIL-{n:02d}.yaml", template.replace("M-BIL-01", f"M-BIL-{n:02d}"))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("LUEDIALOG_DEBUG", None)
    command = f"{sys.executable} -m luedialog --daten {projekt.root} export --stichtag 2011-12-31 | head -c 1"
    done = subprocess.run(
        ["bash", "-c", f'set -o pipefail; {command}; echo "status=${{PIPESTATUS[0]}}" >&2'],
        cwd=REPO,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.stdout == b"{"
    assert done.stderr.decode("utf-8") == "status=0\n"


@POSIX
def test_a_reader_that_closed_the_pipe_before_anything_was_written(projekt: Projekt) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("LUEDIALOG_DEBUG", None)
    read, write = os.pipe()
    os.close(read)  # nobody will ever read
    try:
        done = subprocess.run(
            [sys.executable, "-m", "luedialog", "--daten", str(projekt.root), "status", "--stichtag", "2011-12-31"],
            cwd=REPO,
            env=env,
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, b"")


# --- amounts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kosten", "meldung"),
    [
        ("1.0e+300", "Der Wert 1e+300 liegt nicht im erlaubten Bereich (zwischen 0 und 1.000.000.000.000)."),
        ("99999999999999999999999", "Der Wert 99999999999999999999… liegt nicht im erlaubten Bereich"),
        (".nan", "Unendlich oder „keine Zahl“ (.inf, .nan) ist hier nicht erlaubt."),
        ("-.inf", "Unendlich oder „keine Zahl“ (.inf, .nan) ist hier nicht erlaubt."),
    ],
    ids=["1e300", "riesig", "nan", "minus-unendlich"],
)
def test_amounts_not_finite_or_absurdly_large_are_findings(projekt: Projekt, kosten: str, meldung: str) -> None:
    projekt.replace(M1, "zieldatum: 2010-06-30\n", f"zieldatum: 2010-06-30\nfinanzen:\n  kosten: {kosten}\n")
    result = projekt.run("pruefen", "--stichtag", "2011-12-31", "--format", "json")
    assert result.exit_code == 1
    messages = [f["meldung"] for f in json.loads(result.stdout)["befunde"]]
    assert len(messages) == 1 and messages[0].startswith(meldung), messages


def test_a_large_but_sane_amount_is_shown_in_full(projekt: Projekt) -> None:
    projekt.replace(M1, "zieldatum: 2010-06-30\n", "zieldatum: 2010-06-30\nfinanzen:\n  kosten: 999999999999\n")
    assert projekt.run("pruefen", "--stichtag", "2011-12-31").exit_code == 0
    assert euro(999_999_999_999) == "999.999.999.999,00 €"


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_euro_never_shows_inf(value: float) -> None:
    assert euro(value) == "–"


def test_a_weight_not_finite_or_absurd_is_a_finding(projekt: Projekt) -> None:
    projekt.replace("data/massnahmen/M-BIL-02.yaml", "teil_von: M-BIL-01\n", "teil_von: M-BIL-01\ngewicht: 1.0e+200\n")
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert result.exit_code == 1
    assert "liegt nicht im erlaubten Bereich" in result.stdout


# --- git missing from PATH -------------------------------------------------------------------------


@pytest.fixture
def ohne_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "leer"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.usefixtures("ohne_git")
@pytest.mark.parametrize(
    "args",
    [
        ("pruefen", "--seit", "HEAD"),
        ("sachstand", "M-BIL-02", "geplant", "--notiz", "Plan", "--datum", "2010-03-01", "--von", "A", "--commit"),
    ],
    ids=["pruefen-seit", "sachstand-commit"],
)
def test_git_missing_from_path_is_named_as_such(projekt: Projekt, args: tuple[str, ...]) -> None:
    before = daten(projekt.root)
    result = projekt.run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith("Fehler: git ist nicht installiert"), result.stderr
    assert daten(projekt.root) == before


@pytest.mark.usefixtures("ohne_git")
def test_ci_formats_work_without_git(projekt: Projekt) -> None:
    for fmt in ("github", "gitlab"):
        assert projekt.run("pruefen", "--format", fmt, "--stichtag", "2011-12-31").exit_code == 0


# --- file names that are not UTF-8 or hold a line break --------------------------------------------


@pytest.fixture
def repo(projekt: Projekt, git_ohne_benutzer: Path) -> Projekt:
    git(projekt.root, "init", "-q")
    return projekt


@POSIX
@pytest.mark.usefixtures("git_ohne_benutzer")
@pytest.mark.parametrize(
    "name",
    [b"M-BIL-\n03.yaml", b"M-BIL-\xff.yaml", b"M-\x1b[31m.yaml"],
    ids=["zeilenumbruch", "kein-utf8", "escape"],
)
def test_committed_file_names_that_are_odd_under_pruefen_seit(repo: Projekt, name: bytes) -> None:
    folder = os.fsencode(repo.path("data/massnahmen"))
    with open(folder + b"/" + name, "wb") as handle:
        handle.write(repo.path(M1).read_bytes())
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "Anfang")
    for fmt in ("text", "json", "github", "gitlab"):
        result = repo.run("pruefen", "--seit", "HEAD", "--stichtag", "2011-12-31", "--format", fmt)
        assert result.exit_code == 1, result.stderr
        assert "Interner Fehler" not in result.stderr
        assert "\x1b" not in result.stdout and "\n03.yaml" not in result.stdout
    text = repo.run("pruefen", "--seit", "HEAD", "--stichtag", "2011-12-31").stdout
    if b"\xff" in name:
        assert "data/massnahmen/M-BIL-\\xff.yaml: Fehler: Der Dateiname ist nicht in UTF-8 kodiert" in text
    # the odd file is changed since HEAD: its history is still compared, not reported as deleted
    assert "gelöscht" not in text


@POSIX
def test_a_data_file_name_that_is_not_utf8_on_disk(projekt: Projekt) -> None:
    folder = os.fsencode(projekt.path("data/massnahmen"))
    with open(folder + b"/M-BIL-\xe4.yaml", "wb") as handle:
        handle.write(projekt.path(M1).read_bytes())
    for args in (("pruefen",), ("pruefen", "--format", "json"), ("status",), ("export",)):
        result = projekt.run(*args, "--stichtag", "2011-12-31")
        # status shows the rest, names the file it could not read and exits 1 (no view hides broken data)
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        assert "Interner Fehler" not in result.stderr


# --- a full disk for every output file: the previous complete file stays ---------------------------

OUTPUTS = {
    "export": ("export", "--ausgabe", "{ziel}/export.json"),
    "export-csv": ("export", "--format", "csv", "--ausgabe", "{ziel}/export.csv"),
    "bericht": ("bericht", "rat", "--jahr", "2010", "--ausgabe", "{ziel}/rat-2010.md"),
    "bericht-html": ("bericht", "rat", "--jahr", "2010", "--format", "html", "--ausgabe", "{ziel}/rat-2010.html"),
    "bericht-alle": ("bericht", "alle", "--ausgabe", "{ziel}"),
    "schema": ("schema", "--ausgabe", "{ziel}"),
    "pruefen": ("pruefen", "--format", "gitlab", "--ausgabe", "{ziel}/gl-code-quality-report.json"),
}
PREVIOUS = {
    "export": ["export.json"],
    "export-csv": ["export.csv"],
    "bericht": ["rat-2010.md"],
    "bericht-html": ["rat-2010.html"],
    "bericht-alle": ["rat-2010.html", "index.html"],
    "schema": ["massnahme.schema.json"],
    "pruefen": ["gl-code-quality-report.json"],
}


def _full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("command", OUTPUTS, ids=OUTPUTS)
def test_a_full_disk_leaves_the_previous_output_complete(
    projekt: Projekt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    target = tmp_path / "ziel"
    target.mkdir()
    for name in PREVIOUS[command]:
        (target / name).write_bytes(b"ALT, vollstaendig\n")
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    monkeypatch.setattr(os, "fsync", _full)
    args = [a.format(ziel=target) for a in OUTPUTS[command]]
    result = projekt.run(*args)
    assert result.exit_code == 1, result.stderr
    assert "(der Datenträger ist voll)" in result.stderr and "Interner Fehler" not in result.stderr
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before  # no half file, no leftover


@pytest.fixture
def voll(tmp_path: Path) -> Iterator[Path]:
    """A tiny tmpfs, filled to the last byte (needs root and a kernel that allows mounting)."""
    if os.name == "nt" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a file system needs root and mount")
    target = tmp_path / "tmpfs"
    target.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(target)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        (target / "export.json").write_bytes(b"ALT, vollstaendig\n")
        fd = os.open(target / "fueller", os.O_WRONLY | os.O_CREAT)
        try:
            for size in (1 << 16, 1 << 12, 1):
                with contextlib.suppress(OSError):
                    while True:
                        os.write(fd, b"\0" * size)
        finally:
            os.close(fd)
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True)


def test_a_really_full_disk_for_an_export(projekt: Projekt, voll: Path) -> None:
    result = projekt.run("export", "--ausgabe", str(voll / "export.json"))
    assert (result.exit_code, result.stderr) == (
        1,
        "Fehler: export.json konnte nicht geschrieben werden (der Datenträger ist voll). Die Datei ist unverändert. "
        "Prüfen Sie Speicherplatz und Schreibrechte und versuchen Sie es erneut.\n",
    )
    assert (voll / "export.json").read_bytes() == b"ALT, vollstaendig\n"
    assert sorted(p.name for p in voll.iterdir()) == ["export.json", "fueller"]
