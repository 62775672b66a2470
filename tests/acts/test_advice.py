"""The directeur financier's advice over REST: threshold, gate, access, refusals."""

from datetime import timedelta
from imio.municipal.acts import advice
from imio.municipal.core.calendar import belgian_today
from plone import api

import pytest
import transaction


CREATE = {
    "@type": "Act",
    "title": "Marché de travaux : rénovation de la toiture de l'école des Bas-Prés",
    "kind": "college_decision",
    "body": "college",
    "matter": "other",
    "responsible_service": "travaux",
    "financial_impact": "84500.00",
    "motivation": {
        "data": "<p>Vu le CDLD, art. L1222-3;</p><p>Considérant l'état de la toiture;</p>",
        "content-type": "text/html",
    },
}
DF = "namur-directeur-financier"


def create(api_as, **fields):
    response = api_as("namur-agent-travaux").post("/namur/actes", json={**CREATE, **fields})
    assert response.status_code == 201, response.text
    return response.json()["@id"]


@pytest.fixture
def act_url(api_as):
    return create(api_as)


def propose(api_as, url):
    assert api_as("namur-chef-travaux").post(f"{url}/@workflow/propose").status_code == 200


def message(response) -> str:
    """The reason of a refusal: workflow refusals nest it under "error"."""
    body = response.json()
    return body.get("error", body)["message"]


def ask_df(api_as, url, login="namur-agent-travaux", **extra):
    return api_as(login).post(f"{url}/@advice", json={"kind": "financial_director", **extra})


def test_the_gate_refuses_validation_without_the_compulsory_advice(api_as, act_url):
    propose(api_as, act_url)
    secretary = api_as("namur-secretaire")
    refused = secretary.post(f"{act_url}/@workflow/validate")
    assert refused.status_code == 400
    assert "directeur financier" in refused.json()["error"]["message"]
    assert "22" in refused.json()["error"]["message"]
    assert secretary.get(act_url).json()["review_state"] == "proposed"
    summary = secretary.get(f"{act_url}/@advice").json()
    assert summary["financial_director_required"] is True
    assert summary["threshold"] == "22000.00"
    assert len(summary["holds_back"]) == 1


def test_below_the_threshold_no_advice_is_needed(api_as):
    url = create(api_as, financial_impact="22000.00")
    propose(api_as, url)
    assert api_as("namur-secretaire").post(f"{url}/@workflow/validate").status_code == 200


def test_asked_then_given_lets_the_act_go_on(api_as, act_url):
    asked = ask_df(api_as, act_url)
    assert asked.status_code == 201, asked.text
    item = asked.json()["items"][0]
    assert item["status"] == "asked"
    assert item["adviser"] == "92094_financial_director"
    assert item["asked_on"] == belgian_today().isoformat()
    propose(api_as, act_url)
    secretary = api_as("namur-secretaire")
    pending = secretary.post(f"{act_url}/@workflow/validate")
    assert pending.status_code == 400
    assert item["due"][8:10] + "/" + item["due"][5:7] in pending.json()["error"]["message"]
    given = api_as(DF).post(
        f"{act_url}/@give-advice",
        json={
            "advice": item["id"],
            "sense": "favourable_with_remarks",
            "text": "Crédit 722/723-60.",
        },
    )
    assert given.status_code == 200, given.text
    assert given.json()["items"][0]["status"] == "given"
    assert given.json()["holds_back"] == []
    assert secretary.post(f"{act_url}/@workflow/validate").status_code == 200


def test_past_the_delay_the_act_goes_on_and_it_is_recorded(api_as, act_url, functional):
    portal = functional["portal"]
    assert ask_df(api_as, act_url).status_code == 201
    propose(api_as, act_url)
    transaction.begin()
    act = portal.unrestrictedTraverse(act_url.split(portal.absolute_url())[1].lstrip("/"))
    record = advice._records(act)[0]
    # Asked long ago: its last day has passed.
    record["asked_on"] = belgian_today() - timedelta(days=40)
    record["due"] = belgian_today() - timedelta(days=1)
    transaction.commit()
    secretary = api_as("namur-secretaire")
    assert secretary.post(f"{act_url}/@workflow/validate").status_code == 200
    item = secretary.get(f"{act_url}/@advice").json()["items"][0]
    assert item["status"] == "passed_over"
    assert item["passed_over_on"] == belgian_today().isoformat()
    # Too late now: the act went on without it.
    late = api_as(DF).post(
        f"{act_url}/@give-advice", json={"advice": item["id"], "sense": "favourable"}
    )
    assert late.status_code == 400
    assert "sans cet avis" in message(late)


