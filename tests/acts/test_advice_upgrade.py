"""1011 -> 1012: a site without the advice gets it (called directly, wired by the release)."""

from imio.municipal.demo.builders import build_act
from imio.municipal.upgrades import v1012_advice
from plone import api


GIVE = "imio.municipal: Give advice"


def selected(obj, permission):
    return {entry["name"] for entry in obj.rolesOfPermission(permission) if entry["selected"]}


def test_upgrade_installs_the_advice(portal):
    act = build_act(portal, title="Acte d'avant la mise à jour")
    # A site of the previous release: no group, no workflow mapping of the advice.
    api.group.delete(groupname="92094_financial_director")
    workflow = api.portal.get_tool("portal_workflow")["municipal_act_workflow"]
    for state in workflow.states.objectValues():
        state.permission_roles.pop(GIVE, None)
    workflow.permissions = tuple(p for p in workflow.permissions if p != GIVE)
    act.manage_permission(GIVE, [], acquire=1)
    assert "MunicipalAdviser" not in selected(act, GIVE)

    v1012_advice.upgrade(api.portal.get_tool("portal_setup"))

    assert api.group.get(groupname="92094_financial_director") is not None
    assert GIVE in workflow.permissions
    assert selected(act, GIVE) == {"MunicipalAdviser"}
    assert act.acquiredRolesAreUsedBy(GIVE) == ""
    assert "MunicipalAdviser" in portal.valid_roles()
