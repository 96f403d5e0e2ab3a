"""queries.oeffentlich: the public view takes out every internal entry and field, and nothing else."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from luedialog.queries.oeffentlich import interne_texte, oeffentlich
from luedialog.snapshot import Snapshot, load_snapshot
from tests.conftest import FIXTURES
from tests.oeffentlich_daten import intern_projekt, korrektur


def _snapshot(tmp_path: Path) -> Snapshot:
    loaded = load_snapshot(intern_projekt(tmp_path / "stadt"))
    assert [f.text() for f in loaded.findings if f.is_error] == []
    assert loaded.snapshot is not None
    return loaded.snapshot


def test_internal_entries_measures_and_meetings_are_left_out(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    view = oeffentlich(snap)
    assert sorted(view.massnahmen) == ["M-BIL-01", "M-BIL-02", "M-WOH-01", "M-WOH-02"]
    verlauf = view.massnahmen["M-BIL-01"].verlauf
    assert [(e.datum.isoformat(), e.notiz, e.von, e.intern) for e in verlauf] == [
        ("2010-03-15", "Von der Arbeitsgruppe Bildung empfohlen.", None, False),
        ("2010-04-15", "Von der Bürgermeisterin an das Tiefbauamt weitergeleitet.", None, False),
        ("2010-10-01", "Die ersten zwei Querungshilfen sind im Bau.", None, False),
        ("2010-12-01", "", None, False),  # its note and reporter are internal, the state is not
    ]
    assert [s.thema for s in view.gruppen["ag-bildung"].sitzungen] == [
        "Auftaktsitzung",
        "Schulwege",
        "Hausaufgabenhilfe",
    ]
    assert "data/massnahmen/M-BIL-09.yaml" not in view.files
    assert [e.id for e in view.ids if e.kind == "Maßnahme"] == ["M-BIL-01", "M-BIL-02", "M-WOH-01", "M-WOH-02"]


def test_the_snapshot_itself_is_unchanged(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    oeffentlich(snap)
    assert len(snap.massnahmen["M-BIL-01"].verlauf) == 5
    assert snap.massnahmen["M-BIL-01"].verlauf[4].intern == ("notiz", "von")
    assert "M-BIL-09" in snap.massnahmen
    assert len(snap.gruppen["ag-bildung"].sitzungen) == 4


def test_a_view_without_internal_content_is_the_same_objects(tmp_path: Path) -> None:
    snap = _snapshot(tmp_path)
    view = oeffentlich(snap)
    assert view.massnahmen["M-WOH-01"] is snap.massnahmen["M-WOH-01"]
    assert view.gruppen["ag-wohnen"] is snap.gruppen["ag-wohnen"]


def test_corrections_of_internal_entries_go_the_others_are_renumbered(tmp_path: Path) -> None:
    root = intern_projekt(tmp_path / "stadt")
    measure = root / "data/massnahmen/M-BIL-01.yaml"
    text = measure.read_text(encoding="utf-8")
    # the internal entry 4 comes first in the file now; entry 5 (the third public one) is corrected
    text = text.replace(
        "verlauf:\n",
        "verlauf:\n  - datum: 2010-03-01\n    status: empfohlen\n    notiz: Vorgespräch im kleinen Kreis.\n"
        "    intern: ja\n",
        1,
    )
    text += (
        "korrekturen:\n"
        "  - datum: 2010-12-10\n    eintrag: 1\n    grund: Datum vertippt.\n    richtig:\n      datum: 2010-03-02\n"
        "  - datum: 2010-12-10\n    eintrag: 4\n    grund: Notiz ergänzt.\n    richtig:\n"
        "      notiz: Die ersten zwei Querungshilfen sind im Bau, die dritte ist geplant.\n"
        "  - datum: 2010-12-10\n    eintrag: 6\n    grund: Von ergänzt.\n    richtig:\n      von: Herr Roth\n"
    )
    measure.write_text(text, encoding="utf-8")
    loaded = load_snapshot(root)
    assert [f.text() for f in loaded.findings if f.is_error] == []
    assert loaded.snapshot is not None
    view = oeffentlich(loaded.snapshot)
    m = view.massnahmen["M-BIL-01"]
    assert [(k.eintrag, k.grund) for k in m.korrekturen] == [(3, "Notiz ergänzt.")]
    assert m.verlauf[2].notiz == "Die ersten zwei Querungshilfen sind im Bau."


def test_an_internal_reason_of_a_correction_goes_the_correction_stays(tmp_path: Path) -> None:
    """A correction always counts in public (else the wrong entry would be shown); only its reason
    and who corrected can be internal."""
    root = intern_projekt(tmp_path / "stadt")
    korrektur(root, "von: Frau Bauer", "intern: [grund, von]")
    loaded = load_snapshot(root)
    assert [f.text() for f in loaded.findings if f.is_error] == []
    assert loaded.snapshot is not None
    view = oeffentlich(loaded.snapshot)
    [k] = view.massnahmen["M-BIL-01"].korrekturen
    assert (k.eintrag, k.grund, k.von, k.intern, k.richtig and k.richtig.values()) == (
        1, "", None, False, {"datum": date(2010, 3, 16)},
    )  # fmt: skip
    found = [(t.text, t.wo) for t in interne_texte(loaded.snapshot) if t.wo.startswith("Korrektur")]
    assert found == [
        ("Tippfehler von Herrn Roth.", "Korrektur 1 von M-BIL-01 (grund)"),
        ("Frau Bauer", "Korrektur 1 von M-BIL-01 (von)"),
    ]


def test_a_whole_correction_cannot_be_internal(tmp_path: Path) -> None:
    root = intern_projekt(tmp_path / "stadt")
    measure = root / "data/massnahmen/M-BIL-01.yaml"
    text = measure.read_text(encoding="utf-8")
    measure.write_text(
        text + "korrekturen:\n  - datum: 2010-12-10\n    eintrag: 1\n    grund: Tippfehler.\n    gestrichen: ja\n"
        "    intern: ja\n",
        encoding="utf-8",
    )
    line = text.count("\n") + 6
    errors = [f.text() for f in load_snapshot(root).findings if f.is_error]
    assert errors == [
        f"data/massnahmen/M-BIL-01.yaml:{line}: Fehler: Eine Korrektur gilt auch in allem Veröffentlichten (sonst "
        "stünde dort der falsche Eintrag); intern sein können nur ihr Grund und wer korrigiert hat. "
        "[korrekturen[1].intern] → Nennen Sie die internen Felder, z. B. intern: [grund, von]."
    ]


def test_interne_texte_names_each_text_with_where_it_stands(tmp_path: Path) -> None:
    found = [(t.text, t.wo) for t in interne_texte(_snapshot(tmp_path))]
    assert found == [
        ("Kostenschätzung des Tiefbauamts liegt vertraulich vor.", "Verlaufseintrag 4 von M-BIL-01"),
        ("Streit im Tiefbauamt über die Reihenfolge der Querungen.", "Verlaufseintrag 5 von M-BIL-01 (notiz)"),
        ("Frau Bauer aus dem Tiefbauamt", "Verlaufseintrag 5 von M-BIL-01 (von)"),
        ("M-BIL-09", "Maßnahme M-BIL-09"),
        ("Vertrauliche Prüfung des Schulhofs", "Maßnahme M-BIL-09"),
        ("Gutachten angefordert, nur für die Verwaltung.", "Maßnahme M-BIL-09"),  # its verlauf
        ("Ein Gutachten zum Schulhof wird intern geprüft.", "Maßnahme M-BIL-09"),
        ("Personalfragen der Begleitung", "Sitzung vom 2010-11-10 von ag-bildung"),
        ("Nachfolge der fachlichen Begleitung besprochen.", "Sitzung vom 2010-11-10 von ag-bildung"),
    ]


def test_an_internal_text_that_public_content_holds_too_is_not_searched(tmp_path: Path) -> None:
    root = intern_projekt(tmp_path / "stadt")
    measure = root / "data/massnahmen/M-BIL-01.yaml"
    measure.write_text(
        measure.read_text(encoding="utf-8").replace(
            "    von: Frau Bauer aus dem Tiefbauamt\n", "    von: Tiefbauamt der Stadt Gruppenstadt\n"
        ),
        encoding="utf-8",
    )
    snap = load_snapshot(root).snapshot
    assert snap is not None
    assert "Tiefbauamt der Stadt Gruppenstadt" not in [t.text for t in interne_texte(snap)]  # the adressat


def _berichtsstadt(tmp_path: Path) -> Path:
    root = tmp_path / "berichtsstadt"
    shutil.copytree(FIXTURES / "berichtsstadt", root)
    return root


def test_internal_fields_of_a_measure_are_emptied(tmp_path: Path) -> None:
    root = _berichtsstadt(tmp_path)
    measure = root / "data/massnahmen/M-WOH-01.yaml"
    measure.write_text(
        measure.read_text(encoding="utf-8").replace("finanzen:\n", "intern: [finanzen]\nfinanzen:\n", 1),
        encoding="utf-8",
    )
    snap = load_snapshot(root).snapshot
    assert snap is not None
    assert snap.massnahmen["M-WOH-01"].finanzen is not None
    public = oeffentlich(snap).massnahmen["M-WOH-01"]
    assert (public.finanzen, public.intern) == (None, False)
    assert ("Investitionsplan 2010", "Maßnahme M-WOH-01 (finanzen)") in [(t.text, t.wo) for t in interne_texte(snap)]


def test_an_indicator_no_longer_names_an_internal_measure(tmp_path: Path) -> None:
    root = _berichtsstadt(tmp_path)
    measure = root / "data/massnahmen/M-BIL-03.yaml"
    measure.write_text(
        measure.read_text(encoding="utf-8").replace("\nid: M-BIL-03\n", "\nid: M-BIL-03\nintern: ja\n"),
        encoding="utf-8",
    )
    snap = load_snapshot(root).snapshot
    assert snap is not None and snap.massnahmen["M-BIL-03"].intern is True
    view = oeffentlich(snap)
    assert "M-BIL-03" not in view.massnahmen
    assert view.indikatoren["I-BIL-01"].massnahmen == ()
    assert snap.indikatoren["I-BIL-01"].massnahmen == ("M-BIL-03",)


def test_internal_memberships_and_conferences_are_left_out(tmp_path: Path) -> None:
    root = intern_projekt(tmp_path / "stadt")
    group = root / "data/gruppen/ag-bildung.yaml"
    text = group.read_text(encoding="utf-8")
    group.write_text(
        text.replace("    fuer: Grundschule am Park\n", "    fuer: Grundschule am Park\n    intern: ja\n"),
        encoding="utf-8",
    )
    conference = root / "data/gruppen/jahreskonferenz.yaml"
    conference.write_text(
        conference.read_text(encoding="utf-8").replace(
            "    ergebnisse: Die Arbeitsgruppen stellten sich vor.\n",
            "    ergebnisse: Die Arbeitsgruppen stellten sich vor.\n    intern: [ergebnisse]\n",
        ),
        encoding="utf-8",
    )
    loaded = load_snapshot(root)
    assert [f.text() for f in loaded.findings if f.is_error] == []
    assert loaded.snapshot is not None
    view = oeffentlich(loaded.snapshot)
    assert [m.person for m in view.gruppen["ag-bildung"].mitglieder] == [
        "Volker Vorstand",
        "Frieda Fach",
        "Fritz Folger",
        "Sabine Geheim",
    ]
    first = view.gruppen["jahreskonferenz"].konferenzen[0]
    assert (first.jahr, first.ergebnisse) == (2009, None)
    assert len(loaded.snapshot.gruppen["ag-bildung"].mitglieder) == 5
