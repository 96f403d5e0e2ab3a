"""Every rule of `luedialog pruefen`, each on a broken copy of the Musterstadt fixture.

Each case breaks exactly one thing and expects exactly one finding with file, line and code.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import Projekt

M1 = "data/massnahmen/M-BIL-01.yaml"
M2 = "data/massnahmen/M-BIL-02.yaml"
W1 = "data/massnahmen/M-WOH-01.yaml"
LL = "data/leitlinien/bildung.yaml"
AG = "data/gruppen/ag-bildung.yaml"
STICHTAG = "2011-12-31"


def befunde(projekt: Projekt, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    result = projekt.run("pruefen", "--format", "json", "--stichtag", STICHTAG, *extra)
    assert "Traceback" not in result.stdout + result.stderr
    data = json.loads(result.stdout)
    return result.exit_code, data["befunde"]


def test_fixture_is_clean(projekt: Projekt) -> None:
    code, found = befunde(projekt)
    assert (code, found) == (0, [])


Break = Callable[[Projekt], object]


def _replace(name: str, old: str, new: str) -> Break:
    return lambda p: p.replace(name, old, new)


def _write(name: str, text: str) -> Break:
    return lambda p: p.write(name, text)


def _write_bytes(name: str, data: bytes) -> Break:
    return lambda p: p.write_bytes(name, data)


CASES: list[tuple[str, Break, str, int, str]] = [
    ("yaml syntax", _replace(M1, "titel: Schwimmkurse", "titel: Schwimm: kurse"), M1, 3, "yaml-syntax"),
    ("duplicate key", _replace(M1, "art: projekt\n", "art: projekt\nart: massnahme\n"), M1, 5, "doppelter-schluessel"),
    ("unknown key", _replace(M1, "titel: Schwimmkurse", "titl: Schwimmkurse"), M1, 3, "unbekannter-schluessel"),
    ("missing required", _replace(M2, "titel: Lehrschwimmbecken\n", ""), M2, 2, "pflichtfeld"),
    ("wrong type", _replace(M1, "leitlinien: [L-BIL-1]", "leitlinien: L-BIL-1"), M1, 6, "falscher-typ"),
    (
        "unknown field of action",
        _replace(M1, "handlungsfeld: bildung", "handlungsfeld: bildng"),
        M1,
        5,
        "unbekannter-wert",
    ),
    ("unknown district", _replace(M1, "[Nordviertel]", "[Westend]"), M1, 7, "unbekannter-wert"),
    ("unknown status", _replace(M1, "status: in_umsetzung", "status: in_umstzung"), M1, 18, "unbekannter-wert"),
    ("unknown kind", _replace(M1, "art: projekt", "art: programm"), M1, 4, "unbekannter-wert"),
    (
        "unknown guideline kind",
        _replace(LL, "art: strategisches_ziel\n    text: Die", "art: ziel\n    text: Die"),
        LL,
        12,
        "unbekannter-wert",
    ),
    ("duplicate id across files", _replace(M2, "id: M-BIL-02", "id: M-BIL-01"), M2, 2, "doppelte-id"),
    ("id differing only in case", _replace(LL, "id: L-BIL-2", "id: l-bil-1"), LL, 10, "doppelte-id"),
    ("id not the file name", _replace(W1, "id: M-WOH-01", "id: M-WOH-02"), W1, 2, "id-dateiname"),
    ("id with bad characters", _replace(LL, "id: L-BIL-2", "id: L BIL 2"), LL, 10, "id-format"),
    ("unknown guideline reference", _replace(M1, "[L-BIL-1]", "[L-BIL-9]"), M1, 6, "verweis-unbekannt"),
    ("unknown parent", _replace(M2, "teil_von: M-BIL-01", "teil_von: M-BIL-07"), M2, 6, "verweis-unbekannt"),
    ("unknown group", _replace(M1, "[ag-bildung]", "[ag-kultur]"), M1, 8, "verweis-unbekannt"),
    ("part of itself", _replace(M2, "teil_von: M-BIL-01", "teil_von: M-BIL-02"), M2, 6, "zyklus"),
    ("history out of order", _replace(M1, "datum: 2009-09-01", "datum: 2009-01-15"), M1, 17, "verlauf-reihenfolge"),
    ("transition not allowed", _replace(W1, "status: umgesetzt", "status: geplant"), W1, 18, "uebergang"),
    ("impossible date", _replace(M1, "zieldatum: 2010-06-30", "zieldatum: 2010-02-31"), M1, 9, "datum-ungueltig"),
    (
        "impossible German date",
        _replace(M1, "zieldatum: 2010-06-30", "zieldatum: 31.02.2010"),
        M1,
        9,
        "datum-ungueltig",
    ),
    ("date after the Stichtag", _replace(M1, "datum: 2009-09-01", "datum: 2012-03-01"), M1, 17, "datum-zukunft"),
    ("done without evidence", _replace(W1, "    nachweis: Vorlage 12/11\n", ""), W1, 17, "nachweis-fehlt"),
    ("empty file", _write(W1, ""), W1, 1, "datei-leer"),
    ("comments only", _write(W1, "# nur ein Kommentar\n"), W1, 1, "datei-leer"),
    ("a list, not a mapping", _write(W1, "- id: M-WOH-01\n"), W1, 1, "keine-zuordnung"),
    ("not UTF-8", _write_bytes(W1, "id: M-WOH-01\ntitel: Straße\n".encode("latin-1")), W1, 2, "kodierung"),
    (
        "conflict markers",
        _write(W1, "id: M-WOH-01\n<<<<<<< HEAD\ntitel: a\n=======\ntitel: b\n>>>>>>> x\n"),
        W1,
        2,
        "konfliktmarker",
    ),
    ("python tag", _write(W1, "id: !!python/object/apply:os.system ['true']\n"), W1, 1, "yaml-tag"),
    ("anchor", _write(W1, "id: M-WOH-01\ntitel: &x Hafen\n"), W1, 2, "yaml-alias"),
]


@pytest.mark.parametrize(("case", "breaker", "file", "line", "code"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_reports_file_line_and_code(
    projekt: Projekt, case: str, breaker: Break, file: str, line: int, code: str
) -> None:
    breaker(projekt)
    exit_code, found = befunde(projekt)
    assert exit_code == 1
    assert [(f["datei"], f["zeile"], f["code"], f["schwere"]) for f in found] == [(file, line, code, "fehler")]
    assert found[0]["meldung"]


def test_text_output_names_file_and_line(projekt: Projekt) -> None:
    projekt.replace(M1, "status: in_umsetzung", "status: in_umstzung")
    result = projekt.run("pruefen", "--stichtag", STICHTAG)
    assert result.exit_code == 1
    assert (
        "  data/massnahmen/M-BIL-01.yaml:18: Fehler: „in_umstzung“ ist kein bekannter Wert für den Status "
        "(luedialog.yaml). [verlauf[2].status] → Meinten Sie „in_umsetzung“?"
    ) in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1] == "6 Dateien geprüft: 1 Fehler, 0 Warnungen."


def test_all_findings_are_reported_not_just_the_first(projekt: Projekt) -> None:
    projekt.replace(M1, "art: projekt", "art: programm")
    projekt.replace(M2, "titel: Lehrschwimmbecken\n", "")
    projekt.replace(W1, "id: M-WOH-01", "id: M-WOH-02")
    _, found = befunde(projekt)
    assert sorted(f["code"] for f in found) == ["id-dateiname", "pflichtfeld", "unbekannter-wert"]


def test_unknown_key_suggests_the_right_one(projekt: Projekt) -> None:
    projekt.replace(M1, "titel: Schwimmkurse", "titl: Schwimmkurse")
    _, found = befunde(projekt)
    assert found[0]["hinweis"] == "Meinten Sie „titel“?"
    assert found[0]["meldung"] == "Unbekannter Schlüssel „titl“ in Maßnahme."


def test_transition_finding_names_the_allowed_statuses(projekt: Projekt) -> None:
    projekt.replace(W1, "status: umgesetzt", "status: geplant")
    _, found = befunde(projekt)
    assert found[0]["meldung"] == "Der Wechsel von „in_umsetzung“ zu „geplant“ ist nicht erlaubt."
    assert found[0]["hinweis"] == "Erlaubt nach „in_umsetzung“: umgesetzt, eingestellt (uebergaenge in luedialog.yaml)."


def test_cycle_through_two_measures(projekt: Projekt) -> None:
    projekt.replace(M1, "art: projekt\n", "art: projekt\nteil_von: M-BIL-02\n")
    _, found = befunde(projekt)
    assert [(f["code"], f["meldung"]) for f in found] == [
        ("zyklus", "Die Teil-von-Beziehungen bilden einen Kreis: M-BIL-01 → M-BIL-02 → M-BIL-01.")
    ]


def test_date_outside_the_period_is_a_warning(projekt: Projekt) -> None:
    projekt.replace(M1, "datum: 2009-02-01", "datum: 2008-12-01")
    exit_code, found = befunde(projekt)
    assert exit_code == 0
    assert [(f["zeile"], f["code"], f["schwere"]) for f in found] == [(14, "datum-zeitraum", "warnung")]
    assert befunde(projekt, "--streng")[0] == 1


def test_bom_and_crlf_are_fine(projekt: Projekt) -> None:
    text = projekt.read(M1)
    projekt.write_bytes(M1, b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert befunde(projekt) == (0, [])


def test_line_numbers_stay_right_with_crlf(projekt: Projekt) -> None:
    text = projekt.read(M1).replace("status: in_umsetzung", "status: kaputt")
    projekt.write_bytes(M1, text.replace("\n", "\r\n").encode("utf-8"))
    _, found = befunde(projekt)
    assert [(f["zeile"], f["code"]) for f in found] == [(18, "unbekannter-wert")]


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_symlink_outside_the_project_is_refused(projekt: Projekt, tmp_path: Any) -> None:
    outside = tmp_path / "draussen.yaml"
    outside.write_text(projekt.read(W1), encoding="utf-8")
    projekt.path(W1).unlink()
    projekt.path(W1).symlink_to(outside)
    _, found = befunde(projekt)
    assert [(f["datei"], f["code"]) for f in found] == [(W1, "symlink-ausserhalb")]


def test_file_names_with_spaces_and_umlauts_are_reported_not_crashed(projekt: Projekt) -> None:
    projekt.write("data/massnahmen/Maßnahme neu.yaml", projekt.read(W1).replace("M-WOH-01", "M-WOH-03"))
    _, found = befunde(projekt)
    assert [(f["datei"], f["code"]) for f in found] == [("data/massnahmen/Maßnahme neu.yaml", "id-dateiname")]


def test_temporary_and_hidden_files_are_ignored(projekt: Projekt) -> None:
    projekt.write("data/massnahmen/.M-BIL-01.yaml.tmp", "kaputt: [")
    projekt.write("data/massnahmen/README.md", "# Notizen")
    assert befunde(projekt) == (0, [])
