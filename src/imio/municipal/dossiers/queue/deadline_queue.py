"""Case files in deadline order, grouped by container, service, state and
readers, so that the first page of a worklist and its counts cost the same
at 1 000 and at 100 000 case files.

A catalog query intersects sets that grow with the database (the readers,
the path, the date range) before it sorts. Here the files that may appear
together on one worklist are already together (one group per container,
service, state and set of readers) and already sorted (by day, then by
catalog record id). A page walks the groups the user may read, merging them,
and stops after the page; a count adds per-day counters. Neither touches
the files that are not shown.

Plone-free: BTrees only. `catalog_index.DossierQueueIndex` keeps it in the
catalog.
"""

from BTrees.IIBTree import IIBTree
from BTrees.IIBTree import IITreeSet
from BTrees.IOBTree import IOBTree
from BTrees.LLBTree import LLBTree
from BTrees.OIBTree import OIBTree
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from persistent import Persistent

import heapq
import itertools


# Files without a running deadline come after every dated one.
NO_DEADLINE = date.max.toordinal() + 1
# Where a file sits is stored as one integer, group id and day: one bucket
# written per indexing rather than two.
DAY_BITS = 22
assert NO_DEADLINE < 2**DAY_BITS


def _place(group_id: int, day: int) -> int:
    return (group_id << DAY_BITS) | day


def _unplace(place: int) -> tuple[int, int]:
    return place >> DAY_BITS, place & (2**DAY_BITS - 1)


def day_of(deadline: date | None) -> int:
    return deadline.toordinal() if deadline is not None else NO_DEADLINE


@dataclass(frozen=True)
class Entry:
    """Where one case file sits in the queue."""

    container: str
    service: str
    state: str
    readers: tuple[str, ...]
    day: int

    @property
    def group_key(self) -> tuple:
        return (self.container, self.service, self.state, self.readers)


def entry(container, service, state, readers: Iterable[str], deadline) -> Entry:
    return Entry(
        container=container,
        service=service or "",
        state=state or "",
        readers=tuple(sorted(set(readers or ()))),
        day=day_of(deadline),
    )


# A day's count is spread over SLOTS counters (by record id): files of one
# day indexed at the same time change different keys of `Group.counts`,
# which ZODB merges, rather than one key, which it cannot.
SLOTS = 16
assert NO_DEADLINE * SLOTS < 2**31  # IIBTree keys
# A counter that is never deleted, before every real one: ZODB refuses to
# merge the deletion of a bucket's first key with any other change to the
# bucket, and a day's counter goes whenever its last file leaves.
FIRST = -1


class Group(Persistent):
    """The files of one (container, service, state, readers), by day."""

    # Groups stored before the counters were spread: one counter a day
    # (`spread_counts` converts them).
    slots = 1

    def __init__(self, key: tuple):
        self.key = key
        self.slots = SLOTS
        self.days = IOBTree()  # day -> record ids
        self.counts = IIBTree({FIRST: 0})  # day * slots + rid % slots -> how many

    @property
    def state(self) -> str:
        return self.key[2]

    def _counter(self, rid: int, day: int) -> int:
        return day * self.slots + rid % self.slots

    def add(self, rid: int, day: int) -> None:
        rids = self.days.get(day)
        if rids is None:
            rids = self.days[day] = IITreeSet()
        if rids.insert(rid):
            counter = self._counter(rid, day)
            self.counts[counter] = self.counts.get(counter, 0) + 1

    def discard(self, rid: int, day: int) -> None:
        rids = self.days.get(day)
        if rids is None or not rids.has_key(rid):  # noqa: W601 (BTrees API)
            return
        rids.remove(rid)
        counter = self._counter(rid, day)
        left = self.counts[counter] - 1
        if left:
            self.counts[counter] = left
        else:
            del self.counts[counter]
        if not rids:
            del self.days[day]

    def is_empty(self) -> bool:
        return not self.days

    def count(self, first: int | None = None, last: int | None = None) -> int:
        low = None if first is None else first * self.slots
        high = None if last is None else (last + 1) * self.slots - 1
        return sum(self.counts.values(low, high))

    def spread_counts(self) -> bool:
        """Recount with the counters spread; False when they already are."""
        if self.slots == SLOTS:
            return False
        self.slots = SLOTS
        self.counts = IIBTree({FIRST: 0})
        for day, rids in self.days.items():
            for rid in rids:
                counter = self._counter(rid, day)
                self.counts[counter] = self.counts.get(counter, 0) + 1
        return True

    def walk(self, first: int | None = None, last: int | None = None) -> Iterator[tuple]:
        """(day, rid) in order, between the two days included."""
        for day, rids in self.days.items(first, last):
            for rid in rids:
                yield day, rid


