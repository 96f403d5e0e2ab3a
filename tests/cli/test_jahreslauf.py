"""The year of the README („Ein Jahr im Lüner Dialog“) as it is written there, command by command, on a
copy of the shipped data (a fictional year, written only into ``tmp_path``, never into ``data/``).

The commands are read from the README between its markers, so the walk-through cannot fall behind the
program; a command marked ``# abgelehnt`` must be refused and change nothing. Between ``abfrage
erstellen`` and ``abfrage einlesen`` the test fills in the sheet as the office would.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, Projekt, added_lines, daten, run_cli

pytestmark = [pytest.mark.usefixtures("git_ohne_benutzer"), pytest.mark.slow]

BEGIN, END = "<!-- jahreslauf:anfang -->", "<!-- jahreslauf:ende -->"


def commands() -> list[tuple[list[str], bool]]:
    """Every ``luedialog …`` line of the walk-through (continuations joined) and whether it is refused."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    part = text.split(BEGIN, 1)[1].split(END, 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", part, re.DOTALL)
    found = []
    for block in blocks:
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith("luedialog "):
                found.append((shlex.split(line, comments=True)[1:], "# abgelehnt" in line))
    return found


def fill_in(sheet: Path) -> None:
    """What the FB Schule writes into the sheet: a new state of M-BEK-02, as Excel saves it."""
    raw = sheet.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    head = rows[0]
    row = next(r for r in rows[1:] if r[head.index("ID")] == "M-BEK-02")
    row[head.index("Neuer Status")] = "In Umsetzung"
    row[head.index("Datum")] = "01.10.10"
    row[head.index("Notiz")] = "Entwurf des Stadtteilversorgungsplans liegt vor"
    row[head.index("Fortschritt")] = "40 %"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    sheet.write_bytes(out.getvalue().encode("utf-8-sig"))


@pytest.fixture
def luenen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Projekt:
    """A copy of the shipped project (configuration, data, schemas) as the working directory."""
    root = tmp_path / "luener-dialog"
    root.mkdir()
    shutil.copy(REPO / "luedialog.yaml", root / "luedialog.yaml")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "schema", root / "schema")
    monkeypatch.chdir(root)
    return Projekt(root)


def test_the_walk_through_has_every_act_of_the_year() -> None:
    names = [" ".join(args[:2]) for args, _ in commands()]
    for act in (
        "mitglied eintragen",
        "sitzung ag-bildung",
        "neu empfehlung",
        "aendern M-BEK-02",
        "sachstand M-BEK-02",
        "neu massnahme",
        "korrigieren M-BEK-04",
        "abfrage erstellen",
        "abfrage einlesen",
        "konferenz --datum",
        "bericht rat",
    ):
        assert act in names, act


def test_a_year_in_the_luener_dialog(luenen: Projekt) -> None:
    shipped = daten(luenen.root)
    for args, refused in commands():
        if args[:2] == ["abfrage", "einlesen"] and "--dry-run" in args:  # the sheet came back filled in
            fill_in(luenen.path(args[2]))
        before = daten(luenen.root)
        result = run_cli(*args)
        shown = " ".join(args)
        if refused:
            assert result.exit_code == 1, shown
            assert daten(luenen.root) == before, shown
        else:
            assert result.exit_code == 0, f"{shown}\n{result.stderr}"
        assert "Traceback" not in result.stdout + result.stderr

    after = daten(luenen.root)
    changed = sorted(n for n in after if n.startswith("data/") and after[n] != shipped.get(n))
    assert changed == [
        "data/gruppen/ag-bildung.yaml",
        "data/gruppen/jahreskonferenz.yaml",
        "data/gruppen/steuerungsgruppe.yaml",
        "data/massnahmen/M-BEK-02.yaml",
        "data/massnahmen/M-BEK-04.yaml",
        "data/massnahmen/M-BEK-16.yaml",
        "data/massnahmen/M-BEK-17.yaml",
    ]
    for name in changed:  # only added lines (an empty „mitglieder: []“ becomes „mitglieder:“)
        old = shipped.get(name, b"")
        if b"mitglieder: []\n" not in after[name]:
            old = old.replace(b"mitglieder: []\n", b"mitglieder:\n")
        added_lines(old, after[name])
    m4 = "data/massnahmen/M-BEK-04.yaml"
    assert added_lines(shipped[m4], after[m4]) == [
        "  - datum: 2010-09-02\n",
        "    status: in_umsetzung\n",
        "    notiz: Zweites Netzwerktreffen der Schulen\n",
        "    von: FB Schule\n",
        "  - datum: 2010-08-15\n",
        "    status: in_umsetzung\n",
        "    notiz: Ferienprogramm mit den Schulen abgestimmt\n",
        "    von: FB Schule\n",
        "korrekturen:\n",
        "  - datum: 2010-09-20\n",
        "    eintrag: 2\n",
        '    grund: "Monat vertippt: das Treffen war am 02.07.2010"\n',
        "    richtig:\n",
        "      datum: 2010-07-02\n",
    ]

    checked = run_cli("pruefen", "--format", "json")
    assert checked.exit_code == 0
    assert '"schwere": "fehler"' not in checked.stdout

    report = run_cli("bericht", "rat", "--jahr", "2010").stdout
    title = "**M-BEK-02** Stadtteilversorgungspläne für Bildung und Kultur"
    assert f"| 10.05.2010 | {title} | Geplant → In Umsetzung |" in report
    assert (
        f"| 01.10.2010 | {title} | In Umsetzung (unverändert) | Entwurf des Stadtteilversorgungsplans liegt vor |"
        in report
    )
    assert (
        f"| 15.11.2010 | {title} | Zieldatum | 31.12.2010 | 30.06.2011 | "
        "Die Schulentwicklungsplanung wird erst im Frühjahr 2011 fertig |" in report
    )
    assert (
        "| 20.09.2010 | **M-BEK-04** " in report
        and "| Nr. 2 vom 02.09.2010 | Datum: 02.07.2010 | Monat vertippt" in report
    )
    assert "Die Jahreskonferenz 2010 fand am 20.11.2010 statt." in report
    group = "Arbeitsgruppe „Lüner Dialog zu Bildung, Erziehung und Kultur“"
    assert f"| {group} | Ganztag an allen Grundschulen |" in report
    assert "| 15.03.2010 | Sichere Schulwege (12 Teilnehmende) | Empfehlung an die Verwaltung beschlossen |" in report
    assert "Erika Muster" in report and "Hans Probe" not in report

    conference = luenen.read("jahreskonferenz-2010.md")
    assert "Ganztag an allen Grundschulen" in conference and "Hans Probe" not in conference
    html = luenen.read("rat-2010.html")
    assert "Korrekturen im Jahr 2010" in html and "Hans Probe" not in html

    # reports before the corrections and changes were made stay as they were: the state in June
    june = run_cli("status", "--stichtag", "30.06.2010", "--format", "json").stdout
    assert '"id": "M-BEK-04"' in june and '"stand": "2008-09-25"' in june.split('"id": "M-BEK-04"', 1)[1][:400]
