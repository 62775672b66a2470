"""What happens around the transitions of a PIC plan."""

from imio.municipal import _
from imio.municipal.dossiers.notifications import notify_next_actors
from imio.municipal.platform.localroles import reindex_security_if_routing_changed
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest
from zope.i18n import translate

import transaction


COMMENT_REQUIRED = frozenset({"back_to_draft", "ask_correction"})
NEXT_ACTORS = {
    "draft": ("editors",),
    "to_correct": ("editors",),
    "approved_council": ("secretaries",),
    "transmitted": ("secretaries",),
}


def adopting_act(plan):
    relation = plan.approving_act
    if relation is None or relation.isBroken():
        return None
    return relation.to_object


def refusal_reason(plan, transition: str, comment: str):
    if transition in COMMENT_REQUIRED and not comment.strip():
        return _(
            "refusal_comment_required",
            default="A comment is required: say why (it is kept in the history).",
        )
    if transition == "approve_council":
        act = adopting_act(plan)
        if act is None or not act.number or act.body != "conseil":
            return _(
                "refusal_pic_without_act",
                default="Link the council act that adopts the plan (an adopted "
                "deliberation of the council) before recording the approval.",
            )
        over = plan.approval_refusal()
        if over:
            return over
    return None


def before_transition(plan, event):
    if event.transition is None:
        return
    comment = (event.kwargs or {}).get("comment") or ""
    reason = refusal_reason(plan, event.transition.id, comment)
    if reason is not None:
        transaction.doom()
        raise WorkflowException(translate(reason, context=getRequest()))


def after_transition(plan, event):
    if event.transition is None:
        return
    if event.transition.id == "ask_correction":
        plan.region_comment = (event.kwargs or {}).get("comment") or plan.region_comment
    plan.reindexObject()
    comment = (event.kwargs or {}).get("comment") or ""
    notify_next_actors(plan, event.new_state.id, event.transition.id, comment, NEXT_ACTORS)


def plan_routing_changed(plan, event):
    reindex_security_if_routing_changed(plan)
