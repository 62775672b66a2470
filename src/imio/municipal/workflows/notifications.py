"""E-mail the people who must act next on a case file."""

from imio.municipal import _
from imio.municipal import logger
from imio.municipal.platform import naming
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.workflows.dossier_states import NEXT_ACTORS
from plone import api
from zope.globalrequest import getRequest
from zope.i18n import translate


def _group_users(group_id: str) -> list:
    return list(api.user.get_users(groupname=group_id)) if api.group.get(group_id) else []


def next_actors(dossier, state: str) -> list:
    """The users to tell: the assigned agent stands for the service's agents."""
    municipality = municipality_of(dossier)
    ins_code, service = municipality.ins_code, dossier.responsible_service
    users = []
    for function in NEXT_ACTORS.get(state, ()):
        if function == "editors" and dossier.assigned_agent:
            agent = api.user.get(userid=dossier.assigned_agent)
            users.extend([agent] if agent else [])
        elif function == "editors":
            users.extend(_group_users(naming.editors_group(ins_code, service)))
        elif function == "reviewers":
            users.extend(_group_users(naming.reviewers_group(ins_code, service)))
        elif function == "secretaries":
            users.extend(_group_users(naming.secretaries_group(ins_code)))
    unique = {user.getId(): user for user in users}
    return list(unique.values())


def _message(dossier, state: str, transition: str, comment: str) -> tuple[str, str]:
    request = getRequest()
    workflow = api.portal.get_tool("portal_workflow").getWorkflowsFor(dossier)[0]
    # State titles are translated in the plone domain, like Plone's own menu.
    state_title = translate(workflow.states[state].title, domain="plone", context=request)
    mapping = {
        "reference": dossier.reference or dossier.Title(),
        "title": dossier.Title(),
        "state": state_title,
        "url": dossier.absolute_url(),
        "municipality": municipality_of(dossier).Title(),
    }
    subject = translate(
        _(
            "mail_next_subject",
            default="[${municipality}] Case file ${reference}: ${state}",
            mapping=mapping,
        ),
        context=request,
    )
    body = translate(
        _(
            "mail_next_body",
            default='The case file "${title}" (${reference}) is now: ${state}.\n'
            "It is your turn to act on it:\n${url}\n",
            mapping=mapping,
        ),
        context=request,
    )
    if comment:
        label = translate(_("mail_comment", default="Comment"), context=request)
        body += f"\n{label}: {comment}\n"
    return subject, body


def notify_next_actors(dossier, state: str, transition: str, comment: str = "") -> int:
    """Send one e-mail per next actor; the number sent."""
    recipients = [u for u in next_actors(dossier, state) if u.getProperty("email")]
    if not recipients:
        return 0
    subject, body = _message(dossier, state, transition, comment)
    sent = 0
    for user in recipients:
        try:
            api.portal.send_email(recipient=user.getProperty("email"), subject=subject, body=body)
            sent += 1
        except ValueError:
            # No sender address configured on the site: log, never block the work.
            logger.warning("Cannot e-mail %s about %s", user.getId(), dossier.reference)
    return sent
