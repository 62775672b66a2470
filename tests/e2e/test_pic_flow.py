"""A PIC plan from the add form to the envelope bar, through the browser.

The demo fixture of the acceptance layer has Namur's « Plan d'investissement
communal 2025-2027 » (imio.municipal.demo.pic), transmitted to the region.
Here Namur's finance agent builds another plan for the same period, with an
envelope of 1 000 000 €, amounts typed in French notation ("1000000",
"200000,00"; "1 000 000,00" with ordinary spaces has its own test):

==========================================  =========  ========  ===========
sheet                                       estimate   SPGE      subsidy 60 %
==========================================  =========  ========  ===========
Égouttage de la rue de Bomel (sewers)       500 000    200 000   180 000
Réfection de la rue Haute (roads)           400 000              240 000
Rénovation de la salle des fêtes (build.)   300 000              180 000
==========================================  =========  ========  ===========

600 000 € of subsidies: 60.0 % of the envelope, a green bar. A fourth sheet
of 1 000 000 € (600 000 € of subsidy) brings them to 1 200 000 €: 120.0 %,
200 000 € over the envelope, a red bar and the reason.

Amounts on the page are checked in French notation, whatever kind of space
separates the thousands (the page prints no-break spaces).
"""

from imio.municipal.demo.builders import slug
from imio.municipal.demo.pic import DRAFT_TITLE
from imio.municipal.demo.pic import PLAN_TITLE
from playwright.sync_api import expect

import re


PASSWORD = "demo"
AGENT = "namur-agent-finances"
OTHER_AGENT = "gembloux-agent-finances"

TITLE = "PIC 2025-2027 — variante de travail"
INVESTMENTS = (
    # title, category, estimate incl. VAT as typed, SPGE share as typed
    ("Égouttage de la rue de Bomel", "sewers", "500000", "200000,00"),
    ("Réfection de la rue Haute", "roads", "400000", None),
    ("Rénovation de la salle des fêtes de Bouge", "buildings", "300000,00", None),
)
BIG = ("Construction d'un hall omnisports à Saint-Servais", "buildings", "1000000", None)

STATE = "#plone-contentmenu-workflow .toolbar-label span[class^='label-state-']"
# The thousands may be separated by any space (U+00A0 on the page).
SPACE = r"[\s\u00a0\u202f]"


def eur(amount: str) -> re.Pattern:
    """A French amount: eur("1 200 000,00") matches "1 200 000,00 €" with any spaces."""
    return re.compile(amount.replace(" ", SPACE) + SPACE + "€")


def assert_french(page):
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def expect_no_form_error(page):
    """The form was accepted; else fail with the messages the form shows."""
    page.wait_for_load_state()
    errors = page.locator(".portalMessage.statusmessage-error, .field.error").all_inner_texts()
    assert not errors, errors


def add_plan(page, base_url, title=TITLE, envelope="1000000"):
    page.goto(f"{base_url}/namur/pic")
    assert_french(page)
    # The demo plan is listed in the folder.
    expect(page.locator("#content-core")).to_contain_text(PLAN_TITLE)
    page.click("#plone-contentmenu-factories > a")
    with page.expect_navigation():
        page.click("#plone-contentmenu-factories a[href$='++add++InvestmentPlan']")
    expect(page).to_have_url(f"{base_url}/namur/pic/++add++InvestmentPlan")
    page.wait_for_load_state("networkidle")
    assert_french(page)
    page.fill("#form-widgets-IBasic-title", title)
    page.select_option("#form-widgets-period", "2025-2027")
    page.fill("#form-widgets-envelope", envelope)
    page.select_option("#form-widgets-responsible_service", "finances")
    with page.expect_navigation():
        page.click("#form-buttons-save")
    expect_no_form_error(page)
    plan_url = f"{base_url}/namur/pic/{slug(title)}"
    expect(page).to_have_url(re.compile(rf"^{re.escape(plan_url)}(/view)?$"))
    return plan_url


def add_investment(page, plan_url, title, category, estimate, spge):
    page.goto(f"{plan_url}/++add++Investment")
    page.wait_for_load_state("networkidle")
    assert_french(page)
    page.fill("#form-widgets-IBasic-title", title)
    page.select_option("#form-widgets-category", category)
    page.fill("#form-widgets-estimate_incl_vat", estimate)
    if spge:
        page.fill("#form-widgets-spge_share", spge)
    with page.expect_navigation():
        page.click("#form-buttons-save")
    expect_no_form_error(page)
    expect(page).to_have_url(re.compile(rf"^{re.escape(plan_url)}/{slug(title)}(/view)?$"))


