"""Observations sent with an e-mail address, without signing in.

Such an observation is first *pending*: kept apart from the observations
(an annotation of its own: not counted, not read by the service, never
public) while a link goes to the address given. Following the link and
confirming moves it among the observations, marked as sent with a confirmed
e-mail address; the confirmation time is its reception time, so it must
happen while the inquiry runs (docs/decisions.md).

Unconfirmed observations are personal data with no purpose once their link
has expired: every submission and confirmation on the inquiry purges those
older than ``KEEP`` first (on the fly, idempotent); ``purge_unconfirmed``
is the same purge for whoever calls it.
"""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from imio.municipal import _
from imio.municipal.core.calendar import belgian_date
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.inquiries import confirmation_token
from imio.municipal.inquiries.messages import refused
from imio.municipal.inquiries.observations import _checked_text
from imio.municipal.inquiries.observations import _stored
from imio.municipal.inquiries.observations import check_open
from imio.municipal.inquiries.observations import OBSERVATIONS_PER_HOUR
from persistent.mapping import PersistentMapping
from plone import api
from plone.keyring.interfaces import IKeyManager
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.i18n import translate

import hashlib
import hmac
import re
import uuid


PENDING_KEY = "imio.municipal.inquiries.pending"
KEEP = timedelta(seconds=confirmation_token.MAX_AGE)
# Per e-mail address and inquiry, confirmed or not: as for a signed-in citizen.
PER_ADDRESS_PER_HOUR = OBSERVATIONS_PER_HOUR
# Per client address and inquiry, unconfirmed ones: each sends a mail to an
# address nobody checked, so this protects third parties' mailboxes; a whole
# office or household behind one address still gets a few.
PER_CLIENT_PER_HOUR = 10
AUTHOR_PREFIX = "courriel:"
CONFIRM_VIEW = "confirmer-observation"
# The site's own secrets (plone.keyring), as for the citizens' sign-in.
RING = "_system"
EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;.]{2,}$")


def _pending(inquiry, create: bool = False):
    annotations = IAnnotations(inquiry)
    if PENDING_KEY not in annotations and create:
        annotations[PENDING_KEY] = PersistentMapping()
    return annotations.get(PENDING_KEY, {})


def pending_count(inquiry) -> int:
    return len(_pending(inquiry))


def purge_unconfirmed(inquiry, now: datetime | None = None) -> int:
    """Forget the unconfirmed observations older than KEEP; how many."""
    now = now or datetime.now(timezone.utc)
    pending = _pending(inquiry)
    stale = [key for key, record in pending.items() if record["submitted"] < now - KEEP]
    for key in stale:
        del pending[key]
    return len(stale)


def _secrets() -> list[bytes]:
    return [key.encode("utf-8") for key in getUtility(IKeyManager)[RING] if key]


def _client(request) -> str:
    """The client address, kept only as a keyed hash, only while pending."""
    address = (request.getClientAddr() or "") if request is not None else ""
    secret = getUtility(IKeyManager).secret(RING).encode("utf-8")
    return hmac.new(secret, address.encode("utf-8"), hashlib.sha256).hexdigest()


def _line(value, limit: int, required: bool, message) -> str:
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if (required and not text) or len(text) > limit:
        raise refused(InvalidInput, message)
    return text


def checked_email(value) -> str:
    email = value.strip().lower() if isinstance(value, str) else ""
    if len(email) > 254 or not EMAIL.match(email):
        raise refused(
            InvalidInput,
            _(
                "refusal_observation_email",
                default="Give a valid e-mail address: a link to confirm your observation "
                "is sent there.",
            ),
        )
    return email


def _check_rates(inquiry, email: str, client: str, now: datetime) -> None:
    since = now - timedelta(hours=1)
    pending = list(_pending(inquiry).values())
    by_address = [r for r in pending if r["email"] == email and r["submitted"] >= since]
    by_address += [
        r
        for r in _stored(inquiry)
        if r["author"] == AUTHOR_PREFIX + email and r["submitted"] >= since
    ]
    by_client = [r for r in pending if r["client"] == client and r["submitted"] >= since]
    if len(by_address) >= PER_ADDRESS_PER_HOUR or len(by_client) >= PER_CLIENT_PER_HOUR:
        raise refused(
            InvalidInput,
            _(
                "refusal_observation_email_rate",
                default="Too many observations on this inquiry were sent from this e-mail "
                "address or this connection in the last hour: please wait before sending "
                "another one.",
            ),
        )


