"""1011 -> 1012: sessions of the college and the council.

Adds the SessionFolder, Session and Mandate types, their workflows, the
SessionMember role and the session permissions, and gives every existing
municipality its `seances` folder.
"""

from imio.municipal import logger
from imio.municipal.platform.structure import ensure_municipal_folders
from plone import api


PROFILE = "profile-imio.municipal:default"


def upgrade(context):
    setup_tool = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "typeinfo", "workflow"):
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    municipalities = api.content.find(portal_type="Municipality", unrestricted=True)
    for brain in municipalities:
        ensure_municipal_folders(brain._unrestrictedGetObject())
    logger.info("%s municipalities have a sessions folder", len(municipalities))
