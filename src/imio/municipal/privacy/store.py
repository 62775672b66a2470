"""The access journal's store: an append-only SQLite file, outside the ZODB (Plone-free).

Reading a case file must not become a database write that conflicts with other
readers, so every access is one row appended to a SQLite table in WAL mode
(readers never block the writer; one writer at a time, serialised by SQLite's
own lock, which is enough for the Zope threads and processes of one host).
Rows are never updated (a trigger refuses it); they are deleted only by the
retention purge, which removes whole days older than the retention.
"""

from collections.abc import Iterable
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta
from datetime import UTC

import sqlite3
import threading


SOURCES = ("view", "rest", "download", "document", "export", "search")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS access (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id TEXT NOT NULL,
    municipality TEXT NOT NULL,
    uid TEXT NOT NULL,
    path TEXT NOT NULL,
    portal_type TEXT NOT NULL,
    source TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS access_person (
    access_id INTEGER NOT NULL REFERENCES access(id) ON DELETE CASCADE,
    niss TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_municipality_at ON access (municipality, at);
CREATE INDEX IF NOT EXISTS access_uid ON access (uid);
CREATE INDEX IF NOT EXISTS access_user ON access (municipality, user_id);
CREATE INDEX IF NOT EXISTS access_person_niss ON access_person (niss);
CREATE INDEX IF NOT EXISTS access_person_access ON access_person (access_id);
CREATE TRIGGER IF NOT EXISTS access_append_only BEFORE UPDATE ON access
BEGIN SELECT RAISE(ABORT, 'the access journal is append-only'); END;
"""


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


class AccessJournal:
    """Append and query accesses in one SQLite file.

    >>> import tempfile, os
    >>> journal = AccessJournal(os.path.join(tempfile.mkdtemp(), "j.sqlite"))
    >>> journal.append(Access("ana", "namur", "u1", "/plone/namur/d1", "Dossier", "view"))
    >>> [a.user_id for a in journal.query("namur", uid="u1")]
    ['ana']
    """

    def __init__(self, path: str) -> None:
        self.path = str(path)
        self._local = threading.local()
        with self._connection() as connection:
            connection.executescript(_SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        # One connection per thread: sqlite3 connections are not shared.
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a power cut may lose the last commits, never corrupt.
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            self._local.connection = connection
        return connection

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def append(self, access: Access) -> None:
        self.append_many([access])

    def append_many(self, accesses: Iterable[Access]) -> None:
        connection = self._connection()
        with connection:
            connection.execute("BEGIN IMMEDIATE")
            for access in accesses:
                cursor = connection.execute(
                    "INSERT INTO access (at, user_id, municipality, uid, path, portal_type,"
                    " source, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        access.at.astimezone(UTC).isoformat(timespec="microseconds"),
                        access.user_id,
                        access.municipality,
                        access.uid,
                        access.path,
                        access.portal_type,
                        access.source,
                        access.detail,
                    ),
                )
                connection.executemany(
                    "INSERT INTO access_person (access_id, niss) VALUES (?, ?)",
                    [(cursor.lastrowid, niss) for niss in sorted(set(access.persons))],
                )

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
            params.append(since.astimezone(UTC).isoformat(timespec="microseconds"))
        if until:
            where.append("a.at < ?")
            params.append(until.astimezone(UTC).isoformat(timespec="microseconds"))
        # Only fixed clauses are joined; every value is a bound parameter.
        columns = "a.id, a.at, a.user_id, a.municipality, a.uid, a.path, a.portal_type, a.source"
        conditions = " AND ".join(where)
        sql = f"SELECT {columns}, a.detail FROM access a WHERE {conditions} ORDER BY a.id DESC"  # noqa: S608
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        rows = self._connection().execute(sql, params).fetchall()
        persons = self._persons([row[0] for row in rows])
        return [
            Access(
                at=datetime.fromisoformat(row[1]),
                user_id=row[2],
                municipality=row[3],
                uid=row[4],
                path=row[5],
                portal_type=row[6],
                source=row[7],
                detail=row[8],
                persons=tuple(persons.get(row[0], ())),
            )
            for row in rows
        ]

    def count(self, municipality: str) -> int:
        sql = "SELECT count(*) FROM access WHERE municipality = ?"
        return self._connection().execute(sql, (municipality,)).fetchone()[0]

    def _persons(self, ids: list[int]) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT access_id, niss FROM access_person WHERE access_id IN ({marks})"  # noqa: S608
            for access_id, niss in self._connection().execute(sql, chunk):
                found.setdefault(access_id, []).append(niss)
        return found

    def purge(self, retention_days: int, *, now: datetime | None = None, dry_run: bool = False):
        """Delete the accesses older than the retention; with dry_run, only count them."""
        if retention_days < 1:
            raise ValueError("the retention is at least one day")
        cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
        connection = self._connection()
        stamp = cutoff.astimezone(UTC).isoformat(timespec="microseconds")
        (entries,) = connection.execute(
            "SELECT count(*) FROM access WHERE at < ?", (stamp,)
        ).fetchone()
        if not dry_run and entries:
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("DELETE FROM access WHERE at < ?", (stamp,))
        return PurgeReport(cutoff=cutoff, entries=entries, dry_run=dry_run)
