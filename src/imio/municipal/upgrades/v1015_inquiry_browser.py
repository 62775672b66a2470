"""Public inquiries in the browser: the « Add » menu's public inquiry leads to
the opening form, and the workflow links of Plone's own transition form
(closing an inquiry, answering a data subject request) name their transition."""

from imio.municipal import logger
from plone import api


PROFILE = "profile-imio.municipal:default"


def upgrade(context=None):
    setup = api.portal.get_tool("portal_setup")
    for step in ("typeinfo", "workflow"):
        setup.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    logger.info("Inquiry opening form and transition links installed")
