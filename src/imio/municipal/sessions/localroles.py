"""The members of a session's body read it: a local role from their mandates."""

from borg.localrole.interfaces import ILocalRoleProvider
from imio.municipal.sessions.interfaces import ISession
from imio.municipal.sessions.members import member_user_ids
from imio.municipal.sessions.members import sessions_folder_of
from plone import api
from zope.component import adapter
from zope.interface import implementer

import transaction
import weakref


SESSION_MEMBER = "SessionMember"
# Once per transaction (a request, or a script's unit of work): the members are
# asked at every permission check on a session, and reading the mandates costs.
_CACHES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _request_cache() -> dict:
    return _CACHES.setdefault(transaction.get(), {})


def forget_members() -> None:
    """Mandates changed in this transaction: look the members up again."""
    _request_cache().clear()


@implementer(ILocalRoleProvider)
@adapter(ISession)
class SessionMemberRoles:
    """Members with a platform account, in office in the session's body on its
    day, are SessionMember there (what they may see is the workflow's business)."""

    def __init__(self, context):
        self.context = context

    def _members(self) -> set[str]:
        if not getattr(self.context, "session_date", None):
            return set()
        cache = _request_cache()
        key = (self.context.UID(), self.context.body, self.context.session_date)
        if key not in cache:
            cache[key] = member_user_ids(self.context)
        return cache[key]

    def getRoles(self, principal_id):
        return (SESSION_MEMBER,) if principal_id in self._members() else ()

    def getAllRoles(self):
        for user_id in sorted(self._members()):
            yield user_id, (SESSION_MEMBER,)


def mandate_removed(mandate, event) -> None:
    forget_members()


def mandate_changed(mandate, event) -> None:
    """A member's account or dates changed: the sessions' readers change with them."""
    forget_members()
    folder = sessions_folder_of(mandate)
    if folder is None:
        return
    for brain in api.content.find(
        portal_type="Session", path="/".join(folder.getPhysicalPath()), unrestricted=True
    ):
        brain._unrestrictedGetObject().reindexObjectSecurity()
