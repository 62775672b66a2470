"""The sign-in's state cookie: flagged, sealed, and refused when changed,
in real sign-ins through the local provider."""

from http.cookies import SimpleCookie
from imio.municipal.counter.citizens import citizen_id
from pas.plugins.oidc import PLUGIN_ID
from plone import api
from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster
from urllib.parse import unquote

import base64
import json
import pytest
import requests
import transaction


COOKIE = "__ac_session"


def _state_cookie(answer):
    """The sign-in cookie as the browser receives it: its value and flags."""
    headers = [h for h in answer.raw.headers.getlist("Set-Cookie") if h.startswith(COOKIE)]
    assert len(headers) == 1, headers
    morsel = SimpleCookie(headers[0])[COOKIE]
    return headers[0], morsel


def _start(browser, url):
    answer = browser.get(f"{url}/acl_users/{PLUGIN_ID}/login", allow_redirects=False)
    assert answer.status_code == 302, answer.text
    return answer


def test_the_state_cookie_is_http_only_lax_and_limited_to_the_sign_in(sign_in, server_url):
    header, morsel = _state_cookie(_start(sign_in.browser, server_url))
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Lax"
    assert morsel["path"] == f"/plone/acl_users/{PLUGIN_ID}"
    assert int(morsel["max-age"]) == 1800
    # Plain http (the local demo): a Secure cookie would never come back.
    assert not morsel["secure"]
    # Sealed: nothing the stock plugin's plain base64 JSON would decode to.
    value = unquote(morsel.value)
    assert value.count(".") == 1
    assert "state" not in header


@pytest.fixture
def virtual_hosting(functional_portal):
    """A proxy serving the site over https, as in production (Zope's virtual
    host monster, which every deployment has)."""
    app = functional_portal.aq_parent
    if "virtual_hosting" not in app.objectIds():
        manage_addVirtualHostMonster(app, "virtual_hosting")
        transaction.commit()


def test_the_state_cookie_is_secure_when_the_site_is_served_over_https(
    sign_in, functional, virtual_hosting
):
    base = f"http://{functional['host']}:{functional['port']}"
    url = f"{base}/VirtualHostBase/https/counter.example.be:443/plone/VirtualHostRoot"
    header, morsel = _state_cookie(_start(requests.Session(), url))
    assert morsel["secure"] is True
    assert morsel["httponly"] is True
    assert morsel["path"] == f"/acl_users/{PLUGIN_ID}"


def test_a_rewritten_state_cookie_is_refused_without_signing_in(sign_in):
    callback = sign_in.authorize(sign_in.start(), "luc.renard")
    sealed = unquote(sign_in.browser.cookies[COOKIE])
    payload, signature = sealed.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload))
    body["data"]["came_from"] = "https://attacker.example/"
    forged = base64.urlsafe_b64encode(json.dumps(body).encode()).decode()
    # The browser's own copy replaced (one cookie of that name, as an attacker would).
    sign_in.browser.cookies.clear()
    sign_in.browser.cookies.set(COOKIE, f"{forged}.{signature}")
    answer = sign_in.finish(callback)
    assert answer.status_code == 403
    assert "connexion n'a pas pu être vérifiée" in answer.text
    assert "__ac" not in sign_in.browser.cookies
    transaction.begin()
    assert api.user.get(userid=citizen_id("luc.renard")) is None


def test_the_stock_unsigned_cookie_is_refused_not_a_server_error(sign_in):
    """What the stock plugin would accept: the state as plain base64 JSON."""
    authorize = sign_in.start()
    callback = sign_in.authorize(authorize, "luc.renard")
    state = dict(p.split("=", 1) for p in callback.split("?", 1)[1].split("&"))["state"]
    plain = base64.b64encode(json.dumps({"state": state, "nonce": "n"}).encode()).decode()
    for value in (plain, "garbage-%%%", ""):
        browser = requests.Session()
        browser.cookies.set(COOKIE, value)
        answer = sign_in.finish(callback, browser=browser)
        assert answer.status_code == 403, value
        assert "connexion n'a pas pu être vérifiée" in answer.text


def test_the_sign_in_still_ends_signed_in_and_drops_its_state(sign_in):
    callback = sign_in.authorize(sign_in.start(), "marie.lambert")
    answer = sign_in.finish(callback)
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/@@mes-demarches")
    assert "__ac" in sign_in.browser.cookies
    header, morsel = _state_cookie(answer)
    assert morsel.value == "deleted" and morsel["max-age"] == "0"
    assert morsel["path"] == f"/plone/acl_users/{PLUGIN_ID}"


def test_the_plugin_rest_sign_in_is_closed(sign_in, server_url):
    """Its POST would log in whoever the provider names, with no state check."""
    callback = sign_in.authorize(sign_in.start(), "luc.renard")
    query = callback.split("?", 1)[1]
    headers = {"Accept": "application/json"}
    answer = requests.post(
        f"{server_url}/@login-oidc/{PLUGIN_ID}", json={"qs": query}, headers=headers
    )
    assert answer.status_code == 404
    assert "pages du guichet en ligne" in answer.json()["error"]["message"]
    assert requests.get(f"{server_url}/@login-oidc/{PLUGIN_ID}", headers=headers).status_code == 404
    transaction.begin()
    assert api.user.get(userid=citizen_id("luc.renard")) is None
    assert api.user.get(userid="luc.renard") is None
