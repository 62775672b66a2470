"""The public inquiry's end date: fifteen counted days, suspended in summer and
at the year end, computed across years."""

from datetime import date
from datetime import timedelta
from hypothesis import given
from hypothesis import strategies as st
from imio.municipal.core.calendar import is_working_day
from imio.municipal.inquiries import rules

import pytest


@pytest.mark.parametrize(
    "start, counted, end",
    [
        (date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 16)),  # no suspension
        (date(2026, 7, 1), date(2026, 7, 15), date(2026, 7, 15)),  # the day before the summer one
        (date(2026, 7, 2), date(2026, 8, 16), date(2026, 8, 17)),  # the 15th day is a Sunday
        (date(2026, 7, 10), date(2026, 8, 24), date(2026, 8, 24)),
        (date(2026, 7, 20), date(2026, 8, 30), date(2026, 8, 31)),  # starts inside: from 16 August
        (date(2026, 12, 9), date(2026, 12, 23), date(2026, 12, 23)),
        (date(2026, 12, 20), date(2027, 1, 12), date(2027, 1, 12)),  # across the year end
        (date(2026, 12, 28), date(2027, 1, 16), date(2027, 1, 18)),  # inside the winter one
        (date(2027, 1, 1), date(2027, 1, 16), date(2027, 1, 18)),
        (date(2028, 2, 20), date(2028, 3, 5), date(2028, 3, 6)),  # a leap year
        (date(2026, 10, 28), date(2026, 11, 11), date(2026, 11, 12)),  # Armistice
        (date(2027, 3, 15), date(2027, 3, 29), date(2027, 3, 30)),  # Easter Monday
        (date(2026, 4, 30), date(2026, 5, 14), date(2026, 5, 15)),  # Ascension
        (date(2026, 12, 10), date(2027, 1, 2), date(2027, 1, 4)),  # a Saturday after the winter
        (date(2028, 7, 1), date(2028, 7, 15), date(2028, 8, 16)),  # a Saturday before the summer
    ],
)
def test_known_ends(start, counted, end):
    assert rules.counted_end(start) == counted
    assert rules.inquiry_end(start) == end


def test_the_suspensions_bounds_are_included():
    assert not rules.is_suspended(date(2026, 7, 15))
    assert rules.is_suspended(date(2026, 7, 16))
    assert rules.is_suspended(date(2026, 8, 15))
    assert not rules.is_suspended(date(2026, 8, 16))
    assert not rules.is_suspended(date(2026, 12, 23))
    assert rules.is_suspended(date(2026, 12, 24))
    assert rules.is_suspended(date(2027, 1, 1))
    assert not rules.is_suspended(date(2027, 1, 2))


def test_a_duration_below_one_day_is_refused():
    with pytest.raises(ValueError):
        rules.inquiry_end(date(2026, 3, 2), 0)


def test_observations_are_taken_from_the_start_to_the_end_included():
    period = rules.period_from(date(2026, 3, 2))
    assert period.status(date(2026, 3, 1)) == "before"
    assert period.status(date(2026, 3, 2)) == "running"
    assert period.status(date(2026, 3, 16)) == "running"
    assert period.status(date(2026, 3, 17)) == "over"


starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(starts, st.integers(min_value=1, max_value=60))
def test_the_counted_end_is_never_suspended_and_the_days_add_up(start, duration):
    counted = rules.counted_end(start, duration)
    assert not rules.is_suspended(counted)
    assert rules.counted_days(start, counted) == duration
    # The counted end is the first day that reaches the duration.
    assert rules.counted_days(start, counted - timedelta(days=1)) == duration - 1
    assert counted >= rules.first_day(start) >= start


@given(starts, st.integers(min_value=1, max_value=60))
def test_the_end_is_the_first_working_day_from_the_counted_end(start, duration):
    counted = rules.counted_end(start, duration)
    end = rules.inquiry_end(start, duration)
    assert end >= counted
    assert is_working_day(end) and not rules.is_suspended(end)
    # Every day skipped was a weekend day, a holiday or a suspended day.
    day = counted
    while day < end:
        assert not rules.is_closing_day(day)
        day += timedelta(days=1)
    assert rules.counted_days(start, end) >= duration


@given(starts)
def test_fifteen_days_take_at_most_fifteen_plus_the_longest_suspension(start):
    end = rules.inquiry_end(start)
    # The summer suspension is 31 days long; an inquiry never spans both; a
    # weekend or holidays before or after a suspension add at most 4 days.
    assert timedelta(days=14) <= end - start <= timedelta(days=14 + 31 + 4)


@given(starts)
def test_an_inquiry_never_ends_on_a_weekend(start):
    assert rules.inquiry_end(start).weekday() < 5
