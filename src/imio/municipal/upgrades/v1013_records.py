"""1012 -> 1013: the register of processing activities and retention.

Adds their permissions to the role map (the secretariats and the platform
admins keep the register, sign off disposals and put legal holds). The
authentic sources need nothing on existing sites: no municipality holds an
authorisation until one is recorded, so no lookup is made before that.
"""

from imio.municipal import logger
from plone import api


PROFILE = "profile-imio.municipal:default"
PERMISSIONS = ("imio.municipal: Keep processing register", "imio.municipal: Manage retention")


def upgrade(context=None) -> None:
    setup = api.portal.get_tool("portal_setup")
    setup.runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)
    logger.info("1013: %s mapped in the role map", ", ".join(PERMISSIONS))
