"""Who may do what on a PIC plan, state by state (hand-written from the rules).

Plans of the finances service; demo users get their roles through groups.
"""

from datetime import date
from decimal import Decimal
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_investment
from imio.municipal.demo.builders import build_plan
from imio.municipal.demo.builders import do_transition
from imio.municipal.testing import as_user
from plone import api
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import pytest


AGENT = "namur-agent-finances"
OTHER = "namur-agent-urbanisme"
HEAD = "namur-chef-finances"
SECRETARY = "namur-secretaire"
COLLEGE = "namur-college"
GEMBLOUX = "gembloux-agent-finances"
ANONYMOUS = None
USERS = (AGENT, OTHER, HEAD, SECRETARY, COLLEGE, GEMBLOUX, ANONYMOUS)

APPROVED = [(SECRETARY, "approve_council", "")]
TRANSMITTED = [*APPROVED, (SECRETARY, "transmit", "")]
PATHS = {
    "draft": [],
    "approved_council": APPROVED,
    "transmitted": TRANSMITTED,
    "to_correct": [*TRANSMITTED, (SECRETARY, "ask_correction", "Phase B à justifier")],
    "approved_region": [*TRANSMITTED, (SECRETARY, "approve_region", "")],
}


def readers(**rights):
    """The service, the secretariat and the college see the plan; nobody else."""
    table = {user: ("", "", set()) for user in USERS}
    for user in (AGENT, HEAD, SECRETARY, COLLEGE):
        table[user] = ("V", "", set())
    table.update(rights)
    return table


# state -> user -> (view, modify/add investments, {transitions offered})
MATRIX = {
    "draft": readers(
        **{
            AGENT: ("V", "M", set()),
            HEAD: ("V", "M", set()),
            SECRETARY: ("V", "M", {"approve_council"}),
        }
    ),
    "approved_council": readers(**{SECRETARY: ("V", "", {"transmit", "back_to_draft"})}),
    "transmitted": readers(**{SECRETARY: ("V", "", {"approve_region", "ask_correction"})}),
    "to_correct": readers(
        **{
            AGENT: ("V", "M", set()),
            HEAD: ("V", "M", set()),
            SECRETARY: ("V", "M", {"back_to_draft"}),
        }
    ),
    "approved_region": readers(),
}


def plan_in(portal, state):
    plan = build_plan(portal, title=f"PIC {state}", envelope=Decimal("1000000"))
    build_investment(plan, estimate_incl_vat=Decimal("100000"))
    act = build_act(portal, title=f"Adoption PIC {state}", session_date=date(2026, 10, 26))
    do_transition(act, HEAD, "propose")
    do_transition(act, SECRETARY, "validate")
    do_transition(act, SECRETARY, "adopt")
    plan.approving_act = RelationValue(getUtility(IIntIds).getId(act))
    for step in PATHS[state]:
        do_transition(plan, *step)
    assert api.content.get_state(plan) == state
    return plan


CASES = [(state, user) for state in MATRIX for user in USERS]


@pytest.mark.parametrize("state,user", CASES, ids=[f"{s}-{u or 'anonymous'}" for s, u in CASES])
def test_matrix(portal, state, user):
    plan = plan_in(portal, state)
    view, modify, transitions = MATRIX[state][user]
    workflow = api.portal.get_tool("portal_workflow")
    investment = plan.objectValues()[0]

    def facts():
        return (
            bool(api.user.has_permission("View", obj=plan)),
            bool(api.user.has_permission("Modify portal content", obj=plan)),
            bool(api.user.has_permission("imio.municipal: Add Investment", obj=plan)),
            bool(api.user.has_permission("Modify portal content", obj=investment)),
            {t["id"] for t in workflow.getTransitionsFor(plan)},
            plan.UID() in [b.UID for b in api.content.find(portal_type="InvestmentPlan")],
        )

    can_view, can_modify, can_add, can_modify_sheet, offered, found = as_user(user, facts)
    assert can_view is (view == "V")
    assert can_modify is can_add is can_modify_sheet is (modify == "M")
    assert offered == transitions
    assert found is (view == "V")
