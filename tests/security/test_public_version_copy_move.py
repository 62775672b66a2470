"""A published public version is never copied, moved or renamed.

Its address is part of the proof of publication: the rule holds for every
role, platform admins and Managers included, in code, over REST and in the
browser (object and folder contents actions), with the reason.
"""

from plone import api
from plone.testing.zope import Browser
from urllib.parse import urlencode
from zExceptions import BadRequest

import json
import pytest
import re
import transaction


ADMIN = "platform-admin"
REASON = "n'est jamais copiée, déplacée ni renommée"


def a_public_version(portal):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type="PublicVersion", path="/plone/namur")
    assert brains, "the demo content publishes acts"
    return brains[0]._unrestrictedGetObject()


def assert_refused(operation):
    """Refused with the reason; where Plone refuses first (platform admins may
    not add a public version, so not rename one), with its own error."""
    with pytest.raises((BadRequest, ValueError)) as refused:
        operation()
    if isinstance(refused.value, BadRequest):
        assert "version publiée" in str(refused.value) or "public version" in str(refused.value)
        assert transaction.get().isDoomed()


def operations(portal, public):
    parent = public.__parent__
    publications = portal["namur"]["publications"]
    return {
        "rename (plone.api)": lambda: api.content.rename(obj=public, new_id="renamed"),
        "manage_renameObject": lambda: parent.manage_renameObject(public.getId(), "renamed"),
        "move (plone.api)": lambda: api.content.move(source=public, target=publications),
        "copy (plone.api)": lambda: api.content.copy(source=public, target=parent, safe_id=True),
        "copy of its folder": lambda: api.content.copy(
            source=parent, target=publications, safe_id=True
        ),
        "rename of its folder": lambda: api.content.rename(obj=parent, new_id="renamed"),
    }


HOW = (
    "rename (plone.api)",
    "manage_renameObject",
    "move (plone.api)",
    "copy (plone.api)",
    "copy of its folder",
    "rename of its folder",
)


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("user", (ADMIN, "admin"))
def test_a_public_version_is_neither_copied_moved_nor_renamed(portal, user, how):
    public = a_public_version(portal)
    if user == "admin":
        with api.env.adopt_roles(["Manager"]):
            assert_refused(operations(portal, public)[how])
    else:
        with api.env.adopt_user(username=user):
            assert_refused(operations(portal, public)[how])


# Over REST


def test_rest_move_and_copy_of_a_public_version_are_refused(functional_portal, api_as):
    public = a_public_version(functional_portal)
    parent = public.__parent__
    before = set(parent.objectIds())
    transaction.commit()
    for login in (ADMIN, "admin"):
        for service in ("@move", "@copy"):
            response = api_as(login).post(
                f"/namur/publications/{service}", json={"source": public.UID()}
            )
            assert response.status_code == 400, (login, service, response.text)
            assert REASON in response.json()["message"]
    transaction.abort()
    assert set(parent.objectIds()) == before
    assert public.getId() in parent.objectIds()


# In the browser (Plone classic UI)


def browser_as(app, login):
    browser = Browser(app)
    browser.handleErrors = False
    password = "secret" if login == "admin" else "demo"
    browser.addHeader("Authorization", f"Basic {login}:{password}")
    return browser


def authenticator(browser) -> str:
    return re.search(r"_authenticator=([0-9a-f]+)", browser.contents).group(1)


def folder_contents_action(browser, container, action, **form):
    browser.open(f"{container.absolute_url()}/folder_contents")
    form["_authenticator"] = authenticator(browser)
    browser.post(f"{container.absolute_url()}/@@{action}", urlencode(form))
    return json.loads(browser.contents)


def test_browser_rename_of_a_public_version_is_refused_for_admins(
    functional_app, functional_portal
):
    public = a_public_version(functional_portal)
    url = public.absolute_url()
    transaction.commit()
    browser = browser_as(functional_app, ADMIN)
    browser.open(f"{url}/@@object_rename")
    assert browser.url == url
    assert REASON in browser.contents


def test_browser_rename_of_a_folder_of_public_versions_says_why(functional_app, functional_portal):
    section = a_public_version(functional_portal).__parent__
    url = section.absolute_url()
    transaction.commit()
    browser = browser_as(functional_app, "admin")
    browser.open(f"{url}/@@object_rename")
    assert browser.url == url
    assert REASON in browser.contents


@pytest.mark.parametrize("first", ("fc-copy", "fc-cut"))
def test_folder_contents_paste_of_a_public_version_says_why(
    functional_app, functional_portal, first
):
    public = a_public_version(functional_portal)
    parent = public.__parent__
    before = set(parent.objectIds())
    transaction.commit()
    browser = browser_as(functional_app, ADMIN)
    answer = folder_contents_action(browser, parent, first, selection=json.dumps([public.UID()]))
    assert answer["status"] == "success"
    answer = folder_contents_action(
        browser, parent, "fc-paste", folder=parent.absolute_url_path().removeprefix("/plone")
    )
    assert answer["status"] == "warning" and REASON in answer["msg"]
    transaction.abort()
    assert set(parent.objectIds()) == before


def test_folder_contents_rename_of_a_public_version_says_why(functional_app, functional_portal):
    public = a_public_version(functional_portal)
    parent = public.__parent__
    title = public.Title()
    transaction.commit()
    browser = browser_as(functional_app, ADMIN)
    answer = folder_contents_action(
        browser,
        parent,
        "fc-rename",
        UID_0=public.UID(),
        newid_0="renamed",
        newtitle_0="Autre titre",
    )
    assert answer["status"] == "warning" and REASON in answer["msg"]
    transaction.abort()
    assert public.getId() in parent.objectIds() and public.Title() == title


def test_browser_copy_paste_of_a_public_version_says_why(functional_app, functional_portal):
    public = a_public_version(functional_portal)
    parent = public.__parent__
    before = set(parent.objectIds())
    transaction.commit()
    browser = browser_as(functional_app, ADMIN)
    browser.open(public.absolute_url())
    token = authenticator(browser)
    browser.open(f"{public.absolute_url()}/object_copy?_authenticator={token}")
    browser.open(f"{parent.absolute_url()}/object_paste?_authenticator={token}")
    assert browser.url == parent.absolute_url()
    assert REASON in browser.contents
    transaction.abort()
    assert set(parent.objectIds()) == before
