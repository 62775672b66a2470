"""The deadline of a data-subject request (GDPR art. 12.3), Plone-free."""

from datetime import date
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import StateRefusal
from imio.municipal.privacy import request_rules as rules

import pytest


@pytest.mark.parametrize(
    "received, first, extended",
    [
        (date(2027, 3, 15), date(2027, 4, 15), date(2027, 6, 15)),
        # 31 January: no 31 February, the month's last day; leap and common years.
        (date(2027, 1, 31), date(2027, 2, 28), date(2027, 4, 30)),
        (date(2028, 1, 31), date(2028, 2, 29), date(2028, 4, 30)),
        (date(2028, 1, 29), date(2028, 2, 29), date(2028, 4, 29)),
        (date(2027, 1, 29), date(2027, 2, 28), date(2027, 4, 29)),
        # 29 February: same day next month exists.
        (date(2028, 2, 29), date(2028, 3, 29), date(2028, 5, 29)),
        # 31 May: no 31 June; three months later 31 August exists.
        (date(2027, 5, 31), date(2027, 6, 30), date(2027, 8, 31)),
        # Over the year's end.
        (date(2026, 12, 31), date(2027, 1, 31), date(2027, 3, 31)),
        (date(2027, 11, 30), date(2027, 12, 30), date(2028, 2, 29)),
    ],
)
def test_one_month_and_three_months_from_receipt(received, first, extended):
    assert rules.answer_deadline(received) == first
    assert rules.extended_deadline(received) == extended
    assert rules.deadline(received, extended=False) == first
    assert rules.deadline(received, extended=True) == extended


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert rules.add_months(date(2027, 8, 31), 1) == date(2027, 9, 30)
    assert rules.add_months(date(2027, 8, 31), 12) == date(2028, 8, 31)
    assert rules.add_months(date(2100, 1, 31), 1) == date(2100, 2, 28)  # not a leap year
    assert rules.add_months(date(2000, 1, 31), 1) == date(2000, 2, 29)  # a leap year


def test_the_extension_is_decided_once_within_the_first_month_with_a_reason():
    received = date(2027, 1, 31)
    reason = rules.check_extension(received, date(2027, 2, 28), False, "  Demande complexe  ")
    assert reason == "Demande complexe"
    with pytest.raises(StateRefusal) as refused:
        rules.check_extension(received, date(2027, 2, 10), True, "Encore")
    assert refused.value.reason().default.startswith("The deadline was already extended")
    with pytest.raises(StateRefusal) as refused:
        rules.check_extension(received, date(2027, 3, 1), False, "Trop tard")
    assert refused.value.reason().mapping["date"] == "28/02/2027"
    for reason in ("", "   ", None, 12, "x" * 2001):
        with pytest.raises(InvalidInput):
            rules.check_extension(received, date(2027, 2, 1), False, reason)


def test_request_kinds():
    assert set(rules.KINDS) == {"access", "rectification", "erasure", "objection"}
    assert rules.check_kind("erasure").article == "RGPD, art. 17"
    with pytest.raises(InvalidInput):
        rules.check_kind("portability")
