"""The public announcement of the council's sessions (CDLD L1122-14).

Place, day, time and agenda of the council's coming sessions, from their
convocation on, for anyone. Sessions are not public content: they are read
here unrestricted and only these facts are shown; a closed-session item shows
as such, never its title.
"""

from imio.municipal import _
from imio.municipal.core.calendar import belgian_today
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.sessions import rules
from imio.municipal.sessions.agenda import act_of
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate


ANNOUNCED_STATES = ("convened", "in_session")


def announced_sessions(municipality, today=None) -> list:
    """The council's sessions convened for today or later, the soonest first."""
    today = today or belgian_today()
    brains = api.content.find(
        portal_type="Session",
        path="/".join(municipality["seances"].getPhysicalPath()),
        review_state=ANNOUNCED_STATES,
        unrestricted=True,
    )
    sessions = [brain._unrestrictedGetObject() for brain in brains]
    chosen = [s for s in sessions if s.body == rules.COUNCIL and s.session_date >= today]
    return sorted(chosen, key=lambda session: session.session_date)


def public_agenda(session, closed_label: str) -> list[str]:
    """The titles of the agenda in order; closed-session items only as such."""
    titles = []
    for item in session.agenda:
        act = act_of(item)
        titles.append(closed_label if item.closed or act is None else act.Title())
    return titles


class CouncilSessionsView(BrowserView):
    """@@seances on the municipality's publications folder."""

    def sessions(self) -> list[dict]:
        closed = translate(
            _("convocation_closed_item", default="Closed-session item"), context=self.request
        )
        return [
            {
                "title": session.Title(),
                "date": rules.belgian(session.session_date),
                "time": session.start_time or "",
                "place": session.place or "",
                "agenda": public_agenda(session, closed),
            }
            for session in announced_sessions(municipality_of(self.context))
        ]
