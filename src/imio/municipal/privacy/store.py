"""The access journal's common interface, whatever holds it (Plone-free).

An access is one row appended to a table outside the ZODB: reading a case
file must not become a database write that conflicts with other readers.
Rows are never updated; they are deleted only by the retention purge, which
removes the accesses older than the retention. Two backends implement it:
``store_sqlite`` (one file per host, the default of ``make run``) and
``store_postgresql`` (one journal shared by every process and host of a
cluster). Each turns its driver's failures into ``JournalError``.
"""

from abc import ABC
from abc import abstractmethod
from collections.abc import Iterable
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta
from datetime import UTC


SOURCES = ("view", "rest", "download", "document", "export", "search")

# Only these fixed fragments are ever joined into SQL; every value is bound.
_COLUMNS = "a.id, a.at, a.user_id, a.municipality, a.uid, a.path, a.portal_type, a.source"


class JournalError(Exception):
    """The journal's database failed (unreachable, locked, refused): the
    driver's error is the cause."""


@dataclass(frozen=True)
class Access:
    """One consultation: who, when, what, from where, in which municipality."""

    user_id: str
    municipality: str
    uid: str
    path: str
    portal_type: str
    source: str
    persons: tuple[str, ...] = ()  # the NISS of the persons the item is about
    detail: str = ""
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __post_init__(self):
        if self.source not in SOURCES:
            raise ValueError(f"unknown access source {self.source!r}")
        if not self.user_id or not self.municipality:
            raise ValueError("an access needs a user and a municipality")
        if self.at.tzinfo is None:
            raise ValueError("access times are timezone-aware")

    def as_dict(self) -> dict:
        row = asdict(self)
        row["at"] = self.at.isoformat()
        row["persons"] = list(self.persons)
        return row


@dataclass(frozen=True)
class PurgeReport:
    cutoff: datetime
    entries: int
    dry_run: bool


class AccessJournal(ABC):
    """Append and query accesses; the SQL is shared, the database is not.

    Backends write their SQL with ``?`` for every bound value and implement
    the few operations whose SQL or transaction handling differ.
    """

    location: str  # what the operator configured (no password)

    @abstractmethod
    def append_many(self, accesses: Iterable[Access]) -> None:
        """Append the accesses in one transaction (all or none)."""

    @abstractmethod
    def _select(self, sql: str, params: list) -> list[tuple]:
        """The rows of a SELECT (JournalError when the database fails)."""

    @abstractmethod
    def _delete_before(self, cutoff: datetime) -> None:
        """Delete the accesses (and their persons) older than ``cutoff``."""

    @abstractmethod
    def _stamp(self, moment: datetime):
        """A datetime as the backend stores it."""

    @abstractmethod
    def _moment(self, stored) -> datetime:
        """A stored time as an aware datetime in UTC."""

    @abstractmethod
    def close(self) -> None:
        """Close this thread's connection (the next use opens another)."""

    def append(self, access: Access) -> None:
        self.append_many([access])

    def query(
        self,
        municipality: str,
        *,
        uid: str | None = None,
        user_id: str | None = None,
        niss: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Access]:
        """The accesses of one municipality, newest first, filtered.

        The municipality is mandatory: no query crosses municipalities.
        """
        if not municipality:
            raise ValueError("a journal query is per municipality")
        where, params = ["a.municipality = ?"], [municipality]
        if uid:
            where.append("a.uid = ?")
            params.append(uid)
        if user_id:
            where.append("a.user_id = ?")
            params.append(user_id)
        if niss:
            where.append("a.id IN (SELECT access_id FROM access_person WHERE niss = ?)")
            params.append(niss)
        if since:
            where.append("a.at >= ?")
            params.append(self._stamp(since))
        if until:
            where.append("a.at < ?")
            params.append(self._stamp(until))
        conditions = " AND ".join(where)
        sql = f"SELECT {_COLUMNS}, a.detail FROM access a WHERE {conditions} ORDER BY a.id DESC"  # noqa: S608
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        rows = self._select(sql, params)
        persons = self._persons([row[0] for row in rows])
        return [
            Access(
                at=self._moment(row[1]),
                user_id=row[2],
                municipality=row[3],
                uid=row[4],
                path=row[5],
                portal_type=row[6],
                source=row[7],
                detail=row[8],
                persons=tuple(sorted(persons.get(row[0], ()))),
            )
            for row in rows
        ]

    def count(self, municipality: str) -> int:
        sql = "SELECT count(*) FROM access WHERE municipality = ?"
        return self._select(sql, [municipality])[0][0]

    def _persons(self, ids: list[int]) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT access_id, niss FROM access_person WHERE access_id IN ({marks})"  # noqa: S608
            for access_id, niss in self._select(sql, chunk):
                found.setdefault(access_id, []).append(niss)
        return found

    def purge(self, retention_days: int, *, now: datetime | None = None, dry_run: bool = False):
        """Delete the accesses older than the retention; with dry_run, only count them."""
        if retention_days < 1:
            raise ValueError("the retention is at least one day")
        cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
        sql = "SELECT count(*) FROM access WHERE at < ?"
        (entries,) = self._select(sql, [self._stamp(cutoff)])[0]
        if not dry_run and entries:
            self._delete_before(cutoff)
        return PurgeReport(cutoff=cutoff, entries=entries, dry_run=dry_run)
