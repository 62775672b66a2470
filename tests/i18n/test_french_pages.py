"""Every main page, as each demo role, reads in French.

The pages are rendered by the real site (demo content, French catalogs) and
their visible text and attributes are searched for English words (see
english_text.py). A page a role may not open redirects; the login form is
one of the pages checked.
"""

from english_text import english_in
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser

import pytest


ROLES = (
    "namur-agent-urbanisme",
    "namur-agent-travaux",
    "namur-chef-urbanisme",
    "namur-secretaire",
    "namur-college",
    "gembloux-agent-urbanisme",
    "admin",
    None,
)
# Strings that may stay as they are, each with its reason. Matched whole.
ALLOWED = (
    # The licence credit of the footer: « Plone » is a proper noun, and the
    # footer belongs to the theme.
    "Powered by Plone",
    # Barceloneta's static theme markup (the phone menu's close button): the
    # theme file has no i18n; the product's own theme replaces it.
    "Close",
    # A plain, untranslatable string of plone.app.contentmenu, in the
    # portlet menu that only platform admins see.
    "Manage all portlets",
)


def first_child(folder, portal_type):
    for obj in folder.objectValues():
        if obj.portal_type == portal_type:
            return obj
    raise AssertionError(f"the demo has no {portal_type} in {folder.absolute_url()}")


def main_pages(portal):
    namur = portal["namur"]
    dossier = first_child(namur["dossiers"], "Dossier")
    act = first_child(namur["actes"], "Act")
    plan = first_child(namur["pic"], "InvestmentPlan")
    project = first_child(portal["shared-projects"], "SharedProject")
    pages = [
        portal,
        namur,
        namur["dossiers"],
        dossier,
        f"{dossier.absolute_url()}/edit",
        f"{namur['dossiers'].absolute_url()}/++add++Dossier",
        namur["actes"],
        f"{namur['actes'].absolute_url()}/@@register",
        act,
        f"{act.absolute_url()}/edit",
        f"{namur['actes'].absolute_url()}/++add++Act",
        namur["pic"],
        plan,
        portal["shared-projects"],
        project,
        f"{project.absolute_url()}/edit",
        f"{namur.absolute_url()}/@@exchange-journal",
        namur["publications"],
        namur["seances"],
        f"{namur.absolute_url()}/@@steering",
        f"{portal.absolute_url()}/@@steering-overview",
        f"{namur.absolute_url()}/@@demarches",
        f"{portal.absolute_url()}/@@mes-demarches",
        f"{portal.absolute_url()}/login",
    ]
    return [page if isinstance(page, str) else page.absolute_url() for page in pages]


def french_browser(app, login):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    # A page a role may not open redirects (to the login form, or to the
    # citizens' identity provider): the login form is checked on its own.
    browser.followRedirects = False
    browser.addHeader("Accept-Language", "fr")
    if login == "admin":
        browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    elif login:
        browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


@pytest.mark.parametrize("login", ROLES, ids=lambda login: login or "anonymous")
def test_main_pages_show_no_english(functional_app, functional_portal, login):
    browser = french_browser(functional_app, login)
    english, broken = {}, []
    for url in main_pages(functional_portal):
        browser.open(url)
        status = browser.headers["status"]
        if status.startswith("5"):
            broken.append(url)
        if not status.startswith("200"):
            continue
        for text in english_in(browser.contents, ALLOWED):
            english.setdefault(text, url)
    assert not broken, f"pages that failed: {broken}"
    assert not english, "English on French pages:\n" + "\n".join(
        f"  {text!r}  ({url})" for text, url in sorted(english.items())
    )


def test_the_check_sees_english():
    page = '<p>Ajouter</p><button title="Move Up">↑</button><span>text/html</span>'
    assert english_in(page) == {"Move Up", "text/html"}
    assert english_in("<p>Powered by Plone</p>", ALLOWED) == set()
    assert english_in("<p>Close the file</p>", ALLOWED) == {"Close the file"}
