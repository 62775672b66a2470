"""Legal delays turned into dates: the Belgian calendar (Plone-free).

One rule for every delay counted in days, whether a Dossier's procedure
(:mod:`imio.municipal.dossiers.procedures`) or the tutelle on acts: the delay runs from
the day after its starting event, the last day counts, and a last day falling on
a Saturday, Sunday or public holiday moves to the next working day. The
general rule of the Judicial Code (art. 52-53) is the same. The CoDT's own
provision on computing delays (D.I.16) was not read: the rule is
applied to CoDT delays on the strength of the municipal practice pages, which
count "from the day after the acknowledgement was sent" (Virton).

For case files the holidays are the federal ones (``holidays`` for "BE": the
ten legal holidays, plus Easter and Whit Sunday, Sundays anyway); 27 September
does not move a CoDT delay. The tutelle on acts (CDLD art. L3113-1) has its own
list, the federal holidays plus 27 September, 2 and 15 November and 26
December: see :mod:`imio.municipal.acts.tutelle_deadlines`.
"""

from datetime import date
from datetime import datetime
from datetime import timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    # Building a holiday calendar is slow compared to a set lookup.
    return frozenset(holidays.country_holidays("BE", years=year))


def as_date(day: date) -> date:
    # A datetime is a date, but it never equals one: a holiday lookup would miss.
    return day.date() if isinstance(day, datetime) else day


def is_working_day(day: date) -> bool:
    """Whether ``day`` is neither a weekend day nor a Belgian public holiday.

    >>> is_working_day(date(2026, 11, 11)), is_working_day(date(2026, 11, 12))
    (False, True)
    """
    day = as_date(day)
    return day.weekday() < 5 and day not in public_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the next working day.

    >>> next_working_day(date(2026, 12, 25))  # Christmas is a Friday
    datetime.date(2026, 12, 28)
    """
    day = as_date(day)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def legal_deadline(start: date, days: int) -> date:
    """The last day of a delay of ``days`` days that starts with event ``start``.

    The day of ``start`` is not counted, the last day is, and a last day that is
    not a working day moves to the next working day.

    >>> legal_deadline(date(2026, 3, 4), 10)  # 14 March 2026 is a Saturday
    datetime.date(2026, 3, 16)
    """
    if days < 0:
        raise ValueError(f"A delay cannot be negative: {days} days")
    return next_working_day(as_date(start) + timedelta(days=days))


BRUSSELS = ZoneInfo("Europe/Brussels")


def belgian_today() -> date:
    """The calendar day in Belgium: legal delays count Belgian days."""
    return datetime.now(BRUSSELS).date()


def belgian_day(moment) -> date:
    """The day in Belgium of an aware moment (a datetime, or a Zope DateTime
    by its ``asdatetime``): on a server whose clock is UTC, 23:30 UTC is
    already the next day in Brussels, as ``belgian_today`` says.

    >>> belgian_day(datetime(2026, 12, 7, 23, 30, tzinfo=ZoneInfo("UTC")))
    datetime.date(2026, 12, 8)
    """
    if hasattr(moment, "asdatetime"):
        moment = moment.asdatetime()
    return moment.astimezone(BRUSSELS).date()


def belgian_date(day: date) -> str:
    """A date as Belgians write it in a message: 07/12/2026.

    >>> belgian_date(date(2026, 12, 7))
    '07/12/2026'
    """
    return day.strftime("%d/%m/%Y")


def urgency(deadline: date | None, today: date, soon_days: int = 7) -> str | None:
    """How pressing ``deadline`` is on ``today``: "overdue", "soon", "ok", or None.

    "soon" means at most ``soon_days`` days left, the deadline day included.

    >>> urgency(date(2026, 3, 17), today=date(2026, 3, 10))
    'soon'
    """
    if deadline is None:
        return None
    left = (as_date(deadline) - as_date(today)).days
    if left < 0:
        return "overdue"
    if left <= soon_days:
        return "soon"
    return "ok"


def expired(deadline: date | None, today: date) -> bool:
    """Whether ``deadline`` has passed on ``today``: the last day itself still counts.

    >>> expired(date(2026, 3, 4), date(2026, 3, 4)), expired(date(2026, 3, 4), date(2026, 3, 5))
    (False, True)
    """
    if deadline is None:
        return False
    return as_date(today) > as_date(deadline)
