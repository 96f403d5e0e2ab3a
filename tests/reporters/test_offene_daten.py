"""reporters.offene_daten: the daten/ folder — JSON with its schema, CSV for programs, OParl 1.1,
DCAT-AP.de metadata — made of the public view, byte for byte the same for the same data."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from luedialog.queries.oeffentlich import oeffentlich
from luedialog.reporters.export import as_json
from luedialog.reporters.offene_daten import CSV_FIELDS, dateien
from luedialog.snapshot import Snapshot, load_snapshot
from tests.conftest import FIXTURES, REPO
from tests.oeffentlich_daten import INTERNE_TEXTE, intern_projekt

STICHTAG = date(2010, 12, 31)
OPARL = "https://schema.oparl.org/1.1/"


@pytest.fixture(scope="module")
def snap(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    loaded = load_snapshot(intern_projekt(tmp_path_factory.mktemp("offen") / "stadt"))
    assert loaded.snapshot is not None
    return loaded.snapshot


@pytest.fixture(scope="module")
def files(snap: Snapshot) -> dict[str, bytes]:
    return dateien(snap, STICHTAG)


def _json(files: dict[str, bytes], name: str) -> Any:
    return json.loads(files[name].decode("utf-8"))


def test_the_folder_holds_every_dataset_with_its_metadata(files: dict[str, bytes]) -> None:
    assert list(files) == [
        "export.dcat.jsonld",
        "luedialog.json",
        "luedialog.schema.json",
        "massnahmen-excel.csv",
        "massnahmen.csv",
        "massnahmen.dcat.jsonld",
        "oparl.dcat.jsonld",
        "oparl.json",
    ]


def test_same_data_same_bytes(snap: Snapshot, files: dict[str, bytes]) -> None:
    assert dateien(snap, STICHTAG) == files
    assert dateien(snap, date(2011, 12, 31)) != files


def test_nothing_internal_and_no_name_without_consent(files: dict[str, bytes]) -> None:
    text = b"\n".join(files.values()).decode("utf-8")
    assert [t for t in INTERNE_TEXTE if t in text] == []
    assert "M-BIL-09" not in text
    assert "Sabine Geheim" not in text and "Kurt Verschwiegen" not in text
    assert "Otto Offen" in text  # with consent


def test_the_json_is_the_public_export_and_valid_against_its_schema(snap: Snapshot, files: dict[str, bytes]) -> None:
    assert _json(files, "luedialog.json") == json.loads(as_json(oeffentlich(snap), STICHTAG))
    schema = _json(files, "luedialog.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(_json(files, "luedialog.json"))


@pytest.mark.parametrize("name", ["luedialog.json", "oparl.json"])
def test_the_big_json_files_hold_one_record_per_line(files: dict[str, bytes], name: str) -> None:
    """Laid out like the indented export (each key on a line of its own), but every item of a list in
    one line: written by Python's C encoder, in less than half the time at 10,000 measures."""
    text = files[name].decode("utf-8")
    data = json.loads(text)
    lines = text.split("\n")
    expected = ["{"]
    for key, value in data.items():
        if not isinstance(value, list):
            expected.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
        elif not value:
            expected.append(f"  {json.dumps(key)}: [],")
        else:
            expected.append(f"  {json.dumps(key)}: [")
            expected += [f"    {json.dumps(item, ensure_ascii=False)}," for item in value]
            expected[-1] = expected[-1].removesuffix(",")
            expected.append("  ],")
    expected[-1] = expected[-1].removesuffix(",")
    assert lines == [*expected, "}", ""]
    assert len(lines) == 3 + len(data) + sum(len(v) + 1 for v in data.values() if isinstance(v, list) and v)


