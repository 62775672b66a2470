"""Messages between the service and the citizen on a request.

They are personal data: kept in an annotation of the case file (never
catalogued, never serialized by the content API, gone with the file), read
by the citizen of the file and by the staff who see it. Each message tells
the other side by e-mail, with a link but not the text: a mailbox is not
where personal data should travel. Senders are rate limited.
"""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from imio.municipal import _
from imio.municipal import logger
from imio.municipal.core.calendar import BRUSSELS
from imio.municipal.dossiers.notifications import next_actors
from imio.municipal.dossiers.notifications import recipient_language
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.platform.lookup import municipality_of
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate

import uuid


ANNOTATION_KEY = "imio.municipal.counter.messages"
MAX_LENGTH = 4000
MESSAGES_PER_HOUR = 10
# The staff who answer a citizen: the service that handles the file and
# the secretariat (local roles on the file or the municipality).
STAFF_ROLES = frozenset({"ServiceEditor", "ServiceReviewer", "MunicipalSecretary"})
CITIZEN, SERVICE = "citizen", "service"


class MessageRefused(InvalidInput):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class NotTheService(NotAllowed):
    def __init__(self):
        super().__init__("only the service of the file writes to its applicant")
        self.message = _(
            "refusal_message_not_service",
            default="Only the service that handles this file and the secretariat write "
            "to its applicant.",
        )


def _stored(dossier, create=False):
    annotations = IAnnotations(dossier)
    if ANNOTATION_KEY not in annotations and create:
        annotations[ANNOTATION_KEY] = PersistentList()
    return annotations.get(ANNOTATION_KEY, [])


def messages_of(dossier) -> list[dict]:
    """Oldest first, as plain data; dates in Belgian format and time."""
    return [
        {
            "id": item["id"],
            "from": item["side"],
            "author": item["author_name"],
            "date": item["at"].astimezone(BRUSSELS).strftime("%d/%m/%Y %H:%M"),
            "text": item["text"],
        }
        for item in _stored(dossier)
    ]


def is_staff_of(dossier, user) -> bool:
    return bool(STAFF_ROLES & set(api.user.get_roles(user=user, obj=dossier)))


def _checked_text(text) -> str:
    if not isinstance(text, str) or not text.strip():
        raise MessageRefused(_("refusal_message_empty", default="Write a message."))
    text = text.strip()
    if len(text) > MAX_LENGTH:
        raise MessageRefused(
            _(
                "refusal_message_length",
                default="A message has at most ${limit} characters.",
                mapping={"limit": str(MAX_LENGTH)},
            )
        )
    if any(ord(char) < 32 and char not in "\n\r\t" for char in text):
        raise MessageRefused(
            _("refusal_message_characters", default="The message contains control characters.")
        )
    return text


def _check_rate(dossier, author: str) -> None:
    since = datetime.now(timezone.utc) - timedelta(hours=1)
    recent = [m for m in _stored(dossier) if m["author"] == author and m["at"] >= since]
    if len(recent) >= MESSAGES_PER_HOUR:
        raise MessageRefused(
            _(
                "refusal_message_rate",
                default="You sent ${count} messages on this request in the last hour: "
                "please wait before sending another one.",
                mapping={"count": str(len(recent))},
            )
        )


def post_message(dossier, user, side: str, text) -> dict:
    """Store the message of ``user`` (the citizen or the service) and tell
    the other side; the stored message as plain data."""
    if side == SERVICE and not is_staff_of(dossier, user):
        raise NotTheService()
    text = _checked_text(text)
    _check_rate(dossier, user.getId())
    item = PersistentMapping(
        id=uuid.uuid4().hex,
        side=side,
        author=user.getId(),
        author_name=user.getProperty("fullname") or user.getId(),
        # UTC: a ZoneInfo does not pickle into the ZODB.
        at=datetime.now(timezone.utc),
        text=text,
    )
    _stored(dossier, create=True).append(item)
    recipients = _applicant_addresses(dossier) if side == SERVICE else _staff_addresses(dossier)
    _notify(dossier, recipients, side)
    return messages_of(dossier)[-1]


def _applicant_addresses(dossier) -> list[tuple[str, str]]:
    """The applicants' addresses on the file (the counter put the citizen's
    there at filing), in the site's language."""
    language = api.portal.get_default_language() or "fr"
    found = {a.get("email") for a in (dossier.applicants or []) if a.get("email")}
    return [(email, language) for email in sorted(found)]


def _staff_addresses(dossier) -> list[tuple[str, str]]:
    users = next_actors(dossier, "any", {"any": ("editors",)})
    return [
        (u.getProperty("email"), recipient_language(u)) for u in users if u.getProperty("email")
    ]


def _notify(dossier, recipients: list[tuple[str, str]], side: str) -> int:
    portal_url = api.portal.get().absolute_url()
    link = f"{portal_url}/@@mes-demarches" if side == SERVICE else dossier.absolute_url()
    mapping = {
        "municipality": municipality_of(dossier).Title(),
        "reference": dossier.reference or dossier.Title(),
        "title": dossier.Title(),
        "url": link,
    }
    sent = 0
    for email, language in recipients:
        subject = translate(
            _(
                "mail_counter_message_subject",
                default="[${municipality}] New message on ${reference}",
                mapping=mapping,
            ),
            target_language=language,
        )
        body = translate(
            _(
                "mail_counter_message_body",
                default='A new message was written on "${title}" (${reference}).\n'
                "Read it and answer here:\n${url}",
                mapping=mapping,
            ),
            target_language=language,
        )
        try:
            api.portal.send_email(recipient=email, subject=subject, body=body)
            sent += 1
        except ValueError:
            logger.warning("Cannot e-mail a message notice about %s", link)
    return sent
