"""The outbox: messages to the region, stored in the site's database.

A message is created in the transaction of the workflow transition that
sends something (so it exists exactly when the transition happened), and
sent after commit by the worker. What was sent is kept byte for byte (a
blob) with its SHA-256; the answer is kept too. The rules of a message's
life are in ``rules.py``; this module only stores and changes messages.

Concurrency: messages live in an OOBTree (new messages in one transaction,
claims in others, do not conflict); each message is its own persistent
object, so two workers claiming the same message conflict and one retries.

Scale: the outbox keeps its messages' ids by object and by municipality, the
ids of the unfinished ones, and the (municipality, target) pairs holding a
receipt. A case file's page, a municipality's journal and a worker round
read those, never every message ever sent.
"""

from BTrees.OOBTree import OOBTree
from BTrees.OOBTree import OOTreeSet
from datetime import datetime
from datetime import UTC
from imio.municipal.exchange import rules
from persistent import Persistent
from persistent.list import PersistentList
from ZODB.blob import Blob
from zope.annotation.interfaces import IAnnotations

import hashlib
import uuid


OUTBOX_KEY = "imio.municipal.outbox"
# Responses are kept for the journal, not as an archive of the region's site.
MAX_RESPONSE_CHARS = 20_000


def utcnow() -> datetime:
    return datetime.now(UTC)


class Outbox(Persistent):
    # Outboxes of before 1009 have no indexes until the upgrade builds them.
    by_object = by_municipality = unfinished = receipt_pairs = None

    def __init__(self):
        self.messages = OOBTree()
        # receipt id -> message id; "target:ins" -> last polled cursor
        self.by_receipt = OOBTree()
        self.cursors = OOBTree()
        # permit platform notification id -> UID of the case file it created
        self.permit_dossiers = OOBTree()
        self.reindex()

    def is_indexed(self) -> bool:
        return self.unfinished is not None

    def reindex(self) -> None:
        """(Re)build the indexes from the messages (new outbox, upgrade)."""
        self.by_object = OOBTree()  # object UID -> message ids
        self.by_municipality = OOBTree()  # INS code -> message ids
        self.unfinished = OOTreeSet()  # ids of messages not acknowledged yet
        self.receipt_pairs = OOTreeSet()  # (INS code, target) with a receipt
        for message in self.messages.values():
            self._index(message)
            if message.receipt_id:
                self.settle(message)

    def add(self, message: "OutboxMessage") -> None:
        self.messages[message.id] = message
        self._index(message)

    def _index(self, message: "OutboxMessage") -> None:
        for index, key in (
            (self.by_object, message.obj_uid),
            (self.by_municipality, message.ins_code),
        ):
            if key:
                ids = index.get(key)
                if ids is None:
                    ids = index[key] = OOTreeSet()
                ids.insert(message.id)
        if message.state not in rules.FINAL_STATES:
            self.unfinished.insert(message.id)

    def settle(self, message: "OutboxMessage") -> None:
        """The message got its receipt: no longer the worker's to send."""
        if not self.is_indexed():
            return
        if self.unfinished.has_key(message.id):  # noqa: W601 (BTrees API)
            self.unfinished.remove(message.id)
        if message.receipt_id:
            self.receipt_pairs.insert((message.ins_code, message.target))


