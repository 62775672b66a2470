"""Who sees the steering dashboard, and what the page and its CSV hold."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser

import csv
import io
import pytest
import re


def browser_as(app, login=None):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    if login == "admin":
        browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    elif login:
        browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


def dashboard_url(portal, city="namur"):
    return f"{portal[city].absolute_url()}/@@steering"


@pytest.mark.parametrize("login", ["namur-secretaire", "namur-college"])
def test_secretariat_and_college_see_their_dashboard(functional_app, functional_portal, login):
    browser = browser_as(functional_app, login)
    browser.open(dashboard_url(functional_portal))
    assert browser.headers["status"].startswith("200")
    assert "Tableau de pilotage" in browser.contents
    assert "Dossiers reçus et décidés" in browser.contents
    # each chart is inline SVG, named for screen readers, without any script
    assert browser.contents.count('role="img"') == 10
    charts = re.findall(r'<svg [^>]*class="pygal-chart".*?</svg>', browser.contents, flags=re.S)
    assert len(charts) == 10
    assert not [chart for chart in charts if "<script" in chart]
    assert "kozea.github.io" not in browser.contents  # pygal's CDN


@pytest.mark.parametrize(
    ("login", "city"),
    [
        ("namur-agent-urbanisme", "namur"),
        ("namur-chef-urbanisme", "namur"),
        ("gembloux-secretaire", "namur"),
        (None, "namur"),
    ],
)
def test_agents_and_others_do_not(functional_app, functional_portal, login, city):
    browser = browser_as(functional_app, login)
    browser.open(dashboard_url(functional_portal, city))
    assert "Tableau de pilotage" not in browser.contents
    browser.open(f"{functional_portal[city].absolute_url()}/@@steering-csv?figure=dossier_flow")
    assert "received" not in browser.contents.lower()
    assert "Reçus" not in browser.contents


def test_platform_admins_see_every_municipality(functional_app, functional_portal):
    browser = browser_as(functional_app, "admin")
    browser.open(f"{functional_portal.absolute_url()}/@@steering-overview")
    assert browser.headers["status"].startswith("200")
    assert "Namur" in browser.contents and "Gembloux" in browser.contents
    secretary = browser_as(functional_app, "namur-secretaire")
    secretary.open(f"{functional_portal.absolute_url()}/@@steering-overview")
    assert "Tableau de pilotage" not in secretary.contents


def test_csv_is_the_table_of_the_page(functional_app, functional_portal):
    browser = browser_as(functional_app, "namur-secretaire")
    url = f"{functional_portal['namur'].absolute_url()}/@@steering-csv"
    browser.open(f"{url}?figure=dossiers_by_service&start=2026-01-01&end=2026-12-31")
    assert browser.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(browser.contents.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Service", "Reçus", "Décidés", "En retard aujourd'hui"]
    assert {row[0] for row in rows[1:]} >= {"urbanisme", "travaux"}
    assert all(cell.isdigit() for row in rows[1:] for cell in row[1:])


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("start=2026-13-01", "Le début de la période doit être une date"),
        ("start=2026-05-01&end=2026-01-01", "La période doit commencer avant de finir."),
        ("start=2000-01-01&end=2026-01-01", "au plus 60 mois"),
        ("service=inconnu", "Service inconnu."),
    ],
)
def test_bad_filters_are_refused_with_a_reason(functional_app, functional_portal, query, reason):
    browser = browser_as(functional_app, "namur-secretaire")
    browser.open(f"{dashboard_url(functional_portal)}?{query}")
    assert browser.headers["status"].startswith("400")
    assert reason in browser.contents


def test_unknown_figure_is_refused(functional_app, functional_portal):
    browser = browser_as(functional_app, "namur-secretaire")
    browser.open(f"{functional_portal['namur'].absolute_url()}/@@steering-csv?figure=secret")
    assert browser.headers["status"].startswith("400")
    assert "Figure inconnue." in browser.contents


def test_rest_answers_the_same_tables(api_as, functional_portal):
    session = api_as("namur-secretaire")
    url = f"{functional_portal['namur'].absolute_url()}/@steering"
    answer = session.get(f"{url}?start=2026-01-01&end=2026-03-31")
    assert answer.status_code == 200, answer.text
    figures = {figure["name"]: figure for figure in answer.json()["figures"]}
    assert len(figures) == 10
    flow = figures["dossier_flow"]
    assert [c["title"] for c in flow["columns"]] == ["Mois", "Reçus", "Décidés"]
    assert [row[0] for row in flow["rows"]] == ["2026-01", "2026-02", "2026-03"]
    refused = session.get(f"{url}?service=inconnu")
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "Service inconnu."
    assert api_as("namur-agent-urbanisme").get(url).status_code in (401, 403)
