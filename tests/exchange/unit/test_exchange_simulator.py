"""The regional simulator over real HTTP on loopback, as the worker will meet it."""

from dataclasses import replace
from exchange_samples import gembloux_plan
from exchange_samples import namur_tax_regulation
from exchange_samples import TOKEN
from imio.municipal.exchange.etutelle import build_etutelle_package
from imio.municipal.exchange.etutelle import etutelle_manifest
from imio.municipal.exchange.package import build_package
from imio.municipal.exchange.permits import completeness_response
from imio.municipal.exchange.permits import decision_response
from imio.municipal.exchange.pic_format import build_pic_package
from imio.municipal.exchange.simulator import main
from imio.municipal.exchange.simulator import make_app
from imio.municipal.exchange.simulator_state import SimulatorConfig

import datetime
import io
import json
import pytest
import re
import requests
import time
import uuid


AUTH = {"Authorization": f"Bearer {TOKEN}"}
ZIP = {**AUTH, "Content-Type": "application/zip"}
TIMEOUT = (1, 0.25)  # connect, read: shorter than the simulator's timeout fault (0.4 s)


def submit(base_url, package, key, path="/etutelle/1.0/submissions", timeout=TIMEOUT):
    headers = {**ZIP, "Idempotency-Key": key}
    return requests.post(base_url + path, data=package, headers=headers, timeout=timeout)


def act(number=118, **changes):
    """A distinct act (its own message id and number)."""
    message_id = str(uuid.UUID(int=number))
    return namur_tax_regulation(message_id=message_id, number=f"2026/conseil/{number}", **changes)


def poll(base_url, path, ins="92094", after=0):
    params = {"ins": ins, "after": after}
    return requests.get(base_url + path, params=params, headers=AUTH, timeout=TIMEOUT)


def faults(base_url, *kinds, rate=1.0, seed=1):
    body = {"rate": rate, "kinds": list(kinds), "seed": seed}
    assert (
        requests.post(base_url + "/_sim/faults", headers=AUTH, json=body, timeout=2).status_code
        == 200
    )


def stats(base_url):
    return requests.get(base_url + "/_sim/stats", headers=AUTH, timeout=2).json()


def test_receipt_then_same_receipt_for_a_repeated_key(simulator):
    base_url, state = simulator
    submission = namur_tax_regulation()
    first = submit(base_url, build_etutelle_package(submission), submission.message_id)
    assert first.status_code == 201
    receipt = first.json()
    year = datetime.datetime.now(datetime.timezone.utc).year
    assert receipt["receipt_id"] == f"ET-{year}-000001"
    assert receipt["message_id"] == submission.message_id
    assert receipt["status"] == "received"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", receipt["received_at"])
    again = submit(base_url, build_etutelle_package(submission), submission.message_id)
    assert again.status_code == 200
    assert again.json() == receipt
    assert submit(base_url, build_etutelle_package(act(119)), "k2").json()["receipt_id"] == (
        f"ET-{year}-000002"
    )
    counts = stats(base_url)
    assert (counts["deliveries"], counts["distinct_keys"], counts["duplicates"]) == (3, 2, 1)
    assert counts["receipts"] == 2
    stored = state.records["etutelle"][submission.message_id]
    assert stored["reference"] == "2026/conseil/118" and stored["ins_code"] == "92094"


def test_token_required(simulator):
    base_url, _state = simulator
    package = build_etutelle_package(namur_tax_regulation())
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        answer = requests.post(
            base_url + "/etutelle/1.0/submissions",
            data=package,
            headers={**headers, "Content-Type": "application/zip", "Idempotency-Key": "k"},
            timeout=TIMEOUT,
        )
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "unauthorized"
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert requests.get(base_url + "/permits/1.0/instances/92094/notifications").status_code == 401
    assert stats(base_url)["deliveries"] == 0


CONTROL = [
    ("GET", "/_sim/stats", None),
    ("GET", "/_sim/state", None),
    ("GET", "/_sim/faults", None),
    ("POST", "/_sim/reset", None),
    ("POST", "/_sim/faults", {"rate": 1.0, "kinds": ["http500"]}),
    ("POST", "/_sim/outcomes", {"receipt_id": "ET-2026-000001", "outcome": "annulled"}),
    ("POST", "/_sim/items", {"target": "etutelle", "item": {"ins_code": "92094"}}),
    ("POST", "/_sim/notifications", {}),
]


