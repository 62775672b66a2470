"""The permit platform's JSON messages: fixtures valid, errors readable."""

from datetime import date
from imio.municipal.exchange.package import sha256_hex
from imio.municipal.exchange.permits import completeness_response
from imio.municipal.exchange.permits import decision_response
from imio.municipal.exchange.permits import dossier_fields
from imio.municipal.exchange.permits import validate_json
from imio.municipal.exchange.simulator_state import FIXTURES_DIR
from imio.municipal.exchange.simulator_state import load_fixtures

import copy
import pytest


def namur_notification() -> dict:
    return copy.deepcopy(load_fixtures(FIXTURES_DIR)["NOTIF-2026-004217"])


def test_shipped_fixtures_are_valid():
    notifications = load_fixtures(FIXTURES_DIR)
    assert {n["ins_code"] for n in notifications.values()} == {"92094", "92142"}
    for notification in notifications.values():
        assert validate_json(notification, "permit-notification-1.0") == []


def test_dossier_fields_of_the_namur_notification():
    fields = dossier_fields(namur_notification())
    assert fields["procedure"] == "pu"
    assert fields["received_date"] == date(2026, 11, 19)
    assert fields["parcels"] == ["92094A0123/00B000"]
    assert fields["applicants"][0]["niss"] == "84.05.17-123.02"
    assert fields["applicants"][0]["bce"] is None
    assert fields["platform_reference"] == "PU-2026-NAM-004217"


def test_bad_notifications():
    notification = namur_notification()
    notification["ins_code"] = "9209"
    notification["surprise"] = True
    del notification["dossier"]["title"]
    notification["dossier"]["procedure"] = "permis"
    notification["dossier"]["parcels"] = ["92094 A 123"]
    assert validate_json(notification, "permit-notification-1.0") == [
        "the message: unexpected field surprise.",
        'dossier.parcels[0]: "92094 A 123" is not valid; expected a CaPaKey, '
        "e.g. 92094A0123/00B000.",
        'dossier.procedure: "permis" is not one of the allowed values '
        "(pu, cu1, cu2, pur, pe1, pe2, pe3, generic).",
        "dossier: title is missing.",
        'ins_code: "9209" is not valid; expected 5 digits, e.g. 92094.',
    ]
    with pytest.raises(ValueError, match="The notification is not valid:\n- the message"):
        dossier_fields(notification)


def test_check_digits_of_niss_and_bce():
    notification = namur_notification()
    notification["dossier"]["applicants"][0]["niss"] = "84.05.17-123.03"
    assert validate_json(notification, "permit-notification-1.0") == [
        "dossier.applicants[0].niss: 84.05.17-123.03 is not a valid NISS or BIS number "
        "(check digits)."
    ]
    company = {"kind": "company", "name": "Immo Meuse SRL", "bce": "0216.689.982"}
    notification = namur_notification()
    notification["dossier"]["applicants"] = [company]
    assert validate_json(notification, "permit-notification-1.0") == [
        "dossier.applicants[0].bce: 0216.689.982 is not a valid BCE number (check digits)."
    ]
    company["niss"] = "84.05.17-123.02"
    assert validate_json(notification, "permit-notification-1.0") == [
        "dossier.applicants[0]: niss does not belong here."
    ]


def test_responses():
    complete = completeness_response("2026/pu/12")
    assert complete["complete"] is True
    assert validate_json(complete, "permit-response-1.0") == []
    missing = completeness_response("2026/pu/12", ["Plan d'implantation", "Reportage photo"])
    assert missing["complete"] is False and validate_json(missing, "permit-response-1.0") == []
    decision = decision_response("2026/pu/12", "granted", date(2026, 12, 15), "permis.pdf", b"%PDF")
    assert decision["document"]["content_base64"] == "JVBERg=="
    assert validate_json(decision, "permit-response-1.0") == []


def test_bad_responses():
    contradiction = {**completeness_response("2026/pu/12"), "missing_pieces": ["Plan"]}
    assert validate_json(contradiction, "permit-response-1.0") == ["missing_pieces: must be empty."]
    decision = decision_response("2026/pu/12", "granted", date(2026, 12, 15), "permis.pdf", b"%PDF")
    tampered = {**decision, "document": {**decision["document"], "content_base64": "JVBERi0="}}
    assert validate_json(tampered, "permit-response-1.0") == [
        f"document.sha256: {sha256_hex(b'%PDF')} is not the SHA-256 of the content "
        f"({sha256_hex(b'%PDF-')})."
    ]
    unsure = {**decision, "decision": "maybe", "dossier_reference": "PU 12"}
    del unsure["decided_on"]
    assert validate_json(unsure, "permit-response-1.0") == [
        "the message: decided_on is missing.",
        'decision: "maybe" is not one of the allowed values (granted, refused).',
        'dossier_reference: "PU 12" is not valid; expected year/procedure/number, e.g. 2026/pu/12.',
    ]
    assert validate_json({"kind": "opinion"}, "permit-response-1.0") == [
        'kind: "opinion" is not one of the allowed values (completeness, decision).'
    ]
    assert validate_json([], "permit-response-1.0") == ["the message: expected a JSON object."]
