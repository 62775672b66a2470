"""Tutelle delays on acts, and the date a published regulation binds.

Every expected date is worked out by hand in the comment next to it: the day of
receipt is not counted, the last day is (30 days, or 30 + the extension), and a
last day on a Saturday, Sunday or a day of the CDLD list (federal holidays plus
27 September, 2 and 15 November, 26 December) moves to the next working day.
"""

from datetime import date
from datetime import datetime
from imio.municipal.acts import tutelle
from imio.municipal.acts.tutelle import UnknownRegime
from imio.municipal.acts.tutelle_deadlines import binding_date
from imio.municipal.acts.tutelle_deadlines import is_tutelle_working_day
from imio.municipal.acts.tutelle_deadlines import tutelle_deadline
from imio.municipal.core.calendar import expired
from imio.municipal.core.calendar import legal_deadline

import pytest


def test_the_regimes_delays():
    assert tutelle.APPROVAL_DAYS == 30
    assert tutelle.ANNULMENT_DAYS == 30
    assert tutelle.MAX_EXTENSION_DAYS == 15


# Working days of the tutelle


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),  # New Year, Thursday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),  # 1 May, Friday
        date(2026, 5, 14),  # Ascension, Thursday
        date(2026, 5, 25),  # Whit Monday
        date(2026, 7, 21),  # Tuesday
        date(2025, 8, 15),  # Friday
        date(2027, 9, 27),  # Monday: in the CDLD list, not a federal holiday
        date(2027, 11, 1),  # All Saints, Monday
        date(2026, 11, 2),  # Monday: in the CDLD list only
        date(2026, 11, 11),  # Wednesday
        date(2027, 11, 15),  # Monday: in the CDLD list only
        date(2026, 12, 25),  # Friday
        date(2025, 12, 26),  # Friday: in the CDLD list only
    ],
)
def test_days_of_the_cdld_list_are_not_tutelle_working_days(day):
    assert not is_tutelle_working_day(day)


def test_ordinary_days_are_tutelle_working_days():
    assert is_tutelle_working_day(date(2026, 3, 16))  # Monday
    assert is_tutelle_working_day(date(2026, 4, 3))  # Good Friday is no holiday
    assert not is_tutelle_working_day(date(2026, 3, 14))  # Saturday
    assert not is_tutelle_working_day(datetime(2026, 11, 2, 10, 0))


# Approval tutelle: 30 days


def test_approval_delay_ending_on_a_working_day():
    # Monday 2 February 2026 + 30 days (26 in February, 4 in March) = Wednesday 4 March.
    assert tutelle_deadline(tutelle.APPROVAL, date(2026, 2, 2)) == date(2026, 3, 4)


def test_approval_delay_ending_on_a_weekend():
    # Thursday 12 February 2026 + 30 days (16 in February, 14 in March) =
    # Saturday 14 March -> Monday 16 March.
    assert tutelle_deadline(tutelle.APPROVAL, date(2026, 2, 12)) == date(2026, 3, 16)


def test_approval_delay_ending_on_11_november():
    # Monday 12 October 2026 + 30 days (19 in October, 11 in November) =
    # Wednesday 11 November (holiday) -> Thursday 12 November.
    assert tutelle_deadline(tutelle.APPROVAL, date(2026, 10, 12)) == date(2026, 11, 12)


def test_approval_delay_ending_on_21_july():
    # Received on Sunday 21 June 2026 (e-Tutelle) + 30 days (9 in June, 21 in
    # July) = Tuesday 21 July (holiday) -> Wednesday 22 July.
    assert tutelle_deadline(tutelle.APPROVAL, date(2026, 6, 21)) == date(2026, 7, 22)


def test_extended_delay_ending_on_easter_monday():
    # Friday 20 February 2026 + 45 days (8 in February, 31 in March, 6 in
    # April) = Easter Monday 6 April -> Tuesday 7 April.
    assert tutelle_deadline(tutelle.APPROVAL, date(2026, 2, 20), 15) == date(2026, 4, 7)


def test_cdld_days_move_the_deadline_where_federal_holidays_do_not():
    # Friday 2 October 2026 + 30 days (29 in October, 1 in November) = Sunday
    # 1 November -> Monday 2 November, in the CDLD list -> Tuesday 3 November.
    assert tutelle_deadline(tutelle.APPROVAL, date(2026, 10, 2)) == date(2026, 11, 3)
    # The Dossier procedures' federal calendar stops on Monday 2 November.
    assert legal_deadline(date(2026, 10, 2), 30) == date(2026, 11, 2)
    # Tuesday 25 November 2025 + 30 days (5 in November, 25 in December) =
    # Thursday 25 December -> Friday 26 (CDLD list), weekend -> Monday 29 December.
    assert tutelle_deadline(tutelle.APPROVAL, date(2025, 11, 25)) == date(2025, 12, 29)
    # Friday 27 August 2027 + 30 days (4 in August, 26 in September) = Sunday
    # 26 September -> Monday 27 September (CDLD list) -> Tuesday 28 September.
    assert tutelle_deadline(tutelle.APPROVAL, date(2027, 8, 27)) == date(2027, 9, 28)


