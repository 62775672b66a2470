"""Refusals and labels the French UI used to show in English or by id."""

from imio.municipal.demo.builders import adopt_council_act
from plone.testing.zope import Browser

import transaction


def french_browser(app, login):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    browser.addHeader("Accept-Language", "fr")
    return browser


def test_transmitting_without_the_pdf_is_refused_in_french(functional_app, functional_portal):
    act = adopt_council_act(
        functional_portal, title="Marché de voirie", matter="public_procurement"
    )
    assert act.effective_regime() == "general"
    transaction.commit()
    browser = french_browser(functional_app, "namur-secretaire")
    url = f"{act.absolute_url()}/@@act-transition?transition=transmit"
    browser.open(url)
    form = browser.getForm(action=f"{act.absolute_url()}/@@act-transition")
    token = form.getControl(name="_authenticator").value
    browser.post(
        f"{act.absolute_url()}/@@act-transition",
        f"transition=transmit&form.buttons.confirm=1&_authenticator={token}",
    )
    assert "Enregistrez le PDF de la délibération" in browser.contents
    assert "Store the deliberation PDF" not in browser.contents


def test_the_municipality_page_names_services_by_title_only(functional_app, functional_portal):
    browser = french_browser(functional_app, "namur-secretaire")
    browser.open(functional_portal["namur"].absolute_url())
    assert "Secrétariat communal" in browser.contents
    assert "(secretariat)" not in browser.contents
    assert ">secretariat<" not in browser.contents


def test_rest_refuses_the_transmission_without_the_pdf_in_french(functional_portal, api_as):
    act = adopt_council_act(
        functional_portal, title="Marché d'éclairage", matter="public_procurement"
    )
    transaction.commit()
    path = act.absolute_url().removeprefix(functional_portal.absolute_url())
    response = api_as("namur-secretaire").post(
        f"{path}/@workflow/transmit", json={}, headers={"Accept-Language": "fr"}
    )
    assert response.status_code == 400
    assert "Enregistrez le PDF de la délibération" in response.json()["error"]["message"]
