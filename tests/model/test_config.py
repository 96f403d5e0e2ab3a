"""config: luedialog.yaml is found like git finds its repository, validated, and checked across keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from luedialog.errors import ProjectNotFoundError
from luedialog.findings import Finding, Severity
from luedialog.model.ampel import AMPELN
from luedialog.model.config import Config
from luedialog.paths import CONFIG_FILE, find_root
from luedialog.snapshot import load_config
from tests.conftest import Projekt, run_cli

# Lines in tests/fixtures/musterstadt/luedialog.yaml
LINE_STATUS = 29
LINE_FIRST_AMPEL = 32
LINE_UEBERGANG_GEPLANT = 46
LINE_AFTER_LAST = 51


def load(projekt: Projekt) -> tuple[Config | None, list[Finding]]:
    return load_config(projekt.root)


def with_code(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    finding = findings[0]
    assert finding.file == CONFIG_FILE and finding.severity is Severity.FEHLER
    return finding


def append(projekt: Projekt, text: str) -> None:
    projekt.write(CONFIG_FILE, projekt.read(CONFIG_FILE) + text)


# --- find_root ---------------------------------------------------------------------------------


def test_find_root_finds_the_config_in_the_start_folder(projekt: Projekt) -> None:
    assert find_root(projekt.root) == projekt.root.resolve()


def test_find_root_finds_the_config_from_a_nested_subfolder(projekt: Projekt) -> None:
    assert find_root(projekt.root / "data" / "massnahmen") == projekt.root.resolve()


def test_find_root_takes_the_nearest_config(projekt: Projekt) -> None:
    inner = projekt.root / "data" / "gruppen"
    (inner / CONFIG_FILE).write_text("name: innen\n", encoding="utf-8")
    assert find_root(inner) == inner.resolve()


def test_find_root_without_config_raises_project_not_found_in_german(tmp_path: Path) -> None:
    start = tmp_path / "irgendwo" / "tief"
    start.mkdir(parents=True)
    with pytest.raises(ProjectNotFoundError) as caught:
        find_root(start)
    assert caught.value.message.startswith("Kein luedialog-Projekt gefunden")
    assert CONFIG_FILE in caught.value.message and str(start.resolve()) in caught.value.message
    assert "--daten" in str(caught.value)


def test_find_root_ignores_a_folder_named_like_the_config(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).mkdir()
    with pytest.raises(ProjectNotFoundError):
        find_root(tmp_path)


# --- load_config on the fixture ----------------------------------------------------------------


def test_load_config_of_the_fixture_is_clean(projekt: Projekt) -> None:
    config, findings = load(projekt)
    assert findings == []
    assert config is not None
    assert (config.name, config.kommune) == ("Musterdialog", "Musterstadt")
    assert config.vorlage is not None
    assert (config.vorlage.nummer, config.vorlage.datum) == ("1/09", date(2009, 2, 1))
    assert (config.zeitraum.beginn, config.zeitraum.ende_jahr) == (date(2009, 3, 1), 2012)
    assert config.veraltet_nach_monaten == 12


def test_vorlage_header_with_course_of_deliberation(projekt: Projekt) -> None:
    """Der Kopf einer Vorlage (nach OParl Paper/Consultation): Fachbereich, öffentlich, Folgekosten und
    die Beratungsfolge; die Ratssitzung ist die Sitzung des Beschlussorgans."""
    projekt.replace(
        CONFIG_FILE,
        "  titel: Leitlinien des Musterdialogs\n",
        "  titel: Leitlinien des Musterdialogs\n"
        "  fachbereich: 1.1 Muster\n"
        "  oeffentlich: ja\n"
        "  folgekosten: nein\n"
        "  beratungsfolge:\n"
        "    - gremium: Ausschuss\n"
        "      sitzung: 2009-02-10\n"
        "      top: 2/09 I. 1.\n"
        "    - gremium: Rat\n"
        "      sitzung: 2009-02-20\n"
        "      top: 3/09 II. 4.\n"
        "      beschlussorgan: ja\n",
    )
    config, findings = load(projekt)
    assert findings == []
    assert config is not None and config.vorlage is not None
    vorlage = config.vorlage
    assert (vorlage.fachbereich, vorlage.oeffentlich, vorlage.folgekosten) == ("1.1 Muster", True, False)
    assert [(b.gremium, b.sitzung, b.top, b.beschlussorgan) for b in vorlage.beratungsfolge] == [
        ("Ausschuss", date(2009, 2, 10), "2/09 I. 1.", False),
        ("Rat", date(2009, 2, 20), "3/09 II. 4.", True),
    ]
    assert vorlage.ratssitzung == date(2009, 2, 20)


def test_vorlage_without_header_has_no_council_session(projekt: Projekt) -> None:
    config, _ = load(projekt)
    assert config is not None and config.vorlage is not None
    assert config.vorlage.beratungsfolge == () and config.vorlage.ratssitzung is None
    assert (config.vorlage.fachbereich, config.vorlage.oeffentlich, config.vorlage.folgekosten) == (None, None, None)


def test_beratung_without_session_date_is_a_finding(projekt: Projekt) -> None:
    projekt.replace(
        CONFIG_FILE,
        "  titel: Leitlinien des Musterdialogs\n",
        "  titel: Leitlinien des Musterdialogs\n  beratungsfolge:\n    - gremium: Rat\n",
    )
    config, findings = load(projekt)
    f = only(findings)
    assert config is None and f.code == "pflichtfeld" and "„sitzung“" in f.message


def test_load_config_returns_the_vocabularies(projekt: Projekt) -> None:
    config, _ = load(projekt)
    assert config is not None
    vocab = config.vocabularies()
    assert vocab["handlungsfeld"] == ("bildung", "wohnen")
    assert vocab["stadtteil"] == ("Nordviertel", "Südhafen")
    assert vocab["status"] == ("geplant", "in_umsetzung", "umgesetzt", "eingestellt")
    assert vocab["leitlinienart"] == ("strategisches_ziel",)
    assert vocab["massnahmenart"] == ("projekt", "massnahme")
    assert vocab["gruppenart"] == ("arbeitsgruppe",)
    assert vocab["rolle"] == ("mitglied",)
    assert vocab["ampel"] == AMPELN


def test_status_definitions_keep_their_flags_and_defaults(projekt: Projekt) -> None:
    config, _ = load(projekt)
    assert config is not None
    umgesetzt = config.status_def("umgesetzt")
    assert (umgesetzt.ampel, umgesetzt.final, umgesetzt.nachweis) == ("gruen", True, True)
    eingestellt = config.status_def("eingestellt")
    assert (eingestellt.final, eingestellt.nachweis, eingestellt.bedeutung) == (
        True,
        False,
        "",
    )
    assert config.feld("wohnen").kuerzel == "WOH"


def test_transitions_are_read_as_tuples(projekt: Projekt) -> None:
    config, _ = load(projekt)
    assert config is not None
    assert config.uebergaenge == {
        "geplant": ("in_umsetzung", "eingestellt"),
        "in_umsetzung": ("umgesetzt", "eingestellt"),
        "umgesetzt": (),
        "eingestellt": (),
    }


# --- transitions -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["geplant", "umgesetzt", "eingestellt"])
def test_same_status_is_always_allowed(projekt: Projekt, status: str) -> None:
    config, _ = load(projekt)
    assert config is not None and config.transition_allowed(status, status)


def test_listed_transition_is_allowed_and_others_are_not(projekt: Projekt) -> None:
    config, _ = load(projekt)
    assert config is not None
    assert config.transition_allowed("geplant", "in_umsetzung")
    assert not config.transition_allowed("geplant", "umgesetzt")
    assert not config.transition_allowed("umgesetzt", "geplant")
    assert config.allowed_after("in_umsetzung") == ("umgesetzt", "eingestellt")
    assert config.allowed_after("unbekannt") == ()


def test_transition_to_an_unknown_status_points_at_its_entry(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "geplant: [in_umsetzung, eingestellt]", "geplant: [in_umsetzung, eingestelt]")
    config, findings = load(projekt)
    f = only(findings)
    assert config is None
    assert (f.line, f.code, f.key) == (LINE_UEBERGANG_GEPLANT, "unbekannter-wert", "uebergaenge")
    assert "unbekannten Status „eingestelt“" in f.message
    assert f.hint == "Meinten Sie „eingestellt“?"


def test_transition_from_an_unknown_status_points_at_its_entry(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "  eingestellt: []\n", "  eingestellt: []\n  pausiert: [geplant]\n")
    config, findings = load(projekt)
    f = only(findings)
    assert config is None
    assert (f.line, f.code) == (50, "unbekannter-wert") and "„pausiert“" in f.message
    assert f.hint == "Erlaubt: geplant, in_umsetzung, umgesetzt, eingestellt."


def test_transition_that_is_not_a_list_is_falscher_typ(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "  umgesetzt: []\n", "  umgesetzt: eingestellt\n")
    f = only(load(projekt)[1])
    assert (f.line, f.code, f.key) == (48, "falscher-typ", "uebergaenge.umgesetzt")


# --- duplicates --------------------------------------------------------------------------------


def test_duplicate_status_key_is_doppelte_id(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "schluessel: eingestellt", "schluessel: geplant")
    config, findings = load(projekt)
    f = only(with_code(findings, "doppelte-id"))
    assert config is None
    assert (f.line, f.key) == (LINE_STATUS, "status")
    assert "Status „geplant“ ist doppelt definiert" in f.message


def test_duplicate_field_of_action_is_doppelte_id(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "schluessel: wohnen", "schluessel: bildung")
    config, findings = load(projekt)
    f = only(findings)
    assert config is None
    assert (f.line, f.code, f.key) == (11, "doppelte-id", "handlungsfelder")
    assert "Handlungsfeld „bildung“ ist doppelt definiert" in f.message


def test_kuerzel_differing_only_in_case_are_doppelte_id(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "kuerzel: WOH", "kuerzel: bil")
    config, findings = load(projekt)
    f = only(findings)
    assert config is None
    assert (f.line, f.code) == (11, "doppelte-id") and "Kürzel „bil“ ist doppelt definiert" in f.message


def test_duplicate_yaml_key_in_the_config_is_doppelter_schluessel(projekt: Projekt) -> None:
    append(projekt, "kommune: Anderswo\n")
    f = only(load(projekt)[1])
    assert (f.line, f.code, f.key) == (LINE_AFTER_LAST, "doppelter-schluessel", "kommune")
    assert "zuerst in Zeile 3" in f.message


# --- schema of the config ----------------------------------------------------------------------


def test_unknown_top_level_key_is_unbekannter_schluessel(projekt: Projekt) -> None:
    append(projekt, "farbe: rot\n")
    config, findings = load(projekt)
    f = only(findings)
    assert config is None
    assert (f.line, f.code, f.key) == (LINE_AFTER_LAST, "unbekannter-schluessel", "farbe")
    assert "Unbekannter Schlüssel „farbe“ in Projektkonfiguration" in f.message


def test_misspelt_top_level_key_gets_a_suggestion(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "veraltet_nach_monaten: 12", "veraltet_nach_monate: 12")
    f = only(load(projekt)[1])
    assert (f.line, f.code) == (50, "unbekannter-schluessel")
    assert f.hint == "Meinten Sie „veraltet_nach_monaten“?"


def test_unknown_ampel_colour_is_unbekannter_wert(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "    ampel: gelb", "    ampel: blau")
    config, findings = load(projekt)
    f = only(findings)
    assert config is None
    assert (f.line, f.code, f.key) == (LINE_FIRST_AMPEL, "unbekannter-wert", "status[1].ampel")
    assert "„blau“ ist kein bekannter Wert für die Ampelfarbe" in f.message
    assert f.hint == "Erlaubt: gruen, gelb, rot, grau."


def test_missing_required_key_is_pflichtfeld(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "name: Musterdialog\n", "")
    config, findings = load(projekt)
    f = only(findings)
    assert config is None
    assert (f.code, f.key) == ("pflichtfeld", "") and "Pflichtfeld „name“ fehlt in Projektkonfiguration" in f.message


def test_end_year_outside_its_range_is_ausserhalb(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "ende_jahr: 2012", "ende_jahr: 12")
    f = only(load(projekt)[1])
    assert (f.line, f.code, f.key) == (10, "ausserhalb", "zeitraum.ende_jahr")
    assert "zwischen 1900 und 2200" in f.message


def test_a_progress_per_status_is_refused(projekt: Projekt) -> None:
    """A status does not stand for a percentage: progress is only what an entry reports."""
    projekt.replace(
        CONFIG_FILE,
        "    final: true\n    nachweis: true\n",
        "    final: true\n    nachweis: true\n    fortschritt: 100\n",
    )
    f = only(load(projekt)[1])
    assert (f.code, f.key) == ("unbekannter-schluessel", "status[3].fortschritt")


def test_several_config_problems_are_all_reported(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "    ampel: gelb", "    ampel: blau")
    projekt.replace(CONFIG_FILE, "ende_jahr: 2012", "ende_jahr: zwanzig")
    append(projekt, "farbe: rot\n")
    config, findings = load(projekt)
    assert config is None
    assert sorted((f.line, f.code) for f in findings) == [
        (10, "falscher-typ"),
        (LINE_FIRST_AMPEL, "unbekannter-wert"),
        (LINE_AFTER_LAST, "unbekannter-schluessel"),
    ]


def test_missing_config_file_is_a_finding(tmp_path: Path) -> None:
    config, findings = load_config(tmp_path)
    f = only(findings)
    assert config is None and f.code == "datei-lesen"


def test_config_with_yaml_syntax_error_is_a_finding(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "ende_jahr: 2012", "ende_jahr: [2012")
    config, findings = load(projekt)
    f = only(findings)
    assert config is None and f.code == "yaml-syntax" and f.message.startswith("YAML-Syntaxfehler")


def test_invalid_unquoted_date_in_the_config_is_datum_ungueltig(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "  datum: 2009-02-01", "  datum: 2009-02-31")
    config, findings = load(projekt)
    assert config is None
    f = only(with_code(findings, "datum-ungueltig"))
    assert (f.line, f.key) == (6, "vorlage.datum")


def test_invalid_unquoted_date_in_the_config_is_reported_once(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "  datum: 2009-02-01", "  datum: 2009-02-31")
    f = only(load(projekt)[1])
    assert f.code == "datum-ungueltig"


# --- through the CLI ---------------------------------------------------------------------------

Break = Callable[[Projekt], None]


def _replace(old: str, new: str) -> Break:
    return lambda p: p.replace(CONFIG_FILE, old, new)


def write_latin1(projekt: Projekt) -> None:
    projekt.write_bytes(CONFIG_FILE, projekt.read(CONFIG_FILE).encode("latin-1"))


BROKEN_CONFIGS: list[tuple[str, Break, int]] = [
    ("unknown ampel", _replace("    ampel: gelb", "    ampel: blau"), LINE_FIRST_AMPEL),
    ("unknown transition", _replace("[in_umsetzung, eingestellt]", "[in_umsetzung, eingestelt]"), 46),
    ("yaml syntax", _replace("ende_jahr: 2012", "ende_jahr: [2012"), 11),
    (
        "duplicate status",
        _replace("uebergaenge:", "  - schluessel: geplant\n    bezeichnung: Nochmal\n    ampel: gelb\nuebergaenge:"),
        LINE_STATUS,
    ),
    ("duplicate field of action", _replace("schluessel: wohnen", "schluessel: bildung"), 11),
    ("latin-1", write_latin1, 18),
]


@pytest.mark.parametrize(("name", "break_it", "line"), BROKEN_CONFIGS, ids=[c[0] for c in BROKEN_CONFIGS])
def test_pruefen_with_broken_config_exits_1_and_names_file_and_line(
    projekt: Projekt, name: str, break_it: Break, line: int
) -> None:
    break_it(projekt)
    result = projekt.run("pruefen")
    output = result.stdout + result.stderr
    assert result.exit_code == 1
    assert f"{CONFIG_FILE}:{line}:" in output
    assert "Traceback" not in output and "Interner Fehler" not in output


def test_pruefen_with_empty_config_exits_1_without_traceback(projekt: Projekt) -> None:
    projekt.write(CONFIG_FILE, "# noch leer\n")
    result = projekt.run("pruefen")
    output = result.stdout + result.stderr
    assert result.exit_code == 1
    assert f"{CONFIG_FILE}:1:" in output and "leer" in output
    assert "Traceback" not in output


def test_pruefen_without_config_exits_1_and_mentions_daten(tmp_path: Path) -> None:
    result = run_cli("--daten", str(tmp_path), "pruefen")
    assert result.exit_code == 1
    assert CONFIG_FILE in result.stderr and "--daten" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_pruefen_lists_every_finding_of_a_broken_config(projekt: Projekt) -> None:
    projekt.replace(CONFIG_FILE, "    ampel: gelb", "    ampel: blau")
    append(projekt, "farbe: rot\n")
    result = projekt.run("pruefen")
    output = result.stdout + result.stderr
    assert result.exit_code == 1
    assert f"{CONFIG_FILE}:{LINE_FIRST_AMPEL}:" in output and f"{CONFIG_FILE}:{LINE_AFTER_LAST}:" in output
