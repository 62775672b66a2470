"""A platform admin shares a Namur case file: the search offers Namur's people
and groups, not Gembloux's (who carry the same names in the demo)."""

from playwright.sync_api import expect

import pytest


PASSWORD = "demo"
ADMIN = "platform-admin"


@pytest.mark.parametrize("width", [1280, 390])
def test_the_sharing_search_offers_the_municipalitys_people(
    page, base_url, login, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, ADMIN, PASSWORD)
    found = page.request.get(
        f"{base_url}/@search?portal_type=Dossier&path.query=/plone/namur&sort_on=id",
        headers={"Accept": "application/json"},
    )
    case_file = found.json()["items"][0]["@id"]
    page.goto(f"{case_file}/@@sharing")
    page.fill("#sharing-user-group-search", "Dubois")
    page.click("#sharing-search-button")
    results = page.locator("#user-group-sharing-container")
    expect(results).to_contain_text("Claire Dubois (Namur, agent urbanisme)")
    expect(results).not_to_contain_text("Gembloux")
    page.fill("#sharing-user-group-search", "urbanisme")
    page.click("#sharing-search-button")
    expect(results).to_contain_text("Namur : Urbanisme (agents)")
    expect(results).not_to_contain_text("Gembloux")
    screenshot(page, f"sharing-search-namur-{width}")
