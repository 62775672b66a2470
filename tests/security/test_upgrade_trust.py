"""The 1011 upgrade gives existing objects the new role mappings."""

from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.upgrades.v1011_trust import upgrade
from plone import api

import pytest


EDIT_ACT = "imio.municipal: Edit act content"
OWNER_ACQUIRED = ("View management screens", "Undo changes", "Take ownership")


@pytest.fixture
def old_site(portal):
    """A dossier and a frozen act as the 1010 workflows left them."""
    dossier = build_dossier(portal)
    act = build_act(portal)
    tool = api.portal.get_tool("portal_workflow")
    status = tool.getStatusOf("municipal_act_workflow", act)
    tool.setStatusOf("municipal_act_workflow", act, status | {"review_state": "adopted"})
    act.manage_permission(EDIT_ACT, ["Manager", "Site Administrator"], acquire=False)
    for obj in (dossier, act, portal["namur"]["publications"]):
        for permission in OWNER_ACQUIRED:
            obj.manage_permission(permission, roles=[], acquire=True)
    return dossier, act


def roles(obj, permission):
    return {r["name"] for r in obj.rolesOfPermission(permission) if r["selected"]}


def test_upgrade_applies_the_new_mappings(portal, old_site):
    dossier, act = old_site
    publications = portal["namur"]["publications"]
    assert roles(act, EDIT_ACT) == {"Manager", "Site Administrator"}
    for obj in (dossier, act, publications):
        assert obj.acquiredRolesAreUsedBy("View management screens") == "CHECKED"

    upgrade(api.portal.get_tool("portal_setup"))

    assert roles(act, EDIT_ACT) == set()
    for obj in (dossier, act, publications):
        for permission in OWNER_ACQUIRED:
            assert obj.acquiredRolesAreUsedBy(permission) == "", (obj, permission)
            assert roles(obj, permission) == {"Manager", "Site Administrator"}
