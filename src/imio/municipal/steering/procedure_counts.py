"""The per-procedure figure from index sets, without reading decisions.

Of the files decided in the period (a set of record ids): per procedure, how
many, how many by their legal deadline (the `decided_in_time` BooleanIndex,
which holds the files that have a legal deadline), and the median days from
receipt to decision, found by walking the sorted keys of the
`instruction_days` FieldIndex and counting each key's files among them.
"""

from BTrees.IIBTree import difference
from BTrees.IIBTree import intersection
from imio.municipal.steering import figures
from imio.municipal.steering.index_sets import as_set
from imio.municipal.steering.index_sets import CatalogSets
from imio.municipal.steering.index_sets import count_in
from imio.municipal.steering.index_sets import EMPTY


PROCEDURE = "procedure"
IN_TIME = "decided_in_time"
DAYS = "instruction_days"


def timely_sets(sets: CatalogSets, decided):
    """(decided with a legal deadline, decided by it), among `decided`."""
    index = sets._index(IN_TIME)
    # A BooleanIndex keeps the set of one value only (the rarer one); every
    # file it holds is a key of its reverse mapping.
    with_deadline = intersection(decided, index._unindex) or EMPTY
    marked = intersection(decided, index._index) or EMPTY
    if index._index_value:
        return with_deadline, marked
    return with_deadline, difference(with_deadline, marked) or EMPTY


def days_sets(sets: CatalogSets, decided) -> list[tuple]:
    """(days, the ids of `decided` instructed in that many days), in
    increasing order of days, without the empty ones."""
    found = []
    for days, ids in sets._index(DAYS)._index.items():
        mine = intersection(as_set(ids), decided)
        if mine:
            found.append((days, mine))
    return found


def decided_counts(sets: CatalogSets, decided) -> tuple:
    """(how many, how many by their deadline, how many with a deadline, the
    median days from receipt to decision) of the files `decided`."""
    with_deadline, in_time = timely_sets(sets, decided)
    median_days = figures.histogram_median(
        (days, len(ids)) for days, ids in days_sets(sets, decided)
    )
    return len(decided), len(in_time), len(with_deadline), median_days


def procedure_table(sets: CatalogSets, decided) -> figures.Table:
    """The per-procedure table of the files `decided` in the period."""
    with_deadline, in_time = timely_sets(sets, decided)
    by_days = days_sets(sets, decided)
    rows = []
    for procedure, ids in sets._index(PROCEDURE)._index.items():
        mine = intersection(as_set(ids), decided) if procedure else None
        if not mine:
            continue
        within = count_in(in_time, mine)
        rows.append(
            (
                procedure,
                len(mine),
                within,
                figures.share(within, count_in(with_deadline, mine)),
                figures.histogram_median((days, count_in(ids, mine)) for days, ids in by_days),
            )
        )
    return figures.procedure_rows_table(sorted(rows))
