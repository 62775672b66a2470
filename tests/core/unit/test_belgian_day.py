"""The day of a moment is Belgium's day, whatever the server's clock."""

from DateTime import DateTime
from imio.municipal.core.calendar import belgian_day

import datetime


def test_late_evening_utc_is_already_the_next_day_in_brussels():
    assert belgian_day(DateTime("2026/12/07 23:30:00 UTC")) == datetime.date(2026, 12, 8)
    assert belgian_day(DateTime("2026/07/14 22:30:00 UTC")) == datetime.date(2026, 7, 15)


def test_the_day_does_not_move_earlier_in_the_day():
    assert belgian_day(DateTime("2026/12/07 10:00:00 UTC")) == datetime.date(2026, 12, 7)
    moment = datetime.datetime(2026, 12, 7, 22, 59, tzinfo=datetime.timezone.utc)
    assert belgian_day(moment) == datetime.date(2026, 12, 7)
