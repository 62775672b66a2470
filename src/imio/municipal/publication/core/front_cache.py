"""Anonymous visitors' public pages answered from memory, before Zope publishes.

A WSGI filter in the Zope process's pipeline (``etc/zope.ini.in``). A cache
hit of plone.app.caching still traverses the site, authenticates the
anonymous visitor through PAS, negotiates the language and runs the
transform chain; this layer answers the same page without any of it.

Rules (docs/decisions.md, « The public pages are answered before Zope »):

- only GET and HEAD, no credentials of any kind: no cookie at all, no
  ``Authorization``, no header whose name speaks of authentication, tokens,
  sessions or remote users, no ``REMOTE_USER`` from the server; conditional
  and range requests go to Zope (it answers 304 and ranges);
- only a 200 answer to a GET that Zope rendered for the anonymous user
  (Plone says so in the ``ENVIRON_KEY`` slot, with a freshness check), that
  plone.app.caching mapped to the public pages' rule and let shared caches
  keep (``public`` or a positive ``s-maxage``),
  without ``Set-Cookie``, ``private``, ``no-store`` or ``no-cache``, whose
  ``Vary`` names only headers of the key, and no bigger than ``max_bytes``;
- the key is the URL as the visitor asked it (scheme, host, path, query
  string) and the headers the page may depend on (``Accept``,
  ``Accept-Language``, ``Accept-Encoding``, forwarded host and scheme);
- an entry is served only while its freshness check says the site's
  catalog has not changed since it was rendered (the check reads the
  database, shared by every process of a cluster), and never after
  ``max_age`` seconds.

Plone-free: the check is a callable the Plone side provides.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import logging
import threading
import time


logger = logging.getLogger(__name__)

ENVIRON_KEY = "imio.municipal.front_cache"
RULE = "imio.municipal.publicPages"
HIT_HEADER = ("X-Municipal-Cache", "HIT")

# Request headers that make the answer depend on who asks, or on a
# condition Zope evaluates: such a request always goes to Zope.
BYPASS_HEADERS = frozenset(
    (
        "HTTP_COOKIE",
        "HTTP_AUTHORIZATION",
        "HTTP_PROXY_AUTHORIZATION",
        "HTTP_IF_NONE_MATCH",
        "HTTP_IF_MODIFIED_SINCE",
        "HTTP_IF_MATCH",
        "HTTP_IF_UNMODIFIED_SINCE",
        "HTTP_IF_RANGE",
        "HTTP_RANGE",
    )
)
# Any other header naming one of these is taken for a credential.
CREDENTIAL_WORDS = ("AUTH", "TOKEN", "SESSION", "REMOTE_USER", "API_KEY", "APIKEY")
KEY_HEADERS = (
    "HTTP_HOST",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT_ENCODING",
)
# Vary may only name headers of the key (or ones a served request never has).
ALLOWED_VARY = frozenset(
    ("host", "accept", "accept-language", "accept-encoding", "cookie", "authorization")
)
# Not replayed: the server sets them for each answer.
DROPPED_HEADERS = frozenset(("date", "connection", "transfer-encoding", "keep-alive"))


def eligible_request(environ) -> bool:
    """Whether a request may be answered from (or stored into) the cache."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return False
    if environ.get("REMOTE_USER"):
        return False
    for name in environ:
        if not name.startswith("HTTP_"):
            continue
        if name in BYPASS_HEADERS or any(word in name for word in CREDENTIAL_WORDS):
            return False
    return True


def cache_key(environ) -> tuple:
    """What the page may depend on, as the visitor asked it."""
    return (
        environ.get("wsgi.url_scheme", ""),
        environ.get("SERVER_NAME", ""),
        environ.get("SERVER_PORT", ""),
        environ.get("SCRIPT_NAME", ""),
        environ.get("PATH_INFO", ""),
        environ.get("QUERY_STRING", ""),
        *(environ.get(name, "") for name in KEY_HEADERS),
    )


