"""1012 -> 1013: the access journal and the data-protection officer.

Adds the DataProtectionOfficer role and the "Consult access journal"
permission (rolemap), and to every municipality its ``{ins}_dpo`` group with
its local role, as a new site gets them. The journal itself lives outside the
ZODB (IMIO_MUNICIPAL_ACCESS_JOURNAL) and needs nothing here.
"""

from imio.municipal import logger
from imio.municipal.platform.groups import sync_municipality_groups
from plone import api


PROFILE = "profile-imio.municipal:default"


def upgrade(context):
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)
    brains = api.content.find(portal_type="Municipality", unrestricted=True)
    for brain in brains:
        municipality = brain._unrestrictedGetObject()
        # Creates the missing groups and grants their local roles.
        sync_municipality_groups(municipality)
    logger.info("Access journal permission and DPO groups added to %d municipalities", len(brains))
