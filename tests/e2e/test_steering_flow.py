"""The steering dashboard in a browser, at desktop and phone widths.

The secretary opens Namur's dashboard: ten figures, each an inline SVG chart
named for screen readers, its table and its CSV link; the filters narrow it
to one service; the page passes axe-core; nothing loads from another host.
"""

from playwright.sync_api import expect

import pytest


WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.mark.parametrize("layout", list(WIDTHS))
def test_secretary_reads_the_dashboard(page, base_url, login, screenshot, axe, layout):
    page.set_viewport_size({"width": WIDTHS[layout], "height": 900})
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    login(page, "namur-secretaire", "demo")

    response = page.goto(f"{base_url}/namur/@@steering")

    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de pilotage")
    charts = page.locator(".steering-chart svg[role='img']")
    expect(charts).to_have_count(10)
    expect(page.locator(".steering-table")).to_have_count(10)
    expect(page.locator("a.steering-csv")).to_have_count(10)
    first = charts.first
    expect(first.locator("title").first).to_have_text("Dossiers reçus et décidés")
    # French months in the table beside the chart
    expect(page.locator(".steering-table").first).to_contain_text(" 2026")
    assert not [url for url in requested if not url.startswith("http://localhost")], requested

    kept, _ignored = axe(page)
    for violation in kept:
        print(f"not blocking:\n{axe.format([violation])}")
    screenshot(page, f"steering-{layout}")


def test_filter_by_service_and_download(page, base_url, login):
    login(page, "namur-secretaire", "demo")
    page.goto(f"{base_url}/namur/@@steering")
    page.select_option("#steering-service", "travaux")
    with page.expect_navigation():
        page.get_by_role("button", name="Afficher").click()
    assert "service=travaux" in page.url
    service_table = page.locator("#steering-dossiers_by_service-heading ~ div .steering-table")
    expect(service_table.locator("tbody tr")).to_have_count(1)
    link = page.locator("a.steering-csv").first.get_attribute("href")
    download = page.request.get(link)
    assert download.ok
    assert download.headers["content-type"].startswith("text/csv")
    assert download.text().lstrip("\ufeff").startswith("Mois;Reçus;Décidés")
