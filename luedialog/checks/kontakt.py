"""No contact data in values: e-mail addresses, telephone numbers and street addresses.

A key named ``email`` or ``telefon`` is refused by the schema; this check reports what the rules of
``model/kontakt.py`` found in the texts of each file when it was loaded: in every value of a
guideline file, a group file and an indicator file, and in the title, description, every history
entry and addressee of a measure. The repository may be public: a finding says what kind of
contact data it found and where, never the data itself (CI publishes findings).
"""

from __future__ import annotations

from luedialog.files.read import Document, KeyPath, format_key_path
from luedialog.findings import Finding, error
from luedialog.model.kontakt import kind_of
from luedialog.snapshot import Snapshot

__all__ = ["HINT", "check_contact_data", "kind_of"]

HINT = (
    "Das Repository kann öffentlich sein: führen Sie Adressen, Telefonnummern und E-Mail-Adressen "
    "in einer geschützten Kontaktliste außerhalb von git."
)


def _finding(doc: Document, key: KeyPath, kind: str) -> Finding:
    line, column = doc.position(key)
    shown = format_key_path(key)
    return error(
        doc.name,
        line,
        "kontaktdaten",
        f"In „{shown}“ steht {kind}; Kontaktdaten gehören nicht in dieses Repository.",
        hint=HINT,
        key=shown,
        column=column,
    )


def check_contact_data(snap: Snapshot) -> list[Finding]:
    """Contact data in any text of a guideline file, a group or an indicator, or of a measure's
    title, description, history and addressees."""
    findings: list[Finding] = []
    leitlinien = sorted({d.datei for d in snap.leitlinien_dateien})
    gruppen = [g.datei for g in sorted(snap.gruppen.values(), key=lambda g: g.id)]
    indikatoren = [i.datei for i in sorted(snap.indikatoren.values(), key=lambda i: i.id)]
    massnahmen = [m.datei for m in sorted(snap.massnahmen.values(), key=lambda m: m.id)]
    for datei in leitlinien + gruppen + indikatoren + massnahmen:
        doc = snap.documents.get(datei)
        if doc is not None:
            findings += (_finding(doc, key, kind) for key, kind in snap.files[datei].kontakt)
    return findings
