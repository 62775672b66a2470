"""REST of the e-counter, with a citizen signed in through the local provider."""

from counter_helpers import pdf_bytes

import base64
import requests
import transaction


def _permit(plans=None):
    plans = [pdf_bytes()] if plans is None else plans
    return {
        "demarche": "permis-urbanisme",
        "fields": {"title": "Abri de jardin", "location_address": "Rue de Fer 1, 5000 Namur"},
        "pieces": {
            "plans": [
                {"filename": "plan.pdf", "data": base64.b64encode(data).decode()} for data in plans
            ]
        },
    }


JSON = {"Accept": "application/json", "Content-Type": "application/json"}


def _count(portal):
    transaction.begin()
    return len(portal.portal_catalog.unrestrictedSearchResults(portal_type="Dossier"))


def test_a_citizen_files_and_follows_a_request_over_rest(
    sign_in, server_url, functional_portal, timestamps
):
    browser = sign_in("marie.lambert")
    answer = browser.post(f"{server_url}/namur/@demarches", json=_permit(), headers=JSON)
    assert answer.status_code == 201, answer.text
    filed = answer.json()
    assert filed["timestamped"] is True
    listing = browser.get(f"{server_url}/@mes-demarches", headers=JSON).json()
    (item,) = listing["items"]
    assert item["reference"] == filed["reference"]
    assert item["state_title"] == "Reçue : le service vérifie qu'elle est complète"
    receipt = browser.get(filed["receipt_url"])
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF-")
    # Another citizen sees nothing of it.
    other = type(sign_in)(server_url, sign_in.provider)("luc.renard")
    assert other.get(f"{server_url}/@mes-demarches", headers=JSON).json()["items"] == []
    assert other.get(filed["receipt_url"]).status_code == 404


def test_refusals_over_rest_are_french_and_create_nothing(sign_in, server_url, functional_portal):
    browser = sign_in("marie.lambert")
    before = _count(functional_portal)
    answer = browser.post(
        f"{server_url}/namur/@demarches", json=_permit(plans=[b"MZ\x90\x00"]), headers=JSON
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["messages"] == [
        "plan.pdf : son contenu n'est pas d'un type accepté (PDF)."
    ]
    offered = browser.post(
        f"{server_url}/gembloux/@demarches",
        json={**_permit(), "demarche": "declaration-classe-3"},
        headers=JSON,
    )
    assert offered.status_code == 400
    assert "ne propose pas cette démarche" in offered.json()["error"]["message"]
    form = browser.post(
        f"{server_url}/namur/@demarches",
        data={"demarche": "permis-urbanisme"},
        headers={"Accept": "application/json"},
    )
    assert form.status_code == 400
    assert _count(functional_portal) == before


def test_staff_and_anonymous_cannot_file(functional, server_url, functional_portal, oidc):
    before = _count(functional_portal)
    for auth in (None, ("namur-agent-urbanisme", "demo")):
        answer = requests.post(
            f"{server_url}/namur/@demarches", json=_permit(), headers=JSON, auth=auth
        )
        assert answer.status_code == 403, answer.text
        assert "en tant que citoyen" in answer.json()["error"]["message"]
    assert _count(functional_portal) == before


def test_the_offers_are_public_data(functional, server_url, functional_portal):
    namur = requests.get(f"{server_url}/namur/@demarches", headers=JSON).json()["items"]
    gembloux = requests.get(f"{server_url}/gembloux/@demarches", headers=JSON).json()["items"]
    assert {item["id"] for item in namur} == {
        "permis-urbanisme",
        "declaration-classe-3",
        "demande-ou-plainte",
        "copie-document",
    }
    assert "declaration-classe-3" not in {item["id"] for item in gembloux}
    permit = next(item for item in namur if item["id"] == "permis-urbanisme")
    assert permit["pieces"][0]["types"] == ["pdf"]