def bar_fraction(page) -> float:
    """The width of the envelope bar against its track, as drawn (0 to 1)."""
    bar = page.locator(".pic-envelope-bar").bounding_box()
    track = page.locator(".pic-envelope .progress").bounding_box()
    return bar["width"] / track["width"]


def test_plan_with_investments_and_the_envelope(page, base_url, login, screenshot):
    login(page, AGENT, PASSWORD)
    plan_url = add_plan(page, base_url)

    # --- The new plan: no sheet, nothing used -------------------------------
    assert_french(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".pic-envelope-amount")).to_have_text(eur("1 000 000,00"))
    expect(page.locator(".pic-investment")).to_have_count(0)
    expect(page.locator(".pic-over")).to_have_count(0)

    # --- Three investment sheets --------------------------------------------
    for investment in INVESTMENTS:
        add_investment(page, plan_url, *investment)
    page.goto(plan_url)
    assert_french(page)

    rows = page.locator(".pic-investment")
    expect(rows).to_have_count(3)
    sewer = rows.filter(has_text=INVESTMENTS[0][0])
    cells = sewer.locator("td")
    expect(cells.nth(3)).to_have_text(eur("500 000,00"))  # estimate
    expect(cells.nth(4)).to_have_text(eur("200 000,00"))  # SPGE share
    expect(cells.nth(5)).to_have_text(eur("300 000,00"))  # eligible
    expect(cells.nth(6)).to_have_text(re.compile(r"^60(,0+)? ?%$"))
    expect(cells.nth(7)).to_have_text(eur("180 000,00"))  # subsidy
    expect(cells.nth(8)).to_have_text(eur("120 000,00"))  # municipal share

    totals = page.locator(".pic-totals td")
    expect(totals.nth(1)).to_have_text(eur("1 200 000,00"))  # estimates
    expect(totals.nth(2)).to_have_text(eur("200 000,00"))  # SPGE
    expect(totals.nth(3)).to_have_text(eur("1 000 000,00"))  # eligible
    expect(totals.nth(5)).to_have_text(eur("600 000,00"))  # subsidies
    expect(totals.nth(6)).to_have_text(eur("400 000,00"))  # municipal share

    expect(page.locator(".pic-subsidies")).to_have_text(eur("600 000,00"))
    bar = page.locator(".pic-envelope-bar")
    expect(bar).to_have_class(re.compile(r"\bbg-success\b"))
    expect(bar).to_have_attribute("style", re.compile(r"width:\s*60(\.0)?%"))
    expect(page.locator(".pic-envelope .progress")).to_have_attribute(
        "aria-valuenow", re.compile(r"^60(\.0)?$")
    )
    # The percentage shown in the bar (its notation is checked at the end).
    expect(bar).to_have_text(re.compile(r"^60[.,]0\s?%$"))
    labels = [bar.inner_text().strip()]
    assert abs(bar_fraction(page) - 0.60) < 0.01, bar_fraction(page)
    expect(page.locator(".pic-remaining")).to_contain_text(eur("400 000,00"))
    expect(page.locator(".pic-over")).to_have_count(0)
    screenshot(page, "pic-plan")

    # --- A fourth, big sheet: over the envelope -----------------------------
    add_investment(page, plan_url, *BIG)
    page.goto(plan_url)
    assert_french(page)
    expect(page.locator(".pic-investment")).to_have_count(4)
    expect(page.locator(".pic-subsidies")).to_have_text(eur("1 200 000,00"))
    expect(totals.nth(5)).to_have_text(eur("1 200 000,00"))
    bar = page.locator(".pic-envelope-bar")
    expect(bar).to_have_class(re.compile(r"\bbg-danger\b"))
    expect(bar).not_to_have_class(re.compile(r"\bbg-success\b"))
    expect(bar).to_have_attribute("style", re.compile(r"width:\s*100(\.0)?%"))
    expect(bar).to_have_text(re.compile(r"^120[.,]0\s?%$"))
    labels.append(bar.inner_text().strip())
    assert abs(bar_fraction(page) - 1.0) < 0.01, bar_fraction(page)
    expect(page.locator(".pic-remaining")).to_have_count(0)
    over = page.locator(".pic-over")
    expect(over).to_be_visible()
    # The reason, in French, says by how much.
    expect(over).to_contain_text(
        re.compile(r"Les subsides dépassent l'enveloppe de " + eur("200 000,00").pattern)
    )
    screenshot(page, "pic-plan-over-envelope")

    # Last, once the flow and its screenshots are done: the percentages in
    # the bar are written in French, like the amounts around them.
    for label in labels:
        assert re.fullmatch(r"\d+,\d\s?%", label), f"not French notation: {label!r}"


