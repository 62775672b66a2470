"""References of case files and numbers of acts.

Formatting is pure. Counting uses plain ZODB objects (no Plone):

- one `Counter` per (kind, year, series) in a municipality, each its own
  persistent object, so that unrelated series never conflict;
- `Counter` has no `_p_resolveConflict`: two transactions taking a number
  from the same series at once conflict, and the Zope publisher retries the
  loser, which then reads the new value. (`BTrees.Length` would merge both
  increments and hand out one number twice.)
- a number is taken inside the transaction that uses it, so an aborted
  transaction gives its number back: series stay gapless, and a deleted
  object's number is never handed out again.
"""

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from zope.annotation.interfaces import IAnnotations


COUNTERS_KEY = "imio.municipal.counters"


def format_reference(year: int, procedure: str, sequence: int) -> str:
    """A case file reference: ``{year}/{procedure}/{seq}``.

    >>> format_reference(2026, "pu", 7)
    '2026/pu/7'
    """
    if sequence < 1:
        raise ValueError(f"A sequence starts at 1, not {sequence}")
    return f"{year}/{procedure}/{sequence}"


def parse_reference(reference: str) -> tuple[int, str, int]:
    """The parts of a reference.

    >>> parse_reference("2026/pu/7")
    (2026, 'pu', 7)
    """
    year, series, sequence = reference.split("/")
    return int(year), series, int(sequence)


def sortable_reference(reference: str | None) -> str:
    """A key that sorts references by year, series, then number.

    >>> sortable_reference("2026/pu/12") > sortable_reference("2026/pu/9")
    True
    """
    if not reference:
        return ""
    year, series, sequence = parse_reference(reference)
    return f"{year:04d}/{series}/{sequence:08d}"


class Counter(Persistent):
    """The last number handed out in one series."""

    def __init__(self):
        self.value = 0

    def take(self) -> int:
        self.value += 1
        return self.value


def _counters(holder) -> OOBTree:
    annotations = IAnnotations(holder)
    counters = annotations.get(COUNTERS_KEY)
    if counters is None:
        counters = annotations[COUNTERS_KEY] = OOBTree()
    return counters


def next_number(holder, kind: str, year: int, series: str) -> int:
    """Take the next number of a series kept on `holder` (a municipality)."""
    key = (kind, year, series)
    counters = _counters(holder)
    counter = counters.get(key)
    if counter is None:
        counter = counters[key] = Counter()
    return counter.take()


def last_number(holder, kind: str, year: int, series: str) -> int:
    """The last number handed out in a series (0 when none)."""
    counter = _counters(holder).get((kind, year, series))
    return counter.value if counter is not None else 0
