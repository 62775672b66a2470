"""A PIC plan approved by the council, ready to transmit."""

from datetime import date
from decimal import Decimal
from imio.municipal.demo.builders import adopt_council_act
from imio.municipal.demo.builders import build_investment
from imio.municipal.demo.builders import build_plan
from imio.municipal.demo.builders import do_transition
from imio.municipal.exchange.permits_inbox import poll_permits
from imio.municipal.exchange.simulator import serve_in_thread
from plone import api
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import requests
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


# The regional permit platform (the simulator), for Namur.
PERMITS_TOKEN = "permits-token"


@pytest.fixture
def platform(functional_portal, monkeypatch):
    base_url, stop = serve_in_thread({"token": PERMITS_TOKEN})
    monkeypatch.setenv("IMIO_MUNICIPAL_TOKEN_PERMITS", PERMITS_TOKEN)
    functional_portal["namur"].permits_url = base_url
    transaction.commit()
    yield base_url
    stop()


def _pending(base_url, ins="92094"):
    """The notifications the platform still offers to a municipality."""
    response = requests.get(
        f"{base_url}/permits/1.0/instances/{ins}/notifications",
        params={"status": "pending"},
        headers={"Authorization": f"Bearer {PERMITS_TOKEN}"},
        timeout=5,
    )
    return response.json()["items"]


def _rounds(portal, count=1):
    """Poll the platform ``count`` times, as the worker does; files created."""
    created = 0
    with api.env.adopt_roles(["Manager"]):
        for _round in range(count):
            created += poll_permits(portal)
    return created


@pytest.fixture
def pending():
    """``pending(platform_url, ins)``: what the platform still offers."""
    return _pending


@pytest.fixture
def rounds():
    """``rounds(portal, count=1)``: poll the platform as the worker does."""
    return _rounds
