"""The case file's forms as an agent meets them, in French, at 1280 and 390 px.

An agent creates a file with two applicants, both wrong at first: both are
reported at once and no empty row of the table is marked as missing; once
fixed, the file is saved and received with a receipt date that cannot be in
the future. The public « Vérifier » page chooses its file in French, and a
folder closed to the user shows its explanation without Plone's « no items ».
"""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from playwright.sync_api import expect
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.component.hooks import setSite

import re


PASSWORD = "demo"
AGENT = "namur-agent-urbanisme"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VALID_NISS = "85073003328"
INVALID_NISS = "85073003329"
VALID_BCE = "0403.170.701"
INVALID_BCE = "0123"
ROW = "#form-widgets-applicants-{}-widgets-{}"
STATE = "#plone-contentmenu-workflow .toolbar-label span[class^='label-state-']"


def settled(page) -> None:
    """Two animation frames: the layout of the new width, not the previous one."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def both_widths(page, name, screenshot):
    page.set_viewport_size(DESKTOP)
    settled(page)
    screenshot(page, f"{name}-1280")
    page.set_viewport_size(PHONE)
    settled(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)


def add_applicant(page, name):
    """Type in the table's auto-append row: it becomes a real row."""
    page.fill(ROW.format("AA", "name"), name)
    # The row may be renumbered as soon as it is typed in: leave the focused cell.
    page.keyboard.press("Tab")


def test_two_applicants_fixed_at_once_then_received(page, base_url, login, screenshot):
    login(page, AGENT, PASSWORD)
    page.goto(f"{base_url}/namur/dossiers/++add++Dossier")
    page.wait_for_load_state("networkidle")
    table = page.locator("table#form-widgets-applicants")
    # The table's « required » markers and row buttons read in French.
    expect(table.locator("th span.required")).to_have_count(2)
    for marker in table.locator("th span.required").all():
        expect(marker).to_have_attribute("title", "Obligatoire")
    expect(table.locator("[title='Required']")).to_have_count(0)
    expect(table.locator("button[title='Ajouter une ligne']").first).to_be_attached()

    page.fill("#form-widgets-IBasic-title", "Véranda à deux demandeurs")
    page.select_option("#form-widgets-procedure", "pu")
    add_applicant(page, "Anne Dupont")
    add_applicant(page, "Bâti SA")
    page.fill(ROW.format(0, "niss"), INVALID_NISS)
    page.select_option(ROW.format(1, "kind"), "company")
    page.fill(ROW.format(1, "bce"), INVALID_BCE)
    expect(page.locator('input[name="form.widgets.applicants.count"]')).to_have_value("2")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")

    # Both applicants are reported in one message; the added empty row is not
    # marked as missing.
    error = page.locator("#formfield-form-widgets-applicants > .invalid-feedback")
    expect(error).to_contain_text("2 demandeurs ne sont pas valides")
    expect(error).to_contain_text("Demandeur 1 (Anne Dupont)")
    expect(error).to_contain_text("Demandeur 2 (Bâti SA)")
    expect(table.locator("tbody > tr:not(.datagridwidget-empty-row)")).to_have_count(3)
    blank = table.locator('tr[data-index="AA"]')
    expect(blank.locator(".invalid-feedback")).to_have_count(0)
    expect(blank.locator("input.required, select.required")).to_have_count(0)
    both_widths(page, "forms-applicants-refused", screenshot)

    page.fill(ROW.format(0, "niss"), VALID_NISS)
    page.fill(ROW.format(1, "bce"), VALID_BCE)
    with page.expect_navigation():
        page.click("#form-buttons-save")
    expect(page).to_have_url(re.compile(r"/namur/dossiers/veranda-a-deux-demandeurs(/view)?/?$"))
    applicants = page.locator(".dossier-applicants tbody tr")
    expect(applicants).to_have_count(2)
    dossier_url = page.url.rstrip("/").removesuffix("/view")

    # The receipt: today by default, a day in the future is refused.
    page.goto(f"{dossier_url}/@@dossier-transition?transition=receive")
    date_field = page.locator("#transition-received-date")
    expect(date_field).to_have_value(belgian_today().isoformat())
    expect(page.locator("label[for='transition-received-date']")).to_contain_text("Reçu le")
    tomorrow = belgian_today() + timedelta(days=1)
    date_field.fill(tomorrow.isoformat())
    page.click('button[name="form.buttons.confirm"]')
    assert date_field.evaluate("field => field.validity.rangeOverflow")
    expect(page).to_have_url(re.compile(r"@@dossier-transition\?transition=receive"))
    both_widths(page, "forms-receipt-date", screenshot)
    yesterday = belgian_today() - timedelta(days=1)
    date_field.fill(yesterday.isoformat())
    with page.expect_navigation():
        page.click('button[name="form.buttons.confirm"]')
    expect(page.locator(STATE)).to_have_class("label-state-received")
    expect(page.locator("#content")).to_contain_text(yesterday.strftime("%d/%m/%Y"))


def test_the_verify_page_chooses_its_file_in_french(
    page, base_url, acceptance, screenshot, tmp_path
):
    portal = acceptance["portal"]
    setSite(portal)
    with api.env.adopt_user(SITE_OWNER_NAME):
        public = api.content.find(context=portal, portal_type="PublicVersion")
        assert public, "the demo has published acts"
        path = public[0].getPath().split("/", 2)[2]
    page.goto(f"{base_url}/{path}/@@verify-publication")
    box = page.locator(".municipal-file")
    expect(box.locator("label")).to_have_text("Choisir un fichier")
    names = box.locator(".municipal-file-names")
    expect(names).to_have_text("Aucun fichier choisi")
    # The browser's own button (in the browser's language) is not shown.
    expect(page.locator("#verify-pdf")).to_have_class(re.compile(r"\bvisually-hidden\b"))
    copy = tmp_path / "copie.pdf"
    copy.write_bytes(b"%PDF-1.4\n")
    page.set_input_files("#verify-pdf", str(copy))
    expect(names).to_have_text("copie.pdf")
    both_widths(page, "forms-verify-file", screenshot)


def test_a_closed_folder_shows_no_empty_listing(page, base_url, login):
    login(page, "gembloux-agent-urbanisme", PASSWORD)
    page.goto(f"{base_url}/gembloux/pic")
    expect(page.locator(".municipal-closed-content")).to_be_visible()
    empty = page.get_by_text("Il n'y a aucun élément")
    expect(empty).to_be_attached()
    expect(empty).to_be_hidden()
