"""REST of the loop after filing, with a citizen signed in through the local
provider and staff by basic auth; each exchange written to
docs/http-examples/ for the documentation."""

from counter_helpers import pdf_bytes
from pathlib import Path

import base64
import json
import pytest
import re
import requests
import transaction


EXAMPLES = Path(__file__).parents[2] / "docs" / "http-examples"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
AGENT = ("namur-agent-urbanisme", "demo")
GEMBLOUX = ("gembloux-agent-urbanisme", "demo")
OTHER_SERVICE = ("namur-agent-travaux", "demo")


def _scrub(text: str) -> str:
    text = re.sub(r"http://localhost:\d+/plone", "http://localhost:8080/Plone", text)
    text = re.sub(r"[0-9a-f]{32}", "<uid>", text)
    text = re.sub(r"\d{2}/\d{2}/\d{4}( \d{2}:\d{2})?", "<dd/mm/yyyy>", text)
    return re.sub(r"\d{4}/PU/\d+", "<reference>", text, flags=re.IGNORECASE)


def save(name: str, response, auth: str) -> None:
    request = response.request
    lines = [f"{request.method} {request.path_url} HTTP/1.1", "Accept: application/json", auth]
    if request.body:
        body = json.loads(request.body)
        for item in body.get("pieces") or []:
            item["data"] = "<base64>"
        lines += ["Content-Type: application/json", "", json.dumps(body, indent=2)]
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    (EXAMPLES / f"{name}.req").write_text(_scrub("\n".join(lines)) + "\n", encoding="utf-8")
    answer = [
        f"HTTP/1.1 {response.status_code} {response.reason}",
        "Content-Type: application/json",
    ]
    answer += ["", json.dumps(response.json(), indent=2, ensure_ascii=False, sort_keys=True)]
    (EXAMPLES / f"{name}.resp").write_text(_scrub("\n".join(answer)) + "\n", encoding="utf-8")


CITIZEN = "Cookie: <the session of the signed-in citizen>"
STAFF = "Authorization: Basic <user:password>"


