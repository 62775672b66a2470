"""1007 -> 1008: publication of acts (public versions, proof, open data)."""

from imio.municipal import logger
from imio.municipal.platform.folders import PublicationFolder
from imio.municipal.publication.editor import install_personal_data_format
from imio.municipal.publication.sections import read_full_width
from plone import api


PROFILE = "profile-imio.municipal:default"
STEPS = ("typeinfo", "workflow", "catalog", "plone.app.registry")
NEW_INDEXES = [
    "public_act_uid",
    "publication_year",
    "is_current_version",
    "modifies_acts",
    "repeals_acts",
]


CACHING = "profile-plone.app.caching:default"


def install_publication(setup_tool):
    if setup_tool.getLastVersionForProfile(CACHING[len("profile-") :]) == "unknown":
        setup_tool.runAllImportStepsFromProfile(CACHING)
    for step in STEPS:
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    for brain in api.content.find(portal_type="PublicationFolder", unrestricted=True):
        folder = brain._unrestrictedGetObject()
        if not isinstance(folder, PublicationFolder):
            # The publications folders get their class (and its listing view).
            folder.__class__ = PublicationFolder
            folder._p_changed = True
            folder.reindexObject(idxs=["object_provides"])
        if folder.getId() == "publications":
            read_full_width(folder)
    catalog = api.portal.get_tool("portal_catalog")
    catalog.manage_reindexIndex(ids=NEW_INDEXES)
    install_personal_data_format()
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info("Publication installed; %s objects got new role mappings", count)
