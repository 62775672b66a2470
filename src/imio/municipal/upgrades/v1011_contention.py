"""1011: the two remaining writes that concurrent case files shared.

- Full-text indexes: the posting lists older code kept as dicts (words in
  at most 10 documents) become IIBTrees, so that ZODB can merge the
  `_wordinfo` buckets holding them (`platform/conflicts/textindex.py`; new words get
  an IIBTree already, an old dict is otherwise converted when next written).
- `dossier_queue`: each group's per-day counter is spread over a few keys
  (`deadline_queue.SLOTS`), recounted from the files the group holds.

Neither changes what a search or a worklist answers.
"""

from imio.municipal import logger
from imio.municipal.dossiers.queue.catalog_index import QUEUE_INDEX
from imio.municipal.platform.conflicts.textindex import convert_postings
from plone import api


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    for index in catalog._catalog.indexes.values():
        if index.meta_type == "ZCTextIndex":
            converted = convert_postings(index.index)
            logger.info("%s: %s posting lists made mergeable", index.getId(), converted)
    queue_index = catalog._catalog.indexes.get(QUEUE_INDEX)
    if queue_index is not None:
        spread = queue_index.queue.spread_counts()
        logger.info("%s: day counters of %s groups spread", QUEUE_INDEX, spread)
