"""E-mail the adviser when an advice is asked, and the asker when it is given.

Like the workflow's notifications: in each reader's language, sent with the
transaction, never blocking the work when the site has no sender address.
"""

from imio.municipal import _
from imio.municipal import logger
from imio.municipal.dossiers.notifications import group_users
from imio.municipal.dossiers.notifications import recipient_language
from imio.municipal.platform.lookup import municipality_of
from plone import api
from zope.i18n import translate


def _send(act, users, subject, body) -> int:
    sent = 0
    for user in users:
        email = user.getProperty("email")
        if not email:
            continue
        language = recipient_language(user)
        try:
            api.portal.send_email(
                recipient=email,
                subject=translate(subject, target_language=language),
                body=translate(body, target_language=language),
            )
            sent += 1
        except ValueError:
            logger.warning("Cannot e-mail %s about %s", user.getId(), act.absolute_url())
    return sent


def _mapping(act, record) -> dict:
    return {
        "municipality": municipality_of(act).Title(),
        "title": act.Title(),
        "url": act.absolute_url(),
        "date": f"{record['due']:%d/%m/%Y}",
    }


def advice_asked(act, record) -> int:
    """Tell the asked group's members; the number of e-mails sent."""
    mapping = _mapping(act, record)
    return _send(
        act,
        group_users(record["adviser"]),
        _(
            "mail_advice_asked_subject",
            default="[${municipality}] Advice asked: ${title}",
            mapping=mapping,
        ),
        _(
            "mail_advice_asked_body",
            default="Your advice is asked on « ${title} », by ${date} at the latest:\n${url}\n",
            mapping=mapping,
        ),
    )


def advice_given(act, record) -> int:
    """Tell whoever asked for it."""
    asker = api.user.get(userid=record["asked_by"]) if record["asked_by"] else None
    mapping = _mapping(act, record)
    return _send(
        act,
        [asker] if asker is not None else [],
        _(
            "mail_advice_given_subject",
            default="[${municipality}] Advice given: ${title}",
            mapping=mapping,
        ),
        _(
            "mail_advice_given_body",
            default="The advice on « ${title} » was given:\n${url}\n",
            mapping=mapping,
        ),
    )
