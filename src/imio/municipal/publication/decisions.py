"""What the secretariat decided before publishing: per personal data item
(mask or release with a reason) and per publishable annex (released with a
reason, for its content at that moment). Kept in an annotation of the act,
changed only through the publication preview (or its REST equivalent), in
the history of the act."""

from imio.municipal.publication.core.findings import RELEASABLE_CERTAIN
from imio.municipal.publication.core.masking import Decision
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations

import hashlib


KEY = "imio.municipal.publication"


def _storage(act, create: bool = False):
    annotations = IAnnotations(act)
    storage = annotations.get(KEY)
    if storage is None and create:
        storage = annotations[KEY] = PersistentMapping(
            findings=PersistentMapping(), annexes=PersistentMapping()
        )
    return storage


def finding_decisions(act) -> dict[str, Decision]:
    storage = _storage(act)
    if not storage:
        return {}
    return {
        key: Decision(value["action"], value.get("reason", ""))
        for key, value in storage["findings"].items()
    }


def decide(act, key: str, action: str, reason: str = "") -> None:
    """Record a decision (Decision validates: a release needs a reason)."""
    decision = Decision(action, reason.strip())
    _storage(act, create=True)["findings"][key] = {
        "action": decision.action,
        "reason": decision.reason,
    }


def forget(act, key: str) -> None:
    storage = _storage(act)
    if storage and key in storage["findings"]:
        del storage["findings"][key]


def annex_releases(act) -> dict[str, str]:
    """UID of each annex released for publication -> the reason."""
    storage = _storage(act)
    return dict(storage["annexes"]) if storage else {}


def releasable_key(key: str) -> bool:
    """May a release of this item key publish it (a suspect or an IBAN)?"""
    kind = key.split(":", 1)[0]
    return kind.startswith("suspect-") or kind in RELEASABLE_CERTAIN


def forget_unreleasable(act) -> int:
    """Drop the releases of certain personal data (they publish nothing):
    how many were dropped."""
    storage = _storage(act)
    if not storage:
        return 0
    dropped = [
        key
        for key, value in storage["findings"].items()
        if value["action"] == "release" and not releasable_key(key)
    ]
    for key in dropped:
        del storage["findings"][key]
    return len(dropped)


def annex_digest(annex) -> str:
    """The SHA-256 of the annex's file: what the secretariat saw when releasing it."""
    blob = getattr(annex, "file", None)
    return hashlib.sha256(blob.data if blob is not None else b"").hexdigest()


def release_annex(act, uid: str, reason: str) -> None:
    if not reason.strip():
        raise ValueError("A release needs a reason.")
    storage = _storage(act, create=True)
    storage["annexes"][uid] = reason.strip()
    annex = next((obj for obj in act.objectValues() if obj.UID() == uid), None)
    if annex is not None:
        storage.setdefault("annex_digests", PersistentMapping())[uid] = annex_digest(annex)


def released_content_changed(act, annex) -> bool:
    """Was the annex's file replaced after its release? (A release made
    before digests were kept is taken as it is.)"""
    storage = _storage(act)
    digest = (storage or {}).get("annex_digests", {}).get(annex.UID())
    return digest is not None and digest != annex_digest(annex)


def withhold_annex(act, uid: str) -> None:
    storage = _storage(act)
    if storage and uid in storage["annexes"]:
        del storage["annexes"][uid]
        storage.get("annex_digests", {}).pop(uid, None)