def test_the_financial_director_reads_only_the_acts_he_is_asked_about(api_as, act_url):
    other = create(api_as, title="Achat de matériel de voirie")
    df = api_as(DF)
    assert df.get(act_url).status_code in (401, 403)
    assert ask_df(api_as, act_url).status_code == 201
    assert df.get(act_url).status_code == 200
    assert df.get(other).status_code in (401, 403)
    found = [
        item["@id"]
        for item in df.get("/namur/actes/@search", params={"portal_type": "Act"}).json()["items"]
    ]
    assert act_url in found and other not in found
    # Every act he finds (the demo's too) is one whose advice he was asked.
    for url in found:
        advisers = [item["adviser"] for item in df.get(f"{url}/@advice").json()["items"]]
        assert "92094_financial_director" in advisers, url
    # He never changes the act.
    assert df.patch(act_url, json={"title": "Autre"}).status_code in (401, 403)
    assert df.patch(act_url, json={"financial_impact": "1.00"}).status_code in (400, 401, 403)
    assert api_as("namur-agent-travaux").get(act_url).json()["title"] == CREATE["title"]
    # Nor does another municipality's directeur financier read it.
    assert api_as("gembloux-directeur-financier").get(act_url).status_code in (401, 403)


def test_bad_input_is_refused_with_a_reason(api_as, act_url):
    agent = api_as("namur-agent-travaux")
    unknown_kind = agent.post(f"{act_url}/@advice", json={"kind": "astrologer"})
    assert unknown_kind.status_code == 400
    wrong_type = agent.post(f"{act_url}/@advice", json={"kind": 3})
    assert wrong_type.status_code == 400
    own_service = agent.post(f"{act_url}/@advice", json={"kind": "service", "service": "travaux"})
    assert own_service.status_code == 400
    foreign = agent.post(f"{act_url}/@advice", json={"kind": "service", "service": "police"})
    assert foreign.status_code == 400
    urgent = ask_df(api_as, act_url, urgent=True)
    assert urgent.status_code == 400
    assert "motivation" in message(urgent)
    item = ask_df(api_as, act_url).json()["items"][0]
    again = ask_df(api_as, act_url)
    assert again.status_code == 400
    df = api_as(DF)
    empty = df.post(
        f"{act_url}/@give-advice", json={"advice": item["id"], "sense": "unfavourable", "text": " "}
    )
    assert empty.status_code == 400
    bad_sense = df.post(f"{act_url}/@give-advice", json={"advice": item["id"], "sense": "maybe"})
    assert bad_sense.status_code == 400
    unknown = df.post(f"{act_url}/@give-advice", json={"advice": "nope", "sense": "favourable"})
    assert unknown.status_code == 400
    # Nothing was saved by the refusals.
    assert len(agent.get(f"{act_url}/@advice").json()["items"]) == 1
    assert agent.get(f"{act_url}/@advice").json()["items"][0]["status"] == "asked"
    ok = df.post(
        f"{act_url}/@give-advice",
        json={"advice": item["id"], "sense": "unfavourable", "text": "Pas de crédit."},
    )
    assert ok.status_code == 200
    twice = df.post(f"{act_url}/@give-advice", json={"advice": item["id"], "sense": "favourable"})
    assert twice.status_code == 400
    assert agent.get(f"{act_url}/@advice").json()["items"][0]["sense"] == "unfavourable"


def test_nobody_else_gives_the_financial_directors_advice(api_as, act_url):
    item = ask_df(api_as, act_url).json()["items"][0]
    give = {"advice": item["id"], "sense": "favourable"}
    for login in ("namur-agent-travaux", "namur-secretaire", "admin", "namur-chef-finances"):
        refused = api_as(login).post(f"{act_url}/@give-advice", json=give)
        assert refused.status_code in (401, 403), (login, refused.status_code)
    assert api_as("namur-secretaire").get(f"{act_url}/@advice").json()["items"][0]["status"] == (
        "asked"
    )


def test_another_municipalitys_financial_director_cannot_give(api_as, act_url):
    item = ask_df(api_as, act_url).json()["items"][0]
    refused = api_as("gembloux-directeur-financier").post(
        f"{act_url}/@give-advice", json={"advice": item["id"], "sense": "favourable"}
    )
    assert refused.status_code in (401, 403)


def test_optional_advice_of_another_service(api_as):
    url = create(api_as, financial_impact="1200.00")
    asked = api_as("namur-agent-travaux").post(
        f"{url}/@advice", json={"kind": "service", "service": "urbanisme"}
    )
    assert asked.status_code == 201, asked.text
    item = asked.json()["items"][0]
    assert item["adviser"] == "92094_urbanisme_reviewers"
    assert item["adviser_title"] == "du service Urbanisme"
    propose(api_as, url)
    assert api_as("namur-secretaire").post(f"{url}/@workflow/validate").status_code == 400
    chef = api_as("namur-chef-urbanisme")
    assert chef.get(url).status_code == 200
    assert (
        chef.post(
            f"{url}/@give-advice", json={"advice": item["id"], "sense": "favourable"}
        ).status_code
        == 200
    )
    assert api_as("namur-secretaire").post(f"{url}/@workflow/validate").status_code == 200


def test_no_advice_is_asked_once_adopted(api_as):
    url = create(api_as, financial_impact=None)
    propose(api_as, url)
    secretary = api_as("namur-secretaire")
    assert secretary.post(f"{url}/@workflow/validate").status_code == 200
    secretary.patch(url, json={"session_date": belgian_today().isoformat()})
    assert secretary.post(f"{url}/@workflow/adopt").status_code == 200, url
    refused = ask_df(api_as, url, login="namur-secretaire")
    assert refused.status_code == 403
    assert api.content is not None
