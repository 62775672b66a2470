"""A council session convened and held by the secretariat in the browser.

Set-up (the domain, committed): three validated acts of Namur's council and
a council dated on the first working day a convocation sent today allows
(seven clear days, L1122-13); one act is a decision about a person (closed
session). The secretary puts the three acts on the agenda with the page's
form; once convened, the demo's councillor (``namur-conseiller``) adds his
supplementary item (L1122-24) with its note and draft decision on the same
page. The session is held on its day: after the convocation the test moves
the session's date to today (the days in between pass), the only change the
browser does not make.

In the browser: the agenda composed, convene, supplementary item, presences
of the demo's council of 47 (exactly the quorum present), open, a public vote per member, a secret
ballot on the closed-session item, a departure that loses the quorum (the vote
is refused with the French reason and nothing is kept), the arrival that
regains it, the vote then passes, an amended item, closing (acts numbered in
agenda order) and the minutes' PDF read back. Screenshots at 1280 and 390 px.
"""

from datetime import timedelta
from imio.municipal.core import calendar
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_session
from imio.municipal.sessions import rules
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
COUNCILLOR = "namur-conseiller"
BUDGET = "Modification budgétaire n° 3 du budget extraordinaire de l'exercice"
POLICE = "Règlement complémentaire de police relatif au stationnement rue de Fer"
PERSON = "Désignation d'une directrice à titre temporaire à l'école communale de Bouge"
MOTION = "Motion relative à l'éclairage des passages pour piétons de Jambes"
NUMBER = re.compile(r"^\d{4}/conseil/(\d+)$")
AMENDMENT = "Article 2 : l'étude porte aussi sur les passages de la rue de Dave."


def first_day_convened_today(today):
    """The first working day a council convened today may sit (L1122-13)."""
    day = today + timedelta(days=1)
    while not calendar.is_working_day(day) or rules.last_day_to_convene(day) < today:
        day += timedelta(days=1)
    return day


def council_act(portal, title):
    act = build_act(portal, title=title, body="conseil")
    do_transition(act, "namur-chef-finances", "propose")
    do_transition(act, SECRETARY, "validate")
    return act


@pytest.fixture
def council(acceptance):
    """A council session in preparation and three validated acts of the council
    (committed)."""
    require_libreoffice(acceptance)  # the minutes' PDF
    portal = acceptance["portal"]
    setSite(portal)
    day = first_day_convened_today(belgian_today())
    session = build_session(
        portal, body="conseil", session_date=day, start_time="19:30",
        place="Hôtel de ville, salle du conseil",
    )  # fmt: skip
    for title in (BUDGET, POLICE, PERSON):
        council_act(portal, title)
    transaction.commit()
    return {"portal": portal, "path": session.getPhysicalPath()}


def open_vote(page, title, mode):
    """The item's vote form, opened, with its way of voting chosen."""
    box = item(page, title)
    box.locator(".session-item-vote > summary").click()
    form = box.locator(".session-vote-form")
    form.locator(f"input[name=mode][value={mode}]").check()
    return form


def the_day_has_come(council):
    """The days between the convocation and the session pass (see the module's doc)."""
    transaction.begin()  # see what the browser's requests committed
    session = council["portal"].unrestrictedTraverse(council["path"])
    session.session_date = belgian_today()
    transaction.commit()


