"""Which data files could not be loaded, so every view can say what it is missing.

A file with errors is left out of the snapshot (``Snapshot.files`` keeps what loading made of it).
A view that shows the rest must say so, and mark the numbers the missing files may belong to: a
measure file whose Handlungsfeld is known (from the file, or from the Kürzel in its ID) makes only
that field's numbers incomplete, one whose field is unknown makes all of them incomplete.
"""

from __future__ import annotations

from dataclasses import dataclass

from luedialog.findings import Finding
from luedialog.snapshot import FileResult, Snapshot


@dataclass(frozen=True)
class FehlendeDatei:
    """A data file the snapshot does not hold, and why."""

    datei: str
    art: str  # "Leitlinie", "Maßnahme", "Gruppe"
    ident: str  # the ID the file declares, else its name without ".yaml"
    handlungsfeld: str | None  # of a measure, where the file or its ID says it
    fehler: Finding | None  # its first error
    ids: tuple[str, ...] = ()  # the IDs of the guidelines a guideline file declares, as far as it reads


@dataclass(frozen=True)
class Vollstaendigkeit:
    fehlend: tuple[FehlendeDatei, ...] = ()

    @property
    def vollstaendig(self) -> bool:
        return not self.fehlend

    def von(self, art: str) -> list[FehlendeDatei]:
        return [f for f in self.fehlend if f.art == art]

    def feld_unvollstaendig(self, schluessel: str) -> bool:
        """True if a measure of the Handlungsfeld ``schluessel`` may be in a missing file."""
        return any(f.handlungsfeld in (None, schluessel) for f in self.von("Maßnahme"))

    def datei_fuer(self, art: str, ident: str) -> FehlendeDatei | None:
        """The missing file that holds ``ident``: a measure or group file by its ID or name, a guideline
        file by the IDs it declares."""
        key = ident.casefold()
        for f in self.von(art):
            if (art != "Leitlinie" and key == f.ident.casefold()) or key in (i.casefold() for i in f.ids):
                return f
        return None


VOLLSTAENDIG = Vollstaendigkeit()


def _data(result: FileResult) -> dict[str, object]:
    data = result.document.data if result.document is not None else None
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}


def _handlungsfeld(snap: Snapshot, result: FileResult, ident: str) -> str | None:
    keys = {h.schluessel for h in snap.config.handlungsfelder}
    declared = _data(result).get("handlungsfeld")
    if isinstance(declared, str) and declared in keys:
        return declared
    parts = ident.split("-")
    by_kuerzel = {h.kuerzel.casefold(): h.schluessel for h in snap.config.handlungsfelder}
    return by_kuerzel.get(parts[1].casefold()) if len(parts) >= 3 else None


def _leitlinien_ids(result: FileResult) -> tuple[str, ...]:
    items = _data(result).get("leitlinien")
    if not isinstance(items, list):
        return ()
    return tuple(i["id"] for i in items if isinstance(i, dict) and isinstance(i.get("id"), str))


def vollstaendigkeit(snap: Snapshot) -> Vollstaendigkeit:
    missing = []
    for name, result in snap.files.items():
        if result.obj is not None:
            continue
        ident = result.ident or result.path.stem
        first = next((f for f in result.findings if f.is_error), None)
        missing.append(
            FehlendeDatei(
                datei=name,
                art=result.kind,
                ident=ident,
                handlungsfeld=_handlungsfeld(snap, result, ident) if result.kind == "Maßnahme" else None,
                fehler=first,
                ids=_leitlinien_ids(result) if result.kind == "Leitlinie" else (),
            )
        )
    return Vollstaendigkeit(tuple(missing))
