"""What the region sent and the platform refused, kept for the exchange journal.

A polled item that fails its checks (``region_input.py``) or cannot be
applied is kept here with its reason, once (a key per item), and the worker
goes on with the next one: the item is skipped, not retried. The journal
shows these rows as « rejected »; they are not messages to send.
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from imio.municipal.exchange.outbox import utcnow
from persistent import Persistent
from zope.i18nmessageid import Message

import hashlib
import json
import uuid


# What is kept of the item itself: enough to recognise it.
MAX_ITEM_CHARS = 2000


class Rejection(Persistent):
    """One thing the region sent that changed nothing, and why."""

    obj_uid = None
    obj_title = None
    receipt_id = None
    cursor = None

    def __init__(self, *, key: str, target: str, ins_code: str, item: object, reason: Message):
        self.id = uuid.uuid4().hex
        self.key = key
        self.target = target
        self.ins_code = ins_code
        self.created_at: datetime = utcnow()
        self.item = _as_text(item)[:MAX_ITEM_CHARS]
        # The reason, translated when shown (msgid, English default, mapping).
        self.reason = (str(reason), reason.default, dict(reason.mapping or {}))

    def reason_message(self) -> Message:
        msgid, default, mapping = self.reason
        return Message(msgid, domain="imio.municipal", default=default, mapping=mapping)


def _as_text(item: object) -> str:
    try:
        return json.dumps(item, ensure_ascii=False, sort_keys=True, default=repr)
    except (TypeError, ValueError):
        return repr(item)


def item_key(target: str, ins_code: str, item: object, cursor: int | None) -> str:
    """One key per item: its cursor, or a digest of it when it has none."""
    if cursor is not None:
        return f"{target}:{ins_code}:{cursor}"
    digest = hashlib.sha256(_as_text(item).encode("utf-8")).hexdigest()[:16]
    return f"{target}:{ins_code}:#{digest}"


def _store(outbox) -> OOBTree:
    # INS code -> key -> Rejection; outboxes of before it get it on first use.
    if getattr(outbox, "rejections", None) is None:
        outbox.rejections = OOBTree()
    return outbox.rejections


def reject(outbox, *, key: str, target: str, ins_code: str, item: object, reason, **about) -> bool:
    """Keep a rejected item once per key; False when it was already kept."""
    by_key = _store(outbox).get(ins_code)
    if by_key is None:
        by_key = _store(outbox)[ins_code] = OOBTree()
    if by_key.get(key) is not None:
        return False
    rejection = Rejection(key=key, target=target, ins_code=ins_code, item=item, reason=reason)
    for name, value in about.items():
        setattr(rejection, name, value)
    by_key[key] = rejection
    return True


def rejections(outbox, ins_code: str) -> list[Rejection]:
    """A municipality's rejected items, newest first."""
    if outbox is None or getattr(outbox, "rejections", None) is None:
        return []
    found = list(outbox.rejections.get(ins_code, {}).values())
    return sorted(found, key=lambda r: r.created_at, reverse=True)


def find(outbox, ins_code: str, rejection_id: str) -> Rejection | None:
    for rejection in rejections(outbox, ins_code):
        if rejection.id == rejection_id:
            return rejection
    return None
