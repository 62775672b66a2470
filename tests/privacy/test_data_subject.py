"""The DPO's search of a person across the municipality, and its exports."""

from imio.municipal.errors import InvalidInput
from imio.municipal.privacy import data_subject
from imio.municipal.privacy.data_subject import Person
from plone import api

import io
import json
import pikepdf
import pytest


def test_search_by_niss_finds_the_case_files_and_is_journalled(portal, access_journal):
    namur = portal["namur"]
    with api.env.adopt_user(username="namur-dpo"):
        report = data_subject.search(namur, Person(niss="85073003328"), source="test")
    expected = {
        brain.UID
        for brain in api.content.find(
            context=namur, applicant_niss="85073003328", unrestricted=True
        )
    }
    assert expected and {row["UID"] for row in report["dossiers"]} == expected
    [search] = access_journal.query("namur", user_id="namur-dpo")
    assert (search.source, search.persons) == ("search", ("85073003328",))
    # another municipality's case files are not in Namur's answer
    with api.env.adopt_user(username="gembloux-dpo"):
        other = data_subject.search(portal["gembloux"], Person(niss="85073003328"), source="t")
    assert not {row["UID"] for row in other["dossiers"]} & expected


def test_search_by_name_finds_acts_by_their_text_and_their_publication(portal):
    # The demo act naming him was published: his name was masked.
    with api.env.adopt_user(username="namur-dpo"):
        report = data_subject.search(
            portal["namur"], Person(name="Jean-Philippe Van den Berghe"), source="test"
        )
    titles = [row["title"] for row in report["acts"]]
    assert any("terrasse rue de Bruxelles" in title for title in titles), titles
    items = [item for publication in report["publications"] for item in publication["findings"]]
    for item in items:
        assert item["action"] in ("mask", "release")


@pytest.mark.parametrize(
    "form",
    [{}, {"niss": "12345678901"}, {"name": "Dupont"}, {"name": "Jean <script>"}],
)
def test_bad_requests_are_refused(form):
    with pytest.raises(InvalidInput):
        data_subject.person_from(form)


def test_exports_json_and_pdf(functional_app, functional_portal, access_journal):
    from plone.testing.zope import Browser

    browser = Browser(functional_app)
    browser.addHeader("Authorization", "Basic namur-dpo:demo")
    url = f"{functional_portal['namur'].absolute_url()}/@@data-subject-export"
    browser.open(f"{url}?niss=85073003328&format=json")
    assert browser.headers["content-type"] == "application/json"
    report = json.loads(browser.contents)
    assert report["person"]["niss"] == "85073003328"
    assert report["dossiers"]
    browser.open(f"{url}?niss=85073003328&format=pdf")
    assert browser.headers["content-type"] == "application/pdf"
    pdf = pikepdf.open(io.BytesIO(browser.contents))
    assert len(pdf.pages) >= 1
    assert [a.source for a in access_journal.query("namur", user_id="namur-dpo")] == [
        "search",
        "search",
    ]
