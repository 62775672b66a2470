"""The public inquiry on a permit (Plone-free): its days and its end date.

Under the Walloon Code of territorial development (CoDT, Book VIII,
articles D.VIII.7 and following), a public inquiry lasts fifteen days and is
suspended from 16 July to 15 August and from 24 December to 1 January
(article D.VIII.13 as we understand it). These article numbers and figures
are NOT verified: the code is the Walloon decree of 20 July 2016 forming the
CoDT (Moniteur belge of 14 November 2016, numac 2016205561), whose existence
and Book numbering could be checked, but the text of Book VIII (duration,
suspensions, the articles D.VIII.7 and D.VIII.13, and R.IV.40 of the
regulatory part) could not be read from this machine in sessions 11 and 12.
The figures follow the municipalities' practice and must be checked against
the coordinated code (wallex.wallonie.be) before relying on them in a
dispute. They live here, in one place.

How the days are counted: the start date is the inquiry's first day; a day
inside a suspension is not counted; the fifteenth counted day is the
counted end. An inquiry that starts inside a suspension begins to count the
day after it.

A counted end on a Saturday, a Sunday or a public holiday moves to the next
working day (outside a suspension): procedure guides for the CoDT extend
the permit's decision delay "when the last day of the inquiry is a
Saturday, Sunday or public holiday", which supposes the inquiry then runs
to the next working day; the code's own sentence could not be read here
either. The holidays are the federal ones, as for every CoDT delay
(:mod:`imio.municipal.core.calendar`). The end therefore is always a working
day outside a suspension.

>>> from datetime import date
>>> inquiry_end(date(2026, 3, 2))
datetime.date(2026, 3, 16)
>>> inquiry_end(date(2026, 7, 10))  # 6 days in July, 9 after 15 August
datetime.date(2026, 8, 24)
>>> inquiry_end(date(2026, 12, 20))  # 4 days, then from 2 January
datetime.date(2027, 1, 12)
>>> counted_end(date(2026, 10, 28)), inquiry_end(date(2026, 10, 28))  # 11 November
(datetime.date(2026, 11, 11), datetime.date(2026, 11, 12))
>>> is_suspended(date(2027, 1, 1)), is_suspended(date(2027, 1, 2))
(True, False)
"""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from imio.municipal.core.calendar import is_working_day


INQUIRY_DAYS = 15
# (month, day) from .. to, both included; the winter one spans the year end.
SUSPENSIONS = (((7, 16), (8, 15)), ((12, 24), (1, 1)))
LEGAL_BASIS = (
    "CoDT, art. D.VIII.7 et suivants; suspensions : art. D.VIII.13; "
    "fin un samedi, dimanche ou jour férié : jour ouvrable suivant"
)


def is_suspended(day: date) -> bool:
    """Whether the inquiry does not run on this day."""
    key = (day.month, day.day)
    for first, last in SUSPENSIONS:
        if first <= last:
            if first <= key <= last:
                return True
        elif key >= first or key <= last:
            return True
    return False


def counted_days(start: date, end: date) -> int:
    """The days of the inquiry from start to end, both included."""
    day, count = start, 0
    while day <= end:
        count += not is_suspended(day)
        day += timedelta(days=1)
    return count


def counted_end(start: date, duration: int = INQUIRY_DAYS) -> date:
    """The day on which the last counted day of the inquiry falls."""
    if duration < 1:
        raise ValueError("an inquiry lasts at least one day")
    day, count = start, 0
    while True:
        if not is_suspended(day):
            count += 1
            if count == duration:
                return day
        day += timedelta(days=1)


def is_closing_day(day: date) -> bool:
    """Whether an inquiry may end on this day: a working day it runs on."""
    return is_working_day(day) and not is_suspended(day)


def inquiry_end(start: date, duration: int = INQUIRY_DAYS) -> date:
    """The last day of an inquiry that starts on ``start``."""
    day = counted_end(start, duration)
    while not is_closing_day(day):
        day += timedelta(days=1)
    return day


def first_day(start: date) -> date:
    """The first day that counts (the start, or the end of its suspension)."""
    day = start
    while is_suspended(day):
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def status(self, today: date) -> str:
        """``before``, ``running`` or ``over``: whether observations are taken.

        Inside a suspension the inquiry does not run, but observations sent
        then are kept (they arrive before the end): only the dates count.
        """
        if today < self.start:
            return "before"
        if today > self.end:
            return "over"
        return "running"


def period_from(start: date, duration: int = INQUIRY_DAYS) -> Period:
    return Period(start, inquiry_end(start, duration))
