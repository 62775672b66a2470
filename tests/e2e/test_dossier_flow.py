"""A case file (Dossier) from the add form to the decision, through the browser.

The demo fixture of the acceptance layer: Namur has 8 case files (4 ``pu``
ones this year, one of them "Extension d'une maison unifamiliale", proposed),
Gembloux its own. Every user logs in through the login form; switching user
clears the cookies of the browser context.

Labels that may still be in English while the catalogs are being completed
are not asserted: states are checked by their CSS class (``label-state-<id>``,
``state-<id>``), worklist reasons by ``reason-<id>``, deadlines by ``<time>``.
"""

from imio.municipal.core.calendar import legal_deadline
from imio.municipal.dossiers.procedures import CODT_COMPLETENESS_DAYS
from imio.municipal.dossiers.procedures import CODT_DECISION_DAYS
from imio.municipal.dossiers.workflow import today
from playwright.sync_api import expect

import re


PASSWORD = "demo"
AGENT = "namur-agent-urbanisme"
HEAD = "namur-chef-urbanisme"
SECRETARY = "namur-secretaire"
OTHER_AGENT = "gembloux-agent-urbanisme"

TITLE = "Extension d'une véranda"
APPLICANT = "Anne Dupont"
VALID_NISS = "85073003328"
INVALID_NISS = "85073003329"
APPLICANT_ADDRESS = "Rue de Bruxelles 1, 5000 Namur"
APPLICANT_EMAIL = "anne.dupont@example.be"
LOCATION = "Rue de Bruxelles 1, 5000 Namur"
PARCEL = "92094A0123/00B000"

DEMO_PROPOSED = "Extension d'une maison unifamiliale"
DEMO_PROPOSED_ID = "extension-dune-maison-unifamiliale"

REFERENCE = re.compile(r"^\d{4}/pu/\d+$")
# The state shown in the toolbar: <span class="label-state-draft">Brouillon</span>.
STATE = "#plone-contentmenu-workflow .toolbar-label span[class^='label-state-']"


def fr_date(day) -> str:
    return day.strftime("%d/%m/%Y")


def assert_french(page):
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def switch_user(page, login, user):
    """Log out (drop the session cookie), then log in as ``user``."""
    page.context.clear_cookies()
    login(page, user, PASSWORD)


def expect_state(page, state_id: str) -> str:
    """The workflow state in the toolbar is ``state_id``; returns its shown title."""
    label = page.locator(STATE)
    expect(label).to_have_class(f"label-state-{state_id}")
    return label.inner_text().strip()


def run_transition(page, transition_id: str, comment: str = "") -> str:
    """Workflow menu -> transition -> the confirmation page -> confirm.

    Returns the status message shown on the page the confirmation leads to.
    """
    page.click("#plone-contentmenu-workflow > a")
    page.click(f"#workflow-transition-{transition_id}")
    expect(page).to_have_url(re.compile(rf"@@dossier-transition\?transition={transition_id}\b"))
    assert_french(page)
    if comment:
        page.fill("#transition-comment", comment)
    with page.expect_navigation():
        page.click('button[name="form.buttons.confirm"]')
    message = page.locator(".portalMessage")
    return " ".join(message.all_inner_texts()).strip()


def raw_msgids(page) -> list[str]:
    """Message ids shown untranslated and without a default, e.g. "label_due_date"."""
    text = page.locator("#content").inner_text()
    return sorted(set(re.findall(r"\b(?:label|heading|help|error)_[a-z_]+\b", text)))


def full_page_without_sticky_overlap(page, name, screenshot):
    """Make the viewport as tall as the page: Plone's sticky form buttons and the
    fixed toolbar then stay where they belong in a full-page screenshot."""
    page.evaluate("window.scrollTo(0, 0)")
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": 1280, "height": max(height, 720)})
    screenshot(page, name)


def open_add_form(page, base_url):
    page.goto(f"{base_url}/namur/dossiers/++add++Dossier")
    # The datagrid pattern must be initialised before we type into its row.
    page.wait_for_load_state("networkidle")
    assert_french(page)


def fill_dossier(page, niss: str):
    page.fill("#form-widgets-IBasic-title", TITLE)
    page.select_option("#form-widgets-procedure", "pu")
    page.select_option("#form-widgets-responsible_service", "urbanisme")
    # The datagrid shows one "AA" auto-append row; typing in it and leaving the
    # cell makes it row 0 and appends a new empty "AA" row.
    expect(page.locator("#form-widgets-applicants-AA-widgets-kind")).to_have_value("person")
    page.fill("#form-widgets-applicants-AA-widgets-name", APPLICANT)
    page.press("#form-widgets-applicants-AA-widgets-name", "Tab")
    row = "#form-widgets-applicants-0-widgets"
    expect(page.locator(f"{row}-name")).to_have_value(APPLICANT)
    page.fill(f"{row}-niss", niss)
    page.fill(f"{row}-address", APPLICANT_ADDRESS)
    page.fill(f"{row}-email", APPLICANT_EMAIL)
    page.fill("#form-widgets-location_address", LOCATION)
    page.fill("#form-widgets-parcels", PARCEL)
    expect(page.locator('input[name="form.widgets.applicants.count"]')).to_have_value("1")


