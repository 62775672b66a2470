"""The directeur financier's advice: threshold, delay, gate (Plone-free).

Every expected date is worked out by hand next to it: the day the file is
received does not count, then ten working days (Monday to Friday, without the
Belgian public holidays); the tenth is the last day to give the advice.
"""

from datetime import date
from datetime import timedelta
from decimal import Decimal
from hypothesis import given
from hypothesis import strategies as st
from imio.municipal.acts import advice_rules
from imio.municipal.acts.advice_rules import add_working_days
from imio.municipal.acts.advice_rules import advice_required
from imio.municipal.acts.advice_rules import AdviceFacts
from imio.municipal.acts.advice_rules import due_date
from imio.municipal.acts.advice_rules import missing_advice
from imio.municipal.core import calendar

import doctest
import pytest


def test_doctests():
    result = doctest.testmod(advice_rules)
    assert result.attempted >= 7 and result.failed == 0


def test_the_legal_constants():
    assert advice_rules.THRESHOLD_EXCL_VAT == Decimal("22000.00")
    assert advice_rules.DELAY_WORKING_DAYS == 10
    assert advice_rules.URGENT_DELAY_WORKING_DAYS == 5


@pytest.mark.parametrize(
    "impact, required",
    [
        (None, False),
        (Decimal("0"), False),
        (Decimal("21999.99"), False),
        (Decimal("22000"), False),  # "supérieure à": 22 000 itself is not above
        (Decimal("22000.004"), False),  # rounds to the cent first
        (Decimal("22000.01"), True),
        (Decimal("1500000"), True),
        (30000, True),
    ],
)
def test_threshold(impact, required):
    assert advice_required(impact) is required


def test_threshold_refuses_floats():
    with pytest.raises(TypeError):
        advice_required(22000.5)


@pytest.mark.parametrize(
    "received, expected",
    [
        # Monday 2 March 2026: Tue 3 ... Fri 6 (4), Mon 9 ... Fri 13 (9), Mon 16 (10).
        (date(2026, 3, 2), date(2026, 3, 16)),
        # Friday 6 March: Mon 9 ... Fri 13 (5), Mon 16 ... Fri 20 (10).
        (date(2026, 3, 6), date(2026, 3, 20)),
        # Saturday 7 March: the weekend is skipped, same as from Friday.
        (date(2026, 3, 7), date(2026, 3, 20)),
        # Thursday 30 March 2026... Easter Monday is 6 April 2026: Tue 31 Mar (1),
        # Wed 1, Thu 2, Fri 3 (4), [Mon 6 Easter Monday], Tue 7 ... Fri 10 (8),
        # Mon 13 (9), Tue 14 (10).
        (date(2026, 3, 30), date(2026, 4, 14)),
        # Friday 18 December 2026: Mon 21, Tue 22, Wed 23, Thu 24 (4), [Fri 25
        # Christmas], Mon 28 ... Thu 31 (8), [Fri 1 Jan], Mon 4 (9), Tue 5 (10).
        (date(2026, 12, 18), date(2027, 1, 5)),
        # Friday 6 November 2026: Mon 9, Tue 10 (2), [Wed 11 Armistice], Thu 12,
        # Fri 13 (4), Mon 16 ... Fri 20 (9), Mon 23 (10).
        (date(2026, 11, 6), date(2026, 11, 23)),
    ],
)
def test_due_date_skips_weekends_and_holidays(received, expected):
    assert due_date(received) == expected


def test_urgent_delay_is_five_working_days():
    # Friday 18 December 2026: Mon 21 ... Thu 24 (4), [25 Christmas], Mon 28 (5).
    assert due_date(date(2026, 12, 18), urgent=True) == date(2026, 12, 28)


def test_extension_doubles_the_delay():
    # Monday 2 March 2026: first delay ends Monday 16 March; ten more working
    # days: Tue 17 ... Fri 20 (4), Mon 23 ... Fri 27 (9), Mon 30 March (10).
    assert due_date(date(2026, 3, 2), extended=True) == date(2026, 3, 30)


