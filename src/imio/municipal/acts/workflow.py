"""What happens around the transitions of an act.

As for case files, refusals with a reason come from a BeforeTransition
subscriber that dooms the transaction (Classic UI and REST agree).
"""

from imio.municipal import _
from imio.municipal import logger
from imio.municipal.acts import advice
from imio.municipal.acts import catalog as act_catalog
from imio.municipal.acts import rules as act_rules
from imio.municipal.acts import tutelle
from imio.municipal.acts import tutelle_deadlines
from imio.municipal.core import calendar
from imio.municipal.dossiers.notifications import notify_next_actors
from imio.municipal.platform import numbering
from imio.municipal.platform.localroles import reindex_security_if_routing_changed
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.publication import publish
from plone import api
from Products.CMFCore.utils import getToolByName
from Products.CMFCore.WorkflowCore import WorkflowException
from zExceptions import BadRequest
from zope.globalrequest import getRequest
from zope.i18n import translate

import transaction


REFUSALS = {
    "refusal_no_session_date": _(
        "refusal_no_session_date",
        default="Enter the session date before recording the adoption: the number's year is "
        "the session's.",
    ),
}


def refusal_reason(act, transition: str, comment: str):
    if transition in act_rules.COMMENT_REQUIRED and not comment.strip():
        return _(
            "refusal_comment_required",
            default="A comment is required: say why (it is kept in the history).",
        )
    if transition in advice.GATED_TRANSITIONS:
        # The act goes before its deciding body only with its advice (or past its delay).
        reasons = advice.advice_refusals(act)
        if reasons:
            return reasons[0]
    if transition == "adopt":
        problem = act_rules.adoption_refusal(act, calendar.belgian_today())
        if problem and problem[0] == "refusal_no_session_date":
            return REFUSALS["refusal_no_session_date"]
        if problem:
            return _(
                "refusal_session_in_future",
                default="The session date (${date}) is in the future: an act is adopted "
                "at its session, not before.",
                mapping=problem[1],
            )
    return None


def before_transition(act, event):
    if event.transition is None:
        return
    comment = (event.kwargs or {}).get("comment") or ""
    reason = refusal_reason(act, event.transition.id, comment)
    if reason is None and event.transition.id in publish.TRANSITIONS:
        try:
            publish.create_public_version(act, erratum=comment.strip())
        except publish.PublicationRefused as refused:
            reason = refused.message
    if reason is not None:
        transaction.doom()
        raise WorkflowException(translate(reason, context=getRequest()))


def assign_number(act) -> None:
    """Once, at adoption: {year of the session}/{body}/{next number} (gapless)."""
    if act.number:
        return
    year = act.session_date.year
    sequence = numbering.next_number(municipality_of(act), "act", year, act.body)
    act.number = numbering.format_reference(year, act.body, sequence)
    logger.info("Act %s adopted as %s", act.absolute_url_path(), act.number)


def update_computed(act) -> None:
    """Regime, tutelle deadline and binding date follow their inputs."""
    act.tutelle_regime = act.effective_regime()
    try:
        act.tutelle_deadline = (
            tutelle_deadlines.tutelle_deadline(
                act.tutelle_regime, act.tutelle_receipt_date, act.tutelle_extension_days or 0
            )
            if act.tutelle_receipt_date
            else None
        )
    except ValueError:
        logger.exception("Cannot compute the tutelle deadline of %s", act.absolute_url_path())
    act.binding_date = (
        tutelle_deadlines.binding_date(act.publication_date)
        if act.is_regulation and act.publication_date
        else None
    )


def after_transition(act, event):
    if event.transition is None:
        return
    transition = event.transition.id
    if transition in advice.GATED_TRANSITIONS:
        advice.record_passed_over(act)
    if transition == "adopt":
        assign_number(act)
    elif transition == "transmit":
        act.transmission_date = act.transmission_date or calendar.belgian_today()
    update_computed(act)
    act_catalog.reindex_after_transition(act)
    comment = (event.kwargs or {}).get("comment") or ""
    notify_next_actors(act, event.new_state.id, transition, comment, act_rules.NEXT_ACTORS)
    if transition == "transmit" and act.tutelle_regime == tutelle.GENERAL:
        # Under the general tutelle the act is executory once transmitted.
        getToolByName(act, "portal_workflow").doActionFor(
            act,
            "declare_executory",
            # Stored in the history: in the site's language, not the request's.
            comment=translate(
                _(
                    "comment_executory_on_transmission",
                    default="Executory on transmission (general tutelle).",
                ),
                target_language=api.portal.get_default_language(),
            ),
        )


def act_changed(act, event):
    update_computed(act)
    reindex_security_if_routing_changed(act)


def refuse_deleting_numbered(act, event):
    """A numbered act is part of the register: never deleted, even by a Manager."""
    if act.number:
        raise BadRequest(
            translate(
                _(
                    "refusal_delete_numbered",
                    default="Act ${number} is in the register: a numbered act is never deleted.",
                    mapping={"number": act.number},
                ),
                context=getRequest(),
            )
        )
