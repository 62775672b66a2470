"""The members of a session's body read the acts on its agenda, from the
convocation on: a local role on each act, from the sessions it was put before.

Council members have no role in the municipality: without it they would be
convened to decide on acts they cannot open. Closed-session items are read too
(the members decide them); what they may see in each state is the act
workflow's business (never a draft or a proposal).
"""

from Acquisition import aq_base
from borg.localrole.interfaces import ILocalRoleProvider
from imio.municipal.interfaces import IAct
from imio.municipal.sessions.members import member_user_ids
from imio.municipal.sessions.members import SESSION_MEMBER
from plone import api
from Products.CMFCore.utils import getToolByName
from zope.component import adapter
from zope.interface import implementer


#: The session states from which its members read its items (convened and after).
MEMBERS_READ_FROM = ("convened", "in_session", "closed", "minutes_approved")


def remember_session(act, session) -> None:
    """``act`` went on ``session``'s agenda: its members may read it once convened
    (and keep reading it after the session, postponed or not)."""
    uids = tuple(getattr(aq_base(act), "agenda_sessions", None) or ())
    if session.UID() not in uids:
        act.agenda_sessions = uids + (session.UID(),)


def _sessions_of(act) -> list:
    uids = getattr(aq_base(act), "agenda_sessions", None)
    if not uids:
        return []
    # From the act, not the site: local roles are also asked at commit time.
    catalog = getToolByName(act, "portal_catalog")
    workflow = getToolByName(act, "portal_workflow")
    brains = catalog.unrestrictedSearchResults(portal_type="Session", UID=list(uids))
    sessions = [brain._unrestrictedGetObject() for brain in brains]
    # The object's state, not the catalog's: asked during a transition too,
    # before the catalog knows the new state.
    return [s for s in sessions if workflow.getInfoFor(s, "review_state") in MEMBERS_READ_FROM]


@implementer(ILocalRoleProvider)
@adapter(IAct)
class AgendaReaderRoles:
    def __init__(self, context):
        self.context = context
        self._found = None

    def _readers(self) -> set[str]:
        # Asked once per principal (the user and each of his groups): look up once.
        if self._found is None:
            self._found = set()
            for session in _sessions_of(self.context):
                self._found |= member_user_ids(session)
        return self._found

    def getRoles(self, principal_id):
        return (SESSION_MEMBER,) if principal_id in self._readers() else ()

    def getAllRoles(self):
        for user_id in sorted(self._readers()):
            yield user_id, (SESSION_MEMBER,)


def reindex_items_security(session) -> None:
    """The members' access to the items' acts changed with the session: the
    catalog's view of who may find them follows."""
    catalog = api.portal.get_tool("portal_catalog")
    uids = [item.act_uid for item in getattr(session, "agenda", None) or ()]
    if not uids:
        return
    for brain in catalog.unrestrictedSearchResults(UID=uids):
        brain._unrestrictedGetObject().reindexObjectSecurity()
