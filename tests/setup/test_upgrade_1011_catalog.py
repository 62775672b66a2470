"""The 1011 catalog step: the moved schemas are indexed by their new paths."""

from imio.municipal.dossiers.content import IDossierSchema
from imio.municipal.upgrades import v1011_catalog
from plone import api


OLD = "imio.municipal.content.dossier.IDossierSchema"


class Indexed:
    """What the previous layout's object_provides indexer gave."""

    def __init__(self, identifiers):
        self.object_provides = identifiers


def test_content_indexed_under_an_old_schema_path_is_reindexed(portal):
    catalog = api.portal.get_tool("portal_catalog")
    brain = catalog.unrestrictedSearchResults(portal_type="Dossier")[0]
    index = catalog._catalog.getIndex("object_provides")
    provided = catalog.getIndexDataForRID(brain.getRID())["object_provides"]
    stale = [OLD if name == IDossierSchema.__identifier__ else name for name in provided]
    index.index_object(brain.getRID(), Indexed(stale))
    assert len(catalog.unrestrictedSearchResults(object_provides=OLD)) == 1
    found = len(catalog.unrestrictedSearchResults(object_provides=IDossierSchema.__identifier__))

    v1011_catalog.upgrade(portal.portal_setup)

    assert len(catalog.unrestrictedSearchResults(object_provides=OLD)) == 0
    after = catalog.unrestrictedSearchResults(object_provides=IDossierSchema.__identifier__)
    assert len(after) == found + 1
