"""The demo profile creates what the README promises."""

from imio.municipal.demo.site import demo_users
from imio.municipal.demo.site import MUNICIPALITIES
from plone import api

import pytest


EXPECTED_LOGINS = [
    f"{city}-{function}"
    for city in ("namur", "gembloux")
    for function in (
        "agent-urbanisme",
        "chef-urbanisme",
        "agent-travaux",
        "chef-travaux",
        "agent-finances",
        "chef-finances",
        "secretaire",
        "college",
        "directeur-financier",
    )
] + ["platform-admin"]


def test_two_municipalities(portal):
    namur, gembloux = portal["namur"], portal["gembloux"]
    assert (namur.ins_code, gembloux.ins_code) == ("92094", "92142")
    assert namur.portal_type == gembloux.portal_type == "Municipality"
    assert [s["id"] for s in namur.services] == [
        "secretariat",
        "urbanisme",
        "travaux",
        "finances",
    ]


@pytest.mark.parametrize("login", EXPECTED_LOGINS)
def test_every_demo_login_exists_and_authenticates(portal, login):
    assert api.user.get(username=login) is not None
    acl_users = api.portal.get_tool("acl_users")
    assert acl_users.authenticate(login, "demo", portal.REQUEST) is not None


@pytest.mark.parametrize("login", EXPECTED_LOGINS)
def test_demo_users_have_no_role_of_their_own(portal, login):
    # Roles come from the groups, never from the user.
    role_manager = api.portal.get_tool("acl_users").portal_role_manager
    for role in ("Manager", "Site Administrator", "Editor", "Reviewer", "Contributor"):
        assert login not in [
            principal for principal, _title in role_manager.listAssignedPrincipals(role)
        ]
    assert api.group.get_groups(username=login)


def test_users_are_in_their_function_group(portal):
    for data in MUNICIPALITIES:
        for user in demo_users(data):
            members = [u.getId() for u in api.user.get_users(groupname=user["group"])]
            assert user["login"] in members


def test_platform_admin_is_site_administrator_through_its_group(portal):
    roles = api.user.get_roles(username="platform-admin")
    assert "Site Administrator" in roles
    assert "platform_admins" in [g.getId() for g in api.group.get_groups(username="platform-admin")]


def test_demo_profile_can_be_applied_twice(portal, setup_tool):
    setup_tool.runAllImportStepsFromProfile("profile-imio.municipal:demo")
    assert len(api.content.find(portal_type="Municipality")) == 2
