"""1003 -> 1004: PIC investment plans."""

from imio.municipal import logger
from imio.municipal.platform.groups import sync_municipality_groups
from plone import api


PROFILE = "profile-imio.municipal:default"
STEPS = ("rolemap", "typeinfo", "workflow")


def install_pic(setup_tool):
    for step in STEPS:
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    for brain in api.content.find(portal_type="Municipality", unrestricted=True):
        # The services may now build plans in the pic folder.
        sync_municipality_groups(brain._unrestrictedGetObject())
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("PIC plans installed; %s objects got new role mappings", count)
