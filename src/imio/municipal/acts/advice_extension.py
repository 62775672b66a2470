"""The directeur financier extends the delay of his advice, once, with a reason.

L1124-40, §1, 3° lets the delay be extended once by a period equal to the
first one; the adviser asked records it before the delay ends.
"""

from datetime import date
from imio.municipal import _
from imio.municipal.acts import advice
from imio.municipal.acts import advice_rules as rules
from imio.municipal.core import calendar
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from plone import api


def _refuse_unless_adviser(act, record) -> None:
    not_yours = _(
        "refusal_advice_extension_not_allowed",
        default="Only the adviser who was asked extends the delay of this advice, "
        "before the act is adopted: nothing was saved.",
    )
    if not api.user.has_permission(advice.GIVE_PERMISSION, obj=act):
        raise advice.refusal(NotAllowed, not_yours)
    if record["adviser"] not in (api.user.get_current().getGroups() or []):
        raise advice.refusal(NotAllowed, not_yours)


def _refuse_unless_extendable(record, today: date) -> None:
    if record["kind"] != rules.FINANCIAL_DIRECTOR:
        raise advice.refusal(
            StateRefusal,
            _(
                "refusal_advice_extension_kind",
                default="Only the directeur financier's advice has a delay that may be extended.",
            ),
        )
    if record["status"] != rules.ASKED:
        raise advice.refusal(
            StateRefusal,
            _(
                "refusal_advice_extension_not_pending",
                default="This advice is no longer awaited: its delay is not extended.",
            ),
        )
    if record.get("extended_on"):
        raise advice.refusal(
            StateRefusal,
            _(
                "refusal_advice_extension_twice",
                default="The delay was already extended on ${date}: it is extended once only.",
                mapping={"date": f"{record['extended_on']:%d/%m/%Y}"},
            ),
        )
    if rules.may_go_on_without(record["due"], today):
        raise advice.refusal(
            StateRefusal,
            _(
                "refusal_advice_extension_late",
                default="The delay ended on ${date}: it can no longer be extended.",
                mapping={"date": f"{record['due']:%d/%m/%Y}"},
            ),
        )


def extend(act, advice_id: str, reason: str, today: date | None = None) -> dict:
    """Record the extension of the advice ``advice_id``: its new last day, date and reason."""
    record = advice._find(act, advice_id)
    _refuse_unless_adviser(act, record)
    today = today or calendar.belgian_today()
    _refuse_unless_extendable(record, today)
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise advice.refusal(
            InvalidInput,
            _(
                "refusal_advice_extension_reason",
                default="Say why the delay is extended (reason).",
            ),
        )
    if len(reason) > advice.MAX_TEXT:
        raise advice.refusal(
            InvalidInput, _("refusal_advice_too_long", default="The text is too long.")
        )
    record.update(
        due=rules.due_date(record["asked_on"], urgent=record["urgent"], extended=True),
        extended_on=today,
        extended_by=api.user.get_current().getId(),
        extension_reason=reason,
    )
    act.reindexObject(idxs=["modified"])
    return dict(record)