def test_the_secretary_holds_a_council_session(page, base_url, login, both_widths, council):
    # A loaded machine: the pages of a session are slow to come.
    page.set_default_timeout(120_000)
    page.set_default_navigation_timeout(120_000)
    login(page, SECRETARY, PASSWORD)
    url = f"{base_url}/{'/'.join(council['path'][2:])}"
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    # --- The agenda composed on the page, the decision about a person in closed session
    form = page.locator(".session-propose-form")
    form.get_by_label(PERSON, exact=True).check()
    form.locator("input[name=closed]").check()
    both_widths(page, "council-session-propose")
    for title, closed in ((BUDGET, False), (POLICE, False), (PERSON, True)):
        propose(page, title, closed=closed)
    assert agenda_titles(page) == [BUDGET, POLICE, PERSON]
    expect(item(page, PERSON).locator(".session-item-closed")).to_have_text("Point à huis clos")
    expect(page.locator(".session-item-closed")).to_have_count(1)

    # --- Convocation, then the councillor adds his supplementary item -------
    run_transition(page, "convene")
    expect(page.locator(".session-facts")).to_contain_text(
        re.compile(rf"Convocation envoyée le\s*{belgian_today():%d/%m/%Y}")
    )
    page.context.clear_cookies()
    login(page, COUNCILLOR, PASSWORD)
    page.goto(url)
    expect(page.locator(".session-propose-form")).to_have_count(0)
    form = page.locator(".session-supplementary-form")
    form.locator("input[name=title]").fill(MOTION)
    form.locator("textarea[name=note]").fill(
        "Plusieurs passages pour piétons de Jambes sont mal éclairés la nuit."
    )
    form.locator("textarea[name=draft_decision]").fill(
        "Article 1er : le collège fait étudier l'éclairage des passages pour piétons de Jambes."
    )
    both_widths(page, "council-session-supplementary")
    submit(page, form.locator(".session-supplementary-submit"))
    expect(page.locator(".session-error")).to_have_count(0)
    assert agenda_titles(page) == [BUDGET, POLICE, PERSON, MOTION]
    expect(item(page, MOTION).locator(".session-item-kind")).to_have_text("Point supplémentaire")
    page.context.clear_cookies()
    login(page, SECRETARY, PASSWORD)
    page.goto(url)

    # --- Presences: exactly the quorum present, the others excused ----------
    selects = page.locator(".session-presences select[name^=presence-]")
    in_office = selects.count()
    needed = in_office // 2 + 1
    assert in_office == 47  # Namur's council (CDLD L1122-3)
    for index in range(in_office):
        selects.nth(index).select_option("present" if index < needed else "excused")
    submit(page, page.locator(".session-save-presences"))
    expect(page.locator(".portalMessage").first).to_contain_text("Enregistré")

    the_day_has_come(council)
    page.reload()
    run_transition(page, "open")
    figures = page.locator(".session-quorum-figures")
    expect(figures).to_have_text(f"{needed} présents sur 47 membres en fonction ; {needed} requis.")
    expect(page.locator(".session-quorum")).to_have_count(0)

    # --- A public vote per member ----------------------------------------
    form = open_vote(page, BUDGET, "public")
    ballots = form.locator("select[name^=ballot-]")
    expect(ballots).to_have_count(needed)
    ballots.nth(needed - 1).select_option("against")
    ballots.nth(needed - 2).select_option("against")
    ballots.nth(needed - 3).select_option("abstention")
    both_widths(page, "council-session-public-vote")
    submit(page, form.locator(".session-record-vote"))
    budget = item(page, BUDGET)
    expect(budget.locator(".session-item-outcome")).to_have_text("Adopté")
    summary = budget.locator(".session-item-vote-summary li")
    expect(summary.first).to_have_text(f"{needed - 3} pour, 2 contre, 1 abstention")
    expect(summary.nth(1)).to_contain_text("Contre : ")

    # --- A secret ballot on the decision about a person (totals only) -------
    form = open_vote(page, PERSON, "secret")
    form.locator("input[name=votes_for]").fill(str(needed - 6))
    form.locator("input[name=votes_against]").fill("4")
    form.locator("input[name=abstentions]").fill("2")
    submit(page, form.locator(".session-record-vote"))
    person = item(page, PERSON)
    expect(person.locator(".session-item-vote-summary li")).to_have_text(
        [f"Scrutin secret : {needed - 6} pour, 4 contre, 2 abstentions"]
    )

    # --- A departure loses the quorum: the vote is refused, nothing kept ----
    leaving = page.locator("#session-movement-member option").first.inner_text().strip()
    page.locator("#session-movement-member").select_option(label=leaving)
    submit(page, page.locator(".session-leave"))
    warning = page.locator(".session-quorum")
    expect(warning).to_have_text(
        f"Quorum non atteint : {needed - 1} membres présents, {needed} requis (la majorité "
        "des 47 membres en fonction, CDLD L1122-17). Aucun vote n'est possible."
    )
    expect(page.locator(".session-movement-list")).to_contain_text(f"{leaving} quitte la séance")
    form = open_vote(page, POLICE, "unanimity")
    submit(page, form.locator(".session-record-vote"))
    expect(page.locator(".session-error")).to_contain_text("Quorum non atteint")
    expect(item(page, POLICE).locator(".session-item-outcome")).to_have_count(0)
    expect(item(page, POLICE).locator(".session-item-vote-summary")).to_have_count(0)
    both_widths(page, "council-session-quorum-lost")

    # --- The member comes back: the quorum is regained, the vote passes ------
    page.locator("#session-movement-member").select_option(label=leaving)
    submit(page, page.locator(".session-arrive"))
    expect(page.locator(".session-quorum")).to_have_count(0)
    expect(page.locator(".session-movement-list")).to_contain_text(f"{leaving} entre en séance")
    form = open_vote(page, POLICE, "unanimity")
    submit(page, form.locator(".session-record-vote"))
    expect(item(page, POLICE).locator(".session-item-vote-summary li")).to_have_text(
        [f"À l'unanimité ({needed} votants)"]
    )

    # --- The supplementary item, adopted as amended ------------------------
    form = open_vote(page, MOTION, "unanimity")
    form.locator("textarea[name=amendment]").fill(AMENDMENT)
    submit(page, form.locator(".session-record-vote"))
    motion = item(page, MOTION)
    expect(motion.locator(".session-item-outcome")).to_have_text("Adopté tel qu'amendé")
    expect(motion.locator(".session-item-vote-summary")).to_contain_text(
        f"Amendement : {AMENDMENT}"
    )
    both_widths(page, "council-session-voted")

    # --- Closing numbers the acts in agenda order --------------------------
    run_transition(page, "close")
    numbers = []
    for title in (BUDGET, POLICE, PERSON, MOTION):
        number = item(page, title).locator(".session-item-act-number strong").inner_text()
        match = NUMBER.match(number.strip())
        assert match, number
        numbers.append(int(match.group(1)))
    assert numbers == list(range(numbers[0], numbers[0] + 4))

    # --- The minutes: the secret ballot as totals, the closed part apart ----
    submit(page, page.locator(".session-generate-minutes"))
    link = page.locator("a.session-minutes-pdf")
    expect(link).to_have_text(re.compile(r"^proces-verbal-conseil-\d{4}-\d\d-\d\d\.pdf$"))
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    public, closed = text.split("Séance à huis clos (CDLD L1122-21)")
    # Titles may wrap in the PDF: look for a few words of each.
    assert "budget extraordinaire" in public and "passages pour piétons" in public
    assert "école communale de Bouge" not in public and "école communale de Bouge" in closed
    assert "Ont voté contre" in public and f"{leaving} quitte la séance" in text
    assert f"Au scrutin secret, par {needed - 6} voix pour, 4 voix contre et 2 abstentions." in (
        closed
    )
    # Totals only: nobody is named as voting on the decision about a person.
    assert "voté contre" not in closed and "abstenu" not in closed
    both_widths(page, "council-session-closed")
