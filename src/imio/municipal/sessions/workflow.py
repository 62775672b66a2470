"""What happens around the transitions of a session.

Refusals with a reason come from the BeforeTransition subscriber (as for acts
and case files); closing adopts the acts in agenda order in the same
transaction, so that either everything is numbered or nothing is.
"""

from imio.municipal import _
from imio.municipal.core.calendar import belgian_today
from imio.municipal.sessions import act_readers
from imio.municipal.sessions import records
from imio.municipal.sessions import rules
from imio.municipal.sessions.agenda import act_of
from imio.municipal.sessions.convocation import send_convocation
from imio.municipal.sessions.messages import message
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest
from zope.i18n import translate

import transaction


def refusal_reason(session, transition: str, comment: str = ""):
    """Why the session may not take ``transition`` now, or None."""
    today = belgian_today()
    if transition == "back_to_preparation" and not comment.strip():
        return _(
            "refusal_comment_required",
            default="A comment is required: say why (it is kept in the history).",
        )
    if transition == "convene":
        if not session.agenda:
            return _("refusal_empty_agenda", default="The agenda is empty: nothing to convene.")
        if session.body == rules.COUNCIL:
            problem = rules.convocation_refusal(
                today, session.session_date, session.convocation_number or 1, session.kind
            )
            if problem:
                return message(problem)
    if transition == "open" and today < session.session_date:
        return _(
            "refusal_open_before_session",
            default="The session is on ${date}: it cannot be opened before.",
            mapping={"date": rules.belgian(session.session_date)},
        )
    if transition == "close":
        return closing_refusal(session)
    return None


def closing_refusal(session):
    undecided = [str(n) for n, item in enumerate(session.agenda, 1) if item.outcome is None]
    if undecided:
        return _(
            "refusal_items_without_outcome",
            default="Items ${items} have no outcome yet: vote, postpone or withdraw them "
            "before closing.",
            mapping={"items": ", ".join(undecided)},
        )
    for number, item in enumerate(session.agenda, 1):
        if item.outcome in records.ADOPTING + (records.REFUSED,):
            act = act_of(item)
            if act is None or api.content.get_state(act) != "validated":
                return _(
                    "refusal_item_act_not_validated",
                    default="The act of item ${number} is no longer validated: it cannot be "
                    "adopted or refused by this session.",
                    mapping={"number": str(number)},
                )
    return None


def before_transition(session, event):
    if event.transition is None:
        return
    comment = (event.kwargs or {}).get("comment") or ""
    reason = refusal_reason(session, event.transition.id, comment)
    if reason is not None:
        transaction.doom()
        raise WorkflowException(translate(reason, context=getRequest()))


def after_transition(session, event):
    if event.transition is None:
        return
    if event.transition.id == "convene":
        session.convocation_sent = belgian_today()
        send_convocation(session)
    elif event.transition.id == "close":
        close(session)
    # Convened or sent back to preparation: the members' reading of the items follows.
    act_readers.reindex_items_security(session)


def close(session) -> None:
    """Adopt the adopted items' acts in agenda order (their numbers follow it),
    refuse the refused ones; each act gets its session, presences and vote."""
    workflow = api.portal.get_tool("portal_workflow")
    day = rules.belgian(session.session_date)
    for item in session.agenda:
        act = act_of(item)
        if item.outcome in records.ADOPTING:
            fill_act(act, session, item)
            workflow.doActionFor(act, "adopt", comment=f"{session.Title()} — point adopté")
        elif item.outcome == records.REFUSED:
            fill_act(act, session, item)
            workflow.doActionFor(act, "refuse", comment=f"Refusé en séance du {day}")
        if act is not None:
            act.on_agenda = None
            act.reindexObject()


def fill_act(act, session, item) -> None:
    """The session's date, presences and vote, copied onto the act (no double entry)."""
    vote = item.vote or {}
    act.session_date = session.session_date
    act.members_present = vote.get("present")
    act.unanimity = vote.get("mode") == records.UNANIMITY
    act.votes_for = vote.get("votes_for")
    act.votes_against = vote.get("votes_against")
    act.votes_abstention = vote.get("abstentions")
    act.closed_session = item.closed
