"""Shared projects over REST: the contract, bad input as 400s, access."""

from imio.municipal.demo.builders import adopt_council_act
from plone import api

import pytest
import transaction


NAMUR, GEMBLOUX, ANDENNE = "92094", "92142", "92003"
PROJECT = {
    "@type": "SharedProject",
    "title": "Maison de l'emploi Namur-Gembloux",
    "objectives": "Un guichet commun pour l'emploi.",
    "lead_municipality": NAMUR,
    "partners": [GEMBLOUX],
    "budget_total": "300000.1",
    "shares": [
        {"ins_code": NAMUR, "percent": "66.67"},
        {"ins_code": GEMBLOUX, "percent": "33.33"},
    ],
    "milestones": [{"title": "Convention signée", "due": "2027-01-15", "done": False}],
}


def search(session) -> list[str]:
    found = session.get("/@search", params={"portal_type": "SharedProject"}).json()
    return [item["@id"] for item in found["items"]]


@pytest.fixture
def lead(api_as):
    return api_as("namur-secretaire")


@pytest.fixture
def project_url(lead):
    response = lead.post("/shared-projects", json=PROJECT)
    assert response.status_code == 201, response.text
    return response.json()["@id"]


def test_the_contract(lead, project_url):
    body = lead.get(project_url).json()
    assert body["lead_municipality"]["token"] == NAMUR
    assert [p["token"] for p in body["partners"]] == [GEMBLOUX]
    assert body["budget_total"] == "300000.10"
    assert body["shares"] == [
        {"ins_code": NAMUR, "percent": "66.67"},
        {"ins_code": GEMBLOUX, "percent": "33.33"},
    ]
    assert body["milestones"][0]["title"] == "Convention signée"
    assert body["review_state"] == "draft"


def test_approvals_summary(lead, project_url):
    summary = lead.get(f"{project_url}/@approving-act").json()
    assert summary["missing"] == [NAMUR, GEMBLOUX]
    assert [p["ins_code"] for p in summary["participants"]] == [NAMUR, GEMBLOUX]


@pytest.mark.parametrize(
    "changes, words",
    [
        (
            {
                "shares": [
                    {"ins_code": NAMUR, "percent": "60"},
                    {"ins_code": GEMBLOUX, "percent": "30"},
                ]
            },
            ["90", "100"],
        ),
        ({"partners": [GEMBLOUX, GEMBLOUX]}, ["92142"]),
        ({"partners": [GEMBLOUX, NAMUR]}, ["92094"]),
        ({"budget_total": "-5"}, ["budget_total"]),
        ({"partners": []}, ["2"]),
        ({"shares": [{"ins_code": NAMUR, "percent": "100"}]}, ["92142"]),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(functional_portal, lead, changes, words):
    response = lead.post("/shared-projects", json={**PROJECT, **changes})
    assert response.status_code == 400, response.text
    message = response.json()["message"]
    for word in words:
        assert word in message
    transaction.begin()
    assert "maison-de-lemploi-namur-gembloux" not in functional_portal["shared-projects"]


def test_another_municipality_cannot_start_a_project_it_does_not_lead(functional_portal, api_as):
    response = api_as("gembloux-secretaire").post("/shared-projects", json=PROJECT)
    assert response.status_code == 400
    assert "92094" in response.json()["message"]
    transaction.begin()
    assert "maison-de-lemploi-namur-gembloux" not in functional_portal["shared-projects"]


def test_an_agent_cannot_start_a_project(api_as):
    response = api_as("namur-agent-travaux").post("/shared-projects", json=PROJECT)
    assert response.status_code == 401


def test_the_lead_cannot_change(lead, project_url):
    response = lead.patch(project_url, json={"lead_municipality": GEMBLOUX})
    assert response.status_code == 400
    assert "92094" in response.json()["message"]


def test_approving_acts_are_not_patched(lead, project_url):
    response = lead.patch(project_url, json={"approving_acts": []})
    assert response.status_code == 400
    assert "@approving-act" in response.json()["message"]


def test_partner_access_follows_the_partners_field(api_as, lead, project_url, andenne_committed):
    partner = api_as("gembloux-agent-travaux")
    assert partner.get(project_url).status_code == 401  # draft: the lead's only
    assert lead.post(f"{project_url}/@workflow/propose").status_code == 200
    assert partner.get(project_url).status_code == 200
    assert project_url in search(partner)
    outsider = api_as("andenne-agent-travaux")
    assert outsider.get(project_url).status_code == 401
    assert search(outsider) == []
    assert api_as().get(project_url).status_code == 401

    response = lead.patch(
        project_url,
        json={
            "partners": [ANDENNE],
            "shares": [
                {"ins_code": NAMUR, "percent": "50"},
                {"ins_code": ANDENNE, "percent": "50"},
            ],
        },
    )
    assert response.status_code == 204, response.text
    assert partner.get(project_url).status_code == 401
    assert project_url not in search(partner)
    assert outsider.get(project_url).status_code == 200


def test_attach_and_activate(functional_portal, api_as, lead, project_url):
    assert lead.post(f"{project_url}/@workflow/propose").status_code == 200
    transaction.begin()
    namur_act = adopt_council_act(functional_portal)
    gembloux_act = adopt_council_act(functional_portal, municipality="gembloux")
    transaction.commit()
    partner = api_as("gembloux-secretaire")

    refused = partner.post(
        f"{project_url}/@approving-act", json={"act": api.content.get_uuid(namur_act)}
    )
    assert refused.status_code == 400
    assert "conseil" in refused.json()["message"]
    assert partner.post(f"{project_url}/@approving-act", json={}).status_code == 400
    agent = api_as("gembloux-agent-travaux")
    forbidden = agent.post(
        f"{project_url}/@approving-act", json={"act": api.content.get_uuid(gembloux_act)}
    )
    assert forbidden.status_code == 401

    summary = partner.post(
        f"{project_url}/@approving-act", json={"act": api.content.get_uuid(gembloux_act)}
    ).json()
    assert summary["missing"] == [NAMUR]
    blocked = lead.post(f"{project_url}/@workflow/activate")
    assert blocked.status_code == 400
    assert "Namur (92094)" in blocked.json()["error"]["message"]

    lead.post(f"{project_url}/@approving-act", json={"act": api.content.get_uuid(namur_act)})
    assert lead.post(f"{project_url}/@workflow/activate").status_code == 200
    assert lead.get(project_url).json()["review_state"] == "active"
