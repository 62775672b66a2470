"""The case file page leaves out the bundles only forms use (issue 23): its
edit form and other pages keep them."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser

import pytest
import re


FORM_ONLY = ("datagridfield-bundle", "eventedit", "collective.documentgenerator")


def bundles(html: str) -> set[str]:
    return set(re.findall(r'data-bundle="([^"]+)"', html))


def browser_as(app, login, password="demo"):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {login}:{password}")
    return browser


@pytest.fixture
def case_file(functional_portal):
    return functional_portal["namur"]["dossiers"]["extension-dune-maison-unifamiliale"]


def test_the_case_file_page_loads_no_form_bundle(functional_app, case_file):
    browser = browser_as(functional_app, "namur-agent-urbanisme")
    browser.open(case_file.absolute_url())
    found = bundles(browser.contents)
    assert found.isdisjoint(FORM_ONLY)
    # What the page uses stays: Plone's scripts and the platform's own look.
    assert {"plone", "imio-municipal-face"} <= found
    # The page itself is unchanged: identity, history, the documents card.
    assert case_file.reference in browser.contents
    assert "dossier-history" in browser.contents
    assert "municipal-documents" in browser.contents


def test_the_case_file_edit_form_keeps_the_datagrid_script(functional_app, case_file):
    browser = browser_as(functional_app, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    browser.open(f"{case_file.absolute_url()}/edit")
    assert "datagridfield-bundle" in bundles(browser.contents)


def test_other_pages_keep_every_bundle(functional_app, case_file):
    browser = browser_as(functional_app, "namur-agent-urbanisme")
    browser.open(case_file.aq_parent.absolute_url())  # the case files' dashboard
    assert set(FORM_ONLY) <= bundles(browser.contents)
