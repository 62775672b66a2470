"""An observation without signing in, through the browser: on the demo's
public notice an anonymous visitor gives his name, address, e-mail and text;
nothing is counted until he follows the link of the e-mail the product sent
(read from the site's mail host) and confirms; the agent then reads the
observation, marked as sent with a confirmed e-mail address; the same link
again answers 400 in French. Screenshots at 1280 and 390 pixels.
"""

from email import message_from_bytes
from imio.municipal.demo.inquiries import create_demo_inquiry
from imio.municipal.demo.inquiries import PLAN_ID
from imio.municipal.inquiries.observations import count
from imio.municipal.inquiries.pending import pending_count
from playwright.sync_api import expect
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.component.hooks import setSite

import pytest
import re
import transaction


AGENT = "namur-agent-urbanisme"
TEXT = "Le parking prévu ne suffira pas pour douze logements."
LINK = re.compile(r"(https?://\S+@@confirmer-observation\?jeton=\S+)")


@pytest.fixture
def inquiry(counter):
    """The demo's inquiry (two citizens' observations); removed afterwards."""
    setSite(counter)
    with api.env.adopt_user(SITE_OWNER_NAME):
        inquiry = create_demo_inquiry(counter)
    assert inquiry is not None, "the acceptance site has no demo case file"
    transaction.commit()
    yield inquiry
    transaction.begin()
    with api.env.adopt_user(SITE_OWNER_NAME):
        dossier = inquiry.__parent__
        api.content.delete(inquiry)
        if PLAN_ID in dossier:
            api.content.delete(dossier[PLAN_ID])
    transaction.commit()


def _last_mail_to(portal, address: str) -> str:
    transaction.begin()
    for raw in reversed(portal.MailHost.messages):
        message = message_from_bytes(raw)
        if message["To"] == address:
            return message.get_payload(decode=True).decode(message.get_content_charset())
    raise AssertionError(f"no mail to {address}")


def test_an_anonymous_observation_confirmed_by_e_mail(
    counter, inquiry, browser, browser_context_args, login, new_page, both_widths
):
    notice_url = inquiry.absolute_url()
    before = count(inquiry)
    visitor = new_page(browser, browser_context_args)
    visitor.goto(notice_url)
    visitor.click("a.inquiry-react-email")
    expect(visitor).to_have_url(re.compile(r"@@observation-courriel"))
    visitor.fill("#inquiry-email-name", "Jeanne Dubois")
    visitor.fill("#inquiry-email-address", "Rue Haute 3, 5000 Namur")
    visitor.fill("#inquiry-email-email", "jeanne.dubois@example.be")
    visitor.fill("#inquiry-email-text", TEXT)
    both_widths(visitor, "inquiry-email-form")
    with visitor.expect_navigation():
        visitor.click(".inquiry-observe-email button[type=submit]")
    expect(visitor.locator(".portalMessage")).to_contain_text("Un e-mail a été envoyé")
    expect(visitor.locator("#content")).not_to_contain_text(TEXT)
    both_widths(visitor, "inquiry-email-sent")
    transaction.begin()
    assert count(inquiry) == before and pending_count(inquiry) == 1

    # The e-mail the product sent, and its link.
    body = _last_mail_to(counter, "jeanne.dubois@example.be")
    assert "Pour la confirmer, ouvrez ce lien" in body
    link = LINK.search(body).group(1)
    reader = new_page(browser, browser_context_args)  # another browser: the mailbox
    reader.goto(link)
    expect(reader.locator(".inquiry-confirm button[type=submit]")).to_be_visible()
    assert count(inquiry) == before  # opening the link confirms nothing
    both_widths(reader, "inquiry-email-confirm")
    with reader.expect_navigation():
        reader.click(".inquiry-confirm button[type=submit]")
    expect(reader.locator(".inquiry-confirm .alert-success")).to_have_text(
        "Votre observation a été enregistrée."
    )
    expect(reader.locator("#content")).not_to_contain_text(TEXT)
    both_widths(reader, "inquiry-email-confirmed")
    transaction.begin()
    assert count(inquiry) == before + 1 and pending_count(inquiry) == 0

    # The same link again: a French page, status 400, nothing more.
    answer = reader.goto(link)
    assert answer.status == 400
    expect(reader.locator(".inquiry-confirm .alert-danger")).to_contain_text(
        "Cette observation a déjà été confirmée"
    )
    # Anonymous visitors still read no observation.
    visitor.goto(notice_url)
    expect(visitor.locator("#content")).not_to_contain_text(TEXT)
    answer = visitor.request.get(
        f"{notice_url}/@observations", headers={"Accept": "application/json"}
    )
    assert answer.status in (401, 403)

    # The agent reads it, marked as sent with a confirmed e-mail address.
    agent = new_page(browser, browser_context_args)
    login(agent, AGENT, "demo")
    answer = agent.request.get(
        f"{notice_url}/@observations", headers={"Accept": "application/json"}
    )
    assert answer.status == 200
    (mine,) = [item for item in answer.json()["items"] if item["text"] == TEXT]
    assert mine["name"] == "Jeanne Dubois" and mine["email_confirmed"]
    for page in (visitor, reader, agent):
        page.context.close()
