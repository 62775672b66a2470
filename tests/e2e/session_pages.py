"""What the browser tests of the sessions do on a session's page.

Shared by ``test_college_session_flow.py`` and ``test_council_session_flow.py``
(imported at module level: pytest puts this folder on the path).
"""

from playwright.sync_api import expect

import re
import subprocess


def agenda_titles(page) -> list[str]:
    """The agenda's items, in order, by their act's title."""
    links = page.locator(".session-item .session-item-title a")
    return [text.strip() for text in links.all_inner_texts()]


def item(page, title):
    """The agenda item of the act with this title."""
    return page.locator(".session-item", has=page.get_by_role("link", name=title, exact=True))


def submit(page, locator):
    """Click a form's button and wait for the page it posts to."""
    with page.expect_navigation():
        locator.click()


def run_transition(page, transition_id: str):
    """Take a session's transition through the state menu and its confirmation form."""
    page.click("#plone-contentmenu-workflow > a")
    page.click(f"#workflow-transition-{transition_id}")
    expect(page).to_have_url(re.compile(rf"@@session-transition\?transition={transition_id}\b"))
    submit(page, page.locator('button[name="form.buttons.confirm"]'))
    expect(page.locator(".transition-error")).to_have_count(0)


def propose(page, title, closed=False, kind=None):
    """The secretariat puts the validated act with this title on the agenda."""
    form = page.locator(".session-propose-form")
    form.get_by_label(title, exact=True).check()
    if kind:
        form.locator("select[name=kind]").select_option(kind)
    form.locator("input[name=closed]").set_checked(closed)
    submit(page, form.locator(".session-propose-submit"))
    expect(page.locator(".session-error")).to_have_count(0)


def pdf_text(data: bytes) -> str:
    """The text of a PDF, its spaces normalised (pdftotext)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode().replace("\u00a0", " ").split())
