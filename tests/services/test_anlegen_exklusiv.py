"""Creating never overwrites, and one discovery of data files (issue 12, §1).

`neu massnahme` picks the next free ID by the IDs *and* the file names in the folder, and a file
that appears between planning and writing is not overwritten (created exclusively). A data file is
data everywhere or nowhere: `M-BIL-02.YAML` is loaded and its history is checked by `--seit` too.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from luedialog.errors import LuedialogError
from luedialog.services.transaction import Transaction
from tests.conftest import Projekt, daten, git

pytestmark = pytest.mark.usefixtures("git_ohne_benutzer")
M2 = "data/massnahmen/M-BIL-02.yaml"


def test_the_next_id_skips_a_file_name_that_is_taken(projekt: Projekt) -> None:
    # a broken file with the next number's name, whose content declares another ID
    projekt.write("data/massnahmen/M-BIL-03.yaml", "id: ganz-anders\ntitel: [kaputt\n")
    projekt.write("data/massnahmen/m-bil-04.yml", "# nur ein Name, in anderer Schreibweise\n")
    result = projekt.run("neu", "massnahme", "--feld", "bildung", "--titel", "Leseförderung", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Probelauf (--dry-run): nichts geschrieben.\n"
    assert "id: M-BIL-05\n" in result.stdout


def test_a_file_that_appears_before_the_write_is_not_overwritten(projekt: Projekt) -> None:
    name = "data/massnahmen/M-BIL-03.yaml"
    with Transaction.begin(projekt.root, date(2011, 1, 1)) as t:
        t.create(name, projekt.read(M2).replace("M-BIL-02", "M-BIL-03").encode())
        projekt.write(name, "# von jemand anderem angelegt\n")  # appears meanwhile
        before = daten(projekt.root)
        with pytest.raises(LuedialogError) as caught:
            t.commit()
    assert "gibt es schon" in str(caught.value)
    assert daten(projekt.root) == before


def test_creating_a_name_taken_in_another_case_is_refused(projekt: Projekt) -> None:
    with Transaction.begin(projekt.root, date(2011, 1, 1)) as t, pytest.raises(LuedialogError) as caught:
        t.create("data/massnahmen/m-bil-02.yaml", b"id: m-bil-02\n")
    name = "data/massnahmen/m-bil-02.yaml"
    assert str(caught.value).startswith(f"{name}: Die Datei {name} gibt es schon")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_an_upper_case_suffix_is_data_for_pruefen_seit_too(projekt: Projekt) -> None:
    upper = "data/massnahmen/M-BIL-02.YAML"
    projekt.path(M2).rename(projekt.path(upper))
    git(projekt.root, "init", "-q")
    git(projekt.root, "add", "-A")
    git(projekt.root, "commit", "-q", "-m", "Anfang")
    assert projekt.run("pruefen", "--stichtag", "2011-12-31").exit_code == 0
    projekt.replace(upper, "notiz: Stand laut Vorlage.", "notiz: Stand laut Vorlage, nachträglich geändert.")
    result = projekt.run("pruefen", "--stichtag", "2011-12-31", "--seit", "HEAD")
    assert result.exit_code == 1
    assert f"{upper}:11: Fehler: Verlaufseintrag 1 vom 01.02.2009 wurde seit HEAD geändert." in result.stdout
