"""An act from the add form to the tutelle, through the browser; the register.

The demo fixture of the acceptance layer has about twenty acts (imio.municipal
.demo_acts), among them Namur's "Règlement-taxe sur les secondes résidences",
transmitted and awaiting the approval tutelle. Every user logs in through the
login form; switching user clears the cookies of the browser context.

As in test_dossier_flow, labels that may still be in English while the
catalogs are being completed are not asserted: states are checked by their CSS
class, numbers and deadlines by their format.
"""

from imio.municipal.acts.tutelle_deadlines import tutelle_deadline
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import slug
from playwright.sync_api import expect

import re


PASSWORD = "demo"
AGENT = "namur-agent-finances"
HEAD = "namur-chef-finances"
SECRETARY = "namur-secretaire"
OTHER_AGENT = "gembloux-agent-finances"

TITLE = "Règlement-taxe sur les immeubles bâtis inoccupés — exercices 2027 à 2031"
MOTIVATION = (
    "Vu le Code de la démocratie locale et de la décentralisation, notamment ses articles "
    "L1122-30, L1133-1 et L3131-1;",
    "Considérant que les immeubles inoccupés nuisent à l'attractivité du centre-ville;",
)
DECISION = (
    "Article 1er : Il est établi, pour les exercices 2027 à 2031, une taxe annuelle sur les "
    "immeubles bâtis inoccupés.",
    "Article 2 : Le taux est fixé à 200 € par mètre courant de façade.",
)
LEGAL_BASIS = "CDLD, art. L1122-30, L1133-1 et L3131-1"
VOTES = {"members_present": "37", "votes_for": "30", "votes_against": "5", "votes_abstention": "2"}

DEMO_TAX = "Règlement-taxe sur les secondes résidences — exercices 2026 à 2031"
NUMBER = re.compile(r"\b(\d{4}/conseil/\d+)\b")
STATE = "#plone-contentmenu-workflow .toolbar-label span[class^='label-state-']"


def fr_date(day) -> str:
    return day.strftime("%d/%m/%Y")


def assert_french(page):
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def switch_user(page, login, user):
    page.context.clear_cookies()
    login(page, user, PASSWORD)


def expect_state(page, state_id: str):
    expect(page.locator(STATE)).to_have_class(f"label-state-{state_id}")


def run_transition(page, transition_id: str, comment: str = "") -> str:
    """Workflow menu -> transition -> confirmation page -> confirm; the status message."""
    page.click("#plone-contentmenu-workflow > a")
    page.click(f"#workflow-transition-{transition_id}")
    expect(page).to_have_url(re.compile(rf"@@act-transition\?transition={transition_id}\b"))
    assert_french(page)
    if comment:
        page.fill("#transition-comment", comment)
    with page.expect_navigation():
        page.click('button[name="form.buttons.confirm"]')
    return " ".join(page.locator(".portalMessage, .transition-error").all_inner_texts()).strip()


def open_tab(page, fieldset: str):
    """Click the form tab of a fieldset (found by its legend, whatever its label)."""
    index = page.locator("form legend").evaluate_all(
        "(legends, id) => legends.findIndex(legend => legend.id === id)",
        f"fieldsetlegend-{fieldset}",
    )
    assert index >= 0, f"no fieldset {fieldset!r} in the form"
    page.locator(".autotoc-nav a").nth(index).click()


def type_rich_text(page, index: int, paragraphs):
    """Type paragraphs into the index-th TinyMCE editor of the form."""
    body = page.frame_locator("iframe.tox-edit-area__iframe").nth(index).locator("body")
    body.click()
    for number, paragraph in enumerate(paragraphs):
        if number:
            page.keyboard.press("Enter")
        page.keyboard.type(paragraph)
    expect(body).to_contain_text(paragraphs[-1])


def fill_act(page, today):
    page.fill("#form-widgets-IBasic-title", TITLE)
    page.select_option("#form-widgets-kind", "regulation")
    page.select_option("#form-widgets-body", "conseil")
    page.select_option("#form-widgets-matter", "tax_regulation")
    page.select_option("#form-widgets-responsible_service", "finances")
    type_rich_text(page, 0, MOTIVATION)
    type_rich_text(page, 1, DECISION)
    page.fill("#form-widgets-legal_basis", LEGAL_BASIS)
    open_tab(page, "vote")
    page.fill("#form-widgets-session_date", today.isoformat())
    for name, value in VOTES.items():
        page.fill(f"#form-widgets-{name}", value)


def act_number(page) -> str:
    text = page.locator(".act-number").inner_text()
    match = NUMBER.search(text)
    assert match, f"no number in {text!r}"
    return match.group(1)


