"""Upgrade steps bring an older site to the current profile version."""

from imio.municipal import PACKAGE_NAME
from plone import api


PROFILE = f"{PACKAGE_NAME}:default"


def test_a_site_at_1000_is_upgraded_to_1001(portal, setup_tool):
    dossiers = portal["namur"]["dossiers"]
    # A 1000 site: the sharing page followed the site-wide setting.
    dossiers.manage_permission("Sharing page: Delegate roles", ["Manager", "Editor"], acquire=1)
    setup_tool.setLastVersionForProfile(PROFILE, "1000")
    assert [step.dest for step in setup_tool.listUpgrades(PROFILE, simple=True)] == [("1001",)]

    setup_tool.upgradeProfile(PROFILE)

    assert setup_tool.getLastVersionForProfile(PROFILE) == ("1001",)
    roles = {
        r["name"]
        for r in dossiers.rolesOfPermission("Sharing page: Delegate roles")
        if r["selected"]
    }
    assert roles == {"Manager", "Site Administrator"}
    assert not api.user.has_permission(
        "Sharing page: Delegate roles", username="namur-secretaire", obj=dossiers
    )
