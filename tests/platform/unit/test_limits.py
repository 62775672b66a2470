"""The bounds of the fields: sizes and plausible dates, at their edges."""

from datetime import date
from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.platform import limits
from imio.municipal.platform.validators import MunicipalValidationError

import doctest
import pytest


def test_docstring_examples():
    result = doctest.testmod(limits)
    assert result.attempted > 0 and result.failed == 0


def test_sizes_at_the_edge():
    assert limits.chars(3)("abc")
    with pytest.raises(MunicipalValidationError):
        limits.chars(3)("abcd")
    assert limits.items(2)([1, 2])
    with pytest.raises(MunicipalValidationError):
        limits.items(2)([1, 2, 3])


def test_the_next_check_runs_after_the_size():
    def refuse(value):
        raise MunicipalValidationError("refused")

    with pytest.raises(MunicipalValidationError, match="refused"):
        limits.items(2, then=refuse)([1])


def test_dates_at_the_edge():
    today = belgian_today()
    assert limits.check_past_date(today)
    with pytest.raises(MunicipalValidationError):
        limits.check_past_date(today + timedelta(days=1))
    assert limits.check_session_date(today + limits.SESSION_HORIZON)
    with pytest.raises(MunicipalValidationError):
        limits.check_session_date(today + limits.SESSION_HORIZON + timedelta(days=1))
    with pytest.raises(MunicipalValidationError):
        limits.check_planned_date(date(1976, 12, 31))
    assert limits.check_planned_date(date(2099, 12, 31))
    assert limits.check_session_date(None) and limits.check_past_date(None)
