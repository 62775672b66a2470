"""The 1010 upgrade replaces the generic roles of an existing site."""

from imio.municipal.demo.builders import build_dossier
from imio.municipal.testing import as_user
from imio.municipal.upgrades.v1010_permissions import upgrade
from plone import api


VERSIONS = "CMFEditions: Access previous versions"
NEWLY_MAPPED = (
    VERSIONS,
    "CMFEditions: Save new version",
    "CMFEditions: Apply version control",
    "CMFEditions: Revert to previous versions",
    "CMFEditions: Checkout to location",
    "Copy or Move",
    "Manage properties",
    "Modify constrain types",
    "Modify view template",
)


def make_it_a_1009_site(portal, dossier):
    """Local roles and role mappings as version 1009 left them."""
    namur = portal["namur"]
    namur.manage_setLocalRoles(
        "92094_secretaries", ["Contributor", "Editor", "MunicipalSecretary", "Reviewer"]
    )
    for folder_id in ("dossiers", "actes", "pic"):
        for group_id in ("92094_urbanisme_editors", "92094_travaux_editors"):
            namur[folder_id].manage_setLocalRoles(group_id, ["Contributor"])
    # A service removed since, whose group kept its members.
    namur["dossiers"].manage_setLocalRoles("92094_culture_editors", ["Contributor"])
    portal["shared-projects"].manage_setLocalRoles("92094_secretaries", ["Contributor"])
    # The 1009 workflows left these permissions to the site's defaults.
    for obj in (namur, namur["dossiers"], dossier):
        for permission in NEWLY_MAPPED:
            obj.manage_permission(permission, roles=[], acquire=1)


def can(user, permission, obj):
    return as_user(user, lambda: bool(api.user.has_permission(permission, obj=obj)))


def test_upgrade_swaps_generic_roles_and_closes_the_history(portal):
    dossier = build_dossier(portal)  # urbanism
    make_it_a_1009_site(portal, dossier)
    namur = portal["namur"]
    # The hole: an agent of another service reads the versions of the file.
    assert can("namur-agent-travaux", VERSIONS, dossier)
    assert not can("namur-agent-travaux", "View", dossier)

    upgrade(api.portal.get_tool("portal_setup"))

    assert namur.get_local_roles_for_userid("92094_secretaries") == ("MunicipalSecretary",)
    for folder_id in ("dossiers", "actes", "pic"):
        for group_id in ("92094_urbanisme_editors", "92094_travaux_editors"):
            assert namur[folder_id].get_local_roles_for_userid(group_id) == ("MunicipalCreator",)
    assert namur["dossiers"].get_local_roles_for_userid("92094_culture_editors") == (
        "MunicipalCreator",
    )
    assert portal["shared-projects"].get_local_roles_for_userid("92094_secretaries") == (
        "MunicipalCreator",
    )
    assert not can("namur-agent-travaux", VERSIONS, dossier)
    assert can("namur-agent-urbanisme", VERSIONS, dossier)
    # What the generic roles were for still works.
    assert can("namur-agent-travaux", "imio.municipal: Add Dossier", namur["dossiers"])
    assert can("namur-secretaire", "imio.municipal: Add Act", namur["actes"])
    assert can("namur-secretaire", "Modify portal content", namur)
    assert can("namur-secretaire", "imio.municipal: Add SharedProject", portal["shared-projects"])
    assert not can("namur-secretaire", "CMFEditions: Revert to previous versions", dossier)


def test_upgrade_twice_changes_nothing_more(portal):
    namur = portal["namur"]
    upgrade(api.portal.get_tool("portal_setup"))
    before = {
        folder_id: sorted(namur[folder_id].get_local_roles()) for folder_id in ("dossiers", "pic")
    }
    upgrade(api.portal.get_tool("portal_setup"))
    after = {
        folder_id: sorted(namur[folder_id].get_local_roles()) for folder_id in ("dossiers", "pic")
    }
    assert before == after
    assert namur.get_local_roles_for_userid("92094_secretaries") == ("MunicipalSecretary",)
