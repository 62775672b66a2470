"""What the secretariat decided before publishing: per personal data item
(mask or release with a reason) and per publishable annex (released with a
reason). Kept in an annotation of the act, changed only through the
publication preview (or its REST equivalent), in the history of the act."""

from imio.municipal.publication.masking import Decision
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations


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


def release_annex(act, uid: str, reason: str) -> None:
    if not reason.strip():
        raise ValueError("A release needs a reason.")
    _storage(act, create=True)["annexes"][uid] = reason.strip()


def withhold_annex(act, uid: str) -> None:
    storage = _storage(act)
    if storage and uid in storage["annexes"]:
        del storage["annexes"][uid]