def test_no_summer_suspension():
    # Wednesday 1 July 2026 + 30 days = Friday 31 July: the days from 15 July
    # to 15 August are counted since 2019.
    assert tutelle_deadline(tutelle.APPROVAL, date(2026, 7, 1)) == date(2026, 7, 31)


def test_receipt_as_datetime():
    assert tutelle_deadline(tutelle.APPROVAL, datetime(2026, 2, 2, 16, 45)) == date(2026, 3, 4)


# Extension


def test_extension_of_15_days_is_accepted():
    # Monday 2 February 2026 + 45 days (26 in February, 19 in March) = Thursday 19 March.
    assert tutelle_deadline(tutelle.APPROVAL, date(2026, 2, 2), 15) == date(2026, 3, 19)


def test_extension_of_16_days_is_refused():
    with pytest.raises(ValueError, match="at most 15 days"):
        tutelle_deadline(tutelle.APPROVAL, date(2026, 2, 2), 16)


def test_negative_extension_is_refused():
    with pytest.raises(ValueError, match="negative"):
        tutelle_deadline(tutelle.APPROVAL, date(2026, 2, 2), -1)


def test_no_extension_without_tutelle():
    with pytest.raises(ValueError, match="no tutelle delay to extend"):
        tutelle_deadline(tutelle.NONE, date(2026, 2, 2), 5)


# General annulment tutelle and no tutelle


def test_general_tutelle_annulment_delay():
    # Monday 2 February 2026 + 30 days = Wednesday 4 March.
    assert tutelle_deadline(tutelle.GENERAL, date(2026, 2, 2)) == date(2026, 3, 4)
    # Thursday 12 February 2026 + 30 days = Saturday 14 March -> Monday 16 March.
    assert tutelle_deadline(tutelle.GENERAL, date(2026, 2, 12)) == date(2026, 3, 16)


def test_general_tutelle_can_be_extended_by_half():
    # "30 jours (prorogeable de moitié)": + 45 days = Thursday 19 March.
    assert tutelle_deadline(tutelle.GENERAL, date(2026, 2, 2), 15) == date(2026, 3, 19)
    with pytest.raises(ValueError, match="at most 15 days"):
        tutelle_deadline(tutelle.GENERAL, date(2026, 2, 2), 16)


def test_no_deadline_without_tutelle():
    assert tutelle_deadline(tutelle.NONE, date(2026, 2, 2)) is None


def test_unknown_regime_is_refused():
    with pytest.raises(UnknownRegime, match="Unknown regime 'annulment'"):
        tutelle_deadline("annulment", date(2026, 2, 2))


# Expiry


def test_not_expired_on_the_last_day():
    assert not expired(date(2026, 3, 4), date(2026, 3, 4))
    assert not expired(date(2026, 3, 4), date(2026, 3, 3))


def test_expired_the_day_after_the_last_day():
    assert expired(date(2026, 3, 4), date(2026, 3, 5))
    assert expired(date(2026, 3, 4), datetime(2026, 3, 5, 0, 1))


def test_no_deadline_never_expires():
    assert not expired(None, date(2030, 1, 1))


def test_expiry_of_a_computed_deadline():
    # Received Thursday 12 February 2026: last day Monday 16 March (14 is a Saturday).
    deadline = tutelle_deadline(tutelle.APPROVAL, date(2026, 2, 12))
    assert not expired(deadline, date(2026, 3, 14))
    assert not expired(deadline, date(2026, 3, 16))
    assert expired(deadline, date(2026, 3, 17))


# Binding date (CDLD L1133-2)


def test_binds_on_the_fifth_day_after_publication():
    # Published Wednesday 4 March 2026: the 5th day after is Monday 9 March.
    assert binding_date(date(2026, 3, 4)) == date(2026, 3, 9)


def test_binding_date_is_not_moved_by_a_weekend_or_holiday():
    # Published Monday 2 March 2026 -> Saturday 7 March, not moved.
    assert binding_date(date(2026, 3, 2)) == date(2026, 3, 7)
    # Published Friday 6 November 2026 -> Wednesday 11 November, a holiday, not moved.
    assert binding_date(date(2026, 11, 6)) == date(2026, 11, 11)
    # Published Monday 28 December 2026 -> Saturday 2 January 2027.
    assert binding_date(datetime(2026, 12, 28, 9, 0)) == date(2027, 1, 2)
