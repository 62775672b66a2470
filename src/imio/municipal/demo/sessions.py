"""Builders of sessions and mandates for the demo and the tests."""

from datetime import date
from imio.municipal.platform.content_ids import slug
from plone import api


def _free_id(container, name: str) -> str:
    # Sessions and mandates are never renamed (only platform admins move them):
    # choose the final id up front.
    base = candidate = slug(name)
    number = 1
    while candidate in container.objectIds():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def build_mandate(portal, municipality="namur", user=None, **fields):
    """A mandate recorded by the secretariat.

    >>> build_mandate(portal, person="Claire Fictive", office="conseiller")  # doctest: +SKIP
    """
    user = user or f"{municipality}-secretaire"
    fields.setdefault("office", "conseiller")
    fields.setdefault("start", date(2024, 12, 2))
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=portal[municipality]["seances"],
            type="Mandate",
            id=_free_id(portal[municipality]["seances"], f"mandat-{fields['person']}"),
            **fields,
        )


def build_session(portal, municipality="namur", user=None, **fields):
    """A session in preparation, created by the secretariat."""
    user = user or f"{municipality}-secretaire"
    fields.setdefault("body", "college")
    fields.setdefault("place", "Hôtel de ville")
    with api.env.adopt_user(username=user):
        return api.content.create(
            container=portal[municipality]["seances"],
            type="Session",
            id=_free_id(
                portal[municipality]["seances"], f"{fields['body']}-{fields['session_date']}"
            ),
            **fields,
        )