class DeadlineQueue(Persistent):
    def __init__(self):
        self.clear()

    def clear(self) -> None:
        self._group_ids = OIBTree()  # group key -> group id
        self._groups = IOBTree()  # group id -> Group
        self._places = LLBTree()  # rid -> _place(group id, day)

    def __len__(self) -> int:
        return len(self._places)

    def group_count(self) -> int:
        return len(self._groups)

    def entry_of(self, rid: int) -> Entry | None:
        place = self._places.get(rid)
        if place is None:
            return None
        group_id, day = _unplace(place)
        return Entry(*self._groups[group_id].key, day=day)

    def put(self, rid: int, new: Entry) -> bool:
        """File `rid` now sits at `new`; False when nothing changed."""
        if self.entry_of(rid) == new:
            return False
        self.remove(rid)
        group_id = self._group_ids.get(new.group_key)
        if group_id is None:
            group_id = self._groups.maxKey() + 1 if self._groups else 1
            self._groups[group_id] = Group(new.group_key)
            self._group_ids[new.group_key] = group_id
        self._groups[group_id].add(rid, new.day)
        self._places[rid] = _place(group_id, new.day)
        return True

    def remove(self, rid: int) -> bool:
        place = self._places.pop(rid, None)
        if place is None:
            return False
        group_id, day = _unplace(place)
        group = self._groups[group_id]
        group.discard(rid, day)
        if group.is_empty():
            # Only live groups are walked: a worklist costs what it shows.
            del self._group_ids[group.key]
            del self._groups[group_id]
        return True

    def spread_counts(self) -> int:
        """Spread the counters of groups stored before; how many groups."""
        return sum(group.spread_counts() for group in self._groups.values())

    def groups(
        self,
        container: str,
        readers: Iterable[str],
        service: str | None = None,
        states: Iterable[str] | None = None,
    ) -> list[Group]:
        """The groups of `container` that one of `readers` may see, for one
        service and some states if given (the catalog's "any of the user's
        roles and groups" rule, applied once per group)."""
        readers = set(readers)
        states = set(states) if states is not None else None
        prefix = (container,) if service is None else (container, service)
        found = []
        for key, group_id in self._group_ids.items(prefix):
            if key[: len(prefix)] != prefix:
                break
            if states is not None and key[2] not in states:
                continue
            if readers.isdisjoint(key[3]):
                continue
            found.append(self._groups[group_id])
        return found


def count(groups: Iterable[Group], first: int | None = None, last: int | None = None) -> int:
    return sum(group.count(first, last) for group in groups)


def counts_by_state(
    groups: Iterable[Group], first: int | None = None, last: int | None = None
) -> dict[str, int]:
    counts: dict[str, int] = {}
    for group in groups:
        counts[group.state] = counts.get(group.state, 0) + group.count(first, last)
    return counts


def page(
    groups: Iterable[Group],
    start: int,
    size: int,
    first: int | None = None,
    last: int | None = None,
) -> list[int]:
    """Record ids `start` to `start + size` in (day, rid) order."""
    merged = heapq.merge(*(group.walk(first, last) for group in groups))
    return [rid for _day, rid in itertools.islice(merged, start, start + size)]
