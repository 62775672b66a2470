"""What the region sends, checked before it changes anything (Plone-free).

The region's answers are data from elsewhere: a receipt, the items polled
from e-Tutelle and the Guichet. Every field is checked for its type, its
size, its meaning (dates that can be true, an extension the CDLD allows)
and against what the platform knows (the municipality polled, the message
and the object the item is about, the act's state). A check that fails
raises :class:`Refused` with a translatable reason, for the exchange
journal::

    >>> from datetime import date
    >>> act = ActFacts(state="transmitted", regime="approval", number="2026/conseil/1")
    >>> item = {"outcome": "extended", "decided_on": "2026-12-02", "extension_days": 9999}
    >>> try:
    ...     check_tutelle(item, act, sent_on=date(2026, 12, 1), today=date(2026, 12, 6))
    ... except Refused as refusal:
    ...     print(refusal)
    An extension of 9999 days is not allowed: at most 15 days, once.
"""

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from imio.municipal import _
from imio.municipal.acts import tutelle
from imio.municipal.errors import InvalidInput
from zope.i18n import interpolate
from zope.i18nmessageid import Message

import re


# A receipt id, an act number, a plan title: short texts.
MAX_TEXT = 200
MAX_COMMENT = 5000
# Items in one answer (the protocol's largest page).
MAX_ITEMS = 1000
RECEIPT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:\d\d)")
# The region's clock may run a little ahead of ours.
CLOCK_SKEW = timedelta(minutes=5)

TUTELLE_OUTCOMES = ("approved", "annulled", "extended")
PIC_DECISIONS = ("approved", "to_correct")
# The act states in which each e-Tutelle outcome can be recorded: approval
# ends the wait of a transmitted act; annulment and extension also reach an
# act executory on transmission (general tutelle); nothing changes a
# published or annulled act.
OUTCOME_STATES = {
    "approved": ("transmitted",),
    "annulled": ("transmitted", tutelle.EXECUTORY),
    "extended": ("transmitted", tutelle.EXECUTORY),
}
# Under general tutelle the act is executory once transmitted: an approval
# is recorded without changing its state.
GENERAL_APPROVAL_STATES = (tutelle.EXECUTORY, "published")
PIC_STATE = "transmitted"


class Refused(InvalidInput):
    """What the region sent cannot be applied; ``message`` says why (translatable)."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(interpolate(message.default, message.mapping))


@dataclass(frozen=True)
class ActFacts:
    """What the checks need to know of an act."""

    state: str
    regime: str
    number: str | None = None
    outcome: str | None = None
    outcome_date: date | None = None
    extension_days: int | None = None
    # The workflow's title of the state ("Annulled"), translated in the reasons.
    state_title: str | None = None


@dataclass(frozen=True)
class TutelleDecision:
    outcome: str
    decided_on: date
    extension_days: int | None = None


@dataclass(frozen=True)
class PicDecision:
    decision: str
    decided_on: date
    comment: str | None = None


@dataclass(frozen=True)
class Receipt:
    receipt_id: str
    received_on: date | None = None


def _shown(value: object) -> str:
    """A value as quoted in a reason: short, on one line."""
    text = " ".join(repr(value).split()) if not isinstance(value, str) else " ".join(value.split())
    return text if len(text) <= 40 else text[:37] + "..."


def _missing(field: str):
    return Refused(
        _("region_refusal_missing", default="${field} is missing.", mapping={"field": field})
    )


def text(item: dict, field: str, required: bool = True, max_length: int = MAX_TEXT):
    """``item[field]`` as a non-empty text of at most ``max_length`` characters."""
    value = item.get(field)
    if value is None:
        if required:
            raise _missing(field)
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > max_length:
        raise Refused(
            _(
                "region_refusal_not_text",
                default="${field} must be a text of 1 to ${max} characters, not « ${value} ».",
                mapping={"field": field, "max": max_length, "value": _shown(value)},
            )
        )
    return value


def integer(item: dict, field: str, required: bool = True) -> int | None:
    value = item.get(field)
    if value is None:
        if required:
            raise _missing(field)
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused(
            _(
                "region_refusal_not_integer",
                default="${field} must be a whole number, not « ${value} ».",
                mapping={"field": field, "value": _shown(value)},
            )
        )
    return value


def choice(item: dict, field: str, allowed: tuple[str, ...]) -> str:
    value = item.get(field)
    if value is None:
        raise _missing(field)
    if not isinstance(value, str) or value not in allowed:
        raise Refused(
            _(
                "region_refusal_not_allowed",
                default="${field} « ${value} » is not one of ${allowed}.",
                mapping={"field": field, "value": _shown(value), "allowed": ", ".join(allowed)},
            )
        )
    return value


def day(item: dict, field: str, today: date, not_before: date | None) -> date:
    """A date (2026-12-02) that is not after ``today`` nor before ``not_before``."""
    value = item.get(field)
    if value is None:
        raise _missing(field)
    parsed = None
    if isinstance(value, str) and _DAY.fullmatch(value):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
    if parsed is None:
        raise Refused(
            _(
                "region_refusal_not_date",
                default="${field} must be a date such as 2026-12-02, not « ${value} ».",
                mapping={"field": field, "value": _shown(value)},
            )
        )
    _not_future(field, parsed, today)
    if not_before is not None and parsed < not_before:
        raise Refused(
            _(
                "region_refusal_before_sending",
                default="${field} ${value} is before the message was sent to the region (${sent}).",
                mapping={"field": field, "value": value, "sent": not_before.isoformat()},
            )
        )
    return parsed


def _not_future(field: str, when: date, today: date) -> None:
    if when > today:
        raise Refused(
            _(
                "region_refusal_future_date",
                default="${field} ${value} is in the future.",
                mapping={"field": field, "value": when.isoformat()},
            )
        )


def item_cursor(item: object) -> int | None:
    """The item's cursor when it is a valid one (a whole number, 1 or more)."""
    if not isinstance(item, dict):
        return None
    value = item.get("cursor")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value


