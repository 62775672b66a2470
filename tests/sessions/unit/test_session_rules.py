"""The session rules: clear days, quorum, urgency and votes, computed by hand."""

from datetime import date
from datetime import timedelta
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from imio.municipal.core import calendar
from imio.municipal.sessions import rules
from imio.municipal.sessions.rules import VoteTotals

import doctest
import pytest


def test_docstring_examples():
    result = doctest.testmod(rules)
    assert result.attempted > 10
    assert result.failed == 0


@pytest.mark.parametrize(
    "session_day, legal_last, working_last",
    [
        # Thursday 17/12/2026: 7 clear days are 10 to 16 December, Wednesday 9 is the last day.
        (date(2026, 12, 17), date(2026, 12, 9), date(2026, 12, 9)),
        # Monday 21/12/2026: the last day is Sunday 13; the offices send on Friday 11.
        (date(2026, 12, 21), date(2026, 12, 13), date(2026, 12, 11)),
        # Tuesday 14/04/2026: the last day is Easter Monday; Friday 3 April before the weekend.
        (date(2026, 4, 14), date(2026, 4, 6), date(2026, 4, 3)),
        # Thursday 19/11/2026: the last day is Armistice Day (Wednesday 11); Tuesday 10.
        (date(2026, 11, 19), date(2026, 11, 11), date(2026, 11, 10)),
        # Saturday 02/01/2027 across the year end: the last day is Christmas (a Friday).
        (date(2027, 1, 2), date(2026, 12, 25), date(2026, 12, 24)),
    ],
)
def test_last_day_to_convene_counts_weekends_and_holidays(session_day, legal_last, working_last):
    assert rules.last_day_to_convene(session_day) == legal_last
    assert rules.last_working_day_to_convene(session_day) == working_last
    # A holiday never shortens nor lengthens the legal delay: 7 whole days lie between.
    assert rules.clear_days_between(legal_last, session_day) == 7


def test_second_and_third_convocations_need_two_clear_days():
    session_day = date(2026, 12, 21)  # Monday
    assert rules.last_day_to_convene(session_day, 2) == date(2026, 12, 18)
    assert rules.last_day_to_convene(session_day, 3) == date(2026, 12, 18)
    assert rules.convocation_refusal(date(2026, 12, 18), session_day, 2) is None
    assert (
        rules.convocation_refusal(date(2026, 12, 19), session_day, 2)[0]
        == "refusal_convocation_too_late"
    )
    with pytest.raises(ValueError):
        rules.last_day_to_convene(session_day, 4)


def test_late_convocation_refused_with_the_last_day_in_belgian_format():
    msgid, mapping = rules.convocation_refusal(date(2026, 12, 10), date(2026, 12, 17))
    assert msgid == "refusal_convocation_too_late"
    assert mapping == {"days": "7", "date": "09/12/2026"}
    assert rules.convocation_refusal(date(2026, 12, 9), date(2026, 12, 17)) is None


def test_urgency_skips_the_delay_but_not_the_session_day():
    assert (
        rules.convocation_refusal(date(2026, 12, 16), date(2026, 12, 17), kind=rules.URGENT) is None
    )
    refusal = rules.convocation_refusal(date(2026, 12, 17), date(2026, 12, 17), kind=rules.URGENT)
    assert refusal[0] == "refusal_convocation_after_session"


def test_supplementary_item_five_clear_days_before():
    session_day = date(2026, 12, 17)
    assert rules.last_day_for_supplementary_item(session_day) == date(2026, 12, 11)
    assert rules.supplementary_item_refusal(date(2026, 12, 11), session_day) is None
    assert rules.supplementary_item_refusal(date(2026, 12, 12), session_day) == (
        "refusal_supplementary_item_too_late",
        {"date": "11/12/2026"},
    )
    refusal = rules.supplementary_item_refusal(
        date(2026, 12, 1), session_day, by_college_member=True
    )
    assert refusal[0] == "refusal_supplementary_item_college_member"


def test_quorum_is_the_majority_of_the_members_in_office():
    # Namur's council has 47 members: 24 are a majority, 23 are not.
    assert rules.quorum_refusal(24, 47) is None
    assert rules.quorum_refusal(23, 47) == (
        "refusal_no_quorum",
        {"present": "23", "needed": "24", "members": "47"},
    )
    # An even college of 8: 4 is half, not a majority.
    assert rules.quorum_refusal(4, 8)[0] == "refusal_no_quorum"
    assert rules.quorum_refusal(5, 8) is None
    # The third convocation decides whatever the number present.
    assert rules.quorum_refusal(2, 47, convocation_number=3) is None