def _file_permit(browser, server_url) -> str:
    plan = base64.b64encode(pdf_bytes()).decode()
    answer = browser.post(
        f"{server_url}/namur/@demarches",
        json={
            "demarche": "permis-urbanisme",
            "fields": {"title": "Abri de jardin", "location_address": "Rue de Fer 1, 5000 Namur"},
            "pieces": {"plans": [{"filename": "plan.pdf", "data": plan}]},
        },
        headers=JSON,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["receipt_url"].split("uid=")[1]


def _dossier_url(server_url, functional_portal, uid) -> str:
    transaction.begin()
    (brain,) = functional_portal.portal_catalog.unrestrictedSearchResults(UID=uid)
    return f"{server_url}{brain.getPath().removeprefix('/plone')}"


@pytest.fixture
def incomplete(sign_in, server_url, functional_portal, timestamps):
    browser = sign_in("marie.lambert")
    uid = _file_permit(browser, server_url)
    url = _dossier_url(server_url, functional_portal, uid)
    patched = requests.patch(
        url, json={"missing_pieces": ["Plan d'implantation signé"]}, headers=JSON, auth=AGENT
    )
    assert patched.status_code == 204, patched.text
    declared = requests.post(f"{url}/@workflow/declare_incomplete", headers=JSON, auth=AGENT)
    assert declared.status_code == 200, declared.text
    return browser, uid, url


def test_the_citizen_completes_his_file_over_rest(incomplete, server_url, sign_in):
    browser, uid, url = incomplete
    detail = browser.get(f"{server_url}/@mes-demarches/{uid}", headers=JSON)
    assert detail.status_code == 200
    assert detail.json()["missing_pieces"]["pieces"] == ["Plan d'implantation signé"]
    assert detail.json()["state_title"] == "Incomplète : des pièces manquent"
    save("counter_request_get", detail, CITIZEN)

    refused = browser.post(
        f"{server_url}/@mes-demarches/{uid}/pieces",
        json={"pieces": [{"filename": "plan.pdf", "data": base64.b64encode(b"GIF89a").decode()}]},
        headers=JSON,
    )
    assert refused.status_code == 400
    assert refused.json()["error"]["messages"] == [
        "plan.pdf : son contenu n'est pas d'un type accepté (PDF, JPEG, PNG)."
    ]
    save("counter_pieces_400", refused, CITIZEN)

    # Another citizen does not find it (its existence is not revealed).
    luc = type(sign_in)(server_url, sign_in.provider)("luc.renard")
    piece = {"filename": "implantation.pdf", "data": base64.b64encode(pdf_bytes()).decode()}
    stranger = luc.post(
        f"{server_url}/@mes-demarches/{uid}/pieces", json={"pieces": [piece]}, headers=JSON
    )
    assert stranger.status_code == 404
    assert stranger.json()["error"]["message"] == "Aucune de vos demandes ne porte ce numéro."

    sent = browser.post(
        f"{server_url}/@mes-demarches/{uid}/pieces", json={"pieces": [piece]}, headers=JSON
    )
    assert sent.status_code == 200, sent.text
    assert sent.json()["state"] == "received"
    assert sent.json()["missing_pieces"] is None
    save("counter_pieces_post", sent, CITIZEN)
    state = requests.get(url, headers=JSON, auth=AGENT).json()["review_state"]
    assert state == "received"

    again = browser.post(
        f"{server_url}/@mes-demarches/{uid}/pieces", json={"pieces": [piece]}, headers=JSON
    )
    assert again.status_code == 400
    assert again.json()["error"]["message"] == (
        "Le service n'attend pas de pièce pour cette demande."
    )


def test_messages_over_rest_and_who_may_not(incomplete, server_url, functional_portal):
    browser, uid, url = incomplete
    asked = browser.post(
        f"{server_url}/@mes-demarches/{uid}/messages",
        json={"text": "Le plan d'implantation doit-il être signé par l'architecte ?"},
        headers=JSON,
    )
    assert asked.status_code == 201, asked.text
    save("counter_message_post", asked, CITIZEN)
    answered = requests.post(
        f"{url}/@messages-demandeur",
        json={"text": "Oui, signé et daté."},
        headers=JSON,
        auth=AGENT,
    )
    assert answered.status_code == 201, answered.text
    save("counter_staff_message_post", answered, STAFF)
    listed = requests.get(f"{url}/@messages-demandeur", headers=JSON, auth=AGENT)
    assert [m["from"] for m in listed.json()["items"]] == ["citizen", "service"]
    save("counter_staff_messages_get", listed, STAFF)

    empty = browser.post(
        f"{server_url}/@mes-demarches/{uid}/messages", json={"text": " "}, headers=JSON
    )
    assert empty.status_code == 400
    assert empty.json()["error"]["message"] == "Écrivez un message."
    # Staff of another municipality and anonymous never read them; an agent
    # of another service of the same municipality does not see the file.
    for auth in (GEMBLOUX, OTHER_SERVICE, None):
        answer = requests.get(f"{url}/@messages-demandeur", headers=JSON, auth=auth)
        assert answer.status_code in (401, 403, 404), (auth, answer.status_code)
        assert "signé et daté" not in answer.text
    # Staff are no citizens: « Mes démarches » refuses them.
    staff = requests.get(f"{server_url}/@mes-demarches/{uid}", headers=JSON, auth=AGENT)
    assert staff.status_code == 403
    anonymous = requests.get(f"{server_url}/@mes-demarches/{uid}", headers=JSON)
    assert anonymous.status_code == 403
    # Messages are not in the content API nor in the catalog.
    content = requests.get(url, headers=JSON, auth=AGENT).text
    assert "signé et daté" not in content
    transaction.begin()
    found = functional_portal.portal_catalog.unrestrictedSearchResults(SearchableText="architecte")
    assert len(found) == 0
