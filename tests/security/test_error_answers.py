"""Requests that made the site fail (500) answer with their reason."""

from imio.municipal.demo.builders import build_dossier
from plone.testing.zope import Browser

import pytest
import transaction


def browser_as(app, login):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


@pytest.fixture
def dossier(functional_portal):
    dossier = build_dossier(functional_portal)
    transaction.commit()
    return dossier


@pytest.mark.parametrize("login", ["namur-agent-urbanisme", "namur-secretaire"])
def test_history_of_an_item_without_versions(functional_app, dossier, login):
    browser = browser_as(functional_app, login)
    browser.open(f"{dossier.absolute_url()}/@@history")
    assert browser.headers["status"].startswith("200")
    assert browser.url == dossier.absolute_url()
    assert "ne conserve pas de versions à comparer" in browser.contents


def test_history_with_version_parameters_of_an_item_without_versions(
    functional_app, functional_portal
):
    browser = browser_as(functional_app, "namur-secretaire")
    browser.open(f"{functional_portal.absolute_url()}/namur/@@history?one=abc&two=current")
    assert not browser.headers["status"].startswith("5")
    assert "Traceback" not in browser.contents


@pytest.mark.parametrize("uids", ["x", ["x", "y"]])
def test_linkintegrity_with_unknown_identifiers(api_as, dossier, uids):
    for login in ("namur-agent-urbanisme", "admin"):
        response = api_as(login).get("/@linkintegrity", params={"uids": uids})
        assert response.status_code == 400, response.text
        assert "x" in response.json()["message"] and "traceback" not in response.json()
    # A real one still answers, and one the user may not see is unknown to them.
    uid = dossier.UID()
    assert api_as("namur-agent-urbanisme").get("/@linkintegrity", params={"uids": uid}).ok
    hidden = api_as("gembloux-agent-urbanisme").get("/@linkintegrity", params={"uids": uid})
    assert hidden.status_code == 400
