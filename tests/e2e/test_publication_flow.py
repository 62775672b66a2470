"""A regulation published by the secretariat, then found and checked by a citizen.

Namur's secretary opens an executory regulation that names a private person
(her name, address and NISS, and a neighbour « M. Delvaux » the detector can
only suspect), checks the public version in the preview, decides on the
suspect, and publishes it, with the local RFC 3161 timestamp authority and
the local signing CA configured as `make run` does. An anonymous visitor then goes from Namur's
home page to its publications, finds the regulation by the filters and by
full-text search, reads it masked, downloads its PDF, verifies the proof and
fetches the open data. The public pages pass axe-core (no serious or critical
violation).

The Zope server of the acceptance layer runs in the test process: the
authority's environment variables, set here, are the ones publication reads.
"""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import executory_act
from imio.municipal.publication import decisions
from imio.municipal.publication.core.masking import MARKER
from imio.municipal.publication.texts import public_texts
from imio.municipal.testing import require_libreoffice
from playwright.sync_api import expect
from plone.app.textfield.value import RichTextValue
from zope.component.hooks import setSite

import csv
import datetime
import hashlib
import io
import pytest
import re
import shutil
import subprocess
import transaction


PASSWORD = "demo"
SECRETARY = "namur-secretaire"
TITLE = "Règlement de police relatif aux dépôts sauvages dans le quartier des Casernes"
# The private person the regulation names (a canary: never on a public page).
PERSON = "Élise Fontaine-Lambert"
SURNAME = "Fontaine-Lambert"
ADDRESS = "rue Godefroid 21, 5000 Namur"
NISS = "85.07.30-033.28"
# Named after a civil title, not linked to the act: a suspect to decide on.
SUSPECT = "Delvaux"
MOTIVATION = (
    f"<p>Vu la pétition déposée par Madame {PERSON}, domiciliée rue Godefroid 21 à "
    f"5000 Namur (registre national {NISS}), au nom des riverains du quartier des "
    "Casernes;</p>"
    f"<p>Vu l'avis de M. {SUSPECT}, riverain;</p>"
    "<p>Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
    "articles L1122-30, L1133-1 et L1133-2;</p>"
    f"<p>Considérant que Mme {SURNAME} signale des dépôts sauvages récurrents;</p>"
)
DECISION = (
    "<p>Article 1er : Tout dépôt de déchets sur la voie publique est interdit dans le "
    "quartier des Casernes.</p>"
    "<p>Article 2 : Les infractions sont punies d'une amende administrative de 350 € au "
    "plus.</p>"
)
SIGNATORIES = [
    {"function": "Le Directeur général", "name": "Laurent Vercruysse"},
    {"function": "Le Bourgmestre", "name": "Maxence Hérion"},
]
CANARIES = (PERSON, SURNAME, "Godefroid", NISS, "85073003328", SUSPECT)

# axe-core's violations that come from Plone's Barceloneta theme, not from our
# templates: its colours for the search button in the main navigation bar
# (`btn-outline-light` on the blue bar), the breadcrumbs and the footer's links
# are below WCAG AA's 4.5:1. Only that rule, only in those parts of the page.
STATE = "#plone-contentmenu-workflow .toolbar-label span[class^='label-state-']"
NUMBER = re.compile(r"^(\d{4})/conseil/(\d+)$")
FR_DATE = re.compile(r"\d\d/\d\d/\d{4}")


# --- Fixtures -----------------------------------------------------------------


@pytest.fixture
def regulation(acceptance, signatures):
    """An executory council regulation of Namur naming a private person (committed)."""
    require_libreoffice(acceptance)  # the public PDF
    portal = acceptance["portal"]
    setSite(portal)
    act = executory_act(
        portal,
        title=TITLE,
        kind="regulation",
        matter="other_regulation",
        responsible_service="travaux",
        is_regulation=True,
        persons_concerned=f"{PERSON}, {ADDRESS}",
        motivation=RichTextValue(MOTIVATION, "text/html", "text/x-html-safe"),
        decision=RichTextValue(DECISION, "text/html", "text/x-html-safe"),
        signatories=SIGNATORIES,
    )
    transaction.commit()
    return act