def test_the_json_files_escape_what_a_terminal_would_act_on(tmp_path: Path) -> None:
    root = tmp_path / "stadt"
    shutil.copytree(FIXTURES / "musterstadt", root)
    path = root / "data" / "massnahmen" / "M-BIL-02.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("titel: Lehrschwimmbecken", 'titel: "Lehr\\e[2J\\x9b\\u2028becken"'), encoding="utf-8")
    loaded = load_snapshot(root)
    assert loaded.snapshot is not None
    made = dateien(loaded.snapshot, STICHTAG)["luedialog.json"].decode("utf-8")
    assert '"titel": "Lehr\\u001b[2J\\u009b\\u2028becken"' in made
    assert re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", made.replace("\n", "")) is None


@pytest.mark.parametrize("root", [REPO, FIXTURES / "berichtsstadt", FIXTURES / "musterstadt"], ids=lambda p: p.name)
def test_the_schema_fits_the_export_of_every_project(root: Path) -> None:
    loaded = load_snapshot(root)
    assert loaded.snapshot is not None
    made = dateien(loaded.snapshot, STICHTAG)
    schema = json.loads(made["luedialog.schema.json"])
    jsonschema.Draft202012Validator(schema).validate(json.loads(made["luedialog.json"]))


def test_the_schema_rejects_a_broken_export(files: dict[str, bytes]) -> None:
    data = _json(files, "luedialog.json")
    data["massnahmen"][0]["verlauf"][0]["datum"] = "15.03.2010"
    with pytest.raises(jsonschema.ValidationError, match="does not match"):
        jsonschema.Draft202012Validator(_json(files, "luedialog.schema.json")).validate(data)


def test_the_csv_for_programs_round_trips(files: dict[str, bytes]) -> None:
    raw = files["massnahmen.csv"]
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in rows] == ["M-BIL-01", "M-BIL-02", "M-WOH-01", "M-WOH-02"]
    assert rows[0] == {
        "id": "M-BIL-01",
        "titel": "Sichere Schulwege",
        "art": "empfehlung",
        "handlungsfeld": "bildung",
        "status": "in_umsetzung",
        "status_bezeichnung": "In Umsetzung",
        "ampel": "gelb",
        "fortschritt": "",
        "stand": "2010-12-01",
        "letzte_notiz": "",  # the note of that entry is internal
        "priorisiert": "false",
        "leitlinien": "L-BIL-1",
        "teil_von": "",
        "stadtteile": "",
        "gruppen": "ag-bildung",
        "verantwortlich": "",
        "zieldatum": "",
        "ueberfaellig": "false",
        "veraltet": "false",
        "kosten": "",
        "foerderung": "",
        "eigenanteil": "",
        "haushalt": "",
        "finanzen_notiz": "",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    assert out.getvalue() == text


def test_the_excel_csv_stays_beside_it(files: dict[str, bytes]) -> None:
    assert files["massnahmen-excel.csv"].startswith(b"\xef\xbb\xbfID;Titel;Art;")


def _objects(oparl: dict[str, Any]) -> list[dict[str, Any]]:
    found = [o for key in ("organization", "person", "membership", "meeting", "paper") for o in oparl[key]]
    return found + [c for p in oparl["paper"] for c in p.get("consultation", [])]


def test_oparl_objects_have_what_oparl_requires(files: dict[str, bytes]) -> None:
    oparl = _json(files, "oparl.json")
    kinds = {"organization": "Organization", "person": "Person", "membership": "Membership", "meeting": "Meeting"}
    for key, kind in {**kinds, "paper": "Paper"}.items():
        assert oparl[key], key
        assert {o["type"] for o in oparl[key]} == {OPARL + kind}
    ids = [o["id"] for o in _objects(oparl)]
    assert len(ids) == len(set(ids))
    for o in _objects(oparl):
        assert o["id"].startswith("oparl.json#")  # relative URLs: there is no server
        assert o["type"].startswith(OPARL)
        assert o["created"] == o["modified"] == "2010-12-31T00:00:00+00:00"
    known = set(ids)
    for m in oparl["membership"]:  # every reference resolves inside the file
        assert m["organization"] in known and ("person" not in m or m["person"] in known)
    for meeting in oparl["meeting"]:
        assert set(meeting["organization"]) <= known and "name" in meeting and "start" in meeting
    for c in oparl["paper"][0].get("consultation", []):  # Gruppenstadt's paper names none
        assert c["type"] == OPARL + "Consultation" and c["paper"] == oparl["paper"][0]["id"]
        assert c["meeting"] in known and set(c["organization"]) <= known


def test_oparl_groups_members_and_paper(files: dict[str, bytes]) -> None:
    oparl = _json(files, "oparl.json")
    assert [p["name"] for p in oparl["person"]] == sorted(p["name"] for p in oparl["person"])
    assert "Sabine Geheim" not in {p["name"] for p in oparl["person"]}
    sabine = next(m for m in oparl["membership"] if m["id"] == "oparl.json#membership/ag-bildung/5")
    assert sabine == {
        "id": "oparl.json#membership/ag-bildung/5",
        "type": OPARL + "Membership",
        "organization": "oparl.json#organization/ag-bildung",
        "role": "Mitglied",
        "startDate": "2009-03-01",
        "endDate": "2010-12-31",
        "created": "2010-12-31T00:00:00+00:00",
        "modified": "2010-12-31T00:00:00+00:00",
    }
    otto = next(m for m in oparl["membership"] if m["id"] == "oparl.json#membership/ag-bildung/4")
    assert otto["person"] == "oparl.json#person/otto-offen"
    names = [m["name"] for m in oparl["meeting"] if m["organization"] == ["oparl.json#organization/ag-bildung"]]
    assert names == ["Auftaktsitzung", "Schulwege", "Hausaufgabenhilfe"]  # not the internal meeting
    paper = oparl["paper"][0]
    assert {k: paper[k] for k in ("id", "name", "reference", "date")} == {
        "id": "oparl.json#paper/3-08",
        "name": "Prozessstruktur des Gruppendialogs",
        "reference": "3/08",
        "date": "2008-10-01",
    }


def test_oparl_of_the_shipped_paper_56_08() -> None:
    loaded = load_snapshot(REPO)
    assert loaded.snapshot is not None
    oparl = json.loads(dateien(loaded.snapshot, STICHTAG)["oparl.json"])
    paper = oparl["paper"][0]
    known = {o["id"] for o in _objects(oparl)}
    for c in paper["consultation"]:
        assert (c["type"], c["paper"]) == (OPARL + "Consultation", "oparl.json#paper/56-08")
        assert c["meeting"] in known and set(c["organization"]) <= known
    assert (paper["reference"], paper["date"]) == ("56/08", "2008-09-25")
    assert [(c["meeting"], c["authoritative"]) for c in paper["consultation"]] == [
        ("oparl.json#meeting/gremium-haupt--und-finanzausschuss/2008-10-23", False),
        ("oparl.json#meeting/gremium-rat/2008-10-30", True),
    ]


def test_dcat_metadata_per_dataset(files: dict[str, bytes]) -> None:
    meta = _json(files, "massnahmen.dcat.jsonld")
    assert meta["@type"] == "dcat:Dataset"
    assert meta["dct:title"] == "Gruppendialog (Stadt Gruppenstadt): Maßnahmen als Tabelle"
    assert meta["dct:license"] == {"@id": "http://dcat-ap.de/def/licenses/dl-by-de/2.0"}
    assert meta["dct:publisher"] == {"@type": "foaf:Organization", "foaf:name": "Stadt Gruppenstadt"}
    assert meta["dct:modified"] == {"@value": "2010-12-31", "@type": "xsd:date"}
    assert [(d["dcat:accessURL"]["@id"], d["dct:format"]["@id"]) for d in meta["dcat:distribution"]] == [
        ("massnahmen.csv", "http://publications.europa.eu/resource/authority/file-type/CSV"),
        ("massnahmen-excel.csv", "http://publications.europa.eu/resource/authority/file-type/CSV"),
    ]
    for name in ("export.dcat.jsonld", "oparl.dcat.jsonld"):
        for d in _json(files, name)["dcat:distribution"]:
            assert d["dcat:accessURL"]["@id"] in files
