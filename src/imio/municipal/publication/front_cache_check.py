"""The Plone side of the front cache (publication/core/front_cache.py).

When the front cache asked for it (its slot in the WSGI environ, shared by
the request Zope builds), a page rendered for the anonymous user is offered
with a freshness check: the value of the site's catalog counter when the page
was rendered, read again from the database when the page is served. Any
publication, retraction, erratum or edit reindexes and so changes the
counter — the same signal plone.app.caching's RAM cache keys on — and since
the check reads the shared database, every process of a cluster sees it at
its next request. The check also reads whether caching is switched on in the
registry, so switching it off stops the front cache at once.
"""

from Acquisition import aq_base
from imio.municipal.publication.core.front_cache import ENVIRON_KEY
from plone import api
from plone.caching.hooks import Intercepted
from Products.CMFCore.utils import getToolByName
from zope.component import adapter
from zope.component.hooks import getSite
from ZPublisher.interfaces import IPubBeforeAbort
from ZPublisher.interfaces import IPubBeforeCommit

import logging
import transaction


logger = logging.getLogger(__name__)
ENABLED = "plone.caching.interfaces.ICacheSettings.enabled"


class CounterCheck:
    """Whether persistent values still are what they were: ``(oid, key,
    value)``, the object's value when ``key`` is None (a counter), else its
    item ``key`` (a registry record in the registry's BTree)."""

    def __init__(self, db, values: list[tuple[bytes, str | None, object]]):
        self.db = db
        self.values = values

    def __call__(self) -> bool:
        # A transaction manager of its own: the thread's one belongs to Zope.
        manager = transaction.TransactionManager(explicit=True)
        connection = self.db.open(transaction_manager=manager)
        try:
            manager.begin()  # sees the latest commits of every process
            try:
                for oid, key, value in self.values:
                    stored = connection.get(oid)
                    if (stored() if key is None else stored.get(key)) != value:
                        return False
                return True
            finally:
                manager.abort()
        finally:
            connection.close()


@adapter(IPubBeforeCommit)
def offer_rendered_page(event):
    _offer(event.request)


@adapter(IPubBeforeAbort)
def offer_ram_cache_hit(event):
    # plone.app.caching answers its RAM hits by raising Intercepted.
    if isinstance(event.exc_info[1], Intercepted):
        _offer(event.request)


def _offer(request) -> None:
    slot = request.environ.get(ENVIRON_KEY)
    if slot is None or request.get("REQUEST_METHOD") != "GET":
        return
    try:
        _fill(slot)
    except Exception:  # an offer that fails leaves the page uncached, not broken
        logger.exception("front cache: no freshness check for %s", request.get("URL"))


def _fill(slot: dict) -> None:
    site = getSite()
    catalog = getToolByName(site, "portal_catalog", None) if site is not None else None
    if catalog is None or not api.user.is_anonymous():
        return
    counter = getattr(aq_base(catalog), "_counter", None)
    registry = getToolByName(site, "portal_registry", None)
    records = getattr(getattr(aq_base(registry), "records", None), "_values", None)
    if counter is None or counter._p_jar is None or getattr(records, "_p_oid", None) is None:
        return
    # Switching caching off (or on) is seen at once too.
    slot["is_current"] = CounterCheck(
        counter._p_jar.db(),
        [(counter._p_oid, None, counter()), (records._p_oid, ENABLED, records.get(ENABLED))],
    )
