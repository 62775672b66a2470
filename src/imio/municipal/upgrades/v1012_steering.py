"""1011 -> 1012: the steering dashboard.

Adds its permission (role map) and the catalog metadata its figures read
(the dates of receipt, decision and legal deadline of case files; the
tutelle outcome, its date and the Region's receipt of acts), then fills
those columns for case files and acts only, one metadata update each
(no index is recomputed).
"""

from imio.municipal import logger
from plone import api


PROFILE = "profile-imio.municipal:default"
COLUMNS = (
    "received_date",
    "decision_date",
    "decision_deadline",
    "tutelle_outcome",
    "tutelle_receipt_date",
    "tutelle_outcome_date",
)
TYPES = ("Dossier", "Act")


def add_columns(catalog) -> list[str]:
    added = []
    for name in COLUMNS:
        if name not in catalog.schema():
            catalog.addColumn(name)
            added.append(name)
    return added


def upgrade(context):
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.runImportStepFromProfile(PROFILE, "rolemap", run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    added = add_columns(catalog)
    brains = catalog.unrestrictedSearchResults(portal_type=list(TYPES))
    for brain in brains:
        obj = brain._unrestrictedGetObject()
        # An index it always has, so that only the metadata is written again.
        catalog.catalog_object(obj, brain.getPath(), idxs=["getId"], update_metadata=1)
    logger.info("steering: columns %s added, %s case files and acts updated", added, len(brains))