def test_vote_counts_exclude_members_out_for_a_personal_interest():
    assert rules.vote_refusal(VoteTotals(20, 3, 2), present=25) is None
    assert rules.vote_refusal(VoteTotals(20, 3, 2), present=25, out_for_personal_interest=1) == (
        "refusal_vote_over_present",
        {"total": "25", "voters": "24"},
    )
    assert rules.vote_refusal(VoteTotals(-1, 3, 2), present=25)[0] == "refusal_vote_negative"
    assert rules.vote_refusal(VoteTotals(1, 0, 0), present=2, out_for_personal_interest=3)[0] == (
        "refusal_interest_over_present"
    )


def test_named_vote_only_by_present_members_without_interest():
    present = {"anne", "bruno", "chloe"}
    assert rules.named_vote_refusal({"anne": "for", "bruno": "against"}, present) is None
    assert rules.named_vote_refusal({"david": "for"}, present) == (
        "refusal_vote_not_present",
        {"member": "david"},
    )
    assert (
        rules.named_vote_refusal({"anne": "for"}, present, {"anne"})[0]
        == "refusal_vote_personal_interest"
    )
    assert rules.named_vote_refusal({"anne": "maybe"}, present)[0] == "refusal_unknown_ballot"
    assert rules.totals_of({"anne": "for", "bruno": "against", "chloe": "for"}) == VoteTotals(
        2, 1, 0
    )


def test_secret_ballot_keeps_totals_only():
    assert (
        rules.secret_ballot_refusal(rules.SECRET_BALLOT, {"anne": "for"})[0]
        == "refusal_secret_ballot_named"
    )
    assert rules.secret_ballot_refusal(rules.SECRET_BALLOT, None) is None
    assert rules.secret_ballot_refusal(rules.PUBLIC_VOTE, {"anne": "for"}) is None


def test_tie_rejects_and_abstentions_are_not_cast():
    assert not VoteTotals(5, 5, 10).adopted()
    assert VoteTotals(2, 1, 20).adopted()
    assert VoteTotals(2, 1, 20).cast == 3


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2035, 12, 31))


@settings(max_examples=300, deadline=None)
@given(session_day=days, number=st.sampled_from([1, 2, 3]))
def test_the_last_day_to_convene_leaves_exactly_the_clear_days(session_day, number):
    needed = rules.convocation_clear_days(number)
    last = rules.last_day_to_convene(session_day, number)
    assert rules.clear_days_between(last, session_day) == needed
    assert rules.convocation_refusal(last, session_day, number) is None
    assert rules.convocation_refusal(last + timedelta(days=1), session_day, number) is not None


@settings(max_examples=300, deadline=None)
@given(session_day=days, number=st.sampled_from([1, 2, 3]))
def test_the_last_working_day_is_the_latest_working_day_in_time(session_day, number):
    legal = rules.last_day_to_convene(session_day, number)
    working = rules.last_working_day_to_convene(session_day, number)
    assert working <= legal
    assert calendar.is_working_day(working)
    day = working + timedelta(days=1)
    while day <= legal:
        assert not calendar.is_working_day(day)
        day += timedelta(days=1)


@given(members=st.integers(min_value=1, max_value=200))
def test_quorum_is_the_smallest_majority(members):
    needed = rules.quorum(members)
    assert 2 * needed > members
    assert 2 * (needed - 1) <= members


@given(present=st.integers(min_value=1, max_value=200))
def test_urgency_needs_the_smallest_two_thirds(present):
    needed = rules.urgency_votes_needed(present)
    assert 3 * needed >= 2 * present
    assert 3 * (needed - 1) < 2 * present


@given(
    votes=st.tuples(*(st.integers(min_value=0, max_value=60) for _ in range(3))),
    present=st.integers(min_value=0, max_value=60),
    out=st.integers(min_value=0, max_value=10),
)
def test_a_vote_is_accepted_exactly_when_nobody_votes_twice(votes, present, out):
    totals = VoteTotals(*votes)
    refusal = rules.vote_refusal(totals, present, out)
    assert (refusal is None) == (out <= present and sum(votes) <= present - out)
