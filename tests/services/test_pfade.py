"""Nothing is written outside the project (issue 12, §1): values that become file names follow a
strict pattern, every path a command writes to is resolved and must lie inside the project (or be
a path the user named), and a data folder or file that leads out of the project is an error in
`pruefen` and refused by every writer.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from luedialog.errors import LuedialogError
from luedialog.files.atomic import JOURNAL_FILE, LOCK_FILE, TEMP_PREFIX
from luedialog.services.transaction import Transaction
from tests.conftest import Projekt, daten

pytestmark = [
    pytest.mark.usefixtures("git_ohne_benutzer"),
    pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows"),
]
M1 = "data/massnahmen/M-BIL-01.yaml"


def everything(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (links followed) but the lock file, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != LOCK_FILE
    }


# --- values that become part of a file name -------------------------------------------------------


@pytest.mark.parametrize("kuerzel", ["../../../tmp/x", "BIL/../..", "..", "B I L", "BIL.", "B_L", "-BIL", "Bä"])
def test_a_kuerzel_that_is_no_plain_name_is_an_error_and_creates_nothing(
    projekt: Projekt, tmp_path: Path, kuerzel: str
) -> None:
    projekt.replace("luedialog.yaml", "kuerzel: BIL", f"kuerzel: {json.dumps(kuerzel, ensure_ascii=False)}")
    result = projekt.run("pruefen", "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["befunde"]
    assert [(f["datei"], f["code"], f["schluessel"]) for f in findings] == [
        ("luedialog.yaml", "kuerzel-format", "handlungsfelder[1].kuerzel")
    ]
    assert findings[0]["meldung"].startswith(f"Das Kürzel „{kuerzel}“ ist kein einfacher Name")
    before = everything(tmp_path)
    created = projekt.run("neu", "massnahme", "--feld", "bildung", "--titel", "Leseförderung")
    assert created.exit_code == 1
    assert everything(tmp_path) == before


@pytest.mark.parametrize("ident", ["M-BIL-01.x", "M_BIL_01", "M..BIL", "M-BIL-"])
def test_a_measure_id_that_is_no_plain_name_is_an_error(projekt: Projekt, ident: str) -> None:
    name = f"data/massnahmen/{ident}.yaml"
    projekt.write(name, projekt.read(M1).replace("id: M-BIL-01", f"id: {ident}"))
    projekt.path(M1).unlink()
    result = projekt.run("pruefen", "--format", "json", "--stichtag", "2011-12-31")
    codes = {(f["datei"], f["code"]) for f in json.loads(result.stdout)["befunde"]}
    assert (name, "id-format") in codes


def test_a_group_id_that_is_no_plain_name_is_an_error(projekt: Projekt) -> None:
    group = "data/gruppen/ag-bildung.yaml"
    projekt.write("data/gruppen/ag.bildung.yaml", projekt.read(group).replace("id: ag-bildung", "id: ag.bildung"))
    projekt.path(group).unlink()
    result = projekt.run("pruefen", "--format", "json", "--stichtag", "2011-12-31")
    codes = {(f["datei"], f["code"]) for f in json.loads(result.stdout)["befunde"]}
    assert ("data/gruppen/ag.bildung.yaml", "id-format") in codes


def test_guideline_ids_keep_their_printed_numbers(projekt: Projekt) -> None:
    projekt.replace("data/leitlinien/bildung.yaml", "id: L-BIL-1", "id: L-BIL-1.2")
    projekt.replace(M1, "leitlinien: [L-BIL-1]", "leitlinien: [L-BIL-1.2]")
    assert projekt.run("pruefen", "--stichtag", "2011-12-31").exit_code == 0


@pytest.mark.parametrize(
    "name",
    ["data/massnahmen/../../draussen.yaml", "data/massnahmen/unter/M-X.yaml", "data/leitlinien/../massnahmen/X.yaml"],
)
def test_a_transaction_never_creates_a_file_outside_its_data_folder(projekt: Projekt, name: str) -> None:
    with Transaction.begin(projekt.root, date(2011, 1, 1)) as t, pytest.raises(LuedialogError) as caught:
        t.create(name, b"id: X\n")
    assert "liegt nicht im Datenordner" in str(caught.value)


# --- data folders and files that lead out of the project -------------------------------------------


@pytest.fixture
def ausgelagert(projekt: Projekt, tmp_path: Path) -> tuple[Projekt, Path]:
    """data/massnahmen is a link to a folder outside the project."""
    outside = tmp_path / "draussen" / "massnahmen"
    outside.parent.mkdir()
    shutil.move(projekt.path("data/massnahmen"), outside)
    projekt.path("data/massnahmen").symlink_to(outside, target_is_directory=True)
    return projekt, outside


def test_pruefen_reports_a_data_folder_that_leads_outside(ausgelagert: tuple[Projekt, Path]) -> None:
    projekt, outside = ausgelagert
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert result.exit_code == 1
    assert (
        f"  data/massnahmen: Fehler: Der Ordner ist ein Verweis (Symlink) auf {outside}, außerhalb des Projekts. "
        "→ Legen Sie die Daten als echten Ordner in den Projektordner."
    ) in result.stdout.splitlines()


@pytest.mark.parametrize(
    "args",
    [
        ("sachstand", "M-BIL-02", "in_umsetzung", "--notiz", "Bauantrag", "--datum", "2010-03-01", "--von", "Amt"),
        ("neu", "massnahme", "--feld", "bildung", "--titel", "Leseförderung"),
    ],
    ids=["sachstand", "neu"],
)
def test_writers_refuse_a_data_folder_that_leads_outside(
    ausgelagert: tuple[Projekt, Path], tmp_path: Path, args: tuple[str, ...]
) -> None:
    projekt, _ = ausgelagert
    before = everything(tmp_path)
    result = projekt.run(*args)
    assert result.exit_code == 1, result.stderr
    assert "Interner Fehler" not in result.stderr
    assert everything(tmp_path) == before


def test_the_whole_data_folder_as_a_link_outside(projekt: Projekt, tmp_path: Path) -> None:
    outside = tmp_path / "draussen"
    shutil.move(projekt.path("data"), outside)
    projekt.path("data").symlink_to(outside, target_is_directory=True)
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert result.exit_code == 1
    assert sum("Der Ordner ist ein Verweis (Symlink)" in line for line in result.stdout.splitlines()) == 3
    before = everything(tmp_path)
    assert projekt.run("neu", "massnahme", "--feld", "bildung", "--titel", "Leseförderung").exit_code == 1
    assert everything(tmp_path) == before


def test_a_data_folder_linked_inside_the_project_is_fine(projekt: Projekt) -> None:
    shutil.move(projekt.path("data/massnahmen"), projekt.path("massnahmen-echt"))
    projekt.path("data/massnahmen").symlink_to(projekt.path("massnahmen-echt"), target_is_directory=True)
    assert projekt.run("pruefen", "--stichtag", "2011-12-31").exit_code == 0


# --- luedialog's own files -------------------------------------------------------------------------


def test_a_lock_file_that_is_a_link_is_refused_and_creates_nothing_outside(projekt: Projekt, tmp_path: Path) -> None:
    victim = tmp_path / "opfer"
    projekt.path(LOCK_FILE).symlink_to(victim)
    before = daten(projekt.root)
    result = projekt.run("sachstand", "M-BIL-02", "geplant", "--notiz", "Plan", "--datum", "2010-03-01", "--von", "A")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Fehler: Die Sperrdatei {LOCK_FILE} ist ein Verweis (Symlink).")
    assert not victim.exists() and daten(projekt.root) == before


def test_a_temporary_file_name_taken_by_a_link_is_not_written_through(projekt: Projekt, tmp_path: Path) -> None:
    victim = tmp_path / "opfer.txt"
    victim.write_text("unberührt", encoding="utf-8")
    target = tmp_path / "export.json"
    (tmp_path / f"{TEMP_PREFIX}{os.getpid()}-export.json").symlink_to(victim)
    result = projekt.run("export", "--ausgabe", str(target), "--stichtag", "2011-12-31")
    assert result.exit_code == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "unberührt"
    assert json.loads(target.read_text(encoding="utf-8"))["projekt"] == "Musterdialog"


@pytest.mark.parametrize("name", [JOURNAL_FILE, LOCK_FILE])
def test_an_output_never_overwrites_a_file_of_luedialog_itself(projekt: Projekt, name: str) -> None:
    projekt.write(name, "{}")
    result = projekt.run("export", "--ausgabe", str(projekt.path(name)))
    assert result.exit_code == 1
    assert "wird nicht überschrieben" in result.stderr
    assert projekt.read(name) == "{}"


def test_schema_refuses_a_schema_folder_that_leads_outside(projekt: Projekt, tmp_path: Path) -> None:
    outside = tmp_path / "fremd"
    outside.mkdir()
    projekt.path("schema").symlink_to(outside, target_is_directory=True)
    result = projekt.run("schema")
    assert result.exit_code == 1
    assert "außerhalb des Projekts" in result.stderr
    assert list(outside.iterdir()) == []
    # a folder the user names is the user's choice
    named = tmp_path / "anderswo"
    assert projekt.run("schema", "--ausgabe", str(named)).exit_code == 0
    assert sorted(p.name for p in named.iterdir())


# --- an output over something that is no file ------------------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("creating a device node needs root")
    os.mknod(path, 0o666 | __import__("stat").S_IFCHR, os.makedev(1, 3))  # a second /dev/null, in tmp_path


def _socket(path: Path) -> None:
    import socket

    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


@pytest.mark.parametrize("make", [_fifo, _device, _socket], ids=["fifo", "geraet", "socket"])
@pytest.mark.parametrize(
    "args",
    [("export", "--ausgabe"), ("bericht", "rat", "--jahr", "2010", "--ausgabe"), ("pruefen", "--ausgabe")],
    ids=["export", "bericht", "pruefen"],
)
def test_an_output_never_replaces_a_device_a_fifo_or_a_socket(
    projekt: Projekt, tmp_path: Path, make: object, args: tuple[str, ...]
) -> None:
    """`--ausgabe /dev/null` run as root must not turn the system's /dev/null into a plain file."""
    target = tmp_path / "kein-file"
    make(target)  # type: ignore[operator]
    mode = target.lstat().st_mode
    result = projekt.run(*args, str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Fehler: {target} ist keine gewöhnliche Datei"), result.stderr
    assert target.lstat().st_mode == mode
