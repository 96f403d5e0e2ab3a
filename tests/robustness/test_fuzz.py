"""Hypothesis fuzzing of the loader and of ``abfrage einlesen``: a valid result or a clean finding.

The loader (``yamlio.parse_bytes``, ``yamlio.parse_text``, and the whole ``load_snapshot`` with
``run_checks``) gets random bytes, random text made of YAML's special characters, random YAML
structures, and mutations of the Musterstadt files; ``abfrage.read_rows`` and ``abfrage.einlesen``
get random bytes and spreadsheets with random cells. The only allowed outcomes are a valid result
(which must then also be usable: ``status`` works, and entries read in are really there) or findings
with file, line and German text, or a ``LuedialogError``. Any other exception fails the test.

Two profiles (select with the environment variable ``HYPOTHESIS_PROFILE``):

- ``ci`` (default): 150 examples per test, about 10 seconds in all; runs with every pytest run.
- ``lang``: 5,000 examples per test, about 5 minutes, for a long run on demand::

      HYPOTHESIS_PROFILE=lang python -m pytest tests/test_fuzz.py

Neither profile keeps an example database; a failure prints the example and a
``@reproduce_failure`` line to replay it.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from luedialog.checks import run_checks
from luedialog.errors import LuedialogError
from luedialog.files.arbeitsmappe import Blatt, Spalte, workbook
from luedialog.files.read import Document, parse_bytes, parse_text
from luedialog.findings import Finding
from luedialog.services.abfrage import COLUMNS, FILL_IN, einlesen, read_rows
from luedialog.snapshot import load_snapshot
from tests.conftest import FIXTURES, run_cli

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "lang",
    max_examples=5_000,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FUZZ = settings.get_profile(PROFILE)

MUSTERSTADT = FIXTURES / "musterstadt"
PLACES = {
    "massnahme": "data/massnahmen/M-BIL-01.yaml",
    "leitlinie": "data/leitlinien/bildung.yaml",
    "gruppe": "data/gruppen/ag-bildung.yaml",
    "konfiguration": "luedialog.yaml",
}
TODAY = date(2012, 6, 30)
ENGLISH = "Problem laut YAML-Parser"  # the fallback that shows PyYAML's English text

pytestmark = pytest.mark.slow


# --- helpers -------------------------------------------------------------------------------------


def assert_clean(findings: list[Finding], files: set[str] | None = None) -> None:
    """Findings are data with a known file, a line, a code and a German message."""
    for f in findings:
        assert isinstance(f, Finding)
        assert files is None or f.file in files, f
        assert f.line >= 0 and f.column >= 0 and f.code and f.message, f
        assert ENGLISH not in f.message, f


def parse(raw: bytes) -> tuple[Document | None, list[Finding]]:
    doc, findings = parse_bytes(Path("x.yaml"), "data/x.yaml", raw)
    assert_clean(findings, {"data/x.yaml"})
    assert doc is not None or findings  # no document without a reason
    return doc, findings


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(value: Any, flow: bool | None, unicode: bool) -> str:
    return yaml.dump(value, Dumper=_Dumper, default_flow_style=flow, allow_unicode=unicode, sort_keys=False)


@contextmanager
def project_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "musterstadt"
        shutil.copytree(MUSTERSTADT, root)
        yield root


def snapshot_files(root: Path) -> dict[str, bytes]:
    """The project's files (hidden ones, like the lock file or a cache, left out)."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file())
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in files
        if not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def check_project(root: Path) -> list[Finding]:
    """``pruefen`` as a function: every finding clean; a project without errors also shows ``status``."""
    result = load_snapshot(root)
    findings = list(result.findings)
    if result.snapshot is not None:
        findings += run_checks(result.snapshot, TODAY)
    assert_clean(findings, set(snapshot_files(root)))
    if result.snapshot is not None and not any(f.is_error for f in findings):
        shown = run_cli("--daten", str(root), "status", "--stichtag", TODAY.isoformat(), "--format", "json")
        assert shown.exit_code == 0, shown.stdout + shown.stderr
    return findings


