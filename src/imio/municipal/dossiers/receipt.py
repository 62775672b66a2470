"""The receipt of a case file records the day the authority received it.

The transition form asks for that day (today by default): a file that came
by post last Friday is received on Friday, and its deadlines run from then.
"""

from datetime import date
from imio.municipal import _
from imio.municipal.core.calendar import belgian_date
from imio.municipal.core.calendar import belgian_today
from imio.municipal.interfaces import IDossier
from imio.municipal.platform.limits import check_past_date
from imio.municipal.platform.limits import EARLIEST
from imio.municipal.platform.validators import MunicipalValidationError


RECEIVE = "receive"


def asks_receipt_date(obj, transition: str) -> bool:
    return transition == RECEIVE and IDossier.providedBy(obj)


def proposed_receipt_date(obj) -> date:
    """What the form shows first: the date already typed, else today."""
    return getattr(obj, "received_date", None) or belgian_today()


def receipt_date(raw: str | None) -> date:
    """The typed receipt date, checked: a real day, not in the future."""
    try:
        day = date.fromisoformat((raw or "").strip())
    except ValueError:
        raise MunicipalValidationError(
            _(
                "error_receipt_date_missing",
                default="Give the date the file was received (dd/mm/yyyy).",
            )
        ) from None
    check_past_date(day)
    return day


def receipt_date_refusals() -> dict[str, str]:
    """The refusals of the receipt date, for the browser to show before sending.

    Keyed by the browser's validity flag; ``${date}`` stays for the typed day.
    """
    typed = {"date": "${date}"}
    return {
        "missing": _(
            "error_receipt_date_missing",
            default="Give the date the file was received (dd/mm/yyyy).",
        ),
        "late": _(
            "error_date_in_future",
            default="${date} is in the future: this date records something that already happened.",
            mapping=typed,
        ),
        "early": _(
            "error_date_too_early",
            default="${date} is too early: the platform records nothing before "
            "${earliest} (the fusion of the municipalities).",
            mapping={**typed, "earliest": belgian_date(EARLIEST)},
        ),
    }
