"""The last English of the browser, and Plone's byline, on a case file.

Chromium's own bubbles (a date out of range, a file input's « Choose File »)
follow the browser's language, not the page's: the receipt date refuses in
French with the day in Belgian format, and an annex (Plone's File) chooses
its file with the product's French chooser. The product's own content shows
no « par admin — Dernière modification » byline; Plone's File still does.
"""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from playwright.sync_api import expect
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.component.hooks import setSite

import pytest
import re
import transaction


PASSWORD = "demo"
AGENT = "namur-agent-urbanisme"
ANNEX_TITLE = "Plan d'implantation (test du sélecteur)"


@pytest.fixture
def receivable(acceptance):
    """A demo case file of Namur the urbanism agent may receive now."""
    portal = acceptance["portal"]
    setSite(portal)
    catalog = api.portal.get_tool("portal_catalog")
    workflow = api.portal.get_tool("portal_workflow")
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Dossier", path="/plone/namur/dossiers"
    ):
        dossier = brain._unrestrictedGetObject()
        with api.env.adopt_user(AGENT):
            if "receive" in {t["id"] for t in workflow.getTransitionsFor(dossier)}:
                return dossier
    raise AssertionError("the demo has no case file the urbanism agent may receive")


def test_the_receipt_date_refuses_in_french(page, base_url, login, both_widths, receivable):
    login(page, AGENT, PASSWORD)
    page.goto(f"{receivable.absolute_url()}/@@dossier-transition?transition=receive")
    date_field = page.locator("#transition-received-date")
    expect(date_field).to_have_value(belgian_today().isoformat())
    assert date_field.evaluate("field => field.validity.valid")

    tomorrow = belgian_today() + timedelta(days=1)
    date_field.fill(tomorrow.isoformat())
    page.click('button[name="form.buttons.confirm"]')
    # What Chromium's bubble shows: the product's French refusal, not its own English.
    message = date_field.evaluate("field => field.validationMessage")
    assert message == (
        f"{tomorrow.strftime('%d/%m/%Y')} est dans le futur : cette date enregistre un fait "
        "déjà survenu."
    )
    assert date_field.evaluate("field => field.validity.rangeOverflow")
    expect(page).to_have_url(re.compile(r"@@dossier-transition\?transition=receive"))

    date_field.fill("1976-12-31")
    message = date_field.evaluate("field => field.validationMessage")
    assert message.startswith("31/12/1976 est trop ancien"), message
    assert "01/01/1977" in message

    date_field.fill("")
    message = date_field.evaluate("field => field.validationMessage")
    assert message == "Indiquez la date de réception du dossier (jj/mm/aaaa)."
    both_widths(page, "face-receipt-refusal")

    # A valid day clears the refusal: the form may be sent.
    date_field.fill(belgian_today().isoformat())
    assert date_field.evaluate("field => field.validity.valid")


def test_an_annex_chooses_its_file_in_french_and_keeps_its_byline(
    page, base_url, login, both_widths, receivable, tmp_path
):
    login(page, AGENT, PASSWORD)
    # The product's case file: no Plone byline.
    page.goto(receivable.absolute_url())
    expect(page.locator("#content")).to_contain_text(receivable.Title())
    expect(page.locator("#section-byline")).to_have_count(0)
    expect(page.get_by_text("Dernière modification")).to_have_count(0)

    page.goto(f"{receivable.absolute_url()}/++add++File")
    page.wait_for_load_state("networkidle")
    box = page.locator("#formfield-form-widgets-file .municipal-file")
    expect(box.locator("label")).to_have_text("Choisir un fichier")
    names = box.locator(".municipal-file-names")
    expect(names).to_have_text("Aucun fichier choisi")
    # The browser's own button (in the browser's language) is hidden.
    file_input = box.locator("input[type=file]")
    expect(file_input).to_have_class(re.compile(r"\bvisually-hidden\b"))
    both_widths(page, "face-annex-add")

    plan = tmp_path / "plan-implantation.pdf"
    plan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    file_input.set_input_files(str(plan))
    expect(names).to_have_text("plan-implantation.pdf")
    page.fill("#form-widgets-title", ANNEX_TITLE)
    with page.expect_navigation():
        page.click("#form-buttons-save")
    try:
        # The hidden input still sends the file.
        expect(page.locator("#content")).to_contain_text("plan-implantation.pdf")
        # Plone's own File keeps its byline: only the product's content drops it.
        expect(page.locator("#section-byline")).to_have_count(1)
    finally:
        transaction.begin()  # see what the browser's request committed
        with api.env.adopt_user(SITE_OWNER_NAME):
            for annex in receivable.objectValues():
                if annex.Title() == ANNEX_TITLE:
                    api.content.delete(annex)
        transaction.commit()


def test_any_refused_field_speaks_french(page, base_url, login):
    """Fields without refusals of their own: the page's wording, not Chromium's."""
    login(page, "namur-secretaire", PASSWORD)
    assert page.goto(f"{base_url}/namur/@@personnel").status == 200
    login_field = page.locator("#create-login")
    email_field = page.locator("#create-email")
    login_field.locator("xpath=ancestor::form").locator("button[type=submit]").first.click()
    assert login_field.evaluate("field => field.validationMessage") == (
        "Veuillez remplir ce champ."
    )
    email_field.fill("pas-une-adresse")
    email_field.evaluate("field => field.checkValidity()")
    assert email_field.evaluate("field => field.validationMessage") == (
        "Cette valeur n'est pas valide : vérifiez son format."
    )
    # Typing lifts the refusal: a good value is valid again.
    login_field.fill("jdupont")
    assert login_field.evaluate("field => field.validity.valid")
    email_field.fill("j.dupont@namur.be")
    assert email_field.evaluate("field => field.validity.valid")
    # Nothing was sent: the page still offers the empty form.
    expect(page).to_have_url(re.compile(r"@@personnel"))
