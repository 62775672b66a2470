"""What is journalled when personal data is read, and who reads the journal."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser

import csv
import io
import json
import pytest
import transaction


def browser_as(app, login=None):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    if login == "admin":
        browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    elif login:
        browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


def refused(browser) -> bool:
    """An error status, or Plone's login or insufficient-privileges page instead."""
    if not browser.headers["status"].startswith("200"):
        return True
    return "/insufficient-privileges" in browser.url or "/login?" in browser.url


def namur_dossier(portal, niss="85073003328"):
    brains = api.content.find(
        context=portal["namur"], portal_type="Dossier", applicant_niss=niss, unrestricted=True
    )
    return brains[0]._unrestrictedGetObject()


def viewer_of(dossier) -> str:
    """A demo agent who may open the case file (its service's agent)."""
    return f"namur-agent-{dossier.responsible_service}"


def test_viewing_a_case_file_is_journalled_once_with_its_persons(
    functional_app, functional_portal, access_journal
):
    dossier = namur_dossier(functional_portal)
    login = viewer_of(dossier)
    browser = browser_as(functional_app, login)
    browser.open(dossier.absolute_url())
    assert browser.headers["status"].startswith("200")
    [entry] = access_journal.query("namur")
    assert (entry.user_id, entry.uid, entry.portal_type, entry.source) == (
        login,
        dossier.UID(),
        "Dossier",
        "view",
    )
    assert "85073003328" in entry.persons
    assert entry.path == "/".join(dossier.getPhysicalPath())


def test_rest_reads_are_journalled_as_rest(functional_app, functional_portal, access_journal):
    dossier = namur_dossier(functional_portal)
    browser = browser_as(functional_app, viewer_of(dossier))
    browser.addHeader("Accept", "application/json")
    browser.open(dossier.absolute_url())
    assert browser.headers["status"].startswith("200")
    assert [entry.source for entry in access_journal.query("namur")] == ["rest"]


def test_a_refused_read_and_an_item_without_personal_data_record_nothing(
    functional_app, functional_portal, access_journal
):
    dossier = namur_dossier(functional_portal)
    browser = browser_as(functional_app, "gembloux-agent-urbanisme")
    browser.open(dossier.absolute_url())
    assert refused(browser)
    browser = browser_as(functional_app, viewer_of(dossier))
    browser.open(functional_portal["namur"].absolute_url())
    assert access_journal.query("namur") == []
    assert access_journal.query("gembloux") == []


def test_a_case_file_flagged_without_personal_data_is_not_journalled(
    functional_app, functional_portal, access_journal
):
    dossier = namur_dossier(functional_portal)
    dossier.personal_data = False
    transaction.commit()
    browser_as(functional_app, viewer_of(dossier)).open(dossier.absolute_url())
    assert access_journal.query("namur") == []


@pytest.mark.parametrize("login", ["namur-dpo", "namur-secretaire"])
def test_the_dpo_and_secretariat_query_by_case_file_user_and_person(
    functional_app, functional_portal, access_journal, login
):
    dossier = namur_dossier(functional_portal)
    agent = viewer_of(dossier)
    browser_as(functional_app, agent).open(dossier.absolute_url())
    municipality = functional_portal["namur"].absolute_url()
    browser = browser_as(functional_app, login)
    browser.addHeader("Accept", "application/json")
    for query in (f"reference={dossier.reference}", f"user={agent}", "niss=85.07.30-033.28"):
        browser.open(f"{municipality}/@access-journal?{query}")
        assert browser.headers["status"].startswith("200"), query
        items = json.loads(browser.contents)["items"]
        assert [(item["user_id"], item["uid"]) for item in items] == [(agent, dossier.UID())]
    # the DPO's own consultations are journalled too, with the person asked about
    searches = access_journal.query("namur", user_id=login)
    assert len(searches) == 3
    assert searches[0].persons == ("85073003328",)


