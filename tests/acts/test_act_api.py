"""Acts over REST: the contract, frozen fields refused with a reason."""

from datetime import date
from datetime import timedelta
from imio.municipal.core.calendar import belgian_today

import pytest


CREATE = {
    "@type": "Act",
    "title": "Règlement-taxe sur les secondes résidences",
    "kind": "deliberation",
    "body": "conseil",
    "matter": "tax_regulation",
    "responsible_service": "finances",
    # Before the transmission and the receipt the tests record (1-2 Oct).
    "session_date": "2026-09-28",
    "motivation": {"data": "<p>Vu le CDLD, art. L1122-30 ;</p>", "content-type": "text/html"},
    "decision": {"data": "<p>Article 1er : ...</p>", "content-type": "text/html"},
    "members_present": 37,
    "votes_for": 30,
    "votes_against": 5,
    "votes_abstention": 2,
}


@pytest.fixture
def act_url(api_as):
    response = api_as("namur-agent-finances").post("/namur/actes", json=CREATE)
    assert response.status_code == 201, response.text
    return response.json()["@id"]


def adopt(api_as, url):
    assert api_as("namur-chef-finances").post(f"{url}/@workflow/propose").status_code == 200
    secretary = api_as("namur-secretaire")
    assert secretary.post(f"{url}/@workflow/validate").status_code == 200
    assert secretary.post(f"{url}/@workflow/adopt").status_code == 200
    return secretary


def test_contract_fields(api_as, act_url):
    body = api_as("namur-agent-finances").get(act_url).json()
    for name in (
        "number",
        "kind",
        "body",
        "matter",
        "tutelle_regime",
        "session_date",
        "tutelle_receipt_date",
        "tutelle_deadline",
        "tutelle_outcome",
        "related_dossier",
    ):
        assert name in body, name
    assert body["tutelle_regime"] == "approval"
    assert body["number"] is None


def test_adoption_numbers_and_receipt_sets_the_deadline(api_as, act_url):
    secretary = adopt(api_as, act_url)
    assert secretary.get(act_url).json()["number"].startswith("2026/conseil/")
    # Without its deliberation PDF the act does not leave, and says why.
    refused = secretary.post(f"{act_url}/@workflow/transmit")
    assert refused.status_code == 400
    assert "PDF" in refused.json()["error"]["message"]
    assert secretary.get(act_url).json()["review_state"] == "adopted"
    assert secretary.post(f"{act_url}/@store-deliberation").status_code == 201
    assert secretary.post(f"{act_url}/@workflow/transmit").status_code == 200
    response = secretary.patch(
        act_url, json={"transmission_date": "2026-10-01", "tutelle_receipt_date": "2026-10-02"}
    )
    assert response.status_code == 204, response.text
    # 2 Oct + 30 = Sun 1 Nov; 2 Nov is a tutelle holiday (CDLD list): Tue 3 Nov.
    assert secretary.get(act_url).json()["tutelle_deadline"] == "2026-11-03"


def test_frozen_fields_refuse_a_patch_with_the_reason(api_as, act_url):
    secretary = adopt(api_as, act_url)
    response = secretary.patch(act_url, json={"votes_for": 31, "title": "X"})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "votes_for" in message
    body = secretary.get(act_url).json()
    assert body["votes_for"] == 30 and body["title"] == CREATE["title"]  # nothing half-saved


@pytest.mark.parametrize(
    "change,reason",
    [
        ({"votes_for": 31}, "38 votes"),  # 31 + 5 + 2 for 37 members present
        ({"tutelle_extension_days": 16}, "15"),
        ({"matter": "nope"}, "nope"),
    ],
)
def test_bad_input_is_a_400(api_as, change, reason):
    response = api_as("namur-secretaire").post("/namur/actes", json={**CREATE, **change})
    assert response.status_code == 400, response.text
    assert reason in response.json()["message"]


def test_adoption_in_the_future_is_refused(api_as):
    # A session is planned at most a year ahead; it is not adopted before it.
    planned = (belgian_today() + timedelta(days=60)).isoformat()
    response = api_as("namur-agent-finances").post(
        "/namur/actes", json={**CREATE, "session_date": planned}
    )
    url = response.json()["@id"]
    assert api_as("namur-chef-finances").post(f"{url}/@workflow/propose").status_code == 200
    secretary = api_as("namur-secretaire")
    secretary.post(f"{url}/@workflow/validate")
    response = secretary.post(f"{url}/@workflow/adopt")
    assert response.status_code == 400
    # in Belgian format (dd/mm/yyyy)
    assert date.fromisoformat(planned).strftime("%d/%m/%Y") in response.json()["error"]["message"]
    assert secretary.get(url).json()["review_state"] == "validated"


def test_never_visible_to_anonymous_or_other_municipality(api_as, act_url):
    adopt(api_as, act_url)
    for login in (None, "gembloux-secretaire", "namur-agent-urbanisme"):
        assert api_as(login).get(act_url).status_code == 401, login


def test_a_college_decision_is_not_taken_by_the_council(api_as):
    response = api_as("namur-agent-finances").post(
        "/namur/actes", json={**CREATE, "kind": "college_decision", "body": "conseil"}
    )
    assert response.status_code == 400
    message = response.json()["message"]
    assert "This kind of act is not decided by this body" in message or "organe" in message


def test_an_agent_may_not_write_the_tutelle_block(api_as):
    response = api_as("namur-agent-finances").post(
        "/namur/actes", json={**CREATE, "tutelle_receipt_date": "2026-10-02"}
    )
    assert response.status_code == 400
    assert "tutelle_receipt_date" in response.json()["message"]


def test_the_secretariat_overrides_the_regime_only_with_a_justification(api_as):
    secretary = api_as("namur-secretaire")
    response = secretary.post("/namur/actes", json={**CREATE, "regime_override": "general"})
    assert response.status_code == 400
    response = secretary.post(
        "/namur/actes",
        json={
            **CREATE,
            "regime_override": "general",
            "regime_justification": "Avis de la tutelle du 3 mars 2026 : transmission seule.",
        },
    )
    assert response.status_code == 201, response.text
    assert secretary.get(response.json()["@id"]).json()["tutelle_regime"] == "general"
    # An agent may not override it.
    response = api_as("namur-agent-finances").post(
        "/namur/actes",
        json={**CREATE, "regime_override": "none", "regime_justification": "x"},
    )
    assert response.status_code == 400
    assert "regime_override" in response.json()["message"]
