"""A citizen without a national register number signs in with his BIS number."""

from counter_helpers import pdf_bytes
from imio.municipal.counter.citizens import citizen_id
from plone import api

import base64
import transaction


JSON = {"Accept": "application/json", "Content-Type": "application/json"}
# A BIS number (birth month + 40), valid for python-stdnum's be.bis only.
BIS = "98.47.28-997.65"
CLAIMS = {
    "national_register_number": BIS,
    "given_name": "Ana",
    "family_name": "Pereira",
    "name": "Ana Pereira",
    "email": "ana.pereira@example.pt",
}


def _permit():
    plan = {"filename": "plan.pdf", "data": base64.b64encode(pdf_bytes()).decode()}
    return {
        "demarche": "permis-urbanisme",
        "fields": {"title": "Véranda", "location_address": "Rue de Fer 3, 5000 Namur"},
        "pieces": {"plans": [plan]},
    }


def test_a_citizen_signs_in_files_and_follows_with_a_bis_number(
    sign_in, server_url, functional_portal, timestamps
):
    sign_in.put_user("ana.pereira", CLAIMS)
    browser = sign_in("ana.pereira")
    transaction.begin()
    user = api.user.get(userid=citizen_id("ana.pereira"))
    assert user.getProperty("niss") == "98472899765"
    assert set(user.getRoles()) == {"Authenticated", "Citizen"}

    answer = browser.post(f"{server_url}/namur/@demarches", json=_permit(), headers=JSON)
    assert answer.status_code == 201, answer.text
    filed = answer.json()
    transaction.begin()
    (brain,) = functional_portal.portal_catalog.unrestrictedSearchResults(
        portal_type="Dossier", applicant_niss="98472899765"
    )
    (applicant,) = brain._unrestrictedGetObject().applicants
    assert applicant["niss"] == "98472899765" and applicant["name"] == "Ana Pereira"
    # « Mes démarches » finds the request by the BIS number.
    listing = browser.get(f"{server_url}/@mes-demarches", headers=JSON).json()
    assert [item["reference"] for item in listing["items"]] == [filed["reference"]]


def test_an_invalid_bis_number_is_refused_with_the_reason(sign_in):
    sign_in.put_user("bad.bis", {**CLAIMS, "national_register_number": "98.47.28-997.66"})
    answer = sign_in.finish(sign_in.authorize(sign_in.start(), "bad.bis"))
    assert answer.status_code == 403
    assert "ni numéro de registre national ni numéro BIS valide" in answer.text.replace(
        "&#x27;", "'"
    )
    transaction.begin()
    assert api.user.get(userid=citizen_id("bad.bis")) is None
