"""Legal delays turned into dates.

Every expected date is worked out by hand in the comment next to it:
the start day is not counted, the last day is, and a last day on a Saturday,
Sunday or Belgian public holiday moves to the next working day.
"""

from datetime import date
from datetime import datetime
from imio.municipal.acts import tutelle_deadlines
from imio.municipal.core import calendar
from imio.municipal.core.calendar import is_working_day
from imio.municipal.core.calendar import legal_deadline
from imio.municipal.core.calendar import next_working_day
from imio.municipal.core.calendar import urgency
from imio.municipal.dossiers import deadlines
from imio.municipal.dossiers.deadlines import compute_dossier_deadlines
from imio.municipal.dossiers.deadlines import DossierDeadlines
from imio.municipal.dossiers.procedures import UnknownProcedure

import doctest
import pytest


@pytest.mark.parametrize("module", [calendar, deadlines, tutelle_deadlines])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


# Working days


def test_weekend_is_not_working():
    assert not is_working_day(date(2026, 3, 14))  # Saturday
    assert not is_working_day(date(2026, 3, 15))  # Sunday
    assert is_working_day(date(2026, 3, 16))  # Monday


@pytest.mark.parametrize(
    "holiday",
    [
        date(2026, 1, 1),  # New Year, Thursday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),  # Labour Day, Friday
        date(2026, 5, 14),  # Ascension, Thursday
        date(2026, 5, 25),  # Whit Monday
        date(2026, 7, 21),  # National Day, Tuesday
        date(2026, 11, 11),  # Armistice, Wednesday
        date(2026, 12, 25),  # Christmas, Friday
        date(2025, 8, 15),  # Assumption, Friday
        date(2027, 11, 1),  # All Saints, Monday
    ],
)
def test_public_holidays_are_not_working(holiday):
    assert not is_working_day(holiday)


def test_regional_days_off_are_working_days():
    # 27 September (Fédération Wallonie-Bruxelles) is not a legal holiday; 2027: Monday.
    assert is_working_day(date(2027, 9, 27))
    # Good Friday is not a Belgian public holiday.
    assert is_working_day(date(2026, 4, 3))


def test_next_working_day():
    assert next_working_day(date(2026, 3, 16)) == date(2026, 3, 16)  # Monday, itself
    assert next_working_day(date(2026, 3, 14)) == date(2026, 3, 16)  # Saturday
    # Christmas 2026 is a Friday: Saturday, Sunday, then Monday 28.
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)


def test_datetime_is_read_as_its_day():
    assert not is_working_day(datetime(2026, 11, 11, 9, 30))
    assert legal_deadline(datetime(2026, 10, 12, 16, 0), 30) == date(2026, 11, 12)


# legal_deadline


def test_delay_ending_on_a_working_day():
    # 4 February 2026 + 20 days: 24 February, a Tuesday.
    assert legal_deadline(date(2026, 2, 4), 20) == date(2026, 2, 24)


def test_start_day_is_not_counted():
    # Received Monday 2 March 2026: day 1 is Tuesday 3 March.
    assert legal_deadline(date(2026, 3, 2), 1) == date(2026, 3, 3)


def test_delay_ending_on_saturday_moves_to_monday():
    # 4 March 2026 + 10 days = Saturday 14 March -> Monday 16 March.
    assert legal_deadline(date(2026, 3, 4), 10) == date(2026, 3, 16)


def test_delay_ending_on_sunday_moves_to_monday():
    # 5 March 2026 + 10 days = Sunday 15 March -> Monday 16 March.
    assert legal_deadline(date(2026, 3, 5), 10) == date(2026, 3, 16)


def test_delay_ending_on_11_november():
    # 12 October 2026 + 30 days (19 in October, 11 in November) = Wednesday
    # 11 November -> Thursday 12 November.
    assert legal_deadline(date(2026, 10, 12), 30) == date(2026, 11, 12)


def test_delay_ending_on_easter_monday():
    # 27 March 2026 + 10 days = Easter Monday 6 April 2026 -> Tuesday 7 April.
    assert legal_deadline(date(2026, 3, 27), 10) == date(2026, 4, 7)
    # 7 March + 30 days (24 in March, 6 in April) = 6 April too.
    assert legal_deadline(date(2026, 3, 7), 30) == date(2026, 4, 7)


def test_delay_ending_on_1_may_before_a_weekend():
    # 21 April 2026 + 10 days = Friday 1 May (holiday), then Saturday, Sunday
    # -> Monday 4 May.
    assert legal_deadline(date(2026, 4, 21), 10) == date(2026, 5, 4)