def test_the_csv_export_is_journalled_and_safe(functional_app, functional_portal, access_journal):
    dossier = namur_dossier(functional_portal)
    browser_as(functional_app, viewer_of(dossier)).open(dossier.absolute_url())
    browser = browser_as(functional_app, "namur-dpo")
    browser.open(
        f"{functional_portal['namur'].absolute_url()}/@@access-journal-csv?niss=85073003328"
    )
    assert browser.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(browser.contents.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["at", "user_id", "source"]
    assert [row[1] for row in rows[1:]] == [viewer_of(dossier)]
    assert rows[1][0][2] == "/"  # dd/mm/yyyy
    [export] = access_journal.query("namur", user_id="namur-dpo")
    assert export.source == "export"


def test_a_bad_filter_is_a_400_with_its_reason(functional_app, functional_portal):
    browser = browser_as(functional_app, "namur-dpo")
    browser.addHeader("Accept", "application/json")
    browser.addHeader("Accept-Language", "fr")
    browser.open(f"{functional_portal['namur'].absolute_url()}/@access-journal?niss=12345678901")
    assert browser.headers["status"].startswith("400")
    message = json.loads(browser.contents)["error"]["message"]
    assert "n'est pas un numéro NISS ou BIS valide" in message


@pytest.mark.parametrize(
    ("page", "accept"),
    [("@access-journal", "application/json"), ("@@access-journal", "text/html")],
)
def test_a_bad_batch_is_a_400_on_the_page_and_in_rest(
    functional_app, functional_portal, access_journal, page, accept
):
    browser = browser_as(functional_app, "namur-dpo")
    browser.addHeader("Accept", accept)
    browser.addHeader("Accept-Language", "fr")
    browser.open(f"{functional_portal['namur'].absolute_url()}/{page}?b_start=deux")
    assert browser.headers["status"].startswith("400")
    body = browser.contents
    body = body.decode("utf-8") if isinstance(body, bytes) else body
    assert "b_start : deux n'est pas un nombre entier." in body.replace("&#39;", "'")
    assert access_journal.query("namur") == []  # nothing shown, nothing journalled


def test_rest_and_page_share_one_batch(functional_app, functional_portal, access_journal):
    browser = browser_as(functional_app, "namur-dpo")
    browser.addHeader("Accept", "application/json")
    url = f"{functional_portal['namur'].absolute_url()}/@access-journal"
    for _ in range(3):  # each consultation is journalled: three entries
        browser.open(url)
    browser.open(f"{url}?b_start=1&b_size=1")
    answer = json.loads(browser.contents)
    assert (answer["b_start"], answer["b_size"], answer["more"]) == (1, 1, True)
    assert len(answer["items"]) == 1
    browser.open(f"{url}?b_size=5000")
    assert json.loads(browser.contents)["b_size"] == 200
    html = browser_as(functional_app, "namur-dpo")
    html.open(f"{functional_portal['namur'].absolute_url()}/@@access-journal?b_size=2")
    assert "b_size=2" in html.contents  # the next page keeps the page size
    assert [a.source for a in access_journal.query("namur")].count("rest") == 5


@pytest.mark.parametrize(
    ("login", "city"),
    [
        ("gembloux-dpo", "namur"),  # a DPO sees his municipality only
        ("namur-agent-urbanisme", "namur"),  # agents see nobody's entries
        ("namur-chef-urbanisme", "namur"),
        ("namur-college", "namur"),
        ("platform-admin", "namur"),  # the platform hosts, the municipality controls
        ("admin", "namur"),
        (None, "namur"),
    ],
)
def test_others_may_not_read_the_journal(functional_app, functional_portal, login, city):
    url = functional_portal[city].absolute_url()
    browser = browser_as(functional_app, login)
    for view in ("@@access-journal", "@@access-journal-csv", "@@data-subject"):
        browser.open(f"{url}/{view}")
        assert refused(browser), view
    browser.addHeader("Accept", "application/json")
    browser.open(f"{url}/@access-journal")
    assert browser.headers["status"][:3] in ("401", "403")
