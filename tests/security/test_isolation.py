"""Who sees what: municipalities are isolated from each other.

Checked through the permission machinery and through catalog searches
(which rely on allowedRolesAndUsers, computed at index time). The REST
counterpart lives in tests/platform/test_isolation_api.py.
"""

from plone import api
from plone.app.testing import logout

import pytest


INTERNAL = ("dossiers", "actes", "pic")
PUBLIC = ("", "publications")
NAMUR_STAFF = ("namur-agent-urbanisme", "namur-chef-travaux", "namur-secretaire", "namur-college")
OTHER_MUNICIPALITY = ("gembloux-agent-urbanisme", "gembloux-chef-finances", "gembloux-secretaire")


def can(username, permission, obj):
    if username is None:
        logout()
        return bool(api.user.has_permission(permission, obj=obj))
    with api.env.adopt_user(username=username):
        return bool(api.user.has_permission(permission, obj=obj))


def namur_obj(portal, sub):
    return portal["namur"][sub] if sub else portal["namur"]


@pytest.mark.parametrize("sub", INTERNAL)
@pytest.mark.parametrize("username", NAMUR_STAFF + ("platform-admin",))
def test_namur_staff_views_internal_folders(portal, username, sub):
    assert can(username, "View", namur_obj(portal, sub))


@pytest.mark.parametrize("sub", INTERNAL)
@pytest.mark.parametrize("username", OTHER_MUNICIPALITY + (None,))
def test_others_and_anonymous_cannot_view_internal_folders(portal, username, sub):
    folder = namur_obj(portal, sub)
    assert not can(username, "View", folder)
    assert not can(username, "Access contents information", folder)
    assert not can(username, "List folder contents", folder)


@pytest.mark.parametrize("sub", PUBLIC)
@pytest.mark.parametrize("username", NAMUR_STAFF + OTHER_MUNICIPALITY + (None,))
def test_home_and_publications_are_public(portal, username, sub):
    assert can(username, "View", namur_obj(portal, sub))


@pytest.mark.parametrize(
    "username,allowed",
    [
        ("namur-secretaire", True),
        ("platform-admin", True),
        ("namur-agent-urbanisme", False),
        ("namur-college", False),
        ("gembloux-secretaire", False),
        (None, False),
    ],
)
def test_who_may_edit_the_municipality(portal, username, allowed):
    assert can(username, "Modify portal content", portal["namur"]) is allowed


@pytest.mark.parametrize(
    "username,allowed",
    [
        ("namur-secretaire", True),
        ("platform-admin", True),
        # The services draft the acts they prepare.
        ("namur-agent-urbanisme", True),
        ("namur-college", False),
        ("gembloux-secretaire", False),
    ],
)
def test_who_may_add_to_the_register(portal, username, allowed):
    assert can(username, "Add portal content", portal["namur"]["actes"]) is allowed


@pytest.mark.parametrize(
    "username", ("namur-secretaire", "namur-agent-urbanisme", "gembloux-secretaire")
)
@pytest.mark.parametrize("sub", ("", "dossiers", "publications"))
def test_staff_cannot_share_the_municipality_or_its_folders(portal, username, sub):
    # Isolation must not be undone by hand: sharing is for platform admins.
    obj = namur_obj(portal, sub)
    assert not can(username, "Change local roles", obj)
    assert not can(username, "Sharing page: Delegate roles", obj)


@pytest.mark.parametrize("username", ("platform-admin", "namur-secretaire"))
def test_only_platform_admins_create_municipalities(portal, username):
    allowed = can(username, "imio.municipal: Add Municipality", portal)
    assert allowed is (username == "platform-admin")


def test_shared_projects_folder_is_for_members_only(portal):
    folder = portal["shared-projects"]
    assert can("gembloux-agent-urbanisme", "View", folder)
    assert not can(None, "View", folder)


STRUCTURE = [
    "Municipality",
    "DossierFolder",
    "ActRegister",
    "InvestmentFolder",
    "PublicationFolder",
]


def paths_found(username, path):
    """The platform structure found under path, one level deep (case files:
    tests/dossiers; the year/body sections of publications: tests/publication)."""
    query = {"path": path, "sort_on": "path", "portal_type": STRUCTURE}
    depth = path.count("/") + 1
    if username is None:
        logout()
        found = [b.getPath() for b in api.content.find(**query)]
    else:
        with api.env.adopt_user(username=username):
            found = [b.getPath() for b in api.content.find(**query)]
    return [found_path for found_path in found if found_path.count("/") <= depth]


def test_catalog_shows_namur_staff_everything_of_namur(portal):
    assert paths_found("namur-agent-urbanisme", "/plone/namur") == [
        "/plone/namur",
        "/plone/namur/actes",
        "/plone/namur/dossiers",
        "/plone/namur/pic",
        "/plone/namur/publications",
    ]


@pytest.mark.parametrize("username", ("gembloux-agent-urbanisme", "gembloux-secretaire", None))
def test_catalog_hides_namur_internals_from_others(portal, username):
    assert paths_found(username, "/plone/namur") == ["/plone/namur", "/plone/namur/publications"]
