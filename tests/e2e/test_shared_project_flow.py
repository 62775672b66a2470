"""A shared project from Namur's add form to its activation, through the browser.

Namur's secretary starts « Maison de l'emploi Namur – Gembloux » (480 000 €,
Namur 60 %, Gembloux 40 %: 288 000 € and 192 000 €) and proposes it to
Gembloux. Gembloux's home then lists it; its secretary attaches the council
deliberation approving the agreement. Namur's secretary attaches Namur's,
and the project can be activated. Before that, activation is refused and
says whose approval is missing.

Each council's deliberation is adopted beforehand through the workflow
(builders.adopt_council_act), committed into the acceptance layer's database.
"""

from imio.municipal.demo.builders import adopt_council_act
from playwright.sync_api import expect
from zope.component.hooks import setSite

import pytest
import re
import transaction


PASSWORD = "demo"
LEAD = "namur-secretaire"
PARTNER = "gembloux-secretaire"
TITLE = "Maison de l'emploi Namur – Gembloux"
ACT_TITLE = "Maison de l'emploi : convention de partenariat"
STATE = "#plone-contentmenu-workflow .toolbar-label span[class^='label-state-']"
SPACE = r"[\s\u00a0\u202f]"


def eur(amount: str) -> re.Pattern:
    return re.compile(amount.replace(" ", SPACE) + SPACE + "€")


def assert_french(page):
    expect(page.locator("html")).to_have_attribute("lang", "fr")


@pytest.fixture
def council_acts(acceptance):
    """Each council adopted the agreement (numbered deliberations)."""
    portal = acceptance["portal"]
    setSite(portal)
    acts = {
        city: adopt_council_act(portal, municipality=city, title=ACT_TITLE)
        for city in ("namur", "gembloux")
    }
    numbers = {city: act.number for city, act in acts.items()}
    transaction.commit()
    return numbers


def switch_user(page, login, user):
    page.context.clear_cookies()
    login(page, user, PASSWORD)


def run_transition(page, transition_id: str, comment: str = "") -> str:
    page.click("#plone-contentmenu-workflow > a")
    page.click(f"#workflow-transition-{transition_id}")
    expect(page).to_have_url(re.compile(rf"@@project-transition\?transition={transition_id}\b"))
    assert_french(page)
    if comment:
        page.fill("#transition-comment", comment)
    with page.expect_navigation():
        page.click('button[name="form.buttons.confirm"]')
    return " ".join(page.locator(".portalMessage, .transition-error").all_inner_texts()).strip()


def fill_share(page, ins_code: str, percent: str, index: int):
    """Typing in the datagrid's "AA" row makes it row ``index`` (and appends a new
    "AA" row); a choice in a select does not, so the percentage goes first."""
    page.click("#form-widgets-shares-AA-widgets-percent")
    page.keyboard.type(percent)
    page.keyboard.press("Tab")
    row = f"#form-widgets-shares-{index}-widgets"
    expect(page.locator(f"{row}-percent")).to_have_value(percent)
    page.select_option(f"{row}-ins_code", ins_code)


def choose_act(page, number: str):
    """Pick the act by its number in the list of the council's deliberations."""
    option = page.locator("#approving-act option", has_text=number)
    expect(option).to_have_count(1)
    page.select_option("#approving-act", option.get_attribute("value"))


def add_project(page, base_url) -> str:
    page.goto(f"{base_url}/shared-projects")
    assert_french(page)
    page.click("#plone-contentmenu-factories > a")
    with page.expect_navigation():
        page.click("#plone-contentmenu-factories a[href$='++add++SharedProject']")
    page.wait_for_load_state("networkidle")  # the datagrid pattern is ready
    assert_french(page)
    page.fill("#form-widgets-IBasic-title", TITLE)
    page.fill(
        "#form-widgets-objectives",
        "Un guichet commun pour les demandeurs d'emploi des deux communes.",
    )
    page.select_option("#form-widgets-lead_municipality", "92094")
    page.check("#form-widgets-partners input[value='92142']")
    page.fill("#form-widgets-budget_total", "480000,00")
    fill_share(page, "92094", "60", 0)
    fill_share(page, "92142", "40", 1)
    with page.expect_navigation():
        page.click("#form-buttons-save")
    errors = page.locator(".portalMessage.statusmessage-error, .field.error").all_inner_texts()
    assert not errors, errors
    return page.url.removesuffix("/view")


def test_namur_proposes_gembloux_approves_the_project_activates(
    page, base_url, login, screenshot, council_acts
):
    login(page, LEAD, PASSWORD)
    project_url = add_project(page, base_url)

    # --- The draft: shares and amounts computed ------------------------------
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(STATE)).to_have_class("label-state-draft")
    shares = page.locator(".project-share")
    expect(shares).to_have_count(2)
    expect(shares.nth(0)).to_contain_text("Namur")
    expect(shares.nth(0).locator(".share-amount")).to_have_text(eur("288 000,00"))
    expect(shares.nth(1).locator(".share-amount")).to_have_text(eur("192 000,00"))
    expect(page.locator(".project-budget")).to_have_text(eur("480 000,00"))

    # --- Proposed to Gembloux --------------------------------------------------
    run_transition(page, "propose")
    expect(page.locator(STATE)).to_have_class("label-state-proposed")
    expect(page.locator(".project-missing")).to_contain_text("Namur")
    expect(page.locator(".project-missing")).to_contain_text("Gembloux")
    screenshot(page, "shared-project-proposed")

    # --- Gembloux sees it on its home and attaches its council's act ------
    switch_user(page, login, PARTNER)
    page.goto(f"{base_url}/gembloux")
    assert_french(page)
    row = page.locator(".shared-project-row", has_text=TITLE)
    expect(row).to_contain_text("Proposé aux partenaires")
    screenshot(page, "shared-project-gembloux-home")
    with page.expect_navigation():
        row.locator("a").first.click()
    with page.expect_navigation():
        page.click(".attach-approving-act")
    assert_french(page)
    choose_act(page, council_acts["gembloux"])
    with page.expect_navigation():
        page.click('button[name="form.buttons.attach"]')
    expect(page.locator(".portalMessage")).to_contain_text(
        "La délibération d'approbation est jointe"
    )
    approvals = page.locator(".project-approval")
    expect(approvals.nth(1)).to_contain_text(council_acts["gembloux"])
    expect(approvals.nth(1)).to_have_class(re.compile(r"\bapproved\b"))
    expect(approvals.nth(0)).to_have_class(re.compile(r"\bpending\b"))
    # The partner does not change the agreement, nor activate it.
    expect(page.locator("#workflow-transition-activate")).to_have_count(0)
    expect(page.locator("#contentview-edit")).to_have_count(0)

    # --- Namur: activation refused until its own act is attached -------------
    switch_user(page, login, LEAD)
    page.goto(project_url)
    message = run_transition(page, "activate")
    assert "Namur (92094)" in message, message
    assert "Gembloux" not in message, message
    screenshot(page, "shared-project-activation-refused")
    page.goto(f"{project_url}/@@approving-act")
    choose_act(page, council_acts["namur"])
    with page.expect_navigation():
        page.click('button[name="form.buttons.attach"]')
    expect(page.locator(".project-missing")).to_have_count(0)
    run_transition(page, "activate")
    expect(page.locator(STATE)).to_have_class("label-state-active")
    expect(page.locator(".project-approval.approved")).to_have_count(2)
    screenshot(page, "shared-project-active")
