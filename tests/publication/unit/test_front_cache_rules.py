"""The front cache's rules, with a stand-in for Zope (no Plone)."""

from imio.municipal.publication.core import front_cache
from imio.municipal.publication.core.front_cache import FrontCache
from wsgiref.util import setup_testing_defaults

import pytest


PUBLIC = [
    ("Content-Type", "text/html;charset=utf-8"),
    ("X-Cache-Rule", "imio.municipal.publicPages"),
    ("Cache-Control", "max-age=0, s-maxage=86400, must-revalidate"),
    ("Date", "Mon, 07 Dec 2026 10:00:00 GMT"),
]


class Zope:
    """Answers with `headers`; offers the page with a check, as Plone does
    for the anonymous user (and sets REMOTE_USER for a signed-in one)."""

    def __init__(self, headers=PUBLIC, status="200 OK", current=True, user=None):
        self.headers, self.status, self.current, self.user = headers, status, current, user
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        slot = environ.get(front_cache.ENVIRON_KEY)
        if slot is not None and self.user is None:
            slot["is_current"] = lambda: self.current
        if self.user:
            environ["REMOTE_USER"] = self.user
        start_response(self.status, list(self.headers))
        return (b"", f"page {self.calls}".encode())


def environ(method="GET", path="/plone/acte", query="", **headers):
    env = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query}
    env.update({"HTTP_" + name.upper(): value for name, value in headers.items()})
    setup_testing_defaults(env)
    return env


def call(app, env):
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(app(env, start_response))
    return answer["status"], answer["headers"], body


def twice(zope, first=None, second=None, **options):
    app = FrontCache(zope, **options)
    call(app, first or environ())
    return call(app, second or environ())


def test_a_public_page_is_served_from_memory_the_second_time():
    zope = Zope()
    status, headers, body = twice(zope)
    assert zope.calls == 1 and body == b"page 1" and headers["X-Municipal-Cache"] == "HIT"
    assert "Date" not in headers  # the server dates each answer


def test_head_is_served_without_body_but_never_stored():
    zope = Zope()
    app = FrontCache(zope)
    call(app, environ("HEAD"))
    call(app, environ())
    status, headers, body = call(app, environ("HEAD"))
    assert zope.calls == 2 and body == b"" and headers["X-Municipal-Cache"] == "HIT"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_other_methods_always_reach_zope(method):
    zope = Zope()
    twice(zope, environ(method), environ(method))
    assert zope.calls == 2


@pytest.mark.parametrize(
    "header",
    [
        {"cookie": "__ac=abc"},
        {"cookie": "I18N_LANGUAGE=de"},
        {"authorization": "Bearer abc"},
        {"proxy_authorization": "Basic abc"},
        {"x_auth_token": "abc"},
        {"x_remote_user": "admin"},
        {"x_api_key": "abc"},
        {"if_none_match": '"etag"'},
        {"if_modified_since": "Mon, 07 Dec 2026 10:00:00 GMT"},
        {"range": "bytes=0-10"},
    ],
)
def test_credentials_and_conditions_always_reach_zope(header):
    zope = Zope()
    app = FrontCache(zope)
    call(app, environ())
    call(app, environ(**header))
    assert zope.calls == 2


def test_a_user_the_server_authenticated_reaches_zope():
    zope = Zope()
    signed_in = environ()
    signed_in["REMOTE_USER"] = "agent"
    twice(zope, environ(), signed_in)
    assert zope.calls == 2


def test_a_page_zope_rendered_for_a_signed_in_user_is_never_stored():
    zope = Zope(user="agent")
    twice(zope)
    assert zope.calls == 2


def test_a_page_plone_did_not_offer_is_never_stored():
    class Silent(Zope):
        def __call__(self, environ, start_response):
            environ.pop(front_cache.ENVIRON_KEY, None)
            return super().__call__(environ, start_response)

    zope = Silent()
    twice(zope)
    assert zope.calls == 2


@pytest.mark.parametrize(
    "headers",
    [
        [*PUBLIC, ("Set-Cookie", "suivi=1; Path=/")],
        [h for h in PUBLIC if h[0] != "X-Cache-Rule"],
        [*PUBLIC[:1], ("X-Cache-Rule", "plone.content.itemView"), *PUBLIC[2:]],
        [*PUBLIC[:2], ("Cache-Control", "max-age=0, must-revalidate, private")],
        [*PUBLIC[:2], ("Cache-Control", "max-age=0, s-maxage=0")],
        [*PUBLIC[:2], ("Cache-Control", "public, no-store")],
        [*PUBLIC, ("Vary", "Accept-Encoding, X-Custom")],
    ],
    ids=["set-cookie", "no rule", "other rule", "private", "s-maxage 0", "no-store", "vary"],
)
def test_answers_not_meant_for_shared_caches_are_never_stored(headers):
    zope = Zope(headers=headers)
    twice(zope)
    assert zope.calls == 2


def test_errors_and_redirects_are_never_stored():
    for status in ("404 Not Found", "302 Found", "500 Internal Server Error"):
        zope = Zope(status=status)
        twice(zope)
        assert zope.calls == 2


@pytest.mark.parametrize(
    "other",
    [
        environ(query="b_start=20"),
        environ(path="/plone/autre"),
        environ(accept_language="de"),
        environ(accept_encoding="gzip"),
        environ(accept="application/json"),
        environ(host="autre.example"),
        environ(x_forwarded_proto="https"),
    ],
)
def test_the_key_holds_what_the_page_depends_on(other):
    zope = Zope()
    status, headers, body = twice(zope, environ(), other)
    assert zope.calls == 2 and body == b"page 2"


def test_a_changed_site_is_never_served_stale():
    zope = Zope()
    app = FrontCache(zope)
    call(app, environ())
    zope.current = False  # the catalog changed since the page was rendered
    status, headers, body = call(app, environ())
    assert zope.calls == 2 and body == b"page 2" and "X-Municipal-Cache" not in headers


def test_a_failing_check_lets_zope_answer():
    def broken():
        raise ConnectionError("database unreachable")

    zope = Zope()
    app = FrontCache(zope)
    call(app, environ())
    for entry in app.store._entries.values():
        entry.is_current = broken
    call(app, environ())
    assert zope.calls == 2


def test_an_entry_lives_max_age_seconds_at_most():
    zope = Zope()
    twice(zope, max_age=0)
    assert zope.calls == 2


def test_big_pages_and_many_pages_are_bounded():
    zope = Zope()
    twice(zope, max_bytes=3)
    assert zope.calls == 2
    app = FrontCache(Zope(), max_entries=2)
    for path in ("/a", "/b", "/c"):
        call(app, environ(path=path))
    assert len(app.store) == 2


def test_the_paste_filter_reads_its_settings():
    app = front_cache.make_filter(Zope(), {}, max_age="60", max_entries="10", max_bytes="100")
    assert (app.max_age, app.store.max_entries, app.max_bytes) == (60.0, 10, 100)
