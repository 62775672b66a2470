"""The Classic UI of shared projects: home listing, project page, forms."""

from plone import api
from plone.testing.zope import Browser
from urllib.parse import urlencode

import pytest
import re
import transaction


CYCLE = "liaison-cyclable-namur-gembloux"
ENERGY = "centrale-dachat-denergie-gembloux-namur"


def browser_as(app, login=None):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    if login:
        browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


@pytest.fixture
def folder(functional_portal):
    return functional_portal["shared-projects"]


def test_home_lists_our_shared_projects_with_state_and_milestone(functional_app, functional_portal):
    browser = browser_as(functional_app, "namur-agent-travaux")
    browser.open(functional_portal["namur"].absolute_url())
    assert "Nos projets partagés" in browser.contents
    assert "Liaison cyclable Namur – Gembloux" in browser.contents
    assert "Actif" in browser.contents
    assert "Étude d&#x27;avant-projet" in browser.contents or "Étude d'avant-projet" in (
        browser.contents
    )
    assert "Centrale d&#x27;achat" in browser.contents or "Centrale d'achat" in browser.contents
    assert "Proposé aux partenaires" in browser.contents


def test_anonymous_home_shows_no_shared_project(functional_app, functional_portal):
    browser = browser_as(functional_app)
    browser.open(functional_portal["namur"].absolute_url())
    assert browser.headers["status"].startswith("200")
    assert "Nos projets partagés" not in browser.contents
    browser.open(functional_portal["shared-projects"][CYCLE].absolute_url())
    assert "Liaison cyclable" not in browser.contents or "login" in browser.url


def test_project_page_shows_shares_amounts_and_approvals(functional_app, folder):
    browser = browser_as(functional_app, "gembloux-agent-finances")
    browser.open(folder[ENERGY].absolute_url())
    contents = browser.contents
    assert "Commune pilote" in contents
    assert "64,5\u00a0%" in contents
    assert "119\u202f970,00\u00a0€" in contents or "119 970,00" in contents.replace(
        "\u202f", " "
    ).replace("\u00a0", " ")
    assert "Doivent encore approuver" in contents
    assert "Namur" in contents.split("Doivent encore approuver")[1][:200]
    # Gembloux's own approving act links to the act; an agent attaches nothing.
    assert "attach-approving-act" not in contents


def test_partner_secretary_attaches_from_the_form(functional_app, functional_portal, folder):
    from imio.municipal.demo.builders import adopt_council_act

    act = adopt_council_act(
        functional_portal, title="Centrale d'achat d'énergie : adhésion (Namur)"
    )
    transaction.commit()
    browser = browser_as(functional_app, "namur-secretaire")
    browser.open(folder[ENERGY].absolute_url())
    assert "attach-approving-act" in browser.contents
    browser.open(f"{folder[ENERGY].absolute_url()}/@@approving-act")
    select = browser.getControl(name="act")
    select.value = [api.content.get_uuid(act)]
    browser.getControl(name="form.buttons.attach").click()
    assert browser.url == folder[ENERGY].absolute_url()
    transaction.begin()
    assert folder[ENERGY].missing_approvals() == []


def test_activation_refused_in_the_form_says_who_is_missing(functional_app, folder):
    browser = browser_as(functional_app, "gembloux-secretaire")
    browser.open(f"{folder[ENERGY].absolute_url()}/@@project-transition?transition=activate")
    browser.getControl(name="form.buttons.confirm").click()
    assert "transition-error" in browser.contents
    assert "Namur (92094)" in browser.contents
    transaction.begin()
    assert api.content.get_state(folder[ENERGY]) == "proposed"


def add_form_data(browser, url, shares, partners=("92142",), lead="92094"):
    browser.open(url)
    token = re.search(r'data-token="([^"]+)" id="protect-script"', browser.contents).group(1)
    data = [
        ("_authenticator", token),
        ("form.buttons.save", "Enregistrer"),
        ("form.widgets.IBasic.title", "Éclairage public commun"),
        ("form.widgets.lead_municipality:list", lead),
        ("form.widgets.budget_total", "100 000,00"),
        ("form.widgets.shares.count", str(len(shares))),
        ("form.widgets.milestones.count", "0"),
    ]
    data += [("form.widgets.partners:list", code) for code in partners]
    for index, (code, percent) in enumerate(shares):
        data += [
            (f"form.widgets.shares.{index}-empty-marker", "1"),
            (f"form.widgets.shares.{index}.widgets.ins_code:list", code),
            (f"form.widgets.shares.{index}.widgets.percent", percent),
        ]
    browser.post(url, urlencode(data))
    return browser.contents


def test_add_form_refuses_shares_not_adding_up(functional_app, folder):
    browser = browser_as(functional_app, "namur-secretaire")
    contents = add_form_data(
        browser, f"{folder.absolute_url()}/++add++SharedProject", [("92094", "50"), ("92142", "40")]
    )
    assert "leur total fait 90" in contents
    transaction.begin()
    assert "eclairage-public-commun" not in folder


def test_add_form_refuses_a_lead_that_is_not_yours(functional_app, folder):
    browser = browser_as(functional_app, "gembloux-secretaire")
    contents = add_form_data(
        browser,
        f"{folder.absolute_url()}/++add++SharedProject",
        [("92094", "50"), ("92142", "50")],
    )
    assert "Seul le secrétariat de 92094" in contents
    transaction.begin()
    assert "eclairage-public-commun" not in folder


def test_add_form_creates_a_valid_project(functional_app, folder):
    browser = browser_as(functional_app, "namur-secretaire")
    add_form_data(
        browser,
        f"{folder.absolute_url()}/++add++SharedProject",
        [("92094", "50"), ("92142", "50")],
    )
    transaction.begin()
    project = folder["eclairage-public-commun"]
    assert project.lead_municipality == "92094"
    assert [row.amount for row in project.share_amounts()] == [
        project.budget_total / 2,
        project.budget_total / 2,
    ]


def test_pages_follow_the_partners_field(functional_app, folder, andenne_committed):
    """A partner reads the project page; once removed, it gets the login page."""
    from decimal import Decimal
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    project = folder[CYCLE]
    url = project.absolute_url()
    partner = browser_as(functional_app, "gembloux-agent-travaux")
    outsider = browser_as(functional_app, "andenne-agent-travaux")
    partner.open(url)
    assert "Liaison cyclable" in partner.contents and "require_login" not in partner.url
    outsider.open(url)
    assert "Liaison cyclable Namur – Gembloux</h1>" not in outsider.contents

    transaction.begin()
    project.partners = ["92003"]
    project.shares = [
        {"ins_code": "92094", "percent": Decimal("55")},
        {"ins_code": "92003", "percent": Decimal("45")},
    ]
    notify(ObjectModifiedEvent(project))
    transaction.commit()
    partner.open(url)
    assert "Liaison cyclable Namur – Gembloux</h1>" not in partner.contents
    outsider.open(url)
    assert "Liaison cyclable Namur – Gembloux</h1>" in outsider.contents