def items(data: object) -> list:
    """The items of a polled answer: ``{"items": [...], "cursor": n}``."""
    found = data.get("items") if isinstance(data, dict) else None
    if not isinstance(found, list) or len(found) > MAX_ITEMS:
        raise Refused(
            _(
                "region_refusal_not_items",
                default="The region's answer is not a list of at most ${max} items.",
                mapping={"max": MAX_ITEMS},
            )
        )
    return found


def check_item(item: object, ins_code: str) -> str:
    """The fields every polled item has; its receipt id."""
    if not isinstance(item, dict):
        raise Refused(
            _(
                "region_refusal_not_object",
                default="The item is not a JSON object: « ${value} ».",
                mapping={"value": _shown(item)},
            )
        )
    if item_cursor(item) is None:
        integer(item, "cursor")  # missing or not a number: says which
        raise Refused(
            _(
                "region_refusal_bad_cursor",
                default="cursor must be 1 or more, not « ${value} ».",
                mapping={"value": _shown(item.get("cursor"))},
            )
        )
    found = text(item, "ins_code")
    if found != ins_code:
        raise Refused(
            _(
                "region_refusal_other_municipality",
                default="The item is for the municipality ${found}, not for ${expected} "
                "whose items were asked for.",
                mapping={"found": _shown(found), "expected": ins_code},
            )
        )
    receipt_id = text(item, "receipt_id")
    if not RECEIPT_ID.fullmatch(receipt_id):
        raise Refused(
            _(
                "region_refusal_bad_receipt",
                default="« ${value} » is not a receipt id.",
                mapping={"value": _shown(receipt_id)},
            )
        )
    return receipt_id


def check_message(item: dict, message_id: str, receipt_id: str) -> None:
    """The item names the message the receipt was given for."""
    found = text(item, "message_id")
    if found != message_id:
        raise Refused(
            _(
                "region_refusal_other_message",
                default="message_id « ${found} » is not the message of receipt ${receipt}.",
                mapping={"found": _shown(found), "receipt": receipt_id},
            )
        )


def state_label(state: str, title: str | None) -> str:
    """A state as shown in a reason: its workflow title (plone domain), else its id."""
    return Message(title, domain="plone", default=title) if title else state


def _state_refusal(outcome: str, state: str, title: str | None) -> Refused:
    return Refused(
        _(
            "region_refusal_act_state",
            default="An outcome « ${outcome} » cannot be recorded on an act that is « ${state} ».",
            mapping={"outcome": outcome, "state": state_label(state, title)},
        )
    )


