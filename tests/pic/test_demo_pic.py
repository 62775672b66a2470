"""The demo PIC plans: Namur's approved and transmitted; Gembloux's adopted plan
(ready to transmit: demo_exchange sends it to the Guichet, see
tests/exchange/test_demo_exchange.py) and its draft change, over the envelope."""

from decimal import Decimal
from imio.municipal.core import money
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.pic import ACT_TITLE
from imio.municipal.demo.pic import create_demo_pic
from imio.municipal.demo.pic import DRAFT_TITLE
from imio.municipal.demo.pic import PLAN_TITLE
from imio.municipal.demo.pic import PLANS
from imio.municipal.pic import rules as pic
from imio.municipal.pic.content import INVESTMENT_MONEY
from imio.municipal.pic.workflow import adopting_act
from plone import api
from zope.i18n import translate

import pytest


CENT = Decimal("0.01")


def plans_of(portal, city, title=PLAN_TITLE):
    return [
        obj
        for obj in portal[city]["pic"].objectValues()
        if obj.portal_type == "InvestmentPlan" and obj.Title() == title
    ]


@pytest.fixture
def namur(portal):
    (plan,) = plans_of(portal, "namur")
    return plan


@pytest.fixture
def gembloux(portal):
    """Gembloux's adopted plan."""
    (plan,) = plans_of(portal, "gembloux")
    return plan


@pytest.fixture
def gembloux_draft(portal):
    """Gembloux's draft change of its plan, over the envelope."""
    (plan,) = plans_of(portal, "gembloux", DRAFT_TITLE)
    return plan


def investments(plan):
    return [obj for obj in plan.objectValues() if obj.portal_type == "Investment"]


def assert_money(value, name):
    assert isinstance(value, Decimal), (name, value)
    assert value.as_tuple().exponent == -2, (name, value)
    assert value == value.quantize(CENT), (name, value)


def test_the_plans_exist(namur, gembloux, gembloux_draft):
    for plan in (namur, gembloux, gembloux_draft):
        assert plan.period == "2025-2027"
        assert plan.responsible_service == "finances"
        city = plan.aq_parent.aq_parent.getId()
        assert plan.Creator() == f"{city}-agent-finances"
    assert 5 <= len(investments(namur)) <= 6
    assert len(investments(gembloux)) == 3
    assert len(investments(gembloux_draft)) == 4
    # Gembloux has no other plan: the adopted one and its draft change.
    folder = gembloux.aq_parent
    assert [obj.portal_type for obj in folder.objectValues()] == ["InvestmentPlan"] * 2


def test_realistic_french_sheets(namur, gembloux, gembloux_draft):
    titles = {item.Title() for item in investments(namur)}
    assert "Égouttage et réfection de la rue des Carmes" in titles
    assert "Réfection de la chaussée de Louvain" in titles
    assert "Rénovation énergétique de l'école communale de Jambes" in titles
    assert "Aménagement de la place de la Station" in titles
    for plan in (namur, gembloux_draft):
        sheets = investments(plan)
        assert {item.category for item in sheets} >= {"roads", "buildings", "sewers"}
    assert {item.category for item in investments(gembloux)} == {"roads", "sewers"}
    for plan in (namur, gembloux, gembloux_draft):
        sheets = investments(plan)
        for item in sheets:
            assert item.phase in ("A", "B", "C", "D"), item.Title()
            assert item.priority and item.priority >= 1, item.Title()
            assert item.pst_objective.startswith("OS "), item.Title()
            # Only sewer works carry an SPGE share.
            assert bool(item.spge_share) is (item.category == "sewers"), item.Title()
    carmes = namur["egouttage-et-refection-de-la-rue-des-carmes"]
    assert carmes.spge_share > 0


def test_namur_is_transmitted_with_its_adopting_act(namur):
    assert api.content.get_state(namur) == "transmitted"
    assert namur.approval_refusal() is None
    act = adopting_act(namur)
    assert act is not None
    assert act.Title() == ACT_TITLE
    assert act.body == "conseil"
    assert act.matter == "other"
    assert api.content.get_state(act) == "adopted"
    assert act.number and act.number.split("/")[1] == "conseil"
    assert act.session_date < belgian_today()
    assert act.Creator() == "namur-agent-finances"
    history = act.workflow_history["municipal_act_workflow"]
    actors = {entry["action"]: entry["actor"] for entry in history if entry["action"]}
    assert actors["propose"] == "namur-chef-finances"
    assert actors["validate"] == actors["adopt"] == "namur-secretaire"
    plan_history = namur.workflow_history["municipal_pic_workflow"]
    done = [(entry["action"], entry["actor"]) for entry in plan_history if entry["action"]]
    assert done == [
        ("approve_council", "namur-secretaire"),
        ("transmit", "namur-secretaire"),
    ]


