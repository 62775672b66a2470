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

from imio.municipal import _
from imio.municipal import logger
from imio.municipal.core.calendar import BRUSSELS
from imio.municipal.exchange import effects
from imio.municipal.exchange import region_input
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
import threading
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


def _receipt(message, answer: Answer, now):
    """(checked receipt or None, why the answer is not a receipt)."""
    if not answer.ok:
        return None, answer.error or f"HTTP {answer.status}: no receipt in the answer"
    try:
        found = region_input.check_receipt(answer.data, message.created_at, now, BRUSSELS)
    except region_input.Refused as refusal:
        return None, effects.in_site_language(
            _(
                "exchange_error_bad_receipt",
                default="The region's answer is not a valid receipt: ${reason}",
                mapping={"reason": effects.in_site_language(refusal.message)},
            )
        )
    if found is None:
        return None, f"HTTP {answer.status}: no receipt in the answer"
    return found, None


def _record(portal, message_id: str, answer: Answer) -> str:
    """Record the answer (retrying conflicts); the message's new state."""
    for _attempt in range(RECORD_ATTEMPTS):
        try:
            transaction.begin()
            message = get_outbox(portal).messages[message_id]
            now = utcnow()
            receipt, error = _receipt(message, answer, now)
            if receipt is not None:
                if message.acknowledge(
                    status=answer.status,
                    body=answer.body,
                    receipt_id=receipt.receipt_id,
                    now=now,
                ):
                    effects.on_receipt(portal, message, receipt.received_on)
            else:
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
        try:
            items = region_input.items(answer.data)
        except region_input.Refused as refusal:
            _reject(portal, target_id, ins_code, answer.data, refusal.message, whole=True)
            continue
        for item in items:
            outcome = _apply(portal, target_id, ins_code, item)
            if outcome is None:
                break  # conflicts all along: the next round starts again from the cursor
            applied += outcome
    return applied


def _apply(portal, target_id: str, ins_code: str, item) -> int | None:
    """Apply one polled item in its own transaction: 1 when applied, 0 when
    not (seen already, or rejected: kept in the journal and skipped), None
    when it kept conflicting."""
    for _attempt in range(RECORD_ATTEMPTS):
        try:
            transaction.begin()
            applied = effects.apply_outcome(portal, target_id, ins_code, item)
            transaction.commit()
            return 1 if applied else 0
        except ConflictError:
            logger.info("Applying %s of %s: conflict, again", target_id, ins_code)
            transaction.abort()
        except Exception as problem:  # noqa: BLE001 (one bad item must not stop the worker)
            transaction.abort()
            logger.exception("Applying %s of %s failed: %r", target_id, ins_code, item)
            reason = _(
                "region_refusal_not_applied",
                default="The item could not be applied: ${error}",
                mapping={"error": f"{type(problem).__name__}: {problem}"[:300]},
            )
            return 0 if _reject(portal, target_id, ins_code, item, reason) else None
    return None


def _reject(portal, target_id: str, ins_code: str, item, reason, whole=False) -> bool:
    """Keep ``item`` as rejected and move the cursor past it, in its own transaction."""
    for _attempt in range(RECORD_ATTEMPTS):
        try:
            transaction.begin()
            effects.reject(portal, target_id, ins_code, item, reason, whole=whole)
            transaction.commit()
            return True
        except ConflictError:
            transaction.abort()
    logger.error("Could not record the rejected item of %s for %s", target_id, ins_code)
    return False


def stop_on_sigterm() -> threading.Event:
    """An event set by SIGTERM: the worker finishes its round and exits 0."""
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    return stopping


def run(
    portal,
    worker_id: str,
    interval: float,
    once: bool,
    transport_factory=http_transport,
    stopping: threading.Event | None = None,
) -> None:
    if stopping is None:
        stopping = stop_on_sigterm()
    while not stopping.is_set():
        counts = send_due(portal, worker_id, transport_factory)
        applied = poll_outcomes(portal, transport_factory)
        applied += poll_permits(portal)
        if counts or applied:
            logger.info("Exchange worker %s: %s; %d outcome(s) applied", worker_id, counts, applied)
        if once:
            return
        stopping.wait(interval)


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
    from imio.municipal.jobs.scaffolding import console_main
    from zope.component.hooks import setSite

    # From the start: a SIGTERM while Zope opens (seconds on a busy machine)
    # must stop the worker cleanly too, not kill it.
    stopping = stop_on_sigterm()

    def work(app, options):
        TIMEOUTS.update(connect=options.connect_timeout, read=options.read_timeout)
        portal = app[options.site]
        setSite(portal)
        run(portal, options.worker_id, options.interval, options.once, stopping=stopping)
        return 0

    return console_main(argv, parse_args, work)
