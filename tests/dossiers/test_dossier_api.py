"""Case files over REST: the contract for API clients, and refusals as 400s."""

import pytest
import transaction


VALID = {
    "@type": "Dossier",
    "title": "Construction d'un car-port",
    "procedure": "pu",
    "responsible_service": "urbanisme",
    "applicants": [
        {
            "kind": "person",
            "name": "Anne Dupont",
            "niss": "85.07.30-033.28",
            "address": "Rue de Bruxelles 1, 5000 Namur",
            "email": "anne.dupont@example.be",
        },
        # A company omits the keys it has no use for.
        {"kind": "company", "name": "Immo Meuse SRL", "bce": "0216.689.981"},
    ],
    "received_date": "2026-03-02",
    "parcels": ["92094A0123/00B000"],
}


@pytest.fixture
def agent(api_as):
    return api_as("namur-agent-urbanisme")


def create(agent, **changes):
    return agent.post("/namur/dossiers", json={**VALID, **changes})


def refusal(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


def count_dossiers(functional_portal) -> int:
    transaction.begin()
    return len(functional_portal["namur"]["dossiers"].objectIds())


def test_create_read_and_the_contract_field_names(agent):
    response = create(agent)
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    body = agent.get(url).json()
    for name in (
        "reference",
        "procedure",
        "responsible_service",
        "applicants",
        "received_date",
        "completeness_date",
        "completeness_deadline",
        "decision_deadline",
    ):
        assert name in body, name
    assert body["reference"] is None
    assert body["procedure"]["token"] == "pu"
    assert body["responsible_service"]["token"] == "urbanisme"
    assert [a["kind"] for a in body["applicants"]] == ["person", "company"]
    assert body["applicants"][1]["niss"] is None
    # The deposit date is known: the acknowledgement deadline shows already.
    assert body["completeness_deadline"] == "2026-03-23"


def test_transitions_fill_reference_and_deadlines(agent):
    url = create(agent).json()["@id"]
    assert agent.post(f"{url}/@workflow/receive").status_code == 200
    body = agent.get(url).json()
    assert body["reference"].startswith("2026/pu/")
    assert body["completeness_deadline"] == "2026-03-23"
    agent.patch(url, json={"completeness_date": "2026-03-10"})
    assert agent.post(f"{url}/@workflow/declare_complete").status_code == 200
    assert agent.get(url).json()["decision_deadline"] == "2026-04-09"


@pytest.mark.parametrize(
    "changes,field,reason",
    [
        (
            {"applicants": [{"kind": "person", "name": "X", "niss": "85073003329"}]},
            "applicants",
            "85073003329",
        ),
        (
            {"applicants": [{"kind": "company", "name": "Y", "bce": "0216.689.982"}]},
            "applicants",
            "BCE",
        ),
        ({"applicants": []}, "applicants", "au moins un demandeur"),
        ({"responsible_service": "police"}, "responsible_service", "police"),
        ({"procedure": "pz"}, "procedure", "pz"),
        ({"extension_days": -5}, "extension_days", "-5"),
        ({"parcels": ["rue haute"]}, "parcels", "rue haute"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_saved(
    agent, functional_portal, changes, field, reason
):
    before = count_dossiers(functional_portal)
    message = refusal(create(agent, **changes))
    assert f"'field': '{field}'" in message
    assert reason in message
    assert count_dossiers(functional_portal) == before


def test_completeness_before_receipt_is_refused(agent, functional_portal):
    before = count_dossiers(functional_portal)
    message = refusal(create(agent, completeness_date="2026-03-01"))
    assert "01/03/2026" in message and "02/03/2026" in message
    assert count_dossiers(functional_portal) == before


def test_extension_beyond_the_maximum_is_refused_on_patch(agent, functional_portal):
    url = create(agent).json()["@id"]
    message = refusal(agent.patch(url, json={"extension_days": 45, "title": "Changed"}))
    assert "30" in message
    transaction.begin()
    assert agent.get(url).json()["title"] == VALID["title"]  # nothing half-saved


def test_a_refused_transition_is_a_400_with_the_reason_and_changes_nothing(agent):
    url = create(agent).json()["@id"]
    agent.post(f"{url}/@workflow/receive")
    response = agent.post(f"{url}/@workflow/declare_incomplete")
    assert response.status_code == 400
    assert "pièces manquantes" in response.json()["error"]["message"]
    assert agent.get(url).json()["review_state"] == "received"
    # With a comment but the required list still empty: still refused.
    response = agent.post(f"{url}/@workflow/withdraw", json={"comment": ""})
    assert response.status_code == 400
    assert "commentaire" in response.json()["error"]["message"]
    assert agent.get(url).json()["review_state"] == "received"


def test_a_transition_not_offered_says_why_and_changes_nothing(agent, api_as):
    url = create(agent).json()["@id"]
    message = refusal_of(agent.post(f"{url}/@workflow/decide"))
    assert "n'est pas possible dans l'état « Brouillon »" in message
    assert "fly" in refusal_of(agent.post(f"{url}/@workflow/fly"))
    assert agent.post(f"{url}/@workflow/receive").status_code == 200
    assert agent.post(f"{url}/@workflow/declare_complete").status_code == 200
    head = api_as("namur-chef-urbanisme")
    assert head.post(f"{url}/@workflow/propose").status_code == 200
    # Deciding is the secretariat's: the agent is told so, in French.
    message = refusal_of(agent.post(f"{url}/@workflow/decide"))
    assert "ne vous est pas permis dans l'état « Proposé »" in message
    assert agent.get(url).json()["review_state"] == "proposed"


def refusal_of(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["error"]["message"]


def test_other_municipality_and_anonymous_get_nothing(api_as, agent):
    url = create(agent).json()["@id"]
    for login in ("gembloux-agent-urbanisme", "namur-agent-travaux", None):
        assert api_as(login).get(url).status_code == 401, login


def test_college_reads_but_cannot_write(api_as, agent):
    url = create(agent).json()["@id"]
    college = api_as("namur-college")
    assert college.get(url).status_code == 200
    assert college.patch(url, json={"title": "X"}).status_code == 401
