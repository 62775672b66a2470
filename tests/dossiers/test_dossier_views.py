"""The Classic UI of case files: transition form, dashboard, worklist."""

from imio.municipal.demo.builders import build_dossier
from plone import api
from plone.testing.zope import Browser

import pytest
import re
import transaction


def browser_as(app, login):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


@pytest.fixture
def proposed(functional_portal):
    """The demo file "Extension d'une maison unifamiliale" is proposed."""
    return functional_portal["namur"]["dossiers"]["extension-dune-maison-unifamiliale"]


def post_transition(browser, dossier, transition, comment=""):
    url = f"{dossier.absolute_url()}/@@dossier-transition?transition={transition}"
    browser.open(url)
    browser.getControl(name="comment").value = comment
    browser.getControl(name="form.buttons.confirm").click()
    return browser


def test_send_back_without_comment_is_refused_and_nothing_changes(functional_app, proposed):
    browser = post_transition(browser_as(functional_app, "namur-secretaire"), proposed, "send_back")
    assert "transition-error" in browser.contents
    assert "@@dossier-transition" in browser.url
    transaction.begin()
    assert api.content.get_state(proposed) == "proposed"


def test_send_back_with_comment_goes_back_to_the_service(functional_app, proposed):
    browser = browser_as(functional_app, "namur-secretaire")
    post_transition(browser, proposed, "send_back", "Joindre l'avis de la CCATM.")
    assert browser.url == proposed.absolute_url()
    transaction.begin()
    assert api.content.get_state(proposed) == "in_progress"
    agent = browser_as(functional_app, "namur-agent-urbanisme")
    agent.open(proposed.absolute_url())
    assert "Joindre l&#x27;avis de la CCATM." in agent.contents or (
        "Joindre l'avis de la CCATM." in agent.contents
    )


def test_a_refused_transition_shows_its_reason(functional_app, functional_portal):
    obj = build_dossier(functional_portal)
    transaction.commit()
    browser = browser_as(functional_app, "namur-agent-urbanisme")
    post_transition(browser, obj, "receive")
    post_transition(browser, obj, "declare_incomplete")
    assert "transition-error" in browser.contents
    transaction.begin()
    assert api.content.get_state(obj) == "received"


def test_a_transition_the_user_may_not_take_is_not_offered(functional_app, proposed):
    browser = browser_as(functional_app, "namur-agent-urbanisme")
    browser.open(f"{proposed.absolute_url()}/@@dossier-transition?transition=decide")
    assert browser.url == proposed.absolute_url()  # sent back to the file
    transaction.begin()
    assert api.content.get_state(proposed) == "proposed"


def test_the_dossier_page_shows_deadlines_with_urgency(functional_app, proposed):
    browser = browser_as(functional_app, "namur-agent-urbanisme")
    browser.open(proposed.absolute_url())
    assert proposed.reference in browser.contents
    assert re.search(r'class="deadline deadline-(overdue|soon|ok)', browser.contents)
    assert "Marie Lambotte" in browser.contents
    assert "dossier-history" in browser.contents


def test_a_met_deadline_reads_as_a_step_completed_without_a_byline(functional_app, proposed):
    browser = browser_as(functional_app, "namur-agent-urbanisme")
    browser.addHeader("Accept-Language", "fr")
    browser.open(proposed.absolute_url())
    done = re.search(r'class="deadline deadline-done.*?</li>', browser.contents, re.DOTALL)
    assert done, "the proposed file's completeness deadline is met"
    assert "Étape franchie" in done.group(0)
    assert "Ne court pas" not in browser.contents
    # Plone's « par … — Dernière modification » is not shown on the product's content.
    assert 'id="section-byline"' not in browser.contents


def dashboard_rows(functional_app, login, query=""):
    browser = browser_as(functional_app, login)
    browser.open(f"{api.portal.get().absolute_url()}/namur/dossiers{query}")
    return re.findall(r'class="dossier-row urgency-(\w+)"', browser.contents), browser.contents


def test_no_decided_file_is_marked_as_still_to_do(functional_app, functional_portal):
    _, page = dashboard_rows(functional_app, "namur-secretaire")
    rows = re.findall(
        r'<tr class="dossier-row urgency-(\w+)".*?<span class="state-(\w+)"', page, re.DOTALL
    )
    decided = [urgency for urgency, state in rows if state == "decided"]
    assert decided, "the demo lists a decided file"
    assert set(decided) == {"none"}
    assert {urgency for urgency, state in rows if state != "decided"} - {"none"}


def test_dashboard_lists_what_the_user_may_see(functional_app, functional_portal):
    agent_rows, _ = dashboard_rows(functional_app, "namur-agent-urbanisme")
    secretary_rows, _ = dashboard_rows(functional_app, "namur-secretaire")
    # The travaux file is not the urbanism agent's business; the secretary sees all.
    assert len(secretary_rows) == len(agent_rows) + 1


def test_dashboard_filters_overdue_and_search(functional_app, functional_portal):
    rows, _ = dashboard_rows(functional_app, "namur-secretaire", "?due=overdue")
    assert rows and set(rows) == {"overdue"}
    rows, page = dashboard_rows(functional_app, "namur-secretaire", "?q=Lambotte")
    assert (
        len(rows) == 1
        and "Extension d&#x27;une maison unifamiliale" in page
        or (len(rows) == 1 and "Extension d'une maison unifamiliale" in page)
    )
    rows, _ = dashboard_rows(functional_app, "namur-secretaire", "?service=travaux")
    assert len(rows) == 1


def test_dashboard_counts_per_state(functional_app):
    _, page = dashboard_rows(functional_app, "namur-secretaire")
    pill = r'state-(\w+)[^"]*"\s*href="[^"]*"[^>]*>.*?<span class="badge bg-secondary">(\d+)<'
    counts = dict(re.findall(pill, page, re.S))
    assert counts["in_progress"] == "1"
    assert counts["submitted"] == "1"
    assert counts["proposed"] == "1"
    assert counts["decided"] == "1"


def test_dashboard_is_batched(functional_app, functional_portal):
    for index in range(25):
        build_dossier(functional_portal, title=f"Lot {index:02d}", responsible_service="travaux")
    transaction.commit()
    rows, page = dashboard_rows(functional_app, "namur-secretaire", "?service=travaux")
    assert len(rows) == 20
    assert "b_start:int=20" in page or "b_start=20" in page


def test_worklist_on_the_municipality_home(functional_app, functional_portal):
    def items(login):
        """The case files in the user's worklist: {reason}."""
        browser = browser_as(functional_app, login)
        browser.open(functional_portal["namur"].absolute_url())
        rows = re.findall(
            r'class="worklist-item reason-(\w+)".*?<a href="([^"]+)"', browser.contents, re.S
        )
        return [reason for reason, url in rows if "/dossiers/" in url]

    assert items("namur-secretaire") == ["decide"]  # the proposed file
    assert set(items("namur-chef-urbanisme")) == {"validate"}
    assert "handle" in items("namur-agent-urbanisme")
    assert items("gembloux-agent-urbanisme") == []
