"""The filing's REST exchanges, written to docs/http-examples/ for the
documentation: the offers, a filing, a refused filing, « Mes démarches »."""

from counter_helpers import pdf_bytes
from pathlib import Path

import base64
import json
import re
import requests


EXAMPLES = Path(__file__).parents[2] / "docs" / "http-examples"
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
CITIZEN = "Cookie: <the session of the signed-in citizen>"


def _scrub(text: str) -> str:
    text = re.sub(r"http://localhost:\d+/plone", "http://localhost:8080/Plone", text)
    text = re.sub(r"[0-9a-f]{32}", "<uid>", text)
    text = re.sub(r"\d{4}-\d{2}-\d{2}(T[0-9:.+]+)?", "<date>", text)
    text = re.sub(r"\d{2}/\d{2}/\d{4}( \d{2}:\d{2})?", "<dd/mm/yyyy>", text)
    return re.sub(r"\d{4}/PU/\d+", "<reference>", text, flags=re.IGNORECASE)


def _save(name: str, response, auth: str | None = None) -> None:
    request = response.request
    lines = [f"{request.method} {request.path_url} HTTP/1.1", "Accept: application/json"]
    lines += [auth] if auth else []
    if request.body:
        body = json.loads(request.body)
        for files in body.get("pieces", {}).values():
            for item in files:
                item["data"] = "<base64>"
        lines += ["Content-Type: application/json", "", json.dumps(body, indent=2)]
    (EXAMPLES / f"{name}.req").write_text(_scrub("\n".join(lines)) + "\n", encoding="utf-8")
    answer = [
        f"HTTP/1.1 {response.status_code} {response.reason}",
        "Content-Type: application/json",
    ]
    answer += ["", json.dumps(response.json(), indent=2, ensure_ascii=False, sort_keys=True)]
    (EXAMPLES / f"{name}.resp").write_text(_scrub("\n".join(answer)) + "\n", encoding="utf-8")


def _permit(data: bytes, filename="plan.pdf") -> dict:
    return {
        "demarche": "permis-urbanisme",
        "fields": {"title": "Abri de jardin", "location_address": "Rue de Fer 1, 5000 Namur"},
        "pieces": {"plans": [{"filename": filename, "data": base64.b64encode(data).decode()}]},
    }


def test_filing_examples(sign_in, server_url, functional_portal, timestamps):
    offers = requests.get(f"{server_url}/namur/@demarches", headers={"Accept": "application/json"})
    assert offers.status_code == 200
    assert "permis-urbanisme" in [item["id"] for item in offers.json()["items"]]
    _save("counter_offers_get", offers)
    browser = sign_in("marie.lambert")
    refused = browser.post(
        f"{server_url}/namur/@demarches",
        json=_permit(b"GIF89a not a plan", "plan.pdf"),
        headers={**JSON, "Accept-Language": "fr"},
    )
    assert refused.status_code == 400
    assert "plan.pdf" in json.dumps(refused.json(), ensure_ascii=False)
    _save("counter_filing_400", refused, CITIZEN)
    filed = browser.post(f"{server_url}/namur/@demarches", json=_permit(pdf_bytes()), headers=JSON)
    assert filed.status_code == 201, filed.text
    assert filed.json()["timestamped"] is True
    _save("counter_filing_post", filed, CITIZEN)
    mine = browser.get(f"{server_url}/@mes-demarches", headers={"Accept": "application/json"})
    assert [item["reference"] for item in mine.json()["items"]] == [filed.json()["reference"]]
    _save("counter_my_requests_get", mine, CITIZEN)
