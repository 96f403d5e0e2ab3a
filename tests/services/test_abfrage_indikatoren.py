"""The yearly query with indicators (`abfrage erstellen --indikatoren`): one row per indicator and
breakdown value with empty cells for year, value and source; `abfrage einlesen` records the filled
ones together with the status rows — all or nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.conftest import Projekt, daten

B1 = "data/indikatoren/I-BIL-01.yaml"
M3 = "data/massnahmen/M-BIL-04.yaml"


def erstellen(projekt: Projekt, target: Path, *args: str) -> tuple[int, str]:
    result = projekt.run("abfrage", "erstellen", "--ausgabe", str(target), "--stichtag", "2011-12-31", *args)
    return result.exit_code, result.stderr


def tabelle(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def zurueck(header: list[str], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def einlesen(projekt: Projekt, tmp_path: Path, raw: bytes, *args: str) -> tuple[int, str]:
    path = tmp_path / "rueckmeldung.csv"
    path.write_bytes(raw)
    result = projekt.run("abfrage", "einlesen", str(path), *args)
    return result.exit_code, result.stderr


def test_without_the_option_the_sheet_is_as_before(berichtsstadt: Projekt, tmp_path: Path) -> None:
    code, _ = erstellen(berichtsstadt, tmp_path / "a.csv")
    header, rows = tabelle(tmp_path / "a.csv")
    assert code == 0 and header[-1] == "Berichtet von" and not any(r["ID"].startswith("I-") for r in rows)


def test_one_row_per_indicator_and_breakdown_value(berichtsstadt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "jugendamt.csv"
    code, err = erstellen(berichtsstadt, target, "--indikatoren", "--verantwortlich", "Jugendamt")
    assert (code, err) == (
        0,
        f"Geschrieben: {target} (0 Maßnahmen, 4 Zeilen für Indikatoren) und {tmp_path / 'jugendamt-hinweise.txt'}\n",
    )
    header, rows = tabelle(target)
    assert header[-4:] == ["Aufschlüsselung", "Jahr", "Wert", "Quelle"]
    assert [(r["ID"], r["Aufschlüsselung"], r["Stand vom"], r["Letzte Notiz"], r["Jahr"], r["Wert"]) for r in rows] == [
        ("I-BIL-01", "Gesamt", "20.12.2011", "2011: 92 %", "", ""),
        ("I-BIL-01", "Stadtteil: Nordviertel", "15.12.2010", "2010: 85 %", "", ""),
        ("I-BIL-01", "Stadtteil: Südhafen", "15.12.2010", "2010: 72,5 %", "", ""),
        ("I-BIL-01", "Stadtteil: Altstadt", "", "", "", ""),
    ]
    assert {r["Aktueller Status"] for r in rows} == {"Indikator (Prozent)"}
    assert "Indikatoren (Zeilen, in denen „Aktueller Status“ mit „Indikator“ beginnt):" in (
        tmp_path / "jugendamt-hinweise.txt"
    ).read_text(encoding="utf-8")


def test_an_office_with_only_indicators_is_known(berichtsstadt: Projekt, tmp_path: Path) -> None:
    code, err = erstellen(berichtsstadt, tmp_path / "a.csv", "--verantwortlich", "Amt für Wohnungswesen")
    assert code == 1 and "Keine Maßnahme mit verantwortlich: „Amt für Wohnungswesen“." in err
    code, _ = erstellen(berichtsstadt, tmp_path / "b.csv", "--verantwortlich", "Amt für Wohnungswesen", "--indikatoren")
    _, rows = tabelle(tmp_path / "b.csv")
    assert code == 0
    assert [(r["ID"], r["Aufschlüsselung"]) for r in rows] == [("I-WOH-01", "Gesamt"), ("I-WOH-02", "Gesamt")]
    code, _ = erstellen(berichtsstadt, tmp_path / "c.csv", "--verantwortlich", "Integrationsbüro", "--indikatoren")
    _, rows = tabelle(tmp_path / "c.csv")
    assert [r["Aufschlüsselung"] for r in rows if r["ID"] == "I-DIA-01"] == [
        "Gesamt",
        "Zuwanderungsgeschichte: mit",
        "Zuwanderungsgeschichte: ohne",
    ]


def test_filled_rows_become_values_and_status_entries_in_one_go(berichtsstadt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "alle.csv"
    erstellen(berichtsstadt, target, "--indikatoren")
    header, rows = tabelle(target)
    for row in rows:
        if row["ID"] == "I-BIL-01" and row["Aufschlüsselung"] == "Stadtteil: Altstadt":
            row.update({"Jahr": "2011", "Wert": "88,5 %", "Quelle": "Kita-Statistik 2011", "Datum": "15.01.2012"})
        if row["ID"] == "I-WOH-02" and row["Aufschlüsselung"] == "Gesamt":
            row.update({"Jahr": "2012", "Wert": "61", "Quelle": "Förderbericht 2012", "Datum": "01.12.2012"})
            row["Berichtet von"] = "Amt für Wohnungswesen"
    before_m3 = berichtsstadt.read(M3)
    code, err = einlesen(berichtsstadt, tmp_path, zurueck(header, rows))
    assert code == 0, err
    assert err.splitlines()[-3:] == [
        "Eingetragen: 2 Werte von Indikatoren.",
        f"  Zeile {next(i for i, r in enumerate(rows, 2) if r['Aufschlüsselung'] == 'Stadtteil: Altstadt')}: "
        "I-BIL-01 2011 (Stadtteil: Altstadt)",
        f"  Zeile {next(i for i, r in enumerate(rows, 2) if r['ID'] == 'I-WOH-02')}: I-WOH-02 2012",
    ]
    assert berichtsstadt.read(B1).endswith(
        "  - jahr: 2011\n    wert: 88.5\n    aufschluesselung:\n      Stadtteil: Altstadt\n"
        "    quelle: Kita-Statistik 2011\n    erfasst: 2012-01-15\n"
    )
    assert berichtsstadt.read(M3) == before_m3
    # the same sheet read in again: nothing new
    code, err = einlesen(berichtsstadt, tmp_path, zurueck(header, rows))
    assert code == 0 and "Eingetragen: 0 Werte von Indikatoren; 2 Zeilen waren schon eingetragen" in err


def test_one_bad_row_and_nothing_is_written(berichtsstadt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "alle.csv"
    erstellen(berichtsstadt, target, "--indikatoren")
    header, rows = tabelle(target)
    numbers = {}
    for number, row in enumerate(rows, start=2):
        if row["ID"] == "I-BIL-01" and row["Aufschlüsselung"] == "Gesamt":
            row.update({"Jahr": "2012", "Wert": "120", "Quelle": "Kita-Statistik 2012", "Datum": "01.12.2012"})
            numbers["bad"] = number
        if row["ID"] == "I-WOH-02":
            row.update({"Jahr": "2012", "Wert": "61", "Quelle": "Förderbericht 2012", "Datum": "01.12.2012"})
        if row["ID"] == "I-DIA-01" and row["Aufschlüsselung"] == "Gesamt":
            row.update({"Jahr": "2012", "Wert": "30"})
            numbers["no_source"] = number
        if row["ID"] == "M-DIA-02":
            row.update({"Datum": "01.12.2012", "Notiz": "Neuer Sachstand zum Stadtteilfest."})
    before = daten(berichtsstadt.root)
    code, err = einlesen(berichtsstadt, tmp_path, zurueck(header, rows))
    assert code == 1
    assert err.splitlines() == [
        "Fehler: Nichts eingelesen: 2 Zeile(n) fehlerhaft. Korrigieren Sie die Zeilen und lesen Sie die Datei "
        "erneut ein.",
        f"  Zeile {numbers['bad']}: I-BIL-01: Der Wert 120 liegt nicht zwischen 0 und 100 (Einheit Prozent).",
        f"  Zeile {numbers['no_source']}: I-DIA-01: Spalte „Quelle“ ist leer",
    ]
    assert daten(berichtsstadt.root) == before


def test_a_sheet_without_indicator_columns_still_reads(berichtsstadt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "alt.csv"
    erstellen(berichtsstadt, target)
    header, rows = tabelle(target)
    code, err = einlesen(berichtsstadt, tmp_path, zurueck(header, rows))
    assert code == 0, err
