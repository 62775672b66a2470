"""The secretary generates the deliberation PDF of an adopted act from its page.

The acceptance layer has its own LibreOffice (imio.municipal.testing); the
demo's adopted act is Namur's "Règlement-redevance sur l'occupation du domaine
public par les terrasses". The first page of the PDF is converted to PNG with
pdftoppm and saved next to the screenshots, to be looked at.
"""

from imio.municipal.testing import require_libreoffice
from playwright.sync_api import expect

import re
import subprocess


PASSWORD = "demo"
SECRETARY = "namur-secretaire"
ACT = "namur/actes/reglement-redevance-sur-loccupation-du-domaine-public-par-les-terrasses"


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(out.stdout.decode().replace("\u00a0", " ").split())


def test_the_secretary_generates_and_stores_the_deliberation(
    page, base_url, login, screenshot, acceptance
):
    require_libreoffice(acceptance)
    login(page, SECRETARY, PASSWORD)
    page.goto(f"{base_url}/{ACT}")
    card = page.locator("#municipal-documents")
    expect(card).to_be_visible()
    expect(card.locator(".card-header")).to_have_text("Documents officiels")
    deliberation = card.locator('[data-document="deliberation"]')
    expect(deliberation.locator(".document-title")).to_have_text("Délibération")
    expect(card.locator('[data-document="register_extract"]')).to_be_visible()
    expect(card.locator('[data-document="transmission_letter"]')).to_be_visible()
    expect(card.locator(".documents-unavailable")).to_have_count(0)
    screenshot(page, "document-act-generate")

    # The PDF link opens the document in a new tab.
    with page.context.expect_event(
        "response", predicate=lambda response: "document-generation" in response.url
    ) as generated:
        deliberation.locator('a[data-format="pdf"]').click()
    response = generated.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    # (Chromium shows it in its PDF viewer: read the bytes with the same session)
    data = page.request.get(response.url).body()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "DÉLIBÉRATION DU CONSEIL COMMUNAL" in text
    assert re.search(r"Délibération n° \d{4}/conseil/\d+", text)
    assert "DÉCIDE :" in text
    page_one = screenshot.__globals__["SCREENSHOTS"] / "document-deliberation-page1"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", "-", str(page_one)],
        input=data,
        check=True,
    )
    assert page_one.with_suffix(".png").exists()

    # Store it as annex of the act: the file the exchange will send.
    with page.expect_navigation():
        deliberation.locator(".store-deliberation button").click()
    expect(page.locator(".portalMessage").first).to_contain_text(
        "Le PDF de la délibération est enregistré en annexe"
    )
    expect(page.locator("#municipal-documents")).to_contain_text("Délibération enregistrée")
    screenshot(page, "document-act-stored")
