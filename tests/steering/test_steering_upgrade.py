"""The 1012 upgrade gives an existing site the steering dashboard."""

from imio.municipal.upgrades import v1012_steering
from plone import api


def test_upgrade_adds_the_columns_and_fills_them(portal):
    catalog = api.portal.get_tool("portal_catalog")
    for name in v1012_steering.COLUMNS:
        catalog.delColumn(name)
    portal.manage_permission("imio.municipal: View steering dashboard", [], acquire=False)
    decided = catalog.unrestrictedSearchResults(portal_type="Dossier", review_state="decided")
    assert decided
    assert not hasattr(decided[0], "decision_date")

    v1012_steering.upgrade(None)

    assert set(v1012_steering.COLUMNS) <= set(catalog.schema())
    for brain in catalog.unrestrictedSearchResults(portal_type="Dossier", review_state="decided"):
        assert brain.decision_date == brain._unrestrictedGetObject().decision_date
        assert brain.received_date is not None
    roles = {
        r["name"]
        for r in portal.rolesOfPermission("imio.municipal: View steering dashboard")
        if r["selected"]
    }
    assert roles == {"Manager", "Site Administrator", "MunicipalSecretary", "MunicipalCollege"}
