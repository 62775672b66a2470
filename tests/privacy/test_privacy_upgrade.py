"""The 1013 upgrade gives an existing site the DPO role, groups and permission."""

from imio.municipal.upgrades import v1013_privacy
from plone import api


PERMISSION = "imio.municipal: Consult access journal"


def test_upgrade_adds_the_permission_and_the_dpo_groups(portal):
    namur = portal["namur"]
    portal.manage_permission(PERMISSION, [], acquire=False)
    namur.manage_delLocalRoles(["92094_dpo"])
    api.group.delete(groupname="92094_dpo")
    assert api.group.get(groupname="92094_dpo") is None

    v1013_privacy.upgrade(None)

    assert api.group.get(groupname="92094_dpo") is not None
    assert namur.get_local_roles_for_userid("92094_dpo") == ("DataProtectionOfficer",)
    roles = {r["name"] for r in portal.rolesOfPermission(PERMISSION) if r["selected"]}
    assert roles == {"DataProtectionOfficer", "MunicipalSecretary"}
    staff = api.group.get(groupname="92094_staff")
    assert "92094_dpo" in staff.getGroupMemberIds()
