"""An adopted act goes to e-Tutelle, through the browser and the real worker.

Namur's secretary stores the deliberation PDF (rendered by LibreOffice) of
the demo's fee regulation on terraces and transmits it. The act then shows
the message waiting; the exchange worker's round sends it to the regional
simulator (over HTTP, on loopback) and the act shows the receipt; the next
round polls the region's approval and the act becomes executory.

The worker's rounds run in the test process against the acceptance layer's
database (what ``municipal-exchange-worker`` does in its own process).
"""

from imio.municipal.exchange import worker
from imio.municipal.exchange.simulator import serve_in_thread
from playwright.sync_api import expect
from plone import api
from zope.component.hooks import setSite

import pytest
import re
import transaction


ACT = "namur/actes/reglement-redevance-sur-loccupation-du-domaine-public-par-les-terrasses"
STATE = "#plone-contentmenu-workflow .toolbar-label span[class^='label-state-']"
TOKEN = "e2e-token"


@pytest.fixture
def region(acceptance, monkeypatch):
    """The simulator, and Namur sending to it over HTTP."""
    base_url, stop = serve_in_thread({"token": TOKEN, "outcome": "approve"})
    monkeypatch.setenv("IMIO_MUNICIPAL_TOKEN_ETUTELLE", TOKEN)
    portal = acceptance["portal"]
    setSite(portal)
    portal["namur"].etutelle_transport = "http"
    portal["namur"].etutelle_url = base_url
    transaction.commit()
    yield portal
    stop()


def worker_round(portal, poll: bool):
    transaction.begin()  # see what the browser's requests committed
    with api.env.adopt_roles(["Manager"]):
        if poll:
            worker.poll_outcomes(portal)
        else:
            worker.send_due(portal, "e2e")


def run_transition(page, transition_id: str) -> str:
    page.click("#plone-contentmenu-workflow > a")
    page.click(f"#workflow-transition-{transition_id}")
    with page.expect_navigation():
        page.click('button[name="form.buttons.confirm"]')
    return " ".join(page.locator(".portalMessage, .transition-error").all_inner_texts())


def test_transmit_pending_acknowledged_then_approved(page, base_url, login, screenshot, region):
    login(page, "namur-secretaire", "demo")
    act_url = f"{base_url}/{ACT}"
    page.goto(act_url)
    expect(page.locator(STATE)).to_have_class("label-state-adopted")

    # The deliberation PDF first (the tutelle authority receives it).
    with page.expect_navigation():
        page.locator("#municipal-documents .store-deliberation button").click()
    run_transition(page, "transmit")
    expect(page.locator(STATE)).to_have_class("label-state-transmitted")
    status = page.locator(".exchange-status")
    expect(status).to_contain_text("e-Tutelle")
    expect(status).to_contain_text("À envoyer")
    screenshot(page, "exchange-act-pending")

    worker_round(region, poll=False)
    page.reload()
    expect(page.locator(STATE)).to_have_class("label-state-transmitted")
    expect(status).to_contain_text("Accusé de réception reçu")
    expect(status.locator(".exchange-receipt")).to_have_text(re.compile(r"^ET-\d{4}-\d{6}$"))
    # The receipt starts the tutelle delay: the deadline is shown.
    expect(page.locator(".act-tutelle .act-tutelle-deadline")).to_be_visible()
    screenshot(page, "exchange-act-acknowledged")

    worker_round(region, poll=True)
    page.reload()
    expect(page.locator(STATE)).to_have_class("label-state-executory")
    expect(page.locator(".act-tutelle")).to_contain_text("Approuvé")
    screenshot(page, "exchange-act-approved")

    # The journal lists the message with its receipt.
    page.goto(f"{base_url}/namur/@@exchange-journal")
    row = page.locator(".exchange-message", has_text="terrasses")
    expect(row).to_contain_text("Accusé de réception reçu")
    screenshot(page, "exchange-journal")