# --- strategies ----------------------------------------------------------------------------------

SEPARATORS = "\x85\u2028\u2029"  # luedialog refuses them raw (YAML would break the line there)
CONFLICT_STARTS = ("<<<<<<<", "=======", ">>>>>>>")
YAML_CHARACTERS = "-:?[]{},#&*!|>'\"%@`~ \t\n\r\\.0123456789abcxyzäöü"

texts = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters=SEPARATORS), max_size=30)
keys = st.one_of(
    st.sampled_from(["id", "titel", "art", "verlauf", "datum", "status", "notiz", "name", "leitlinien"]),
    texts.filter(lambda k: not k.startswith(CONFLICT_STARTS)),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**18), 10**18),
    st.floats(allow_nan=False),
    texts,
    st.dates(),
)
# depth stays far below yamlio.MAX_DEPTH: the nesting limit has its own tests (test_yamlio.py)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=20,
)
yaml_text = st.text(st.sampled_from(YAML_CHARACTERS), max_size=80)


# --- the loader: bytes and text ------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(raw: bytes) -> None:
    parse(raw)


@FUZZ
@given(yaml_text)
def test_random_yaml_like_text(text: str) -> None:
    parse(text.encode("utf-8"))


@FUZZ
@given(st.text(max_size=200), st.sampled_from([b"", b"\xef\xbb\xbf"]), st.sampled_from(["\n", "\r\n", "\r"]))
def test_random_unicode_text_with_bom_and_line_ends(text: str, bom: bytes, newline: str) -> None:
    parse(bom + text.replace("\n", newline).encode("utf-8"))


@FUZZ
@given(st.dictionaries(keys, structures, max_size=6), st.sampled_from([None, False, True]), st.booleans())
def test_plain_yaml_reads_back_as_pyyaml_wrote_it(value: dict[str, Any], flow: bool | None, unicode: bool) -> None:
    """Plain YAML as another program writes it loads without findings, with the same values."""
    text = dump(value, flow, unicode)
    doc, findings = parse_text("data/x.yaml", Path("x.yaml"), text)
    assert findings == [], text
    assert doc is not None and doc.data == value, text


# --- the whole snapshot --------------------------------------------------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a parsed file (the root included)."""
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*prefix, i))
    return found


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


WORDS = [
    "M-BIL-01", "M-BIL-02", "M-WOH-01", "m-bil-01", "L-BIL-1", "L-BIL-2", "ag-bildung", "bildung", "wohnen",
    "geplant", "in_umsetzung", "umgesetzt", "eingestellt", "projekt", "massnahme", "arbeitsgruppe", "mitglied",
    "strategisches_ziel", "gruen", "rot", "Nordviertel", "Südhafen", "ja", "nein", "31.02.2009", "15.03.2010",
]  # fmt: skip


def similar(old: Any) -> st.SearchStrategy[Any]:
    """A random value of the same type as ``old``, often one the project knows."""
    if isinstance(old, bool):
        return st.booleans()
    if isinstance(old, int):
        return st.one_of(st.integers(-5, 3000), st.integers())
    if isinstance(old, float):
        return st.floats()
    if isinstance(old, date):
        return st.dates()
    if isinstance(old, str):
        return st.one_of(st.sampled_from(WORDS), texts)
    return structures


def _mutate(data: Any, path: tuple[Any, ...], action: str, new: Any, key: str) -> Any:
    if not path:
        if action == "set":
            return new
        if action == "add" and isinstance(data, dict):
            return {**data, key: new}
        if action == "add" and isinstance(data, list):
            return [*data, new]
        return data
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        if not rest and action == "delete":
            return {k: v for k, v in data.items() if k != head}
        return {k: (_mutate(v, rest, action, new, key) if k == head else v) for k, v in data.items()}
    assert isinstance(data, list)
    if not rest and action == "delete":
        return [v for i, v in enumerate(data) if i != head]
    return [_mutate(v, rest, action, new, key) if i == head else v for i, v in enumerate(data)]


