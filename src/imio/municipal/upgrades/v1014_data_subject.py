"""1013 -> 1014: data-subject requests as files of their own; the register
of processing activities completed by the data-protection officer only.

Re-imports the types (the ``DataSubjectRequest`` type), the workflows (its
workflow and binding) and the role map (adding a request; completing the
register, now the DPO's only). No existing content changes state.
"""

from imio.municipal import logger
from plone import api


PROFILE = "profile-imio.municipal:default"
PERMISSION = "imio.municipal: Complete processing register"
STEPS = ("typeinfo", "workflow", "rolemap")


def upgrade(context=None) -> None:
    setup = api.portal.get_tool("portal_setup")
    for step in STEPS:
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    logger.info("1014: data-subject requests installed; %s mapped to the DPO", PERMISSION)
