"""Each privacy test writes its own access journal; a private PostgreSQL
server for the tests of the PostgreSQL journal."""

from imio.municipal.privacy import settings
from pathlib import Path

import os
import pytest
import sys
import time
import uuid


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exchange" / "reliability"))

from postgres_server import postgres_binaries  # noqa: E402
from postgres_server import PostgresServer  # noqa: E402


@pytest.fixture(autouse=True)
def access_journal(monkeypatch, tmp_path):
    path = str(tmp_path / "access-journal.sqlite")
    monkeypatch.setenv("IMIO_MUNICIPAL_ACCESS_JOURNAL", path)
    yield settings.journal()


def missing(reason: str):
    """On CI (CI=true) what these tests need must be there: fail; else skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI installs it: .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server of the tests' own (started once per session)."""
    bin_dir = postgres_binaries()
    if bin_dir is None:
        missing("PostgreSQL is not installed (apt-get install postgresql)")
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        missing("psycopg2 is not installed: make install")
    server = PostgresServer(bin_dir).start()
    try:
        yield server
    finally:
        server.stop()


def admin(server, sql: str, dbname: str = "postgres") -> None:
    """One statement as the server's superuser, retried while it starts up."""
    import psycopg2

    deadline = time.monotonic() + 30
    while True:
        try:
            connection = psycopg2.connect(server.dsn(dbname), connect_timeout=5)
            break
        except psycopg2.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


@pytest.fixture(scope="session")
def journal_database(postgres_server):
    """The tests' journal database (each test has its own schema in it)."""
    admin(postgres_server, "CREATE DATABASE journal")
    return postgres_server.dsn("journal")


@pytest.fixture
def journal_dsn(postgres_server, journal_database):
    """A new, empty schema for one test: the URI that selects it (as an
    operator would put a journal in its own schema)."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin(postgres_server, f"CREATE SCHEMA {name}", dbname="journal")
    yield f"{journal_database}?options=-csearch_path%3D{name}"
    admin(postgres_server, f"DROP SCHEMA {name} CASCADE", dbname="journal")
