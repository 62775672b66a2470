"""1001 -> 1002: case files (Dossier)."""

from imio.municipal import logger
from imio.municipal.platform.folders import DossierFolder
from imio.municipal.platform.groups import sync_municipality_groups
from plone import api


PROFILE = "profile-imio.municipal:default"
STEPS = ("rolemap", "typeinfo", "workflow", "catalog", "plone.app.registry")


def install_dossiers(setup_tool):
    for step in STEPS:
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    for brain in api.content.find(portal_type="DossierFolder", unrestricted=True):
        folder = brain._unrestrictedGetObject()
        if not isinstance(folder, DossierFolder):
            # The dossiers folders get their own class (and the dashboard view).
            folder.__class__ = DossierFolder
            folder._p_changed = True
            folder.__parent__._p_changed = True
    for brain in api.content.find(portal_type="Municipality", unrestricted=True):
        # New local roles: college, and the services' right to add dossiers.
        sync_municipality_groups(brain._unrestrictedGetObject())
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    for index in (
        "reference",
        "sortable_reference",
        "procedure",
        "current_deadline",
        "deadline_sort_key",
    ):
        api.portal.get_tool("portal_catalog").manage_reindexIndex(ids=[index])
    logger.info("Case files installed; %s objects got new role mappings", count)
