"""Reporters: results as text for people, JSON for programs, annotations for CI — chosen by name.

Like check-jsonschema's ``REPORTER_BY_NAME``: a command looks its reporter up by the value of
``--format`` and hands it the result; no command decides how a result looks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from rich.console import RenderableType

from luedialog.findings import Finding
from luedialog.model.config import Config
from luedialog.queries.detail import LeitlinieDetail, MassnahmeDetail
from luedialog.queries.gruppen import GruppenAnsicht
from luedialog.queries.indikatoren import IndikatorUebersicht
from luedialog.queries.uebersicht import StatusUebersicht
from luedialog.queries.vollstaendig import VOLLSTAENDIG, Vollstaendigkeit
from luedialog.reporters import ci, findings, json_output, terminal

Output = str | RenderableType  # text is written as it is, anything else through rich

# findings, number of files checked, path of the project inside the git repository ("" at the top)
FindingsReporter = Callable[[list[Finding], int, str], str]

FINDINGS_REPORTER_BY_NAME: dict[str, FindingsReporter] = {
    "text": lambda found, files, _: findings.as_text(found, files),
    "json": lambda found, files, _: findings.as_json(found, files),
    "github": lambda found, _, prefix: ci.github(found, prefix),
    "gitlab": lambda found, _, prefix: ci.gitlab(found, prefix),
}


class ViewReporter(Protocol):
    """How the views (status, zeige, gruppen, indikatoren) look in one format. ``fehlend`` names the data
    files that could not be loaded: a view shows the rest, says what is missing and marks what it affects."""

    def status(
        self, config: Config, data: StatusUebersicht, fehlend: Vollstaendigkeit = VOLLSTAENDIG, alle: bool = False
    ) -> Output: ...

    def detail(
        self, config: Config, detail: LeitlinieDetail | MassnahmeDetail, fehlend: Vollstaendigkeit = VOLLSTAENDIG
    ) -> Output: ...

    def gruppen(
        self,
        config: Config,
        day: date,
        views: list[GruppenAnsicht],
        one: bool,
        fehlend: Vollstaendigkeit = VOLLSTAENDIG,
    ) -> Output: ...

    def indikatoren(self, config: Config, data: IndikatorUebersicht) -> Output: ...


VIEW_REPORTER_BY_NAME: dict[str, ViewReporter] = {
    "text": terminal.TerminalReporter(),
    "json": json_output.JsonReporter(),
}
