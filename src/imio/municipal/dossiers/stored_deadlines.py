"""Store a case file's legal deadlines, computed by dossiers/deadlines.py.

Deadlines are stored (and indexed) when their inputs change, never computed
on every view.
"""

from imio.municipal import logger
from imio.municipal.dossiers import deadlines


def compute(dossier) -> deadlines.DossierDeadlines:
    return deadlines.compute_dossier_deadlines(
        dossier.procedure,
        # Once the missing pieces came in, the completeness check (and a
        # delay that runs from receipt) starts again from their date.
        received_date=dossier.complements_received_date or dossier.received_date,
        completeness_date=dossier.completeness_date,
        incompleteness_date=dossier.incompleteness_date,
        delegated_officer=bool(dossier.delegated_officer),
        opinions=bool(dossier.opinions_requested),
        inquiry=bool(dossier.public_inquiry),
        extension_days=dossier.extension_days or 0,
        due_date=dossier.due_date,
    )


def update_deadlines(dossier) -> bool:
    """Recompute and store; True when something changed (reindex then)."""
    try:
        computed = compute(dossier)
    except ValueError:
        # Forms and the API refuse such input (schema invariant); data set
        # by code that bypassed them keeps its previous deadlines.
        logger.exception("Cannot compute the deadlines of %s", dossier.absolute_url_path())
        return False
    changed = False
    for name in ("completeness_deadline", "decision_deadline", "completion_limit"):
        value = getattr(computed, name)
        if getattr(dossier, name, None) != value:
            setattr(dossier, name, value)
            changed = True
    if changed:
        dossier.reindexObject(
            idxs=[
                "completeness_deadline",
                "decision_deadline",
                "current_deadline",
                "deadline_sort_key",
                "decided_in_time",  # the steering figures compare it with the decision
            ]
        )
    return changed
