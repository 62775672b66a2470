"""At phone width, a case file's table wider than the screen says it goes on.

Such a table scrolls in its own box (the page never scrolls sideways); its
hidden side fades out so that the reader sees there are more columns and
which way to scroll, and the fade follows the scrolling.
"""

from plone import api
from zope.component.hooks import setSite

import pytest


PASSWORD = "demo"
AGENT = "namur-agent-urbanisme"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SIDES = """(table) => [
    table.classList.contains("municipal-more-left"),
    table.classList.contains("municipal-more-right"),
]"""


@pytest.fixture
def dossier_url(acceptance):
    """A demo case file of Namur's urbanism service, with its history table."""
    setSite(acceptance["portal"])
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Dossier", path="/plone/namur/dossiers", sort_on="created"
    )
    assert brains, "the demo has no case file in Namur"
    return brains[0].getURL()


def _next_frame(page):
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def test_a_wide_table_fades_on_its_hidden_side(page, login, screenshot, dossier_url):
    login(page, AGENT, PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(dossier_url)
    _next_frame(page)
    wide = page.locator("#content table[tabindex='0']")
    assert wide.count() >= 1, "no case file table is wider than a phone's screen"
    table = wide.first
    table.scroll_into_view_if_needed()
    assert table.evaluate(SIDES) == [False, True]
    screenshot(page, "table-scroll-hint-start-390")

    table.evaluate("(table) => { table.scrollLeft = table.scrollWidth; }")
    _next_frame(page)
    assert table.evaluate(SIDES) == [True, False]

    table.evaluate("(table) => { table.scrollLeft = table.scrollWidth / 3; }")
    _next_frame(page)
    assert table.evaluate(SIDES) == [True, True]

    # At desktop width every table fits: nothing fades.
    page.set_viewport_size(DESKTOP)
    page.evaluate("() => window.dispatchEvent(new Event('resize'))")
    _next_frame(page)
    faded = page.locator("#content .municipal-more-left, #content .municipal-more-right")
    assert faded.count() == 0
