"""Town templates (issue 12, §3 and §5): a town may restyle its reports, but a template cannot run
code, read files or exhaust the machine, and a broken template ends in a German message (exit 1),
never in an internal error, and no report file is written.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from luedialog.paths import package_folder
from tests.conftest import Projekt

BUILT_IN = package_folder("luedialog.templates")


def bericht(projekt: Projekt, tmp_path: Path, *extra: str) -> tuple[int, str, str, Path]:
    target = tmp_path / "ausgabe" / "rat-2010.md"
    target.parent.mkdir(exist_ok=True)
    result = projekt.run("bericht", "rat", "--jahr", "2010", "--ausgabe", str(target), *extra)
    return result.exit_code, result.stdout, result.stderr, target


def own(projekt: Projekt, text: str | bytes, name: str = "rat.md.j2") -> Path:
    path = projekt.path("templates") / name
    path.parent.mkdir(exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_town_may_restyle_its_report(projekt: Projekt, tmp_path: Path) -> None:
    own(projekt, "# Unser Bericht {{ bericht.kopf.jahr }}\n" + (BUILT_IN / "rat.md.j2").read_text(encoding="utf-8"))
    code, _, stderr, target = bericht(projekt, tmp_path)
    assert code == 0, stderr
    assert target.read_text(encoding="utf-8").startswith("# Unser Bericht 2010")


HOSTILE = {
    "klassen": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "lipsum": "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "format": "{{ '{0.__class__.__init__.__globals__}'.format(bericht) }}",
    "funktion": "{{ bericht.__class__.__init__.__globals__ }}",
    "speicher": "{{ 'x' * 10 ** 10 }}",
    "potenz": "{{ 2 ** 999999999 }}",
    "verdoppeln": "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "bereich": "{% for i in range(10 ** 9) %}x{% endfor %}",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_template_cannot_run_code_or_exhaust_memory(projekt: Projekt, tmp_path: Path, text: str) -> None:
    own(projekt, text)
    code, stdout, stderr, target = bericht(projekt, tmp_path)
    assert code == 1, stderr
    assert stderr.startswith("Fehler: Die Vorlage rat.md.j2 "), stderr
    assert "Interner Fehler" not in stderr and "uid=" not in stdout + stderr
    assert not target.exists()


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_a_template_cannot_read_files_through_a_link(projekt: Projekt, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIMNIS", encoding="utf-8")
    (projekt.path("templates")).mkdir()
    (projekt.path("templates") / "rat.md.j2").symlink_to(secret)
    code, stdout, stderr, target = bericht(projekt, tmp_path)
    assert code == 1
    assert stderr.startswith("Fehler: Die Vorlage rat.md.j2 ist ein Verweis (Symlink) aus dem Vorlagenordner heraus")
    assert "GEHEIMNIS" not in stdout + stderr and not target.exists()


def test_a_template_cannot_include_a_file_of_the_system(projekt: Projekt, tmp_path: Path) -> None:
    own(projekt, "{% include '/etc/passwd' %}{% include '../../../../../etc/passwd' %}")
    code, stdout, stderr, target = bericht(projekt, tmp_path)
    assert code == 1
    assert "root:" not in stdout + stderr and not target.exists()


def test_a_template_that_is_not_utf8(projekt: Projekt, tmp_path: Path) -> None:
    own(projekt, "# Bericht\n\nGr\xfc\xdfe aus M\xfcnster\n".encode("latin-1"))
    code, _, stderr, target = bericht(projekt, tmp_path)
    assert (code, stderr) == (
        1,
        f"Fehler: Die Vorlage rat.md.j2 ({projekt.path('templates/rat.md.j2')}) ist nicht in UTF-8 gespeichert "
        "(Zeile 3). Speichern Sie sie als UTF-8 (im Editor: „Kodierung: UTF-8“).\n",
    )
    assert not target.exists()


@pytest.mark.parametrize(
    "text",
    [
        "{% include 'rat.md.j2' %}",
        "{% macro tief(n) %}{{ tief(n + 1) }}{% endmacro %}{{ tief(0) }}",
        "{% extends 'rat.md.j2' %}",
    ],
    ids=["include", "makro", "extends"],
)
def test_a_template_that_recurses(projekt: Projekt, tmp_path: Path, text: str) -> None:
    own(projekt, text)
    code, _, stderr, target = bericht(projekt, tmp_path)
    assert code == 1
    assert stderr.startswith("Fehler: Die Vorlage rat.md.j2 ruft sich ohne Ende selbst auf"), stderr
    assert not target.exists()


def test_a_template_with_a_syntax_error(projekt: Projekt, tmp_path: Path) -> None:
    own(projekt, "# Bericht\n\n{% if bericht.kopf %}\nkein Ende\n")
    code, _, stderr, target = bericht(projekt, tmp_path)
    assert code == 1
    assert stderr.startswith("Fehler: Die Vorlage rat.md.j2 hat in Zeile 4 einen Syntaxfehler (Jinja2: "), stderr
    assert not target.exists()


def test_a_template_naming_something_that_does_not_exist(projekt: Projekt, tmp_path: Path) -> None:
    own(projekt, "{{ bericht.gibt_es_nicht }}")
    code, _, stderr, target = bericht(projekt, tmp_path)
    assert code == 1
    assert stderr.startswith("Fehler: Die Vorlage rat.md.j2 verwendet einen Wert, den es nicht gibt (Jinja2: "), stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("ausdruck", "was"),
    [
        ("1 / 0", "eine Division durch null"),
        ("bericht.kopf.jahr + 'a'", "ein Wert hat nicht die Art, die der Ausdruck braucht"),
        ("'%d' % bericht.kopf.kommune", "ein Wert hat nicht die Art, die der Ausdruck braucht"),
        ("bericht|attr(['kopf'])", "ein Wert hat nicht die Art, die der Ausdruck braucht"),
        ("'{:d}'.format(bericht.kopf.kommune)", "ein Wert lässt sich nicht so umwandeln oder formatieren"),
        (
            "m.fortschritt(1, 2)",
            "das Makro „fortschritt“ bekommt mehr Werte, als es annimmt, oder einen Namen, den es nicht kennt",
        ),
        (
            "m.fortschritt(anders=1)",
            "das Makro „fortschritt“ bekommt mehr Werte, als es annimmt, oder einen Namen, den es nicht kennt",
        ),
    ],
    ids=["division", "addition", "format", "attr", "format-methode", "makro-werte", "makro-name"],
)
def test_an_expression_that_fails_names_template_and_line(
    projekt: Projekt, tmp_path: Path, ausdruck: str, was: str
) -> None:
    """A mistake of the town's own template, not an internal error of luedialog; Python's own text
    is not shown (it may quote a value from the data)."""
    own(projekt, '{% import "_makros.md.j2" as m %}\n\n{{ ' + ausdruck + " }}\n")
    code, _, stderr, target = bericht(projekt, tmp_path)
    assert code == 1
    assert stderr.startswith(f"Fehler: Die Vorlage rat.md.j2 bricht in Zeile 3 ab: {was}"), stderr
    assert "Programmfehler" not in stderr and "Lünen" not in stderr and "Error" not in stderr
    assert not target.exists()


def test_the_line_is_that_of_the_macro_that_fails(projekt: Projekt, tmp_path: Path) -> None:
    own(projekt, "{% macro teile(n) %}\n{{ 100 // n }}\n{% endmacro %}", name="_eigen.md.j2")
    own(projekt, '{% import "_eigen.md.j2" as e %}\n# Bericht\n{{ e.teile(0) }}\n')
    code, _, stderr, _ = bericht(projekt, tmp_path)
    assert code == 1
    assert stderr.startswith("Fehler: Die Vorlage _eigen.md.j2 bricht in Zeile 2 ab: eine Division durch null."), stderr


def test_the_file_is_named_with_its_folder_whatever_its_ending(projekt: Projekt, tmp_path: Path) -> None:
    (projekt.path("templates") / "teile").mkdir(parents=True)
    own(projekt, "x\ny\n{{ 1 / 0 }}\n", name="teile/teil.txt")
    own(projekt, '# Bericht\n{% include "teile/teil.txt" %}\n')
    code, _, stderr, _ = bericht(projekt, tmp_path)
    assert code == 1
    assert stderr.startswith("Fehler: Die Vorlage teile/teil.txt bricht in Zeile 3 ab: eine Division durch null."), (
        stderr
    )


def test_a_failure_of_luedialog_s_own_code_called_by_a_template_stays_an_internal_error(
    projekt: Projekt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filter or chart of luedialog that fails is a bug of luedialog (exit 3), not the template's."""
    from luedialog import zahlen

    def broken(value: float | None) -> str:
        raise ValueError("math domain error")

    monkeypatch.setattr(zahlen, "euro", broken)
    own(projekt, "# Bericht\n{{ 5|euro }}\n")
    code, _, stderr, target = bericht(projekt, tmp_path)
    assert code == 3
    assert stderr.startswith("Interner Fehler in luedialog (ValueError: math domain error)."), stderr
    assert not target.exists()


def test_own_templates_folder_with_vorlagen_is_sandboxed_too(projekt: Projekt, tmp_path: Path) -> None:
    folder = tmp_path / "vorlagen"
    folder.mkdir()
    (folder / "rat.md.j2").write_text(HOSTILE["globals"], encoding="utf-8")
    code, stdout, stderr, target = bericht(projekt, tmp_path, "--vorlagen", str(folder))
    assert code == 1 and "uid=" not in stdout + stderr and not target.exists()


def test_a_template_that_never_ends_is_stopped(
    projekt: Projekt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10**10 turns of two nested loops would run for hours; the time budget (120 s, here 0.5 s) stops it."""
    from luedialog.reports import render

    monkeypatch.setattr(render, "MAX_RENDER_SECONDS", 0.5)
    own(projekt, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    code, _, stderr, target = bericht(projekt, tmp_path)
    assert (code, stderr) == (
        1,
        "Fehler: Die Vorlage rat.md.j2 rechnet nach 0,5 Sekunden noch; so lange braucht kein Bericht. Prüfen "
        "Sie die Schleifen der Vorlage (for … in range(…) ineinander, eine Liste, die wächst).\n",
    )
    assert not target.exists()
