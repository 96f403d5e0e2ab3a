"""Output files a user names: written atomically, never over the project's own data."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from luedialog.errors import LuedialogError
from luedialog.services.ausgabe import write_into, write_output
from tests.conftest import Projekt, daten


def test_an_output_is_written_whole(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "bericht.html"
    write_output(projekt.root, target, b"<p>neu</p>\n")
    assert target.read_bytes() == b"<p>neu</p>\n"


@pytest.mark.parametrize("name", ["luedialog.yaml", "data/massnahmen/M-BIL-01.yaml", "data/gruppen/ag-bildung.yaml"])
def test_a_data_file_or_the_configuration_is_never_an_output(projekt: Projekt, name: str) -> None:
    before = daten(projekt.root)
    with pytest.raises(LuedialogError) as refused:
        write_output(projekt.root, projekt.path(name), b"{}")
    assert refused.value.message.startswith(f"{projekt.path(name)} wird nicht überschrieben: das ist ")
    assert refused.value.hint == "Wählen Sie mit --ausgabe eine andere Datei."
    assert daten(projekt.root) == before


@pytest.mark.parametrize("name", ["data/export.json", "data/massnahmen/rat-2010.html", "data/KORREKTUREN.md"])
def test_nothing_is_written_into_the_data_folders(projekt: Projekt, name: str) -> None:
    before = daten(projekt.root)
    with pytest.raises(LuedialogError) as refused:
        write_output(projekt.root, projekt.path(name), b"{}")
    assert refused.value.message == (
        f"{projekt.path(name)} wird nicht geschrieben: der Ordner data/ enthält nur die Daten des Prozesses; "
        "eine Ausgabe gehört woandershin."
    )
    assert daten(projekt.root) == before
    assert not projekt.path(name).exists()


def test_a_folder_of_outputs_is_not_made_in_the_data_folders(projekt: Projekt) -> None:
    result = projekt.run("bericht", "alle", "--ausgabe", str(projekt.path("data/berichte")))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fehler: In den Ordner {projekt.path('data/berichte')} wird nichts geschrieben: der Ordner data/ enthält "
        "nur die Daten des Prozesses; eine Ausgabe gehört woandershin. Wählen Sie mit --ausgabe einen Ordner "
        "außerhalb von data/, z. B. berichte.\n",
    )
    assert not projekt.path("data/berichte").exists()


@pytest.mark.parametrize("name", [".git/config", ".git/hooks/pre-commit", ".git/index.html"])
def test_nothing_is_written_into_git_s_folder(projekt: Projekt, name: str) -> None:
    (projekt.root / ".git" / "hooks").mkdir(parents=True)
    (projekt.root / ".git" / "config").write_bytes(b"[core]\n")
    with pytest.raises(LuedialogError) as refused:
        write_output(projekt.root, projekt.path(name), b"{}")
    verb = "überschrieben" if name == ".git/config" else "geschrieben"  # only the config exists
    assert refused.value.message == (
        f"{projekt.path(name)} wird nicht {verb}: das ist ein Ordner von git (.git); "
        "eine Ausgabe dort würde das Repository beschädigen."
    )
    assert (projekt.root / ".git" / "config").read_bytes() == b"[core]\n"
    assert sorted(p.name for p in (projekt.root / ".git").iterdir()) == ["config", "hooks"]
    assert list((projekt.root / ".git" / "hooks").iterdir()) == []


def test_a_link_to_a_data_file_is_refused_too(projekt: Projekt, tmp_path: Path) -> None:
    link = tmp_path / "export.json"
    link.symlink_to(projekt.path("data/massnahmen/M-BIL-01.yaml"))
    before = daten(projekt.root)
    with pytest.raises(LuedialogError):
        write_output(projekt.root, link, b"{}")
    assert daten(projekt.root) == before


def test_a_full_disk_leaves_the_previous_complete_file(
    projekt: Projekt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.csv"
    target.write_bytes(b"alt\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(LuedialogError) as refused:
        write_output(projekt.root, target, b"neu\n" * 1000)
    assert refused.value.message == (
        "export.csv konnte nicht geschrieben werden (der Datenträger ist voll). Die Datei ist unverändert."
    )
    assert target.read_bytes() == b"alt\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv", "musterstadt"]


def test_a_missing_folder_or_a_folder_as_target_is_a_german_refusal(projekt: Projekt, tmp_path: Path) -> None:
    with pytest.raises(LuedialogError) as refused:
        write_output(projekt.root, tmp_path / "fehlt" / "x.md", b"x")
    missing = tmp_path / "fehlt"
    assert (
        refused.value.message
        == f"{missing / 'x.md'} kann nicht geschrieben werden: den Ordner {missing} gibt es nicht."
    )
    with pytest.raises(LuedialogError) as refused:
        write_output(projekt.root, tmp_path, b"x")
    assert refused.value.message == f"{tmp_path} ist ein Ordner."


def test_several_outputs_go_into_a_new_folder(projekt: Projekt, tmp_path: Path) -> None:
    written = write_into(projekt.root, tmp_path / "berichte", {"a.md": b"A", "b.html": b"B"})
    assert written == [tmp_path / "berichte" / "a.md", tmp_path / "berichte" / "b.html"]
    assert [p.read_bytes() for p in written] == [b"A", b"B"]
