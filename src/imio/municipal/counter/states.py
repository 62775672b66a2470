"""A case file's state as a citizen reads it (Plone-free)."""

from imio.municipal import _


PLAIN_STATES = {
    "draft": _("citizen_state_draft", default="Being prepared by the service"),
    "received": _("citizen_state_received", default="Received: the service checks it is complete"),
    "incomplete": _("citizen_state_incomplete", default="Incomplete: pieces are missing"),
    "in_progress": _("citizen_state_in_progress", default="Complete: being examined"),
    # Sent to the head of service is internal: the citizen sees an examination.
    "submitted": _("citizen_state_in_progress", default="Complete: being examined"),
    "proposed": _("citizen_state_proposed", default="Awaiting the decision"),
    "decided": _("citizen_state_decided", default="Decided"),
    "transmitted": _("citizen_state_transmitted", default="Sent to the Region"),
    "closed": _("citizen_state_closed", default="Closed"),
    "withdrawn": _("citizen_state_withdrawn", default="Withdrawn"),
    "inadmissible": _("citizen_state_inadmissible", default="Inadmissible"),
}


def plain_state(state: str):
    return PLAIN_STATES.get(state, PLAIN_STATES["received"])
