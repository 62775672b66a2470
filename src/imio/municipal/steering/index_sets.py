"""Counting case files with the catalog's index sets, without reading them.

An index keeps, for each value (a day, a service, a state), the set of the
record ids that have it. The dashboard's counts are sizes of intersections
of such sets, computed in C by BTrees: a month of receipts is the union of
the sets of its days, the files of a service one set, and so on. The cost
grows with the number of days and values in the period, hardly with the
number of files.
"""

from BTrees.IIBTree import IISet
from BTrees.IIBTree import IITreeSet
from BTrees.IIBTree import intersection
from BTrees.IIBTree import multiunion
from datetime import date
from datetime import timedelta
from imio.municipal.steering.figures import Period


# A DateIndex keys a value by its minute; a day spans this many keys.
MINUTES_PER_DAY = 24 * 60
EMPTY = IITreeSet()


def as_set(ids) -> IISet | IITreeSet:
    """A BTrees set of record ids from what an index or a search answers."""
    if ids is None:
        return EMPTY
    if isinstance(ids, int):
        return IITreeSet((ids,))
    if isinstance(ids, (IISet, IITreeSet)):
        return ids
    return IITreeSet(ids)


def _union(sets) -> IITreeSet:
    return as_set(multiunion([as_set(ids) for ids in sets]))


class CatalogSets:
    """The record ids of one search, and counts of its parts by index value.

    `base` is the set the counts are taken in (for instance the case files
    of a municipality, of a service).
    """

    def __init__(self, catalog, query: dict):
        self.catalog = catalog._catalog
        results = catalog.unrestrictedSearchResults(query)
        # a flat IISet: merging two arrays is several times faster than
        # walking the buckets of a tree set
        self.base = multiunion([as_set(getattr(results, "_seq", None) or [])])

    def _index(self, name: str):
        return self.catalog.getIndex(name)

    def days_between(
        self, index_name: str, start: date | None, end: date | None, among=None
    ) -> IITreeSet:
        """The ids of `among` (default: `base`) whose DateIndex `index_name`
        falls from `start` to `end` (days included; None: unbounded)."""
        index = self._index(index_name)
        low = index._convert(start) if start is not None else None
        high = index._convert(end) + MINUTES_PER_DAY - 1 if end is not None else None
        days = _union(index._index.values(low, high))
        return intersection(days, self.base if among is None else among) or EMPTY

    def with_value(self, index_name: str, value) -> IITreeSet:
        """The ids of `base` whose FieldIndex `index_name` has `value`."""
        found = self._index(index_name)._index.get(value)
        return intersection(as_set(found), self.base) or EMPTY

    def with_values(self, index_name: str, values) -> IITreeSet:
        index = self._index(index_name)
        found = _union(index._index.get(value) for value in values)
        return intersection(found, self.base) or EMPTY

    def per_month(self, index_name: str, period: Period, in_period=None) -> dict[str, int]:
        """How many ids of `base` fall in each month of `period` by the
        DateIndex `index_name` (`in_period`: those of the whole period, if
        known: each month is then taken from that smaller set)."""
        if in_period is None:
            in_period = self.days_between(index_name, period.start, period.end)
        counts = {}
        for month in period.months():
            first = date(int(month[:4]), int(month[5:]), 1)
            following = (first + timedelta(days=32)).replace(day=1)
            start = max(first, period.start)
            end = min(following - timedelta(days=1), period.end)
            counts[month] = len(self.days_between(index_name, start, end, in_period))
        return counts


def both(ids: IITreeSet, others: IITreeSet) -> IITreeSet:
    """The ids in both sets."""
    return intersection(ids, others) or EMPTY


def count_in(ids: IITreeSet, among: IITreeSet) -> int:
    """How many of `ids` are also in `among`."""
    return len(intersection(ids, among) or EMPTY)
