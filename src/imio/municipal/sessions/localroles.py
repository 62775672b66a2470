"""The members of a session's body read it: a local role from their mandates."""

from borg.localrole.interfaces import ILocalRoleProvider
from imio.municipal.sessions import act_readers
from imio.municipal.sessions.interfaces import ISession
from imio.municipal.sessions.members import member_user_ids
from imio.municipal.sessions.members import SESSION_MEMBER
from imio.municipal.sessions.members import sessions_folder_of
from plone import api
from zope.component import adapter
from zope.interface import implementer


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
        return member_user_ids(self.context)

    def getRoles(self, principal_id):
        return (SESSION_MEMBER,) if principal_id in self._members() else ()

    def getAllRoles(self):
        for user_id in sorted(self._members()):
            yield user_id, (SESSION_MEMBER,)


def mandate_changed(mandate, event) -> None:
    """A member's account or dates changed: the sessions' readers change with them."""
    folder = sessions_folder_of(mandate)
    if folder is None:
        return
    for brain in api.content.find(
        portal_type="Session", path="/".join(folder.getPhysicalPath()), unrestricted=True
    ):
        session = brain._unrestrictedGetObject()
        session.reindexObjectSecurity()
        act_readers.reindex_items_security(session)