def _fixture_data(place: str) -> Any:
    doc, findings = parse_bytes(MUSTERSTADT / PLACES[place], PLACES[place], (MUSTERSTADT / PLACES[place]).read_bytes())
    assert doc is not None and findings == []
    return doc.data


FIXTURE_DATA = {place: _fixture_data(place) for place in PLACES}


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of Musterstadt for a test's examples; each example restores the file it changed."""
    root = tmp_path_factory.mktemp("fuzz") / "musterstadt"
    shutil.copytree(MUSTERSTADT, root)
    return root


@contextmanager
def replaced(root: Path, place: str, raw: bytes) -> Iterator[None]:
    target = root / PLACES[place]
    original = target.read_bytes()
    target.write_bytes(raw)
    try:
        yield
    finally:
        target.write_bytes(original)


@FUZZ
@given(place=st.sampled_from(list(PLACES)), data=st.data())
def test_mutated_files_load_or_give_findings(place: str, data: st.DataObject, fuzz_root: Path) -> None:
    """A fixture file with a few values changed, deleted or added loads, or the findings say why."""
    value = FIXTURE_DATA[place]
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        path = data.draw(st.sampled_from(_paths(value)), label="path")
        action = data.draw(st.sampled_from(["similar", "similar", "set", "delete", "add"]), label="action")
        if action == "similar":  # a value of the same type keeps most files valid: the checks get to run
            action, new = "set", data.draw(similar(_get(value, path)), label="new")
        else:
            new = data.draw(structures, label="new")
        value = _mutate(value, path, action, new, data.draw(keys, label="key"))
    text = dump(value, data.draw(st.sampled_from([None, False, True]), label="flow"), True)
    with replaced(fuzz_root, place, text.encode("utf-8")):
        check_project(fuzz_root)


@FUZZ
@given(place=st.sampled_from(list(PLACES)), raw=st.one_of(st.binary(max_size=200), yaml_text.map(str.encode)))
def test_random_files_in_a_project(place: str, raw: bytes, fuzz_root: Path) -> None:
    """No random file is a valid luedialog file: there is always an error for it, and only clean ones."""
    with replaced(fuzz_root, place, raw):
        findings = check_project(fuzz_root)
    assert any(f.is_error and f.file == PLACES[place] for f in findings)


# --- abfrage einlesen ----------------------------------------------------------------------------

IDS = ["M-BIL-01", "M-BIL-02", "M-WOH-01", "m-bil-01", " M-BIL-02 ", "M-XXX-99", ""]
STATUSES = ["", "geplant", "in_umsetzung", "umgesetzt", "eingestellt", "Umgesetzt", "erledigt"]
# statuses that may follow each fixture measure's latest one ("" keeps the status)
NEXT = {
    "M-BIL-01": ["", "in_umsetzung", "umgesetzt", "eingestellt"],
    "M-BIL-02": ["", "geplant", "in_umsetzung", "eingestellt"],
    "M-WOH-01": ["", "umgesetzt"],
}
days = st.dates(date(2011, 4, 2), TODAY)  # after every fixture entry, not in the future


def _date_text(day: date, german: bool) -> str:
    return day.strftime("%d.%m.%Y") if german else day.isoformat()


@st.composite
def valid_rows(draw: st.DrawFn) -> dict[str, str]:
    """A row that can be applied on its own: known ID, allowed status, plausible date, a real note."""
    ident = draw(st.sampled_from(sorted(NEXT)))
    return {
        "ID": ident,
        "Neuer Status": draw(st.sampled_from(NEXT[ident])),
        "Datum": _date_text(draw(days), draw(st.booleans())),
        "Notiz": "Sachstand: " + draw(st.text(min_size=10)),
        "Nachweis": draw(st.sampled_from(["Vorlage 12/11", '=HYPERLINK("x")', "'+49 Bericht"])),
        "Fortschritt": draw(st.one_of(st.just(""), st.integers(0, 100).map(str), st.just("50 %"))),
        "Berichtet von": draw(st.one_of(st.just(""), texts)),
    }