def test_may_go_on_only_after_the_last_day():
    due = date(2026, 3, 16)
    assert not advice_rules.may_go_on_without(due, date(2026, 3, 16))
    assert advice_rules.may_go_on_without(due, date(2026, 3, 17))


def test_missing_advice():
    today = date(2026, 3, 10)
    pending = AdviceFacts(advice_rules.FINANCIAL_DIRECTOR, advice_rules.ASKED, date(2026, 3, 16))
    given_ = AdviceFacts(advice_rules.FINANCIAL_DIRECTOR, advice_rules.GIVEN, date(2026, 3, 16))
    late = AdviceFacts(advice_rules.FINANCIAL_DIRECTOR, advice_rules.ASKED, date(2026, 3, 9))
    optional = AdviceFacts(advice_rules.SERVICE, advice_rules.ASKED, date(2026, 3, 20), "du SIPP")
    big = Decimal("50000")
    # Compulsory, never asked.
    assert [m.code for m in missing_advice(big, [], today)] == ["not_asked"]
    # Asked and still within its delay.
    assert [(m.code, m.due) for m in missing_advice(big, [pending], today)] == [
        ("pending", date(2026, 3, 16))
    ]
    # Given, or past its delay: nothing holds the act back.
    assert missing_advice(big, [given_], today) == []
    assert missing_advice(big, [late], today) == []
    # Below the threshold nothing is compulsory, but an optional advice asked
    # works the same way.
    assert missing_advice(Decimal("100"), [], today) == []
    assert [m.kind for m in missing_advice(Decimal("100"), [optional], today)] == ["service"]


def test_check_sense():
    advice_rules.check_sense("favourable", "")
    with pytest.raises(ValueError, match="text_required"):
        advice_rules.check_sense("favourable_with_remarks", "  ")
    with pytest.raises(ValueError, match="unknown_sense"):
        advice_rules.check_sense("maybe", "text")


def test_recitals():
    assert advice_rules.recital(
        "service", "du service Travaux", "unfavourable", date(2026, 3, 9), date(2026, 3, 13)
    ) == ("Vu l'avis défavorable du service Travaux rendu le 09/03/2026;")
    assert advice_rules.recital(
        "financial_director", "du directeur financier", None, None, date(2026, 3, 16)
    ) == (
        "Vu la demande d'avis du directeur financier, restée sans réponse dans le délai "
        "expiré le 16/03/2026;"
    )


def test_recitals_name_an_extended_delay():
    extended = date(2026, 3, 12)
    assert advice_rules.recital(
        "financial_director", "du directeur financier", None, None, date(2026, 3, 27), extended
    ) == (
        "Vu la demande d'avis du directeur financier, restée sans réponse dans le délai "
        "prorogé le 12/03/2026 et expiré le 27/03/2026;"
    )
    assert advice_rules.recital(
        "financial_director",
        "du directeur financier",
        "favourable",
        date(2026, 3, 20),
        date(2026, 3, 27),
        extended,
    ) == (
        "Vu l'avis de légalité favorable du directeur financier rendu le 20/03/2026, "
        "après prorogation du délai le 12/03/2026;"
    )


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(min_value=1, max_value=30),
)
def test_add_working_days_property(start, days):
    result = add_working_days(start, days)
    # The result is a working day, strictly after the start, and exactly
    # ``days`` working days lie in (start, result].
    assert calendar.is_working_day(result)
    assert result > start
    counted = sum(
        calendar.is_working_day(start + timedelta(days=offset))
        for offset in range(1, (result - start).days + 1)
    )
    assert counted == days
    # Never shorter than the calendar days asked, at most a few weeks longer.
    assert days <= (result - start).days <= days * 2 + 14


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_extension_and_urgency_order_property(received):
    normal = due_date(received)
    assert due_date(received, urgent=True) < normal < due_date(received, extended=True)
    assert not advice_rules.may_go_on_without(normal, normal)
    assert advice_rules.may_go_on_without(normal, normal + timedelta(days=1))
