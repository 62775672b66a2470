"""An agent completes an applicant from the authentic sources (the BCED
simulator) in the case file's edit form; the page then marks what came from
the source. Screenshots at 1280 and 390 pixels."""

from imio.municipal.authentic.simulator import serve_in_thread
from imio.municipal.demo.builders import build_dossier
from playwright.sync_api import expect
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.component.hooks import setSite

import pytest
import transaction


AGENT = "namur-agent-urbanisme"
NAME = "form.widgets.applicants.{row}.widgets.{field}"


@pytest.fixture
def bced(monkeypatch):
    base_url, stop = serve_in_thread("e2e-token")
    monkeypatch.setenv("IMIO_MUNICIPAL_BCED_URL", base_url)
    monkeypatch.setenv("IMIO_MUNICIPAL_BCED_TOKEN", "e2e-token")
    yield base_url
    stop()


@pytest.fixture
def dossier_path(acceptance, bced):
    portal = acceptance["portal"]
    setSite(portal)
    with api.env.adopt_user(SITE_OWNER_NAME):
        dossier = build_dossier(
            portal,
            title="Abri de jardin",
            applicants=[
                {"kind": "person", "name": "À compléter", "niss": "72.11.03-456.73"},
                {"kind": "company", "name": "À compléter", "bce": "0216.689.981"},
            ],
        )
    transaction.commit()
    return "/".join(dossier.getPhysicalPath()[1:])


def field(page, row, name):
    return page.locator(f"[name='{NAME.format(row=row, field=name)}']")


@pytest.mark.parametrize("width", [1280, 390])
def test_an_agent_fills_applicants_from_the_bced(page, login, screenshot, dossier_path, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, AGENT, "demo")
    page.goto(f"/{dossier_path}/edit")
    panel = page.locator("#authentic-lookup-panel")
    expect(panel).to_contain_text("Finalité de la consultation")
    buttons = page.locator("button.authentic-lookup")
    expect(buttons.first).to_have_text("Compléter depuis les sources authentiques")

    buttons.nth(0).click()
    expect(field(page, 0, "name")).to_have_value("Jean-Pierre Collard")
    expect(field(page, 0, "address")).to_have_value("Chaussée de Louvain 240 bte 3, 5020 Champion")
    buttons.nth(1).click()
    expect(field(page, 1, "name")).to_have_value("Immo Meuse")
    expect(page.locator("form .authentic-filled")).to_have_count(4)
    expect(page.locator(".authentic-lookup-status").first).to_have_text(
        "Complété depuis les sources authentiques."
    )
    screenshot(page, f"authentic-sources-edit-{width}")

    # An unknown number is refused with its reason, the row left as typed.
    field(page, 0, "niss").fill("65010110177")
    buttons.nth(0).click()
    expect(page.locator(".authentic-lookup-status").first).to_contain_text(
        "ne connaît aucune personne"
    )
    expect(field(page, 0, "name")).to_have_value("Jean-Pierre Collard")
    field(page, 0, "niss").fill("72110345673")

    with page.expect_navigation():
        page.click("#form-buttons-save")
    badges = page.locator(".dossier-applicants .authentic-filled")
    expect(badges).to_have_count(4)
    expect(badges.first).to_have_text("source authentique")
    screenshot(page, f"authentic-sources-view-{width}")
