"""What the states of a case file mean (Plone-free).

Kept in step with profiles/default/workflows/municipal_dossier_workflow;
tests/dossiers/test_dossier_workflow.py checks both agree.
"""

# Transitions that send a file back or end it: the user must say why.
COMMENT_REQUIRED = frozenset({"send_back", "return_to_agent", "withdraw", "declare_inadmissible"})

# The deadlines that run in each state, the first one set wins: a received
# CU1 has no completeness step, its decision delay runs from receipt; a
# generic file has only its due date (stored as decision_deadline).
DEADLINES_OF_STATE = {
    "draft": (),
    "received": ("completeness_deadline", "decision_deadline"),
    "incomplete": ("completion_limit",),
    "in_progress": ("decision_deadline",),
    "submitted": ("decision_deadline",),
    "proposed": ("decision_deadline",),
    "decided": (),
    # Only files from the permit platform: their decision is queued for it.
    "transmitted": (),
    "closed": (),
    "withdrawn": (),
    "inadmissible": (),
}
STATES = tuple(DEADLINES_OF_STATE)
OPEN_STATES = tuple(state for state, fields in DEADLINES_OF_STATE.items() if fields)
FINAL_STATES = ("closed", "withdrawn", "inadmissible")

# Who must act next once a file enters a state (for e-mails and worklists):
# "editors"/"reviewers" of the responsible service, or the "secretaries".
NEXT_ACTORS = {
    "received": ("editors",),
    "in_progress": ("editors",),
    "submitted": ("reviewers",),
    "proposed": ("secretaries",),
    "decided": ("editors",),
}

# What each function has to do, for the "À traiter" worklist. An incomplete
# file waits for the applicant and a decided one for nobody in the service:
# neither is anyone's to-do. A head of service proposes a file only once
# its agent submitted it.
WORKLIST_STATES = {
    "editors": ("draft", "received", "in_progress"),
    "reviewers": ("submitted",),
    "secretaries": ("proposed",),
}


def current_deadline_field(dossier, state: str) -> str | None:
    """The name of the deadline that runs for this file in this state.

    >>> from types import SimpleNamespace
    >>> cu1 = SimpleNamespace(completeness_deadline=None, decision_deadline="2026-12-01")
    >>> current_deadline_field(cu1, "received")
    'decision_deadline'
    """
    for field in DEADLINES_OF_STATE.get(state, ()):
        if getattr(dossier, field, None) is not None:
            return field
    return None


def current_deadline_of(dossier, state: str):
    """The date of the deadline that runs for this file in this state, or None."""
    field = current_deadline_field(dossier, state)
    return getattr(dossier, field) if field else None
