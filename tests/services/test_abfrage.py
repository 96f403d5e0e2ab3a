"""The yearly status query as a spreadsheet round trip: `abfrage erstellen` and `abfrage einlesen`."""

from __future__ import annotations

import csv
import errno
import io
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

import luedialog.files.read as read_module
from luedialog.errors import LuedialogError
from luedialog.services.abfrage import COLUMNS, Ort, Tabelle, Zeile, read_rows
from tests.conftest import REPO, Projekt, Run, daten, spy, verlauf

M1 = "data/massnahmen/M-BIL-01.yaml"  # in_umsetzung since 01.09.2009, overdue after 30.06.2010
M2 = "data/massnahmen/M-BIL-02.yaml"  # geplant since 01.02.2009
W1 = "data/massnahmen/M-WOH-01.yaml"  # in_umsetzung on 31.12.2010, umgesetzt since 01.04.2011

HEADER = (
    "ID;Titel;Handlungsfeld;Verantwortlich;Aktueller Status;Stand vom;Letzte Notiz;Mögliche neue Status;"
    "Neuer Status;Datum;Notiz;Nachweis;Fortschritt;Berichtet von"
)


def erstellen(projekt: Projekt, target: Path, *args: str) -> Run:
    return projekt.run("abfrage", "erstellen", "--ausgabe", str(target), "--stichtag", "2010-12-31", *args)


def tabelle(path: Path) -> list[dict[str, str]]:
    """The rows of a created query, as Excel shows them."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert tuple(rows[0]) == COLUMNS
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]


def excel(rows: list[dict[str, str]], *, encoding: str = "utf-8", bom: bool = True, delimiter: str = ";") -> bytes:
    """What Excel saves: CRLF, quoted only where needed, the chosen encoding and separator."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.get(name, "") for name in COLUMNS])
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding)


def zeile(ident: str, **werte: str) -> dict[str, str]:
    names = {
        "status": "Neuer Status",
        "datum": "Datum",
        "notiz": "Notiz",
        "nachweis": "Nachweis",
        "fortschritt": "Fortschritt",
        "von": "Berichtet von",
    }
    return {"ID": ident, **{names[k]: v for k, v in werte.items()}}


def einlesen(projekt: Projekt, tmp_path: Path, raw: bytes, *args: str) -> Run:
    path = tmp_path / "rueckmeldung.csv"
    path.write_bytes(raw)
    return projekt.run("abfrage", "einlesen", str(path), *args)


# --- abfrage erstellen --------------------------------------------------------------------------------


def test_erstellen_writes_a_csv_for_german_excel(projekt: Projekt, tmp_path: Path) -> None:
    target = tmp_path / "abfrage.csv"
    result = erstellen(projekt, target)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"Geschrieben: {target} (3 Maßnahmen) und {tmp_path / 'abfrage-hinweise.txt'}\n"
    assert target.read_bytes() == (
        "\ufeff" + HEADER + "\r\n"
        "M-BIL-01;Schwimmkurse;Bildung;;In Umsetzung;01.09.2009;Erste Kurse laufen.;"
        "In Umsetzung, Umgesetzt, Eingestellt;;;;;;\r\n"
        "M-BIL-02;Lehrschwimmbecken;Bildung;;Geplant;01.02.2009;Stand laut Vorlage.;"
        "Geplant, In Umsetzung, Eingestellt;;;;;;\r\n"
        "M-WOH-01;Hafenpromenade;Wohnen;;In Umsetzung;01.05.2010;Bauarbeiten begonnen.;"
        "In Umsetzung, Umgesetzt, Eingestellt;;;;;;\r\n"
    ).encode("utf-8")


def test_header_is_exactly_the_columns() -> None:
    assert HEADER.split(";") == list(COLUMNS)


def test_final_measures_are_left_out(projekt: Projekt, tmp_path: Path) -> None:
    projekt.write(M2, projekt.read(M2) + "  - datum: 2010-05-01\n    status: eingestellt\n    notiz: Kein Geld.\n")
    target = tmp_path / "abfrage.csv"
    result = projekt.run("abfrage", "erstellen", "--ausgabe", str(target), "--stichtag", "2011-12-31")
    assert result.exit_code == 0
    assert [row["ID"] for row in tabelle(target)] == ["M-BIL-01"]  # M-BIL-02 eingestellt, M-WOH-01 umgesetzt


