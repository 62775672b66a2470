"""The demo's public inquiry (built by `make run`): open on a Namur permit case
file, its notice public and in the feed, the demo citizens' observations
private."""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.counter.citizens import citizen_id
from imio.municipal.counter.citizens import CITIZENS_GROUP
from imio.municipal.demo.inquiries import create_demo_inquiry
from imio.municipal.demo.inquiries import OBSERVATIONS
from imio.municipal.errors import NotAllowed
from imio.municipal.inquiries import observations
from imio.municipal.inquiries.opening import inquiries_of
from plone import api
from plone.app.testing import logout

import io
import pikepdf
import pytest


MARIE, LUC = citizen_id("marie.lambert"), citizen_id("luc.renard")


@pytest.fixture
def inquiry(portal):
    return create_demo_inquiry(portal)


def _read(inquiry, user):
    with api.env.adopt_user(username=user):
        return observations.observations_for(inquiry)


def test_the_demo_inquiry_is_open_on_a_namur_permit_case_file(portal, inquiry):
    dossier = inquiry.aq_parent
    assert api.content.get_state(inquiry) == "open"
    assert dossier.Title() == "Construction de 12 logements"
    assert dossier.getPhysicalPath()[:3] == portal["namur"].getPhysicalPath()
    assert dossier.procedure == "pu"
    # Running on the day the demo is built: citizens may react at once.
    assert inquiry.period().status(belgian_today()) == "running"
    assert inquiry.location == "Boulevard d'Herbatte 101, 5000 Namur"
    # Built once: another start of `make run` finds it.
    again = create_demo_inquiry(portal)
    assert again.UID() == inquiry.UID() and len(inquiries_of(dossier)) == 1
    assert observations.count(inquiry) == 2


def test_its_notice_is_public_and_in_the_feed(portal, inquiry):
    logout()
    page = inquiry.restrictedTraverse("@@view")()
    assert "Construction de 12 logements" in page and "Boulevard d'Herbatte 101" in page
    publications = portal["namur"]["publications"]
    listing = publications.restrictedTraverse("@@enquetes-publiques")()
    assert inquiry.absolute_url() in listing
    feed = publications.restrictedTraverse("@@enquetes-publiques.atom")()
    assert b"Construction de 12 logements" in feed
    # The released plan is a real, masked PDF anyone may read.
    (plan_uid,) = inquiry.released_documents
    inquiry.REQUEST.form["uid"] = plan_uid
    with pikepdf.open(io.BytesIO(inquiry.restrictedTraverse("@@enquete-document")())) as pdf:
        assert len(pdf.pages) == 1


def test_the_demo_citizens_observations_are_never_public(portal, inquiry):
    assert [record["author"] for record in _read(inquiry, "namur-agent-urbanisme")] == [MARIE, LUC]
    assert [record["text"] for record in _read(inquiry, MARIE)] == [OBSERVATIONS["marie.lambert"]]
    assert [record["text"] for record in _read(inquiry, LUC)] == [OBSERVATIONS["luc.renard"]]
    with pytest.raises(NotAllowed):
        _read(inquiry, "gembloux-agent-urbanisme")
    logout()
    with pytest.raises(NotAllowed):
        observations.observations_for(inquiry)
    page = inquiry.restrictedTraverse("@@view")()
    feed = portal["namur"]["publications"].restrictedTraverse("@@enquetes-publiques.atom")()
    for text in OBSERVATIONS.values():
        assert text[:30] not in page and text[:30].encode() not in feed
    assert "Marie Lambert" not in page and b"Luc Renard" not in feed


def test_the_demo_citizens_accounts_are_those_the_sign_in_makes(portal, inquiry):
    for user_id, niss in ((MARIE, "78051212326"), (LUC, "90021404581")):
        user = api.user.get(userid=user_id)
        assert user.getProperty("niss") == niss
        assert CITIZENS_GROUP in user.getGroups()
        assert set(user.getRoles()) == {"Authenticated", "Citizen"}
