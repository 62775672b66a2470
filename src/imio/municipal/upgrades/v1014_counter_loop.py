"""1013 -> 1014: the missing pieces come back through the e-counter.

The case file workflow gets ``receive_complements`` (incomplete -> received),
and the completeness check of a file whose pieces came in runs from their
date: the stored deadlines of such files are computed again.
"""

from imio.municipal import logger
from imio.municipal.dossiers.stored_deadlines import update_deadlines
from plone import api


PROFILE = "profile-imio.municipal:default"


def upgrade(context):
    context.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    api.portal.get_tool("portal_workflow").updateRoleMappings()
    changed = 0
    for brain in api.content.find(portal_type="Dossier", unrestricted=True):
        dossier = brain._unrestrictedGetObject()
        if getattr(dossier, "complements_received_date", None) and update_deadlines(dossier):
            changed += 1
    logger.info("Missing pieces through the e-counter; %d deadlines recomputed", changed)
