"""Sessions over REST: the same rules, refused with a 400 and a reason."""

from imio.municipal.core.calendar import belgian_today
from plone import api

import transaction


COLLEGE_DECISION = {
    "@type": "Act",
    "title": "Achat de mobilier scolaire",
    "kind": "college_decision",
    "body": "college",
    "matter": "other",
    "responsible_service": "finances",
}


def validated_act(api_as, **fields):
    response = api_as("namur-agent-finances").post("/namur/actes", json=COLLEGE_DECISION | fields)
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    assert api_as("namur-chef-finances").post(f"{url}/@workflow/propose").status_code == 200
    assert api_as("namur-secretaire").post(f"{url}/@workflow/validate").status_code == 200
    return response.json()["UID"]


def test_a_college_session_over_rest(api_as, functional_portal):
    # The test composes its own college: the demo's is set aside.
    folder = functional_portal["namur"]["seances"]
    with api.env.adopt_roles(["Manager"]):
        folder.manage_delObjects(
            [obj.getId() for obj in folder.objectValues() if obj.portal_type == "Mandate"]
        )
    transaction.commit()
    secretary = api_as("namur-secretaire")
    mandates = []
    for person, office, rank in (
        ("Alice Fictive", "bourgmestre", None),
        ("Bruno Imaginaire", "echevin", 1),
        ("Chloé Exemple", "echevin", 2),
    ):
        response = secretary.post(
            "/namur/seances",
            json={
                "@type": "Mandate",
                "person": person,
                "office": office,
                "rank": rank,
                "start": "2024-12-02",
            },
        )
        assert response.status_code == 201, response.text
        mandates.append(response.json()["UID"])
    bad = secretary.post(
        "/namur/seances",
        json={
            "@type": "Mandate",
            "person": "Sans Rang",
            "office": "echevin",
            "start": "2024-12-02",
        },
    )
    assert bad.status_code == 400 and "rang" in bad.text

    response = secretary.post(
        "/namur/seances",
        json={"@type": "Session", "body": "college", "session_date": belgian_today().isoformat()},
    )
    assert response.status_code == 201, response.text
    session = response.json()["@id"]
    first, second = validated_act(api_as), validated_act(api_as, title="Convention de prêt")

    council_act = validated_act(api_as, title="Budget", kind="deliberation", body="conseil")
    refused = secretary.post(f"{session}/@agenda", json={"act": council_act})
    assert refused.status_code == 400 and "autre organe" in refused.json()["message"]
    assert secretary.get(f"{session}/@agenda").json()["items"] == []

    for uid in (first, second):
        assert secretary.post(f"{session}/@agenda", json={"act": uid}).status_code == 201
    items = secretary.get(f"{session}/@agenda").json()["items"]
    moved = secretary.post(
        f"{session}/@agenda-item", json={"item": items[1]["item"], "action": "move", "position": 1}
    )
    assert [i["act_uid"] for i in moved.json()["items"]] == [second, first]

    agent = api_as("namur-agent-finances")
    assert agent.post(f"{session}/@agenda", json={"act": first}).status_code in (401, 403)

    assert secretary.post(f"{session}/@workflow/convene").status_code == 200
    assert secretary.post(f"{session}/@workflow/open").status_code == 200
    quorum = secretary.post(f"{session}/@adopt-remaining")
    assert quorum.status_code == 400 and "Quorum" in quorum.json()["message"]
    presences = {"presences": {uid: "present" for uid in mandates[:2]}}
    assert secretary.post(f"{session}/@presences", json=presences).status_code == 200
    over = secretary.post(
        f"{session}/@agenda-item",
        json={
            "item": items[0]["item"],
            "action": "vote",
            "mode": "secret",
            "totals": {"votes_for": 2, "votes_against": 1, "abstentions": 0},
        },
    )
    assert over.status_code == 400 and "3 voix" in over.json()["message"]
    assert secretary.post(f"{session}/@adopt-remaining").status_code == 200
    closed = secretary.post(f"{session}/@workflow/close")
    assert closed.status_code == 200, closed.text
    # Numbered in agenda order: the moved item first.
    urls = [item["act"] for item in moved.json()["items"]]
    numbers = [secretary.get(url).json()["number"] for url in urls]
    sequences = [int(number.rsplit("/", 1)[-1]) for number in numbers]
    assert sequences[1] == sequences[0] + 1
    act = secretary.get(urls[0]).json()
    assert (act["members_present"], act["votes_for"], act["unanimity"]) == (2, 2, True)
    again = secretary.post(f"{session}/@workflow/close")
    assert again.status_code == 400
