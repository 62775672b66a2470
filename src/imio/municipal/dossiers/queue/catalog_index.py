"""The dossier queue as a catalog index: the catalog feeds it like any other
index (catalog_object, uncatalog_object, « Clear and Rebuild »), so it can
never disagree with the other indexes about which files exist.

It reads the same values as the indexes the dashboard queried before
(portal_type, path, responsible_service, review_state, allowedRolesAndUsers,
current_deadline). `Dossier.reindexObject` adds it whenever one of those is
reindexed alone (a transition, a security change, new deadlines).
"""

from imio.municipal.dossiers.queue.deadline_queue import DeadlineQueue
from imio.municipal.dossiers.queue.deadline_queue import Entry
from imio.municipal.dossiers.queue.deadline_queue import entry
from OFS.SimpleItem import SimpleItem
from Products.PluginIndexes.interfaces import IPluggableIndex
from zope.interface import implementer


QUEUE_INDEX = "dossier_queue"
META_TYPE = "DossierQueueIndex"
QUEUED_TYPES = ("Dossier",)
# The indexes whose values the queue also holds.
SOURCES = (
    "portal_type",
    "path",
    "responsible_service",
    "review_state",
    "allowedRolesAndUsers",
    "current_deadline",
)


def _value(obj, name):
    value = getattr(obj, name, None)
    return value() if callable(value) else value


def entry_for(obj) -> Entry | None:
    """Where the (indexable wrapper of the) object sits, None if it is not queued."""
    if _value(obj, "portal_type") not in QUEUED_TYPES:
        return None
    return entry(
        container="/".join(obj.getPhysicalPath()[:-1]),
        service=_value(obj, "responsible_service"),
        state=_value(obj, "review_state"),
        readers=_value(obj, "allowedRolesAndUsers"),
        deadline=_value(obj, "current_deadline"),
    )


@implementer(IPluggableIndex)
class DossierQueueIndex(SimpleItem):
    """Case files by container, service, state and readers, in deadline order."""

    meta_type = META_TYPE
    # GenericSetup's import compares these with catalog.xml's (and clears on change).
    indexed_attrs = list(SOURCES)

    def __init__(self, id, extra=None, caller=None):
        self.id = id
        self.queue = DeadlineQueue()

    def getId(self):
        return self.id

    def getIndexSourceNames(self):
        return list(SOURCES)

    def getIndexQueryNames(self):
        # Read by the dashboard (through queue/search.py), not by catalog queries.
        return ()

    def index_object(self, documentId, obj, threshold=None):
        new = entry_for(obj)
        if new is None:
            return int(self.queue.remove(documentId))
        return int(self.queue.put(documentId, new))

    def unindex_object(self, documentId):
        self.queue.remove(documentId)

    def _apply_index(self, request, resultset=None):
        return None

    def getEntryForObject(self, documentId, default=None):
        found = self.queue.entry_of(documentId)
        return default if found is None else found.__dict__

    def numObjects(self):
        return len(self.queue)

    def indexSize(self):
        return self.queue.group_count()

    def clear(self):
        self.queue.clear()
