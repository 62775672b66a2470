"""A data-protection officer handles an access request in the browser.

Namur's DPO finds Marie Lambotte by NISS and downloads the PDF summary of
her data, records her access request from the search, attaches the summary
to it and answers it; Gembloux's DPO does not see the request. At desktop
and phone widths.
"""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.privacy import request_rules as rules
from playwright.sync_api import expect

import pytest


NISS = "85.07.30-033.28"
WIDTHS = {"desktop": 1280, "phone": 390}
RECEIVED = belgian_today() - timedelta(days=5)


@pytest.fixture(autouse=True)
def access_journal(monkeypatch, tmp_path):
    # The acceptance server runs in this process: it reads the setting per request.
    monkeypatch.setenv("IMIO_MUNICIPAL_ACCESS_JOURNAL", str(tmp_path / "journal.sqlite"))


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("layout", list(WIDTHS))
def test_dpo_records_and_answers_an_access_request(page, base_url, login, screenshot, layout):
    page.set_viewport_size({"width": WIDTHS[layout], "height": 900})
    login(page, "namur-dpo", "demo")
    page.goto(f"{base_url}/namur/@@data-subject")
    page.fill("#subject-niss", NISS)
    with page.expect_navigation():
        page.locator("form.subject-search button[type=submit]").click()
    expect(page.locator("#subject-dossiers li").first).to_be_visible()
    pdf = page.request.get(page.locator("a.subject-pdf").get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    # The search leads to the request form, filled with the person found.
    with page.expect_navigation():
        page.locator("a.subject-request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Demandes des personnes concernées")
    expect(page.locator("#dsr-niss")).to_have_value("85073003328")
    expect(page.locator("#dsr-kind")).to_have_value("access")
    page.fill("#dsr-requester", "Marie Lambotte")
    page.fill("#dsr-received", RECEIVED.strftime("%d/%m/%Y"))
    page.fill("#dsr-text", "Je souhaite savoir quelles données la commune détient sur moi.")
    with page.expect_navigation():
        page.locator("form.dsr-record button[name=record]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accès — Marie Lambotte")
    deadline = rules.answer_deadline(RECEIVED).strftime("%d/%m/%Y")
    expect(page.locator(".dsr-deadline")).to_have_text(deadline)
    request_url = page.url

    with page.expect_navigation():
        page.locator("form.dsr-attach button[name=attach]").click()
    expect(page.locator(".dsr-files li a")).to_have_count(1)
    attached = page.request.get(page.locator(".dsr-files li a").get_attribute("href"))
    assert attached.status == 200 and attached.body().startswith(b"%PDF")
    assert fits_the_width(page)
    screenshot(page, f"dpo-request-received-{layout}")

    # An answer without text is refused with its reason; then answered.
    with page.expect_navigation():
        page.locator("form.dsr-answer-form button[name=answer]").click()
    expect(page.locator(".dsr-error")).to_contain_text("Indiquez le texte de la réponse")
    page.fill("#dsr-answer", "Vous trouverez ci-joint le résumé de vos données.")
    with page.expect_navigation():
        page.locator("form.dsr-answer-form button[name=answer]").click()
    expect(page.locator(".dsr-state")).to_have_text("Réponse envoyée")
    expect(page.locator(".dsr-answer-text")).to_contain_text("ci-joint le résumé")
    expect(page.locator("form.dsr-answer-form")).to_have_count(0)
    assert fits_the_width(page)
    screenshot(page, f"dpo-request-answered-{layout}")
    page.context.clear_cookies()

    login(page, "gembloux-dpo", "demo")
    page.goto(request_url)
    expect(page.locator("body")).not_to_contain_text("Marie Lambotte")
    page.goto(f"{base_url}/gembloux/@@subject-requests")
    expect(page.locator(".dsr-none")).to_have_text("Aucune demande pour l'instant.")
    expect(page.locator("body")).not_to_contain_text("Marie Lambotte")