def _send_link(inquiry, request, email: str, token: str) -> None:
    link = f"{inquiry.absolute_url()}/@@{CONFIRM_VIEW}?jeton={token}"
    deadline = (datetime.now(timezone.utc) + KEEP).strftime("%d/%m/%Y %H:%M UTC")
    subject = translate(
        _(
            "mail_observation_confirm_subject",
            default="Confirm your observation on a public inquiry",
        ),
        context=request,
    )
    body = translate(
        _(
            "mail_observation_confirm_body",
            default="An observation on the public inquiry « ${title} » was sent with this "
            "e-mail address.\n\nTo confirm it, open this link and confirm:\n${link}\n\n"
            "It is received when you confirm it, which must happen before the end of the "
            "inquiry (${end}) and before ${deadline}; otherwise it is deleted.\n"
            "If you did not send it, ignore this e-mail: nothing will be kept.",
            mapping={
                "title": inquiry.Title(),
                "link": link,
                "end": belgian_date(inquiry.end),
                "deadline": deadline,
            },
        ),
        context=request,
    )
    api.portal.send_email(recipient=email, subject=subject, body=body)


def submit_by_email(inquiry, request, name, email, text, address="") -> str:
    """Keep an anonymous visitor's observation pending and mail its link;
    the pending id. Everything is checked before anything is written."""
    if not api.user.is_anonymous():
        raise refused(
            NotAllowed,
            _(
                "refusal_observation_email_signed_in",
                default="You are signed in: send your observation from the e-counter's form.",
            ),
        )
    check_open(inquiry)
    now = datetime.now(timezone.utc)
    purge_unconfirmed(inquiry, now)
    value = _checked_text(text)
    full_name = _line(
        name,
        200,
        True,
        _("refusal_observation_name", default="Give your name (at most 200 characters)."),
    )
    postal = _line(
        address,
        300,
        False,
        _("refusal_observation_address", default="The postal address has at most 300 characters."),
    )
    email = checked_email(email)
    client = _client(request)
    _check_rates(inquiry, email, client, now)
    pending_id = uuid.uuid4().hex
    secret = getUtility(IKeyManager).secret(RING).encode("utf-8")
    token = confirmation_token.issue(inquiry.UID(), pending_id, secret)
    # A mail that cannot be handed over raises here, before anything is kept.
    _send_link(inquiry, request, email, token)
    _pending(inquiry, create=True)[pending_id] = PersistentMapping(
        id=pending_id,
        name=full_name,
        address=postal,
        email=email,
        text=value,
        submitted=now,
        client=client,
    )
    return pending_id


def _link_refusal(message_id: str, default: str):
    return refused(InvalidInput, _(message_id, default=default))


def _expired_link():
    return _link_refusal(
        "refusal_observation_link_expired",
        "This confirmation link has expired: the observation was not kept. "
        "Send it again from the inquiry's notice.",
    )


def confirm(inquiry, token, write: bool = True) -> dict | None:
    """Confirm the pending observation the link names: the new observation.
    With ``write=False``, only the checks (the page before the confirmation)."""
    status, data = confirmation_token.read(token, _secrets())
    if status == confirmation_token.EXPIRED:
        raise _expired_link()
    if status != confirmation_token.VALID or data["inquiry"] != inquiry.UID():
        raise _link_refusal(
            "refusal_observation_link_invalid",
            "This confirmation link is not valid: copy the whole link from the e-mail.",
        )
    if any(r.get("pending_id") == data["pending"] for r in _stored(inquiry)):
        raise _link_refusal(
            "refusal_observation_link_used",
            "This observation was already confirmed: a link serves once.",
        )
    now = datetime.now(timezone.utc)
    pending = _pending(inquiry)
    record = pending.get(data["pending"])
    if record is None or record["submitted"] < now - KEEP:
        raise _expired_link()
    try:
        check_open(inquiry)
    except InvalidInput:
        raise _link_refusal(
            "refusal_observation_confirmed_late",
            "The public inquiry has ended: an observation sent with an e-mail address "
            "is received when it is confirmed, and this one was not confirmed in time.",
        ) from None
    if not write:
        return None
    purge_unconfirmed(inquiry, now)
    observation = PersistentMapping(
        id=uuid.uuid4().hex,
        pending_id=record["id"],
        author=AUTHOR_PREFIX + record["email"],
        name=record["name"],
        email=record["email"],
        address=record["address"],
        text=record["text"],
        written=record["submitted"],
        submitted=now,
        email_confirmed=now,
    )
    _stored(inquiry, create=True).append(observation)
    del pending[data["pending"]]
    return dict(observation)
