"""« À traiter » and the staff home in the browser, at 1280 px and on a 390 px phone.

The demo has a file the head of urbanism sent back to the agent (« Construction
de 12 logements », pieces missing) and one the agent sent to the head
(« Abattage d'un arbre remarquable »); Namur's PIC plan waits to be deposited
by hand.
"""

from playwright.sync_api import expect

import re


PASSWORD = "demo"
AGENT = "namur-agent-urbanisme"
HEAD = "namur-chef-urbanisme"
SECRETARY = "namur-secretaire"
SENT_BACK = "Construction de 12 logements"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def both_widths(page, name, screenshot, ours=True):
    """Screenshots at 1280 px and at 390 px; on the pages this flow adds
    (``ours``), nothing overflows the phone's width."""
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"{name}-1280")
    page.set_viewport_size(PHONE)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert not ours or overflow <= 0, f"{name}: the page is {overflow} px wider than a phone"
    screenshot(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)


def switch_user(page, login, user):
    page.context.clear_cookies()
    login(page, user, PASSWORD)


def run_transition(page, transition_id: str):
    page.click("#plone-contentmenu-workflow > a")
    page.click(f"#workflow-transition-{transition_id}")
    expect(page).to_have_url(re.compile(rf"@@dossier-transition\?transition={transition_id}\b"))
    with page.expect_navigation():
        page.click('button[name="form.buttons.confirm"]')


def test_the_agent_sees_why_sends_to_the_head_who_sees_it_ready(page, base_url, login, screenshot):
    login(page, AGENT, PASSWORD)
    page.goto(f"{base_url}/namur")
    box = page.locator(".municipal-worklist")
    expect(box.get_by_role("heading")).to_have_text("À traiter")
    returned = box.locator(".worklist-item").filter(has_text=SENT_BACK)
    expect(returned.locator(".worklist-why")).to_contain_text("renvoyé par")
    expect(returned.locator(".worklist-why")).to_contain_text("Pièces manquantes")
    # Every item says what to do; nothing decided or waiting for the applicant.
    whys = box.locator(".worklist-why").all_inner_texts()
    assert whys and all(re.match(r"^(à |renvoyé par )", why) for why in whys), whys
    expect(box).not_to_contain_text("Transformation d'un commerce en logement")  # incomplete
    expect(box).not_to_contain_text("Les Hauts de Wépion")  # decided
    both_widths(page, "worklist-agent", screenshot)

    with page.expect_navigation():
        returned.get_by_role("link", name=SENT_BACK).click()
    note = page.locator(".municipal-sent-back")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Renvoyé par")
    expect(note).to_contain_text("l'avis du fonctionnaire délégué n'est pas joint")
    both_widths(page, "worklist-sent-back-file", screenshot, ours=False)
    run_transition(page, "submit")
    expect(page.locator(".municipal-sent-back")).to_have_count(0)
    dossier_url = page.url.removesuffix("/view")

    switch_user(page, login, HEAD)
    page.goto(f"{base_url}/namur")
    item = page.locator(".municipal-worklist .worklist-item").filter(has_text=SENT_BACK)
    expect(item).to_have_class(re.compile(r"\breason-validate\b"))
    expect(item.locator(".worklist-why")).to_have_text("à proposer — prêt depuis aujourd'hui")
    count = page.locator(".worklist-count.kind-Dossier-validate")
    expect(count).to_contain_text("Dossiers à proposer")
    expect(count.locator(".badge")).to_have_text("2")
    both_widths(page, "worklist-head", screenshot)

    with page.expect_navigation():
        page.locator(".worklist-all a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("À traiter")
    section = page.locator("#kind-Dossier-validate")
    expect(section.locator(".worklist-item")).to_have_count(2)
    expect(section.locator(f'a[href="{dossier_url}"]').first).to_be_visible()
    both_widths(page, "worklist-full-list", screenshot)


def test_the_staff_home_leads_where_the_work_is(page, base_url, login, screenshot):
    login(page, SECRETARY, PASSWORD)
    page.goto(f"{base_url}/namur")
    cards = page.locator(".municipality-areas .card")
    for area in ("dossiers", "actes", "pic", "seances", "exchange-journal"):
        card = page.locator(f".municipality-areas .area-{area}")
        expect(card).to_have_count(1)
        expect(card.locator(".area-count .badge")).to_have_text(re.compile(r"^\d+$"))
        expect(card.locator(".area-more")).to_contain_text("Voir la suite")
    expect(cards.locator(".area-more")).to_have_count(cards.count())
    both_widths(page, "municipality-home-cards", screenshot)

    with page.expect_navigation():
        page.locator(".area-exchange-journal .area-more").click()
    expect(page).to_have_url(f"{base_url}/namur/@@exchange-journal")

    # The PIC plan to deposit by hand says where and how.
    page.goto(f"{base_url}/namur/pic")
    with page.expect_navigation():
        page.locator("#content a[href*='/namur/pic/']").first.click()
    help_block = page.locator(".exchange-deposit-help")
    expect(help_block).to_contain_text("Guichet des pouvoirs locaux (PIC)")
    expect(help_block.locator("a.exchange-package-link")).to_have_attribute(
        "href", re.compile(r"/namur/@@exchange-package\?message=")
    )
    both_widths(page, "pic-deposit-by-hand", screenshot, ours=False)


def test_a_closed_folder_explains_and_the_dashboard_leads_home(page, base_url, login, screenshot):
    login(page, "gembloux-agent-urbanisme", PASSWORD)
    page.goto(f"{base_url}/gembloux/pic")
    note = page.locator(".municipal-closed-content")
    expect(note).to_be_visible()
    expect(note).to_contain_text("aucun ne vous est ouvert")
    both_widths(page, "pic-closed-to-urbanism", screenshot, ours=False)

    page.goto(f"{base_url}/dashboard")
    expect(page).to_have_url(re.compile(rf"^{re.escape(base_url)}/gembloux/?$"))
    expect(page.locator(f'a[href="{base_url}/dashboard"]')).to_have_count(0)