class OutboxMessage(Persistent):
    """One thing sent (or to send) to one regional target."""

    state = rules.PENDING
    attempts = 0
    next_attempt_at = None
    lease_until = None
    claimed_by = None
    sent_at = None
    response_status = None
    response_body = None
    receipt_id = None
    receipt_at = None
    last_error = None
    notified_failure = False
    # Where to send it when not the target's submit path (permit responses).
    path = None
    # What it is when a target takes several kinds (permit responses:
    # "completeness" or "decision").
    kind = None

    def __init__(
        self,
        *,
        target,
        ins_code,
        obj_uid,
        obj_path,
        obj_title,
        transport,
        payload,
        media_type,
        filename,
        message_id=None,
    ):
        # The id is also the manifest's messageId and the Idempotency-Key.
        self.id = message_id or str(uuid.uuid4())
        self.target = target
        self.ins_code = ins_code
        self.obj_uid = obj_uid
        self.obj_path = obj_path
        self.obj_title = obj_title
        self.transport = transport
        self.media_type = media_type
        self.filename = filename
        self.created_at = utcnow()
        self.payload_sha256 = hashlib.sha256(payload).hexdigest()
        self.payload_size = len(payload)
        self.payload = Blob(payload)
        self.events = PersistentList()
        if transport == "package":
            self.state = rules.AWAITING_DEPOSIT
        self.log("created")

    def log(self, text: str, when: datetime | None = None) -> None:
        self.events.append((when or utcnow(), text))

    def read_payload(self) -> bytes:
        with self.payload.open("r") as stream:
            return stream.read()

    # The state changes, each checked against rules.py.

    def claim(self, worker: str, now: datetime) -> None:
        if not rules.claimable(self.state, self.next_attempt_at, self.lease_until, now):
            raise rules.TransitionError(f"message {self.id} is not claimable ({self.state})")
        if self.state == rules.CLAIMED:
            self.log(f"lease of {self.claimed_by} expired, taken over by {worker}", now)
        self.state = rules.CLAIMED
        self.claimed_by = worker
        self.lease_until = now + rules.LEASE

    def acknowledge(self, *, status: int | None, body: str, receipt_id: str, now: datetime) -> bool:
        """Record the region's receipt; False (and nothing changed) when the
        message already has one: one receipt per message, whatever repeats."""
        if self.receipt_id is not None:
            self.log(f"repeated receipt {receipt_id} ignored", now)
            return False
        self.state = rules.ACKNOWLEDGED
        self.sent_at = self.sent_at or now
        self.response_status = status
        self.response_body = (body or "")[:MAX_RESPONSE_CHARS]
        self.receipt_id = receipt_id
        self.receipt_at = now
        self.lease_until = None
        self.claimed_by = None
        self.last_error = None
        self.log(f"acknowledged: {receipt_id}", now)
        return True

    def fail_attempt(
        self, *, status: int | None, error: str, now: datetime, retry_after: float | None = None
    ) -> None:
        if self.state == rules.ACKNOWLEDGED:
            return  # a late failure of an already acknowledged message changes nothing
        self.attempts += 1
        self.response_status = status
        self.last_error = error[:MAX_RESPONSE_CHARS]
        self.state, self.next_attempt_at = rules.after_failure(
            self.attempts, status, now, retry_after
        )
        self.lease_until = None
        self.claimed_by = None
        self.log(f"attempt {self.attempts} failed: {error}", now)

    def retry_now(self, now: datetime) -> None:
        """The secretariat sends a failed message again (its attempts start over)."""
        if self.state != rules.FAILED:
            raise rules.TransitionError(f"only a failed message is retried ({self.state})")
        self.state = rules.PENDING
        self.attempts = 0
        self.next_attempt_at = None
        self.notified_failure = False
        self.log("retry asked", now)

    def record_deposit(self, *, reference: str, deposited_on, now: datetime) -> bool:
        """The secretariat deposited the package by hand and got this receipt."""
        if self.state != rules.AWAITING_DEPOSIT:
            raise rules.TransitionError(
                f"message {self.id} does not wait for a deposit ({self.state})"
            )
        return self.acknowledge(
            status=None,
            body=f"deposited on {deposited_on.isoformat()}",
            receipt_id=reference,
            now=now,
        )


def get_outbox(portal, create: bool = False) -> Outbox | None:
    annotations = IAnnotations(portal)
    outbox = annotations.get(OUTBOX_KEY)
    if outbox is None and create:
        outbox = annotations[OUTBOX_KEY] = Outbox()
    if create and not hasattr(outbox, "permit_dossiers"):  # an outbox of before the permits
        outbox.permit_dossiers = OOBTree()
    return outbox


def enqueue(portal, **fields) -> OutboxMessage:
    message = OutboxMessage(**fields)
    get_outbox(portal, create=True).add(message)
    return message


def messages(
    portal, ins_code: str | None = None, obj_uid: str | None = None
) -> list[OutboxMessage]:
    """Newest first, optionally one municipality's or one object's."""
    outbox = get_outbox(portal)
    if outbox is None:
        return []
    if not outbox.is_indexed():
        candidates = outbox.messages.values()
    elif obj_uid is not None:
        candidates = _by_ids(outbox, outbox.by_object.get(obj_uid, ()))
    elif ins_code is not None:
        candidates = _by_ids(outbox, outbox.by_municipality.get(ins_code, ()))
    else:
        candidates = outbox.messages.values()
    found = [
        m
        for m in candidates
        if (ins_code is None or m.ins_code == ins_code)
        and (obj_uid is None or m.obj_uid == obj_uid)
    ]
    return sorted(found, key=lambda m: m.created_at, reverse=True)


def _by_ids(outbox: Outbox, ids) -> list[OutboxMessage]:
    return [outbox.messages[message_id] for message_id in ids]


def claimable_ids(portal, now: datetime) -> list[str]:
    outbox = get_outbox(portal)
    if outbox is None:
        return []
    candidates = (
        _by_ids(outbox, outbox.unfinished) if outbox.is_indexed() else outbox.messages.values()
    )
    return [
        m.id for m in candidates if rules.claimable(m.state, m.next_attempt_at, m.lease_until, now)
    ]


def receipt_pairs(portal) -> list[tuple[str, str]]:
    """(INS code, target) of the messages that have a receipt."""
    outbox = get_outbox(portal)
    if outbox is None:
        return []
    if outbox.is_indexed():
        return list(outbox.receipt_pairs)
    return sorted({(m.ins_code, m.target) for m in outbox.messages.values() if m.receipt_id})