@pytest.fixture
def visitor(browser, browser_context_args, acceptance):
    """A fresh browser context without any cookie: an anonymous citizen.

    Chromium's default locale (en-US): the pages are in French because the
    platform is. Closed before the acceptance layer's test tears down.
    """
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


# --- Helpers ------------------------------------------------------------------


def assert_french(page):
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def assert_no_canary(page):
    """No personal data of the act anywhere in the page's HTML."""
    html = page.content()
    for canary in CANARIES:
        assert canary not in html, f"{canary!r} is on {page.url}"


def search(page, **filters):
    """Fill the listing's filters (select by value, text by value) and submit."""
    form = page.locator("form.publications-filters")
    for name, value in filters.items():
        if name == "SearchableText":
            form.locator("#publications-text").fill(value)
        else:
            form.locator(f"#publications-{name}").select_option(value)
    with page.expect_navigation():
        form.get_by_role("button").click()
    return page.locator(".publications-list > li")


def open_publications_as_visitor(page, base_url):
    """From Namur's home page to its publications, through the links."""
    response = page.goto(f"{base_url}/namur")
    assert response.status == 200
    with page.expect_navigation():
        page.locator(
            f'.municipality-areas .card-title a[href="{base_url}/namur/publications"]'
        ).click()
    assert_french(page)
    expect(page.locator("form.publications-filters")).to_be_visible()


# --- Tests --------------------------------------------------------------------


