"""The advice page of an act (Classic UI): read, ask, give, refusals shown."""

import re


CREATE = {
    "@type": "Act",
    "title": "Marché de services : entretien des espaces verts",
    "kind": "college_decision",
    "body": "college",
    "responsible_service": "travaux",
    "financial_impact": "64000.00",
}


def token(html: str) -> str:
    return re.search(r'name="_authenticator"\s+value="([^"]+)"', html).group(1)


def page(session, url):
    response = session.get(f"{url}/@@act-advice", headers={"Accept": "text/html"})
    assert response.status_code == 200, response.status_code
    return response.text


def test_ask_and_give_in_the_browser(api_as):
    agent = api_as("namur-agent-travaux")
    url = agent.post("/namur/actes", json=CREATE).json()["@id"]
    html = page(agent, url)
    assert "64\u00a0000,00" in html  # thousands and cents the Belgian way
    assert "l'avis du directeur financier est obligatoire" in html
    assert "demandez d'abord l'avis de légalité du directeur financier" in html
    # An urgency without motivation is refused with the reason, nothing asked.
    refused = agent.post(
        f"{url}/@@act-advice",
        data={
            "kind": "financial_director",
            "urgent": "1",
            "form.ask": "1",
            "_authenticator": token(html),
        },
        headers={"Accept": "text/html"},
    )
    assert "motivez-la" in refused.text
    assert agent.get(f"{url}/@advice").json()["items"] == []
    asked = agent.post(
        f"{url}/@@act-advice",
        data={"kind": "financial_director", "form.ask": "1", "_authenticator": token(html)},
        headers={"Accept": "text/html"},
    )
    assert "L'avis a été demandé." in asked.text
    assert "Attendu" in asked.text
    director = api_as("namur-directeur-financier")
    html = page(director, url)
    assert "Rendre l'avis" in html
    advice_id = re.search(r'name="advice"\s+type="hidden"\s+value="([0-9a-f]+)"', html).group(1)
    given = director.post(
        f"{url}/@@act-advice",
        data={
            "advice": advice_id,
            "sense": "unfavourable",
            "text": "Aucun crédit n'est inscrit au budget.",
            "form.give": "1",
            "_authenticator": token(html),
        },
        headers={"Accept": "text/html"},
    )
    assert "L'avis a été rendu." in given.text
    assert "Défavorable" in given.text
    assert "Aucun crédit" in given.text
    # The adviser has no form to ask, and the agent none to give.
    assert "Demander l'avis" not in given.text
    assert "Rendre l'avis" not in page(agent, url)
