"""The project facade the CLI talks to: open a project, check it, ask it questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from luedialog.errors import LuedialogError, UsageError
from luedialog.files.discover import count_data_files
from luedialog.findings import Finding, has_errors
from luedialog.model.schema import suggest
from luedialog.paths import CONFIG_FILE, DATA_DIRS, INDIKATOREN_DIR, MASSNAHMEN_DIR, project_root
from luedialog.queries.detail import LeitlinieDetail, MassnahmeDetail, leitlinie_detail, massnahme_detail
from luedialog.queries.gruppen import GruppenAnsicht, ansicht, ansichten
from luedialog.queries.indikatoren import IndikatorUebersicht, uebersicht
from luedialog.queries.uebersicht import Filter, StatusUebersicht, overview
from luedialog.queries.vollstaendig import Vollstaendigkeit, vollstaendigkeit
from luedialog.snapshot import Snapshot, load_snapshot

_ARTIKEL = {"Maßnahme": "Die Maßnahme", "Leitlinie": "Die Leitlinie", "Gruppe": "Die Gruppe"}


@dataclass(frozen=True)
class CheckResult:
    findings: list[Finding]
    files: int

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)

    def failed(self, streng: bool) -> bool:
        """Errors fail a check; with ``streng`` warnings too."""
        return self.has_errors or (streng and bool(self.findings))


class Project:
    """A loaded project. ``snapshot`` holds every valid object; ``load_findings`` the problems."""

    def __init__(self, root: Path) -> None:
        self.root = root
        result = load_snapshot(root)
        self.load_findings = result.findings
        self._snapshot = result.snapshot

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot; a broken configuration stops every command but ``pruefen`` here."""
        if self._snapshot is None:
            first = next((f for f in self.load_findings if f.is_error), None)
            detail = f" {first.text()}" if first else ""
            raise LuedialogError(
                f"Die Projektkonfiguration {CONFIG_FILE} ist fehlerhaft, daher kann nichts weiter geprüft werden."
                + detail,
                hint="Alle Fehler zeigt: luedialog pruefen",
            )
        return self._snapshot

    def file_count(self) -> int:
        if self._snapshot is not None:
            return 1 + len(self._snapshot.files)
        return 1 + sum(count_data_files(self.root, folder) for folder in DATA_DIRS)

    def check(self, stichtag: date, seit: str | None = None) -> CheckResult:
        """All findings; with ``seit`` also changed or removed history entries since that git revision."""
        if self._snapshot is None:
            return CheckResult(list(self.load_findings), self.file_count())
        from luedialog.checks import run_checks

        findings = self.load_findings + run_checks(self.snapshot, stichtag)
        if seit is not None:
            from luedialog import gitutil
            from luedialog.checks.append_only import check_append_only, check_values_append_only

            gitutil.require_git("--seit")
            if not gitutil.is_repository(self.root):
                raise UsageError("--seit braucht ein git-Repository; der Projektordner ist keines.")
            revision = gitutil.resolve(self.root, seit)
            old_files = gitutil.files_at(self.root, revision, MASSNAHMEN_DIR)
            findings += check_append_only(self.snapshot, old_files, seit)
            old_values = gitutil.files_at(self.root, revision, INDIKATOREN_DIR)
            findings += check_values_append_only(self.snapshot, old_values, seit)
        return CheckResult(findings, self.file_count())

    def require_valid(self) -> None:
        """Refuse to go on if the data has errors (entries after today count as errors)."""
        result = self.check(date.today())
        errors = [f for f in result.findings if f.is_error]
        if errors:
            raise LuedialogError(
                f"Die Daten enthalten {len(errors)} Fehler (zuerst: {errors[0].text()}).",
                hint="Beheben Sie sie zuerst; alle zeigt: luedialog pruefen",
            )

    def vollstaendigkeit(self) -> Vollstaendigkeit:
        """The data files the views cannot show, because they could not be loaded."""
        return vollstaendigkeit(self.snapshot)

    def _refuse_broken(self, art: str, ident: str) -> None:
        """Refuse with the file and its first error if ``ident`` is in a file that could not be loaded."""
        broken = self.vollstaendigkeit().datei_fuer(art, ident)
        if broken is not None:
            f = broken.fehler
            where = f", Zeile {f.line}" if f and f.line else ""
            first = f" Erster Fehler{where}: {f.message}" if f else ""
            hint = f"{f.hint} " if f and f.hint else ""
            raise LuedialogError(
                f"{_ARTIKEL[art]} „{ident}“ steht in der Datei {broken.datei}, die nicht gelesen werden kann.{first}",
                hint=f"{hint}Alle Fehler zeigt: luedialog pruefen",
            )

    def _vocab(self, value: str | None, allowed: list[str] | tuple[str, ...], option: str) -> None:
        if value is not None and value not in allowed:
            hint = suggest(value, allowed) or "Möglich: " + ", ".join(allowed) + "."
            raise UsageError(f"{option}: „{value}“ ist unbekannt.", hint=hint)

    def status(
        self,
        stichtag: date,
        *,
        feld: str | None = None,
        status: str | None = None,
        stadtteil: str | None = None,
        gruppe: str | None = None,
        alle: bool = False,
    ) -> StatusUebersicht:
        """The overview; the newest 10 changes, with ``alle`` every change up to the Stichtag."""
        config = self.snapshot.config
        self._vocab(feld, [h.schluessel for h in config.handlungsfelder], "--feld")
        self._vocab(status, config.status_keys, "--status")
        self._vocab(stadtteil, config.stadtteile, "--stadtteil")
        if gruppe is not None and gruppe not in self.snapshot.gruppen:
            self._refuse_broken("Gruppe", gruppe)
        self._vocab(gruppe, sorted(self.snapshot.gruppen), "--gruppe")
        return overview(self.snapshot, stichtag, Filter(feld, status, stadtteil, gruppe), None if alle else 10)

    def detail(self, ident: str, stichtag: date) -> LeitlinieDetail | MassnahmeDetail:
        snap = self.snapshot
        by_fold = {k.casefold(): k for k in (*snap.leitlinien, *snap.massnahmen)}
        key = by_fold.get(ident.casefold())
        if key is None:
            self._refuse_broken("Maßnahme", ident)
            self._refuse_broken("Leitlinie", ident)
            unread = [f.datei for f in self.vollstaendigkeit().von("Leitlinie") if not f.ids]
            hint = suggest(ident, list(by_fold.values())) or "Alle IDs listet: luedialog export"
            if unread:  # the ID may be in a guideline file that could not even be parsed
                hint = (
                    f"Sie kann auch in einer Datei stehen, die nicht gelesen werden kann: {', '.join(unread)}; "
                    "Einzelheiten: luedialog pruefen"
                )
            raise LuedialogError(f"Keine Leitlinie und keine Maßnahme mit der ID „{ident}“.", hint=hint)
        if key in snap.leitlinien:
            return leitlinie_detail(snap, snap.leitlinien[key], stichtag)
        return massnahme_detail(snap, snap.massnahmen[key], stichtag)

    def gruppen(self, ident: str | None, stichtag: date, intern: bool) -> list[GruppenAnsicht]:
        """All groups, or the one with ``ident``; names without consent only with ``intern``."""
        snap = self.snapshot
        if ident is None:
            return ansichten(snap, stichtag, intern)
        group = snap.gruppen.get(ident) or {k.casefold(): g for k, g in snap.gruppen.items()}.get(ident.casefold())
        if group is None:
            self._refuse_broken("Gruppe", ident)
            hint = suggest(ident, list(snap.gruppen)) or "Vorhanden: " + ", ".join(sorted(snap.gruppen)) + "."
            raise LuedialogError(f"Keine Gruppe mit der ID „{ident}“.", hint=hint)
        return [ansicht(snap, group, stichtag, intern)]

    def indikatoren(self, stichtag: date, *, feld: str | None = None) -> IndikatorUebersicht:
        """Every indicator (of one field of action) at the Stichtag, with its assessment."""
        self._vocab(feld, [h.schluessel for h in self.snapshot.config.handlungsfelder], "--feld")
        return uebersicht(self.snapshot, stichtag, feld)

    def repository_prefix(self) -> str:
        """The project's folder inside its git repository (``sub/dir/``; CI tools want repository paths)."""
        from luedialog import gitutil

        return gitutil.prefix(self.root)


def open_project(daten: Path | None) -> Project:
    """Open the project at ``daten`` or the one found from the working directory upwards."""
    return Project(project_root(daten))
