"""The delays of the tutelle on acts turned into dates (Plone-free).

CDLD Part III; sources in :mod:`imio.municipal.acts.tutelle`.
"""

from datetime import date
from datetime import timedelta
from functools import lru_cache
from imio.municipal.acts import tutelle
from imio.municipal.core.calendar import as_date
from imio.municipal.core.calendar import is_working_day  # noqa: F401 (doctest)
from imio.municipal.core.calendar import public_holidays


# The tutelle computation differs from the rule above in one point: besides
# Saturdays and Sundays, the days that move the last day are those listed by the
# CDLD (``tutelle.TUTELLE_HOLIDAYS_FR``), i.e. the federal public holidays plus
# 27 September, 2 and 15 November and 26 December. ``legal_deadline`` keeps the
# federal list for the Dossier procedures.


@lru_cache(maxsize=64)
def _tutelle_holidays(year: int) -> frozenset[date]:
    extra = {date(year, month, day) for month, day in tutelle.EXTRA_TUTELLE_HOLIDAYS}
    return public_holidays(year) | extra


def is_tutelle_working_day(day: date) -> bool:
    """Whether ``day`` can be the last day of a tutelle delay.

    Not a Saturday or Sunday, nor a day of the CDLD list, which has 27 September
    and 2 November on top of the federal holidays.

    >>> is_tutelle_working_day(date(2026, 11, 2)), is_working_day(date(2026, 11, 2))
    (False, True)
    """
    day = as_date(day)
    return day.weekday() < 5 and day not in _tutelle_holidays(day.year)


def tutelle_deadline(regime: str, receipt_date: date, extension_days: int = 0) -> date | None:
    """The last day the tutelle authority has to decide on an act.

    ``regime`` is a code of :data:`imio.municipal.acts.tutelle.REGIMES`;
    ``receipt_date`` the day the authority received the act with its
    justificatory pieces. The delay (30 days, for annulment or approval) runs
    from the next day, the last day counts and moves to the next day that
    :func:`is_tutelle_working_day`; there is no summer suspension since 2019.
    ``extension_days`` is the authority's one extension, at most 15 days; it is
    refused when negative, too long, or without tutelle. None without tutelle.

    >>> tutelle_deadline("approval", date(2026, 2, 2))
    datetime.date(2026, 3, 4)
    >>> tutelle_deadline("approval", date(2026, 2, 2), extension_days=15)
    datetime.date(2026, 3, 19)
    >>> tutelle_deadline("none", date(2026, 2, 2)) is None
    True
    """
    spec = tutelle.get_regime(regime)
    if extension_days < 0:
        raise ValueError(f"An extension cannot be negative: {extension_days} days")
    if spec.decision_days is None:
        if extension_days:
            raise ValueError(
                f"Regime {spec.code!r} has no tutelle delay to extend"
                f" (asked: {extension_days} days)"
            )
        return None
    if spec.max_extension_days is not None and extension_days > spec.max_extension_days:
        raise ValueError(
            f"The tutelle delay can be extended by at most {spec.max_extension_days} days"
            f" ({spec.article}); asked: {extension_days} days"
        )
    day = as_date(receipt_date) + timedelta(days=spec.decision_days + extension_days)
    while not is_tutelle_working_day(day):
        day += timedelta(days=1)
    return day


def binding_date(publication_date: date) -> date:
    """The day a published regulation or ordinance binds (CDLD L1133-2).

    "Le cinquième jour qui suit le jour de leur publication": the publication
    day plus 5 calendar days. It is not a delay given to anyone to act, so a
    weekend or holiday does not move it.

    >>> binding_date(date(2026, 3, 2))  # Monday -> Saturday
    datetime.date(2026, 3, 7)
    """
    return as_date(publication_date) + timedelta(days=tutelle.BINDING_DAYS_AFTER_PUBLICATION)
