"""Counting case files with the catalog's index sets, without reading them.

An index keeps, for each value (a day, a service, a state), the set of the
record ids that have it. The dashboard's counts are sizes of intersections
of such sets, computed in C by BTrees: a month of receipts is the union of
the sets of its days (each day read once, into its month), the files of a
service one set, and so on. The cost grows with the number of days and
values in the period, hardly with the number of files.
"""

from BTrees.IIBTree import difference
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

    def _key_range(self, index, start: date | None, end: date | None) -> tuple:
        low = index._convert(start) if start is not None else None
        high = index._convert(end) + MINUTES_PER_DAY - 1 if end is not None else None
        return low, high

    def days_between(
        self, index_name: str, start: date | None, end: date | None, among=None
    ) -> IITreeSet:
        """The ids of `among` (default: `base`) whose DateIndex `index_name`
        falls from `start` to `end` (days included; None: unbounded)."""
        index = self._index(index_name)
        days = multiunion(list(index._index.values(*self._key_range(index, start, end))))
        return intersection(days, self.base if among is None else among) or EMPTY

    def month_sets(self, index_name: str, period: Period) -> dict[str, IITreeSet]:
        """The ids of `base` whose DateIndex `index_name` falls in each month
        of `period` (its first and last months cut at its ends).

        The index keeps one set per day: each day's set is read once, into
        the union of its month; the period is then the union of twelve sets
        rather than of 365 again."""
        index = self._index(index_name)
        days_of = {}
        for month in period.months():
            first = date(int(month[:4]), int(month[5:]), 1)
            following = (first + timedelta(days=32)).replace(day=1)
            low, high = self._key_range(
                index,
                max(first, period.start),
                min(following - timedelta(days=1), period.end),
            )
            days = list(index._index.values(low, high))
            days_of[month] = multiunion(days) if days else EMPTY
        # Cutting each month to `base` walks `base` each time (BTrees merge
        # both sets): the files of the period outside `base` (other
        # municipalities' files), found once, are taken out instead when
        # they are fewer.
        outside = difference(union(days_of.values()), self.base) or EMPTY
        if len(outside) < len(self.base):
            return {m: (difference(ids, outside) or EMPTY) for m, ids in days_of.items()}
        return {m: (intersection(ids, self.base) or EMPTY) for m, ids in days_of.items()}


def sizes(sets_by_key: dict) -> dict:
    """How many ids in each set (for instance of `month_sets`)."""
    return {key: len(ids) for key, ids in sets_by_key.items()}


def union(sets) -> IISet | IITreeSet:
    """The union of BTrees sets, in one pass in C."""
    sets = list(sets)
    return multiunion(sets) if sets else EMPTY


def both(ids: IITreeSet, others: IITreeSet) -> IITreeSet:
    """The ids in both sets."""
    return intersection(ids, others) or EMPTY


def count_in(ids: IITreeSet, among: IITreeSet) -> int:
    """How many of `ids` are also in `among`."""
    return len(intersection(ids, among) or EMPTY)