@st.composite
def spoilt_rows(draw: st.DrawFn) -> dict[str, str]:
    """A valid row with one cell replaced by something random or typical of mistakes."""
    row = draw(valid_rows())
    column = draw(st.sampled_from(sorted(row)))
    typical = {
        "ID": IDS,
        "Neuer Status": STATUSES,
        "Datum": ["", "31.02.2009", "2010-13-01", "1.3.2010", "heute", "00.00.0000", "01.01.2099"],
        "Notiz": ["", "tbd", "  ", "siehe oben"],
        "Nachweis": [""],
        "Fortschritt": ["-1", "101", "12,5", "1e400", "nan", "'=1+1", "½"],
        "Berichtet von": ["", "\n"],
    }
    row[column] = draw(st.one_of(st.sampled_from(typical[column]), texts))
    return row


random_rows = st.fixed_dictionaries({name: texts for name in ("ID", *FILL_IN)})
rows = st.one_of(valid_rows(), spoilt_rows(), random_rows)


def spreadsheet(
    table: list[dict[str, str]], header: list[str], delimiter: str, newline: str, encoding: str, bom: bool
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    for row in table:
        writer.writerow([row.get(name, "") for name in header])
    raw = out.getvalue().encode(encoding, errors="replace")
    return (b"\xef\xbb\xbf" if bom and encoding == "utf-8" else b"") + raw


@FUZZ
@given(st.binary(max_size=300))
@example(b"\xff\xfeI\x00D")  # UTF-16 cut off in the middle of a character
@example(b'ID;"' + b"x" * 200_000)  # a quote never closed: one cell larger than the csv module allows
def test_read_rows_with_random_bytes(raw: bytes) -> None:
    try:
        read_rows(raw)
    except LuedialogError as exc:
        assert exc.message


@FUZZ
@given(
    st.one_of(st.lists(valid_rows(), min_size=1, max_size=3), st.lists(rows, min_size=1, max_size=4)),
    st.sampled_from([list(COLUMNS), [c for c in COLUMNS if c != "Titel"], list(reversed(COLUMNS))]),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["\r\n", "\n"]),
    st.sampled_from(["utf-8", "cp1252", "utf-16"]),
    st.booleans(),
)
@example([{"ID": "M-BIL-01"}], list(COLUMNS), ";", "\r\n", "utf-8", True)  # nothing filled in: nothing to write
def test_einlesen_applies_all_rows_or_none(
    table: list[dict[str, str]], header: list[str], delimiter: str, newline: str, encoding: str, bom: bool
) -> None:
    raw = spreadsheet(table, header, delimiter, newline, encoding, bom)
    with project_copy() as root:
        before = snapshot_files(root)
        try:
            result = einlesen(root, raw, TODAY)
        except LuedialogError as exc:
            assert exc.message
            assert snapshot_files(root) == before  # nothing written
            return
        findings = check_project(root)
        assert [f for f in findings if f.is_error] == []
        after = load_snapshot(root).snapshot
        assert after is not None
        for _, entry in result.eintraege:
            recorded = after.massnahmen[entry.massnahme.strip()].verlauf
            wanted = (entry.datum, entry.status.strip(), entry.notiz)
            assert any((v.datum, v.status, v.notiz) == wanted for v in recorded)


WORKBOOK = workbook(
    [
        Blatt(
            "Sachstandsabfrage",
            tuple(Spalte(c, "datum" if c == "Datum" else "prozent" if c == "Fortschritt" else "text") for c in COLUMNS),
            [["M-BIL-02", "Lehrschwimmbecken", *[""] * 7, date(2011, 5, 1), "Bauantrag gestellt", "", 40, ""]],
            {"Neuer Status": [("Geplant", "In Umsetzung")]},
        )
    ]
)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_read_rows_with_a_damaged_workbook(changes: list[tuple[int, int]]) -> None:
    raw = bytearray(WORKBOOK)
    for offset, value in changes:
        raw[offset] = value
    try:
        read_rows(bytes(raw))
    except LuedialogError as exc:
        assert exc.message
