"""Isolation as API clients see it: GET and @search."""

import pytest


INTERNAL = ("dossiers", "actes", "pic")


@pytest.mark.parametrize("sub", INTERNAL)
@pytest.mark.parametrize("login", ("namur-agent-urbanisme", "namur-college", "platform-admin"))
def test_namur_staff_reads_internal_folders(api_as, login, sub):
    response = api_as(login).get(f"/namur/{sub}")
    assert response.status_code == 200
    assert response.json()["@id"].endswith(f"/namur/{sub}")


@pytest.mark.parametrize("sub", INTERNAL)
@pytest.mark.parametrize("login", ("gembloux-agent-urbanisme", "gembloux-secretaire", None))
def test_others_get_no_internal_folder(api_as, login, sub):
    response = api_as(login).get(f"/namur/{sub}")
    assert response.status_code == 401
    body = response.json()
    assert body["type"] == "Unauthorized"
    assert "items" not in body and "title" not in body


@pytest.mark.parametrize("login", ("gembloux-agent-urbanisme", None))
def test_home_and_publications_are_public_over_rest(api_as, login):
    session = api_as(login)
    home = session.get("/namur")
    assert home.status_code == 200
    assert home.json()["ins_code"] == "92094"
    assert session.get("/namur/publications").status_code == 200


def test_home_listing_hides_internal_folders_from_anonymous(api_as):
    items = api_as(None).get("/namur").json()["items"]
    assert [item["@id"].rsplit("/", 1)[-1] for item in items] == ["publications"]


STRUCTURE = [
    "Municipality",
    "DossierFolder",
    "ActRegister",
    "InvestmentFolder",
    "PublicationFolder",
]


def search_ids(session, path):
    """The platform structure found under path (case files: tests/dossiers)."""
    params = {"path": path, "sort_on": "path", "portal_type": STRUCTURE}
    response = session.get("/@search", params=params)
    assert response.status_code == 200
    found = [item["@id"].split("/plone", 1)[1] for item in response.json()["items"]]
    # One level deep (the year/body sections of publications: tests/publication).
    return [found_path for found_path in found if found_path.count("/") <= path.count("/")]


def test_search_finds_namur_internals_for_namur_staff(api_as):
    assert search_ids(api_as("namur-agent-urbanisme"), "/plone/namur") == [
        "/namur",
        "/namur/actes",
        "/namur/dossiers",
        "/namur/pic",
        "/namur/publications",
    ]


@pytest.mark.parametrize("login", ("gembloux-agent-urbanisme", "gembloux-secretaire", None))
def test_search_hides_namur_internals_from_others(api_as, login):
    assert search_ids(api_as(login), "/plone/namur") == ["/namur", "/namur/publications"]


def test_search_of_the_whole_site_for_anonymous_shows_no_internal_folder(api_as):
    response = api_as(None).get("/@search", params={"path": "/plone", "b_size": 1000})
    found = [item["@id"].split("/plone", 1)[1] for item in response.json()["items"]]
    assert not [path for path in found if path.rsplit("/", 1)[-1] in INTERNAL]
    assert "/shared-projects" not in found