def check_tutelle(item: dict, act: ActFacts, sent_on: date | None, today: date) -> TutelleDecision:
    """An e-Tutelle outcome for ``act``, sent on ``sent_on``; what to record."""
    outcome = choice(item, "outcome", TUTELLE_OUTCOMES)
    decided = day(item, "decided_on", today, sent_on)
    number = text(item, "act_number", required=False)
    if number is not None and act.number and number != act.number:
        raise Refused(
            _(
                "region_refusal_act_number",
                default="act_number « ${found} » is not the number of the act (${expected}).",
                mapping={"found": _shown(number), "expected": act.number},
            )
        )
    days = integer(item, "extension_days", required=outcome == "extended")
    regime = tutelle.REGIMES.get(act.regime)
    if regime is None or regime.decision_days is None:
        raise Refused(_("region_refusal_no_tutelle", default="The act is under no tutelle."))
    if act.outcome:
        raise Refused(
            _(
                "region_refusal_already_decided",
                default="The tutelle outcome of the act is already recorded: ${outcome} (${date}).",
                mapping={
                    "outcome": act.outcome,
                    "date": act.outcome_date.isoformat() if act.outcome_date else "—",
                },
            )
        )
    states = OUTCOME_STATES[outcome]
    if outcome == "approved" and act.regime == tutelle.GENERAL:
        states = states + GENERAL_APPROVAL_STATES
    if act.state not in states:
        raise _state_refusal(outcome, act.state, act.state_title)
    if outcome != "extended":
        if days is not None:
            raise Refused(
                _(
                    "region_refusal_extension_without_extended",
                    default="extension_days is given only with the outcome extended.",
                )
            )
        return TutelleDecision(outcome, decided)
    if not 1 <= days <= regime.max_extension_days:
        raise Refused(
            _(
                "region_refusal_extension_range",
                default="An extension of ${days} days is not allowed: at most ${max} days, once.",
                mapping={"days": days, "max": regime.max_extension_days},
            )
        )
    if act.extension_days:
        raise Refused(
            _(
                "region_refusal_extension_twice",
                default="The delay was already extended by ${days} days; it is extended once only.",
                mapping={"days": act.extension_days},
            )
        )
    return TutelleDecision(outcome, decided, days)


def check_pic(
    item: dict, state: str, sent_on: date | None, today: date, state_title: str | None = None
) -> PicDecision:
    """A Guichet decision on a plan in ``state``, sent on ``sent_on``."""
    decision = choice(item, "decision", PIC_DECISIONS)
    decided = day(item, "decided_on", today, sent_on)
    comment = item.get("comment")
    if comment is not None:
        comment = text(item, "comment", max_length=MAX_COMMENT)
    text(item, "plan_title", required=False)
    if state != PIC_STATE:
        raise Refused(
            _(
                "region_refusal_plan_state",
                default="A decision « ${decision} » cannot be recorded on a plan that is "
                "« ${state} ».",
                mapping={"decision": decision, "state": state_label(state, state_title)},
            )
        )
    return PicDecision(decision, decided, comment)


def check_receipt(data: dict, sent_at: datetime, now: datetime, tz) -> Receipt | None:
    """The receipt in a 2xx answer (``receipt_id``, or the permit platform's
    ``response_id``); None when there is none. ``received_at``, when given,
    is a moment with its time zone, not in the future, not before the message
    (in days of ``tz``)."""
    field = "receipt_id" if data.get("receipt_id") is not None else "response_id"
    if data.get(field) is None:
        return None
    receipt_id = text(data, field)
    if not RECEIPT_ID.fullmatch(receipt_id):
        raise Refused(
            _(
                "region_refusal_bad_receipt",
                default="« ${value} » is not a receipt id.",
                mapping={"value": _shown(receipt_id)},
            )
        )
    value = data.get("received_at")
    if value is None:
        return Receipt(receipt_id)
    moment = None
    if isinstance(value, str) and _MOMENT.fullmatch(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
    if moment is None:
        raise Refused(
            _(
                "region_refusal_not_moment",
                default="received_at must be a date and time with its time zone such as "
                "2026-12-02T10:00:00Z, not « ${value} ».",
                mapping={"value": _shown(value)},
            )
        )
    if moment > now + CLOCK_SKEW:
        raise Refused(
            _(
                "region_refusal_future_date",
                default="${field} ${value} is in the future.",
                mapping={"field": "received_at", "value": value},
            )
        )
    received_on, sent_on = moment.astimezone(tz).date(), sent_at.astimezone(tz).date()
    if received_on < sent_on:
        raise Refused(
            _(
                "region_refusal_before_sending",
                default="${field} ${value} is before the message was sent to the region (${sent}).",
                mapping={"field": "received_at", "value": value, "sent": sent_on.isoformat()},
            )
        )
    return Receipt(receipt_id, received_on)
