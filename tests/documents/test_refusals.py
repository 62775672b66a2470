"""Bad input: a clear message, no traceback, nothing written."""

from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.documents import libreoffice
from imio.municipal.testing import DOCUMENTGENERATOR_SETTINGS
from plone import api
from Products.statusmessages.interfaces import IStatusMessage

import json
import pytest
import transaction


SECRETARY = "namur-secretaire"


def error_of(body) -> dict:
    return json.loads(body)["error"]


@pytest.fixture
def draft_act(portal):
    return build_act(portal, title="Projet de délibération", matter="tax_regulation")


@pytest.fixture
def adopted_act(portal):
    for act in portal["namur"]["actes"].objectValues():
        if api.content.get_state(act) == "adopted":
            return act
    raise AssertionError("no adopted demo act")


def test_a_template_for_another_state_is_refused(generate, draft_act):
    status, body, _headers = generate(draft_act, "deliberation", "odt", SECRETARY)
    assert status == 400
    error = error_of(body)
    assert error["type"] == "BadRequest"
    assert error["message"] == "« Délibération » ne peut pas être généré dans l'état « Brouillon »."
    assert transaction.get().isDoomed()


def test_a_template_for_another_type_is_refused(generate, portal):
    dossier = build_dossier(portal, title="Garage")
    status, body, _headers = generate(dossier, "deliberation", "odt", "namur-agent-urbanisme")
    assert status == 400
    assert error_of(body)["message"] == "Ce document n'est pas prévu pour cet élément."


def test_an_act_without_tutelle_has_no_transmission_letter(generate, portal):
    act = next(
        act
        for act in portal["namur"]["actes"].objectValues()
        if act.effective_regime() == "none" and api.content.get_state(act) == "executory"
    )
    status, body, _headers = generate(act, "transmission_letter", "odt", SECRETARY)
    assert status == 400
    assert "ne concerne que les actes soumis à une tutelle" in error_of(body)["message"]


def test_an_unknown_template_or_format(generate, templates, municipal_request, adopted_act):
    status, body, _headers = generate(adopted_act, "deliberation", "xls", SECRETARY)
    assert status == 400
    assert "n'est pas disponible au format xls" in error_of(body)["message"]
    municipal_request.form.update(template_uid="nope", output_format="pdf")
    with api.env.adopt_user(username=SECRETARY):
        body = adopted_act.restrictedTraverse("@@document-generation")()
    assert municipal_request.response.getStatus() == 404
    assert error_of(body)["type"] == "NotFound"


def test_a_missing_value_is_named(generate, adopted_act):
    adopted_act.session_date = None
    status, body, _headers = generate(adopted_act, "deliberation", "pdf", SECRETARY)
    assert status == 400
    assert "Date de séance" in error_of(body)["message"]


def test_an_incomplete_file_without_missing_pieces(generate, portal):
    dossier = next(
        d
        for d in portal["namur"]["dossiers"].objectValues()
        if api.content.get_state(d) == "incomplete"
    )
    dossier.missing_pieces = []
    status, body, _headers = generate(dossier, "acknowledgement", "odt", "namur-agent-urbanisme")
    assert status == 400
    assert "les pièces manquantes" in error_of(body)["message"]


def test_libreoffice_down_pdf_refused_odt_still_works(generate, adopted_act, libreoffice_down):
    status, body, _headers = generate(adopted_act, "deliberation", "pdf", SECRETARY)
    assert status == 503
    error = error_of(body)
    assert error["type"] == "ServiceUnavailable"
    assert "La sortie PDF et DOCX est indisponible" in error["message"]
    status, body, _headers = generate(adopted_act, "deliberation", "odt", SECRETARY)
    assert status == 200
    assert body[:2] == b"PK"


@pytest.fixture
def libreoffice_down(portal):
    api.portal.set_registry_record(
        DOCUMENTGENERATOR_SETTINGS + "oo_port_list", str(libreoffice.free_port())
    )


def test_a_browser_gets_a_message_and_the_page_back(generate, draft_act, municipal_request):
    municipal_request.environ["HTTP_ACCEPT"] = "text/html,application/xhtml+xml"
    status, body, headers = generate(draft_act, "deliberation", "pdf", SECRETARY)
    assert status == 302
    assert headers["location"] == draft_act.absolute_url()
    shown = [message.message for message in IStatusMessage(municipal_request).show()]
    assert any("ne peut pas être généré dans l'état" in message for message in shown)
