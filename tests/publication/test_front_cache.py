"""The front cache: anonymous public pages answered before Zope, safely.

Each test sends real requests through the WSGI filter in front of the
functional layer's Zope (the same publisher `runwsgi` runs) and counts the
requests that reached Zope.
"""

from imio.municipal.publication.core.front_cache import FrontCache
from plone import api
from plone.testing._z2_testbrowser import Zope2Caller
from types import SimpleNamespace
from webob import Request
from zope.component import getGlobalSiteManager
from ZPublisher.interfaces import IPubBeforeCommit

import pytest
import transaction


SECRETARY = "namur-secretaire"
HIT = "X-Municipal-Cache"


class CountingZope:
    """The Zope publisher, counting the requests it answers."""

    def __init__(self, app):
        self.caller = Zope2Caller(SimpleNamespace(handleErrors=True), app)
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.caller(environ, start_response)


@pytest.fixture
def zope(functional_app):
    return CountingZope(functional_app)


@pytest.fixture
def front(zope):
    return FrontCache(zope)


def get(front, url, method="GET", **headers):
    request = Request.blank(url, method=method, headers=headers)
    return request.get_response(front)


def test_a_second_anonymous_visit_is_answered_before_zope(front, zope, published):
    first = get(front, published.absolute_url())
    second = get(front, published.absolute_url())
    assert first.status_int == second.status_int == 200
    assert HIT not in first.headers and second.headers[HIT] == "HIT"
    assert published.number in second.text and second.body == first.body
    assert second.headers["X-Cache-Rule"] == "imio.municipal.publicPages"
    assert zope.calls == 1


def test_head_is_answered_from_a_stored_get_and_never_stored(front, zope, published):
    head = get(front, published.absolute_url(), method="HEAD")
    assert HIT not in head.headers  # Zope answers it (a 404 for this type)
    page = get(front, published.absolute_url())
    assert HIT not in page.headers  # the HEAD stored nothing
    head = get(front, published.absolute_url(), method="HEAD")
    assert head.status_int == 200 and head.headers[HIT] == "HIT" and head.body == b""
    assert int(head.headers["Content-Length"]) == len(page.body)
    assert zope.calls == 2


def test_a_query_string_is_its_own_page_and_a_private_search_never_stored(
    front, zope, published, functional_portal
):
    listing = functional_portal["namur"]["publications"].absolute_url()
    get(front, listing)
    search = f"{listing}?SearchableText=inexistant"
    filtered = get(front, search)
    assert HIT not in filtered.headers and "private" in filtered.headers["Cache-Control"]
    assert published.absolute_url() not in filtered.text
    whole = get(front, listing)
    assert whole.headers[HIT] == "HIT" and published.absolute_url() in whole.text
    again = get(front, search)
    assert HIT not in again.headers and published.absolute_url() not in again.text
    assert zope.calls == 3


def test_the_language_asked_is_part_of_the_key(front, zope, published):
    get(front, published.absolute_url(), **{"Accept-Language": "de"})
    french = get(front, published.absolute_url(), **{"Accept-Language": "fr"})
    assert HIT not in french.headers
    german = get(front, published.absolute_url(), **{"Accept-Language": "de"})
    assert german.headers[HIT] == "HIT"
    assert zope.calls == 2


def test_a_staff_member_never_gets_the_anonymous_page(front, zope, published):
    anonymous = get(front, published.absolute_url())
    get(front, published.absolute_url())
    staff = get(front, published.absolute_url(), Authorization=f"Basic {SECRETARY}:demo")
    assert HIT not in staff.headers and staff.body != anonymous.body
    assert "Se connecter" not in staff.text or SECRETARY in staff.text
    assert zope.calls == 2


def test_a_staff_answer_is_never_stored(front, zope, published):
    get(front, published.absolute_url(), Authorization=f"Basic {SECRETARY}:demo")
    get(front, published.absolute_url(), Authorization=f"Basic {SECRETARY}:demo")
    anonymous = get(front, published.absolute_url())
    assert HIT not in anonymous.headers
    assert zope.calls == 3


def test_a_session_cookie_goes_to_zope(front, zope, published, functional_portal):
    login = get(front, functional_portal.absolute_url() + "/login")
    assert login.status_int == 200
    form = Request.blank(
        functional_portal.absolute_url() + "/login",
        method="POST",
        POST={
            "__ac_name": SECRETARY,
            "__ac_password": "demo",
            "buttons.login": "Se connecter",
            "form.submitted": "1",
        },
    ).get_response(front)
    cookies = [value for value in form.headers.getall("Set-Cookie") if value.startswith("__ac=")]
    assert cookies, form.headers
    cookie = cookies[0]
    get(front, published.absolute_url())
    get(front, published.absolute_url())
    calls = zope.calls
    signed_in = get(front, published.absolute_url(), Cookie=cookie.split(";")[0])
    assert HIT not in signed_in.headers and zope.calls == calls + 1
    # Any cookie at all: the counter's sign-in one, a language choice...
    other = get(front, published.absolute_url(), Cookie="I18N_LANGUAGE=de")
    assert HIT not in other.headers and zope.calls == calls + 2


def test_an_answer_setting_a_cookie_is_never_stored(front, zope, published):
    def set_cookie(event):
        event.request.response.setCookie("suivi", "1", path="/")

    registry = getGlobalSiteManager()
    registry.registerHandler(set_cookie, (IPubBeforeCommit,))
    try:
        first = get(front, published.absolute_url())
        assert "suivi=1" in first.headers["Set-Cookie"]
        second = get(front, published.absolute_url())
    finally:
        registry.unregisterHandler(set_cookie, (IPubBeforeCommit,))
    assert HIT not in second.headers
    assert zope.calls == 2


def test_a_removed_public_version_is_gone_at_once(front, zope, published):
    url = published.absolute_url()
    get(front, url)
    assert get(front, url).headers[HIT] == "HIT"
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(published)
    transaction.commit()
    gone = get(front, url)
    assert gone.status_int == 404 and HIT not in gone.headers


def test_a_modified_page_is_never_served_stale_by_any_process(functional_app, published):
    # Two processes of a cluster: two front caches in front of one database.
    first, second = (
        FrontCache(CountingZope(functional_app)),
        FrontCache(CountingZope(functional_app)),
    )
    url = published.absolute_url()
    for front in (first, second):
        get(front, url)
        assert get(front, url).headers[HIT] == "HIT"
    with api.env.adopt_roles(["Manager"]):
        published.title = "Règlement relatif aux terrasses — version corrigée"
        published.reindexObject()
    transaction.commit()
    for front in (first, second):
        page = get(front, url)
        assert HIT not in page.headers and "version corrigée" in page.text


def test_staff_pages_are_never_stored(front, zope, published, functional_portal):
    login = functional_portal.absolute_url() + "/login"
    get(front, login)
    again = get(front, login)
    assert again.status_int == 200 and HIT not in again.headers
    assert zope.calls == 2


def test_switching_caching_off_stops_the_front_cache_at_once(front, zope, published):
    url = published.absolute_url()
    get(front, url)
    assert get(front, url).headers[HIT] == "HIT"
    api.portal.set_registry_record("plone.caching.interfaces.ICacheSettings.enabled", False)
    transaction.commit()
    page = get(front, url)
    assert HIT not in page.headers and "X-Cache-Rule" not in page.headers
    assert HIT not in get(front, url).headers  # nor stored again
    assert zope.calls == 3
