"""The directeur financier extends the delay of his advice: once, with a reason, over REST."""

from datetime import timedelta
from imio.municipal.acts import advice
from imio.municipal.acts import advice_rules
from imio.municipal.core.calendar import belgian_today

import re
import transaction


CREATE = {
    "@type": "Act",
    "title": "Marché de fournitures : mobilier des écoles communales",
    "kind": "college_decision",
    "body": "college",
    "responsible_service": "travaux",
    "financial_impact": "48000.00",
}
DF = "namur-directeur-financier"
REASON = "Le dossier demande de vérifier le plan de financement avec la tutelle."


def asked_advice(api_as, **fields) -> tuple[str, dict]:
    created = api_as("namur-agent-travaux").post("/namur/actes", json={**CREATE, **fields})
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    kind = {"kind": "financial_director"}
    if fields.get("financial_impact") == "1200.00":
        kind = {"kind": "service", "service": "urbanisme"}
    asked = api_as("namur-agent-travaux").post(f"{url}/@advice", json=kind)
    assert asked.status_code == 201, asked.text
    return url, asked.json()["items"][0]


def message(response) -> str:
    body = response.json()
    return body.get("error", body)["message"]


def test_the_financial_director_extends_the_delay_once_with_a_reason(api_as):
    url, item = asked_advice(api_as)
    first_due = item["due"]
    director = api_as(DF)
    extended = director.post(
        f"{url}/@advice-extension", json={"advice": item["id"], "reason": REASON}
    )
    assert extended.status_code == 200, extended.text
    record = extended.json()["items"][0]
    asked_on = belgian_today()
    assert record["due"] == advice_rules.due_date(asked_on, extended=True).isoformat()
    assert record["due"] > first_due
    assert record["extended_on"] == belgian_today().isoformat()
    assert record["extended_by"] == DF
    assert record["extension_reason"] == REASON
    assert record["status"] == "asked"
    again = director.post(f"{url}/@advice-extension", json={"advice": item["id"], "reason": REASON})
    assert again.status_code == 400
    assert "une seule fois" in message(again)
    assert director.get(f"{url}/@advice").json()["items"][0]["due"] == record["due"]


def test_an_extension_without_a_reason_is_refused_and_nothing_saved(api_as):
    url, item = asked_advice(api_as)
    director = api_as(DF)
    for body in ({"advice": item["id"]}, {"advice": item["id"], "reason": "   "}):
        refused = director.post(f"{url}/@advice-extension", json=body)
        assert refused.status_code == 400
        assert "pourquoi" in message(refused)
    wrong_type = director.post(f"{url}/@advice-extension", json={"advice": item["id"], "reason": 3})
    assert wrong_type.status_code == 400
    unknown = director.post(f"{url}/@advice-extension", json={"advice": "nope", "reason": REASON})
    assert unknown.status_code == 400
    record = director.get(f"{url}/@advice").json()["items"][0]
    assert record["due"] == item["due"]
    assert "extended_on" not in record


def test_only_the_adviser_asked_extends_platform_admins_included(api_as):
    url, item = asked_advice(api_as)
    body = {"advice": item["id"], "reason": REASON}
    for login in (
        "namur-agent-travaux",
        "namur-secretaire",
        "namur-chef-finances",
        "gembloux-directeur-financier",
        "admin",
    ):
        refused = api_as(login).post(f"{url}/@advice-extension", json=body)
        assert refused.status_code in (401, 403), (login, refused.status_code)
    assert "extended_on" not in api_as(DF).get(f"{url}/@advice").json()["items"][0]


def test_a_given_advice_or_a_service_advice_is_not_extended(api_as):
    url, item = asked_advice(api_as)
    director = api_as(DF)
    given = director.post(f"{url}/@give-advice", json={"advice": item["id"], "sense": "favourable"})
    assert given.status_code == 200
    refused = director.post(
        f"{url}/@advice-extension", json={"advice": item["id"], "reason": REASON}
    )
    assert refused.status_code == 400
    assert "plus attendu" in message(refused)
    service_url, service_item = asked_advice(api_as, financial_impact="1200.00")
    refused = api_as("namur-chef-urbanisme").post(
        f"{service_url}/@advice-extension", json={"advice": service_item["id"], "reason": REASON}
    )
    assert refused.status_code == 400
    assert "directeur financier" in message(refused)


def test_past_its_delay_the_advice_is_not_extended(api_as, functional):
    url, item = asked_advice(api_as)
    portal = functional["portal"]
    transaction.begin()
    act = portal.unrestrictedTraverse(url.split(portal.absolute_url())[1].lstrip("/"))
    advice._records(act)[0]["due"] = belgian_today() - timedelta(days=1)
    transaction.commit()
    refused = api_as(DF).post(
        f"{url}/@advice-extension", json={"advice": item["id"], "reason": REASON}
    )
    assert refused.status_code == 400
    assert (belgian_today() - timedelta(days=1)).strftime("%d/%m/%Y") in message(refused)


def test_the_advice_page_extends_and_shows_the_extension_and_the_deliberation_names_it(
    api_as, functional
):
    url, item = asked_advice(api_as)
    director = api_as(DF)
    html = director.get(f"{url}/@@act-advice", headers={"Accept": "text/html"}).text
    assert "Proroger le délai" in html
    assert (
        "Proroger le délai"
        not in api_as("namur-agent-travaux")
        .get(f"{url}/@@act-advice", headers={"Accept": "text/html"})
        .text
    )
    authenticator = re.search(r'name="_authenticator"\s+value="([^"]+)"', html).group(1)
    extended = director.post(
        f"{url}/@@act-advice",
        data={
            "advice": item["id"],
            "reason": REASON,
            "form.extend": "1",
            "_authenticator": authenticator,
        },
        headers={"Accept": "text/html"},
    )
    today = belgian_today().strftime("%d/%m/%Y")
    assert "Le délai de l'avis a été prorogé." in extended.text
    assert f"Prorogé le {today} : {REASON}" in " ".join(extended.text.split())
    assert "Proroger le délai" not in extended.text  # once only
    # Nothing answered within the extended delay: the deliberation says so.
    portal = functional["portal"]
    transaction.begin()
    act = portal.unrestrictedTraverse(url.split(portal.absolute_url())[1].lstrip("/"))
    record = advice._records(act)[0]
    record["due"] = belgian_today() - timedelta(days=1)
    advice.record_passed_over(act)
    recitals = advice.recitals(act)
    transaction.abort()
    assert recitals == [
        "Vu la demande d'avis du directeur financier, restée sans réponse dans le délai "
        f"prorogé le {today} et expiré le "
        f"{(belgian_today() - timedelta(days=1)):%d/%m/%Y};"
    ]
