"""The home page of a municipality, as staff, as a citizen and as another municipality.

Chromium keeps its default locale (en-US Accept-Language): the pages must be in
French because the platform is, not because the browser asks for it.
"""

from playwright.sync_api import expect

import re


AREAS = ("dossiers", "actes", "pic", "publications")
# plonetheme.barceloneta sets these; neither Bootstrap alone nor the unthemed
# Plone output does:
# - body font: `--bs-font-sans-serif: "Roboto", "Helvetica Neue", ...` (Bootstrap's
#   own default starts with system-ui);
# - the main navigation bar `nav#portal-globalnav-wrapper.navbar-barceloneta` exists
#   only in the Diazo theme's index.html; the product's stylesheet paints it in the
#   municipality's main colour (Namur's in the demo: #8a1c2b, i.e. rgb(138, 28, 43)).
NAMUR_RED = "rgb(138, 28, 43)"


def assert_french(page):
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def assert_barceloneta(page):
    """The Diazo theme ran and its stylesheet is applied, not merely linked."""
    stylesheets = page.locator('link[rel="stylesheet"][href*="barceloneta"]')
    expect(stylesheets.first).to_be_attached()
    font_family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font_family.replace('"', "").startswith("Roboto"), font_family
    navbar = page.locator("#portal-globalnav-wrapper.navbar-barceloneta")
    expect(navbar).to_be_visible()
    expect(navbar).to_have_css("background-color", NAMUR_RED)


def area_link(page, base_url, area):
    return page.locator(f'.municipality-areas .card-title a[href="{base_url}/namur/{area}"]')


def test_secretary_sees_all_areas_of_namur(page, base_url, login, screenshot):
    login(page, "namur-secretaire", "demo")

    response = page.goto(f"{base_url}/namur")

    assert response.status == 200
    assert_french(page)
    assert_barceloneta(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Namur")
    for area in AREAS:
        expect(area_link(page, base_url, area)).to_be_visible()
    screenshot(page, "namur-home-secretary")


def test_anonymous_sees_only_publications_and_must_log_in_for_dossiers(page, base_url, screenshot):
    response = page.goto(f"{base_url}/namur")

    assert response.status == 200
    assert_french(page)
    assert_barceloneta(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Namur")
    expect(area_link(page, base_url, "publications")).to_be_visible()
    expect(page.locator(".municipality-areas .card")).to_have_count(1)
    expect(page.locator('a[href$="/namur/dossiers"]')).to_have_count(0)
    screenshot(page, "namur-home-anonymous")

    page.goto(f"{base_url}/namur/dossiers")

    # Unauthorized -> require_login -> the login form, coming back to the dossiers.
    expect(page).to_have_url(re.compile(rf"^{re.escape(base_url)}/login\?came_from=.*dossiers"))
    expect(page.locator("#__ac_name")).to_be_visible()
    expect(page.locator("#__ac_password")).to_be_visible()
    assert_french(page)


def test_gembloux_agent_is_refused_namur_dossiers(page, base_url, login, screenshot):
    login(page, "gembloux-agent-urbanisme", "demo")

    page.goto(f"{base_url}/namur/dossiers")

    # Authenticated but not allowed: require_login sends to insufficient-privileges.
    expect(page).to_have_url(f"{base_url}/insufficient-privileges")
    assert_french(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Privilèges insuffisants")
    expect(page.locator("#__ac_name")).to_have_count(0)
    screenshot(page, "namur-dossiers-refused-gembloux")