def test_namur_within_its_envelope(namur):
    totals = namur.totals()
    assert Decimal("4000000") <= totals.envelope <= Decimal("4500000")
    assert totals.over_envelope == 0
    assert Decimal("80") <= totals.used_percent <= Decimal("100")
    assert totals.spge > 0


def test_gembloux_adopted_its_plan_within_the_envelope(gembloux):
    # Ready to transmit: demo_exchange sends it when the demo has a region.
    assert api.content.get_state(gembloux) == "approved_council"
    assert gembloux.approval_refusal() is None
    totals = gembloux.totals()
    assert totals.over_envelope == 0
    assert Decimal("90") <= totals.used_percent <= Decimal("100")
    act = adopting_act(gembloux)
    assert act.Title() == ACT_TITLE
    assert api.content.get_state(act) == "adopted"
    assert act.aq_parent.aq_parent.getId() == "gembloux"
    # Gembloux's council is smaller than Namur's.
    assert act.members_present == 25
    assert act.votes_for + act.votes_against + act.votes_abstention == 25
    done = [
        (entry["action"], entry["actor"])
        for entry in gembloux.workflow_history["municipal_pic_workflow"]
        if entry["action"]
    ]
    assert done == [("approve_council", "gembloux-secretaire")]


def test_gembloux_draft_change_is_over_its_envelope(gembloux_draft):
    assert api.content.get_state(gembloux_draft) == "draft"
    assert gembloux_draft.approving_act is None
    totals = gembloux_draft.totals()
    assert Decimal("1000000") <= totals.envelope <= Decimal("1200000")
    assert totals.over_envelope > 0
    refusal = gembloux_draft.approval_refusal()
    assert refusal is not None
    assert pic.approval_refusal(totals) is not None
    # By how much, in the reason shown on the plan page.
    over = money.format_eur(totals.over_envelope)
    assert over in translate(refusal, target_language="fr")


def test_amounts_are_decimals_with_two_decimals(namur, gembloux, gembloux_draft):
    for plan in (namur, gembloux, gembloux_draft):
        assert_money(plan.envelope, "envelope")
        for item in investments(plan):
            for name in (*INVESTMENT_MONEY, "subsidy", "municipal_share"):
                value = getattr(item, name)
                if value is None and name in ("spge_share", "eligible_amount"):
                    continue
                assert_money(value, f"{item.getId()}.{name}")
            # Stored amounts agree with the rule.
            amounts = item.amounts(plan)
            assert item.subsidy == amounts["subsidy"]
            assert item.municipal_share == amounts["municipal_share"]
            assert item.estimate_incl_vat == (item.estimate_excl_vat * Decimal("1.21")).quantize(
                CENT
            )
        totals = plan.totals()
        for name in ("estimates", "eligible", "subsidies", "spge", "municipal_share", "remaining"):
            assert_money(getattr(totals, name), name)


def test_the_specifications_hold_no_floats():
    for spec in PLANS:
        assert isinstance(spec.envelope, str)
        for item in spec.investments:
            for name in ("estimate_excl_vat", "estimate_incl_vat", "spge_share"):
                value = getattr(item, name)
                assert value is None or isinstance(value, str), (item.title, name)


def test_idempotent(portal):
    acts = [obj for obj in portal["namur"]["actes"].objectValues() if obj.Title() == ACT_TITLE]
    assert create_demo_pic(portal) == 0
    assert len(plans_of(portal, "namur")) == len(plans_of(portal, "gembloux")) == 1
    assert len(plans_of(portal, "gembloux", DRAFT_TITLE)) == 1
    after = [obj for obj in portal["namur"]["actes"].objectValues() if obj.Title() == ACT_TITLE]
    assert len(acts) == len(after) == 1


def test_the_other_municipality_does_not_see_it(namur):
    with api.env.adopt_user(username="gembloux-agent-finances"):
        assert not api.user.has_permission("View", obj=namur)
    with api.env.adopt_user(username="namur-college"):
        assert api.user.has_permission("View", obj=namur)
