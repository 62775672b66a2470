"""The secretariat manages its people on « Personnel », in a browser.

Namur's directeur général creates an account, disables an agent (who then
cannot log in), tries a CSV import whose refused line is reported with its
number and reason, sees the log, and re-enables the agent. At desktop and
phone widths.
"""

from playwright.sync_api import expect

import pytest


WIDTHS = {"desktop": 1280, "phone": 390}
AGENT = "namur-agent-finances"


def open_personnel(page, base_url):
    assert page.goto(f"{base_url}/namur/@@personnel").status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Personnel")


def row_of(page, login):
    return page.locator(f".personnel-table tr[data-login='{login}']")


def cannot_log_in(page, base_url, login) -> bool:
    page.context.clear_cookies()
    page.goto(f"{base_url}/login")
    page.fill("#__ac_name", login)
    page.fill("#__ac_password", "demo")
    page.click("#buttons-login")
    page.wait_for_load_state()
    return "__ac" not in {cookie["name"] for cookie in page.context.cookies()}


@pytest.mark.parametrize("layout", list(WIDTHS))
def test_the_secretariat_manages_its_people(page, base_url, login, screenshot, layout, tmp_path):
    page.set_viewport_size({"width": WIDTHS[layout], "height": 900})
    login(page, "namur-secretaire", "demo")
    page.goto(f"{base_url}/namur")
    with page.expect_navigation():
        page.locator("a[href$='/namur/@@personnel']").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personnel")
    open_personnel(page, base_url)
    expect(row_of(page, "namur-agent-travaux")).to_be_visible()
    expect(page.locator(".personnel-table")).not_to_contain_text("gembloux-")

    new_login = f"nouvel.agent.{layout}"
    page.fill("#create-login", new_login)
    page.fill("#create-fullname", f"Nouvel Agent {layout}")
    page.fill("#create-email", f"nouvel.agent.{layout}@namur.be")
    page.select_option("#create-function", "agent")
    page.locator(".personnel-create select[name=service]").select_option(index=1)
    with page.expect_navigation():
        page.locator(".personnel-create button[value=create]").click()
    expect(row_of(page, new_login)).to_contain_text("Agent")

    with page.expect_navigation():
        row_of(page, AGENT).locator("button[value=disable]").click()
    expect(row_of(page, AGENT)).to_contain_text("Désactivé")
    expect(page.locator(".personnel-log-table tbody tr").first).to_contain_text("Compte désactivé")
    screenshot(page, f"personnel-{layout}")

    csv = tmp_path / "personnel.csv"
    csv.write_text(
        "identifiant;nom;courriel;service;fonction\n"
        "import.un;Import Un;import.un@namur.be;;collège\n"
        "import.deux;Import Deux;pas-une-adresse;;collège\n",
        encoding="utf-8",
    )
    page.set_input_files(".personnel-import input[type=file]", str(csv))
    with page.expect_navigation():
        page.locator(".personnel-import button[value=import]").click()
    refused = page.locator(".import-refused tbody tr")
    expect(refused).to_have_count(1)
    expect(refused.first).to_contain_text("3")
    expect(refused.first).to_contain_text("pas-une-adresse")
    screenshot(page, f"personnel-import-{layout}")

    assert cannot_log_in(page, base_url, AGENT)

    login(page, "namur-secretaire", "demo")
    open_personnel(page, base_url)
    with page.expect_navigation():
        row_of(page, AGENT).locator("button[value=enable]").click()
    expect(row_of(page, AGENT)).to_contain_text("Actif")
