"""What a page or a transition computes once instead of many times gives the
same answers: local roles kept on the request, per-state permissions set in
one pass."""

from datetime import date
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.platform import localroles
from imio.municipal.platform.role_mappings import update_role_mappings_for
from plone import api
from Products.DCWorkflow.DCWorkflow import DCWorkflowDefinition
from Products.DCWorkflow.utils import modifyRolesForPermission
from Products.PlonePAS.plugins.group import GroupManager
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


def roles_of(obj, principal):
    return set(api.user.get_roles(username=principal, obj=obj, inherit=True))


def test_local_roles_are_computed_once_per_request(portal):
    dossier = build_dossier(portal, procedure="pu", title="Rue Haute")
    calls = []
    original = localroles.ServiceLocalRoles._roles

    def counting(self):
        calls.append(self.context)
        return original(self)

    localroles.ServiceLocalRoles._roles = counting
    try:
        IAnnotations(getRequest()).pop(localroles.REQUEST_CACHE_KEY, None)
        for _ in range(5):
            assert "ServiceEditor" in roles_of(dossier, "namur-agent-urbanisme")
            assert "ServiceReviewer" in roles_of(dossier, "namur-chef-urbanisme")
            assert "ServiceEditor" not in roles_of(dossier, "namur-agent-travaux")
        assert len(calls) == 1
    finally:
        localroles.ServiceLocalRoles._roles = original


def test_local_roles_follow_a_change_in_the_same_request(portal):
    dossier = build_dossier(portal, procedure="pu", title="Rue Basse")
    assert "ServiceEditor" in roles_of(dossier, "namur-agent-urbanisme")
    assert "ServiceEditor" not in roles_of(dossier, "namur-agent-travaux")
    dossier.responsible_service = "travaux"  # the same request, no new one
    assert "ServiceEditor" in roles_of(dossier, "namur-agent-travaux")
    assert "ServiceEditor" not in roles_of(dossier, "namur-agent-urbanisme")
    dossier.assigned_agent = "namur-agent-urbanisme"
    assert "ServiceEditor" in roles_of(dossier, "namur-agent-urbanisme")


def test_a_field_missing_on_the_object_is_not_acquired(portal):
    act = build_act(portal, title="Convention")
    portal["namur"].assigned_agent = "namur-agent-travaux"  # a container's attribute
    try:
        assert localroles.routing_of(act) == ("finances", None)
        assert "ServiceEditor" not in roles_of(act, "namur-agent-travaux")
    finally:
        del portal["namur"].assigned_agent


def _original_update(workflow, ob):
    """DCWorkflow's own loop: one search of the permissions per permission."""
    sdef = workflow._getWorkflowStateOf(ob)
    for name in workflow.permissions:
        roles = (sdef.permission_roles or {}).get(name, [])
        modifyRolesForPermission(ob, name, roles)


def _mapping(ob, permissions):
    return {
        name: (
            sorted(role["name"] for role in ob.rolesOfPermission(name) if role["selected"]),
            ob.acquiredRolesAreUsedBy(name),
        )
        for name in permissions
    }


def test_the_workflow_permissions_set_are_dcworkflows_own(portal):
    assert DCWorkflowDefinition.updateRoleMappingsFor.__name__ == "update_role_mappings_for"
    act = build_act(portal, title="Règlement", session_date=date(2026, 10, 26))
    workflow = api.portal.get_tool("portal_workflow")["municipal_act_workflow"]
    assert len(workflow.permissions) > 10
    compared = 0
    for user, transition in (
        ("namur-chef-finances", "propose"),
        ("namur-secretaire", "validate"),
        ("namur-secretaire", "adopt"),
    ):
        do_transition(act, user, transition)
        for name in workflow.permissions:  # undo what the transition set
            modifyRolesForPermission(act, name, ["Manager"])
        _original_update(workflow, act)
        expected = _mapping(act, workflow.permissions)
        for name in workflow.permissions:
            modifyRolesForPermission(act, name, ["Manager"])
        assert update_role_mappings_for(workflow, act) == 1
        assert _mapping(act, workflow.permissions) == expected
        assert update_role_mappings_for(workflow, act) == 0  # nothing left to change
        compared += 1
    assert compared == 3
    assert api.content.get_state(act) == "adopted"


def test_a_bulk_job_keeps_a_bounded_number_of_objects(portal, monkeypatch):
    monkeypatch.setattr(localroles, "REQUEST_CACHE_SIZE", 2)
    IAnnotations(getRequest()).pop(localroles.REQUEST_CACHE_KEY, None)
    dossiers = [build_dossier(portal, procedure="pu", title=f"Lot {n}") for n in range(3)]
    for dossier in dossiers:
        assert "ServiceEditor" in roles_of(dossier, "namur-agent-urbanisme")
    assert 1 <= len(IAnnotations(getRequest())[localroles.REQUEST_CACHE_KEY]) <= 2


def test_groups_are_looked_up_without_listing_them_all(portal):
    source = api.portal.get_tool("acl_users").source_groups
    listed = []
    original = GroupManager.getGroupIds

    def listing(self):
        listed.append(True)
        return original(self)

    GroupManager.getGroupIds = listing
    try:
        group = source.getGroupById("92094_urbanisme_editors")
        assert group is not None and group.getId() == "92094_urbanisme_editors"
        assert group.getProperty("title") == "Namur : Urbanisme (agents)"
        assert source.getGroupById("99999_nobody", "absent") == "absent"
        assert source.getGroupById(None) is None
        assert not listed
    finally:
        GroupManager.getGroupIds = original
    # what portal_groups and plone.api answer through it
    assert api.group.get(groupname="92142_staff").getId() == "92142_staff"
    members = api.user.get_users(groupname="92094_urbanisme_editors")
    assert "namur-agent-urbanisme" in {member.getId() for member in members}
    assert api.group.get(groupname="no-such-group") is None


def test_one_adapter_answers_the_user_and_his_groups_from_one_lookup(portal, monkeypatch):
    dossier = build_dossier(portal, procedure="pu", title="Rue Neuve")
    lookups = []
    original = localroles.roles_on_request

    def counting(context, provider, compute):
        lookups.append(provider)
        return original(context, provider, compute)

    monkeypatch.setattr(localroles, "roles_on_request", counting)
    adapter = localroles.ServiceLocalRoles(dossier)
    editors = next(p for p, roles in adapter.getAllRoles() if "ServiceEditor" in roles)
    assert adapter.getRoles(editors) == ("ServiceEditor",)
    assert adapter.getRoles("namur-agent-travaux") == ()
    assert len(lookups) == 1
    # A new question (a new adapter, as borg.localrole makes) sees a change.
    dossier.responsible_service = "travaux"
    assert localroles.ServiceLocalRoles(dossier).getRoles(editors) == ()
