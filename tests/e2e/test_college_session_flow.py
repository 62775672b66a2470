"""A whole college session held by the secretariat in the browser.

Ten validated acts wait for a college session of today (the fixture); from
there on everything goes through the session's page: the secretary puts the
ten acts on the agenda with the page's form, reorders the agenda, convenes
the college, records the presences, opens the session, postpones one item
(first without a reason: refused, in French), adopts the remaining items in
one action, closes the session — the acts are numbered in agenda order — and
generates the minutes, whose PDF is read back.
Screenshots at 1280 and 390 px.
"""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_session
from imio.municipal.testing import require_libreoffice
from playwright.sync_api import expect
from session_pages import agenda_titles
from session_pages import item
from session_pages import pdf_text
from session_pages import propose
from session_pages import run_transition
from session_pages import submit
from zope.component.hooks import setSite

import pytest
import re
import transaction


PASSWORD = "demo"
SECRETARY = "namur-secretaire"
TITLES = [
    f"Décision du collège n° {n} : {subject}"
    for n, subject in enumerate(
        (
            "entretien des espaces verts de Jambes",
            "location d'un chapiteau pour les fêtes de Wallonie",
            "achat de mobilier scolaire",
            "réfection du trottoir rue de Fer",
            "subside à la maison de quartier de Bomel",
            "marché de fourniture de papier",
            "éclairage de la passerelle du Grognon",
            "convention avec l'office du tourisme",
            "désignation d'un auteur de projet pour l'école de Wépion",
            "mise à jour du plan d'urgence communal",
        ),
        1,
    )
]
POSTPONED = TITLES[4]
NUMBER = re.compile(r"^\d{4}/college/(\d+)$")
WIDTHS = (1280, 390)


@pytest.fixture
def college(acceptance):
    """A college session of today in preparation and ten validated acts (committed)."""
    require_libreoffice(acceptance)  # the minutes' PDF
    portal = acceptance["portal"]
    setSite(portal)
    session = build_session(portal, body="college", session_date=belgian_today())
    for title in TITLES:
        act = build_act(portal, title=title, body="college", kind="college_decision")
        do_transition(act, "namur-chef-finances", "propose")
        do_transition(act, SECRETARY, "validate")
    transaction.commit()
    return "/".join(session.getPhysicalPath()[2:])


def shots(page, name, screenshot):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if width == 390:
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_secretary_holds_a_college_session(page, base_url, login, screenshot, college):
    # A loaded machine: the pages of a session are slow to come.
    page.set_default_timeout(120_000)
    page.set_default_navigation_timeout(120_000)
    login(page, SECRETARY, PASSWORD)
    page.goto(f"{base_url}/{college.removeprefix('plone/')}")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    # The agenda is composed on the page: the form lists the validated acts.
    offered = page.locator(".session-propose-act label").all_inner_texts()
    assert set(TITLES) <= {text.strip() for text in offered}  # the demo's own acts too
    shots(page, "college-session-propose", screenshot)
    for title in TITLES:
        propose(page, title)
    expect(page.locator(".session-item")).to_have_count(10)
    assert agenda_titles(page) == TITLES
    offered = page.locator(".session-propose-act label").all_inner_texts()
    assert not set(TITLES) & {text.strip() for text in offered}
    shots(page, "college-session-agenda", screenshot)

    # The agenda is ordered: the last item goes up, the first goes down.
    submit(page, item(page, TITLES[9]).locator(".session-move-up"))
    expect(page.locator(".portalMessage").first).to_contain_text("Enregistré")
    submit(page, item(page, TITLES[0]).locator(".session-move-down"))
    order = [TITLES[1], TITLES[0], *TITLES[2:8], TITLES[9], TITLES[8]]
    assert agenda_titles(page) == order

    run_transition(page, "convene")
    # Presences: every member of the college present but the last one, excused.
    selects = page.locator(".session-presences select")
    count = selects.count()
    assert count >= 3
    for index in range(count):
        selects.nth(index).select_option("excused" if index == count - 1 else "present")
    submit(page, page.locator(".session-save-presences"))
    expect(page.locator(".portalMessage").first).to_contain_text("Enregistré")

    run_transition(page, "open")
    # Postponing needs a reason: refused in French, nothing changed.
    postponed = item(page, POSTPONED)
    postponed.locator(".session-item-postpone > summary").click()
    submit(page, postponed.locator(".session-postpone"))
    expect(page.locator(".session-error")).to_have_text(
        "Un commentaire est obligatoire : indiquez le motif (il est conservé dans l'historique)."
    )
    postponed = item(page, POSTPONED)
    expect(postponed.locator(".session-item-outcome")).to_have_count(0)
    postponed.locator(".session-item-postpone > summary").click()
    postponed.locator("input[name=comment]").fill("Devis complémentaire attendu")
    submit(page, postponed.locator(".session-postpone"))
    expect(item(page, POSTPONED).locator(".session-item-outcome")).to_have_text("Reporté")

    submit(page, page.locator(".session-adopt-remaining button"))
    expect(page.locator(".session-item-outcome", has_text="Adopté")).to_have_count(9)
    expect(page.locator(".session-adopt-remaining")).to_have_count(0)
    shots(page, "college-session-adopted", screenshot)

    run_transition(page, "close")
    # Numbered in agenda order, gapless; the postponed item has no number.
    numbers = []
    for title in order:
        number = item(page, title).locator(".session-item-act-number strong")
        if title == POSTPONED:
            expect(number).to_have_count(0)
            continue
        match = NUMBER.match(number.inner_text().strip())
        assert match, number.inner_text()
        numbers.append(int(match.group(1)))
    assert numbers == list(range(numbers[0], numbers[0] + 9))

    submit(page, page.locator(".session-generate-minutes"))
    link = page.locator("a.session-minutes-pdf")
    expect(link).to_have_text(re.compile(r"^proces-verbal-college-\d{4}-\d\d-\d\d\.pdf$"))
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert "mise à jour du plan d" in text and "maison de quartier de Bomel" in text
    assert "reporté à une séance ultérieure (Devis complémentaire attendu)." in text
    shots(page, "college-session-closed", screenshot)