def test_act_from_draft_to_the_tutelle(page, base_url, login, screenshot):
    today = belgian_today()

    # --- The agent of the finances writes the act ----------------------------
    login(page, AGENT, PASSWORD)
    page.goto(f"{base_url}/namur/actes/++add++Act")
    page.wait_for_load_state("networkidle")
    assert_french(page)
    fill_act(page, today)
    with page.expect_navigation():
        page.click("#form-buttons-save")

    act_url = f"{base_url}/namur/actes/{slug(TITLE)}"
    expect(page).to_have_url(re.compile(rf"^{re.escape(act_url)}(/view)?$"))
    assert_french(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect_state(page, "draft")
    expect(page.locator(".act-number")).to_have_count(0)
    expect(page.locator(".act-motivation")).to_contain_text(MOTIVATION[1])
    expect(page.locator(".act-decision")).to_contain_text("Article 2 : Le taux est fixé")
    expect(page.locator(".act-session-date")).to_have_text(fr_date(today))
    for count in ("30", "5", "2"):
        expect(page.locator(".act-vote")).to_contain_text(count)

    # --- The head of service proposes it -------------------------------------
    switch_user(page, login, HEAD)
    page.goto(act_url)
    run_transition(page, "propose")
    expect_state(page, "proposed")

    # --- The secretary validates, then records the adoption ------------------
    switch_user(page, login, SECRETARY)
    page.goto(act_url)
    run_transition(page, "validate")
    expect_state(page, "validated")
    expect(page.locator(".act-number")).to_have_count(0)
    run_transition(page, "adopt")
    expect_state(page, "adopted")
    expect(page.locator(".act-number")).to_contain_text(NUMBER)
    number = act_number(page)
    assert number.startswith(f"{today.year}/conseil/"), number
    tutelle_box = page.locator(".act-tutelle")
    expect(tutelle_box).to_be_visible()
    # The approval tutelle of tax regulations (CDLD L3131-1), no deadline yet.
    expect(tutelle_box.locator(".act-regime")).to_contain_text("L3131-1")
    expect(tutelle_box.locator(".act-tutelle-deadline")).to_have_count(0)
    screenshot(page, "act-view-adopted")

    # --- Transmission to the tutelle authority -------------------------------
    # Without the deliberation PDF the act does not leave, and says why.
    message = run_transition(page, "transmit")
    assert "PDF" in message, message
    page.goto(act_url)
    with page.expect_navigation():
        page.locator("#municipal-documents .store-deliberation button").click()
    expect(page.locator(".portalMessage").first).to_contain_text(
        "Le PDF de la délibération est enregistré en annexe"
    )
    run_transition(page, "transmit")
    expect_state(page, "transmitted")
    expect(page.locator(".act-number")).to_contain_text(number)

    # --- The authority's receipt: the tutelle deadline -----------------------
    page.goto(f"{act_url}/edit")
    page.wait_for_load_state("networkidle")
    assert_french(page)
    open_tab(page, "tutelle")
    expect(page.locator("#form-widgets-transmission_date")).to_have_value(today.isoformat())
    page.fill("#form-widgets-tutelle_receipt_date", today.isoformat())
    with page.expect_navigation():
        page.click("#form-buttons-save")
    expect(page).to_have_url(re.compile(rf"^{re.escape(act_url)}(/view)?$"))
    expect(page.locator(".portalMessage.statusmessage-error")).to_have_count(0)
    expect_state(page, "transmitted")
    deadline = tutelle_deadline("approval", today)
    badge = page.locator(".act-tutelle .act-tutelle-deadline .badge")
    expect(badge).to_have_text(fr_date(deadline))
    # 30 days ahead: comfortable.
    expect(badge).to_have_class(re.compile(r"\bbg-success\b"))
    screenshot(page, "act-view-transmitted")

    # --- The register ---------------------------------------------------------
    page.goto(f"{base_url}/namur/actes")
    assert_french(page)
    rows = page.locator(".act-table .act-row")
    expect(rows.first).to_be_visible()
    assert rows.count() >= 15, rows.count()
    ours = rows.filter(has_text=TITLE)
    expect(ours).to_have_count(1)
    expect(ours).to_contain_text(number)
    expect(ours.locator(".badge")).to_have_text(fr_date(deadline))
    pills = page.locator(".act-state-counts")
    expect(pills).to_be_visible()
    counts = {
        state: int(pills.locator(f".state-{state} .badge").inner_text())
        for state in ("draft", "proposed", "validated", "adopted", "transmitted", "executory")
    }
    assert counts["transmitted"] >= 3 and counts["executory"] >= 5, counts
    total = sum(int(text) for text in pills.locator("a[class*='state-'] .badge").all_inner_texts())
    # The register shows its first batch of 20 rows.
    assert min(total, 20) == rows.count(), (total, rows.count())
    screenshot(page, "act-register")

    # Awaiting the tutelle: the transmitted acts only.
    page.select_option("#filter-tutelle", "awaiting")
    with page.expect_navigation():
        page.click(".act-filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"[?&]tutelle=awaiting\b"))
    rows = page.locator(".act-table .act-row")
    expect(rows).to_have_count(counts["transmitted"])
    for index in range(rows.count()):
        expect(rows.nth(index).locator("td").nth(4).locator("span")).to_have_class(
            "state-transmitted"
        )
        expect(rows.nth(index).locator(".badge")).to_have_text(re.compile(r"^\d\d/\d\d/\d{4}$"))
    expect(rows.filter(has_text=TITLE)).to_have_count(1)
    expect(rows.filter(has_text=DEMO_TAX)).to_have_count(1)

    # The full-text search finds the demo tax regulation.
    page.goto(f"{base_url}/namur/actes")
    page.fill("#filter-q", "secondes résidences")
    with page.expect_navigation():
        page.click(".act-filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"[?&]q=secondes"))
    rows = page.locator(".act-table .act-row")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").nth(1)).to_have_text(DEMO_TAX)


def test_other_municipality_cannot_open_a_namur_act(page, base_url, login):
    login(page, OTHER_AGENT, PASSWORD)

    page.goto(f"{base_url}/namur/actes/{slug(DEMO_TAX)}")

    expect(page).to_have_url(f"{base_url}/insufficient-privileges")
    assert_french(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Privilèges insuffisants")
    expect(page.locator(".act-view")).to_have_count(0)
    expect(page.get_by_text("secondes résidences")).to_have_count(0)


def test_anonymous_is_asked_to_log_in(page, base_url):
    page.goto(f"{base_url}/namur/actes/{slug(DEMO_TAX)}")

    assert_french(page)
    expect(page.locator("#__ac_name")).to_be_visible()
    expect(page.locator("#__ac_password")).to_be_visible()
    expect(page.locator(".act-view")).to_have_count(0)
    expect(page.get_by_text("secondes résidences")).to_have_count(0)
