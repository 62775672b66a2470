"""Other capabilities (the financial director's advice) can keep an act off an agenda."""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.sessions import build_session
from imio.municipal.errors import InvalidInput
from imio.municipal.interfaces import IAct
from imio.municipal.sessions import agenda
from imio.municipal.sessions.agenda import IAgendaPrecondition
from zope.component import getGlobalSiteManager
from zope.interface import implementer

import pytest


@implementer(IAgendaPrecondition)
class AdviceMissing:
    def __init__(self, act):
        self.act = act

    def refusals(self, session=None):
        if "avis" in self.act.Title().lower():
            return ["L'avis de légalité du directeur financier manque."]
        return []


@pytest.fixture
def advice_check():
    registry = getGlobalSiteManager()
    registry.registerSubscriptionAdapter(AdviceMissing, (IAct,), IAgendaPrecondition)
    yield
    registry.unregisterSubscriptionAdapter(AdviceMissing, (IAct,), IAgendaPrecondition)


def test_a_registered_precondition_refuses_with_its_reason(
    portal, advice_check, validated_act, as_secretary
):
    session = build_session(portal, body="college", session_date=belgian_today())
    without = validated_act("Marché sans avis")
    with pytest.raises(InvalidInput, match="avis de légalité du directeur financier"):
        as_secretary(agenda.propose, session, without)
    assert len(session.agenda) == 0 and not getattr(without, "on_agenda", None)
    assert agenda.refusals_before_agenda(validated_act("Marché ordinaire"), session) == []


def test_an_advice_still_awaited_keeps_the_act_off_the_agenda(portal, validated_act, as_secretary):
    from imio.municipal.acts import advice

    session = build_session(portal, body="college", session_date=belgian_today())
    act = validated_act("Convention avec l'ASBL")
    as_secretary(advice.ask, act, "service", service="urbanisme")
    with pytest.raises(InvalidInput, match="avis du service Urbanisme est attendu"):
        as_secretary(agenda.propose, session, act)
    assert len(session.agenda) == 0
    other = validated_act("Marché ordinaire")
    as_secretary(agenda.propose, session, other)
    assert len(session.agenda) == 1
