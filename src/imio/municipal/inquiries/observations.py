"""Observations on a public inquiry: personal data kept with the inquiry.

They are records in the inquiry's annotations, never content: no catalog,
no serializer, no page shows them but ``observations_for``, which gives all
of them to the service and the secretariat (the workflow's
``imio.municipal: View inquiry observations``) and his own ones to a
citizen. Sending one is checked completely before it is written.
"""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from imio.municipal import _
from imio.municipal.core.calendar import belgian_date
from imio.municipal.core.calendar import belgian_today
from imio.municipal.counter.citizens import is_citizen_id
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.inquiries.messages import refused
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations

import uuid


ANNOTATION_KEY = "imio.municipal.inquiries.observations"
SUBMIT = "imio.municipal: Submit inquiry observation"
SEE = "imio.municipal: View inquiry observations"
MAX_CHARACTERS = 5000
# Per citizen and per inquiry: enough to complete a thought, not to flood.
OBSERVATIONS_PER_HOUR = 3


def _stored(inquiry, create: bool = False):
    annotations = IAnnotations(inquiry)
    if ANNOTATION_KEY not in annotations and create:
        annotations[ANNOTATION_KEY] = PersistentList()
    return annotations.get(ANNOTATION_KEY, ())


def count(inquiry) -> int:
    return len(_stored(inquiry))


def all_observations(inquiry) -> list:
    """Every observation, oldest first (callers check who may read them)."""
    return [dict(record) for record in _stored(inquiry)]


def signed_in_citizen():
    """The signed-in citizen, or a refusal for anyone else (staff included)."""
    user = None if api.user.is_anonymous() else api.user.get_current()
    if user is None or not is_citizen_id(user.getId()) or not user.getProperty("niss"):
        raise refused(
            NotAllowed,
            _(
                "refusal_observation_not_citizen",
                default="Sign in to the e-counter as a citizen to send an observation.",
            ),
        )
    return user


def check_open(inquiry) -> None:
    if api.content.get_state(inquiry) != "open":
        raise refused(
            StateRefusal,
            _(
                "refusal_observation_closed",
                default="This public inquiry is closed: observations are no longer received.",
            ),
        )
    period = inquiry.period()
    status = period.status(belgian_today())
    if status == "before":
        raise refused(
            InvalidInput,
            _(
                "refusal_observation_before",
                default="The public inquiry starts on ${start}: observations are received "
                "from that day until ${end}.",
                mapping={"start": belgian_date(period.start), "end": belgian_date(period.end)},
            ),
        )
    if status == "over":
        raise refused(
            InvalidInput,
            _(
                "refusal_observation_after",
                default="The public inquiry ended on ${end}: observations are no longer received.",
                mapping={"end": belgian_date(period.end)},
            ),
        )


def _checked_text(text) -> str:
    value = text.strip() if isinstance(text, str) else ""
    if not value:
        raise refused(
            InvalidInput,
            _("refusal_observation_empty", default="Write your observation."),
        )
    if len(value) > MAX_CHARACTERS:
        raise refused(
            InvalidInput,
            _(
                "refusal_observation_length",
                default="An observation has at most ${limit} characters.",
                mapping={"limit": str(MAX_CHARACTERS)},
            ),
        )
    return value


def _check_rate(inquiry, user_id: str, now: datetime) -> None:
    since = now - timedelta(hours=1)
    recent = [
        record
        for record in _stored(inquiry)
        if record["author"] == user_id and record["submitted"] >= since
    ]
    if len(recent) >= OBSERVATIONS_PER_HOUR:
        raise refused(
            InvalidInput,
            _(
                "refusal_observation_rate",
                default="You sent ${count} observations on this inquiry in the last hour: "
                "please wait before sending another one.",
                mapping={"count": str(len(recent))},
            ),
        )


def submit_observation(inquiry, text) -> dict:
    """Record the signed-in citizen's observation; the stored record."""
    user = signed_in_citizen()
    check_open(inquiry)
    if not api.user.has_permission(SUBMIT, obj=inquiry):
        raise refused(
            NotAllowed,
            _(
                "refusal_observation_not_allowed",
                default="You may not send an observation on this inquiry.",
            ),
        )
    value = _checked_text(text)
    now = datetime.now(timezone.utc)
    _check_rate(inquiry, user.getId(), now)
    record = PersistentMapping(
        id=uuid.uuid4().hex,
        author=user.getId(),
        name=user.getProperty("fullname") or "",
        email=user.getProperty("email") or "",
        text=value,
        submitted=now,
    )
    _stored(inquiry, create=True).append(record)
    return dict(record)


def may_see_all(inquiry) -> bool:
    return not api.user.is_anonymous() and api.user.has_permission(SEE, obj=inquiry)


def observations_for(inquiry) -> list:
    """What the current user may read: all (service, secretariat), his own
    (a citizen), else a refusal."""
    if may_see_all(inquiry):
        return all_observations(inquiry)
    user = None if api.user.is_anonymous() else api.user.get_current()
    if user is None or not is_citizen_id(user.getId()):
        raise refused(
            NotAllowed,
            _(
                "refusal_observations_private",
                default="Observations are personal data: only the case file's service and "
                "the secretariat read them.",
            ),
        )
    return [record for record in all_observations(inquiry) if record["author"] == user.getId()]
