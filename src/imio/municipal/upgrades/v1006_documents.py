"""1005 -> 1006: official documents (collective.documentgenerator templates)."""

from imio.municipal import logger
from imio.municipal.setuphandlers import install_documents
from plone import api


DOCUMENTGENERATOR = "profile-collective.documentgenerator:default"


def install_documents_step(setup_tool):
    if setup_tool.getLastVersionForProfile(DOCUMENTGENERATOR[len("profile-") :]) == "unknown":
        setup_tool.runAllImportStepsFromProfile(DOCUMENTGENERATOR)
    # The browser layer's viewlet and views come with ZCML; the templates now.
    install_documents(api.portal.get())
    logger.info("Official documents installed")
