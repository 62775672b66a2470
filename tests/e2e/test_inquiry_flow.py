"""A public inquiry, through the browser: the urbanism agent opens it on a
Namur permit case file (the end is computed and shown); the notice is listed
on the municipality's public pages and read by anonymous visitors, who see no
observation; two citizens, signed in through the local OpenID Connect
provider, each send an observation and see only their own; the agent reads
both and closes the inquiry after its end; the report (PDF) joins the case
file; an observation sent after the closing is refused in French.
Screenshots at 1280 and 390 pixels.
"""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.inquiries.observations import count
from playwright.sync_api import expect
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.component.hooks import setSite

import pytest
import re
import transaction


AGENT = "namur-agent-urbanisme"
TITLE = "Immeuble de trois logements rue de Bruxelles"
ADDRESS = "Rue de Bruxelles 61, 5000 Namur"
MARIE = "Le gabarit dépasse celui des maisons voisines."
LUC = "Je soutiens le projet, il manque des logements."


@pytest.fixture
def dossier(counter):
    """A complete Namur permit case file under examination; removed afterwards,
    with its inquiry and report."""
    portal = counter
    setSite(portal)
    dossier = build_dossier(portal, title=TITLE, location_address=ADDRESS)
    do_transition(dossier, AGENT, "receive")
    do_transition(dossier, AGENT, "declare_complete")
    transaction.commit()
    yield dossier
    transaction.begin()  # see what the browser's requests committed
    with api.env.adopt_user(SITE_OWNER_NAME):
        api.content.delete(dossier)
    transaction.commit()


def fresh(obj):
    transaction.begin()
    return obj


def test_a_public_inquiry_from_opening_to_its_report(
    dossier, browser, browser_context_args, base_url, login, new_page, sign_in, both_widths
):
    # --- The agent opens the inquiry in the browser ------------------------
    agent = new_page(browser, browser_context_args)
    login(agent, AGENT, "demo")
    agent.goto(dossier.absolute_url())
    start = belgian_today()
    # The « Add » menu leads to the opening form, not to a bare add form.
    agent.click("#plone-contentmenu-factories > a")
    agent.click("#plone-contentmenu-factories a#inquiry")
    expect(agent).to_have_url(re.compile(r"@@ouvrir-enquete-publique"))
    agent.fill("#inquiry-open-start", start.isoformat())
    with agent.expect_navigation():
        agent.click(".inquiry-open button[type=submit]")
    expect(agent.locator(".portalMessage")).to_contain_text("L'enquête publique est ouverte")
    inquiry = fresh(dossier)["enquete-publique"]
    assert api.content.get_state(inquiry) == "open"
    assert inquiry.end > start + timedelta(days=13)
    end_text = inquiry.end.strftime("%d/%m/%Y")
    expect(agent.locator(".inquiry-dates")).to_contain_text(start.strftime("%d/%m/%Y"))
    expect(agent.locator(".inquiry-dates")).to_contain_text(end_text)
    notice_url = inquiry.absolute_url()

    # --- Anonymous visitors: listed, readable, no observation --------------
    visitor = new_page(browser, browser_context_args)
    visitor.goto(f"{base_url}/namur/publications/@@enquetes-publiques")
    visitor.click(f"a:has-text('{TITLE}')")
    expect(visitor).to_have_url(re.compile(re.escape(notice_url)))
    expect(visitor.locator(".inquiry-location")).to_contain_text("Rue de Bruxelles 61")
    expect(visitor.locator(".inquiry-dates")).to_contain_text(end_text)
    both_widths(visitor, "inquiry-notice")

    # --- Two citizens each send an observation, each sees only his own -----
    citizens = {}
    for sub, text in (("marie.lambert", MARIE), ("luc.renard", LUC)):
        citizen = new_page(browser, browser_context_args)
        sign_in(citizen, base_url, sub)
        citizen.goto(notice_url)
        citizen.click("a.inquiry-react")
        expect(citizen).to_have_url(re.compile(r"@@enquete-observation"))
        if sub == "marie.lambert":
            both_widths(citizen, "inquiry-observation-form")
        citizen.fill("#inquiry-observation-text", text)
        with citizen.expect_navigation():
            citizen.click(".inquiry-observe button[type=submit]")
        expect(citizen.locator(".portalMessage")).to_contain_text("Votre observation a été reçue")
        citizens[sub] = citizen
    expect(citizens["marie.lambert"].locator("#content")).to_contain_text(MARIE)
    expect(citizens["marie.lambert"].locator("#content")).not_to_contain_text(LUC)
    citizens["marie.lambert"].reload()
    expect(citizens["luc.renard"].locator("#content")).to_contain_text(LUC)
    expect(citizens["luc.renard"].locator("#content")).not_to_contain_text(MARIE)
    # Anonymous visitors still see neither.
    visitor.goto(notice_url)
    expect(visitor.locator("#content")).not_to_contain_text(MARIE)
    expect(visitor.locator("#content")).not_to_contain_text(LUC)
    answer = visitor.request.get(
        f"{notice_url}/@observations", headers={"Accept": "application/json"}
    )
    assert answer.status in (401, 403)

    # --- The agent reads both; the inquiry ends; he closes it ---------------
    answer = agent.request.get(
        f"{notice_url}/@observations", headers={"Accept": "application/json"}
    )
    assert answer.status == 200
    texts = [item["text"] for item in answer.json()["items"]]
    assert sorted(texts) == sorted([MARIE, LUC])
    marie = citizens["marie.lambert"]
    marie.goto(f"{notice_url}/@@enquete-observation")
    # Fifteen days pass: the inquiry is moved back so that its end is over.
    inquiry = fresh(dossier)["enquete-publique"]
    inquiry.start = belgian_today() - timedelta(days=30)
    inquiry.compute_end()
    transaction.commit()
    end_text = inquiry.end.strftime("%d/%m/%Y")
    agent.goto(notice_url)
    agent.click("#plone-contentmenu-workflow > a")
    with agent.expect_navigation():
        agent.click("#workflow-transition-close")
    inquiry = fresh(dossier)["enquete-publique"]
    assert api.content.get_state(inquiry) == "closed"
    report = dossier["rapport-enquete-publique"]
    assert report.confidential is True
    agent.goto(dossier.absolute_url())
    link = agent.locator(f"a[href^='{report.absolute_url()}']").first
    expect(link).to_be_visible()
    download = agent.request.get(f"{report.absolute_url()}/@@download/file")
    assert download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(b"%PDF-")
    agent.goto(notice_url)
    expect(agent.locator(".inquiry-dates")).to_contain_text(end_text)
    both_widths(agent, "inquiry-closed")
    agent.goto(dossier.absolute_url())
    expect(agent.locator("#content")).to_contain_text(report.Title())
    both_widths(agent, "inquiry-report")

    # --- An observation after the closing is refused in French --------------
    # Marie's form was loaded while the inquiry was open; she sends it now.
    marie.fill("#inquiry-observation-text", "Une dernière remarque.")
    with marie.expect_navigation():
        marie.click(".inquiry-observe button[type=submit]")
    expect(marie.locator(".inquiry-observe .alert-danger")).to_contain_text(
        "Cette enquête publique est clôturée"
    )
    expect(marie.locator("#content")).not_to_contain_text(MARIE)  # nothing of the notice
    assert count(fresh(dossier)["enquete-publique"]) == 2  # nothing stored
    for page in (agent, visitor, *citizens.values()):
        page.context.close()
