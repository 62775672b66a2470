"""1011 -> 1012: the advice on acts (role, permissions, act workflow, groups)."""

from imio.municipal import logger
from imio.municipal.platform.groups import sync_municipality_groups
from plone import api


PROFILE = "profile-imio.municipal:default"
STEPS = ("rolemap", "workflow")


def upgrade(context):
    """Re-import the role map and the act workflow, give every municipality its
    directeur financier's group, and remap the existing acts."""
    setup_tool = api.portal.get_tool("portal_setup")
    for step in STEPS:
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    for brain in api.content.find(portal_type="Municipality", unrestricted=True):
        sync_municipality_groups(brain._unrestrictedGetObject())
    workflow = api.portal.get_tool("portal_workflow")["municipal_act_workflow"]
    count = 0
    for brain in api.content.find(portal_type="Act", unrestricted=True):
        act = brain._unrestrictedGetObject()
        if workflow.updateRoleMappingsFor(act):
            act.reindexObjectSecurity()
            count += 1
    logger.info("Advice on acts installed; %s acts got new role mappings", count)
