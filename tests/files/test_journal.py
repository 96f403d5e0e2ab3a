"""The journal of a write across several files is not trusted blindly (issue 12, §1).

`.luedialog-journal` lists the replacements a killed writer left undone, with the size and SHA-256 of
every temporary file and the hash of each target's content before. The next writer finishes them
only if every path lies in the project's data (or is `luedialog.yaml`), every temporary file is the
one luedialog wrote, and every target is still the file the write started from. Otherwise: a German
message, and no command changes a file — not even with `--dry-run`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from luedialog.errors import LuedialogError
from luedialog.files import atomic
from luedialog.files.atomic import JOURNAL_FILE, TEMP_PREFIX, finish_interrupted
from tests.conftest import REPO, Projekt, daten

M1 = "data/massnahmen/M-BIL-01.yaml"
M2 = "data/massnahmen/M-BIL-02.yaml"
ADDED = b"  - datum: 2010-03-01\n    status: in_umsetzung\n    notiz: Halb\n"
REFUSED = f"Fehler: {JOURNAL_FILE}: Ein unterbrochener Schreibvorgang wird nicht vollendet, weil "
HINT = (
    "Es wurde nichts verändert. Prüfen Sie die Dateien unter data/ mit git status, git diff und luedialog "
    f"pruefen, und löschen Sie dann {JOURNAL_FILE} und die versteckten Dateien {TEMP_PREFIX}* daneben.\n"
)


def interrupted(projekt: Projekt, *, replaced_first: bool = True) -> dict[str, bytes]:
    """What a writer killed between its replacements leaves: a journal for M1 and M2, M1 already new
    (with ``replaced_first``), the temporary file of M2 complete. Returns the new contents."""
    new = {name: projekt.path(name).read_bytes() + ADDED for name in (M1, M2)}
    temps = []
    for name in (M1, M2):
        path = projekt.path(name)
        temp = atomic._temp_for(path)
        atomic._write_temp(temp, path, new[name])
        temps.append((temp, path, new[name], path.read_bytes()))
    atomic._write_journal(projekt.path(JOURNAL_FILE), temps)
    if replaced_first:
        os.replace(temps[0][0], temps[0][1])
    return new


def journal(projekt: Projekt) -> dict[str, object]:
    data = json.loads(projekt.read(JOURNAL_FILE))
    assert isinstance(data, dict)
    return data


def rewrite(projekt: Projekt, change: dict[str, object], index: int = 1) -> None:
    data = journal(projekt)
    entries = data["dateien"]
    assert isinstance(entries, list)
    entries[index].update(change)
    projekt.write(JOURNAL_FILE, json.dumps(data))


def write_attempt(projekt: Projekt, *extra: str) -> tuple[int, str]:
    result = projekt.run(
        "sachstand", "M-WOH-01", "umgesetzt", "--notiz", "Nachtrag", "--nachweis", "Vorlage 1/10",
        "--von", "Bauamt", *extra,
    )  # fmt: skip
    return result.exit_code, result.stderr


def test_the_journal_is_git_ignored() -> None:
    assert JOURNAL_FILE in (REPO / ".gitignore").read_text(encoding="utf-8").split("\n")


def test_a_genuine_interrupted_write_is_finished_by_the_next_writer_even_a_dry_run(projekt: Projekt) -> None:
    new = interrupted(projekt)
    assert write_attempt(projekt, "--dry-run")[0] == 0
    assert {name: projekt.path(name).read_bytes() for name in new} == new
    assert not projekt.path(JOURNAL_FILE).exists()
    assert list(projekt.path("data/massnahmen").glob(f"{TEMP_PREFIX}*")) == []


@pytest.mark.parametrize("dry_run", [(), ("--dry-run",)], ids=["schreiben", "probelauf"])
@pytest.mark.parametrize(
    ("ziel", "why"),
    [
        ("../draussen.yaml", "sie „../draussen.yaml“ nennt, das nicht zu den Daten dieses Projekts gehört"),
        ("/etc/passwd", "sie „/etc/passwd“ nennt, das nicht zu den Daten dieses Projekts gehört"),
        (".git/config", "sie „.git/config“ nennt, das nicht zu den Daten dieses Projekts gehört"),
        ("schema/massnahme.schema.json", "sie „schema/massnahme.schema.json“ nennt, das nicht zu den Daten"),
        ("data/massnahmen/../../x.yaml", "sie „data/massnahmen/../../x.yaml“ nennt, das nicht zu den Daten"),
        ("data", "sie „data“ nennt, das nicht zu den Daten dieses Projekts gehört"),
    ],
    ids=["darueber", "absolut", "git", "schema", "zurueck", "ordner"],
)
def test_a_journal_naming_a_target_outside_the_data_is_refused(
    projekt: Projekt, ziel: str, why: str, dry_run: tuple[str, ...]
) -> None:
    interrupted(projekt)
    rewrite(projekt, {"ziel": ziel})
    before = daten(projekt.root)
    code, stderr = write_attempt(projekt, *dry_run)
    assert code == 1
    assert stderr.startswith(REFUSED + why), stderr
    assert stderr.endswith(HINT)
    assert daten(projekt.root) == before


def test_a_temporary_file_that_luedialog_did_not_write_is_refused(projekt: Projekt) -> None:
    interrupted(projekt)
    temp = next(projekt.path("data/massnahmen").glob(f"{TEMP_PREFIX}*M-BIL-02.yaml"))
    temp.write_bytes(temp.read_bytes().replace(b"Halb", b"Boes"))
    before = daten(projekt.root)
    assert write_attempt(projekt, "--dry-run") == (
        1,
        REFUSED + f"die Zwischendatei zu {M2} nicht die ist, die luedialog geschrieben hat. " + HINT,
    )
    assert daten(projekt.root) == before


def test_a_target_changed_since_the_write_started_is_never_overwritten(projekt: Projekt) -> None:
    interrupted(projekt)
    projekt.write(M2, projekt.read(M2) + "# von Hand ergänzt (oder git pull)\n")
    before = daten(projekt.root)
    assert write_attempt(projekt) == (
        1,
        REFUSED + f"{M2} seither geändert wurde (von Hand oder durch git). " + HINT,
    )
    assert daten(projekt.root) == before


def test_a_target_replaced_before_the_kill_and_changed_since_is_refused(projekt: Projekt) -> None:
    interrupted(projekt)
    projekt.write(M1, projekt.read(M1) + "# von Hand\n")
    before = daten(projekt.root)
    assert write_attempt(projekt) == (1, REFUSED + f"{M1} seither geändert wurde. " + HINT)
    assert daten(projekt.root) == before


def test_a_new_file_that_appeared_meanwhile_is_not_overwritten(projekt: Projekt) -> None:
    interrupted(projekt)
    rewrite(projekt, {"vorher": None})  # the write meant to create M2
    before = daten(projekt.root)
    assert write_attempt(projekt) == (
        1,
        REFUSED + f"{M2} seither geändert wurde (von Hand oder durch git). " + HINT,
    )
    assert daten(projekt.root) == before


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_a_temporary_file_that_is_a_link_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    interrupted(projekt)
    temp = next(projekt.path("data/massnahmen").glob(f"{TEMP_PREFIX}*M-BIL-02.yaml"))
    elsewhere = tmp_path / "woanders.yaml"
    elsewhere.write_bytes(temp.read_bytes())
    temp.unlink()
    temp.symlink_to(elsewhere)
    before = daten(projekt.root)
    code, stderr = write_attempt(projekt)
    name = f"data/massnahmen/{temp.name}"
    assert (code, stderr) == (1, REFUSED + f"sie „{name}“ nennt, das keine Zwischendatei von luedialog ist. " + HINT)
    assert daten(projekt.root) == before


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"ersetzen": [[".luedialog-tmp-1-M-BIL-02.yaml", "data/massnahmen/M-BIL-02.yaml"]]}),
        json.dumps({"version": 3, "dateien": []}),
        json.dumps({"version": 2, "dateien": [{"temp": 1}]}),
        json.dumps([1, 2, 3]),
        "[" * 100_000 + "]" * 100_000,
        "{kaputt",
        "\xff\xfe",
    ],
    ids=["version-1", "version-3", "beschaedigt", "liste", "tief", "kaputt", "kein-utf8"],
)
def test_a_journal_luedialog_cannot_read_stops_writers_and_changes_nothing(projekt: Projekt, content: str) -> None:
    projekt.write_bytes(
        JOURNAL_FILE, content.encode("utf-8", "surrogateescape") if content != "\xff\xfe" else b"\xff\xfe"
    )
    before = daten(projekt.root)
    code, stderr = write_attempt(projekt, "--dry-run")
    assert code == 1
    assert stderr.startswith(f"Fehler: {JOURNAL_FILE}: ") and stderr.endswith(
        f"löschen Sie dann {JOURNAL_FILE} und die versteckten Dateien {TEMP_PREFIX}* daneben.\n"
    )
    assert "Interner Fehler" not in stderr
    assert daten(projekt.root) == before


def test_a_journal_too_big_to_be_one_is_refused(projekt: Projekt) -> None:
    projekt.write_bytes(JOURNAL_FILE, b" " * (atomic.MAX_JOURNAL_BYTES + 1))
    with pytest.raises(LuedialogError) as caught:
        finish_interrupted(projekt.root)
    assert str(caught.value).startswith(f"{JOURNAL_FILE}: Die Liste eines unterbrochenen Schreibvorgangs ist unlesbar")


def test_pruefen_warns_of_an_interrupted_write_and_says_what_the_next_writer_does(projekt: Projekt) -> None:
    interrupted(projekt)
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert result.exit_code == 0
    assert (
        f"  {JOURNAL_FILE}: Warnung: Ein Schreibvorgang mit mehreren Dateien (z. B. abfrage einlesen) wurde "
        "unterbrochen: Einige Dateien sind schon neu, andere noch alt. → Der nächste schreibende Befehl von "
        "luedialog vollendet ihn (auch mit --dry-run, z. B. luedialog abfrage einlesen DATEI --dry-run), "
        "wenn alle Dateien noch so sind, wie der Vorgang sie hinterlassen hat; sonst sagt er, was er gefunden "
        "hat, und ändert nichts. Vorher nichts committen."
    ) in result.stdout.splitlines()
