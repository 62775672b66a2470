"""Copy and paste of a numbered act through the toolbar's « Actions » menu:
the copy is a new draft without number; a numbered act offers no « Cut »."""

from imio.municipal.demo.builders import slug
from playwright.sync_api import expect

import re


PASSWORD = "demo"
SECRETARY = "namur-secretaire"
# A numbered demo act (transmitted, awaiting the approval tutelle).
DEMO_TAX = "Règlement-taxe sur les secondes résidences — exercices 2026 à 2031"
NUMBER = re.compile(r"\b\d{4}/conseil/\d+\b")
STATE = "#plone-contentmenu-workflow .toolbar-label span[class^='label-state-']"


def test_a_copy_of_a_numbered_act_is_a_new_draft(page, base_url, login, screenshot):
    login(page, SECRETARY, PASSWORD)
    act_url = f"{base_url}/namur/actes/{slug(DEMO_TAX)}"
    page.goto(act_url)
    number = NUMBER.search(page.content()).group(0)
    page.click("#plone-contentmenu-actions > a")
    # Nobody may delete a numbered act: no « Cut ».
    expect(page.locator("#plone-contentmenu-actions-cut")).to_have_count(0)
    with page.expect_navigation():
        page.click("#plone-contentmenu-actions-copy")
    page.goto(f"{base_url}/namur/actes")
    page.click("#plone-contentmenu-actions > a")
    with page.expect_navigation():
        page.click("#plone-contentmenu-actions-paste")
    page.goto(f"{base_url}/namur/actes/copy_of_{slug(DEMO_TAX)}")
    expect(page.locator(STATE)).to_have_class("label-state-draft")
    assert number not in page.content()
    screenshot(page, "copy-of-a-numbered-act")
