"""@authentic-lookup and @authentic-authorisations over REST: what an agent's
form and API clients see, refusals with their reason in French."""

from imio.municipal.demo.builders import build_dossier

import pytest
import transaction


AGENT = "namur-agent-urbanisme"


@pytest.fixture
def dossier_url(functional_portal):
    dossier = build_dossier(
        functional_portal,
        applicants=[
            {"kind": "person", "name": "Anne Dupont", "niss": "85073003328"},
            {"kind": "company", "name": "Immo", "bce": "0216.689.981"},
        ],
    )
    transaction.commit()
    return dossier.absolute_url()


def lookup(session, url, **body):
    return session.post(f"{url}/@authentic-lookup", json=body, headers={"Accept-Language": "fr"})


def test_the_agent_fills_a_company_row_and_sees_it_marked(bced, api_as, dossier_url):
    agent = api_as(AGENT)
    offered = agent.get(f"{dossier_url}/@authentic-lookup").json()
    assert [p["id"] for p in offered["purposes"]] == ["urbanism-permit"]
    assert offered["filled"] == [[], []]
    response = lookup(
        agent, dossier_url, kind="enterprise", number="0216689981", purpose="urbanism-permit", row=1
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["record"]["legal_form"] == "SRL"
    assert body["row"]["name"] == "Immo Meuse"
    assert body["row"]["address"] == "Boulevard d'Herbatte 44, 5000 Namur"
    assert body["filled"] == [[], ["address", "name"]]
    stored = agent.get(dossier_url).json()["applicants"][1]
    assert (stored["name"], stored["bce"]) == ("Immo Meuse", "0216689981")


def test_without_a_row_nothing_is_written(bced, api_as, dossier_url):
    agent = api_as(AGENT)
    response = lookup(
        agent, dossier_url, kind="person", number="85073003328", purpose="urbanism-permit"
    )
    assert response.status_code == 200, response.text
    assert response.json()["record"]["applicant"]["name"] == "Marie Lambotte"
    assert agent.get(dossier_url).json()["applicants"][0]["name"] == "Anne Dupont"


@pytest.mark.parametrize(
    "body, status, words",
    [
        ({"kind": "person", "number": "65010110177"}, 400, "ne connaît aucune personne"),
        ({"kind": "person", "number": "85073003329"}, 400, "pas un numéro NISS"),
        ({"kind": "person", "number": "85073003328", "row": 7}, 400, "pas de demandeur n° 8"),
        ({"kind": "somebody", "number": "85073003328"}, 400, "personne (NISS) ou une entreprise"),
    ],
)
def test_refusals_say_why_in_french(bced, api_as, dossier_url, body, status, words):
    response = lookup(api_as(AGENT), dossier_url, purpose="urbanism-permit", **body)
    assert response.status_code == status, response.text
    assert words in response.json()["message"]


def test_an_unknown_purpose_is_refused(bced, api_as, dossier_url):
    response = lookup(api_as(AGENT), dossier_url, kind="person", number="85073003328", purpose="x")
    assert response.status_code == 400
    assert "urbanism-permit" in response.json()["message"]


@pytest.mark.parametrize("mode, words", [("down", "ne répondent pas"), ("slow", "trop de temps")])
def test_a_failing_source_is_a_503_and_changes_nothing(bced, api_as, dossier_url, mode, words):
    bced.fault(mode)
    agent = api_as(AGENT)
    response = lookup(
        agent, dossier_url, kind="person", number="85073003328", purpose="urbanism-permit", row=0
    )
    assert response.status_code == 503, response.text
    assert words in response.json()["message"]
    assert agent.get(dossier_url).json()["applicants"][0]["name"] == "Anne Dupont"


def test_readers_may_not_look_up(bced, api_as, dossier_url):
    response = lookup(
        api_as("namur-college"),
        dossier_url,
        kind="person",
        number="85073003328",
        purpose="urbanism-permit",
    )
    assert response.status_code == 403
    assert "sources authentiques" in response.json()["message"]


def test_authorisations_are_kept_by_the_platform_admin(api_as):
    url = "/namur/@authentic-authorisations"
    assert api_as(AGENT).put(url, json={"urbanism-permit": "X"}).status_code in (401, 403)
    admin = api_as("admin")
    refused = admin.put(url, json={"urbanism-permit": "CSI 1", "environment-permit": " "})
    assert refused.status_code == 400
    kept = admin.get(url).json()["authorisations"]
    assert {a["id"] for a in kept} == {"urbanism-permit", "environment-permit"}
    replaced = admin.put(url, json={"urbanism-permit": "CSI 2"})
    assert replaced.status_code == 200, replaced.text
    assert [(a["id"], a["reference"]) for a in admin.get(url).json()["authorisations"]] == [
        ("urbanism-permit", "CSI 2")
    ]


def test_only_json_is_accepted(bced, api_as, dossier_url):
    """A cross-site form (text/plain) cannot make a lookup in an agent's name."""
    before = len(bced.requests())
    response = api_as(AGENT).post(
        f"{dossier_url}/@authentic-lookup",
        data='{"kind": "person", "number": "85073003328", "purpose": "urbanism-permit"}',
        headers={"Content-Type": "text/plain", "Accept": "application/json"},
    )
    assert response.status_code == 400
    assert len(bced.requests()) == before
