"""The public face: the platform's home, each municipality's identity, the
public act read as a decision, and every main page accessible (axe-core, no
exception for the theme) and laid out without clipping at 1280 and 390 px.

Chromium keeps its default locale (en-US): the pages are French because the
platform is.
"""

from playwright.sync_api import expect

import pytest
import re


WIDTHS = {"desktop": 1280, "phone": 390}
FR_DATE = re.compile(r"\d\d/\d\d/\d{4}")
# The demo's colours (demo/faces.py), as the browser computes them.
NAMUR_RED = "rgb(138, 28, 43)"
GEMBLOUX_GREEN = "rgb(31, 92, 58)"


@pytest.fixture
def visitor(browser, browser_context_args, acceptance):
    """An anonymous citizen (no cookie), closed before the layer's test tears down."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def assert_not_plone_branded(page):
    """Plone is credited discreetly in the footer, never the site's identity."""
    expect(page.get_by_text("Powered by Plone")).to_have_count(0)
    logo = page.locator("#portal-logo img")
    expect(logo).to_have_count(1)
    assert "logo.png" not in (logo.get_attribute("src") or "")
    # The theme moves the footer portlets' content into its own footer rows.
    expect(page.locator("#portal-footer .colophon")).to_contain_text("GNU GPL")


def assert_no_clipping(page):
    """Nothing is wider than the window; a wide table scrolls in its own box,
    and at desktop width every table fits its box (no hidden column)."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url}: the page is {overflow}px wider than the window"
    tables = page.evaluate(
        """() => [...document.querySelectorAll("#content table")].map((table) => {
            const box = table.parentElement;
            const scrolling = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
            return {
                cls: table.className,
                fits: table.scrollWidth <= box.clientWidth + 1,
                scrolls: scrolling(table) || scrolling(box),
            };
        })"""
    )
    width = page.viewport_size["width"]
    for table in tables:
        if width >= WIDTHS["desktop"]:
            assert table["fits"], f"{page.url}: table {table['cls']!r} is clipped at {width}px"
        else:
            assert table["fits"] or table["scrolls"], (
                f"{page.url}: table {table['cls']!r} is clipped at {width}px"
            )


def check_page(page, axe, screenshot, name, layout):
    kept, ignored = axe(page)
    assert not ignored
    for violation in kept:
        print(f"{name} ({layout}): not blocking:\n{axe.format([violation])}")
    assert_no_clipping(page)
    screenshot(page, f"face-{name}-{layout}")


def test_platform_home_lists_municipalities_and_their_publications(visitor, base_url):
    visitor.goto(base_url)

    cards = visitor.locator(".platform-municipality")
    expect(cards).to_have_count(2)
    namur = cards.filter(has_text="Namur")
    expect(namur.locator(".platform-municipality-link")).to_have_attribute(
        "href", f"{base_url}/namur"
    )
    latest = namur.locator(".platform-latest li")
    expect(latest).to_have_count(3)
    expect(latest.first).to_contain_text(FR_DATE)
    expect(latest.first.locator("a")).to_have_attribute("href", re.compile("/namur/publications/"))
    expect(cards.filter(has_text="Gembloux").locator(".platform-latest li")).to_have_count(1)
    # The card wears its municipality's colour.
    expect(namur).to_have_css("border-top-color", NAMUR_RED)
    assert_not_plone_branded(visitor)
    expect(visitor.locator("#portal-logo img")).to_have_attribute("src", re.compile("@@site-logo/"))


def test_each_municipality_wears_its_own_identity(visitor, base_url):
    for city, title, colour in (
        ("namur", "Namur", NAMUR_RED),
        ("gembloux", "Gembloux", GEMBLOUX_GREEN),
    ):
        visitor.goto(f"{base_url}/{city}/publications")
        header = visitor.locator("#portal-logo")
        expect(header).to_have_attribute("href", f"{base_url}/{city}")
        expect(header.locator(".municipal-name")).to_have_text(title)
        logo = header.locator("img")
        expect(logo).to_have_attribute("src", f"{base_url}/{city}/@@images/logo")
        assert visitor.evaluate("(img) => img.naturalWidth", logo.element_handle()) > 0
        expect(visitor.locator("#portal-globalnav-wrapper")).to_have_css("background-color", colour)
        expect(visitor.locator("#portal-footer .copyright")).to_contain_text(title)
        assert_not_plone_branded(visitor)


def open_publication(page, base_url, city: str, title: str):
    page.goto(f"{base_url}/{city}/publications")
    page.get_by_role("link", name=re.compile(title)).first.click()
    return page.locator(".public-act-decision")


def test_council_decision_reads_the_vote_before_decides(visitor, base_url):
    decision = open_publication(visitor, base_url, "gembloux", "Octroi de subsides")

    expect(decision.locator(".public-act-body")).to_have_text("Le Conseil communal,")
    decides = decision.locator(".public-act-decides")
    expect(decides).to_have_text(
        re.compile(r"^\s*À l'unanimité des membres présents,\s+DÉCIDE :\s*$")
    )
    # The motivation comes before « DÉCIDE : », the articles after it.
    tops = visitor.evaluate(
        """() => [".public-act-motivation", ".public-act-decides", ".public-act-articles"]
            .map((s) => document.querySelector(s).getBoundingClientRect().top)"""
    )
    assert tops == sorted(tops)
    expect(decision.locator(".public-act-motivation")).to_contain_text("Vu")
    expect(decision.locator(".public-act-articles")).not_to_be_empty()
    # Not a regulation: no binding date.
    expect(decision.locator(".public-act-binding")).to_have_count(0)


def test_regulation_says_when_it_binds(visitor, base_url):
    decision = open_publication(visitor, base_url, "namur", "Ordonnance de police temporaire")

    expect(decision.locator(".public-act-body")).to_have_text("Le Collège communal,")
    expect(decision.locator(".public-act-decides-word")).to_have_text("DÉCIDE :")
    binding = decision.locator(".public-act-binding")
    expect(binding).to_contain_text("Ce règlement est obligatoire à partir du")
    expect(binding).to_contain_text(FR_DATE)


@pytest.mark.parametrize("layout", list(WIDTHS))
def test_public_pages_accessible_at_every_width(visitor, base_url, axe, screenshot, layout):
    visitor.set_viewport_size({"width": WIDTHS[layout], "height": 900})
    pages = {
        "platform-home": base_url,
        "namur-home-anonymous": f"{base_url}/namur",
        "namur-publications": f"{base_url}/namur/publications",
        "gembloux-home-anonymous": f"{base_url}/gembloux",
    }
    for name, url in pages.items():
        assert visitor.goto(url).status == 200
        check_page(visitor, axe, screenshot, name, layout)
    visitor.goto(f"{base_url}/namur/publications")
    visitor.get_by_role("link", name=re.compile("Ordonnance de police temporaire")).first.click()
    check_page(visitor, axe, screenshot, "public-act", layout)


def first_link(page, selector: str) -> str:
    return page.locator(selector).first.get_attribute("href")


@pytest.mark.parametrize("layout", list(WIDTHS))
def test_staff_pages_accessible_at_every_width(page, base_url, login, axe, screenshot, layout):
    page.set_viewport_size({"width": WIDTHS[layout], "height": 900})
    login(page, "namur-secretaire", "demo")
    pages = {
        "namur-home-staff": f"{base_url}/namur",
        "dossiers": f"{base_url}/namur/dossiers",
        "actes": f"{base_url}/namur/actes",
        "pic": f"{base_url}/namur/pic",
        "exchange-journal": f"{base_url}/namur/@@exchange-journal",
    }
    links = {}
    for name, url in pages.items():
        assert page.goto(url).status == 200
        check_page(page, axe, screenshot, name, layout)
        if name == "dossiers":
            links["dossier"] = first_link(page, ".dossier-table tbody a")
        elif name == "actes":
            links["act"] = first_link(page, ".act-table tbody a")
        elif name == "pic":
            links["pic-plan"] = first_link(page, "#content-core a[href*='/pic/']")
    for name, url in links.items():
        assert url, f"no {name} to open"
        assert page.goto(url).status == 200
        check_page(page, axe, screenshot, name, layout)
        # One « Historique » in the toolbar (the types' own action doubled it).
        expect(page.locator("#edit-zone [id^='contentview-history']")).to_have_count(1)
    # The investment table shows its last column (« Part communale ») at 1280 px.
    if layout == "desktop":
        page.goto(links["pic-plan"])
        last = page.locator("table.pic-investments thead th").last
        expect(last).to_have_text("Part communale")
        shown = last.evaluate(
            """(th) => th.getBoundingClientRect().right
                <= th.closest(".table-responsive").getBoundingClientRect().right + 1"""
        )
        assert shown, "« Part communale » is cut off at 1280 px"
