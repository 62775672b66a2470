"""The worker against the regional simulator, over HTTP on loopback.

The plan goes out with its idempotency key, comes back acknowledged, and the
region's decision arrives by polling; faults make it retry, never duplicate.
"""

from imio.municipal.demo.builders import do_transition
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules
from imio.municipal.exchange import worker
from imio.municipal.exchange.simulator import serve_in_thread
from plone import api

import pytest
import requests
import transaction


SECRETARY = "namur-secretaire"
TOKEN = "test-token"
SIM_AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def region(monkeypatch):
    base_url, stop = serve_in_thread({"token": TOKEN, "timeout_seconds": 0.5})
    monkeypatch.setenv("IMIO_MUNICIPAL_TOKEN_GUICHET", TOKEN)
    yield base_url
    stop()


@pytest.fixture
def transmitted(functional_portal, committed_plan, region):
    namur = functional_portal["namur"]
    namur.guichet_transport = "http"
    namur.guichet_url = region
    do_transition(committed_plan, SECRETARY, "transmit")
    transaction.commit()
    [message] = outbox.messages(functional_portal, obj_uid=api.content.get_uuid(committed_plan))
    return committed_plan, message


def rounds(portal, count=1, transport_factory=worker.http_transport):
    with api.env.adopt_roles(["Manager"]):
        for _round in range(count):
            worker.send_due(portal, "w1", transport_factory)
            worker.poll_outcomes(portal, transport_factory)


def stats(region):
    return requests.get(f"{region}/_sim/stats", headers=SIM_AUTH, timeout=5).json()


def test_sent_acknowledged_and_approved(functional_portal, transmitted, region):
    plan, message = transmitted
    rounds(functional_portal)
    assert message.state == rules.ACKNOWLEDGED
    assert message.receipt_id.startswith("PIC-")
    assert api.content.get_state(plan) == "approved_region"
    assert stats(region)["receipts"] == 1


def test_a_lost_answer_is_sent_again_and_recorded_once(functional_portal, transmitted, region):
    """The region stored the plan but the answer timed out: the worker sends it
    again with the same key and gets the same receipt."""
    _plan, message = transmitted
    requests.post(
        f"{region}/_sim/faults",
        headers=SIM_AUTH,
        json={"rate": 1.0, "kinds": ["timeout"], "seed": 1},
        timeout=5,
    )

    def short_timeouts(municipality, target):
        transport = worker.http_transport(municipality, target)
        transport.timeouts = (1.0, 0.2)
        return transport

    rounds(functional_portal, transport_factory=short_timeouts)
    assert message.state == rules.PENDING
    assert "timeout" in message.last_error
    requests.post(f"{region}/_sim/faults", headers=SIM_AUTH, json={"rate": 0.0}, timeout=5)
    message.next_attempt_at = None  # do not wait for the backoff in a test
    transaction.commit()
    rounds(functional_portal)
    assert message.state == rules.ACKNOWLEDGED
    figures = stats(region)
    assert figures["deliveries"] == 2
    assert figures["distinct_keys"] == 1
    assert figures["receipts"] == 1


def test_without_a_token_nothing_leaves(functional_portal, transmitted, region, monkeypatch):
    _plan, message = transmitted
    monkeypatch.delenv("IMIO_MUNICIPAL_TOKEN_GUICHET")
    rounds(functional_portal)
    assert message.state == rules.FAILED
    assert "token" in message.last_error
    assert stats(region)["deliveries"] == 0
