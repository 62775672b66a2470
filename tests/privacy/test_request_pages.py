"""Data-subject requests in the browser: recorded from the municipality's
list, extended once, given the person's data summary and answered from the
request's page, in French, every write checked against the CSRF token."""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.privacy import request_rules as rules
from plone import api
from plone.testing.zope import Browser
from urllib.parse import urlencode

import pytest
import re
import transaction


NISS = "85073003328"  # a demo applicant with case files in Namur
RECEIVED = belgian_today() - timedelta(days=3)
TOKEN = re.compile(r'name="_authenticator"[^>]*value="([^"]+)"')


@pytest.fixture
def browser_as(functional_app):
    def make(login):
        browser = Browser(functional_app)
        browser.handleErrors = True
        browser.raiseHttpErrors = False
        browser.addHeader("Authorization", f"Basic {login}:demo")
        browser.addHeader("Accept-Language", "fr")
        return browser

    return make


def status(browser) -> int:
    return int(browser.headers["Status"].split()[0])


def post(browser, url, form_url=None, **data):
    """Open the page (for its CSRF token), then post ``data`` with it."""
    browser.open(form_url or url)
    token = TOKEN.search(browser.contents)
    assert token, (status(browser), browser.url, re.findall(r"<form[^>]*>", browser.contents))
    browser.post(url, urlencode({"_authenticator": token[1], **data}))
    return status(browser)


def refused(browser) -> bool:
    """An error status, or Plone's login or insufficient-privileges page instead."""
    if status(browser) != 200:
        return True
    return "/insufficient-privileges" in browser.url or "/login?" in browser.url


def list_url(portal, municipality="namur"):
    return f"{portal[municipality].absolute_url()}/@@subject-requests"


def record(browser, portal, **extra):
    data = {
        "kind": "access",
        "requester": "Marie Dupont",
        "niss": NISS,
        "received_date": RECEIVED.strftime("%d/%m/%Y"),
        "request_text": "Quelles données détenez-vous sur moi ?",
        "record": "1",
        **extra,
    }
    return post(browser, list_url(portal), **data)


def requests_in(portal, municipality="namur"):
    transaction.begin()
    return [
        brain._unrestrictedGetObject()
        for brain in api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            portal_type="DataSubjectRequest", path="/".join(portal[municipality].getPhysicalPath())
        )
    ]


def test_the_dpo_records_a_request_and_sees_its_deadline(functional_portal, browser_as):
    dpo = browser_as("namur-dpo")
    assert record(dpo, functional_portal) == 200
    (request,) = requests_in(functional_portal)
    assert dpo.url == request.absolute_url()
    assert "La demande est enregistrée." in dpo.contents
    deadline = rules.answer_deadline(RECEIVED).strftime("%d/%m/%Y")
    assert f'<dd class="dsr-deadline">{deadline}</dd>' in dpo.contents
    assert "Accès (RGPD, art. 15)" in dpo.contents
    dpo.open(list_url(functional_portal))
    assert "Accès — Marie Dupont" in dpo.contents and deadline in dpo.contents


@pytest.mark.parametrize(
    "extra, reason",
    [
        ({"kind": "portability"}, "Type de demande inconnu"),
        ({"requester": "Marie"}, "prénom et le nom"),
        ({"received_date": "31/02/2026"}, "jj/mm/aaaa"),
        ({"niss": "85073003329"}, "n'est pas un numéro NISS ou BIS valide"),
    ],
)
def test_a_bad_request_is_refused_with_its_reason_and_nothing_recorded(
    functional_portal, browser_as, extra, reason
):
    dpo = browser_as("namur-dpo")
    assert record(dpo, functional_portal, **extra) == 400
    assert 'class="alert alert-danger dsr-error"' in dpo.contents
    assert reason in dpo.contents, dpo.contents
    # What was typed is kept for correcting it.
    assert 'value="Quelles' not in dpo.contents and "Quelles données" in dpo.contents
    assert requests_in(functional_portal) == []


def test_a_post_without_the_csrf_token_changes_nothing(functional_portal, browser_as):
    dpo = browser_as("namur-dpo")
    data = {"kind": "access", "requester": "Marie Dupont", "received_date": "01/12/2026"}
    dpo.post(list_url(functional_portal), urlencode({**data, "record": "1"}))
    assert status(dpo) == 403
    assert requests_in(functional_portal) == []


