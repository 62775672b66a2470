"""PIC plans: amounts, totals against the envelope, the approval guard."""

from datetime import date
from decimal import Decimal
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_investment
from imio.municipal.demo.builders import build_plan
from imio.municipal.demo.builders import do_transition
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction


SECRETARY = "namur-secretaire"


@pytest.fixture
def plan(portal):
    plan = build_plan(portal, envelope=Decimal("1000000"))
    build_investment(
        plan,
        title="Égouttage rue des Carmes",
        category="sewers",
        estimate_incl_vat=Decimal("500000"),
        spge_share=Decimal("200000"),
    )
    build_investment(plan, title="Voirie rue Haute", estimate_incl_vat=Decimal("400000.004"))
    return plan


def adopted_council_act(portal):
    act = build_act(portal, title="Adoption du PIC 2025-2027", session_date=date(2026, 10, 26))
    do_transition(act, "namur-chef-finances", "propose")
    do_transition(act, SECRETARY, "validate")
    do_transition(act, SECRETARY, "adopt")
    return act


def link(plan, act):
    plan.approving_act = RelationValue(getUtility(IIntIds).getId(act))
    notify(ObjectModifiedEvent(plan))


def test_amounts_are_stored_quantized(plan):
    road = plan["voirie-rue-haute"]
    assert road.estimate_incl_vat == Decimal("400000.00")
    assert road.subsidy == Decimal("240000.00")  # 60 % of the eligible amount
    sewer = plan["egouttage-rue-des-carmes"]
    # Eligible = estimate - SPGE share = 300 000; subsidy 60 % = 180 000.
    assert sewer.subsidy == Decimal("180000.00")
    assert sewer.municipal_share == Decimal("120000.00")


def test_totals_against_the_envelope(plan):
    totals = plan.totals()
    assert totals.subsidies == Decimal("420000.00")
    assert totals.remaining == Decimal("580000.00")
    assert plan.approval_refusal() is None


def test_a_custom_rate_and_the_plan_default_follow(plan):
    road = plan["voirie-rue-haute"]
    road.subsidy_rate = Decimal("50")
    notify(ObjectModifiedEvent(road))
    assert road.subsidy == Decimal("200000.00")
    plan.subsidy_rate = Decimal("55")
    notify(ObjectModifiedEvent(plan))
    assert plan["egouttage-rue-des-carmes"].subsidy == Decimal("165000.00")
    assert road.subsidy == Decimal("200000.00")  # its own rate stays


def test_approval_needs_the_adopting_council_act(plan, portal):
    with pytest.raises(WorkflowException):
        do_transition(plan, SECRETARY, "approve_council")
    transaction.abort()


def test_approval_refused_over_the_envelope_says_by_how_much(plan, portal):
    link(plan, adopted_council_act(portal))
    build_investment(
        plan, title="Hall omnisports", category="buildings", estimate_incl_vat=Decimal("1000000")
    )
    with pytest.raises(WorkflowException, match="20"):
        do_transition(plan, SECRETARY, "approve_council")
    transaction.abort()


def test_the_full_route(plan, portal):
    link(plan, adopted_council_act(portal))
    do_transition(plan, SECRETARY, "approve_council")
    do_transition(plan, SECRETARY, "transmit")
    do_transition(plan, SECRETARY, "ask_correction", comment="Phase B à justifier.")
    assert api.content.get_state(plan) == "to_correct"
    assert plan.region_comment == "Phase B à justifier."
    do_transition(plan, SECRETARY, "back_to_draft", comment="Corrections en cours.")
    assert api.content.get_state(plan) == "draft"


def test_the_agent_builds_the_plan_but_cannot_approve_it(plan):
    workflow = api.portal.get_tool("portal_workflow")
    with api.env.adopt_user(username="namur-agent-finances"):
        assert api.user.has_permission("imio.municipal: Add Investment", obj=plan)
        assert {t["id"] for t in workflow.getTransitionsFor(plan)} == set()
    with api.env.adopt_user(username="gembloux-agent-finances"):
        assert not api.user.has_permission("View", obj=plan)
