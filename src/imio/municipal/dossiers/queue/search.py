"""The dashboard's query, answered by the deadline queue (not by a catalog search).

Same answer as the catalog query it replaces (path + portal_type + service +
state + deadline range, secured, sorted by deadline): the queue holds the
same values as those indexes, and the user's readers are the catalog's own
list (`_listAllowedRolesAndUsers`). Not covered, so left to the catalog:
other filters (procedure, agent, text), other sorts, and types with
publication dates (the catalog also filters those by effective range).
"""

from dataclasses import dataclass
from imio.municipal.dossiers.queue import deadline_queue
from imio.municipal.dossiers.queue.catalog_index import QUEUE_INDEX
from imio.municipal.dossiers.queue.catalog_index import QUEUED_TYPES
from imio.municipal.dossiers.queue.deadline_queue import day_of
from Products.CMFCore.indexing import processQueue
from ZTUtils.Lazy import LazyMap


@dataclass(frozen=True)
class QueueQuery:
    container: str  # the folder's path: case files are its direct children
    readers: tuple[str, ...]
    service: str | None = None
    states: tuple[str, ...] | None = None  # None: any state
    first: object = None  # deadline from (a date), included
    last: object = None  # deadline until (a date), included

    @property
    def days(self) -> tuple:
        return (
            day_of(self.first) if self.first is not None else None,
            day_of(self.last) if self.last is not None else None,
        )


def queue_of(catalog):
    """The queue, or None before the 1009 upgrade or when the catalog would
    also filter by publication dates."""
    index = catalog._catalog.indexes.get(QUEUE_INDEX)
    if index is None:
        return None
    types = catalog.portal_types
    for name in QUEUED_TYPES:
        if "plone.publication" in (getattr(types.getTypeInfo(name), "behaviors", ()) or ()):
            return None
    return index.queue


def readers_of(catalog, user) -> tuple[str, ...]:
    return tuple(catalog._listAllowedRolesAndUsers(user))


def _groups(queue, query: QueueQuery, states):
    return queue.groups(query.container, query.readers, query.service, states)


def _page(queue, query: QueueQuery, start: int, size: int) -> tuple[list, list[int]]:
    processQueue()  # this request's pending reindexing first, like a search
    groups = _groups(queue, query, query.states)
    return groups, deadline_queue.page(groups, start, size, *query.days)


def results(catalog, queue, query: QueueQuery, start: int, size: int) -> LazyMap:
    """Catalog brains of one page, like a batched catalog search: the page's
    brains and the total in `actual_result_count`."""
    groups, rids = _page(queue, query, start, size)
    total = deadline_queue.count(groups, *query.days)
    return LazyMap(catalog._catalog.__getitem__, rids, len(rids), actual_result_count=total)


def most_urgent(catalog, queue, query: QueueQuery, limit: int) -> list:
    """The `limit` most urgent brains (the worklist box: no total needed)."""
    rids = _page(queue, query, 0, limit)[1]
    return [catalog._catalog[rid] for rid in rids]


def counts_by_state(queue, query: QueueQuery) -> dict[str, int]:
    """How many files each state would show, the state filter left out."""
    processQueue()
    return deadline_queue.counts_by_state(_groups(queue, query, None), *query.days)
