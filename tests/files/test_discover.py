"""Which files are data: one rule for the loader, `pruefen --seit` and the writers."""

from __future__ import annotations

from pathlib import Path

import pytest

from luedialog.files.discover import count_data_files, data_file_entries, is_data_file_name


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("M-BEK-02.yaml", True),
        ("M-BEK-02.yml", True),
        ("M-BEK-02.YAML", True),  # the suffix in any case
        ("data/massnahmen/M-BEK-02.Yml", True),
        (".M-BEK-02.yaml", False),  # hidden: editors' and luedialog's temporary files
        (".luedialog-tmp-1-M-BEK-02.yaml", False),
        ("M-BEK-02.yaml.bak", False),
        ("M-BEK-02.json", False),
        ("liesmich.md", False),
    ],
)
def test_a_data_file_is_a_visible_yaml_file(name: str, data: bool) -> None:
    assert is_data_file_name(name) is data


def test_entries_come_sorted_with_a_problem_for_what_cannot_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "massnahmen"
    folder.mkdir(parents=True)
    (folder / "M-B.yaml").write_text("id: M-B\n", encoding="utf-8")
    (folder / "M-A.YAML").write_text("id: M-A\n", encoding="utf-8")
    (folder / "notiz.txt").write_text("x", encoding="utf-8")
    (folder / "M-C.yaml").mkdir()
    (folder / "M-D.yaml").symlink_to(tmp_path.parent / "fremd.yaml")
    entries = list(data_file_entries(tmp_path, "data/massnahmen"))
    assert [(name, problem.code if problem else None) for _, name, problem in entries] == [
        ("data/massnahmen/M-A.YAML", None),
        ("data/massnahmen/M-B.yaml", None),
        ("data/massnahmen/M-C.yaml", "keine-datei"),
        ("data/massnahmen/M-D.yaml", "symlink-ausserhalb"),
    ]
    assert count_data_files(tmp_path, "data/massnahmen") == 4
    assert count_data_files(tmp_path, "data/gruppen") == 0