@pytest.mark.parametrize(("method", "path", "body"), CONTROL)
def test_the_control_endpoints_need_the_token_too(simulator, method, path, body):
    base_url, state = simulator
    before = state.dump()
    missing = requests.request(method, base_url + path, json=body, timeout=TIMEOUT)
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    wrong = {"Authorization": "Bearer wrong"}
    refused = requests.request(method, base_url + path, json=body, headers=wrong, timeout=TIMEOUT)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert state.dump() == before and state.faults.rate == 0.0
    allowed = requests.request(method, base_url + path, json=body, headers=AUTH, timeout=TIMEOUT)
    assert allowed.status_code not in (401, 403)


def inject(base_url, **body):
    answer = requests.post(base_url + "/_sim/items", json=body, headers=AUTH, timeout=TIMEOUT)
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_bad_items_are_published_as_given(make_simulator):
    base_url, _state = make_simulator(outcome="none")
    receipt = submit(base_url, build_etutelle_package(act(1)), "a1").json()
    rid = receipt["receipt_id"]
    inject(
        base_url,
        target="etutelle",
        receipt_id=rid,
        outcome="extended",
        item={"extension_days": 9999},
    )
    inject(
        base_url,
        target="etutelle",
        receipt_id=rid,
        item={"decided_on": "2026-02-30"},
        omit=["message_id"],
    )
    inject(
        base_url,
        target="etutelle",
        item={"ins_code": "92142", "receipt_id": "PIC-1"},
        deliver_to="92094",
    )
    inject(base_url, target="etutelle", receipt_id="ET-2026-999999", item={"ins_code": "92094"})
    items = poll(base_url, "/etutelle/1.0/outcomes").json()["items"]
    assert [item["cursor"] for item in items] == [1, 2, 3, 4]
    assert (items[0]["outcome"], items[0]["extension_days"]) == ("extended", 9999)
    assert items[0]["act_number"] == "2026/conseil/1"
    assert items[1]["decided_on"] == "2026-02-30" and "message_id" not in items[1]
    assert items[2]["ins_code"] == "92142" and "_deliver_to" not in items[2]
    assert items[3] == {"cursor": 4, "receipt_id": "ET-2026-999999", "ins_code": "92094"}
    assert poll(base_url, "/etutelle/1.0/outcomes", ins="92142").json()["items"] == []


def test_bad_item_requests_are_checked(simulator):
    base_url, _state = simulator
    post = lambda body: requests.post(  # noqa: E731
        base_url + "/_sim/items", json=body, headers=AUTH, timeout=TIMEOUT
    )
    assert post({"target": "elsewhere"}).status_code == 400
    assert post({"target": "etutelle", "item": []}).status_code == 400
    assert post({"target": "etutelle", "item": {"ins_code": 92094}}).status_code == 400


def test_bad_requests(simulator):
    base_url, _state = simulator
    package = build_etutelle_package(namur_tax_regulation())
    url = base_url + "/etutelle/1.0/submissions"
    no_key = requests.post(url, data=package, headers=ZIP, timeout=TIMEOUT)
    assert no_key.status_code == 400
    assert no_key.json() == {
        "error": {
            "code": "missing_idempotency_key",
            "message": "The Idempotency-Key header is required.",
        }
    }
    as_json = requests.post(url, data=package, headers={**AUTH, "Idempotency-Key": "k"})
    assert as_json.status_code == 415
    assert requests.get(url, headers=AUTH, timeout=TIMEOUT).status_code == 405
    assert requests.get(base_url + "/etutelle/2.0/x", headers=AUTH).status_code == 404
    assert poll(base_url, "/etutelle/1.0/outcomes", ins="namur").status_code == 400
    bad_cursor = requests.get(
        base_url + "/etutelle/1.0/outcomes", params={"ins": "92094", "after": "x"}, headers=AUTH
    )
    assert bad_cursor.json()["error"]["code"] == "invalid_cursor"


def test_invalid_manifest_is_refused_with_the_reasons(simulator):
    base_url, _state = simulator
    bad = replace(namur_tax_regulation(), files=namur_tax_regulation().files[1:])
    package = build_package(etutelle_manifest(bad), bad.files)  # bypasses the builder's check
    answer = submit(base_url, package, bad.message_id)
    assert answer.status_code == 422
    body = answer.json()["error"]
    assert body["code"] == "invalid_manifest"
    assert body["message"] == "The manifest does not follow the etutelle-1.0 format."
    assert body["errors"] == [
        "Line 26, list of files (files): there is no deliberation; add the signed act as a "
        'file with the role "deliberation".'
    ]
    assert stats(base_url)["receipts"] == 0


