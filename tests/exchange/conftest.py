"""A PIC plan approved by the council, ready to transmit."""

from datetime import date
from decimal import Decimal
from imio.municipal.builders import adopt_council_act
from imio.municipal.builders import build_investment
from imio.municipal.builders import build_plan
from imio.municipal.builders import do_transition
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction


SECRETARY = "namur-secretaire"


def _approved_plan(portal):
    plan = build_plan(portal, title="PIC de test", envelope=Decimal("1000000"))
    build_investment(plan, title="Voirie rue Haute", estimate_incl_vat=Decimal("400000"))
    build_investment(
        plan,
        title="Égouttage rue des Carmes",
        category="sewers",
        estimate_incl_vat=Decimal("500000"),
        spge_share=Decimal("200000"),
    )
    act = adopt_council_act(
        portal, title="Adoption du PIC de test", session_date=date(2026, 10, 26)
    )
    plan.approving_act = RelationValue(getUtility(IIntIds).getId(act))
    notify(ObjectModifiedEvent(plan))
    do_transition(plan, SECRETARY, "approve_council")
    return plan


@pytest.fixture
def approved_plan(portal):
    return _approved_plan(portal)


@pytest.fixture
def committed_plan(functional_portal):
    """The same, committed: the worker runs its own transactions."""
    plan = _approved_plan(functional_portal)
    transaction.commit()
    return plan
