"""The deliberation PDF of an adopted act, stored as annex (what the e-Tutelle package sends)."""

from imio.municipal.demo.builders import build_act
from imio.municipal.documents.generation import stored_pdf
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from zope.interface import alsoProvides

import json
import pytest


SECRETARY = "namur-secretaire"


@pytest.fixture
def store(municipal_request):
    def run(act, user):
        municipal_request.method = "POST"
        municipal_request.response.setStatus(200)
        alsoProvides(municipal_request, IDisableCSRFProtection)
        from plone.protect.authenticator import createToken

        with api.env.adopt_user(username=user):
            municipal_request.form["_authenticator"] = createToken()
            view = act.restrictedTraverse("@@store-deliberation")
            body = view()
        return municipal_request.response.getStatus(), body

    return run


@pytest.fixture
def adopted_act(portal):
    for act in portal["namur"]["actes"].objectValues():
        if api.content.get_state(act) == "adopted":
            return act
    raise AssertionError("no adopted demo act")


def test_the_secretary_stores_the_pdf_as_annex(libreoffice, store, adopted_act, pdf_text):
    status, body = store(adopted_act, SECRETARY)
    assert status == 201, body
    annex = stored_pdf(adopted_act)
    assert annex.aq_parent.UID() == adopted_act.UID()
    assert annex.file.contentType == "application/pdf"
    assert annex.file.filename == f"deliberation-{adopted_act.number.replace('/', '-')}.pdf"
    assert annex.Title() == f"Délibération n° {adopted_act.number} (PDF)"
    assert annex.annex_category == "decision"
    assert (annex.confidential, annex.publishable, annex.justificatory) == (False, False, False)
    assert adopted_act.number in pdf_text(annex.file.data)
    assert json.loads(body)["@id"] == annex.absolute_url()
    # Storing again replaces the file of the same annex.
    status, _body = store(adopted_act, SECRETARY)
    assert status == 201
    assert [obj.getId() for obj in adopted_act.objectValues()].count(annex.getId()) == 1


def test_only_adopted_acts(libreoffice, store, portal):
    act = build_act(portal, title="Projet")
    status, body = store(act, "namur-secretaire")
    assert status in (401, 403)
    assert stored_pdf(act) is None


def test_an_agent_cannot_store(libreoffice, adopted_act):
    with api.env.adopt_user(username="namur-agent-finances"):
        assert not api.user.has_permission("Modify portal content", obj=adopted_act)
    from imio.municipal.documents.generation import store_refusal

    with api.env.adopt_user(username="namur-agent-finances"):
        assert store_refusal(adopted_act) is not None
