"""The « Documents officiels » card under the title of acts, case files and plans."""

from imio.municipal.acts import tutelle
from imio.municipal.documents import libreoffice
from imio.municipal.documents.viewlet import DocumentsViewlet
from imio.municipal.testing import DOCUMENTGENERATOR_SETTINGS
from plone import api

import pytest


def card(obj, request, user):
    with api.env.adopt_user(username=user):
        view = obj.restrictedTraverse("@@view")
        viewlet = DocumentsViewlet(obj, request, view, None)
        viewlet.update()
        return viewlet, viewlet.render()


@pytest.fixture
def adopted_act(portal):
    # The register is unordered: look for the act by what it must be, an
    # adopted act under a tutelle (it has a transmission letter).
    for act in portal["namur"]["actes"].objectValues():
        if api.content.get_state(act) == "adopted" and act.effective_regime() != tutelle.NONE:
            return act
    raise AssertionError("no adopted act under a tutelle")


def test_the_secretary_sees_the_act_documents_and_the_store_button(
    libreoffice, adopted_act, municipal_request
):
    viewlet, html = card(adopted_act, municipal_request, "namur-secretaire")
    assert [d["id"] for d in viewlet.documents()] == [
        "deliberation",
        "register_extract",
        "transmission_letter",
    ]
    assert "Documents officiels" in html
    assert "Enregistrer le PDF en annexe" in html
    assert "documents-unavailable" not in html


def test_the_agent_generates_but_does_not_store(libreoffice, adopted_act, municipal_request):
    _viewlet, html = card(adopted_act, municipal_request, "namur-agent-finances")
    assert "Délibération" in html
    assert "Enregistrer le PDF en annexe" not in html


def test_without_libreoffice_the_card_says_so(adopted_act, municipal_request):
    api.portal.set_registry_record(
        DOCUMENTGENERATOR_SETTINGS + "oo_port_list", str(libreoffice.free_port())
    )
    viewlet, html = card(adopted_act, municipal_request, "namur-secretaire")
    assert "La sortie PDF et DOCX est indisponible" in html
    links = viewlet.documents()[0]["links"]
    assert {link["format"]: link["enabled"] for link in links} == {
        "odt": True,
        "pdf": False,
        "docx": False,
    }
    assert "Enregistrer le PDF en annexe" not in html


def test_case_files_and_plans_have_their_documents(portal, municipal_request):
    dossier = next(
        d
        for d in portal["namur"]["dossiers"].objectValues()
        if api.content.get_state(d) == "in_progress"
    )
    viewlet, _html = card(dossier, municipal_request, "namur-agent-urbanisme")
    assert [d["id"] for d in viewlet.documents()] == ["acknowledgement", "dossier_summary"]
    draft = next(
        d for d in portal["namur"]["dossiers"].objectValues() if api.content.get_state(d) == "draft"
    )
    viewlet, _html = card(draft, municipal_request, "namur-agent-urbanisme")
    assert [d["id"] for d in viewlet.documents()] == ["dossier_summary"]
    plan = next(iter(portal["namur"]["pic"].objectValues()))
    viewlet, _html = card(plan, municipal_request, "namur-agent-finances")
    assert [d["id"] for d in viewlet.documents()] == ["pic_summary"]
