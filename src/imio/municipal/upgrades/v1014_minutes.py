"""1013 -> 1014: the minutes (procès-verbal) of the sessions.

The session workflow decides a new permission per state (who manages the
minutes: the secretariat while the session is closed, nobody once the
minutes are approved); the site's role map declares it; the « minutes »
document template is installed with the other official documents.
"""

from imio.municipal import logger
from imio.municipal.documents.install import install_templates
from plone import api


PROFILE = "profile-imio.municipal:default"


def upgrade(context=None):
    setup = api.portal.get_tool("portal_setup")
    for step in ("rolemap", "workflow"):
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    changed = api.portal.get_tool("portal_workflow").updateRoleMappings()
    templates = install_templates(api.portal.get())
    logger.info("Minutes: %s objects remapped, templates %s", changed, templates)
