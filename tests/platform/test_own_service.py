"""New work starts in its author's own service (the add forms' default)."""

from plone.testing.zope import Browser

import pytest


def add_form(app, portal, login, folder, portal_type):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    browser.open(f"{portal['namur'][folder].absolute_url()}/++add++{portal_type}")
    return browser.getControl(name="form.widgets.responsible_service:list")


@pytest.mark.parametrize(
    "login, folder, portal_type, service",
    [
        ("namur-agent-urbanisme", "dossiers", "Dossier", "urbanisme"),
        ("namur-agent-travaux", "dossiers", "Dossier", "travaux"),
        ("namur-chef-urbanisme", "actes", "Act", "urbanisme"),
    ],
)
def test_the_add_form_proposes_my_service(
    functional_app, functional_portal, login, folder, portal_type, service
):
    select = add_form(functional_app, functional_portal, login, folder, portal_type)
    assert select.value == [service]


def test_the_secretariat_starts_with_its_own_service(functional_app, functional_portal):
    select = add_form(functional_app, functional_portal, "namur-secretaire", "actes", "Act")
    assert select.value == ["secretariat"]