def test_default_file_names_carry_the_date(projekt: Projekt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = projekt.run("abfrage", "erstellen", "--stichtag", "31.12.2010")
    assert result.stderr == (
        "Geschrieben: sachstandsabfrage-2010-12-31.csv (3 Maßnahmen) und sachstandsabfrage-2010-12-31-hinweise.txt\n"
    )
    assert len(tabelle(tmp_path / "sachstandsabfrage-2010-12-31.csv")) == 3
    assert (tmp_path / "sachstandsabfrage-2010-12-31-hinweise.txt").is_file()


def test_the_hints_file_explains_every_column_in_german(projekt: Projekt, tmp_path: Path) -> None:
    erstellen(projekt, tmp_path / "abfrage.csv")
    hints = (tmp_path / "abfrage-hinweise.txt").read_text(encoding="utf-8")
    lines = hints.splitlines()
    assert lines[0] == "Sachstandsabfrage Musterdialog – Stand 31.12.2010"
    for expected in (
        "- Neuer Status: einer der möglichen neuen Status (Bezeichnung oder Schlüssel); leer lassen, wenn sich der "
        "Status nicht ändert und Sie nur einen neuen Sachstand berichten.",
        "- ID, Titel, Handlungsfeld, Verantwortlich: welche Maßnahme (nicht ändern).",
        "- Aktueller Status, Stand vom, Letzte Notiz: was bisher bekannt ist.",
        "- Mögliche neue Status: welche Status auf den aktuellen folgen dürfen.",
        "- Datum: Datum des Sachstands, z. B. 15.03.2010 (Pflicht in jeder ausgefüllten Zeile).",
        "- Notiz: der Sachstand in Worten (Pflicht). Ist die Maßnahme überfällig, nennen Sie bitte den Grund.",
        "- Nachweis: Ratsvorlage, Link oder Dokument (Pflicht, wenn der neue Status „Umgesetzt“ ist).",
        "- Fortschritt: in Prozent, 0 bis 100 (freiwillig).",
        "- Berichtet von: Ihr Fachbereich oder Ihr Name.",
        "- In Umsetzung (in_umsetzung)",
        "- Eingestellt (eingestellt)",
        "Speichern Sie die Datei wieder als CSV (Trennzeichen Semikolon) und geben Sie sie zurück.",
    ):
        assert expected in lines
    explained = {
        name for line in lines if line.startswith("- ") and ": " in line for name in line[2:].split(": ")[0].split(", ")
    }
    assert explained >= set(COLUMNS)


def test_verantwortlich_selects_the_measures_of_one_department(projekt: Projekt, tmp_path: Path) -> None:
    projekt.replace(M2, "art: massnahme\n", "art: massnahme\nverantwortlich: FB 3\n")
    projekt.replace(M1, "art: projekt\n", "art: projekt\nverantwortlich: FB 4\n")
    target = tmp_path / "fb3.csv"
    result = erstellen(projekt, target, "--verantwortlich", "FB 3")
    assert result.exit_code == 0
    assert [(row["ID"], row["Verantwortlich"]) for row in tabelle(target)] == [("M-BIL-02", "FB 3")]


def test_unknown_verantwortlich_suggests_a_known_one(projekt: Projekt, tmp_path: Path) -> None:
    projekt.replace(M2, "art: massnahme\n", "art: massnahme\nverantwortlich: FB 3\n")
    target = tmp_path / "fb.csv"
    result = erstellen(projekt, target, "--verantwortlich", "FB 8")
    assert result.exit_code == 1
    assert result.stderr == "Fehler: Keine Maßnahme mit verantwortlich: „FB 8“. Meinten Sie „FB 3“?\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".csv", ".txt")) == []


def test_verantwortlich_when_no_measure_has_one(projekt: Projekt, tmp_path: Path) -> None:
    result = erstellen(projekt, tmp_path / "fb.csv", "--verantwortlich", "FB 3")
    assert result.exit_code == 1
    assert result.stderr == (
        "Fehler: Keine Maßnahme mit verantwortlich: „FB 3“. Noch keine Maßnahme hat „verantwortlich“.\n"
    )


def test_cells_that_excel_would_run_as_formulas_are_neutralised(projekt: Projekt, tmp_path: Path) -> None:
    projekt.replace(M2, "titel: Lehrschwimmbecken", 'titel: "=SUMME(A1:A9)"')
    projekt.replace(M2, "notiz: Stand laut Vorlage.", 'notiz: "-1 Becken"')
    projekt.replace(M1, "art: projekt\n", 'art: projekt\nverantwortlich: "@Schulamt"\n')
    projekt.replace(M1, "notiz: Erste Kurse laufen.", 'notiz: "+49 231 0"')
    target = tmp_path / "abfrage.csv"
    erstellen(projekt, target)
    rows = {row["ID"]: row for row in tabelle(target)}
    assert (rows["M-BIL-02"]["Titel"], rows["M-BIL-02"]["Letzte Notiz"]) == ("'=SUMME(A1:A9)", "'-1 Becken")
    assert (rows["M-BIL-01"]["Verantwortlich"], rows["M-BIL-01"]["Letzte Notiz"]) == ("'@Schulamt", "'+49 231 0")


def test_erstellen_refuses_invalid_data(projekt: Projekt, tmp_path: Path) -> None:
    projekt.replace(M1, "art: projekt", "art: programm")
    result = erstellen(projekt, tmp_path / "abfrage.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith("Fehler: Die Daten enthalten 1 Fehler (zuerst: data/massnahmen/M-BIL-01.yaml:4:")
    assert not (tmp_path / "abfrage.csv").exists()


# --- abfrage einlesen ---------------------------------------------------------------------------------


def ausgefuellt(projekt: Projekt, tmp_path: Path) -> list[dict[str, str]]:
    """The created query with two of its three rows filled in, as a department would."""
    target = tmp_path / "abfrage.csv"
    assert erstellen(projekt, target).exit_code == 0
    rows = tabelle(target)
    rows[0].update(
        {
            "Datum": "15.03.2010",
            "Notiz": "Kurse für Flüchtlingskinder ergänzt – Bäder überlastet",
            "Fortschritt": "70 %",
            "Berichtet von": "Schulamt Süd",
        }
    )
    rows[1].update({"Neuer Status": "in_umsetzung", "Datum": "01.03.2010", "Notiz": "Bauantrag gestellt"})
    return rows


ROUND_TRIP = "Eingetragen: 2 Sachstände in 2 Dateien; 1 leere Zeile übersprungen.\n"
NEW_M1 = (
    "  - datum: 2010-03-15\n"
    "    status: in_umsetzung\n"
    "    notiz: Kurse für Flüchtlingskinder ergänzt – Bäder überlastet\n"
    "    von: Schulamt Süd\n"
    "    fortschritt: 70\n"
).encode()
NEW_M2 = b"  - datum: 2010-03-01\n    status: in_umsetzung\n    notiz: Bauantrag gestellt\n"


@pytest.mark.parametrize(
    ("encoding", "bom", "delimiter"),
    [("utf-8", True, ";"), ("utf-8", False, ";"), ("utf-8", False, ","), ("cp1252", False, ";")],
    ids=["utf8-bom-semikolon", "utf8-semikolon", "utf8-komma", "windows1252-semikolon"],
)
def test_round_trip_applies_every_filled_row(
    projekt: Projekt, tmp_path: Path, encoding: str, bom: bool, delimiter: str
) -> None:
    before = daten(projekt.root)
    raw = excel(ausgefuellt(projekt, tmp_path), encoding=encoding, bom=bom, delimiter=delimiter)
    result = einlesen(projekt, tmp_path, raw)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        ROUND_TRIP + "  Zeile 2: M-BIL-01 in_umsetzung (15.03.2010)\n  Zeile 3: M-BIL-02 in_umsetzung (01.03.2010)\n"
    )
    assert projekt.path(M1).read_bytes() == before[M1] + NEW_M1
    assert projekt.path(M2).read_bytes() == before[M2] + NEW_M2
    assert projekt.path(W1).read_bytes() == before[W1]


def test_reading_the_same_sheet_twice_adds_nothing_the_second_time(projekt: Projekt, tmp_path: Path) -> None:
    raw = excel(ausgefuellt(projekt, tmp_path))
    assert einlesen(projekt, tmp_path, raw).exit_code == 0
    after_first = daten(projekt.root)
    again = einlesen(projekt, tmp_path, raw)
    assert (again.exit_code, again.stdout) == (0, "")
    assert again.stderr == (
        "Eingetragen: 0 Sachstände in 0 Dateien; 1 leere Zeile übersprungen; "
        "2 Zeilen waren schon eingetragen (Zeile 2, 3).\n"
    )
    assert daten(projekt.root) == after_first


def test_a_row_differing_only_in_the_note_is_not_a_repeat(projekt: Projekt, tmp_path: Path) -> None:
    rows = ausgefuellt(projekt, tmp_path)
    assert einlesen(projekt, tmp_path, excel(rows)).exit_code == 0
    rows[1]["Notiz"] = "Bauantrag genehmigt"
    again = einlesen(projekt, tmp_path, excel(rows))
    assert again.stderr.splitlines()[0] == (
        "Eingetragen: 1 Sachstand in 1 Datei; 1 leere Zeile übersprungen; 1 Zeile war schon eingetragen (Zeile 2)."
    )
    assert (
        projekt.path(M2)
        .read_bytes()
        .endswith(b"  - datum: 2010-03-01\n    status: in_umsetzung\n    notiz: Bauantrag genehmigt\n")
    )


def test_the_result_of_a_round_trip_passes_pruefen(projekt: Projekt, tmp_path: Path) -> None:
    einlesen(projekt, tmp_path, excel(ausgefuellt(projekt, tmp_path)))
    result = projekt.run("pruefen", "--stichtag", "2011-12-31")
    assert result.exit_code == 0


def test_dry_run_shows_the_changes_and_writes_nothing(projekt: Projekt, tmp_path: Path) -> None:
    rows = ausgefuellt(projekt, tmp_path)
    before = daten(projekt.root)
    result = einlesen(projekt, tmp_path, excel(rows), "--dry-run")
    assert result.exit_code == 0
    assert daten(projekt.root) == before
    assert result.stdout.count("--- a/data/massnahmen/") == 2
    assert "+    notiz: Bauantrag gestellt\n" in result.stdout
    assert result.stderr.splitlines()[0] == "Würde eintragen: 2 Sachstände in 2 Dateien; 1 leere Zeile übersprungen."


def test_one_bad_row_stops_everything_and_every_bad_row_is_listed(projekt: Projekt, tmp_path: Path) -> None:
    rows = [
        zeile("M-BIL-02", status="in_umsetzung", datum="01.03.2010", notiz="Bauantrag gestellt"),
        zeile("M-BIL-02", status="fertig", datum="01.04.2010", notiz="Gebaut"),
        zeile("M-BIL-9", datum="01.03.2010", notiz="Kurse laufen"),
        zeile("M-BIL-01", datum="31.02.2010", notiz="Kurse laufen"),
        zeile("", datum="01.03.2010", notiz="Ohne ID"),
        zeile("M-BIL-01", datum="01.03.2010", notiz="Kurse laufen", fortschritt="viel"),
        zeile("M-BIL-01", datum="01.03.2010", notiz="Kurse laufen", fortschritt="120 %"),
        zeile("M-BIL-01", notiz="Kurse laufen"),
        zeile("M-BIL-01", datum="01.08.2010", notiz="Läuft."),
        zeile("M-BIL-01", status="umgesetzt", datum="01.03.2010", notiz="Alle Kurse laufen"),
        zeile("M-BIL-02", datum="01.04.2010", notiz="tbd"),
        zeile("M-BIL-01", datum="02.03.2010", notiz="Zweiter Kurs läuft"),
        zeile("M-WOH-01", datum="15.03.99", notiz="Promenade fertig"),
        zeile("M-WOH-01", fortschritt="50 %"),
    ]
    before = daten(projekt.root)
    result = einlesen(projekt, tmp_path, excel(rows))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Fehler: Nichts eingelesen: 12 Zeile(n) fehlerhaft. Korrigieren Sie die Zeilen und lesen Sie die Datei "
        "erneut ein.",
        "  Zeile 3 (M-BIL-02): Spalte „Neuer Status“: „fertig“ ist kein bekannter Status. Möglich: Geplant, "
        "In Umsetzung, Umgesetzt, Eingestellt.",
        "  Zeile 4 (M-BIL-9): Spalte „ID“: Keine Maßnahme mit der ID „M-BIL-9“. Meinten Sie „M-BIL-02“?",
        "  Zeile 5 (M-BIL-01): Spalte „Datum“: „31.02.2010“ ist kein gültiges Kalenderdatum.",
        "  Zeile 6 (ohne ID): Spalte „ID“ ist leer.",
        "  Zeile 7 (M-BIL-01): Spalte „Fortschritt“: „viel“ ist keine Prozentzahl; erwartet wird eine ganze Zahl "
        "von 0 bis 100, z. B. 70 oder 70 %.",
        "  Zeile 8 (M-BIL-01): Spalte „Fortschritt“: „120 %“ liegt nicht zwischen 0 und 100.",
        "  Zeile 9 (M-BIL-01): Spalte „Datum“ ist leer.",
        "  Zeile 10 (M-BIL-01): Die Maßnahme ist seit dem 30.06.2010 überfällig; die Notiz muss den Grund der "
        "Verzögerung nennen (mindestens 20 Zeichen).",
        "  Zeile 11 (M-BIL-01): Spalte „Nachweis“ ist leer; für den Status „Umgesetzt“ ist ein Nachweis nötig "
        "(z. B. Ratsvorlage, Link oder Dokument).",
        "  Zeile 12 (M-BIL-02): Spalte „Notiz“: „tbd“ ist ein Platzhalter; bitte den Sachstand in Worten beschreiben.",
        "  Zeile 14 (M-WOH-01): Spalte „Datum“: Die zweistellige Jahreszahl in „15.03.99“ liegt nicht im Zeitraum "
        "des Prozesses (2009–2012); bitte das Jahr vierstellig schreiben (15.03.1999 oder 15.03.2099).",
        "  Zeile 15 (M-WOH-01): Spalte „Datum“ ist leer.",
        "  Zeile 15 (M-WOH-01): Spalte „Notiz“ ist leer.",
    ]
    assert daten(projekt.root) == before


def test_contact_data_in_a_cell_is_refused_with_row_and_column(projekt: Projekt, tmp_path: Path) -> None:
    rows = [
        zeile("M-BIL-02", datum="01.03.2010", notiz="Rückfragen an otto@example.org"),
        zeile("M-BIL-01", datum="01.03.2010", notiz="Kurse laufen", von="Bauamt, Tel. 0231 123456"),
    ]
    before = daten(projekt.root)
    result = einlesen(projekt, tmp_path, excel(rows))
    assert (result.exit_code, result.stderr.splitlines()) == (
        1,
        [
            "Fehler: Nichts eingelesen: 2 Zeile(n) fehlerhaft. Korrigieren Sie die Zeilen und lesen Sie die Datei "
            "erneut ein.",
            "  Zeile 2 (M-BIL-02): Spalte „Notiz“: hier steht eine E-Mail-Adresse; Kontaktdaten gehören nicht in "
            "dieses Repository (es kann öffentlich sein) – bitte entfernen.",
            "  Zeile 3 (M-BIL-01): Spalte „Berichtet von“: hier steht eine Telefonnummer; Kontaktdaten gehören nicht "
            "in dieses Repository (es kann öffentlich sein) – bitte entfernen.",
        ],
    )
    assert daten(projekt.root) == before


def test_a_formula_in_a_cell_is_stored_as_plain_text(projekt: Projekt, tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://x","y")'
    raw = excel([zeile("M-BIL-02", datum="01.03.2010", notiz=formula, nachweis="=1+1", von="@FB 3")])
    assert b'"=HYPERLINK(""http://x"",""y"")"' in raw
    assert einlesen(projekt, tmp_path, raw).exit_code == 0
    assert verlauf(projekt.path(M2))[-1] == {
        "datum": date(2010, 3, 1),
        "status": "geplant",
        "notiz": formula,
        "von": "@FB 3",
        "nachweis": "=1+1",
    }


def test_the_protecting_apostrophe_is_dropped(projekt: Projekt, tmp_path: Path) -> None:
    raw = excel([zeile("M-BIL-02", datum="01.03.2010", notiz="'-1 Becken weniger", von="'Bauamt")])
    assert einlesen(projekt, tmp_path, raw).exit_code == 0
    assert (verlauf(projekt.path(M2))[-1]["notiz"], verlauf(projekt.path(M2))[-1]["von"]) == (
        "-1 Becken weniger",
        "'Bauamt",
    )


def test_empty_status_keeps_the_current_status(projekt: Projekt, tmp_path: Path) -> None:
    raw = excel([zeile("M-BIL-01", datum="2010-03-15", notiz="Zweiter Kurs läuft")])
    assert einlesen(projekt, tmp_path, raw).exit_code == 0
    assert verlauf(projekt.path(M1))[-1]["status"] == "in_umsetzung"


def test_two_rows_for_one_measure_are_applied_in_order(projekt: Projekt, tmp_path: Path) -> None:
    rows = [
        zeile("M-BIL-02", status="in_umsetzung", datum="01.03.2010", notiz="Bauantrag gestellt"),
        zeile("M-BIL-02", status="umgesetzt", datum="01.03.2011", notiz="Becken eröffnet", nachweis="Vorlage 4/11"),
    ]
    result = einlesen(projekt, tmp_path, excel(rows))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == "Eingetragen: 2 Sachstände in 1 Datei; 0 leere Zeilen übersprungen."
    assert [(e["datum"], e["status"]) for e in verlauf(projekt.path(M2))] == [
        (date(2009, 2, 1), "geplant"),
        (date(2010, 3, 1), "in_umsetzung"),
        (date(2011, 3, 1), "umgesetzt"),
    ]


def test_rows_for_one_measure_in_the_wrong_order_are_refused(projekt: Projekt, tmp_path: Path) -> None:
    rows = [
        zeile("M-BIL-02", status="umgesetzt", datum="01.03.2011", notiz="Becken eröffnet", nachweis="Vorlage 4/11"),
        zeile("M-BIL-02", status="in_umsetzung", datum="01.03.2010", notiz="Bauantrag gestellt"),
    ]
    before = daten(projekt.root)
    result = einlesen(projekt, tmp_path, excel(rows))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == (
        "  Zeile 2 (M-BIL-02): Der Wechsel von „geplant“ zu „umgesetzt“ ist nicht erlaubt. "
        "Erlaubt nach „geplant“: geplant, in_umsetzung, eingestellt."
    )
    assert daten(projekt.root) == before


def test_missing_header_columns_are_named(projekt: Projekt, tmp_path: Path) -> None:
    raw = "\ufeffID;Titel;Neuer Status;Datum;Notiz\r\nM-BIL-02;;;01.03.2010;Bauantrag gestellt\r\n".encode()
    before = daten(projekt.root)
    result = einlesen(projekt, tmp_path, raw)
    assert result.exit_code == 1
    assert result.stderr == (
        "Fehler: In der Kopfzeile fehlen die Spalten „Nachweis“, „Fortschritt“, „Berichtet von“. Erzeugen Sie die "
        "Abfrage mit „luedialog abfrage erstellen“ und ändern Sie die Kopfzeile nicht.\n"
    )
    assert daten(projekt.root) == before


def test_header_cells_may_differ_in_case_and_spacing() -> None:
    raw = b"id; neuer  status ;DATUM;Notiz;Nachweis;Fortschritt;Berichtet von\r\nM-BIL-02;geplant;;;;;\r\n"
    assert read_rows(raw) == Tabelle(
        [
            Zeile(
                Ort(0, 2),
                {
                    "ID": "M-BIL-02",
                    "Neuer Status": "geplant",
                    "Datum": "",
                    "Notiz": "",
                    "Nachweis": "",
                    "Fortschritt": "",
                    "Berichtet von": "",
                },
            )
        ],
        0,
        ";",
    )


def test_a_multi_line_cell_keeps_the_row_number(projekt: Projekt, tmp_path: Path) -> None:
    rows = [
        zeile("M-BIL-02", datum="01.03.2010", notiz="Erste Zeile\nzweite Zeile"),
        zeile("M-BIL-01", datum="01.03.2010", notiz="tbd"),
    ]
    result = einlesen(projekt, tmp_path, excel(rows))
    assert result.stderr.splitlines()[1].startswith("  Zeile 3 (M-BIL-01): Spalte „Notiz“: „tbd“ ist ein Platzhalter")


def test_an_empty_file_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    result = einlesen(projekt, tmp_path, b"")
    assert (result.exit_code, result.stderr) == (1, "Fehler: Die Datei ist leer.\n")


def test_a_missing_file_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    result = projekt.run("abfrage", "einlesen", str(tmp_path / "fehlt.csv"))
    assert result.exit_code == 1
    assert result.stderr == f"Fehler: {tmp_path / 'fehlt.csv'} gibt es nicht. Prüfen Sie Namen und Ordner der Datei.\n"


def test_read_rows_counts_empty_rows() -> None:
    raw = excel([zeile("M-BIL-02"), zeile("M-BIL-01", notiz="Kurse laufen"), zeile("M-WOH-01")])
    table = read_rows(raw)
    assert ([row.ort.zeile for row in table.zeilen], table.leer) == ([3], 2)


def test_read_rows_refuses_a_file_without_the_columns() -> None:
    with pytest.raises(LuedialogError) as caught:
        read_rows(b"Name;Wert\r\n")
    assert caught.value.message == (
        "In der Kopfzeile fehlen die Spalten „ID“, „Neuer Status“, „Datum“, „Notiz“, „Nachweis“, „Fortschritt“, "
        "„Berichtet von“."
    )


def test_a_full_disk_in_the_middle_leaves_every_file_unchanged(
    projekt: Projekt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        zeile("M-BIL-01", datum="01.03.2010", notiz="Zweiter Kurs läuft"),
        zeile("M-BIL-02", datum="01.03.2010", notiz="Bauantrag gestellt"),
    ]
    raw = excel(rows)
    before = daten(projekt.root)
    real_replace = os.replace
    replaced: list[object] = []

    def full_after_the_first(src: object, dst: object) -> None:
        if replaced:
            raise OSError(errno.ENOSPC, "No space left on device")
        replaced.append(dst)
        real_replace(src, dst)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", full_after_the_first)
        result = einlesen(projekt, tmp_path, raw)
    assert result.exit_code == 1
    assert "der Datenträger ist voll" in result.stderr
    assert daten(projekt.root) == before


def test_a_cell_with_windows_line_breaks_is_stored(projekt: Projekt, tmp_path: Path) -> None:
    raw = excel([zeile("M-BIL-02", datum="01.03.2010", notiz="Bauantrag gestellt\r\nGenehmigung folgt")])
    result = einlesen(projekt, tmp_path, raw)
    assert result.exit_code == 0
    assert verlauf(projekt.path(M2))[-1]["notiz"] in (
        "Bauantrag gestellt\r\nGenehmigung folgt",
        "Bauantrag gestellt\nGenehmigung folgt",
    )


# --- input as people type it (the same rules as on the command line: services/eingabe.py) ----------------


def test_statuses_ids_dates_and_progress_as_people_type_them(projekt: Projekt, tmp_path: Path) -> None:
    rows = [
        zeile("m-bil-02", status="In Umsetzung", datum="15.03.10", notiz="Bauantrag gestellt", fortschritt="10%"),
        zeile("M-BIL-01", status="in umsetzung", datum="2010-03-15", notiz="Zweiter Kurs läuft", fortschritt="70"),
    ]
    result = einlesen(projekt, tmp_path, excel(rows))
    assert (result.exit_code, result.stderr.splitlines()[1:]) == (
        0,
        ["  Zeile 2: M-BIL-02 in_umsetzung (15.03.2010)", "  Zeile 3: M-BIL-01 in_umsetzung (15.03.2010)"],
    )
    assert verlauf(projekt.path(M2))[-1] == {
        "datum": date(2010, 3, 15),
        "status": "in_umsetzung",
        "notiz": "Bauantrag gestellt",
        "fortschritt": 10,
    }
    assert verlauf(projekt.path(M1))[-1]["fortschritt"] == 70


def test_an_id_with_an_invisible_character_pasted_from_a_web_page_is_read(projekt: Projekt, tmp_path: Path) -> None:
    # a zero-width space or a byte order mark cannot be seen: „Keine Maßnahme mit der ID „M-BIL-02“.
    # Meinten Sie „M-BIL-02“?“ would leave a user without a way to find the mistake
    rows = [
        zeile("M-BIL-\u200b02", datum="01.03.2010", notiz="Bauantrag gestellt"),
        zeile("\ufeffM-BIL-01\u2060", datum="01.03.2010", notiz="Zweiter Kurs läuft"),
    ]
    result = einlesen(projekt, tmp_path, excel(rows))
    assert (result.exit_code, result.stderr.splitlines()[1:]) == (
        0,
        ["  Zeile 2: M-BIL-02 geplant (01.03.2010)", "  Zeile 3: M-BIL-01 in_umsetzung (01.03.2010)"],
    )


# --- strict reading: a sheet that might be read wrongly is refused, naming the row --------------------------


def refused(projekt: Projekt, tmp_path: Path, raw: bytes) -> list[str]:
    """The lines of a refusal; every file of the project is unchanged."""
    before = daten(projekt.root)
    result = einlesen(projekt, tmp_path, raw)
    assert (result.exit_code, result.stdout) == (1, ""), result.stderr
    assert daten(projekt.root) == before
    return result.stderr.splitlines()


def csv_lines(*rows: str) -> bytes:
    return ("\ufeff" + HEADER + "\r\n" + "".join(row + "\r\n" for row in rows)).encode("utf-8")


RESAVE = (
    "Speichern Sie die Tabelle in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ oder als "
    "Excel-Arbeitsmappe (.xlsx)."
)


def test_an_unbalanced_quote_is_refused_with_its_row(projekt: Projekt, tmp_path: Path) -> None:
    raw = csv_lines(
        "M-BIL-01;;;;;;;;;01.03.2010;Zweiter Kurs läuft;;;",
        'M-BIL-02;;;;;;;;in_umsetzung;01.03.2010;"Bauantrag gestellt;;;',
        "M-WOH-01;;;;;;;;;01.06.2010;Promenade halb fertig;;;",
    )
    assert refused(projekt, tmp_path, raw) == [
        'Fehler: Nichts eingelesen: Zeile 3: ein Anführungszeichen (") öffnet eine Zelle, die bis zum Ende der Datei '
        'nicht geschlossen wird. Ein Anführungszeichen in einer Zelle schreibt CSV doppelt (""). ' + RESAVE
    ]


def test_a_stray_quote_closed_rows_later_in_the_same_column_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    raw = csv_lines(
        'M-BIL-02;;;;;;;;in_umsetzung;01.03.2010;"Bauantrag gestellt;;;',
        'M-BIL-01;;;;;;;;;01.03.2010;Kurse laufen";;;',
    )
    assert refused(projekt, tmp_path, raw) == [
        "Fehler: Nichts eingelesen: die Datei ist als CSV beschädigt (1 Stelle(n)). Ein Anführungszeichen in einer "
        'Zelle schreibt CSV doppelt (""). ' + RESAVE,
        "  Zeile 2, Spalte „Notiz“: die Zelle reicht über mehrere Zeilen und enthält 13 Trennzeichen – wahrscheinlich "
        'verschluckt ein einzelnes Anführungszeichen (") hier die folgenden Zeilen.',
    ]


def test_a_stray_quote_closed_in_another_column_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    raw = csv_lines(
        'M-BIL-02;;;;;;;;in_umsetzung;01.03.2010;"Bauantrag gestellt;;;',
        'M-BIL-01;Schwimmkurse";;;;;;;;;;;;',
    )
    assert refused(projekt, tmp_path, raw)[1] == (
        "  Zeile 2: 23 Zellen, die Kopfzeile hat 14 – steht ein Semikolon zu viel in einer Zelle, oder fehlt ein "
        "Anführungszeichen?"
    )


def test_a_row_swallowed_into_a_cell_is_recognised_by_its_id(projekt: Projekt, tmp_path: Path) -> None:
    # the stray quote closes in the next row's title; what follows fits the header exactly
    raw = csv_lines('M-BIL-02;;;;;;;;in_umsetzung;01.03.2010;"Bauantrag;;;', 'M-BIL-01;Schwimmkurse";;')
    assert refused(projekt, tmp_path, raw)[1:] == [
        "  Zeile 2 (M-BIL-02): Spalte „Notiz“: in der Zelle beginnt eine Zeile mit „M-BIL-01;“ – wahrscheinlich "
        'verschluckt ein einzelnes Anführungszeichen (") hier die folgenden Zeilen.'
    ]


def test_text_after_a_closing_quote_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    raw = csv_lines('M-BIL-02;;;;;;;;;01.03.2010;"Antrag" gestellt;;;')
    assert refused(projekt, tmp_path, raw)[0].startswith(
        'Fehler: Nichts eingelesen: Zeile 2: nach einem schließenden Anführungszeichen (") folgt weiterer Text'
    )


def test_a_separator_too_many_in_a_cell_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    # typed in a text editor without quotes: the note would be cut, "zwei Gruppen" would become the evidence
    raw = csv_lines("M-BIL-01;;;;;;;;;01.03.2010;Kurse; zwei Gruppen;;;")
    assert refused(projekt, tmp_path, raw)[1] == (
        "  Zeile 2: 15 Zellen, die Kopfzeile hat 14 – steht ein Semikolon zu viel in einer Zelle, oder fehlt ein "
        "Anführungszeichen?"
    )


def test_rows_without_trailing_separators_are_read(projekt: Projekt, tmp_path: Path) -> None:
    # Excel leaves out the separators of empty cells at the end of a row after the 16th row
    raw = csv_lines("M-BIL-02;;;;;;;;in_umsetzung;01.03.2010;Bauantrag gestellt")
    assert einlesen(projekt, tmp_path, raw).exit_code == 0
    assert verlauf(projekt.path(M2))[-1]["notiz"] == "Bauantrag gestellt"


def test_mixed_encodings_are_refused_naming_the_row(projekt: Projekt, tmp_path: Path) -> None:
    raw = (HEADER + "\r\n" + "M-BIL-01;;;;;;;;;01.03.2010;Bäder überlastet;;;\r\n").encode(
        "utf-8"
    ) + "M-BIL-02;;;;;;;;;01.03.2010;Kurse für Flüchtlingskinder;;;\r\n".encode("cp1252")
    assert refused(projekt, tmp_path, raw) == [
        "Fehler: Die Datei mischt Zeichenkodierungen: sie ist in UTF-8 gespeichert, aber in Zeile 3 stehen Zeichen "
        "in einer anderen Kodierung (z. B. Windows-1252). Umlaute würden falsch übernommen; nichts eingelesen. "
        + RESAVE
    ]


def test_a_windows_1252_byte_in_a_file_with_utf8_bom_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    raw = csv_lines("M-BIL-01;;;;;;;;;01.03.2010;Kurse laufen;;;") + "M-BIL-02;;;;;;;;;01.03.2010;Größer;;;\r\n".encode(
        "cp1252"
    )
    assert refused(projekt, tmp_path, raw)[0].startswith(
        "Fehler: Die Datei mischt Zeichenkodierungen: sie ist in UTF-8 gespeichert, aber in Zeile 3 stehen"
    )


def test_bytes_that_windows_1252_does_not_know_are_refused(projekt: Projekt, tmp_path: Path) -> None:
    raw = (HEADER + "\r\nM-BIL-02;;;;;;;;;01.03.2010;Bauantrag gestellt;;;\r\n").encode("cp1252")
    raw = raw.replace(b"gestellt", b"gestellt \x81")
    assert refused(projekt, tmp_path, raw) == [
        "Fehler: In Zeile 2 stehen Bytes, die weder UTF-8 noch Windows-1252 sind; nichts eingelesen. " + RESAVE
    ]


def test_the_same_row_pasted_twice_is_refused_with_both_row_numbers(projekt: Projekt, tmp_path: Path) -> None:
    row = zeile("M-BIL-02", status="in_umsetzung", datum="01.03.2010", notiz="Bauantrag gestellt")
    rows = [row, zeile("M-BIL-01", datum="01.03.2010", notiz="Zweiter Kurs läuft"), row]
    assert refused(projekt, tmp_path, excel(rows))[1:] == [
        "  Zeile 4 (M-BIL-02): dieselbe Zeile wie Zeile 2 (doppelt eingefügt?); bitte eine der beiden löschen."
    ]


def test_a_measure_twice_on_one_day_is_refused_with_both_row_numbers(projekt: Projekt, tmp_path: Path) -> None:
    rows = [
        zeile("M-BIL-02", status="in_umsetzung", datum="01.03.2010", notiz="Bauantrag gestellt"),
        zeile("m-bil-02", datum="2010-03-01", notiz="Bauantrag genehmigt"),
    ]
    assert refused(projekt, tmp_path, excel(rows))[1:] == [
        "  Zeile 3 (M-BIL-02): Spalte „Datum“: für den 01.03.2010 steht schon ein Sachstand dieser Maßnahme in "
        "Zeile 2; je Maßnahme und Tag eine Zeile."
    ]


def test_a_duplicated_column_header_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    raw = (HEADER + ";Notiz\r\nM-BIL-02;;;;;;;;;01.03.2010;Bauantrag gestellt;;;;Bauantrag genehmigt\r\n").encode()
    assert refused(projekt, tmp_path, raw) == [
        "Fehler: In der Kopfzeile steht die Spalte „Notiz“ doppelt (Spalte K und O); so ist nicht klar, welche gilt. "
        "Löschen oder benennen Sie eine der beiden Spalten um."
    ]


@pytest.mark.parametrize("bom", [True, False], ids=["mit-bom", "ohne-bom"])
def test_excel_unicode_text_is_read(projekt: Projekt, tmp_path: Path, bom: bool) -> None:
    """Excel's „Unicode-Text (*.txt)“: UTF-16 LE with BOM, tabs, CRLF."""
    rows = ausgefuellt(projekt, tmp_path)
    text = excel(rows, delimiter="\t", bom=False).decode("utf-8")
    raw = (b"\xff\xfe" if bom else b"") + text.encode("utf-16-le")
    path = tmp_path / "rueckmeldung.txt"
    path.write_bytes(raw)
    before = daten(projekt.root)
    result = projekt.run("abfrage", "einlesen", str(path))
    assert (result.exit_code, result.stderr.splitlines()[0]) == (0, ROUND_TRIP.strip())
    assert projekt.path(M1).read_bytes() == before[M1] + NEW_M1


def run_process(projekt: Projekt, *args: str) -> subprocess.CompletedProcess[str]:
    """luedialog as its own process, bounded in time and memory (a hang or MemoryError fails, never blocks)."""
    return subprocess.run(
        [sys.executable, "-m", "luedialog", "--daten", str(projekt.root), *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        preexec_fn=_limit_memory if os.name == "posix" else None,
        check=False,
    )


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="Pipes mit Namen (FIFO) gibt es nur unter POSIX")
def test_a_named_pipe_is_refused_at_once(projekt: Projekt, tmp_path: Path) -> None:
    fifo = tmp_path / "abfrage.csv"
    os.mkfifo(fifo)
    result = run_process(projekt, "abfrage", "einlesen", str(fifo))
    assert (result.returncode, result.stderr) == (
        1,
        f"Fehler: {fifo} ist keine gewöhnliche Datei (sondern ein Gerät, eine Pipe oder ein Socket). Speichern Sie "
        "die Tabelle als Datei und geben Sie diese an.\n",
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="/dev/zero gibt es hier nicht")
def test_dev_zero_is_refused_at_once(projekt: Projekt) -> None:
    result = run_process(projekt, "abfrage", "einlesen", "/dev/zero")
    assert (result.returncode, result.stderr) == (
        1,
        "Fehler: /dev/zero ist keine gewöhnliche Datei (sondern ein Gerät, eine Pipe oder ein Socket). Speichern Sie "
        "die Tabelle als Datei und geben Sie diese an.\n",
    )


def test_a_folder_is_refused(projekt: Projekt, tmp_path: Path) -> None:
    result = projekt.run("abfrage", "einlesen", str(tmp_path))
    assert (result.exit_code, result.stderr) == (1, f"Fehler: {tmp_path} ist ein Ordner, keine Tabelle.\n")


def test_a_sheet_above_the_size_limit_is_refused_before_reading(projekt: Projekt, tmp_path: Path) -> None:
    big = tmp_path / "riesig.csv"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: nothing is really written
    result = projekt.run("abfrage", "einlesen", str(big))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fehler: {big} ist 21,0 MB groß; eine Tabelle darf höchstens 20,0 MB groß sein. Teilen Sie die Abfrage auf, "
        "z. B. mit --verantwortlich.\n",
    )


def test_many_rows_for_one_measure_parse_its_file_a_fixed_number_of_times(
    projekt: Projekt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Linear in the rows: the measure file is not parsed again for every planned entry."""
    rows = [
        zeile("M-BIL-02", datum=(date(2009, 3, 1) + timedelta(days=i)).isoformat(), notiz=f"Sachstand {i}")
        for i in range(200)
    ]
    parsed = spy(monkeypatch, read_module, "parse_text", lambda name, *rest: name)
    result = einlesen(projekt, tmp_path, excel(rows))
    assert result.exit_code == 0, result.stderr
    assert len(verlauf(projekt.path(M2))) == 201
    assert parsed.count(M2) <= 4  # loading, planning, reading back, validating the whole project