def test_delay_ending_on_21_july():
    # 1 July 2026 + 20 days = Tuesday 21 July -> Wednesday 22 July.
    assert legal_deadline(date(2026, 7, 1), 20) == date(2026, 7, 22)


def test_weekend_followed_by_a_holiday_monday():
    # 25 March 2026 + 10 days = Saturday 4 April; Sunday 5 (Easter), Monday 6
    # (Easter Monday) -> Tuesday 7 April.
    assert legal_deadline(date(2026, 3, 25), 10) == date(2026, 4, 7)
    # 13 May 2026 + 10 days = Saturday 23 May; Whit Monday 25 May -> Tuesday 26.
    assert legal_deadline(date(2026, 5, 13), 10) == date(2026, 5, 26)


def test_delay_across_the_year_boundary():
    # 15 December 2026 + 30 days (16 in December, 14 in January) = Thursday
    # 14 January 2027.
    assert legal_deadline(date(2026, 12, 15), 30) == date(2027, 1, 14)
    # 2 December 2026 + 30 days = Friday 1 January 2027 (holiday), then the
    # weekend -> Monday 4 January 2027.
    assert legal_deadline(date(2026, 12, 2), 30) == date(2027, 1, 4)


def test_a_delay_ending_the_day_before_a_holiday():
    # Received Friday 19 June 2026 + 30 days = Sunday 19 July -> Monday 20 July
    # (21 July is the holiday, the day after). Tutelle delays: test_tutelle_deadlines.
    assert legal_deadline(date(2026, 6, 19), 30) == date(2026, 7, 20)


def test_zero_day_delay():
    assert legal_deadline(date(2026, 3, 16), 0) == date(2026, 3, 16)
    assert legal_deadline(date(2026, 3, 14), 0) == date(2026, 3, 16)


def test_negative_delay_is_refused():
    with pytest.raises(ValueError, match="negative"):
        legal_deadline(date(2026, 3, 16), -1)


# compute_dossier_deadlines

# Monday 2 February 2026: the acknowledgement of a complete file is sent.
COMPLETE = date(2026, 2, 2)


@pytest.mark.parametrize(
    "flags, deadline",
    [
        # + 30 days (26 in February, 4 in March) = Wednesday 4 March.
        ({}, date(2026, 3, 4)),
        # + 75 days (26 + 31 + 18) = Saturday 18 April -> Monday 20 April.
        ({"opinions": True}, date(2026, 4, 20)),
        ({"inquiry": True}, date(2026, 4, 20)),
        # + 115 days (26 + 31 + 30 + 28) = Thursday 28 May.
        ({"delegated_officer": True, "inquiry": True}, date(2026, 5, 28)),
        ({"delegated_officer": True, "opinions": True}, date(2026, 5, 28)),
    ],
)
def test_urbanism_permit_decision_deadline(flags, deadline):
    result = compute_dossier_deadlines(
        "pu", received_date=date(2026, 1, 20), completeness_date=COMPLETE, **flags
    )
    assert result.decision_deadline == deadline


def test_extension_adds_days():
    # 30 + 30 days = 60 (26 + 31 + 3) = Friday 3 April 2026 (Good Friday is a
    # working day in Belgium).
    result = compute_dossier_deadlines(
        "pu", received_date=None, completeness_date=COMPLETE, extension_days=30
    )
    assert result.decision_deadline == date(2026, 4, 3)
    # 75 + 30 days = 105 (26 + 31 + 30 + 18) = Monday 18 May.
    result = compute_dossier_deadlines(
        "pu", received_date=None, completeness_date=COMPLETE, inquiry=True, extension_days=30
    )
    assert result.decision_deadline == date(2026, 5, 18)


def test_negative_extension_is_refused():
    with pytest.raises(ValueError, match="negative"):
        compute_dossier_deadlines(
            "pu", received_date=None, completeness_date=COMPLETE, extension_days=-1
        )


def test_extension_above_the_legal_maximum_is_refused():
    with pytest.raises(ValueError, match="at most 30 days") as raised:
        compute_dossier_deadlines(
            "pu", received_date=None, completeness_date=COMPLETE, extension_days=31
        )
    assert "D.IV.46" in str(raised.value)
    with pytest.raises(ValueError, match="at most 30 days"):
        compute_dossier_deadlines("pe1", received_date=None, extension_days=45)


