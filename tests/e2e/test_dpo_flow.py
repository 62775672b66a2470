"""A data-protection officer answers a person's access request, in a browser.

An agent opens a case file of Marie Lambotte; Namur's DPO then finds her by
NISS: her case files, the acts, and the agent's consultation of her file in
the access journal; he downloads the JSON and the PDF summary he sends her.
At desktop and phone widths.
"""

from playwright.sync_api import expect

import pytest


NISS = "85.07.30-033.28"
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(autouse=True)
def access_journal(monkeypatch, tmp_path):
    # The acceptance server runs in this process: it reads the setting per request.
    monkeypatch.setenv("IMIO_MUNICIPAL_ACCESS_JOURNAL", str(tmp_path / "journal.sqlite"))


def search_person(page, base_url):
    page.goto(f"{base_url}/namur/@@data-subject")
    page.fill("#subject-niss", NISS)
    with page.expect_navigation():
        page.locator("form.subject-search button[type=submit]").click()


@pytest.mark.parametrize("layout", list(WIDTHS))
def test_dpo_answers_an_access_request(page, base_url, login, screenshot, layout):
    page.set_viewport_size({"width": WIDTHS[layout], "height": 900})
    login(page, "namur-dpo", "demo")
    search_person(page, base_url)
    dossier_link = page.locator("#subject-dossiers a").first
    dossier_url = dossier_link.get_attribute("href")
    page.context.clear_cookies()

    login(page, "namur-agent-urbanisme", "demo")
    assert page.goto(dossier_url).status == 200
    expect(page.locator(".dossier-applicants")).to_contain_text("Marie Lambotte")
    page.context.clear_cookies()

    login(page, "namur-dpo", "demo")
    search_person(page, base_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Données détenues sur une personne")
    expect(page.locator("#subject-journal")).to_contain_text("namur-agent-urbanisme")
    expect(page.locator("#subject-dossiers li").first).to_be_visible()
    screenshot(page, f"dpo-data-subject-{layout}")

    pdf = page.request.get(page.locator("a.subject-pdf").get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    data = page.request.get(page.locator("a.subject-json").get_attribute("href")).json()
    assert data["person"]["niss"] == "85073003328"

    page.goto(f"{base_url}/namur/@@access-journal?niss={NISS}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Journal des accès")
    rows = page.locator(".journal-entries tbody tr")
    expect(rows.filter(has_text="namur-agent-urbanisme")).to_have_count(1)
    screenshot(page, f"dpo-access-journal-{layout}")
