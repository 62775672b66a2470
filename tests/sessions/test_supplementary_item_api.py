"""A councillor's supplementary item (CDLD L1122-24) and an urgency's votes
over REST: the same rules as the session's page, refused with a 400 and a
reason, nothing kept."""

from plone import api


def demo_council(portal):
    """The demo's council session convened today (about a week ahead)."""
    sessions = [
        obj
        for obj in portal["namur"]["seances"].objectValues()
        if obj.portal_type == "Session"
        and obj.body == "conseil"
        and api.content.get_state(obj) == "convened"
    ]
    assert sessions, "the demo convenes a council session"
    return sessions[0]


def agenda_titles(client, url) -> list:
    return [item["title"] for item in client.get(f"{url}/@agenda").json()["items"]]


def test_a_councillor_adds_his_supplementary_item_over_rest(api_as, functional_portal):
    url = demo_council(functional_portal).absolute_url()
    secretary, councillor = api_as("namur-secretaire"), api_as("namur-conseiller")
    before = agenda_titles(secretary, url)

    missing = councillor.post(
        f"{url}/@supplementary-item",
        json={"title": "Motion pour un abri vélo", "note": "", "draft_decision": "Décide."},
    )
    assert missing.status_code == 400, missing.text
    assert agenda_titles(secretary, url) == before

    added = councillor.post(
        f"{url}/@supplementary-item",
        json={
            "title": "Motion pour un abri vélo à la gare",
            "note": "Les navetteurs n'ont aucun abri.",
            "draft_decision": "Le conseil charge le collège d'étudier un abri.",
        },
    )
    assert added.status_code == 201, added.text
    assert agenda_titles(secretary, url) == [*before, "Motion pour un abri vélo à la gare"]
    item = secretary.get(f"{url}/@agenda").json()["items"][-1]
    assert item["kind"] == "supplementary"

    # An agent of a service is no councillor: refused, nothing added.
    agent = api_as("namur-agent-finances").post(
        f"{url}/@supplementary-item",
        json={"title": "Point d'un agent", "note": "Note.", "draft_decision": "Décide."},
    )
    assert agent.status_code in (400, 401, 403), agent.text
    assert len(agenda_titles(secretary, url)) == len(before) + 1


def test_an_urgency_voted_by_a_word_is_refused_with_a_reason(api_as, functional_portal):
    url = demo_council(functional_portal).absolute_url()
    secretary = api_as("namur-secretaire")
    before = agenda_titles(secretary, url)
    refused = secretary.post(
        f"{url}/@agenda", json={"act": "x", "kind": "urgent", "urgency_votes": "douze"}
    )
    assert refused.status_code == 400, refused.text
    assert "nombre entier" in refused.json()["message"]
    assert agenda_titles(secretary, url) == before
