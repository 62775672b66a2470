"""What happens around the transitions of a shared project."""

from imio.municipal import _
from imio.municipal.dossiers.notifications import group_users
from imio.municipal.dossiers.notifications import notify_users
from imio.municipal.platform import naming
from imio.municipal.platform.localroles import reindex_security_if_routing_changed
from imio.municipal.platform.lookup import municipality_by_ins_code
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest
from zope.i18n import translate

import transaction


COMMENT_REQUIRED = frozenset({"back_to_draft", "cancel"})


def municipality_names(ins_codes) -> str:
    names = []
    for code in ins_codes:
        municipality = municipality_by_ins_code(code)
        names.append(f"{municipality.Title()} ({code})" if municipality is not None else code)
    return ", ".join(names)


def refusal_reason(project, transition: str, comment: str):
    if transition in COMMENT_REQUIRED and not comment.strip():
        return _(
            "refusal_comment_required",
            default="A comment is required: say why (it is kept in the history).",
        )
    if transition == "activate":
        missing = project.missing_approvals()
        if missing:
            return _(
                "refusal_project_approvals_missing",
                default="The project cannot be activated yet: the council of ${municipalities} "
                "has no adopted act approving the agreement (attach it, or wait for its "
                "adoption).",
                mapping={"municipalities": municipality_names(missing)},
            )
    return None


def before_transition(project, event):
    if event.transition is None:
        return
    comment = (event.kwargs or {}).get("comment") or ""
    reason = refusal_reason(project, event.transition.id, comment)
    if reason is not None:
        transaction.doom()
        raise WorkflowException(translate(reason, context=getRequest()))


def recipients(project, transition: str) -> list:
    """The secretariats who must act next (or know): partners when proposed,
    the lead when sent back, everyone when it starts or ends."""
    lead, partners = project.lead_municipality, project.participants()[1:]
    codes = {
        "propose": partners,
        "back_to_draft": [lead],
        "activate": [lead, *partners],
        "close": [lead, *partners],
        "cancel": [lead, *partners],
    }.get(transition, [])
    users = {}
    for code in codes:
        for user in group_users(naming.secretaries_group(code)):
            users[user.getId()] = user
    return list(users.values())


def after_transition(project, event):
    if event.transition is None:
        return
    project.reindexObject()
    comment = (event.kwargs or {}).get("comment") or ""
    lead = municipality_by_ins_code(project.lead_municipality)
    notify_users(
        project,
        recipients(project, event.transition.id),
        event.new_state.id,
        comment,
        sender_title=lead.Title() if lead is not None else project.lead_municipality,
    )


def project_routing_changed(project, event):
    reindex_security_if_routing_changed(project)
