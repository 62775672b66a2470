"""The access journal in one SQLite file per host (Plone-free).

WAL mode: readers never block the writer; one writer at a time, serialised by
SQLite's own lock, which is enough for the Zope threads and processes of one
host. Processes on several hosts need ``store_postgresql``: a file per host
would split the journal. A trigger refuses every UPDATE.
"""

from collections.abc import Iterable
from datetime import datetime
from datetime import UTC
from imio.municipal.privacy.store import Access
from imio.municipal.privacy.store import AccessJournal
from imio.municipal.privacy.store import JournalError

import sqlite3
import threading


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
CREATE TRIGGER IF NOT EXISTS access_person_append_only BEFORE UPDATE ON access_person
BEGIN SELECT RAISE(ABORT, 'the access journal is append-only'); END;
"""


class SqliteAccessJournal(AccessJournal):
    """Append and query accesses in one SQLite file.

    >>> import tempfile, os
    >>> journal = SqliteAccessJournal(os.path.join(tempfile.mkdtemp(), "j.sqlite"))
    >>> journal.append(Access("ana", "namur", "u1", "/plone/namur/d1", "Dossier", "view"))
    >>> [a.user_id for a in journal.query("namur", uid="u1")]
    ['ana']
    """

    def __init__(self, path: str) -> None:
        self.path = self.location = str(path)
        self._local = threading.local()
        try:
            with self._connection() as connection:
                connection.executescript(_SCHEMA)
        except sqlite3.Error as error:
            raise JournalError(f"{self.path}: {error}") from error

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

    def append_many(self, accesses: Iterable[Access]) -> None:
        try:
            connection = self._connection()
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                for access in accesses:
                    cursor = connection.execute(
                        "INSERT INTO access (at, user_id, municipality, uid, path, portal_type,"
                        " source, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            self._stamp(access.at),
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
        except sqlite3.Error as error:
            raise JournalError(f"{self.path}: {error}") from error

    def _select(self, sql: str, params: list) -> list[tuple]:
        try:
            return self._connection().execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise JournalError(f"{self.path}: {error}") from error

    def _delete_before(self, cutoff: datetime) -> None:
        try:
            connection = self._connection()
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("DELETE FROM access WHERE at < ?", (self._stamp(cutoff),))
        except sqlite3.Error as error:
            raise JournalError(f"{self.path}: {error}") from error

    def _stamp(self, moment: datetime) -> str:
        # ISO text in UTC with microseconds: sorts as time does.
        return moment.astimezone(UTC).isoformat(timespec="microseconds")

    def _moment(self, stored: str) -> datetime:
        return datetime.fromisoformat(stored)
