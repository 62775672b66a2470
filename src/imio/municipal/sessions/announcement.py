"""The public announcement of the council's sessions (CDLD L1122-14).

Place, day, time and agenda of the council's coming sessions, from their
convocation on, for anyone. Sessions are not public content: they are read
here unrestricted and only these facts are shown; a closed-session item shows
as such, never its title.
"""

from datetime import datetime
from datetime import time
from imio.municipal import _
from imio.municipal.core.calendar import belgian_today
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.sessions import rules
from imio.municipal.sessions.agenda import act_of
from lxml import etree
from plone import api
from Products.Five.browser import BrowserView
from zoneinfo import ZoneInfo
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


ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BRUSSELS = ZoneInfo("Europe/Brussels")


def _midnight(day) -> str:
    """An Atom date (RFC 3339) for a day: its start in Brussels."""
    return datetime.combine(day, time(), tzinfo=BRUSSELS).isoformat()


class CouncilSessionsFeed(CouncilSessionsView):
    """@@seances.atom: the same announcement as an Atom feed, one entry per session."""

    def __call__(self):
        municipality = municipality_of(self.context)
        page = f"{self.context.absolute_url()}/@@seances"
        sessions = announced_sessions(municipality)
        closed = translate(
            _("convocation_closed_item", default="Closed-session item"), context=self.request
        )
        feed = etree.Element(f"{{{ATOM}}}feed", {XML_LANG: "fr"}, nsmap={None: ATOM})
        title = etree.SubElement(feed, f"{{{ATOM}}}title", {XML_LANG: "fr"})
        title.text = f"Séances du conseil communal — {municipality.Title()}"
        etree.SubElement(feed, f"{{{ATOM}}}id").text = page
        etree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{page}.atom")
        etree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page)
        sent = [s.convocation_sent or belgian_today() for s in sessions]
        etree.SubElement(feed, f"{{{ATOM}}}updated").text = _midnight(
            max(sent, default=belgian_today())
        )
        author = etree.SubElement(feed, f"{{{ATOM}}}author")
        etree.SubElement(author, f"{{{ATOM}}}name").text = municipality.Title()
        for session, day in zip(sessions, sent, strict=True):
            entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
            heading = etree.SubElement(entry, f"{{{ATOM}}}title", {XML_LANG: "fr"})
            heading.text = session.Title()
            etree.SubElement(
                entry, f"{{{ATOM}}}id"
            ).text = f"{page}#seance-{session.session_date.isoformat()}"
            etree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=page)
            etree.SubElement(entry, f"{{{ATOM}}}updated").text = _midnight(day)
            summary = etree.SubElement(entry, f"{{{ATOM}}}summary", {XML_LANG: "fr"})
            when = f"Le {rules.belgian(session.session_date)}"
            when += f" à {session.start_time}" if session.start_time else ""
            when += f", {session.place}" if session.place else ""
            items = "; ".join(f"{n}. {t}" for n, t in enumerate(public_agenda(session, closed), 1))
            summary.text = f"{when}. Ordre du jour : {items}"
        body = etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)
        self.request.response.setHeader("Content-Type", "application/atom+xml; charset=utf-8")
        return body