def draft_count(page, base_url) -> int:
    page.goto(f"{base_url}/namur/dossiers")
    return int(page.locator(".dossier-state-counts .state-draft .badge").inner_text())


def test_dossier_from_draft_to_decision(page, base_url, login, screenshot):
    # --- The agent creates the file -------------------------------------------
    login(page, AGENT, PASSWORD)
    open_add_form(page, base_url)
    # "Agent traitant" offers the municipality's users (not its groups).
    agent_options = page.locator("#form-widgets-assigned_agent option").evaluate_all(
        "options => options.map(option => option.value)"
    )
    fill_dossier(page, VALID_NISS)
    with page.expect_navigation():
        page.click("#form-buttons-save")

    dossier_url = f"{base_url}/namur/dossiers/extension-dune-veranda"
    expect(page).to_have_url(re.compile(rf"^{re.escape(dossier_url)}(/view)?$"))
    assert_french(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    draft_title = expect_state(page, "draft")
    # No reference before receipt (the template may show a "pending" note).
    expect(page.locator(".dossier-identity")).to_be_visible()
    expect(page.locator(".dossier-identity")).not_to_contain_text(re.compile(r"\d{4}/\w+/\d+"))
    expect(page.locator(".dossier-deadlines .deadline")).to_have_count(0)
    applicants = page.locator(".dossier-applicants tbody tr")
    expect(applicants).to_have_count(1)
    expect(applicants.first).to_contain_text(APPLICANT)
    expect(applicants.first).to_contain_text(VALID_NISS)
    expect(applicants.first).to_contain_text(APPLICANT_ADDRESS)
    expect(applicants.first).to_contain_text(APPLICANT_EMAIL)
    expect(page.locator(".dossier-identity")).to_contain_text(LOCATION)
    expect(page.locator(".dossier-identity code")).to_have_text([PARCEL])
    history = page.locator(".dossier-history tbody tr")
    expect(history).to_have_count(1)
    expect(history.first.locator("td").nth(3)).to_have_text(draft_title)

    # --- Receive: a reference and the completeness deadline -------------------
    day = today()
    messages = {}
    leaked = set(raw_msgids(page))
    messages["receive"] = run_transition(page, "receive")
    expect(page).to_have_url(re.compile(rf"^{re.escape(dossier_url)}(/view)?$"))
    expect_state(page, "received")
    expect(page.locator(".dossier-reference")).to_have_text(REFERENCE)
    reference = page.locator(".dossier-reference").inner_text().strip()
    deadlines = page.locator(".dossier-deadlines .deadline")
    expect(deadlines).to_have_count(1)
    completeness = legal_deadline(day, CODT_COMPLETENESS_DAYS)
    running = deadlines.first
    expect(running.locator("time")).to_have_attribute("datetime", completeness.isoformat())
    expect(running.locator("time")).to_have_text(fr_date(completeness))
    expect(running.locator(".badge")).to_have_class(re.compile(r"\bbg-success\b"))

    # --- Declare complete: the decision deadline (30 days, no flags) ----------
    messages["declare_complete"] = run_transition(page, "declare_complete")
    in_progress_title = expect_state(page, "in_progress")
    expect(page.locator(".dossier-reference")).to_have_text(reference)
    decision = legal_deadline(day, CODT_DECISION_DAYS)
    deadlines = page.locator(".dossier-deadlines .deadline")
    expect(deadlines).to_have_count(2)
    # The running deadline comes first; completeness is no longer running.
    expect(deadlines.nth(0).locator("time")).to_have_attribute("datetime", decision.isoformat())
    expect(deadlines.nth(0).locator("time")).to_have_text(fr_date(decision))
    expect(deadlines.nth(0).locator(".badge")).to_have_class(re.compile(r"\bbg-success\b"))
    expect(deadlines.nth(1).locator("time")).to_have_text(fr_date(completeness))
    expect(deadlines.nth(1)).to_have_class(re.compile(r"\bdeadline-done\b"))
    expect(page.locator(".dossier-history tbody tr")).to_have_count(3)
    leaked.update(raw_msgids(page))
    screenshot(page, "dossier-view-in-progress")

    # --- The head of service finds it in the worklist and proposes it ---------
    switch_user(page, login, HEAD)
    page.goto(f"{base_url}/namur")
    item = page.locator(".municipal-worklist .worklist-item").filter(has_text=TITLE)
    expect(item).to_have_count(1)
    expect(item).to_have_class(re.compile(r"\breason-validate\b"))
    expect(item).to_contain_text(reference)
    expect(item).to_contain_text(in_progress_title)
    expect(item.locator(".badge")).to_have_text(fr_date(decision))
    with page.expect_navigation():
        item.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(dossier_url)}(/view)?$"))
    messages["propose"] = run_transition(page, "propose")
    proposed_title = expect_state(page, "proposed")

    # --- The secretary decides ------------------------------------------------
    switch_user(page, login, SECRETARY)
    page.goto(f"{base_url}/namur")
    item = page.locator(".municipal-worklist .worklist-item").filter(has_text=TITLE)
    expect(item).to_have_count(1)
    expect(item).to_have_class(re.compile(r"\breason-decide\b"))
    expect(item).to_contain_text(proposed_title)
    expect(item).to_contain_text(reference)
    screenshot(page, "dossier-worklist-secretary")
    with page.expect_navigation():
        item.get_by_role("link", name=TITLE).click()
    messages["decide"] = run_transition(page, "decide")
    decided_title = expect_state(page, "decided")
    assert_french(page)
    expect(page.locator(".dossier-reference")).to_have_text(reference)
    # decide records the decision date; an ordinary file has no platform section.
    expect(page.locator(".dossier-decision-date")).not_to_be_empty()
    expect(page.locator(".dossier-platform")).to_have_count(0)
    # Nothing runs any more: every deadline is shown as done.
    expect(page.locator(".dossier-deadlines .deadline.deadline-done")).to_have_count(2)
    history = page.locator(".dossier-history tbody tr")
    expect(history).to_have_count(5)
    expect(history.nth(0).locator("td").nth(3)).to_have_text(decided_title)
    expect(history.nth(0).locator("td").nth(1)).not_to_be_empty()
    expect(history.nth(4).locator("td").nth(3)).to_have_text(draft_title)
    leaked.update(raw_msgids(page))
    screenshot(page, "dossier-view-decided")

    # The confirmation names the action done, not its workflow id
    # ("Done: declare_complete." is what a user must not read).
    shown_ids = {
        transition: message
        for transition, message in messages.items()
        if re.search(rf":\s*{transition}\.?\s*$", message)
    }
    problems = []
    groups = [value for value in agent_options if re.match(r"\d{5}_", value)]
    if AGENT not in agent_options or groups:
        problems.append(f"the assigned agent choices are not the staff's users: {agent_options}")
    if shown_ids:
        problems.append(f"status messages show the transition id: {shown_ids}")
    # Every label is a translated text (or at least its English default).
    if leaked:
        problems.append(f"message ids shown as such on the dossier page: {sorted(leaked)}")
    assert not problems, "\n".join(problems)


