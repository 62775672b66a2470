"""E-mail the people who must act next on a case file."""

from imio.municipal import _
from imio.municipal import logger
from imio.municipal.dossiers.states import NEXT_ACTORS
from imio.municipal.platform import naming
from imio.municipal.platform.lookup import municipality_of
from plone import api
from zope.i18n import translate


def group_users(group_id: str) -> list:
    """The direct members of a group (users, and groups put in it), as
    ``api.user.get_users(groupname=…)`` gives them; none for an unknown group.

    Read from the group source instead: plone.api builds the group object
    (its properties through every PAS plugin) only to ask it for its member
    ids, and the check that the group exists built it once more.
    """
    acl_users = api.portal.get_tool("acl_users")
    memberdata = api.portal.get_tool("portal_memberdata")
    members = []
    for member_id in api.portal.get_tool("portal_groups").getGroupMembers(group_id):
        user = acl_users.getUserById(member_id)
        if user is not None:
            members.append(memberdata.wrapUser(user))
            continue
        group = acl_users.getGroupById(member_id)
        if group is not None:
            members.append(group)
    return members


def next_actors(dossier, state: str, actors_of_state=NEXT_ACTORS) -> list:
    """The users to tell: the assigned agent stands for the service's agents."""
    municipality = municipality_of(dossier)
    ins_code, service = municipality.ins_code, dossier.responsible_service
    assigned = getattr(dossier, "assigned_agent", None)
    users = []
    for function in actors_of_state.get(state, ()):
        if function == "editors" and assigned:
            agent = api.user.get(userid=assigned)
            users.extend([agent] if agent else [])
        elif function == "editors":
            users.extend(group_users(naming.editors_group(ins_code, service)))
        elif function == "reviewers":
            users.extend(group_users(naming.reviewers_group(ins_code, service)))
        elif function == "secretaries":
            users.extend(group_users(naming.secretaries_group(ins_code)))
    unique = {user.getId(): user for user in users}
    return list(unique.values())


def recipient_language(user) -> str:
    """The user's preferred language, else the site's (e-mails are not read in
    the request's language: the sender's browser says nothing of the reader)."""
    preferred = user.getProperty("language", "") or ""
    return preferred or api.portal.get_default_language() or "fr"


KIND_LABELS = {
    "Dossier": _("mail_kind_dossier", default="Case file"),
    "Act": _("mail_kind_act", default="Act"),
    "InvestmentPlan": _("mail_kind_plan", default="PIC plan"),
    "SharedProject": _("mail_kind_project", default="Shared project"),
}


def _message(
    dossier, state: str, comment: str, language: str, sender_title: str
) -> tuple[str, str]:
    def tr(message, domain="imio.municipal"):
        return translate(message, domain=domain, target_language=language)

    workflow = api.portal.get_tool("portal_workflow").getWorkflowsFor(dossier)[0]
    reference = getattr(dossier, "reference", None) or getattr(dossier, "number", None)
    mapping = {
        "kind": tr(KIND_LABELS.get(dossier.portal_type, dossier.portal_type)),
        "reference": reference or dossier.Title(),
        "title": dossier.Title(),
        # State titles are translated in the plone domain, like Plone's own menu.
        "state": tr(workflow.states[state].title, domain="plone"),
        "url": dossier.absolute_url(),
        "municipality": sender_title,
    }
    subject = tr(
        _(
            "mail_next_subject",
            default="[${municipality}] ${kind} ${reference}: ${state}",
            mapping=mapping,
        )
    )
    body = tr(
        _(
            "mail_next_body",
            default='${kind} "${title}" (${reference}) is now: ${state}.\n'
            "It is your turn to act on it:\n${url}\n",
            mapping=mapping,
        )
    )
    if comment:
        body += "\n" + tr(
            _("mail_comment", default="Comment: ${comment}", mapping={"comment": comment})
        )
        body += "\n"
    return subject, body


def notify_next_actors(
    dossier, state: str, transition: str, comment: str = "", actors_of_state=NEXT_ACTORS
) -> int:
    """Send one e-mail per next actor, in their language; the number sent.

    Mails go out with the transaction (MailHost is transaction-aware): a
    refused or retried transition sends nothing twice. Production sites use a
    queued MailHost (scripts/create_site.py --mail-queue) so that an SMTP
    outage never fails the transition itself.
    """
    return notify_users(dossier, next_actors(dossier, state, actors_of_state), state, comment)


def notify_users(obj, users, state: str, comment: str = "", sender_title: str = "") -> int:
    """E-mail these users that ``obj`` is now in ``state``; the number sent.

    ``sender_title`` names who speaks (the subject's prefix): by default the
    municipality of ``obj``.
    """
    if not sender_title:
        sender_title = municipality_of(obj).Title()
    recipients = [u for u in users if u.getProperty("email")]
    sent = 0
    for user in recipients:
        subject, body = _message(obj, state, comment, recipient_language(user), sender_title)
        try:
            api.portal.send_email(recipient=user.getProperty("email"), subject=subject, body=body)
            sent += 1
        except ValueError:
            # No sender address configured on the site: log, never block the work.
            logger.warning("Cannot e-mail %s about %s", user.getId(), obj.absolute_url())
    return sent
