"""The outbox state machine on persistent messages."""

from datetime import date
from datetime import timedelta
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules
from imio.municipal.testing import commit_concurrently

import hashlib
import pytest
import transaction


PAYLOAD = b"PK\x03\x04 a package"


def new_message(portal, transport="http", ins_code="92094", obj_uid="uid-1"):
    return outbox.enqueue(
        portal,
        target="etutelle",
        ins_code=ins_code,
        obj_uid=obj_uid,
        obj_path="/plone/namur/actes/taxe",
        obj_title="Taxe",
        transport=transport,
        payload=PAYLOAD,
        media_type="application/zip",
        filename="taxe.zip",
    )


def test_what_is_sent_is_kept_byte_for_byte(portal):
    message = new_message(portal)
    assert message.read_payload() == PAYLOAD
    assert message.payload_sha256 == hashlib.sha256(PAYLOAD).hexdigest()
    assert message.state == rules.PENDING
    assert outbox.claimable_ids(portal, outbox.utcnow()) == [message.id]


def test_one_receipt_per_message(portal):
    message = new_message(portal)
    now = outbox.utcnow()
    message.claim("w1", now)
    assert message.acknowledge(status=201, body="{}", receipt_id="ET-1", now=now)
    assert not message.acknowledge(status=200, body="{}", receipt_id="ET-2", now=now)
    assert message.receipt_id == "ET-1"
    assert message.state == rules.ACKNOWLEDGED
    # A late failure from a worker whose lease ran out changes nothing.
    message.fail_attempt(status=None, error="timeout", now=now)
    assert message.state == rules.ACKNOWLEDGED


def test_failures_back_off_then_fail(portal):
    message = new_message(portal)
    now = outbox.utcnow()
    for attempt in range(1, rules.MAX_ATTEMPTS + 1):
        message.claim("w1", now)
        message.fail_attempt(status=503, error="HTTP 503", now=now)
        if attempt < rules.MAX_ATTEMPTS:
            assert message.state == rules.PENDING
            assert message.next_attempt_at == now + rules.backoff(attempt)
            now = message.next_attempt_at
    assert message.state == rules.FAILED
    with pytest.raises(rules.TransitionError):
        message.claim("w1", now)
    message.retry_now(now)
    assert message.state == rules.PENDING
    assert message.attempts == 0


def test_a_dead_worker_s_lease_is_taken_over(portal):
    message = new_message(portal)
    now = outbox.utcnow()
    message.claim("killed", now)
    with pytest.raises(rules.TransitionError):
        message.claim("w2", now + timedelta(seconds=1))
    message.claim("w2", now + rules.LEASE)
    assert message.claimed_by == "w2"
    assert "taken over by w2" in message.events[-1][1]


def test_a_package_waits_for_its_deposit(portal):
    message = new_message(portal, transport="package")
    assert message.state == rules.AWAITING_DEPOSIT
    assert outbox.claimable_ids(portal, outbox.utcnow()) == []
    message.record_deposit(
        reference="SPW-2026-1234", deposited_on=date(2026, 11, 30), now=outbox.utcnow()
    )
    assert message.receipt_id == "SPW-2026-1234"
    with pytest.raises(rules.TransitionError):
        message.record_deposit(
            reference="again", deposited_on=date(2026, 12, 1), now=outbox.utcnow()
        )


def test_two_workers_claiming_one_message_conflict(functional):
    portal = functional["portal"]
    message = new_message(portal)
    transaction.commit()
    path = "/".join(portal.getPhysicalPath())
    now = outbox.utcnow()
    claimed, skipped = [], []

    def take(site):
        found = outbox.get_outbox(site).messages[message.id]
        worker = f"w{len(claimed)}"
        claimed.append(worker)
        try:
            found.claim(worker, now)
        except rules.TransitionError:
            skipped.append(worker)  # what the worker does: leave it to the other

    def read(site):
        return outbox.get_outbox(site).messages[message.id].claimed_by

    owners, conflicts = commit_concurrently(
        functional["zodbDB"], [path, path], take, read, attempts=1
    )
    # The second claim conflicted; its retry found the message claimed.
    assert conflicts == 1
    assert owners == ["w0", "w0"]
    assert skipped == ["w2"]


def test_pages_and_rounds_read_the_outbox_s_indexes(portal):
    """An object's page, a municipality's journal and a worker round read
    only their messages, and answer as a scan of every message would."""
    namur = [new_message(portal) for _ in range(2)]
    other = new_message(portal, obj_uid="uid-2")
    gembloux = new_message(portal, ins_code="92142", obj_uid="uid-3")
    package = new_message(portal, transport="package", obj_uid="uid-2")
    now = outbox.utcnow()
    namur[0].claim("w1", now)
    namur[0].acknowledge(status=201, body="{}", receipt_id="ET-1", now=now)
    box = outbox.get_outbox(portal)
    box.settle(namur[0])

    def answers():
        return (
            [m.id for m in outbox.messages(portal, obj_uid="uid-1")],
            [m.id for m in outbox.messages(portal, ins_code="92142")],
            sorted(m.id for m in outbox.messages(portal, ins_code="92094")),
            sorted(outbox.claimable_ids(portal, now)),
            outbox.receipt_pairs(portal),
        )

    indexed = answers()
    assert set(indexed[0]) == {namur[0].id, namur[1].id}
    assert gembloux.id in indexed[1] and namur[1].id not in indexed[1]
    assert {m.id for m in (*namur, other, package)} <= set(indexed[2])
    assert gembloux.id not in indexed[2]
    claimable = set(indexed[3])
    assert {namur[1].id, other.id, gembloux.id} <= claimable
    assert not {namur[0].id, package.id} & claimable
    assert ("92094", "etutelle") in indexed[4]
    assert namur[0].id not in box.unfinished
    assert {namur[1].id, other.id, gembloux.id, package.id} <= set(box.unfinished)

    # An outbox of before 1009: no indexes; it still answers, by scanning,
    # until the upgrade step builds them.
    for name in ("by_object", "by_municipality", "unfinished", "receipt_pairs"):
        delattr(box, name)
    assert not box.is_indexed()
    assert answers() == indexed
    from imio.municipal.upgrades.v1009_scale import index_outbox

    index_outbox(None)
    assert box.is_indexed()
    assert answers() == indexed
