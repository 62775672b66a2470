"""Real HTTP exchanges, written to docs/http-examples/ for docs/rest-api.md.

Each test makes the request it documents and asserts the answer, then saves
request and response with the volatile parts (port, UIDs, dates of the run)
replaced, so that the documentation is what the code does.
"""

from pathlib import Path

import json
import re


EXAMPLES = Path(__file__).parents[2] / "docs" / "http-examples"


def scrub(text: str) -> str:
    text = re.sub(r"http://localhost:\d+/plone", "http://localhost:8080/Plone", text)
    text = re.sub(r"[0-9a-f]{32}", "<uid>", text)
    text = re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(\+00:00|Z)?", "<datetime>", text)
    return text


def save(name: str, response, keep: tuple[str, ...] = ()) -> None:
    """Write name.req and name.resp; keep= limits the JSON body to these keys."""
    request = response.request
    lines = [f"{request.method} {request.path_url} HTTP/1.1", "Accept: application/json"]
    if request.body:
        lines.append("Content-Type: application/json")
    lines.append("Authorization: Basic <user:password>")
    body = request.body.decode("utf-8") if isinstance(request.body, bytes) else request.body
    if body:
        lines += ["", json.dumps(json.loads(body), indent=2, ensure_ascii=False)]
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    (EXAMPLES / f"{name}.req").write_text(scrub("\n".join(lines)) + "\n", encoding="utf-8")
    answer = [f"HTTP/1.1 {response.status_code} {response.reason}"]
    if response.content:
        data = response.json()
        if keep:
            data = {key: data[key] for key in keep if key in data}
        answer += [
            "Content-Type: application/json",
            "",
            json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True),
        ]
    (EXAMPLES / f"{name}.resp").write_text(scrub("\n".join(answer)) + "\n", encoding="utf-8")


def test_municipality_refused(request_factory):
    session = request_factory(basic_auth=("platform-admin", "demo"))
    response = session.post(
        "/",
        json={
            "@type": "Municipality",
            "title": "Anvers",
            "ins_code": "11002",
            "bce_number": "0216.689.982",
            "services": [{"id": "travaux", "title": "Travaux"}],
        },
    )
    assert response.status_code == 400
    save("municipality_post_400", response)


def test_municipality_get(request_factory):
    response = request_factory(role="Anonymous").get("/namur")
    assert response.status_code == 200
    save("municipality_get", response, keep=("@id", "@type", "title", "ins_code", "bce_number"))


def test_dossier_create_receive_read(request_factory):
    agent = request_factory(basic_auth=("namur-agent-urbanisme", "demo"))
    created = agent.post(
        "/namur/dossiers",
        json={
            "@type": "Dossier",
            "id": "car-port-rue-haute",
            "title": "Construction d'un car-port",
            "procedure": "pu",
            "responsible_service": "urbanisme",
            "applicants": [
                {
                    "kind": "person",
                    "name": "Anne Dupont",
                    "niss": "85.07.30-033.28",
                    "email": "anne.dupont@example.be",
                },
                {"kind": "company", "name": "Immo Meuse SRL", "bce": "0216.689.981"},
            ],
            "received_date": "2026-03-02",
            "completeness_date": "2026-03-10",
        },
    )
    assert created.status_code == 201
    save("dossier_post", created, keep=("@id", "@type", "title", "review_state", "reference"))
    received = agent.post("/namur/dossiers/car-port-rue-haute/@workflow/receive")
    assert received.status_code == 200
    save("dossier_workflow_receive", received, keep=("action", "review_state", "actor"))
    read = agent.get("/namur/dossiers/car-port-rue-haute")
    keys = (
        "@id",
        "reference",
        "procedure",
        "responsible_service",
        "applicants",
        "received_date",
        "completeness_date",
        "completeness_deadline",
        "decision_deadline",
        "review_state",
    )
    save("dossier_get", read, keep=keys)
    refused = agent.post("/namur/dossiers/car-port-rue-haute/@workflow/declare_incomplete")
    assert refused.status_code == 400
    save("dossier_workflow_refused", refused)


def test_dossier_bad_input(request_factory):
    agent = request_factory(basic_auth=("namur-agent-urbanisme", "demo"))
    response = agent.post(
        "/namur/dossiers",
        json={
            "@type": "Dossier",
            "title": "Demande incomplète",
            "procedure": "pu",
            "responsible_service": "police",
            "applicants": [{"kind": "person", "name": "Anne Dupont", "niss": "85073003329"}],
        },
    )
    assert response.status_code == 400
    save("dossier_post_400", response)