def test_tampered_package_and_reused_key(simulator):
    base_url, _state = simulator
    package = build_etutelle_package(namur_tax_regulation())
    tampered = package.replace(b"manifest.xml", b"manifest.xmm", 1)
    answer = submit(base_url, tampered, "k1")
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_package"
    assert submit(base_url, package, "k2").status_code == 201
    reused = submit(base_url, build_etutelle_package(act(200)), "k2")
    assert reused.status_code == 409
    assert reused.json()["error"]["code"] == "idempotency_key_reused"


def test_outcomes_after_the_delay_with_cursors(make_simulator):
    base_url, _state = make_simulator(outcome="approve", outcome_after=0.3)
    assert submit(base_url, build_etutelle_package(act(1)), "a1").status_code == 201
    assert submit(base_url, build_etutelle_package(act(2)), "a2").status_code == 201
    gembloux = act(3, sender=replace(namur_tax_regulation().sender, ins_code="92142"))
    assert submit(base_url, build_etutelle_package(gembloux), "a3").status_code == 201
    assert poll(base_url, "/etutelle/1.0/outcomes").json() == {"items": [], "cursor": 0}
    time.sleep(0.35)
    page = poll(base_url, "/etutelle/1.0/outcomes").json()
    assert [item["cursor"] for item in page["items"]] == [1, 2]
    assert page["cursor"] == 2
    first = page["items"][0]
    assert first["act_number"] == "2026/conseil/1"
    assert first["outcome"] == "approved" and first["extension_days"] is None
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", first["decided_on"])
    assert poll(base_url, "/etutelle/1.0/outcomes", after=2).json() == {"items": [], "cursor": 2}
    other = poll(base_url, "/etutelle/1.0/outcomes", ins="92142").json()
    assert [item["cursor"] for item in other["items"]] == [3]
    after_first = poll(base_url, "/etutelle/1.0/outcomes", after=1).json()
    assert [item["cursor"] for item in after_first["items"]] == [2]


def test_annul_and_extend(make_simulator):
    base_url, _state = make_simulator(outcome="annul")
    submit(base_url, build_etutelle_package(act(1)), "a1")
    (item,) = poll(base_url, "/etutelle/1.0/outcomes").json()["items"]
    assert item["outcome"] == "annulled"
    base_url, _state = make_simulator(outcome="extend", outcome_after=0.2)
    submit(base_url, build_etutelle_package(act(1)), "a1")
    time.sleep(0.25)
    (extended,) = poll(base_url, "/etutelle/1.0/outcomes").json()["items"]
    assert (extended["outcome"], extended["extension_days"]) == ("extended", 15)
    time.sleep(0.2)
    (approved,) = poll(base_url, "/etutelle/1.0/outcomes", after=1).json()["items"]
    assert (approved["cursor"], approved["outcome"]) == (2, "approved")


def test_no_outcome_then_a_forced_one(make_simulator):
    base_url, _state = make_simulator(outcome="none")
    receipt = submit(base_url, build_etutelle_package(act(1)), "a1").json()
    assert poll(base_url, "/etutelle/1.0/outcomes").json()["items"] == []
    forced = requests.post(
        base_url + "/_sim/outcomes",
        headers=AUTH,
        json={"receipt_id": receipt["receipt_id"], "outcome": "extended", "extension_days": 10},
    )
    assert forced.status_code == 201
    (item,) = poll(base_url, "/etutelle/1.0/outcomes").json()["items"]
    assert (item["outcome"], item["extension_days"]) == ("extended", 10)
    unknown = requests.post(base_url + "/_sim/outcomes", headers=AUTH, json={"receipt_id": "ET-1"})
    assert unknown.status_code == 404


def test_pic_plans_and_decisions(make_simulator):
    base_url, _state = make_simulator(outcome="annul")
    plan = gembloux_plan()
    path = "/guichet/1.0/pic-plans"
    answer = submit(base_url, build_pic_package(plan), plan.message_id, path=path)
    assert answer.status_code == 201
    assert answer.json()["receipt_id"].startswith("PIC-") and answer.json()["receipt_id"][-6:] == (
        "000001"
    )
    wrong_format = submit(base_url, build_etutelle_package(act(1)), "x", path=path)
    assert wrong_format.status_code == 422
    (item,) = poll(base_url, "/guichet/1.0/decisions", ins="92142").json()["items"]
    assert item["decision"] == "to_correct"
    assert item["comment"].startswith("Veuillez corriger")
    assert item["plan_title"] == "Plan d'investissement communal 2025-2027"


