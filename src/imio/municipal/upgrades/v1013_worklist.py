"""1012 -> 1013: the case file workflow gets "sent to the head of service";
Plone's personal dashboard leaves the user menu.

Re-imports the actions (the dashboard hidden) and the workflow
definitions: the new state ``submitted`` and the transitions ``submit`` and
``return_to_agent``. The states that existed keep
the same permission mappings, and no existing file is in the new state, so
the role mappings of existing objects need no update (which would walk every
object of the site).
"""

from imio.municipal import logger
from plone import api


PROFILE = "profile-imio.municipal:default"


def upgrade(context=None):
    setup = api.portal.get_tool("portal_setup")
    for step in ("actions", "workflow"):
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    workflow = api.portal.get_tool("portal_workflow")["municipal_dossier_workflow"]
    logger.info(
        "1013 worklist: case file workflow re-imported (%s)",
        ", ".join(sorted(workflow.states.objectIds())),
    )
