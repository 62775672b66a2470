"""The access journal's store, SQLite and PostgreSQL alike: append-only, per
municipality, purged by retention (the same tests on both backends)."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from imio.municipal.privacy.settings import open_journal
from imio.municipal.privacy.store import Access
from imio.municipal.privacy.store import JournalError
from imio.municipal.privacy.store_sqlite import SqliteAccessJournal
from zoneinfo import ZoneInfo

import pytest
import sqlite3
import threading


NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def access(**fields):
    values = dict(
        user_id="namur-agent-urbanisme",
        municipality="namur",
        uid="a" * 32,
        path="/plone/namur/dossiers/d1",
        portal_type="Dossier",
        source="view",
        persons=("85073003328",),
        at=NOW,
    )
    values.update(fields)
    return Access(**values)


def raw(location: str, sql: str):
    """One statement on the backend's database, bypassing the journal."""
    if location.startswith("postgresql://"):
        import psycopg2

        connection = psycopg2.connect(location)
        try:
            with connection, connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall() if cursor.description else None
        finally:
            connection.close()
    connection = sqlite3.connect(location)
    try:
        with connection:
            return connection.execute(sql).fetchall()
    finally:
        connection.close()


def driver_errors():
    try:
        import psycopg2
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, psycopg2.Error)


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "journal.sqlite")
    return request.getfixturevalue("journal_dsn")


@pytest.fixture
def journal(location):
    found = open_journal(location)
    yield found
    found.close()


def test_the_location_chooses_the_backend(location, journal):
    expected = "Postgresql" if location.startswith("postgresql://") else "Sqlite"
    assert type(journal).__name__ == f"{expected}AccessJournal"


def test_an_access_survives_reopening_the_journal(location):
    first = open_journal(location)
    first.append(access())
    first.close()
    again = open_journal(location)
    [found] = again.query("namur")
    assert found == access()
    assert found.at.utcoffset() == timedelta(0)
    again.close()


def test_the_sqlite_file_is_in_wal_mode(tmp_path):
    journal = SqliteAccessJournal(tmp_path / "journal.sqlite")
    journal.append(access())
    assert journal._connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    journal.close()


def test_queries_by_item_user_and_person_stay_in_their_municipality(journal):
    journal.append_many(
        [
            access(),
            access(user_id="namur-secretaire", uid="b" * 32, persons=()),
            access(municipality="gembloux", user_id="gembloux-secretaire"),
        ]
    )
    assert [a.user_id for a in journal.query("namur", uid="a" * 32)] == ["namur-agent-urbanisme"]
    assert [a.uid for a in journal.query("namur", user_id="namur-secretaire")] == ["b" * 32]
    assert [a.municipality for a in journal.query("namur", niss="85073003328")] == ["namur"]
    assert [a.municipality for a in journal.query("gembloux", niss="85073003328")] == ["gembloux"]
    assert journal.query("liege") == []
    assert journal.count("namur") == 2
    with pytest.raises(ValueError):
        journal.query("")


def test_persons_are_kept_once_each(journal):
    journal.append(access(persons=("85073003328", "90010100123", "85073003328")))
    assert journal.query("namur")[0].persons == ("85073003328", "90010100123")


def test_newest_first_with_period_and_batches(journal):
    journal.append_many(access(at=NOW + timedelta(minutes=i), detail=str(i)) for i in range(5))
    assert [a.detail for a in journal.query("namur", limit=2, offset=1)] == ["3", "2"]
    found = journal.query(
        "namur", since=NOW + timedelta(minutes=1), until=NOW + timedelta(minutes=3)
    )
    assert [a.detail for a in found] == ["2", "1"]
    # a period given in Belgian time selects the same instants
    since = (NOW + timedelta(minutes=3)).astimezone(ZoneInfo("Europe/Brussels"))
    assert [a.detail for a in journal.query("namur", since=since)] == ["4", "3"]


def test_rows_cannot_be_changed(location, journal):
    journal.append(access())
    with pytest.raises(driver_errors(), match="append-only"):
        raw(location, "UPDATE access SET user_id = 'someone else'")
    with pytest.raises(driver_errors(), match="append-only"):
        raw(location, "UPDATE access_person SET niss = '00000000000'")
    found = journal.query("namur")[0]
    assert (found.user_id, found.persons) == ("namur-agent-urbanisme", ("85073003328",))


@pytest.mark.parametrize(
    "fields",
    [{"source": "telepathy"}, {"user_id": ""}, {"municipality": ""}, {"at": datetime(2026, 1, 1)}],
)
def test_incomplete_accesses_are_refused(fields):
    with pytest.raises(ValueError):
        access(**fields)


def test_purge_dry_run_counts_and_purge_deletes_only_the_old(location, journal):
    journal.append_many(
        [access(at=NOW - timedelta(days=400), detail="old"), access(at=NOW, detail="new")]
    )
    dry = journal.purge(365, now=NOW, dry_run=True)
    assert (dry.entries, dry.dry_run) == (1, True)
    assert len(journal.query("namur")) == 2
    done = journal.purge(365, now=NOW)
    assert done.entries == 1
    assert [a.detail for a in journal.query("namur")] == ["new"]
    # the persons of the purged access went with it
    assert raw(location, "SELECT count(*) FROM access_person") == [(1,)]
    assert journal.purge(365, now=NOW).entries == 0  # idempotent
    with pytest.raises(ValueError):
        journal.purge(0)


# a trigger that refuses one row, as a full disk or a lost connection would
REFUSE_ONE = {
    "sqlite": "CREATE TRIGGER refuse BEFORE INSERT ON access WHEN NEW.detail = 'refused'"
    " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
    "postgresql": "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    " IF NEW.detail = 'refused' THEN RAISE EXCEPTION 'refused by the test'; END IF;"
    " RETURN NEW; END $$; CREATE TRIGGER refuse BEFORE INSERT ON access"
    " FOR EACH ROW EXECUTE FUNCTION refuse()",
}


def test_an_append_is_all_or_nothing_and_fails_as_journal_error(location, journal):
    journal.append(access(detail="before"))
    raw(location, REFUSE_ONE["postgresql" if location.startswith("postgresql") else "sqlite"])
    with pytest.raises(JournalError, match="refused by the test"):
        journal.append_many([access(detail="first"), access(detail="refused")])
    assert [a.detail for a in journal.query("namur")] == ["before"]
    assert raw(location, "SELECT count(*) FROM access_person") == [(1,)]
    journal.append(access(detail="after"))  # the journal is still usable
    assert journal.count("namur") == 2


def test_threads_append_concurrently_without_losing_rows(journal):
    def write(n):
        for i in range(50):
            journal.append(access(detail=f"{n}-{i}"))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert journal.count("namur") == 200
    assert len({a.detail for a in journal.query("namur")}) == 200
