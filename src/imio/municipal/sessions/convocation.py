"""The convocation: an e-mail to every member of the session's body.

Sent when the session is convened, with the agenda and the link to the
session where the items and their documents are. Closed-session items are
listed without their title: their matters (persons) stay on the platform.
"""

from imio.municipal import _
from imio.municipal import logger
from imio.municipal.dossiers.notifications import recipient_language
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.sessions import rules
from imio.municipal.sessions.agenda import act_of
from imio.municipal.sessions.members import mandates_of
from imio.municipal.sessions.members import members_in_office
from plone import api
from zope.i18n import translate


def recipients(session) -> list[tuple[str, str]]:
    """(e-mail, language) of each member in office: their account's, else their mandate's."""
    default = api.portal.get_default_language() or "fr"
    in_office = {seat.member_id for seat in members_in_office(session)}
    found = []
    for mandate in mandates_of(session):
        if mandate.UID() not in in_office:
            continue
        user = api.user.get(userid=mandate.user_id) if mandate.user_id else None
        if user is not None and user.getProperty("email"):
            found.append((user.getProperty("email"), recipient_language(user)))
        elif getattr(mandate, "email", None):
            found.append((mandate.email, default))
    return found


def agenda_lines(session, language: str) -> str:
    closed = translate(
        _("convocation_closed_item", default="Closed-session item"), target_language=language
    )
    lines = []
    for number, item in enumerate(session.agenda, 1):
        act = act_of(item)
        title = closed if item.closed or act is None else act.Title()
        lines.append(f"{number}. {title}")
    return "\n".join(lines)


def send_convocation(session) -> int:
    """E-mail the convocation to the members; the number of e-mails sent."""
    mapping = {
        "municipality": municipality_of(session).Title(),
        "session": session.Title(),
        "date": rules.belgian(session.session_date),
        "time": session.start_time or "",
        "place": session.place or "",
        "url": session.absolute_url(),
    }
    sent = 0
    for email, language in recipients(session):
        subject = _(
            "mail_convocation_subject",
            default="[${municipality}] Convocation: ${session}",
            mapping=mapping,
        )
        body = _(
            "mail_convocation_body",
            default="You are convened to the session of ${date} at ${time}, ${place}.\n\n"
            "Agenda:\n${agenda}\n\nThe items and their documents:\n${url}",
            mapping=dict(mapping, agenda=agenda_lines(session, language)),
        )
        try:
            api.portal.send_email(
                recipient=email,
                subject=translate(subject, target_language=language),
                body=translate(body, target_language=language),
            )
            sent += 1
        except ValueError:
            logger.warning("Cannot send the convocation of %s", session.absolute_url())
    return sent