def test_the_demo_plans(page, base_url, login, screenshot):
    """Namur's demo plan transmitted within its envelope; Gembloux's adopted plan
    within its envelope, and its draft change, over it."""
    login(page, "namur-secretaire", PASSWORD)
    page.goto(f"{base_url}/namur/pic/{slug(PLAN_TITLE)}")
    assert_french(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(PLAN_TITLE)
    expect(page.locator(STATE)).to_have_class("label-state-transmitted")
    expect(page.locator(".pic-investment")).to_have_count(6)
    expect(page.locator(".pic-envelope-bar")).to_have_class(re.compile(r"\bbg-success\b"))
    expect(page.locator(".pic-envelope-amount")).to_have_text(eur("4 213 578,00"))
    expect(page.locator(".pic-subsidies")).to_have_text(eur("3 961 200,00"))
    expect(page.locator(".pic-remaining")).to_contain_text(eur("252 378,00"))
    expect(page.locator(".pic-over")).to_have_count(0)
    screenshot(page, "pic-demo-namur")

    page.context.clear_cookies()
    login(page, OTHER_AGENT, PASSWORD)
    page.goto(f"{base_url}/gembloux/pic/{slug(PLAN_TITLE)}")
    assert_french(page)
    # Without the regional simulator (this test's site) it waits to be transmitted.
    expect(page.locator(STATE)).to_have_class("label-state-approved_council")
    expect(page.locator(".pic-investment")).to_have_count(3)
    expect(page.locator(".pic-envelope-bar")).to_have_class(re.compile(r"\bbg-success\b"))
    expect(page.locator(".pic-subsidies")).to_have_text(eur("1 042 500,00"))
    expect(page.locator(".pic-remaining")).to_contain_text(eur("61 736,00"))
    expect(page.locator(".pic-over")).to_have_count(0)
    screenshot(page, "pic-demo-gembloux-adopted")

    page.goto(f"{base_url}/gembloux/pic/{slug(DRAFT_TITLE)}")
    expect(page.get_by_role("heading", level=1)).to_have_text(DRAFT_TITLE)
    expect(page.locator(STATE)).to_have_class("label-state-draft")
    expect(page.locator(".pic-investment")).to_have_count(4)
    expect(page.locator(".pic-envelope-bar")).to_have_class(re.compile(r"\bbg-danger\b"))
    expect(page.locator(".pic-envelope-amount")).to_have_text(eur("1 104 236,00"))
    expect(page.locator(".pic-subsidies")).to_have_text(eur("1 332 900,00"))
    expect(page.locator(".pic-over")).to_contain_text(eur("228 664,00"))
    screenshot(page, "pic-demo-gembloux")


def test_amounts_typed_with_grouped_thousands(page, base_url, login):
    """« 1 000 000,00 » as people type it (an ordinary space between the
    thousands) is an amount, as money.parse reads it."""
    login(page, AGENT, PASSWORD)
    plan_url = add_plan(page, base_url, "PIC 2025-2027 — saisie groupée", "1 000 000,00")
    add_investment(page, plan_url, "Égouttage de la rue Piret", "sewers", "500 000", "200 000,00")
    page.goto(plan_url)
    expect(page.locator(".pic-envelope-amount")).to_have_text(eur("1 000 000,00"))
    expect(page.locator(".pic-subsidies")).to_have_text(eur("180 000,00"))


def test_other_municipality_cannot_open_a_namur_plan(page, base_url, login):
    login(page, OTHER_AGENT, PASSWORD)

    page.goto(f"{base_url}/namur/pic/{slug(PLAN_TITLE)}")

    expect(page).to_have_url(f"{base_url}/insufficient-privileges")
    assert_french(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Privilèges insuffisants")
    expect(page.locator(".pic-plan")).to_have_count(0)
    expect(page.get_by_text("rue des Carmes")).to_have_count(0)
