"""1010 -> 1011: the catalog names the moved schemas by their new paths.

Content indexed before the move lists its schema under the old dotted path
in ``object_provides`` (``imio.municipal.content.dossier.IDossierSchema``):
a search by the schema's identifier misses it until it is reindexed.
"""

from imio.municipal import logger
from imio.municipal.renames import RENAMES
from plone import api


def old_identifiers() -> list[str]:
    """The dotted paths the renames replace, as the catalog spells them."""
    return sorted(old.replace(" ", ".") for old in RENAMES)


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(object_provides=old_identifiers())
    for brain in brains:
        brain._unrestrictedGetObject().reindexObject(idxs=["object_provides"])
    logger.info("%s objects indexed under the new paths of their schemas", len(brains))