def test_secretary_publishes_and_a_citizen_finds_and_checks_it(
    page, visitor, base_url, login, screenshot, regulation, tmp_path
):
    act_url = regulation.absolute_url()
    number = regulation.number
    year, sequence = NUMBER.match(number).groups()

    # --- The secretary: preview, decision on the suspect, publication ---------
    login(page, SECRETARY, PASSWORD)
    page.goto(act_url)
    expect(page.locator(STATE)).to_have_class("label-state-executory")
    page.click("#plone-contentmenu-workflow > a")
    with page.expect_navigation():
        page.click("#workflow-transition-publish")
    expect(page).to_have_url(f"{act_url}/@@publication-preview")
    assert_french(page)

    original = page.locator(".publication-original")
    public = page.locator(".publication-public")
    expect(original).to_contain_text(PERSON)
    expect(original).to_contain_text(NISS)
    expect(public).to_contain_text(MARKER)
    expect(public).to_contain_text("L1133-1")
    expect(public).to_contain_text("350 €")
    public_text = public.inner_text()
    for canary in CANARIES:
        assert canary not in public_text, canary

    findings = page.locator(".publication-findings tbody tr")
    for text in (PERSON, NISS):
        expect(findings.filter(has_text=text)).to_have_count(1)
    suspect = findings.filter(has_text=SUSPECT)
    expect(suspect).to_have_class(re.compile(r"\bfinding-undecided\b"))
    expect(page.locator(".publication-publish .alert-warning")).to_be_visible()

    # Publishing while « M. Delvaux » is undecided is refused, with the reason.
    with page.expect_navigation():
        page.locator(".publication-publish button").click()
    error = page.locator(".transition-error")
    expect(error).to_contain_text(f"« {SUSPECT} »")
    expect(error).to_contain_text("Décidez")
    page.goto(act_url)
    expect(page.locator(STATE)).to_have_class("label-state-executory")

    # The secretary masks the suspect and saves the choice: nothing is left to decide.
    page.goto(f"{act_url}/@@publication-preview")
    suspect.locator("select").select_option("mask")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer mes choix").click()
    expect(page.locator(".portalMessage").first).to_be_visible()
    expect(page.locator(".publication-findings .finding-undecided")).to_have_count(0)
    expect(page.locator(".publication-publish .alert-warning")).to_have_count(0)
    expect(suspect.locator("select")).to_have_value("mask")
    screenshot(page, "publication-preview")

    with page.expect_navigation():
        page.locator(".publication-publish button").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(act_url)}(/view)?$"))
    expect(page.locator(".transition-error")).to_have_count(0)
    expect(page.locator(STATE)).to_have_class("label-state-published")
    screenshot(page, "publication-published-act")

    # The preview now lists the public version at its stable URL.
    public_url = f"{base_url}/namur/publications/{year}/conseil/{sequence}"
    page.goto(f"{act_url}/@@publication-preview")
    expect(page.locator(f'a[href="{public_url}"]')).to_have_count(1)

    # --- The citizen: listing, filters, search -------------------------------
    open_publications_as_visitor(visitor, base_url)
    items = visitor.locator(".publications-list > li")
    expect(items.filter(has_text=TITLE)).to_have_count(1)
    # The demo's publications are there too (the police ordinance, the terrace).
    assert items.count() >= 2, items.count()
    assert_no_canary(visitor)
    screenshot(visitor, "publication-listing")

    items = search(visitor, year=year, body="conseil", kind="regulation", matter="other_regulation")
    expect(items.filter(has_text=TITLE)).to_have_count(1)
    for index in range(items.count()):
        expect(items.nth(index)).to_contain_text(f"{year}/conseil/")
    expect(visitor).to_have_url(re.compile(r"[?&]kind=regulation\b"))
    screenshot(visitor, "publication-listing-filtered")

    items = search(visitor, body="college")
    expect(items.filter(has_text=TITLE)).to_have_count(0)

    visitor.goto(f"{base_url}/namur/publications")
    items = search(visitor, SearchableText="dépôts sauvages")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text(TITLE)
    expect(items.first).to_contain_text(number)
    expect(visitor.locator(".publications-count")).to_contain_text("1")
    # The person's name is masked in the index too.
    visitor.goto(f"{base_url}/namur/publications")
    expect(search(visitor, SearchableText=SURNAME)).to_have_count(0)
    visitor.goto(f"{base_url}/namur/publications")
    items = search(visitor, SearchableText="dépôts sauvages")
    screenshot(visitor, "publication-listing-search")

    # --- The public page of the act ------------------------------------------
    with visitor.expect_navigation():
        items.first.get_by_role("link", name=TITLE).click()
    expect(visitor).to_have_url(public_url)
    assert_french(visitor)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator(".public-act-number")).to_have_text(number)
    facts = visitor.locator(".public-act-facts")
    expect(facts).to_contain_text("Obligatoire à partir du")
    # A regulation binds from the 5th day after its publication (today).
    binding = belgian_today() + datetime.timedelta(days=5)
    expect(visitor.locator(".public-binding-date")).to_contain_text(binding.strftime("%d/%m/%Y"))
    text = visitor.locator(".public-act-text")
    expect(text).to_contain_text(MARKER)
    expect(text).to_contain_text("Article 2")
    expect(visitor.locator(".public-act-signatories")).to_contain_text("Maxence Hérion")
    assert_no_canary(visitor)
    proof = visitor.locator(".public-act-proof")
    expect(proof.locator("code.public-sha256")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(proof.locator(".public-timestamp-time")).to_contain_text(FR_DATE)
    expect(proof.locator(".public-no-timestamp")).to_have_count(0)
    expect(proof.locator(".public-signed-by")).to_contain_text("Commune de Namur")
    expect(proof.locator(".public-timestamp-authority")).to_contain_text(
        "imio.municipal test timestamp authority"
    )
    expect(proof.locator(".public-not-signed")).to_have_count(0)
    screenshot(visitor, "publication-public-act")

    # The PDF.
    with visitor.expect_download() as download_info:
        proof.locator("a[href$='/@@download/pdf']").click()
    pdf_path = tmp_path / "public.pdf"
    download_info.value.save_as(pdf_path)
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    sha256 = proof.locator("code.public-sha256").inner_text()
    assert hashlib.sha256(pdf).hexdigest() == sha256
    if shutil.which("pdftotext"):
        pdf_text = subprocess.run(
            ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "dépôts sauvages" in pdf_text and MARKER in pdf_text, pdf_text
        for canary in CANARIES:
            assert canary not in pdf_text, canary

    # « Vérifier la preuve »: the stored PDF, then the copy just downloaded.
    with visitor.expect_navigation():
        proof.get_by_role("link", name="Vérifier la preuve").click()
    expect(visitor).to_have_url(f"{public_url}/@@verify-publication")
    result = visitor.locator(".verify-result")
    expect(result).to_have_class(re.compile(r"\bverify-valid\b"))
    expect(result).to_contain_text("Valide")
    visitor.set_input_files("#verify-pdf", str(pdf_path))
    with visitor.expect_navigation():
        visitor.locator(".verify-publication form button").click()
    expect(result).to_have_class(re.compile(r"\bverify-valid\b"))
    signature = visitor.locator(".verify-signature")
    expect(signature).to_have_class(re.compile(r"\bverify-signature-valid\b"))
    expect(signature).to_contain_text("Commune de Namur")
    screenshot(visitor, "publication-verify")
    # A modified copy is not the published one.
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(pdf + b"%modified\n")
    visitor.set_input_files("#verify-pdf", str(tampered))
    with visitor.expect_navigation():
        visitor.locator(".verify-publication form button").click()
    expect(result).to_have_class(re.compile(r"\bverify-invalid\b"))
    expect(signature).to_have_class(re.compile(r"\bverify-signature-invalid\b"))

    # --- Open data -----------------------------------------------------------
    visitor.goto(f"{base_url}/namur/publications")
    with visitor.expect_navigation():
        visitor.locator("form.publications-filters a[href$='/@@opendata']").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Données ouvertes")
    screenshot(visitor, "publication-opendata")
    csv_link = visitor.locator(".opendata a[href$='/@@opendata.csv']")
    response = visitor.request.get(csv_link.get_attribute("href"))
    assert response.ok, response.status
    assert "text/csv" in response.headers["content-type"]
    body = response.text()
    rows = list(csv.DictReader(io.StringIO(body)))
    ours = [row for row in rows if number in row.values()]
    assert len(ours) == 1, (number, rows)
    for canary in CANARIES:
        assert canary not in body, canary
    # The Atom feed announces it too, masked.
    feed = visitor.request.get(
        visitor.locator(".opendata a[href$='/@@publications.atom']").get_attribute("href")
    )
    assert feed.ok and "atom" in feed.headers["content-type"], feed.headers
    assert TITLE in feed.text()
    for canary in CANARIES:
        assert canary not in feed.text(), canary


def test_public_pages_pass_axe(axe, visitor, base_url, regulation):
    """No serious or critical axe-core violation on the citizen's pages."""
    # The secretary's choice in the preview: « M. Delvaux » is masked too.
    for finding in public_texts(regulation).undecided:
        decisions.decide(regulation, finding.key, "mask")
    do_transition(regulation, SECRETARY, "publish")
    transaction.commit()
    year, sequence = NUMBER.match(regulation.number).groups()
    public_url = f"{base_url}/namur/publications/{year}/conseil/{sequence}"

    pages = {
        "listing": f"{base_url}/namur/publications",
        "listing, searched": f"{base_url}/namur/publications?SearchableText=d%C3%A9p%C3%B4ts",
        "act": public_url,
        "verify": f"{public_url}/@@verify-publication",
        "open data": f"{base_url}/namur/publications/@@opendata",
    }
    for name, url in pages.items():
        response = visitor.goto(url)
        assert response.status == 200, (name, response.status)
        kept, _ignored = axe(visitor)
        # For the record (pytest -s): the minor and moderate ones.
        for violation in kept:
            print(f"{name}: not blocking:\n{axe.format([violation])}")
