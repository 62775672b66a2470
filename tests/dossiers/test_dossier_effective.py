"""A case file is dated (effective) when created, not on its first
transition over REST: it never sits in the catalog's shared set of items
without an effective date, which receipts and creations at once made
conflict."""

from imio.municipal.demo.builders import build_dossier
from plone import api


def test_a_new_case_file_is_effective_from_its_creation(portal):
    dossier = build_dossier(portal, title="Dated")
    assert dossier.EffectiveDate() != "None"
    assert dossier.effective() == dossier.created()
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(UID=dossier.UID())
    assert brain.effective == dossier.created()
