"""The add and edit forms of a municipality: clear errors, nothing saved."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from urllib.parse import urlencode

import pytest
import re
import transaction


def browser_as(app, login, password="demo"):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", f"Basic {login}:{password}")
    return browser


@pytest.fixture
def admin_browser(functional_app):
    return browser_as(functional_app, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def submit(browser, url, fields, services):
    """POST the form at url like a browser would, with a datagrid of services."""
    browser.open(url)
    # The CSRF token plone.protect's script adds to every form.
    token = re.search(r'data-token="([^"]+)" id="protect-script"', browser.contents).group(1)
    data = {"_authenticator": token, "form.buttons.save": "Enregistrer", **fields}
    data["form.widgets.services.count"] = str(len(services))
    for index, (service_id, title) in enumerate(services):
        data[f"form.widgets.services.{index}-empty-marker"] = "1"
        data[f"form.widgets.services.{index}.widgets.id"] = service_id
        data[f"form.widgets.services.{index}.widgets.title"] = title
        # the public contact point columns, left empty as a browser sends them
        data[f"form.widgets.services.{index}.widgets.email"] = ""
        data[f"form.widgets.services.{index}.widgets.phone"] = ""
    browser.post(url, urlencode(data))
    return browser.contents


def add_municipality(browser, portal, **overrides):
    fields = {
        "form.widgets.IBasic.title": "Ciney",
        "form.widgets.IShortName.id": "ciney",
        "form.widgets.ins_code:list": "91030",
        "form.widgets.ins_code-empty-marker": "1",
        "form.widgets.bce_number": "0207.344.329",
    }
    services = overrides.pop("services", [("urbanisme", "Urbanisme")])
    fields.update(overrides)
    return submit(browser, portal.absolute_url() + "/++add++Municipality", fields, services)


def test_add_form_lists_walloon_municipalities_in_french(admin_browser, functional_portal):
    admin_browser.open(functional_portal.absolute_url() + "/++add++Municipality")
    assert 'value="92094">Namur (92094)</option>' in admin_browser.contents
    assert "Antwerpen" not in admin_browser.contents and "Anvers" not in admin_browser.contents
    assert "Code INS" in admin_browser.contents


def test_valid_add_creates_the_municipality(admin_browser, functional_portal):
    add_municipality(admin_browser, functional_portal)
    transaction.begin()
    ciney = functional_portal["ciney"]
    assert (ciney.ins_code, ciney.bce_number) == ("91030", "0207.344.329")
    assert ciney.services == [
        {"id": "urbanisme", "title": "Urbanisme", "email": None, "phone": None}
    ]
    assert api.group.get(groupname="91030_urbanisme_reviewers") is not None


@pytest.mark.parametrize(
    "overrides,message",
    [
        (
            {"form.widgets.bce_number": "0207.344.330"},
            "n'est pas un numéro d'entreprise BCE valide",
        ),
        ({"form.widgets.ins_code:list": "92094"}, "Une commune avec le code INS 92094 existe déjà"),
        (
            {"services": [("travaux", "Travaux"), ("travaux", "Voirie")]},
            "est utilisé deux fois",
        ),
        ({"services": [("Travaux Publics", "Travaux")]}, "lettres minuscules"),
    ],
)
def test_bad_input_shows_an_error_and_saves_nothing(
    admin_browser, functional_portal, overrides, message
):
    page = add_municipality(admin_browser, functional_portal, **overrides)
    assert "Il y a des erreurs" in page
    assert message in page.replace("\xa0", " ")
    transaction.begin()
    assert "ciney" not in functional_portal.objectIds()
    assert api.group.get(groupname="91030_staff") is None


def test_edit_form_shows_the_ins_code_but_does_not_let_it_change(functional_app, functional_portal):
    browser = browser_as(functional_app, "namur-secretaire")
    browser.open(functional_portal.absolute_url() + "/namur/edit")
    assert "Namur (92094)" in browser.contents
    assert 'name="form.widgets.ins_code:list"' not in browser.contents


def test_edit_form_refuses_duplicate_services(functional_app, functional_portal):
    browser = browser_as(functional_app, "namur-secretaire")
    url = functional_portal.absolute_url() + "/namur/edit"
    page = submit(
        browser,
        url,
        {"form.widgets.IBasic.title": "Namur", "form.widgets.bce_number": "0216.689.981"},
        [("urbanisme", "Urbanisme"), ("urbanisme", "Aménagement")],
    )
    assert "est utilisé deux fois" in page
    transaction.begin()
    assert len(functional_portal["namur"].services) == 4


def test_edit_form_adds_a_service(functional_app, functional_portal):
    browser = browser_as(functional_app, "namur-secretaire")
    url = functional_portal.absolute_url() + "/namur/edit"
    services = [(s["id"], s["title"]) for s in functional_portal["namur"].services]
    submit(
        browser,
        url,
        {"form.widgets.IBasic.title": "Namur", "form.widgets.bce_number": "0216.689.981"},
        services + [("culture", "Culture")],
    )
    transaction.begin()
    assert functional_portal["namur"].services[-1] == {
        "id": "culture",
        "title": "Culture",
        "email": None,
        "phone": None,
    }
    assert api.group.get(groupname="92094_culture_editors") is not None
