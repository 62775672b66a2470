"""Data-subject requests over REST: recorded, extended once with a reason,
given the summary of the person's data, answered; seen by the DPO and the
secretariat of the municipality only."""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.privacy import request_rules as rules
from imio.municipal.upgrades import v1014_data_subject
from plone import api

import io
import pikepdf


REQUESTS = "/namur/@data-subject-requests"
NISS = "85073003328"  # a demo applicant with case files in Namur
RECEIVED = belgian_today() - timedelta(days=3)


def _record(api_as, login="namur-dpo", **extra):
    data = {
        "kind": "access",
        "requester": "Marie Dupont",
        "niss": NISS,
        "received_date": RECEIVED.isoformat(),
        "request_text": "Quelles données détenez-vous sur moi ?",
        **extra,
    }
    return api_as(login).post(REQUESTS, json=data)


def test_the_dpo_records_a_request_with_its_one_month_deadline(api_as):
    answer = _record(api_as)
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["deadline"] == rules.answer_deadline(RECEIVED).isoformat()
    assert body["review_state"] == "received" and body["extended"] is False
    assert body["title"] == "Accès — Marie Dupont"
    listed = api_as("namur-secretaire").get(REQUESTS).json()["items"]
    assert [item["@id"] for item in listed] == [body["@id"]]


def test_bad_requests_are_refused_and_nothing_is_recorded(api_as):
    dpo = api_as("namur-dpo")
    for extra in (
        {"kind": "portability"},
        {"niss": "85073003329"},
        {"requester": "Marie"},
        {"received_date": "31/02/2026"},
        {"received_date": (belgian_today() + timedelta(days=1)).isoformat()},
    ):
        refused = _record(api_as, **extra)
        assert refused.status_code == 400, (extra, refused.text)
        assert refused.json()["error"]["message"], extra
    assert dpo.get(REQUESTS).json()["items"] == []


def test_only_the_dpo_and_the_secretariat_of_the_municipality(api_as):
    for login in ("namur-agent-urbanisme", "namur-chef-urbanisme", "gembloux-dpo", "namur-college"):
        assert _record(api_as, login).status_code in (401, 403), login
    url = _record(api_as).json()["@id"]
    assert api_as("namur-secretaire").get(url).status_code == 200
    for login in ("namur-agent-urbanisme", "gembloux-dpo", "gembloux-secretaire", "admin", None):
        assert api_as(login).get(url).status_code in (401, 403), login
        assert api_as(login).post(
            f"{url}/@data-subject-answer", json={"text": "x"}
        ).status_code in (
            401,
            403,
        ), login
    found = api_as("namur-agent-urbanisme").get(
        "/@search", params={"portal_type": "DataSubjectRequest"}
    )
    assert found.json()["items_total"] == 0


def test_extended_once_with_a_reason_then_answered_with_the_summary(api_as, functional_portal):
    dpo = api_as("namur-dpo")
    url = _record(api_as).json()["@id"]
    refused = dpo.post(f"{url}/@data-subject-extension", json={"reason": "  "})
    assert refused.status_code == 400
    extended = dpo.post(f"{url}/@data-subject-extension", json={"reason": "Nombreux dossiers"})
    assert extended.status_code == 200, extended.text
    assert extended.json()["deadline"] == rules.extended_deadline(RECEIVED).isoformat()
    again = dpo.post(f"{url}/@data-subject-extension", json={"reason": "Encore"})
    assert again.status_code == 400
    assert dpo.get(url).json()["extension_reason"] == "Nombreux dossiers"

    attached = dpo.post(f"{url}/@data-subject-summary")
    assert attached.status_code == 201, attached.text
    pdf_answer = dpo.get(attached.json()["@id"] + "/@@download/file")
    assert pdf_answer.headers["Content-Type"] == "application/pdf"
    with pikepdf.open(io.BytesIO(pdf_answer.content)) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"

    assert dpo.post(f"{url}/@data-subject-answer", json={"text": ""}).status_code == 400
    done = dpo.post(f"{url}/@data-subject-answer", json={"text": "Voici le résumé de vos données."})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["review_state"] == "answered"
    assert body["answered_date"] == belgian_today().isoformat()
    deadline = rules.extended_deadline(RECEIVED).strftime("%d/%m/%Y")
    assert f"prolongé jusqu'au {deadline}" in body["answer_text"]
    assert "Nombreux dossiers" in body["answer_text"]
    # Answered: kept as it is, read only.
    assert dpo.post(f"{url}/@data-subject-summary").status_code in (401, 403)
    assert dpo.patch(url, json={"requester": "Autre Nom"}).status_code in (401, 403)
    assert api_as("namur-secretaire").get(url).status_code == 200


def test_the_upgrade_installs_the_type_and_its_workflow(portal):
    types = api.portal.get_tool("portal_types")
    workflows = api.portal.get_tool("portal_workflow")
    types.manage_delObjects(["DataSubjectRequest"])
    workflows.setChainForPortalTypes(["DataSubjectRequest"], ())
    workflows.manage_delObjects(["municipal_data_subject_request_workflow"])
    v1014_data_subject.upgrade()
    assert "DataSubjectRequest" in types
    assert workflows.getChainForPortalType("DataSubjectRequest") == (
        "municipal_data_subject_request_workflow",
    )
