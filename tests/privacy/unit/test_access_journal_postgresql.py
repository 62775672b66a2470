"""The access journal on a real PostgreSQL: one journal for a cluster's
processes, the grants of an append-only role, an unreachable or restarted
server."""

from datetime import datetime
from datetime import UTC
from imio.municipal.privacy.settings import open_journal
from imio.municipal.privacy.store import Access
from imio.municipal.privacy.store import JournalError
from imio.municipal.privacy.store_postgresql import PostgresqlAccessJournal
from zeo_cluster import free_port

import psycopg2
import pytest
import subprocess
import sys
import uuid


NISS = "85073003328"

WRITER = """
import sys
from imio.municipal.privacy.settings import open_journal
from imio.municipal.privacy.store import Access
journal = open_journal(sys.argv[1])
user = sys.argv[2]
for i in range(100):
    journal.append(Access(user, "namur", "a" * 32, "/plone/namur/d1", "Dossier", "view",
                          persons=("85073003328",), detail=str(i)))
"""


def access(user_id="namur-agent", **fields):
    values = dict(
        municipality="namur",
        uid="a" * 32,
        path="/plone/namur/d1",
        portal_type="Dossier",
        source="view",
        persons=(NISS,),
    )
    values.update(fields)
    return Access(user_id, **values)


def execute(dsn: str, sql: str):
    connection = psycopg2.connect(dsn)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


def test_two_processes_write_one_journal_the_dpo_reads_both(journal_dsn):
    # two Zope processes of a cluster: separate interpreters, the schema not
    # yet created (both may try at once), then 100 accesses each at once
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, journal_dsn, user])
        for user in ("agent-on-zope-a", "agent-on-zope-b")
    ]
    assert [writer.wait(120) for writer in writers] == [0, 0]
    journal = open_journal(journal_dsn)
    assert journal.count("namur") == 200
    for found in (
        journal.query("namur", uid="a" * 32),
        journal.query("namur", niss=NISS),
    ):
        assert {a.user_id for a in found} == {"agent-on-zope-a", "agent-on-zope-b"}
        assert len(found) == 200
    assert len(journal.query("namur", user_id="agent-on-zope-b")) == 100
    assert journal.query("gembloux", niss=NISS) == []
    journal.close()


def test_the_application_role_appends_and_reads_and_nothing_else(postgres_server, journal_dsn):
    # the tables are created by their owner (here the superuser), then the
    # grants of docs/privacy.md for the application and the purge job
    owner = open_journal(journal_dsn)
    owner.append(access(detail="before"))
    schema = journal_dsn.rsplit("%3D", 1)[1]
    app, purger = f"app_{uuid.uuid4().hex[:8]}", f"purge_{uuid.uuid4().hex[:8]}"
    execute(
        journal_dsn,
        f"CREATE ROLE {app} LOGIN; CREATE ROLE {purger} LOGIN;"
        f" GRANT USAGE ON SCHEMA {schema} TO {app}, {purger};"
        f" GRANT SELECT, INSERT ON {schema}.access, {schema}.access_person TO {app};"
        f" GRANT SELECT, DELETE ON {schema}.access, {schema}.access_person TO {purger};",
    )
    app_dsn = journal_dsn.replace("//plone@", f"//{app}@")
    journal = open_journal(app_dsn)
    journal.append(access(detail="by the application"))
    assert [a.detail for a in journal.query("namur", niss=NISS)] == ["by the application", "before"]
    for statement in ("UPDATE access SET detail = 'x'", "DELETE FROM access"):
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            execute(app_dsn, statement)
    with pytest.raises(JournalError, match="permission denied"):
        journal.purge(1, now=datetime(2100, 1, 1, tzinfo=UTC))
    assert journal.count("namur") == 2
    journal.close()
    purge = open_journal(journal_dsn.replace("//plone@", f"//{purger}@"))
    assert purge.purge(1, now=datetime(2100, 1, 1, tzinfo=UTC)).entries == 2
    assert owner.count("namur") == 0
    purge.close()
    owner.close()
    execute(journal_dsn, f"DROP OWNED BY {app}, {purger}; DROP ROLE {app}, {purger}")


def test_an_unreachable_server_fails_fast_and_hides_the_password():
    dsn = f"postgresql://municipal:secret@127.0.0.1:{free_port()}/journal"
    journal = PostgresqlAccessJournal(dsn, connect_timeout=2, retry_after=60)
    with pytest.raises(JournalError) as first:
        journal.append(access())
    assert "secret" not in str(first.value) and "municipal:***@" in str(first.value)
    # within the retry delay, no new attempt: the next page does not wait again
    with pytest.raises(JournalError, match="unreachable, next attempt"):
        journal.append(access())
    with pytest.raises(JournalError, match="unreachable, next attempt"):
        journal.query("namur")


def test_a_lost_session_is_reopened_without_losing_the_access(journal_dsn):
    journal = open_journal(journal_dsn)
    journal.append(access(detail="first"))
    # the server ends the journal's session (as a restart of PostgreSQL does)
    execute(
        journal_dsn,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE application_name = 'imio.municipal access journal'",
    )
    journal.append(access(detail="after the restart"))
    assert [a.detail for a in journal.query("namur")] == ["after the restart", "first"]
    journal.close()


def test_a_refused_statement_is_not_retried(journal_dsn):
    journal = open_journal(journal_dsn)
    journal.append(access())
    with pytest.raises(JournalError, match="LIMIT must not be negative"):
        journal.query("namur", limit=-1)
    # the connection stays usable
    assert journal.count("namur") == 1
    # a value PostgreSQL cannot hold is refused the same way, nothing written
    with pytest.raises(JournalError, match="NUL"):
        journal.append(access(detail="a\x00b"))
    assert journal.count("namur") == 1
    journal.close()
