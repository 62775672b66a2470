"""Data-subject requests and their GDPR deadline (Plone-free).

GDPR art. 12.3: the controller answers "without undue delay and in any
event within one month of receipt of the request"; the period "may be
extended by two further months where necessary", once, and the person is
told of the extension and its reasons within the first month.

Months are counted as Regulation (EEC, Euratom) 1182/71 art. 3.2.c counts
them: the period ends on the day of the last month with the same number as
the day of receipt, or on that month's last day when it has no such day
(31 January → 28 or 29 February). The extended period is three months from
the receipt (31 January → 30 April), not two months from the first
deadline, which would lose the days a short February cut. The shift of a
last day falling on a weekend or a holiday (art. 3.4) is not applied: the
deadline shown is the earlier, safe one.

>>> answer_deadline(date(2027, 1, 31)), extended_deadline(date(2027, 1, 31))
(datetime.date(2027, 2, 28), datetime.date(2027, 4, 30))
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from imio.municipal import _
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import StateRefusal


ANSWER_MONTHS = 1
EXTENSION_MONTHS = 2
REASON_MAX_LENGTH = 2000


@dataclass(frozen=True)
class RequestKind:
    code: str
    title: object  # translatable
    title_fr: str
    article: str


KINDS = {
    kind.code: kind
    for kind in (
        RequestKind("access", _("dsr_kind_access", default="Access"), "Accès", "RGPD, art. 15"),
        RequestKind(
            "rectification",
            _("dsr_kind_rectification", default="Rectification"),
            "Rectification",
            "RGPD, art. 16",
        ),
        RequestKind(
            "erasure", _("dsr_kind_erasure", default="Erasure"), "Effacement", "RGPD, art. 17"
        ),
        RequestKind(
            "objection", _("dsr_kind_objection", default="Objection"), "Opposition", "RGPD, art. 21"
        ),
    )
}


class RequestRefusal(InvalidInput):
    """Input a data-subject request cannot take; the reason kept whole."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


class RequestStateRefusal(StateRefusal):
    """What the request's current state does not allow; the reason kept whole."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month.

    >>> add_months(date(2028, 1, 31), 1), add_months(date(2027, 11, 30), 3)
    (datetime.date(2028, 2, 29), datetime.date(2028, 2, 29))
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def answer_deadline(received: date) -> date:
    return add_months(received, ANSWER_MONTHS)


def extended_deadline(received: date) -> date:
    return add_months(received, ANSWER_MONTHS + EXTENSION_MONTHS)


def deadline(received: date, extended: bool) -> date:
    return extended_deadline(received) if extended else answer_deadline(received)


def check_kind(code: object) -> RequestKind:
    if code not in KINDS:
        raise RequestRefusal(
            _(
                "error_dsr_kind",
                default="Unknown kind of request ${kind}: access, rectification, erasure "
                "or objection.",
                mapping={"kind": str(code)},
            )
        )
    return KINDS[code]


def check_extension(received: date, today: date, already_extended: bool, reason: object) -> str:
    """The reason of an extension decided ``today``, checked; refused when
    the request was already extended, the first month is over or no reason
    is given."""
    if already_extended:
        raise RequestStateRefusal(
            _(
                "error_dsr_extended_twice",
                default="The deadline was already extended once: it cannot be again.",
            )
        )
    first = answer_deadline(received)
    if today > first:
        raise RequestStateRefusal(
            _(
                "error_dsr_extension_late",
                default="The extension must be decided within the first month (until ${date}).",
                mapping={"date": first.strftime("%d/%m/%Y")},
            )
        )
    text = reason.strip() if isinstance(reason, str) else ""
    if not text or len(text) > REASON_MAX_LENGTH:
        raise RequestRefusal(
            _(
                "error_dsr_extension_reason",
                default="The extension needs its reason (at most ${max} characters): "
                "the person is told.",
                mapping={"max": REASON_MAX_LENGTH},
            )
        )
    return text
