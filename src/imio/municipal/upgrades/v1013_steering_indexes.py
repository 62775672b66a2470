"""1012 -> 1013: the steering dashboard counts with index sets.

Adds the DateIndexes of the receipt and decision dates of case files and
fills them for case files only (no other index, no metadata rewritten).
"""

from imio.municipal import logger
from plone import api


INDEXES = ("received_date", "decision_date")


def add_indexes(catalog) -> list[str]:
    added = []
    for name in INDEXES:
        if name not in catalog.indexes():
            catalog.addIndex(name, "DateIndex")
            # as the profile says (dates carry no time zone)
            catalog._catalog.getIndex(name)._updateProperty("index_naive_time_as_local", True)
            added.append(name)
    return added


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    added = add_indexes(catalog)
    brains = catalog.unrestrictedSearchResults(portal_type="Dossier")
    for brain in brains:
        obj = brain._unrestrictedGetObject()
        catalog.catalog_object(obj, brain.getPath(), idxs=list(INDEXES), update_metadata=0)
    logger.info("steering: indexes %s added, %s case files indexed", added, len(brains))
