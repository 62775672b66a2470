"""Disabling a person ends his open sessions: browser cookie and REST token."""

from imio.municipal.administration import open_sessions
from imio.municipal.upgrades import v1015_open_sessions
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.testing.zope import Browser
from zope.component import getUtility

import transaction


AGENT = "namur-agent-travaux"
PRIVATE_PAGE = "/@@personal-information"


def logged_in_browser(app, portal, login, password="demo"):
    """A browser that logged in through the login form (a session cookie)."""
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(portal.absolute_url() + "/login")
    browser.getControl(name="__ac_name").value = login
    browser.getControl(name="__ac_password").value = password
    browser.getControl(name="buttons.login").click()
    assert browser.cookies.get("__ac"), "the login form set no session cookie"
    return browser


def sees_private_page(browser, portal) -> bool:
    browser.open(portal.absolute_url() + PRIVATE_PAGE)
    return browser.headers["status"].startswith("200") and "login" not in browser.url


def disable(api_as, login):
    done = api_as("namur-secretaire").patch(
        "/namur/@personnel", json={"login": login, "disabled": True}
    )
    assert done.status_code == 200, done.text


def test_an_open_browser_session_ends_when_the_person_is_disabled(
    functional_app, functional_portal, api_as
):
    browser = logged_in_browser(functional_app, functional_portal, AGENT)
    colleague = logged_in_browser(functional_app, functional_portal, "namur-agent-urbanisme")
    assert sees_private_page(browser, functional_portal)
    disable(api_as, AGENT)
    assert not sees_private_page(browser, functional_portal)
    assert "__ac_password" in browser.contents  # asked to log in again
    # nobody else is logged out
    assert sees_private_page(colleague, functional_portal)


def test_an_open_rest_token_ends_when_the_person_is_disabled(functional_portal, api_as):
    anonymous = api_as()
    answer = anonymous.post("/@login", json={"login": AGENT, "password": "demo"})
    assert answer.status_code == 200, answer.text
    bearer = api_as()
    bearer.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    assert bearer.get(f"/@users/{AGENT}").status_code == 200
    disable(api_as, AGENT)
    assert bearer.get(f"/@users/{AGENT}").status_code == 401


def test_a_reenabled_person_logs_in_again_and_the_old_cookie_stays_dead(
    functional_app, functional_portal, api_as
):
    old = logged_in_browser(functional_app, functional_portal, AGENT)
    disable(api_as, AGENT)
    enabled = api_as("namur-secretaire").patch(
        "/namur/@personnel", json={"login": AGENT, "disabled": False}
    )
    assert enabled.status_code == 200, enabled.text
    transaction.begin()
    # he chose a new password from the mail
    api.portal.get_tool("acl_users").userSetPassword(AGENT, "a new password 2026")
    transaction.commit()
    new = logged_in_browser(functional_app, functional_portal, AGENT, "a new password 2026")
    assert sees_private_page(new, functional_portal)
    assert not sees_private_page(old, functional_portal)


def test_the_upgrade_turns_the_options_on(portal):
    acl_users = api.portal.get_tool("acl_users")
    acl_users.session.per_user_keyring = False
    acl_users.jwt_auth.store_tokens = False
    manager = getUtility(IKeyManager)
    ring = acl_users.session._getSecretKey(AGENT)
    if ring in manager:
        del manager[ring]
    v1015_open_sessions.upgrade(api.portal.get_tool("portal_setup"))
    # logging out rotates his keyring: it must exist
    assert manager[ring].current
    assert acl_users.session.getProperty("per_user_keyring") is True
    assert acl_users.jwt_auth.store_tokens is True
    open_sessions.configure()  # twice changes nothing
    assert acl_users.session.getProperty("per_user_keyring") is True
