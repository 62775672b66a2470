"""The values indexed for the figures per procedure, and the median read
from counts per value (Plone-free)."""

from datetime import date
from imio.municipal.steering import decision_values
from imio.municipal.steering.decision_values import decided_in_time_of
from imio.municipal.steering.decision_values import instruction_days_of
from imio.municipal.steering.figures import histogram_median
from imio.municipal.steering.figures import median

import doctest
import pytest
import random


def test_doctests():
    assert doctest.testmod(decision_values).failed == 0


def test_instruction_days_count_calendar_days():
    assert instruction_days_of(date(2026, 1, 5), date(2026, 2, 4)) == 30
    assert instruction_days_of(date(2026, 2, 4), date(2026, 2, 4)) == 0
    # a decision entered before the receipt date is indexed as it is
    assert instruction_days_of(date(2026, 2, 5), date(2026, 2, 4)) == -1


@pytest.mark.parametrize(
    ("received", "decided"),
    [(date(2026, 1, 5), None), (None, date(2026, 2, 4)), (None, None)],
    ids=["undecided", "no receipt date", "neither"],
)
def test_no_instruction_days_without_both_dates(received, decided):
    with pytest.raises(AttributeError):
        instruction_days_of(received, decided)


def test_decided_in_time_up_to_the_deadline_day_included():
    deadline = date(2026, 2, 20)
    assert decided_in_time_of(date(2026, 2, 19), deadline) is True
    assert decided_in_time_of(deadline, deadline) is True
    assert decided_in_time_of(date(2026, 2, 21), deadline) is False


@pytest.mark.parametrize(
    ("decided", "deadline"),
    [(None, date(2026, 2, 20)), (date(2026, 2, 4), None), (None, None)],
    ids=["undecided", "no legal deadline", "neither"],
)
def test_not_indexed_when_undecided_or_without_deadline(decided, deadline):
    with pytest.raises(AttributeError):
        decided_in_time_of(decided, deadline)


def test_histogram_median_by_hand():
    # 30, 80 → 55.0 ; 12, 12, 40 → 12 ; one value ; nothing
    assert histogram_median([(30, 1), (80, 1)]) == 55.0
    assert histogram_median([(12, 2), (40, 1)]) == 12
    assert histogram_median([(7, 1)]) == 7
    assert histogram_median([]) is None
    assert histogram_median([(3, 0), (9, 0)]) is None
    # empty keys in the middle are skipped; negative days sort first
    assert histogram_median([(-2, 1), (0, 0), (5, 1), (9, 2)]) == 7.0


def test_histogram_median_equals_the_median_of_the_values():
    draw = random.Random(22)
    for _ in range(300):
        values = [draw.randint(-3, 60) for _ in range(draw.randint(1, 40))]
        counts = sorted((value, values.count(value)) for value in set(values))
        assert histogram_median(counts) == median(values), values
