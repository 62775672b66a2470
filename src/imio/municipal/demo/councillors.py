"""The demo's councillors with an account: ``namur-conseiller`` and ``gembloux-conseiller``.

A councillor belongs to no service or function group: what he reads comes
from his council mandate (the sessions of the council from their convocation
on, and their items). The first councillor of each demo council is linked to
the account.
"""

from imio.municipal.sessions import composition
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


def councillor_login(municipality_id: str) -> str:
    return f"{municipality_id}-conseiller"


def _first_councillor_mandate(folder):
    mandates = [
        obj
        for obj in folder.objectValues()
        if obj.portal_type == "Mandate" and obj.office == composition.CONSEILLER
    ]
    return min(mandates, key=lambda m: m.precedence or 0, default=None)


def create_demo_councillors(portal, municipalities, ensure_user) -> None:
    """One account per demo council, linked to its first councillor's mandate (idempotent)."""
    for data in municipalities:
        login = councillor_login(data["id"])
        folder = portal[data["id"]]["seances"]
        linked = [m for m in folder.objectValues() if getattr(m, "user_id", None) == login]
        mandate = linked[0] if linked else _first_councillor_mandate(folder)
        if mandate is None:
            continue
        ensure_user(login, f"{mandate.person} ({data['title']}, conseiller communal)")
        if not linked:
            with api.env.adopt_roles(["Manager"]):
                mandate.user_id = login
                notify(ObjectModifiedEvent(mandate))
