"""Why an item waits for the user: what to do and why now, in words.

Read from the object's workflow history (when it entered its state, who sent
it back and why) and, for acts, from the session whose agenda holds them.
"""

from datetime import date
from imio.municipal import _
from imio.municipal.core.calendar import belgian_day
from imio.municipal.dossiers.browser.view import format_date
from plone import api


# The transitions that hand something back with a comment saying why.
SENT_BACK = ("send_back", "return_to_agent")


def last_entry(obj, workflow_id: str) -> dict:
    history = getattr(obj, "workflow_history", {}).get(workflow_id, ())
    return history[-1] if history else {}


def entered_on(obj, workflow_id: str) -> date | None:
    """The day the object entered its current state."""
    when = last_entry(obj, workflow_id).get("time")
    return belgian_day(when) if when is not None else None


def actor_name(userid: str) -> str:
    user = api.user.get(userid=userid) if userid else None
    return (user.getProperty("fullname") or userid) if user else (userid or "")


def sent_back(obj, workflow_id: str) -> dict | None:
    """Who sent the object back and why, while it has not moved since."""
    entry = last_entry(obj, workflow_id)
    if entry.get("action") not in SENT_BACK:
        return None
    when = entry.get("time")
    return {
        "who": actor_name(entry.get("actor")),
        "comment": entry.get("comments") or "",
        "date": format_date(belgian_day(when)) if when is not None else "",
    }


def ready_for(since: date | None, today: date):
    days = (today - since).days if since else 0
    if days <= 0:
        return _("why_ready_today", default="to propose — ready since today")
    if days == 1:
        return _("why_ready_one_day", default="to propose — ready for 1 day")
    return _(
        "why_ready_days", default="to propose — ready for ${days} days", mapping={"days": days}
    )


def session_of(act):
    """The session whose agenda holds the act: its date is part of the act's
    story, shown even to who may not open the session itself."""
    uid = getattr(act, "on_agenda", None)
    if not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(UID=uid)
    return found[0]._unrestrictedGetObject() if found else None


def explain(item, obj, today: date):
    """The message saying what to do with `obj` and why now."""
    returned = sent_back(obj, item.workflow)
    if returned:
        return _(
            "why_sent_back",
            default="sent back by ${who}: ${comment}",
            mapping={"who": returned["who"], "comment": returned["comment"]},
        )
    since = format_date(entered_on(obj, item.workflow))
    if item.portal_type == "Act":
        return _explain_act(item, obj, since)
    if item.state == "submitted":
        return ready_for(entered_on(obj, item.workflow), today)
    dated = {"date": since}
    messages = {
        "draft": _(
            "why_dossier_draft", default="to receive — being encoded since ${date}", mapping=dated
        ),
        "received": _(
            "why_dossier_received",
            default="to check for completeness — received on ${date}",
            mapping=dated,
        ),
        "in_progress": _(
            "why_dossier_in_progress", default="to examine — complete since ${date}", mapping=dated
        ),
        "proposed": _(
            "why_dossier_proposed", default="to decide — proposed on ${date}", mapping=dated
        ),
    }
    return messages.get(item.state)


def _explain_act(item, act, since: str):
    deadline = format_date(item.deadline)
    if item.state == "validated":
        session = session_of(act)
        if session is not None and session.session_date:
            return _(
                "why_act_on_agenda",
                default="to decide — session of ${date}",
                mapping={"date": format_date(session.session_date)},
            )
        return _("why_act_validated", default="to put on a session's agenda")
    if item.state == "transmitted" and item.waiting:
        if deadline:
            return _(
                "why_act_waits_region",
                default="waiting for the Region (tutelle deadline ${date})",
                mapping={"date": deadline},
            )
        return _("why_act_waits_region_no_deadline", default="waiting for the Region")
    if item.state == "transmitted":
        return _("why_act_executory", default="to declare executory")
    dated = {"date": since}
    messages = {
        "draft": _("why_act_draft", default="to write — draft since ${date}", mapping=dated),
        "proposed": _(
            "why_act_proposed", default="to validate — proposed on ${date}", mapping=dated
        ),
        "adopted": _(
            "why_act_adopted",
            default="to transmit or make executory — adopted on ${date}",
            mapping=dated,
        ),
    }
    return messages.get(item.state)
