"""The worker's rounds: send due messages, record answers, apply decisions.

A scripted transport stands in for the network here (what the region answers
is the point); tests/exchange/test_simulator_roundtrip.py does it over HTTP.
"""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import do_transition
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules
from imio.municipal.exchange import worker
from imio.municipal.exchange.transport import Answer
from plone import api

import pytest
import transaction


SECRETARY = "namur-secretaire"


class ScriptedTransport:
    """Answers submissions from a list, and polls from another."""

    def __init__(self, answers, polls=()):
        self.answers = list(answers)
        self.polls = list(polls)
        self.sent = []

    def submit(self, path, payload, media_type, key):
        self.sent.append((path, key, len(payload)))
        return self.answers.pop(0)

    def get(self, path, params):
        return self.polls.pop(0) if self.polls else Answer(200, data={"items": []})


@pytest.fixture
def portal(functional_portal):
    return functional_portal


@pytest.fixture
def transmitted(functional_portal, committed_plan):
    portal = functional_portal
    portal["namur"].guichet_transport = "http"
    portal["namur"].guichet_url = "http://region.invalid"
    do_transition(committed_plan, SECRETARY, "transmit")
    transaction.commit()
    [message] = outbox.messages(portal, obj_uid=api.content.get_uuid(committed_plan))
    return committed_plan, message


def run(portal, transport):
    with api.env.adopt_roles(["Manager"]):
        sent = worker.send_due(portal, "w1", lambda municipality, target: transport)
        applied = worker.poll_outcomes(portal, lambda municipality, target: transport)
    return sent, applied


def receipt(number="PIC-2026-000001"):
    received_at = outbox.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")
    return Answer(201, body="{}", data={"receipt_id": number, "received_at": received_at})


def decided(message, **fields):
    """A Guichet decision on ``message``, taken today."""
    item = {"message_id": message.id, "ins_code": message.ins_code}
    return {**item, "decided_on": belgian_today().isoformat(), **fields}


def polled(*items):
    return Answer(200, data={"items": list(items), "cursor": items[-1]["cursor"]})


def test_acknowledged_then_approved_by_the_region(portal, transmitted):
    plan, message = transmitted
    decision = decided(message, cursor=1, receipt_id="PIC-2026-000001", decision="approved")
    transport = ScriptedTransport(
        [receipt()], [Answer(200, data={"items": [decision], "cursor": 1})]
    )
    sent, applied = run(portal, transport)
    assert sent == {rules.ACKNOWLEDGED: 1}
    assert transport.sent[0][1] == message.id  # the idempotency key
    assert message.receipt_id == "PIC-2026-000001"
    assert applied == 1
    assert api.content.get_state(plan) == "approved_region"
    # The same decision polled again changes nothing.
    transport.polls.append(polled(decision))
    assert run(portal, transport)[1] == 0
    # Acknowledged: no longer among the messages a worker round reads.
    box = outbox.get_outbox(portal)
    assert message.id not in box.unfinished
    assert list(box.receipt_pairs) == [(message.ins_code, message.target)]


def test_a_transient_failure_is_retried_later(portal, transmitted):
    _plan, message = transmitted
    transport = ScriptedTransport([Answer(None, error="timeout: read timed out")])
    sent, _applied = run(portal, transport)
    assert sent == {rules.PENDING: 1}
    assert message.attempts == 1
    assert "timeout" in message.last_error
    assert message.next_attempt_at > outbox.utcnow()
    # Not due yet: the next round sends nothing.
    assert run(portal, ScriptedTransport([]))[0] == {}


def test_a_refusal_fails_and_tells_the_secretariat(portal, transmitted):
    _plan, message = transmitted
    portal.MailHost.reset()
    transport = ScriptedTransport([Answer(422, error="HTTP 422: manifest refused")])
    sent, _applied = run(portal, transport)
    assert sent == {rules.FAILED: 1}
    assert message.state == rules.FAILED
    recipients = [m for m in portal.MailHost.messages]
    assert len(recipients) == 1
    assert b"namur-secretaire@demo.imio.be" in recipients[0]


def test_the_region_asks_for_corrections(portal, transmitted):
    plan, message = transmitted
    decision = decided(
        message,
        cursor=4,
        receipt_id="PIC-2026-000001",
        decision="to_correct",
        comment="Phase B de l'égouttage à justifier.",
    )
    run(
        portal,
        ScriptedTransport([receipt()], [Answer(200, data={"items": [decision], "cursor": 4})]),
    )
    assert api.content.get_state(plan) == "to_correct"
    assert plan.region_comment == "Phase B de l'égouttage à justifier."
