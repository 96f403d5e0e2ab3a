"""``luedialog daten --ausgabe ORDNER``: the open data written into a folder, public only."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Projekt, daten, run_cli
from tests.oeffentlich_daten import intern_projekt


def test_daten_writes_the_folder_and_it_passes_pruefen_oeffentlich(tmp_path: Path) -> None:
    root = intern_projekt(tmp_path / "stadt")
    target = tmp_path / "public" / "daten"
    out = run_cli("--daten", str(root), "daten", "--ausgabe", str(target), "--stichtag", "31.12.2010")
    assert (out.exit_code, out.stderr) == (0, f"Geschrieben: 8 Dateien in {target}\n")
    assert sorted(p.name for p in target.iterdir()) == [
        "export.dcat.jsonld",
        "luedialog.json",
        "luedialog.schema.json",
        "massnahmen-excel.csv",
        "massnahmen.csv",
        "massnahmen.dcat.jsonld",
        "oparl.dcat.jsonld",
        "oparl.json",
    ]
    first = daten(target)
    again = run_cli("--daten", str(root), "daten", "--ausgabe", str(target), "--stichtag", "31.12.2010")
    assert again.exit_code == 0 and daten(target) == first  # byte-identical
    check = run_cli("--daten", str(root), "pruefen", "--oeffentlich", str(target))
    assert (check.exit_code, check.stdout) == (0, "")


def test_daten_with_another_licence(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "d"
    licence = "http://dcat-ap.de/def/licenses/cc-by/4.0"
    assert projekt.run("daten", "--ausgabe", str(target), "--lizenz", licence).exit_code == 0
    assert f'"@id": "{licence}"' in (target / "oparl.dcat.jsonld").read_text(encoding="utf-8")


def test_daten_refuses_broken_data_and_writes_nothing(projekt: Projekt, tmp_path: Path) -> None:
    projekt.replace("data/massnahmen/M-BIL-01.yaml", "status: geplant", "status: gibtsnicht")
    before = daten(projekt.root)
    out = projekt.run("daten", "--ausgabe", str(tmp_path / "d"))
    assert out.exit_code == 1
    assert out.stderr.startswith("Fehler: Die Daten enthalten 1 Fehler")
    assert not (tmp_path / "d").exists()
    assert daten(projekt.root) == before


def test_daten_needs_ausgabe(projekt: Projekt) -> None:
    out = projekt.run("daten")
    assert out.exit_code == 2
    assert "--ausgabe" in out.stderr
