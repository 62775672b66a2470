"""1010 -> 1011: the workflows decide what Owner could still acquire.

Every product workflow now maps, in every state, the permissions Plone's role
map gives to Owner (management screens, undo, ownership, URL aliases, locks,
delegating roles, adding Plone's own types) to platform admins only, and the
act workflow no longer grants the act's content to platform admins once it is
frozen. Re-imports the workflows and updates the role mappings of existing
objects.
"""

from imio.municipal import logger
from plone import api


PROFILE = "profile-imio.municipal:default"


def upgrade(context):
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("%s objects got the 1011 role mappings", count)
