"""The approving-act picker offers only what can approve: adopted council
deliberations of the user's own municipality."""

from imio.municipal.demo.builders import adopt_council_act
from imio.municipal.demo.builders import build_act
from imio.municipal.projects.rules import STANDING_ACT_STATES
from plone import api
from plone.testing.zope import Browser

import pytest
import transaction


ENERGY = "centrale-dachat-denergie-gembloux-namur"


@pytest.fixture
def project(functional_portal):
    return functional_portal["shared-projects"][ENERGY]


def offered(app, project, login):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    browser.open(f"{project.absolute_url()}/@@approving-act")
    return browser, browser.getControl(name="act").options


def test_only_adopted_council_acts_of_my_municipality_are_offered(
    functional_app, functional_portal, project
):
    draft = build_act(functional_portal, title="Convention en projet", body="conseil")
    adopted = adopt_council_act(functional_portal, title="Convention adoptée")
    college = build_act(functional_portal, title="Décision du collège", body="college")
    transaction.commit()
    _browser, options = offered(functional_app, project, "namur-secretaire")
    catalog = api.portal.get_tool("portal_catalog")
    offered_acts = [
        brain._unrestrictedGetObject()
        for uid in options
        if uid
        for brain in catalog.unrestrictedSearchResults(UID=uid)
    ]
    assert api.content.get_uuid(adopted) in options
    assert api.content.get_uuid(draft) not in options
    assert api.content.get_uuid(college) not in options
    # the demo register holds drafts and a postponed council act: none is offered
    council = catalog.unrestrictedSearchResults(
        portal_type="Act", body="conseil", path="/plone/namur"
    )
    assert {b.review_state for b in council} - STANDING_ACT_STATES
    assert offered_acts
    for act in offered_acts:
        assert act.body == "conseil"
        assert "/namur/" in act.absolute_url()
        assert api.content.get_state(act) in STANDING_ACT_STATES


def test_a_draft_act_is_refused_with_its_reason(functional_app, functional_portal, project):
    draft = build_act(functional_portal, title="Convention en projet", body="conseil")
    transaction.commit()
    browser = Browser(functional_app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", "Basic namur-secretaire:demo")
    browser.addHeader("Accept-Language", "fr")
    browser.open(f"{project.absolute_url()}/@@approving-act")
    token = browser.getControl(name="_authenticator").value
    browser.post(
        f"{project.absolute_url()}/@@approving-act",
        f"act={api.content.get_uuid(draft)}&form.buttons.attach=1&_authenticator={token}",
    )
    assert "n&#x27;est pas adopté" in browser.contents or "n'est pas adopté" in browser.contents
    transaction.begin()
    assert "92094" in project.missing_approvals()
