"""The case-file figures from the catalog's index sets.

Received and decided per month and per service, and overdue files, are
sizes of intersections of index sets (see `index_sets`): their cost hardly
depends on how many files the municipality has. So are the figures per
procedure (see `procedure_counts`): a decision compared with its deadline
and the days it took are indexed with the file.
"""

from datetime import date
from datetime import timedelta
from imio.municipal.steering import figures
from imio.municipal.steering import procedure_counts
from imio.municipal.steering import queries
from imio.municipal.steering.figures import Period
from imio.municipal.steering.index_sets import both
from imio.municipal.steering.index_sets import CatalogSets
from imio.municipal.steering.index_sets import count_in
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
    received = sets.days_between(RECEIVED, period.start, period.end)
    decided = sets.days_between(DECIDED, period.start, period.end)
    overdue = overdue_ids(sets, today, open_states)
    found = [name for name in sets.catalog.getIndex("responsible_service").uniqueValues() if name]
    names = [*services, *(name for name in found if name not in services)]
    per_service = {name: sets.with_value("responsible_service", name) for name in names}
    present = [name for name, ids in per_service.items() if ids]
    return [
        figures.flow_table(
            sets.per_month(RECEIVED, period, received),
            sets.per_month(DECIDED, period, decided),
            period,
        ),
        figures.service_table(
            services,
            present,
            {name: count_in(received, ids) for name, ids in per_service.items()},
            {name: count_in(decided, ids) for name, ids in per_service.items()},
            {name: count_in(overdue, ids) for name, ids in per_service.items()},
        ),
        procedure_counts.procedure_table(sets, decided),
    ]


def overdue_ids(sets: CatalogSets, today: date, open_states):
    """Open files whose running deadline passed before `today`."""
    late = sets.days_between("current_deadline", None, today - timedelta(days=1))
    return both(late, sets.with_values("review_state", open_states))


def dossier_summary(municipality, period: Period, today: date, open_states):
    """For the platform's overview: how many files were received in the
    period and are overdue today, and the counts of those decided in it
    (`procedure_counts.decided_counts`), all from the indexes."""
    catalog = api.portal.get_tool("portal_catalog")
    sets = CatalogSets(catalog, queries.dossier_query(municipality))
    received = sets.days_between(RECEIVED, period.start, period.end)
    decided = sets.days_between(DECIDED, period.start, period.end)
    overdue = overdue_ids(sets, today, open_states)
    return len(received), procedure_counts.decided_counts(sets, decided), len(overdue)
