"""Catalog indexers of case files for the steering figures per procedure.

The median instruction time and the share decided in time are computed from
these two indexes intersected with the sets of a period and a procedure,
without reading the record of each decision (see `procedure_counts`).
"""

from imio.municipal.interfaces import IDossier
from imio.municipal.steering.decision_values import decided_in_time_of
from imio.municipal.steering.decision_values import instruction_days_of
from plone.indexer import indexer


@indexer(IDossier)
def instruction_days(obj):
    return instruction_days_of(
        getattr(obj, "received_date", None), getattr(obj, "decision_date", None)
    )


@indexer(IDossier)
def decided_in_time(obj):
    return decided_in_time_of(
        getattr(obj, "decision_date", None), getattr(obj, "decision_deadline", None)
    )
