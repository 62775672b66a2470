"""The case-file figures from the catalog's index sets.

Received and decided per month and per service are sizes of
intersections of index sets (see `index_sets`), overdue files sums of the
deadline queue's counters (see `overdue`): their cost hardly depends on how
many files the municipality has, nor on how many days have passed. So are the figures per
procedure (see `procedure_counts`): a decision compared with its deadline
and the days it took are indexed with the file.
"""

from datetime import date
from datetime import timedelta
from imio.municipal.dossiers.queue.catalog_index import QUEUE_INDEX
from imio.municipal.steering import figures
from imio.municipal.steering import overdue
from imio.municipal.steering import procedure_counts
from imio.municipal.steering import queries
from imio.municipal.steering.figures import Period
from imio.municipal.steering.index_sets import as_set
from imio.municipal.steering.index_sets import both
from imio.municipal.steering.index_sets import CatalogSets
from imio.municipal.steering.index_sets import count_in
from imio.municipal.steering.index_sets import sizes
from imio.municipal.steering.index_sets import union
from plone import api


RECEIVED = "received_date"
DECIDED = "decision_date"


def dossier_tables(
    municipality,
    period: Period,
    service: str | None,
    services: list[str],
    today: date,
    open_states,
) -> list[figures.Table]:
    """The flow, per-service and per-procedure tables of a municipality."""
    catalog = api.portal.get_tool("portal_catalog")
    sets = CatalogSets(catalog, queries.dossier_query(municipality, service))
    received_months = sets.month_sets(RECEIVED, period)
    decided_months = sets.month_sets(DECIDED, period)
    received = union(received_months.values())
    decided = union(decided_months.values())
    overdue = overdue_counts(catalog, sets, municipality, service, today, open_states)
    index = sets._index("responsible_service")
    found = [name for name in index.uniqueValues() if name]
    names = [*services, *(name for name in found if name not in services)]
    # received and decided are files of `base` already: the index's own set
    # of a service counts them, without cutting it to `base` first
    of_service = {name: as_set(index._index.get(name)) for name in names}
    present = [name for name in names if count_in(of_service[name], sets.base)]
    return [
        figures.flow_table(sizes(received_months), sizes(decided_months), period),
        figures.service_table(
            services,
            present,
            {name: count_in(received, ids) for name, ids in of_service.items()},
            {name: count_in(decided, ids) for name, ids in of_service.items()},
            {name: overdue.get(name, 0) for name in names},
        ),
        procedure_counts.procedure_table(sets, decided),
    ]


def overdue_counts(catalog, sets, municipality, service, today: date, open_states) -> dict:
    """Open files whose running deadline passed before `today`, per service:
    from the deadline queue, or (before it exists) from the indexes."""
    queue = queue_of(catalog)
    if queue is not None:
        path = "/".join(municipality.getPhysicalPath())
        return overdue.overdue_per_service(queue, path, service, today, open_states)
    index = sets._index("current_deadline")
    late = sets.days_between(index.getId(), None, today - timedelta(days=1))
    states = sets._index("review_state")._index
    late = both(late, union(states[name] for name in open_states if name in states))
    services = sets._index("responsible_service")._index
    counts = {name: count_in(late, ids) for name, ids in services.items()}
    counts[""] = len(late) - sum(counts.values())
    return counts


def queue_of(catalog):
    """The deadline queue, None before its index exists (profile 1009)."""
    index = catalog._catalog.indexes.get(QUEUE_INDEX)
    return None if index is None else index.queue


def dossier_summary(municipality, period: Period, today: date, open_states):
    """For the platform's overview: how many files were received in the
    period and are overdue today, and the counts of those decided in it
    (`procedure_counts.decided_counts`), all from the indexes."""
    catalog = api.portal.get_tool("portal_catalog")
    sets = CatalogSets(catalog, queries.dossier_query(municipality))
    received = sets.days_between(RECEIVED, period.start, period.end)
    decided = sets.days_between(DECIDED, period.start, period.end)
    overdue_now = overdue_counts(catalog, sets, municipality, None, today, open_states)
    return (
        len(received),
        procedure_counts.decided_counts(sets, decided),
        sum(overdue_now.values()),
    )
