"""The per-municipality log of what its secretariat changed in its people.

Kept on the municipality (an annotation): an append-only persistent list of
who, when and what. These are rare writes, so one list is enough.
"""

from datetime import datetime
from datetime import timezone
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations


LOG_KEY = "imio.municipal.administration.log"


def _log(municipality, create=False):
    annotations = IAnnotations(municipality)
    entries = annotations.get(LOG_KEY)
    if entries is None and create:
        entries = annotations[LOG_KEY] = PersistentList()
    return entries


def record(municipality, action: str, target: str, detail: str = "") -> dict:
    """Append one change: ``action`` (an id), on ``target`` (a login or
    'services'), with a short ``detail``; who and when are added here."""
    entry = PersistentMapping(
        {
            "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "who": api.user.get_current().getId(),
            "action": action,
            "target": target,
            "detail": detail,
        }
    )
    _log(municipality, create=True).append(entry)
    return entry


def entries(municipality, limit: int | None = None) -> list[dict]:
    """The changes, newest first."""
    found = [dict(entry) for entry in reversed(_log(municipality) or [])]
    return found[:limit] if limit else found