def test_permit_notifications_ack_and_responses(simulator):
    base_url, _state = simulator
    pending = base_url + "/permits/1.0/instances/92094/notifications"
    (notification,) = requests.get(pending, params={"status": "pending"}, headers=AUTH).json()[
        "items"
    ]
    assert notification["type"] == "file_transfer"
    assert notification["dossier"]["applicants"][0]["name"] == "Julien Lambert"
    ack = base_url + f"/permits/1.0/notifications/{notification['id']}/ack"
    for _ in range(2):  # idempotent
        answer = requests.post(ack, headers=AUTH, timeout=TIMEOUT)
        assert answer.json() == {"id": notification["id"], "status": "acknowledged"}
    assert requests.get(pending, params={"status": "pending"}, headers=AUTH).json()["items"] == []
    acknowledged = requests.get(pending, params={"status": "acknowledged"}, headers=AUTH).json()
    assert [n["id"] for n in acknowledged["items"]] == [notification["id"]]
    responses = base_url + f"/permits/1.0/notifications/{notification['id']}/responses"
    body = completeness_response("2026/pu/12", ["Plan d'implantation"])
    headers = {**AUTH, "Idempotency-Key": "r1"}
    created = requests.post(responses, json=body, headers=headers, timeout=TIMEOUT)
    assert created.status_code == 201
    assert created.json()["response_id"].endswith("-000001")
    repeated = requests.post(responses, json=body, headers=headers, timeout=TIMEOUT)
    assert (repeated.status_code, repeated.json()) == (200, created.json())
    decision = decision_response(
        "2026/pu/12", "granted", datetime.date(2026, 12, 15), "permis.pdf", b"%PDF-1.7"
    )
    decided = requests.post(responses, json=decision, headers={**AUTH, "Idempotency-Key": "r2"})
    assert decided.status_code == 201
    assert stats(base_url)["receipts_by_target"]["permits"] == 2


def test_bad_permit_requests(simulator):
    base_url, _state = simulator
    responses = base_url + "/permits/1.0/notifications/NOTIF-2026-004217/responses"
    keyed = {**AUTH, "Idempotency-Key": "r1"}
    assert requests.post(responses, json={}, headers=AUTH).status_code == 400
    not_json = requests.post(responses, data=b"{", headers=keyed)
    assert (not_json.status_code, not_json.json()["error"]["code"]) == (400, "invalid_json")
    invalid = requests.post(responses, json={"kind": "completeness"}, headers=keyed)
    assert invalid.status_code == 422
    assert invalid.json()["error"]["errors"] == [
        "the message: complete is missing.",
        "the message: dossier_reference is missing.",
        "the message: missing_pieces is missing.",
    ]
    unknown = base_url + "/permits/1.0/notifications/NOPE/ack"
    assert requests.post(unknown, headers=AUTH).status_code == 404


# -- Faults -------------------------------------------------------------------


def test_http500_and_http429(simulator):
    base_url, _state = simulator
    package = build_etutelle_package(namur_tax_regulation())
    faults(base_url, "http500")
    answer = submit(base_url, package, "k")
    assert answer.status_code == 500 and answer.json()["error"]["code"] == "internal_error"
    faults(base_url, "http429")
    answer = submit(base_url, package, "k")
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "1"
    faults(base_url, "http500", rate=0)
    assert submit(base_url, package, "k").status_code == 201
    counts = stats(base_url)
    assert counts["faults"]["http500"] == 1 and counts["faults"]["http429"] == 1
    assert (counts["deliveries"], counts["distinct_keys"], counts["receipts"]) == (3, 1, 1)


def test_timeout_stores_the_submission(simulator):
    base_url, _state = simulator
    package = build_etutelle_package(namur_tax_regulation())
    faults(base_url, "timeout")
    with pytest.raises(requests.exceptions.ReadTimeout):
        submit(base_url, package, "k")
    faults(base_url, "timeout", rate=0)
    retry = submit(base_url, package, "k")
    assert retry.status_code == 200  # the first one was stored: the same receipt
    assert retry.json()["receipt_id"].endswith("-000001")
    assert stats(base_url)["faults"]["timeout"] == 1


def test_drop_closes_the_connection(simulator):
    base_url, state = simulator
    faults(base_url, "drop")
    with pytest.raises(requests.exceptions.ConnectionError):
        submit(base_url, build_etutelle_package(namur_tax_regulation()), "k")
    with pytest.raises(requests.exceptions.ConnectionError):
        poll(base_url, "/etutelle/1.0/outcomes")
    assert stats(base_url)["faults"]["drop"] == 2


