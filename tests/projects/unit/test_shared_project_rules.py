"""Shared projects: participants, shares, amounts, milestones, approvals."""

from datetime import date
from decimal import Decimal
from imio.municipal.projects.rules import act_approves
from imio.municipal.projects.rules import ApprovingAct
from imio.municipal.projects.rules import Milestone
from imio.municipal.projects.rules import missing_approvals
from imio.municipal.projects.rules import next_milestone
from imio.municipal.projects.rules import participants
from imio.municipal.projects.rules import participants_problem
from imio.municipal.projects.rules import Share
from imio.municipal.projects.rules import share_amounts
from imio.municipal.projects.rules import shares_problem

import pytest


D = Decimal
NAMUR, GEMBLOUX, ANDENNE = "92094", "92142", "92003"


def shares(*pairs):
    return [Share(code, D(percent)) for code, percent in pairs]


def test_participants_lead_first_each_once():
    assert participants(NAMUR, [GEMBLOUX, ANDENNE]) == [NAMUR, GEMBLOUX, ANDENNE]
    assert participants(NAMUR, [GEMBLOUX, GEMBLOUX]) == [NAMUR, GEMBLOUX]
    assert participants(None, [GEMBLOUX]) == [GEMBLOUX]


@pytest.mark.parametrize(
    "lead, partners, code, values",
    [
        (None, [GEMBLOUX], "no_lead", {}),
        (NAMUR, [GEMBLOUX, NAMUR], "lead_is_partner", {"ins_code": NAMUR}),
        (NAMUR, [GEMBLOUX, ANDENNE, GEMBLOUX], "partner_twice", {"ins_codes": GEMBLOUX}),
        (NAMUR, [], "too_few_participants", {"minimum": "2"}),
        (NAMUR, None, "too_few_participants", {"minimum": "2"}),
    ],
)
def test_participants_problems(lead, partners, code, values):
    problem = participants_problem(lead, partners)
    assert problem.code == code
    assert dict(problem.values) == values


def test_two_participants_are_enough():
    assert participants_problem(NAMUR, [GEMBLOUX]) is None


@pytest.mark.parametrize(
    "rows, code, values",
    [
        ([(NAMUR, "60"), (GEMBLOUX, "30")], "shares_not_100", {"total": "90"}),
        ([(NAMUR, "60.5"), (GEMBLOUX, "40")], "shares_not_100", {"total": "100.5"}),
        ([(NAMUR, "60"), (NAMUR, "40")], "share_twice", {"ins_codes": NAMUR}),
        (
            [(NAMUR, "50"), (GEMBLOUX, "25"), (ANDENNE, "25")],
            "share_not_participant",
            {"ins_codes": ANDENNE},
        ),
        ([(NAMUR, "100")], "share_missing", {"ins_codes": GEMBLOUX}),
        ([(NAMUR, "120"), (GEMBLOUX, "-20")], "share_out_of_range", {"ins_code": NAMUR}),
        ([(NAMUR, "100"), (GEMBLOUX, "-0.01")], "share_out_of_range", {"ins_code": GEMBLOUX}),
    ],
)
def test_shares_problems(rows, code, values):
    problem = shares_problem(shares(*rows), [NAMUR, GEMBLOUX])
    assert problem.code == code
    assert dict(problem.values) == values


def test_shares_adding_up_to_exactly_100_pass():
    rows = shares((NAMUR, "33.34"), (GEMBLOUX, "33.33"), (ANDENNE, "33.33"))
    assert shares_problem(rows, [NAMUR, GEMBLOUX, ANDENNE]) is None


def test_amounts_add_up_to_the_total_to_the_cent():
    rows = shares((NAMUR, "33.34"), (GEMBLOUX, "33.33"), (ANDENNE, "33.33"))
    amounts = share_amounts(D("1000000.01"), rows)
    # The one cent left goes to the largest remainder (33.34 % of 0.01 €).
    assert [a.amount for a in amounts] == [D("333400.01"), D("333300.00"), D("333300.00")]
    assert sum(a.amount for a in amounts) == D("1000000.01")
    assert [a.ins_code for a in amounts] == [NAMUR, GEMBLOUX, ANDENNE]


def test_thirds_of_one_euro():
    rows = shares((NAMUR, "33.33"), (GEMBLOUX, "33.33"), (ANDENNE, "33.34"))
    amounts = [a.amount for a in share_amounts(D("1.00"), rows)]
    assert amounts == [D("0.33"), D("0.33"), D("0.34")]


def test_no_amounts_while_the_shares_are_incomplete():
    assert share_amounts(D("1000"), shares((NAMUR, "60"), (GEMBLOUX, "30"))) == []
    assert share_amounts(None, shares((NAMUR, "60"), (GEMBLOUX, "40"))) == []


def test_next_milestone_is_the_earliest_open_one():
    milestones = [
        Milestone("Convention signée", date(2026, 3, 1), True),
        Milestone("Marché attribué", date(2027, 2, 1), False),
        Milestone("Étude", date(2026, 12, 15), False),
        Milestone("Sans date", None, False),
    ]
    assert next_milestone(milestones).title == "Étude"
    assert next_milestone([Milestone("Sans date", None, False)]).title == "Sans date"
    assert next_milestone([Milestone("Fait", date(2026, 1, 1), True)]) is None


def adopted(code, **changes):
    values = dict(ins_code=code, number="2026/conseil/12", state="adopted", body="conseil")
    values.update(changes)
    return ApprovingAct(**values)


@pytest.mark.parametrize(
    "changes, approves",
    [
        ({}, True),
        ({"state": "executory"}, True),
        ({"state": "transmitted"}, True),
        ({"number": None, "state": "validated"}, False),
        ({"state": "annulled"}, False),
        ({"state": "refused"}, False),
        ({"body": "college"}, False),
        ({"state": "transmitted", "outcome": "not_approved"}, False),
        ({"state": "executory", "outcome": "approved"}, True),
    ],
)
def test_which_acts_approve(changes, approves):
    assert act_approves(adopted(NAMUR, **changes)) is approves


def test_missing_approvals_in_participant_order():
    acts = {NAMUR: adopted(NAMUR), ANDENNE: adopted(ANDENNE, state="annulled")}
    assert missing_approvals([NAMUR, GEMBLOUX, ANDENNE], acts) == [GEMBLOUX, ANDENNE]
    acts[GEMBLOUX] = adopted(GEMBLOUX)
    acts[ANDENNE] = adopted(ANDENNE)
    assert missing_approvals([NAMUR, GEMBLOUX, ANDENNE], acts) == []
