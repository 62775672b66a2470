"""1013 -> 1014: the members of a session's body read the acts on its agenda.

Re-imports the act workflow (SessionMember reads from « validated » on),
records on each act the sessions it was put before (from the sessions'
agendas), and updates the role mappings and security index of those acts only:
no other object's permissions changed.
"""

from imio.municipal import logger
from imio.municipal.sessions import act_readers
from plone import api


PROFILE = "profile-imio.municipal:default"


def upgrade(context=None):
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    workflow = api.portal.get_tool("portal_workflow")["municipal_act_workflow"]
    catalog = api.portal.get_tool("portal_catalog")
    items = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Session"):
        session = brain._unrestrictedGetObject()
        for item in getattr(session, "agenda", None) or ():
            for act_brain in catalog.unrestrictedSearchResults(UID=item.act_uid):
                act_readers.remember_session(act_brain._unrestrictedGetObject(), session)
                items += 1
    # The mapping changed in every state but the first two: every act's
    # permissions and catalogued readers follow.
    for brain in catalog.unrestrictedSearchResults(portal_type="Act"):
        act = brain._unrestrictedGetObject()
        workflow.updateRoleMappingsFor(act)
        act.reindexObjectSecurity()
    logger.info("1014 agenda readers: %s agenda items' acts readable by the members", items)
