"""The exchange worker: sends the outbox after commit, follows up the region.

``municipal-exchange-worker`` is a ZEO (or RelStorage) client of the site's
database, like the daily jobs. Each round:

1. every due message is *claimed* in its own transaction (two workers that
   claim the same message conflict: one of them skips it), then sent outside
   any transaction, then the answer is recorded in a new transaction;
2. every municipality sending over HTTP is asked for what came back (tutelle
   outcomes, PIC decisions) since the last cursor, and it is applied.

Several workers may run at once; a worker killed between claim and record
leaves a lease that expires, and another one sends the message again with
the same idempotency key, so the region records it once.
"""

from imio.municipal import logger
from imio.municipal.exchange import effects
from imio.municipal.exchange import rules
from imio.municipal.exchange.outbox import claimable_ids
from imio.municipal.exchange.outbox import get_outbox
from imio.municipal.exchange.outbox import receipt_pairs
from imio.municipal.exchange.outbox import utcnow
from imio.municipal.exchange.permits_inbox import poll_permits
from imio.municipal.exchange.settings import route
from imio.municipal.exchange.targets import TARGETS
from imio.municipal.exchange.transport import Answer
from imio.municipal.exchange.transport import CONNECT_TIMEOUT
from imio.municipal.exchange.transport import HttpTransport
from imio.municipal.exchange.transport import READ_TIMEOUT
from imio.municipal.platform.lookup import municipality_by_ins_code
from ZODB.POSException import ConflictError

import argparse
import os
import signal
import socket
import time
import transaction


RECORD_ATTEMPTS = 10


TIMEOUTS = {"connect": CONNECT_TIMEOUT, "read": READ_TIMEOUT}


def http_transport(municipality, target_id: str):
    """The transport to use, or None when HTTP is not usable."""
    found = route(municipality, target_id)
    if not found.usable:
        return None
    return HttpTransport(found.url, found.token, TIMEOUTS["connect"], TIMEOUTS["read"])


def _claim(portal, message_id: str, worker_id: str):
    """Claim in its own transaction; the data to send, or None (taken/not due)."""
    try:
        transaction.begin()
        message = get_outbox(portal).messages.get(message_id)
        if message is None:
            return None
        message.claim(worker_id, utcnow())
        snapshot = {
            "id": message.id,
            "target": message.target,
            "ins_code": message.ins_code,
            "media_type": message.media_type,
            "path": message.path,
            "payload": message.read_payload(),
        }
        transaction.commit()
        return snapshot
    except (ConflictError, rules.TransitionError):
        transaction.abort()
        return None


def _record(portal, message_id: str, answer: Answer) -> str:
    """Record the answer (retrying conflicts); the message's new state."""
    for _attempt in range(RECORD_ATTEMPTS):
        try:
            transaction.begin()
            message = get_outbox(portal).messages[message_id]
            now = utcnow()
            data = answer.data or {}
            # The permit platform answers a response with its response_id.
            receipt = (data.get("receipt_id") or data.get("response_id")) if answer.ok else None
            if receipt:
                if message.acknowledge(
                    status=answer.status, body=answer.body, receipt_id=receipt, now=now
                ):
                    effects.on_receipt(portal, message, answer.data)
            else:
                error = answer.error or f"HTTP {answer.status}: no receipt in the answer"
                message.fail_attempt(
                    status=answer.status, error=error, now=now, retry_after=answer.retry_after
                )
                if message.state == rules.FAILED and not message.notified_failure:
                    effects.notify_failure(portal, message)
                    message.notified_failure = True
            state = message.state
            transaction.commit()
            return state
        except ConflictError:
            transaction.abort()
    raise RuntimeError(f"could not record the answer for message {message_id}: conflicts")


def send_due(portal, worker_id: str, transport_factory=http_transport) -> dict:
    """Send every due message once; counts per resulting state."""
    counts = {}
    transaction.begin()
    for message_id in claimable_ids(portal, utcnow()):
        snapshot = _claim(portal, message_id, worker_id)
        if snapshot is None:
            counts["skipped"] = counts.get("skipped", 0) + 1
            continue
        municipality = municipality_by_ins_code(snapshot["ins_code"])
        target = TARGETS[snapshot["target"]]
        transport = transport_factory(municipality, target.id) if municipality is not None else None
        if transport is None:
            answer = Answer(
                400,
                error=f"{target.title}: no usable HTTP endpoint or token for "
                f"{snapshot['ins_code']} (see the municipality's exchange settings)",
            )
        else:
            answer = transport.submit(
                snapshot["path"] or target.submit_path,
                snapshot["payload"],
                snapshot["media_type"],
                snapshot["id"],
            )
        state = _record(portal, message_id, answer)
        counts[state] = counts.get(state, 0) + 1
    return counts


def poll_outcomes(portal, transport_factory=http_transport) -> int:
    """Ask each target what came back since the last cursor; the number applied."""
    applied = 0
    transaction.begin()
    outbox = get_outbox(portal)
    if outbox is None:
        return 0
    pairs = [(ins, target) for ins, target in receipt_pairs(portal) if TARGETS[target].poll_path]
    for ins_code, target_id in pairs:
        municipality = municipality_by_ins_code(ins_code)
        transport = transport_factory(municipality, target_id) if municipality is not None else None
        if transport is None:
            continue
        cursor = effects.cursor(portal, target_id, ins_code)
        answer = transport.get(TARGETS[target_id].poll_path, {"ins": ins_code, "after": cursor})
        if not answer.ok:
            logger.warning("Polling %s for %s failed: %s", target_id, ins_code, answer.error)
            continue
        for item in answer.data.get("items", []):
            for _attempt in range(RECORD_ATTEMPTS):
                try:
                    transaction.begin()
                    if effects.apply_outcome(portal, target_id, ins_code, item):
                        applied += 1
                    transaction.commit()
                    break
                except ConflictError:
                    logger.info("Applying %s of %s: conflict, again", target_id, ins_code)
                    transaction.abort()
    return applied


def run(
    portal, worker_id: str, interval: float, once: bool, transport_factory=http_transport
) -> None:
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    while not stopping:
        counts = send_due(portal, worker_id, transport_factory)
        applied = poll_outcomes(portal, transport_factory)
        applied += poll_permits(portal)
        if counts or applied:
            logger.info("Exchange worker %s: %s; %d outcome(s) applied", worker_id, counts, applied)
        if once:
            return
        time.sleep(interval)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="municipal-exchange-worker",
        description="Send the outbox to the regional systems and apply what comes back.",
    )
    parser.add_argument("--zope-conf", required=True, help="zope.conf of a ZEO/RelStorage client")
    parser.add_argument("--site", default="Plone", help="id of the Plone site")
    parser.add_argument("--worker-id", default=f"{socket.gethostname()}-{os.getpid()}")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between rounds")
    parser.add_argument("--once", action="store_true", help="one round, then exit")
    parser.add_argument("--connect-timeout", type=float, default=CONNECT_TIMEOUT)
    parser.add_argument("--read-timeout", type=float, default=READ_TIMEOUT)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    from imio.municipal.jobs import console_main
    from zope.component.hooks import setSite

    def work(app, options):
        TIMEOUTS.update(connect=options.connect_timeout, read=options.read_timeout)
        portal = app[options.site]
        setSite(portal)
        run(portal, options.worker_id, options.interval, options.once)
        return 0

    return console_main(argv, parse_args, work)