def test_extension_without_a_decision_delay_is_refused():
    for code in ("generic", "pe3"):
        with pytest.raises(ValueError, match="no legal decision delay"):
            compute_dossier_deadlines(
                code, received_date=date(2026, 2, 4), due_date=date(2026, 6, 30), extension_days=5
            )


def test_environment_permit_decision_deadlines():
    # Class 2: + 70 days (26 + 31 + 13) = Monday 13 April 2026.
    result = compute_dossier_deadlines(
        "pe2", received_date=date(2026, 1, 12), completeness_date=COMPLETE
    )
    assert result.decision_deadline == date(2026, 4, 13)
    # Class 1: + 140 days (26 + 31 + 30 + 31 + 22) = Monday 22 June 2026.
    result = compute_dossier_deadlines(
        "pe1", received_date=date(2026, 1, 12), completeness_date=COMPLETE, inquiry=True
    )
    assert result.decision_deadline == date(2026, 6, 22)


def test_completeness_deadline_of_20_days():
    # Received Wednesday 4 February 2026 + 20 days = Tuesday 24 February.
    result = compute_dossier_deadlines("pu", received_date=date(2026, 2, 4))
    assert result == DossierDeadlines(completeness_deadline=date(2026, 2, 24))
    # Received Monday 2 February + 20 days = Sunday 22 February -> Monday 23.
    result = compute_dossier_deadlines("pe2", received_date=date(2026, 2, 2))
    assert result.completeness_deadline == date(2026, 2, 23)


def test_completion_limit_of_180_days():
    # Missing pieces listed Tuesday 24 February 2026 + 180 days (4 + 31 + 30 +
    # 31 + 30 + 31 + 23) = Sunday 23 August -> Monday 24 August.
    result = compute_dossier_deadlines(
        "pu", received_date=date(2026, 2, 4), incompleteness_date=date(2026, 2, 24)
    )
    assert result == DossierDeadlines(
        completeness_deadline=date(2026, 2, 24),
        decision_deadline=None,
        completion_limit=date(2026, 8, 24),
    )


def test_nothing_known_yet():
    result = compute_dossier_deadlines("pu", received_date=None)
    assert result == DossierDeadlines(None, None, None)


def test_urbanism_certificate_1_runs_from_receipt():
    # Received Wednesday 4 February 2026 + 30 days (24 + 6) = Friday 6 March.
    result = compute_dossier_deadlines("cu1", received_date=date(2026, 2, 4))
    assert result == DossierDeadlines(decision_deadline=date(2026, 3, 6))


def test_class_3_declaration():
    # Received Wednesday 4 February 2026 + 15 days = Thursday 19 February; no decision.
    result = compute_dossier_deadlines(
        "pe3", received_date=date(2026, 2, 4), completeness_date=date(2026, 2, 10)
    )
    assert result == DossierDeadlines(completeness_deadline=date(2026, 2, 19))


def test_generic_with_and_without_due_date():
    # The due date is taken as given, even on a Sunday: it is no legal delay.
    result = compute_dossier_deadlines(
        "generic", received_date=date(2026, 2, 4), due_date=date(2026, 7, 5)
    )
    assert result == DossierDeadlines(decision_deadline=date(2026, 7, 5))
    result = compute_dossier_deadlines("generic", received_date=date(2026, 2, 4))
    assert result == DossierDeadlines(None, None, None)


def test_due_date_does_not_replace_a_legal_delay():
    result = compute_dossier_deadlines(
        "pu", received_date=None, completeness_date=COMPLETE, due_date=date(2026, 12, 31)
    )
    assert result.decision_deadline == date(2026, 3, 4)


def test_unknown_procedure():
    with pytest.raises(UnknownProcedure, match="'permis'"):
        compute_dossier_deadlines("permis", received_date=date(2026, 2, 4))


# urgency

TODAY = date(2026, 3, 10)


def test_urgency():
    assert urgency(None, TODAY) is None
    assert urgency(date(2026, 3, 9), TODAY) == "overdue"
    assert urgency(date(2026, 3, 10), TODAY) == "soon"  # due today
    assert urgency(date(2026, 3, 17), TODAY) == "soon"  # 7 days left, inclusive
    assert urgency(date(2026, 3, 18), TODAY) == "ok"


def test_urgency_with_another_window():
    assert urgency(date(2026, 3, 10), TODAY, soon_days=0) == "soon"
    assert urgency(date(2026, 3, 11), TODAY, soon_days=0) == "ok"
    assert urgency(date(2026, 3, 24), TODAY, soon_days=14) == "soon"
