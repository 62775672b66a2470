"""When an act may move on (Plone-free: reads the act's attributes only).

CDLD: without tutelle an adopted act is executory; under the general
(annulment) tutelle it is executory once transmitted (annulment may still
come); under the approval tutelle only once approved or when the delay
expired without decision (acts/tutelle.py gives the sources).
"""

from datetime import date
from imio.municipal.acts import tutelle
from imio.municipal.core import calendar
from imio.municipal.core.calendar import belgian_date


COMMENT_REQUIRED = frozenset({"send_back", "refuse", "postpone", "annul", "publish_erratum"})

APPROVING_OUTCOMES = ("approved", "approved_with_reform", "executory_by_expiry")

# Who must act next once an act enters a state (e-mails, worklist).
NEXT_ACTORS = {
    "draft": ("editors",),
    "proposed": ("secretaries",),
    "validated": ("secretaries",),
    "adopted": ("secretaries",),
    "transmitted": ("secretaries",),
}
WORKLIST_STATES = {
    "editors": ("draft",),
    "reviewers": ("draft",),
    "secretaries": ("proposed", "validated", "adopted", "transmitted"),
}
# A transmitted act waits for the Region: watched in the worklist, not a
# to-do, until its tutelle deadline passes.
WAITING_STATES = ("transmitted",)


def executory_allowed(act, today: date | None = None, state: str | None = None) -> bool:
    """May the act be declared executory now?"""
    regime = act.effective_regime()
    state = state if state is not None else current_state(act)
    if regime == tutelle.NONE:
        return state == "adopted"
    if state != "transmitted":
        return False
    if regime == tutelle.GENERAL:
        return True
    if act.tutelle_outcome in APPROVING_OUTCOMES:
        return True
    return calendar.expired(act.tutelle_deadline, today or calendar.belgian_today())


def current_state(act) -> str:
    """The review state, read from the workflow history (no tool needed)."""
    for history in (getattr(act, "workflow_history", None) or {}).values():
        if history:
            return history[-1].get("review_state", "")
    return ""


def adoption_refusal(act, today: date):
    """Why the act cannot be recorded as adopted, or None (a msgid and mapping)."""
    if act.session_date is None:
        return ("refusal_no_session_date", {})
    if act.session_date > today:
        return ("refusal_session_in_future", {"date": belgian_date(act.session_date)})
    return None
