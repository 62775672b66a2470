"""1013 -> 1014: the secretariat's personnel tools.

Adds the "Manage municipal people" permission: the site's role map (platform
admins only) and the municipality workflow (its secretariat), then applies
the workflow's new mapping to the existing municipalities.
"""

from imio.municipal import logger
from plone import api


PROFILE = "profile-imio.municipal:default"


def upgrade(context):
    setup_tool = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "workflow"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    workflow = api.portal.get_tool("portal_workflow")["municipality_workflow"]
    brains = api.content.find(portal_type="Municipality", unrestricted=True)
    for brain in brains:
        municipality = brain._unrestrictedGetObject()
        if workflow.updateRoleMappingsFor(municipality):
            municipality.reindexObjectSecurity()
    logger.info("1014 admin: personnel permission mapped on %d municipalities", len(brains))
