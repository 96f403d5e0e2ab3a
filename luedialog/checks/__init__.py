"""Rules over the snapshot → findings (file, line, severity, code, German text).

One module per family of rules; ``run_checks`` runs them all. Checks read no files: everything
they need is in the snapshot (``pruefen --seit`` hands the files of the old revision to
``append_only``).
"""

from __future__ import annotations

from datetime import date

from luedialog.checks.gruppen import check_composition, check_memberships, check_recommendations
from luedialog.checks.ids import check_ids
from luedialog.checks.indikatoren import check_indikatoren
from luedialog.checks.journal import check_interrupted_write
from luedialog.checks.kontakt import check_contact_data
from luedialog.checks.korrekturen import check_corrections
from luedialog.checks.massnahmen import check_cycles, check_histories, check_references
from luedialog.checks.schreibbar import check_appendable
from luedialog.findings import Finding
from luedialog.snapshot import Snapshot


def run_checks(snap: Snapshot, stichtag: date) -> list[Finding]:
    """Every rule across files, in a stable order (groups first, as the findings have always come).

    No finding names a person without consent (:meth:`Snapshot.redact`): CI publishes them.
    """
    return snap.redact(
        [
            *check_composition(snap),
            *check_memberships(snap),
            *check_recommendations(snap),
            *check_ids(snap),
            *check_references(snap),
            *check_cycles(snap),
            *check_histories(snap, stichtag),
            *check_corrections(snap, stichtag),
            *check_indikatoren(snap, stichtag),
            *check_interrupted_write(snap),
            *check_contact_data(snap),
            *check_appendable(snap),
        ]
    )
