"""1006 -> 1007: the ``transmitted`` step of case files from the permit platform.

Re-imports the workflows (the dossier workflow gains the ``transmitted``
state and the ``transmit`` transition) and updates the role mappings of
existing objects. Nothing moves: files decided before this version keep
their state. A platform file decided before it already sent its decision
at ``decide``; it closes by hand once that message is acknowledged (see
``exchange/permits_responses.py``).
"""

from imio.municipal import logger
from plone import api


PROFILE = "profile-imio.municipal:default"


def dossier_transmitted_step(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "workflow", run_dependencies=False)
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("Case file transmitted step installed; %s objects got new role mappings", count)