def test_drop_stores_on_either_side(simulator):
    base_url, state = simulator
    faults(base_url, "drop", seed=7)
    for number in range(12):
        with pytest.raises(requests.exceptions.ConnectionError):
            submit(base_url, build_etutelle_package(act(number)), f"k{number}")
    stored = stats(base_url)["receipts"]
    assert 0 < stored < 12
    faults(base_url, "drop", rate=0)
    answers = [
        submit(base_url, build_etutelle_package(act(n)), f"k{n}").status_code for n in range(12)
    ]
    assert answers.count(200) == stored and answers.count(201) == 12 - stored


def test_duplicate_delivers_twice_and_answers_as_a_repeat(simulator):
    base_url, _state = simulator
    faults(base_url, "duplicate")
    answer = submit(base_url, build_etutelle_package(namur_tax_regulation()), "k")
    assert answer.status_code == 200
    assert answer.json()["receipt_id"].endswith("-000001")
    counts = stats(base_url)
    assert (counts["deliveries"], counts["duplicates"], counts["receipts"]) == (2, 1, 1)
    assert counts["faults"]["duplicate"] == 1
    # a GET is never duplicated
    faults(base_url, "duplicate")
    assert poll(base_url, "/etutelle/1.0/outcomes").status_code == 200


def test_every_message_gets_exactly_one_receipt_under_faults(simulator):
    """A small retrying client against 30 % faults of every kind."""
    base_url, _state = simulator
    faults(base_url, "http500", "http429", "timeout", "drop", "duplicate", rate=0.3, seed=3)
    receipts = {}
    for number in range(40):
        package = build_etutelle_package(act(number))
        for _attempt in range(20):
            try:
                answer = submit(base_url, package, f"msg-{number}")
            except requests.exceptions.RequestException:
                continue
            if answer.status_code in (200, 201):
                receipts[number] = answer.json()["receipt_id"]
                break
    assert len(receipts) == 40
    assert len(set(receipts.values())) == 40
    counts = stats(base_url)
    assert counts["receipts"] == counts["distinct_keys"] == 40
    assert counts["deliveries"] > 40
    assert all(counts["faults"][kind] > 0 for kind in counts["faults"])


def test_fault_settings_are_checked(simulator):
    base_url, _state = simulator
    bad = requests.post(
        base_url + "/_sim/faults", headers=AUTH, json={"rate": 2, "kinds": ["http500"]}
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["message"] == "The fault rate must be a number from 0 to 1, not 2."
    bad = requests.post(
        base_url + "/_sim/faults", headers=AUTH, json={"rate": 0.1, "kinds": ["meteor"]}
    )
    assert "Unknown fault kind(s) meteor" in bad.json()["error"]["message"]
    faults(base_url, "http500")
    reset = requests.post(base_url + "/_sim/reset", headers=AUTH)
    assert reset.json()["faults"]["http500"] == 0
    assert requests.get(base_url + "/_sim/faults", headers=AUTH).json()["rate"] == 0.0


def test_state_survives_a_restart(tmp_path):
    path = tmp_path / "state.json"
    app, _state = make_app({"token": TOKEN, "state": path})
    environ_post = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/etutelle/1.0/submissions",
        "CONTENT_TYPE": "application/zip",
        "HTTP_AUTHORIZATION": f"Bearer {TOKEN}",
        "HTTP_IDEMPOTENCY_KEY": "k",
    }
    package = build_etutelle_package(namur_tax_regulation())

    def call(app):
        status = []
        environ = {
            **environ_post,
            "CONTENT_LENGTH": str(len(package)),
            "wsgi.input": io.BytesIO(package),
        }
        body = b"".join(app(environ, lambda s, h: status.append(s)))
        return status[0], body

    first = call(app)
    assert first[0].startswith("201")
    restarted, state = make_app({"token": TOKEN, "state": path})
    again = call(restarted)
    assert again[0].startswith("200")
    assert json.loads(again[1]) == json.loads(first[1])
    assert state.stats()["duplicates"] == 1


def test_config_and_command_line_are_checked(capsys):
    with pytest.raises(ValueError, match="Unknown outcome 'maybe'"):
        SimulatorConfig(outcome="maybe")
    with pytest.raises(SystemExit):
        main(["--outcome", "maybe"])
    with pytest.raises(SystemExit):
        main(["--fault-kinds", "meteor", "--port", "0"])
    assert "Unknown fault kind(s) meteor" in capsys.readouterr().err
