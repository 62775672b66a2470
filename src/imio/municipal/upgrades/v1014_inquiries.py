"""1013 -> 1014: public inquiries on permits.

Adds the Inquiry type (allowed in case files), its workflow and the inquiry
permissions. No existing content changes: no inquiry exists before.
"""

from imio.municipal import logger
from plone import api


PROFILE = "profile-imio.municipal:default"


def upgrade(context):
    setup_tool = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "typeinfo", "workflow"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    logger.info("Public inquiries installed")
