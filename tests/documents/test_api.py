"""Documents over HTTP: discovery with @documents, generation, who may do it."""

from imio.municipal.testing import require_libreoffice

import pytest
import subprocess


@pytest.fixture
def secretary(api_as):
    return api_as("namur-secretaire")


@pytest.fixture
def adopted_url(secretary):
    """The demo's adopted fee regulation (under the approval tutelle)."""
    url = "/namur/actes/reglement-redevance-sur-loccupation-du-domaine-public-par-les-terrasses"
    body = secretary.get(url).json()
    assert body["review_state"] == "adopted", body.get("review_state")
    return body["@id"]


def documents(session, url):
    response = session.get(f"{url}/@documents")
    return response


def test_documents_lists_what_can_be_generated(secretary, adopted_url, functional):
    require_libreoffice(functional)
    response = documents(secretary, adopted_url)
    assert response.status_code == 200, response.text
    body = response.json()
    ids = [item["id"] for item in body["items"]]
    assert ids == ["deliberation", "register_extract", "transmission_letter"]
    assert body["pdf_available"] is True
    assert body["can_store_deliberation"] is True
    assert set(body["items"][0]["formats"]) == {"odt", "pdf", "docx"}


def test_generate_a_pdf_over_http(secretary, adopted_url, functional):
    require_libreoffice(functional)
    url = documents(secretary, adopted_url).json()["items"][0]["formats"]["pdf"]
    response = secretary.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "DÉLIBÉRATION DU CONSEIL COMMUNAL" in text


@pytest.mark.parametrize("user", [None, "gembloux-secretaire", "namur-agent-urbanisme"])
def test_who_cannot_see_the_act_cannot_generate(api_as, secretary, adopted_url, user):
    url = documents(secretary, adopted_url).json()["items"][0]["formats"]["odt"]
    session = api_as(user)
    response = session.get(url)
    assert response.status_code in (401, 403), response.status_code
    assert not response.content.startswith(b"PK")
    assert documents(session, adopted_url).status_code in (401, 403, 404)


def test_the_service_agent_may_generate(api_as, secretary, adopted_url):
    url = documents(secretary, adopted_url).json()["items"][0]["formats"]["odt"]
    response = api_as("namur-agent-finances").get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"PK")


@pytest.mark.parametrize("user", [None, "namur-secretaire", "gembloux-secretaire"])
def test_the_templates_are_not_for_municipal_users(api_as, user):
    session = api_as(user)
    assert session.get("/document-templates").status_code in (401, 403)
    assert session.get("/document-templates/deliberation").status_code in (401, 403)
    found = session.get("/@search", params={"portal_type": "ConfigurablePODTemplate"}).json()
    assert found["items_total"] == 0


def test_platform_admins_manage_the_templates(api_as):
    admin = api_as("admin")
    body = admin.get("/document-templates", params={"expand": "items"}).json()
    assert [item["@id"].rsplit("/", 1)[1] for item in body["items"]] == [
        "deliberation",
        "register_extract",
        "transmission_letter",
        "acknowledgement",
        "dossier_summary",
        "pic_summary",
        "minutes",
        "inquiry_report",
    ]
    assert admin.get("/document-templates").json()["review_state"] == "private"


def test_a_refusal_is_json_for_an_api_client(secretary, adopted_url):
    item = documents(secretary, adopted_url).json()["items"][0]
    response = secretary.get(
        item["formats"]["odt"].replace("output_format=odt", "output_format=xls")
    )
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "BadRequest"


def test_store_the_deliberation_over_rest(secretary, adopted_url, api_as, functional):
    require_libreoffice(functional)
    response = api_as("namur-agent-finances").post(f"{adopted_url}/@store-deliberation")
    assert response.status_code in (401, 403)
    response = secretary.post(f"{adopted_url}/@store-deliberation")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["title"].startswith("Délibération n° ")
    annex = secretary.get(body["@id"]).json()
    assert "file" in annex, annex
    assert annex["file"]["content-type"] == "application/pdf"
    assert annex["annex_category"]["token"] == "decision"


@pytest.mark.parametrize(
    "view", ["persistent-document-generation", "mailing-loop-persistent-document-generation"]
)
def test_documentgenerator_cannot_store_documents_for_viewers(api_as, secretary, adopted_url, view):
    """Its persistent views create files as a Manager for anyone who may view."""
    item = documents(secretary, adopted_url).json()["items"][0]
    agent = api_as("namur-agent-finances")
    url = item["formats"]["odt"].replace("@@document-generation", f"@@{view}")
    response = agent.get(url)
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "NotFound"
    listing = secretary.get(adopted_url, params={"expand": "items"}).json()
    assert [i for i in listing.get("items", []) if i["@type"] == "File"] == []
