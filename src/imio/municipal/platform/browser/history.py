"""The workflow history of an object, as people read it."""

from imio.municipal import _
from plone import api


# Actions recorded in the history that are not transitions.
EXTRA_ACTIONS = {
    None: "Created",
    "correct": _("history_correction", default="Correction"),
    "authentic_lookup": _("history_authentic_lookup_action", default="Authentic sources consulted"),
}


def _actor_name(actor):
    # System actors (the exchange worker) are no users of the site.
    user = api.user.get(userid=actor) if actor else None
    return user.getProperty("fullname") if user else actor


def workflow_history(obj, workflow_id: str) -> list[dict]:
    """Newest first: time, actor's name, action title, state title, comment.

    Action and state titles are msgids of the plone domain (like Plone's
    menus), except the extra actions which carry their own domain.
    """
    history = obj.workflow_history.get(workflow_id, ())
    workflow = api.portal.get_tool("portal_workflow").getWorkflowById(workflow_id)
    entries = []
    names = {}  # actor -> full name: the same people act again and again
    for entry in reversed(history):
        actor = entry.get("actor")
        if actor not in names:
            names[actor] = _actor_name(actor)
        action = entry.get("action")
        transition = workflow.transitions.get(action) if action else None
        state = workflow.states.get(entry["review_state"])
        entries.append(
            {
                "time": entry["time"].strftime("%d/%m/%Y %H:%M"),
                "actor": names[actor],
                "action": transition.title if transition else EXTRA_ACTIONS.get(action, action),
                "state": state.title if state else entry["review_state"],
                "comment": entry.get("comments") or "",
            }
        )
    return entries
