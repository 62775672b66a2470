"""1000 -> 1001: sharing is under workflow control."""

from imio.municipal import logger
from plone import api


PROFILE = "profile-imio.municipal:default"


def workflow_security(setup_tool):
    """Re-import the workflows and re-apply them to existing content."""
    setup_tool.runImportStepFromProfile(PROFILE, "workflow")
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("Updated the role mappings of %s objects", count)
