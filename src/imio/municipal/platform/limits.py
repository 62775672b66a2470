"""How long a field's value may be and which dates are plausible.

The limits live in the schemas (as field constraints) so that the forms and
the REST API both run them and say why, in the user's language. The reasons
behind each figure are written down in docs/decisions.md.

>>> from datetime import date
>>> check_session_date(date(1977, 1, 1))
True
>>> check_session_date(date(1976, 12, 31))
Traceback (most recent call last):
...
imio.municipal.platform.validators.MunicipalValidationError: error_date_too_early
"""

from collections.abc import Callable
from datetime import date
from datetime import timedelta
from imio.municipal import _
from imio.municipal.core.calendar import belgian_date
from imio.municipal.core.calendar import belgian_today
from imio.municipal.platform.validators import MunicipalValidationError


# A name, a reference, an address on one line.
LINE_CHARS = 300
# An address, possibly on a few lines.
ADDRESS_CHARS = 1_000
# A free text of a few paragraphs (an address block, objectives, a justification).
TEXT_CHARS = 10_000
# The HTML of a motivation or a decision: long deliberations stay far below.
RICH_TEXT_CHARS = 200_000
# Rows of a table or lines of a list (applicants, parcels, signatories, ...).
LIST_ITEMS = 200

# Today's municipalities were born of the fusion of 1 January 1977: nothing
# the platform records (sessions, case files) is older.
EARLIEST = date(1977, 1, 1)
# Sessions are planned at most a year ahead.
SESSION_HORIZON = timedelta(days=366)
# A planned date (a milestone, a due date) in this century.
LATEST_PLANNED = date(2099, 12, 31)


def check_chars(value, limit: int) -> bool:
    if value is not None and len(value) > limit:
        raise MunicipalValidationError(
            _(
                "error_too_many_characters",
                default="${length} characters: at most ${limit} are accepted here.",
                mapping={"length": len(value), "limit": limit},
            )
        )
    return True


def chars(limit: int = LINE_CHARS, then: Callable | None = None) -> Callable:
    """A constraint: at most ``limit`` characters, then ``then`` (if any)."""

    def constraint(value) -> bool:
        check_chars(value, limit)
        return then(value) if then is not None else True

    return constraint


def rich_text(value) -> bool:
    """A constraint for a RichText field: its raw HTML stays reasonable."""
    return check_chars(getattr(value, "raw", None), RICH_TEXT_CHARS)


def items(limit: int = LIST_ITEMS, then: Callable | None = None) -> Callable:
    """A constraint: at most ``limit`` rows, then ``then`` (if any)."""

    def constraint(value) -> bool:
        if value is not None and len(value) > limit:
            raise MunicipalValidationError(
                _(
                    "error_too_many_items",
                    default="${count} rows: at most ${limit} are accepted here.",
                    mapping={"count": len(value), "limit": limit},
                )
            )
        return then(value) if then is not None else True

    return constraint


def _check_between(value: date | None, earliest: date, latest: date) -> bool:
    if value is None:
        return True
    if value < earliest:
        raise MunicipalValidationError(
            _(
                "error_date_too_early",
                default="${date} is too early: the platform records nothing before "
                "${earliest} (the fusion of the municipalities).",
                mapping={"date": belgian_date(value), "earliest": belgian_date(earliest)},
            )
        )
    if value > latest:
        raise MunicipalValidationError(
            _(
                "error_date_too_late",
                default="${date} is too far ahead: the latest date accepted here is ${latest}.",
                mapping={"date": belgian_date(value), "latest": belgian_date(latest)},
            )
        )
    return True


def check_session_date(value: date | None) -> bool:
    """A session: since 1977, at most a year ahead."""
    return _check_between(value, EARLIEST, belgian_today() + SESSION_HORIZON)


def check_past_date(value: date | None) -> bool:
    """Something that happened (a receipt, a decision): since 1977, not in the future."""
    if value is not None and value > belgian_today():
        raise MunicipalValidationError(
            _(
                "error_date_in_future",
                default="${date} is in the future: this date records something that "
                "already happened.",
                mapping={"date": belgian_date(value)},
            )
        )
    return _check_between(value, EARLIEST, belgian_today())


def check_planned_date(value: date | None) -> bool:
    """A planned date (due date, milestone): since 1977, in this century."""
    return _check_between(value, EARLIEST, LATEST_PLANNED)