def storable_response(status: str, headers: list[tuple[str, str]]) -> bool:
    """Whether an answer Zope gave an eligible anonymous GET may be kept."""
    if not status.startswith("200"):
        return False
    lowered = [(name.lower(), value) for name, value in headers]
    names = {name for name, _value in lowered}
    if "set-cookie" in names:
        return False
    values = {}
    for name, value in lowered:
        values[name] = f"{values[name]}, {value}" if name in values else value
    if values.get("x-cache-rule") != RULE:
        return False
    if not shared_cacheable(values.get("cache-control", "")):
        return False
    vary = {part.strip().lower() for part in values.get("vary", "").split(",") if part.strip()}
    return vary <= ALLOWED_VARY


def shared_cacheable(cache_control: str) -> bool:
    """What plone.app.caching says a shared cache may keep: ``public`` or a
    positive ``s-maxage`` (moderate caching for anonymous visitors), and
    none of ``private``, ``no-store``, ``no-cache``."""
    directives = {}
    for part in cache_control.split(","):
        name, _sep, value = part.strip().partition("=")
        directives[name.lower()] = value.strip().strip('"')
    if directives.keys() & {"private", "no-store", "no-cache"}:
        return False
    if "public" in directives:
        return True
    try:
        return int(directives.get("s-maxage", "0")) > 0
    except ValueError:
        return False


@dataclass
class Entry:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    stored: float
    is_current: Callable[[], bool]


class Store:
    """A bounded least-recently-used map of entries, shared by the threads."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry: Entry) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def discard(self, key, entry: Entry) -> None:
        with self._lock:
            if self._entries.get(key) is entry:
                del self._entries[key]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class FrontCache:
    """The WSGI filter."""

    def __init__(self, app, max_age: float = 300, max_entries: int = 2000, max_bytes: int = 2**21):
        self.app = app
        self.max_age = max_age
        self.max_bytes = max_bytes
        self.store = Store(max_entries)

    def __call__(self, environ, start_response):
        if not eligible_request(environ):
            return self.app(environ, start_response)
        key = cache_key(environ)
        entry = self.store.get(key)
        if entry is not None:
            if self._fresh(entry):
                return self._replay(entry, environ, start_response)
            self.store.discard(key, entry)
        if environ["REQUEST_METHOD"] != "GET":
            return self.app(environ, start_response)
        slot = environ[ENVIRON_KEY] = {}
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, list(headers)
            return (
                start_response(status, headers, exc_info)
                if exc_info
                else start_response(status, headers)
            )

        result = self.app(environ, capture)
        # Zope names an authenticated user in REMOTE_USER after publishing.
        anonymous = not environ.get("REMOTE_USER")
        if anonymous and isinstance(result, (list, tuple)) and slot.get("is_current"):
            body = b"".join(result)
            status, headers = captured.get("status", ""), captured.get("headers", [])
            if len(body) <= self.max_bytes and storable_response(status, headers):
                kept = [
                    (name, value) for name, value in headers if name.lower() not in DROPPED_HEADERS
                ]
                self.store.put(key, Entry(status, kept, body, time.monotonic(), slot["is_current"]))
        return result

    def _fresh(self, entry: Entry) -> bool:
        if time.monotonic() - entry.stored > self.max_age:
            return False
        try:
            return bool(entry.is_current())
        except Exception:  # the database is unreachable: let Zope answer
            logger.exception("front cache: freshness check failed")
            return False

    def _replay(self, entry: Entry, environ, start_response):
        start_response(entry.status, [*entry.headers, HIT_HEADER])
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [entry.body]


def _dropped(name: str) -> bool:
    return name.lower() in DROPPED_HEADERS


def make_filter(app, global_conf=None, max_age="300", max_entries="2000", max_bytes="2097152"):
    """PasteDeploy ``filter_app_factory`` (``use = call:…:make_filter``)."""
    return FrontCache(
        app, max_age=float(max_age), max_entries=int(max_entries), max_bytes=int(max_bytes)
    )
