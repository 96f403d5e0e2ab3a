"""The one write transaction: load once, change in memory, validate the whole project once, write, verify."""

from __future__ import annotations

from datetime import date

import pytest

from luedialog import snapshot as snapshot_module
from luedialog.errors import LuedialogError
from luedialog.files.atomic import LOCK_FILE
from luedialog.services import transaction as transaction_module
from luedialog.services.transaction import Transaction
from tests.conftest import Projekt, daten, spy

TODAY = date(2011, 12, 31)
M2 = "data/massnahmen/M-BIL-02.yaml"
NEW = "data/massnahmen/M-BIL-09.yaml"
ENTRY = b"  - datum: 2010-03-01\n    status: geplant\n    notiz: Planung l\xc3\xa4uft.\n"


def new_measure(ident: str = "M-BIL-09", teil_von: str = "M-BIL-01") -> bytes:
    return (
        f"id: {ident}\ntitel: Neu\nart: massnahme\nhandlungsfeld: bildung\nteil_von: {teil_von}\n"
        "verlauf:\n  - datum: 2010-01-01\n    status: geplant\n    notiz: Neu angelegt.\n"
    ).encode()


def test_a_change_is_written_exactly_and_the_project_is_loaded_once(
    projekt: Projekt, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = spy(monkeypatch, transaction_module, "load_snapshot", lambda root, **_: root)
    before = projekt.path(M2).read_bytes()
    with Transaction.begin(projekt.root, TODAY) as t:
        change = t.change(M2, before + ENTRY)
        assert t.commit() == [change]
    assert loads == [projekt.root]
    assert projekt.path(M2).read_bytes() == before + ENTRY
    assert change.diff().splitlines()[-3:] == [
        "+  - datum: 2010-03-01",
        "+    status: geplant",
        "+    notiz: Planung läuft.",
    ]


def test_validation_parses_only_the_changed_files_again(projekt: Projekt, monkeypatch: pytest.MonkeyPatch) -> None:
    with Transaction.begin(projekt.root, TODAY) as t:
        parsed = spy(monkeypatch, snapshot_module, "parse_bytes", lambda path, name, raw: name)
        t.change(M2, projekt.path(M2).read_bytes() + ENTRY)
        t.commit(dry_run=True)
    assert parsed == [M2]


def test_a_dry_run_validates_and_writes_nothing(projekt: Projekt) -> None:
    before = daten(projekt.root)
    with Transaction.begin(projekt.root, TODAY) as t:
        t.change(M2, projekt.path(M2).read_bytes() + ENTRY)
        [change] = t.commit(dry_run=True)
    assert change.new.endswith(ENTRY)
    assert daten(projekt.root) == before


def test_a_change_that_adds_an_error_is_refused_naming_it(projekt: Projekt) -> None:
    before = daten(projekt.root)
    with Transaction.begin(projekt.root, TODAY) as t:
        t.create(NEW, new_measure(teil_von="X-77"))
        with pytest.raises(LuedialogError) as refused:
            t.commit()
    assert refused.value.message == (
        "Die Änderung würde die Prüfung scheitern lassen: data/massnahmen/M-BIL-09.yaml:5: Fehler: Verweis auf "
        "eine Maßnahme „X-77“, die es nicht gibt. [teil_von] → Prüfen Sie die ID (Groß-/Kleinschreibung zählt)."
    )
    assert refused.value.hint == "Es wurde nichts geschrieben."
    assert daten(projekt.root) == before


def test_errors_that_were_there_before_do_not_block_a_change(projekt: Projekt) -> None:
    projekt.replace("data/massnahmen/M-WOH-01.yaml", "handlungsfeld: wohnen", "handlungsfeld: wohnn")
    with Transaction.begin(projekt.root, TODAY) as t:
        t.change(M2, projekt.path(M2).read_bytes() + ENTRY)
        t.commit()
    assert projekt.path(M2).read_bytes().endswith(ENTRY)


def test_a_new_file_is_created_and_never_over_an_existing_one(projekt: Projekt) -> None:
    with Transaction.begin(projekt.root, TODAY) as t:
        t.create(NEW, new_measure())
        t.commit()
    assert projekt.path(NEW).read_bytes() == new_measure()
    with Transaction.begin(projekt.root, TODAY) as t, pytest.raises(LuedialogError) as refused:
        t.create("data/massnahmen/m-bil-09.yaml", new_measure())
    assert (
        refused.value.message == "Die Datei data/massnahmen/m-bil-09.yaml gibt es schon; sie wird nicht überschrieben."
    )


def test_a_file_that_appears_while_the_change_is_planned_is_not_overwritten(projekt: Projekt) -> None:
    with Transaction.begin(projekt.root, TODAY) as t:
        t.create(NEW, new_measure())
        projekt.write(NEW, "# von Hand angelegt\n")  # someone else, between planning and writing
        with pytest.raises(LuedialogError) as refused:
            t.commit()
    assert "gibt es schon" in refused.value.message
    assert projekt.read(NEW) == "# von Hand angelegt\n"


def test_several_files_are_written_together(projekt: Projekt) -> None:
    with Transaction.begin(projekt.root, TODAY) as t:
        t.change(M2, projekt.path(M2).read_bytes() + ENTRY)
        t.create(NEW, new_measure())
        written = t.commit()
    assert [c.name for c in written] == [M2, NEW]
    assert projekt.path(M2).read_bytes().endswith(ENTRY)
    assert projekt.path(NEW).read_bytes() == new_measure()
    assert not (projekt.root / ".luedialog-journal").exists()


def test_a_broken_configuration_stops_the_transaction_before_anything_happens(projekt: Projekt) -> None:
    projekt.replace("luedialog.yaml", "ampel: gelb", "ampel: blau")
    before = daten(projekt.root)
    with pytest.raises(LuedialogError) as refused:
        Transaction.begin(projekt.root, TODAY)
    assert refused.value.message.startswith(
        "Die Projektkonfiguration ist fehlerhaft; so lange wird nichts geschrieben."
    )
    assert daten(projekt.root) == before
    assert projekt.path(LOCK_FILE).exists()  # the lock was taken, and released: a second begin works
    projekt.replace("luedialog.yaml", "ampel: blau", "ampel: gelb")
    with Transaction.begin(projekt.root, TODAY):
        pass
