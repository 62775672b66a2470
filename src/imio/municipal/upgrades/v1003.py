"""1002 -> 1003: acts (Act) and the register of acts."""

from imio.municipal import logger
from imio.municipal.platform.folders import ActRegister
from imio.municipal.platform.groups import sync_municipality_groups
from plone import api


PROFILE = "profile-imio.municipal:default"
STEPS = ("rolemap", "typeinfo", "workflow", "catalog")
NEW_INDEXES = (
    "number",
    "kind",
    "body",
    "matter",
    "tutelle_regime",
    "session_date",
    "tutelle_deadline",
)


def install_acts(setup_tool):
    for step in STEPS:
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    for brain in api.content.find(portal_type="ActRegister", unrestricted=True):
        folder = brain._unrestrictedGetObject()
        if not isinstance(folder, ActRegister):
            # The registers get their own class (and the register view).
            folder.__class__ = ActRegister
            folder._p_changed = True
            folder.__parent__._p_changed = True
    for brain in api.content.find(portal_type="Municipality", unrestricted=True):
        # The services may now draft acts in the register.
        sync_municipality_groups(brain._unrestrictedGetObject())
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    api.portal.get_tool("portal_catalog").manage_reindexIndex(ids=list(NEW_INDEXES))
    logger.info("Acts installed; %s objects got new role mappings", count)
