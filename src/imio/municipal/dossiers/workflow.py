"""What happens around the transitions of a case file.

Refusals with a reason live here, not in guards (guards can only hide a
transition): a BeforeTransition subscriber raises WorkflowException with the
reason and dooms the transaction, so that the Classic UI and plone.restapi's
@workflow (which answers 400 but does not abort) both leave nothing changed.
"""

from datetime import date
from imio.municipal import _
from imio.municipal import logger
from imio.municipal.core import calendar
from imio.municipal.dossiers.notifications import notify_next_actors
from imio.municipal.dossiers.states import COMMENT_REQUIRED
from imio.municipal.dossiers.stored_deadlines import update_deadlines
from imio.municipal.platform import numbering
from imio.municipal.platform.localroles import reindex_security_if_routing_changed
from imio.municipal.platform.lookup import municipality_of
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest
from zope.i18n import translate

import transaction


def today() -> date:
    """The calendar day in Belgium (legal delays count Belgian days)."""
    return calendar.belgian_today()


def refusal_reason(dossier, transition: str, comment: str):
    """Why this transition may not happen now, or None."""
    if transition in COMMENT_REQUIRED and not comment.strip():
        return _(
            "refusal_comment_required",
            default="A comment is required: say why (it is kept in the history).",
        )
    if transition == "declare_incomplete" and not (dossier.missing_pieces or []):
        return _(
            "refusal_missing_pieces",
            default='List the missing pieces (field "Missing pieces") before '
            "declaring the file incomplete: the applicant receives that list.",
        )
    if transition == "receive" and not dossier.applicants:
        return _(
            "refusal_no_applicant",
            default="A case file needs at least one applicant before it is received.",
        )
    return None


def before_transition(dossier, event):
    if event.transition is None:
        return
    comment = (event.kwargs or {}).get("comment") or ""
    reason = refusal_reason(dossier, event.transition.id, comment)
    if reason is not None:
        transaction.doom()
        raise WorkflowException(translate(reason, context=getRequest()))


def assign_reference(dossier) -> None:
    """Once, at receipt: {year of receipt}/{procedure}/{next number}."""
    if dossier.reference:
        return
    municipality = municipality_of(dossier)
    year = dossier.received_date.year
    sequence = numbering.next_number(municipality, "dossier", year, dossier.procedure)
    dossier.reference = numbering.format_reference(year, dossier.procedure, sequence)
    logger.info("Dossier %s received as %s", dossier.absolute_url_path(), dossier.reference)


def after_transition(dossier, event):
    if event.transition is None:
        return
    transition = event.transition.id
    if transition == "receive":
        dossier.received_date = dossier.received_date or today()
        assign_reference(dossier)
    elif transition == "declare_incomplete":
        # A new request for pieces (first one, or after complements came in).
        previous = dossier.incompleteness_date
        complements = dossier.complements_received_date
        if previous is None or (complements and complements >= previous):
            dossier.incompleteness_date = today()
            dossier.complements_received_date = None
    elif transition == "receive_complements":
        # The pieces came in today unless the agent recorded an earlier day
        # since the request for pieces.
        complements = dossier.complements_received_date
        requested = dossier.incompleteness_date
        if complements is None or (requested and complements < requested):
            dossier.complements_received_date = today()
    elif transition == "declare_complete":
        dossier.completeness_date = (
            dossier.completeness_date or dossier.complements_received_date or today()
        )
    elif transition == "decide":
        dossier.decision_date = dossier.decision_date or today()
    update_deadlines(dossier)
    dossier.reindexObject()
    comment = (event.kwargs or {}).get("comment") or ""
    notify_next_actors(dossier, event.new_state.id, transition, comment)


def dossier_changed(dossier, event):
    """Deadlines follow their inputs; access follows the responsible service."""
    update_deadlines(dossier)
    reindex_security_if_routing_changed(dossier)
