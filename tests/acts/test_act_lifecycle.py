"""An act from draft to executory: number, freeze, tutelle."""

from datetime import date
from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import store_deliberation
from imio.municipal.platform import numbering
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zExceptions import BadRequest
from zExceptions import Unauthorized

import pytest
import transaction


AGENT, HEAD, SECRETARY = "namur-agent-finances", "namur-chef-finances", "namur-secretaire"
SESSION = date(2026, 10, 26)


def to_validated(act):
    do_transition(act, HEAD, "propose")
    do_transition(act, SECRETARY, "validate")


def adopted(portal, **fields):
    fields.setdefault("session_date", SESSION)
    act = build_act(portal, **fields)
    to_validated(act)
    do_transition(act, SECRETARY, "adopt")
    return act


def test_the_regime_comes_from_the_matter(portal):
    assert build_act(portal, matter="tax_regulation", title="A").tutelle_regime == "approval"
    assert build_act(portal, matter="other", title="B").tutelle_regime == "none"


def test_adoption_numbers_per_body_and_year_of_the_session(portal):
    first = adopted(portal, title="Taxe 1")
    second = adopted(portal, title="Taxe 2")
    college = adopted(portal, title="Décision", kind="college_decision", body="college")
    start = numbering.parse_reference(first.number)[2]
    assert first.number == f"2026/conseil/{start}"
    assert second.number == f"2026/conseil/{start + 1}"
    assert college.number.startswith("2026/college/")


def test_adoption_needs_a_session_date_not_in_the_future(portal):
    act = build_act(portal)
    to_validated(act)
    with pytest.raises(WorkflowException):
        do_transition(act, SECRETARY, "adopt")
    transaction.abort()
    act = build_act(portal, title="Futur", session_date=belgian_today() + timedelta(days=3))
    to_validated(act)
    with pytest.raises(WorkflowException):
        do_transition(act, SECRETARY, "adopt")
    transaction.abort()


def test_without_tutelle_adopted_then_executory(portal):
    act = adopted(portal, matter="other")
    workflow = api.portal.get_tool("portal_workflow")
    with api.env.adopt_user(username=SECRETARY):
        offered = {t["id"] for t in workflow.getTransitionsFor(act)}
    assert offered == {"declare_executory"}
    do_transition(act, SECRETARY, "declare_executory")
    assert api.content.get_state(act) == "executory"


def test_general_tutelle_executory_on_transmission(portal):
    act = adopted(portal, matter="public_procurement")
    assert act.tutelle_regime == "general"
    store_deliberation(act)
    do_transition(act, SECRETARY, "transmit")
    assert api.content.get_state(act) == "executory"
    assert act.transmission_date == belgian_today()


def test_approval_tutelle_deadline_and_outcome(portal):
    act = adopted(portal, matter="tax_regulation")
    store_deliberation(act)
    do_transition(act, SECRETARY, "transmit")
    assert api.content.get_state(act) == "transmitted"
    act.tutelle_receipt_date = date(2026, 10, 2)
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(act))
    # 2 October + 30 = 1 November (Sunday, holiday) -> 2 November is a tutelle
    # holiday too (CDLD list) -> Tuesday 3 November.
    assert act.tutelle_deadline == date(2026, 11, 3)
    # The deadline passed (today is later): executory by expiry is allowed.
    assert act.executory_allowed() is (belgian_today() > date(2026, 11, 3))
    act.tutelle_outcome = "annulled"
    assert act.annulment_recorded()
    do_transition(act, SECRETARY, "annul", comment="Annulé par arrêté ministériel.")
    assert api.content.get_state(act) == "annulled"


def test_a_numbered_act_is_never_deleted(portal):
    act = adopted(portal)
    register = portal["namur"]["actes"]
    # Nobody has the permission in the workflow, Managers included ...
    with api.env.adopt_roles(["Manager"]), pytest.raises(Unauthorized):
        api.content.delete(act)
    # ... and code that bypasses security is refused by a subscriber.
    with pytest.raises(BadRequest, match=act.number):
        register._delObject(act.getId())
    assert act.getId() in register.objectIds()


def test_an_unnumbered_draft_may_be_deleted_by_its_author(portal):
    act = build_act(portal)
    with api.env.adopt_user(username=AGENT):
        api.content.delete(act)
    assert act.getId() not in portal["namur"]["actes"].objectIds()


def test_content_is_frozen_at_adoption(portal):
    act = build_act(portal)
    with api.env.adopt_user(username=AGENT):
        assert api.user.has_permission("imio.municipal: Edit act content", obj=act)
    act.session_date = SESSION
    to_validated(act)
    do_transition(act, SECRETARY, "adopt")
    with api.env.adopt_user(username=SECRETARY):
        assert api.user.has_permission("Modify portal content", obj=act)
        assert not api.user.has_permission("imio.municipal: Edit act content", obj=act)
