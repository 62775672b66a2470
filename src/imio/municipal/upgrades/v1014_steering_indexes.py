"""1013 -> 1014: the steering figures per procedure read two new indexes.

Adds the `instruction_days` FieldIndex and the `decided_in_time`
BooleanIndex and fills them for the decided case files (both need a decision
date). Their values come from the dates the catalog already keeps of each
file (its metadata, written with its indexes), so no file is woken: at
100,000 files this takes seconds, not the hour of a reindex.
"""

from imio.municipal import logger
from imio.municipal.steering.decision_values import decided_in_time_of
from imio.municipal.steering.decision_values import instruction_days_of
from imio.municipal.steering.queries import as_date
from plone import api


INDEXES = (("instruction_days", "FieldIndex"), ("decided_in_time", "BooleanIndex"))
COLUMNS = ("received_date", "decision_date", "decision_deadline")


class Recorded:
    """What the new indexes read of a file, from its catalog record."""

    def __init__(self, received, decided, deadline):
        try:
            self.instruction_days = instruction_days_of(received, decided)
        except AttributeError:
            pass
        try:
            self.decided_in_time = decided_in_time_of(decided, deadline)
        except AttributeError:
            pass


def add_indexes(catalog) -> list[str]:
    added = []
    for name, meta_type in INDEXES:
        if name not in catalog.indexes():
            catalog.addIndex(name, meta_type)
            added.append(name)
    return added


def upgrade(context):
    catalog = api.portal.get_tool("portal_catalog")
    added = add_indexes(catalog)
    indexes = [catalog._catalog.getIndex(name) for name, _meta_type in INDEXES]
    decided = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Dossier"):
        received, decision, deadline = (as_date(getattr(brain, name, None)) for name in COLUMNS)
        if decision is None:
            continue
        recorded = Recorded(received, decision, deadline)
        for index in indexes:
            index.index_object(brain.getRID(), recorded)
        decided += 1
    logger.info("steering: indexes %s added, %s decided case files indexed", added, decided)