def test_extended_once_summary_attached_then_answered(functional_portal, browser_as):
    dpo = browser_as("namur-dpo")
    record(dpo, functional_portal)
    url = dpo.url
    # A reason is required, a second extension refused.
    assert post(dpo, url, extend="1", reason="  ") == 400
    assert "La prolongation doit être motivée" in dpo.contents
    assert post(dpo, url, extend="1", reason="Nombreux dossiers à rassembler") == 200
    extended = rules.extended_deadline(RECEIVED).strftime("%d/%m/%Y")
    assert f"Le délai est prolongé jusqu'au {extended}." in dpo.contents
    assert 'class="dsr-extend' not in dpo.contents  # the form is gone once extended
    assert post(dpo, url, extend="1", reason="Encore") == 400
    assert "déjà été prolongé une fois" in dpo.contents
    (request,) = requests_in(functional_portal)
    assert request.extension_reason == "Nombreux dossiers à rassembler"

    assert post(dpo, url, attach="1") == 200
    assert "Le résumé des données de la personne est joint." in dpo.contents
    (summary,) = requests_in(functional_portal)[0].objectValues()
    assert summary.file.contentType == "application/pdf"
    dpo.open(f"{summary.absolute_url()}/@@download/file")
    assert dpo.contents.startswith("%PDF") if isinstance(dpo.contents, str) else True

    # An answer without text is refused and changes nothing.
    assert post(dpo, url, answer="1", text="   ") == 400
    assert "Indiquez le texte de la réponse" in dpo.contents
    assert api.content.get_state(requests_in(functional_portal)[0]) == "received"
    assert post(dpo, url, answer="1", text="Voici le résumé de vos données.") == 200
    assert "La demande a reçu sa réponse." in dpo.contents
    assert f"prolongé jusqu'au {extended}" in dpo.contents
    request = requests_in(functional_portal)[0]
    assert api.content.get_state(request) == "answered"
    assert request.answered_date == belgian_today()
    # Answered: the forms are gone and a forged post is refused.
    assert 'class="dsr-answer-form"' not in dpo.contents
    dpo.open(url)
    token = TOKEN.search(dpo.contents)
    assert token is None
    secretary = browser_as("namur-secretaire")
    assert post(secretary, url, form_url=list_url(functional_portal), answer="1", text="x") == 403
    assert "déjà reçu sa réponse ou ne relève pas de vous" in secretary.contents


def test_another_municipality_neither_sees_nor_handles_the_request(functional_portal, browser_as):
    record(browser_as("namur-dpo"), functional_portal)
    (request,) = requests_in(functional_portal)
    url = request.absolute_url()
    for login in ("gembloux-dpo", "gembloux-secretaire", "namur-agent-urbanisme", "admin"):
        other = browser_as(login)
        other.open(url)
        assert refused(other), login
        assert "Marie Dupont" not in other.contents, login
        other.open(list_url(functional_portal))
        assert refused(other), login
        assert "Marie Dupont" not in other.contents, login
    gembloux = browser_as("gembloux-dpo")
    gembloux_list = list_url(functional_portal, "gembloux")
    post(gembloux, url, form_url=gembloux_list, answer="1", text="x")
    assert refused(gembloux)
    post(gembloux, url, form_url=gembloux_list, extend="1", reason="x")
    assert refused(gembloux)
    request = requests_in(functional_portal)[0]
    assert api.content.get_state(request) == "received" and not request.extension_reason
    gembloux.open(gembloux_list)
    assert "Marie Dupont" not in gembloux.contents
    assert "Aucune demande pour l'instant." in gembloux.contents


def test_the_search_page_leads_to_the_form_filled_with_the_person(functional_portal, browser_as):
    dpo = browser_as("namur-dpo")
    dpo.open(f"{functional_portal['namur'].absolute_url()}/@@data-subject?niss={NISS}")
    link = re.search(r'href="([^"]*@@subject-requests\?[^"]*)"', dpo.contents)
    assert link, "no link to record a request"
    dpo.open(link[1].replace("&amp;", "&"))
    assert f'value="{NISS}"' in dpo.contents
    assert '<option selected="selected" value="access">Accès</option>' in dpo.contents
