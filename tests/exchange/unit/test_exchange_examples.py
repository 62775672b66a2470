"""The example messages of docs/exchange/README.md, made by the code they document.

Each test builds a message or makes a real exchange with the simulator, then
compares it with docs/exchange/examples/<name>. A missing or different file is
(re)written and the test fails, so that the documentation cannot drift: run
the tests again and commit the examples.
"""

from datetime import date
from exchange_samples import gembloux_plan
from exchange_samples import namur_tax_regulation
from exchange_samples import pdf
from exchange_samples import TOKEN
from imio.municipal.exchange.etutelle import build_etutelle_package
from imio.municipal.exchange.etutelle import etutelle_manifest
from imio.municipal.exchange.package import build_package
from imio.municipal.exchange.permits import completeness_response
from imio.municipal.exchange.permits import decision_response
from imio.municipal.exchange.permits import validate_json
from imio.municipal.exchange.pic_format import build_pic_package
from imio.municipal.exchange.pic_format import pic_manifest
from imio.municipal.exchange.validation import validate
from pathlib import Path

import json
import re
import requests


EXAMPLES = Path(__file__).parents[3] / "docs" / "exchange" / "examples"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def scrub(text: str) -> str:
    """Fixed values for what changes from run to run (dates of the run, year of a receipt)."""
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "2026-11-26T09:15:02Z", text)
    text = re.sub(r'"decided_on": "\d{4}-\d\d-\d\d"', '"decided_on": "2026-12-02"', text)
    return re.sub(r"\b(ET|PIC|RSP)-\d{4}-", r"\1-2026-", text)


def check_examples(examples: dict[str, str | bytes]) -> None:
    """Fail, after rewriting them, when some of ``examples`` (name: content) are stale."""
    stale = []
    for name, content in examples.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = EXAMPLES / name
        if not path.exists() or path.read_bytes() != data:
            EXAMPLES.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            stale.append(name)
    assert not stale, f"Rewritten in {EXAMPLES}, commit them: {', '.join(stale)}"


def as_json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_etutelle_manifest_example():
    manifest = etutelle_manifest(namur_tax_regulation())
    assert validate(manifest, "etutelle-1.0") == []
    check_examples({"etutelle-manifest.xml": manifest})


def test_pic_manifest_example():
    manifest = pic_manifest(gembloux_plan())
    assert validate(manifest, "pic-1.0") == []
    check_examples({"pic-manifest.xml": manifest})


def test_permit_response_examples():
    decision = decision_response(
        "2026/pu/12",
        "granted",
        date(2026, 12, 15),
        "permis-2026-pu-12.pdf",
        pdf("Permis d'urbanisme 2026/pu/12"),
    )
    assert validate_json(decision, "permit-response-1.0") == []

    completeness = completeness_response(
        "2026/pu/12", ["Plan d'implantation signé par l'architecte", "Reportage photographique"]
    )
    assert validate_json(completeness, "permit-response-1.0") == []
    check_examples(
        {
            "permit-response.json": as_json(decision),
            "permit-response-completeness.json": as_json(completeness),
        }
    )


def test_exchange_examples_with_the_simulator(make_simulator):
    base_url, _state = make_simulator(outcome="approve")
    examples = {}
    submission = namur_tax_regulation()
    receipt = requests.post(
        base_url + "/etutelle/1.0/submissions",
        data=build_etutelle_package(submission),
        headers={
            **AUTH,
            "Content-Type": "application/zip",
            "Idempotency-Key": submission.message_id,
        },
        timeout=5,
    )
    assert receipt.status_code == 201
    examples["etutelle-receipt.json"] = scrub(as_json(receipt.json()))
    outcomes = requests.get(
        base_url + "/etutelle/1.0/outcomes",
        params={"ins": "92094", "after": 0},
        headers=AUTH,
        timeout=5,
    )
    assert outcomes.json()["items"][0]["outcome"] == "approved"
    examples["etutelle-outcomes.json"] = scrub(as_json(outcomes.json()))

    no_deliberation = namur_tax_regulation(files=namur_tax_regulation().files[1:])
    refused = requests.post(
        base_url + "/etutelle/1.0/submissions",
        data=build_package(etutelle_manifest(no_deliberation), no_deliberation.files),
        headers={**AUTH, "Content-Type": "application/zip", "Idempotency-Key": "other"},
        timeout=5,
    )
    assert refused.status_code == 422
    examples["etutelle-422.json"] = scrub(as_json(refused.json()))

    plan = gembloux_plan()
    requests.post(
        base_url + "/guichet/1.0/pic-plans",
        data=build_pic_package(plan),
        headers={**AUTH, "Content-Type": "application/zip", "Idempotency-Key": plan.message_id},
        timeout=5,
    ).raise_for_status()
    decisions = requests.get(
        base_url + "/guichet/1.0/decisions",
        params={"ins": "92142", "after": 0},
        headers=AUTH,
        timeout=5,
    )
    examples["pic-decisions.json"] = scrub(as_json(decisions.json()))

    notifications = requests.get(
        base_url + "/permits/1.0/instances/92094/notifications",
        params={"status": "pending"},
        headers=AUTH,
        timeout=5,
    )
    (notification,) = notifications.json()["items"]
    assert validate_json(notification, "permit-notification-1.0") == []
    examples["permit-notification.json"] = as_json(notification)
    examples["simulator-stats.json"] = scrub(
        as_json(requests.get(base_url + "/_sim/stats", headers=AUTH).json())
    )
    check_examples(examples)