def test_dashboard_counts_filters_and_search(page, base_url, login, screenshot):
    login(page, AGENT, PASSWORD)
    page.goto(f"{base_url}/namur/dossiers")

    assert_french(page)
    pills = page.locator(".dossier-state-counts .badge")
    expect(pills.first).to_be_visible()
    counts = {
        state: int(page.locator(f".dossier-state-counts .state-{state} .badge").inner_text())
        for state in ("draft", "received", "incomplete", "in_progress", "proposed", "decided")
    }
    assert counts["proposed"] >= 1 and counts["in_progress"] >= 2, counts
    rows = page.locator(".dossier-table .dossier-row")
    expect(rows.first).to_be_visible()
    listed = rows.count()
    assert listed >= 5, f"only {listed} demo files listed"
    screenshot(page, "dossier-dashboard")

    # Overdue only: every remaining row says so.
    page.select_option("#filter-due", "overdue")
    with page.expect_navigation():
        page.click(".dossier-filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"[?&]due=overdue\b"))
    rows = page.locator(".dossier-table .dossier-row")
    expect(rows.first).to_be_visible()
    overdue = rows.count()
    assert 0 < overdue < listed, (overdue, listed)
    for index in range(overdue):
        expect(rows.nth(index)).to_have_class(re.compile(r"\burgency-overdue\b"))
        expect(rows.nth(index).locator(".badge")).to_have_class(re.compile(r"\bbg-danger\b"))

    # An applicant's name finds the file.
    page.goto(f"{base_url}/namur/dossiers")
    page.fill("#filter-q", "Lambotte")
    with page.expect_navigation():
        page.click(".dossier-filters button[type=submit]")
    expect(page).to_have_url(re.compile(r"[?&]q=Lambotte\b"))
    rows = page.locator(".dossier-table .dossier-row")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").nth(1)).to_have_text(DEMO_PROPOSED)
    expect(rows.first).to_contain_text("Marie Lambotte")

    # "All" lists every file the state pills count, deadline or not (a draft or
    # a decided file has no running deadline).
    page.goto(f"{base_url}/namur/dossiers")
    total = sum(
        int(text)
        for text in page.locator(
            ".dossier-state-counts .nav-link[class*='state-'] .badge"
        ).all_inner_texts()
    )
    titles = page.locator(".dossier-table .dossier-row td:nth-child(2)").all_inner_texts()
    page.goto(f"{base_url}/namur/dossiers?sort_on=title")
    by_title = page.locator(".dossier-table .dossier-row td:nth-child(2)").all_inner_texts()
    assert len(by_title) == total, (total, by_title)
    missing = sorted(set(by_title) - set(titles))
    assert len(titles) == total, (
        f"the default (deadline) order lists {len(titles)} of {total} files; missing: {missing}"
    )


def test_invalid_niss_is_refused_and_creates_nothing(page, base_url, login, screenshot):
    login(page, AGENT, PASSWORD)
    drafts_before = draft_count(page, base_url)

    open_add_form(page, base_url)
    fill_dossier(page, INVALID_NISS)
    page.click("#form-buttons-save")
    page.wait_for_load_state()

    # Still on the add form: the form-level error, and the applicants field's
    # own error naming the applicant, its position and the refused number.
    expect(page).to_have_url(re.compile(r"/\+\+add\+\+Dossier$"))
    assert_french(page)
    expect(page.locator(".portalMessage.statusmessage-error")).to_be_visible()
    error = page.locator("#formfield-form-widgets-applicants > .invalid-feedback")
    expect(error).to_have_count(1)
    expect(error).to_be_visible()
    expect(error).to_contain_text(APPLICANT)
    expect(error).to_contain_text(INVALID_NISS)
    expect(error).to_contain_text("1")
    # What was typed is kept.
    expect(page.locator("#form-widgets-IBasic-title")).to_have_value(TITLE)
    expect(page.locator("#form-widgets-applicants-0-widgets-name")).to_have_value(APPLICANT)
    expect(page.locator("#form-widgets-applicants-0-widgets-niss")).to_have_value(INVALID_NISS)
    full_page_without_sticky_overlap(page, "dossier-add-invalid-niss", screenshot)

    response = page.goto(f"{base_url}/namur/dossiers/extension-dune-veranda")
    assert response.status == 404
    assert draft_count(page, base_url) == drafts_before


def test_send_back_needs_a_comment(page, base_url, login, screenshot):
    login(page, SECRETARY, PASSWORD)
    dossier_url = f"{base_url}/namur/dossiers/{DEMO_PROPOSED_ID}"
    page.goto(dossier_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_PROPOSED)
    expect_state(page, "proposed")
    history_before = page.locator(".dossier-history tbody tr").count()

    page.click("#plone-contentmenu-workflow > a")
    page.click("#workflow-transition-send_back")
    expect(page).to_have_url(re.compile(r"@@dossier-transition\?transition=send_back\b"))
    comment = page.locator("#transition-comment")
    expect(comment).to_have_attribute("required", re.compile(".*"))
    # Bypass the browser's check: the server must refuse on its own.
    comment.evaluate("element => element.removeAttribute('required')")
    with page.expect_navigation():
        page.click('button[name="form.buttons.confirm"]')

    expect(page).to_have_url(re.compile(r"/@@dossier-transition$"))
    assert_french(page)
    expect(page.locator(".transition-error")).to_be_visible()
    expect(page.locator(".transition-error")).not_to_be_empty()
    screenshot(page, "dossier-send-back-refused")
    page.goto(dossier_url)
    expect_state(page, "proposed")
    expect(page.locator(".dossier-history tbody tr")).to_have_count(history_before)

    reason = "Le plan d'implantation ne correspond pas aux photos : à vérifier."
    run_transition(page, "send_back", comment=reason)
    in_progress_title = expect_state(page, "in_progress")
    history = page.locator(".dossier-history tbody tr")
    expect(history).to_have_count(history_before + 1)
    newest = history.first.locator("td")
    expect(newest.nth(3)).to_have_text(in_progress_title)
    expect(newest.nth(4)).to_have_text(reason)


def test_other_municipality_cannot_open_a_namur_dossier(page, base_url, login, screenshot):
    login(page, OTHER_AGENT, PASSWORD)

    page.goto(f"{base_url}/namur/dossiers/{DEMO_PROPOSED_ID}")

    expect(page).to_have_url(f"{base_url}/insufficient-privileges")
    assert_french(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Privilèges insuffisants")
    expect(page.locator(".dossier-view")).to_have_count(0)
    expect(page.get_by_text("Marie Lambotte")).to_have_count(0)
