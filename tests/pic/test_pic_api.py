"""PIC over REST: money as "1234.56" strings, bad input as 400s."""

import pytest


PLAN = {
    "@type": "InvestmentPlan",
    "title": "PIC 2025-2027",
    "period": "2025-2027",
    "envelope": "1250000.5",
    "responsible_service": "finances",
}


@pytest.fixture
def agent(api_as):
    return api_as("namur-agent-finances")


@pytest.fixture
def plan_url(agent):
    response = agent.post("/namur/pic", json=PLAN)
    assert response.status_code == 201, response.text
    return response.json()["@id"]


def test_money_travels_as_strings_with_two_decimals(agent, plan_url):
    body = agent.get(plan_url).json()
    assert body["envelope"] == "1250000.50"
    assert body["subsidy_rate"] == "60"
    response = agent.post(
        plan_url,
        json={
            "@type": "Investment",
            "title": "Égouttage",
            "category": "sewers",
            "estimate_incl_vat": "500000",
            "spge_share": "200000.1",
        },
    )
    assert response.status_code == 201, response.text
    investment = agent.get(response.json()["@id"]).json()
    assert investment["spge_share"] == "200000.10"
    assert investment["subsidy"] == "179999.94"  # 60 % of 299 999.90
    assert investment["phase"]["token"] == "A"


@pytest.mark.parametrize(
    "fields,reason",
    [
        ({"category": "roads", "spge_share": "1000"}, "SPGE"),
        ({"subsidy_rate": "101"}, "101"),
        ({"estimate_incl_vat": "-5"}, "-5"),
    ],
)
def test_bad_investments_are_refused(agent, plan_url, fields, reason):
    response = agent.post(
        plan_url,
        json={"@type": "Investment", "title": "X", "estimate_incl_vat": "1000", **fields},
    )
    assert response.status_code == 400, response.text
    assert reason in response.json()["message"]


def test_other_municipalities_see_nothing(api_as, plan_url):
    for login in ("gembloux-agent-finances", None, "namur-agent-urbanisme"):
        assert api_as(login).get(plan_url).status_code == 401, login


def test_an_spge_share_larger_than_the_estimate_is_refused(agent, plan_url):
    response = agent.post(
        plan_url,
        json={
            "@type": "Investment",
            "title": "Égouttage",
            "category": "sewers",
            "estimate_incl_vat": "1000",
            "spge_share": "2000",
        },
    )
    assert response.status_code == 400
    assert "2000" in response.json()["message"]


def test_the_plan_page_shows_the_envelope_bar(api_as, plan_url, functional_app):
    from plone.testing.zope import Browser

    browser = Browser(functional_app)
    browser.addHeader("Authorization", "Basic namur-agent-finances:demo")
    browser.open(plan_url)
    assert "pic-envelope-bar" in browser.contents
    assert "1\xa0250\xa0000,50\xa0€" in browser.contents
