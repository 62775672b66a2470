"""The access journal in a PostgreSQL database shared by a cluster (Plone-free).

Several Zope processes, on one host or many, append to one table: the DPO
sees every access, whichever process served it. Configured by a libpq URI
(``postgresql://user@host:port/dbname``). The tables are created when
missing by whoever may create them (the owner role); an application role
holding only INSERT and SELECT finds them and never runs DDL. A trigger
refuses every UPDATE, so even a role granted too much cannot rewrite history.

A journal that cannot be reached must not slow every page down: connecting
waits at most ``connect_timeout`` seconds, a statement at most
``statement_timeout_ms``, and after a failed connection the next
``retry_after`` seconds fail at once (JournalError) instead of waiting again.
"""

from collections.abc import Iterable
from datetime import datetime
from datetime import UTC
from imio.municipal.privacy.store import Access
from imio.municipal.privacy.store import AccessJournal
from imio.municipal.privacy.store import JournalError
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

import psycopg2
import threading
import time


URI_SCHEMES = ("postgresql://", "postgres://")

# Relations the DDL creates: when all exist, nothing is (re)created.
_RELATIONS = (
    "access",
    "access_person",
    "access_municipality_id",
    "access_municipality_at",
    "access_at",
    "access_uid",
    "access_user",
    "access_person_niss",
    "access_person_access",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS access (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    user_id text NOT NULL,
    municipality text NOT NULL,
    uid text NOT NULL,
    path text NOT NULL,
    portal_type text NOT NULL,
    source text NOT NULL,
    detail text NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS access_person (
    access_id bigint NOT NULL REFERENCES access (id) ON DELETE CASCADE,
    niss text NOT NULL
);
CREATE INDEX IF NOT EXISTS access_municipality_id ON access (municipality, id);
CREATE INDEX IF NOT EXISTS access_municipality_at ON access (municipality, at);
CREATE INDEX IF NOT EXISTS access_at ON access (at);
CREATE INDEX IF NOT EXISTS access_uid ON access (uid);
CREATE INDEX IF NOT EXISTS access_user ON access (municipality, user_id);
CREATE INDEX IF NOT EXISTS access_person_niss ON access_person (niss);
CREATE INDEX IF NOT EXISTS access_person_access ON access_person (access_id);
CREATE OR REPLACE FUNCTION access_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'the access journal is append-only'; END $$;
CREATE OR REPLACE TRIGGER access_append_only BEFORE UPDATE ON access
    FOR EACH ROW EXECUTE FUNCTION access_append_only();
CREATE OR REPLACE TRIGGER access_person_append_only BEFORE UPDATE ON access_person
    FOR EACH ROW EXECUTE FUNCTION access_append_only();
"""


def is_uri(location: str) -> bool:
    return location.startswith(URI_SCHEMES)


def without_password(dsn: str) -> str:
    """The URI as it may be logged: the password replaced by ***."""
    parts = urlsplit(dsn)
    if parts.password is None:
        return dsn
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


# The access and its persons in one statement (a data-modifying CTE runs
# whole even when no person follows): all or nothing, one round trip.
_APPEND = (
    "WITH added AS (INSERT INTO access (at, user_id, municipality, uid, path, portal_type,"
    " source, detail) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id)"
    " INSERT INTO access_person (access_id, niss)"
    " SELECT added.id, niss FROM added, unnest(%s::text[]) AS niss"
)


def _values(access: Access) -> tuple:
    return (
        access.at,
        access.user_id,
        access.municipality,
        access.uid,
        access.path,
        access.portal_type,
        access.source,
        access.detail,
        sorted(set(access.persons)),
    )


class PostgresqlAccessJournal(AccessJournal):
    """Append and query accesses in PostgreSQL; one connection per thread."""

    def __init__(
        self,
        dsn: str,
        *,
        connect_timeout: int = 3,
        statement_timeout_ms: int = 5000,
        retry_after: float = 10.0,
    ) -> None:
        if not is_uri(dsn):
            raise ValueError("a PostgreSQL journal is a postgresql:// URI")
        self.dsn = dsn
        self.location = without_password(dsn)
        self.connect_timeout = connect_timeout
        self.statement_timeout_ms = statement_timeout_ms
        self.retry_after = retry_after
        self._local = threading.local()
        self._schema_ready = False
        self._down_until = 0.0  # time.monotonic() before which we do not retry

    def _connect(self):
        if time.monotonic() < self._down_until:
            raise JournalError(f"{self.location}: unreachable, next attempt in a few seconds")
        try:
            connection = psycopg2.connect(
                self.dsn,
                connect_timeout=self.connect_timeout,
                application_name="imio.municipal access journal",
            )
        except psycopg2.Error as error:
            self._down_until = time.monotonic() + self.retry_after
            raise JournalError(f"{self.location}: {error}".strip()) from error
        # reads outside any transaction; writes open one (``with connection``)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                # (SET, not the URI's options, which may already hold a search_path)
                cursor.execute(
                    "SET statement_timeout = %s; SET TIME ZONE 'UTC'",
                    (int(self.statement_timeout_ms),),
                )
            if not self._schema_ready:
                self._ensure_schema(connection)
        except psycopg2.Error as error:
            connection.close()
            raise JournalError(f"{self.location}: {error}".strip()) from error
        return connection

    def _ensure_schema(self, connection) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(to_regclass(name)) FROM unnest(%s) AS name", (list(_RELATIONS),)
            )
            if cursor.fetchone()[0] < len(_RELATIONS):
                with connection:
                    # two processes starting at once must not race on CREATE
                    cursor.execute("SELECT pg_advisory_xact_lock(hashtext('imio.municipal'))")
                    cursor.execute(_SCHEMA)
        self._schema_ready = True

    def _connection(self):
        connection = getattr(self._local, "connection", None)
        if connection is None or connection.closed:
            connection = self._local.connection = self._connect()
        return connection

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def _run(self, work):
        """``work(connection, cursor)`` on this thread's connection.

        A connection that broke while idle (server restarted, network cut,
        session terminated) is dropped and the work tried once more on a new
        one: a restart of PostgreSQL must not lose one access per Zope
        thread. Other driver errors are JournalError at once.
        """
        for attempt in (1, 2):
            reused = getattr(self._local, "connection", None) is not None
            connection = self._connection()
            try:
                with connection.cursor() as cursor:
                    return work(connection, cursor)
            except ValueError as error:  # a value psycopg2 cannot send (a NUL character)
                raise JournalError(f"{self.location}: {error}") from error
            except psycopg2.Error as error:
                # psycopg2 marks a connection whose server went away as closed;
                # a statement timeout or a refusal leaves it open and usable
                broken = bool(connection.closed)
                if broken:
                    self.close()
                if not (broken and reused and attempt == 1):
                    raise JournalError(f"{self.location}: {error}".strip()) from error

    def append_many(self, accesses: Iterable[Access]) -> None:
        accesses = list(accesses)

        def insert(connection, cursor):
            if len(accesses) == 1:
                # one statement on an autocommit connection is its own
                # transaction: one round trip on the request's thread, where
                # BEGIN, the inserts and COMMIT took four
                cursor.execute(_APPEND, _values(accesses[0]))
                return
            with connection:  # one transaction: all the accesses or none
                for access in accesses:
                    cursor.execute(_APPEND, _values(access))

        self._run(insert)

    def _select(self, sql: str, params: list) -> list[tuple]:
        def select(connection, cursor):
            cursor.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall()

        return self._run(select)

    def _delete_before(self, cutoff: datetime) -> None:
        def delete(connection, cursor):
            with connection:
                # the persons go with their access (ON DELETE CASCADE)
                cursor.execute("DELETE FROM access WHERE at < %s", (cutoff,))

        self._run(delete)

    def _stamp(self, moment: datetime) -> datetime:
        return moment.astimezone(UTC)

    def _moment(self, stored: datetime) -> datetime:
        return stored.astimezone(UTC)
