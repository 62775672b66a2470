"""1004 -> 1005: inter-municipal shared projects."""

from imio.municipal import logger
from imio.municipal.platform.groups import sync_municipality_groups
from plone import api


PROFILE = "profile-imio.municipal:default"
STEPS = ("rolemap", "typeinfo", "workflow", "catalog")


def install_shared_projects(setup_tool):
    for step in STEPS:
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    catalog.manage_reindexIndex(ids=["participants"])
    for brain in api.content.find(portal_type="Municipality", unrestricted=True):
        # Each secretariat may now start projects in the shared-projects folder.
        sync_municipality_groups(brain._unrestrictedGetObject())
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("Shared projects installed; %s objects got new role mappings", count)
