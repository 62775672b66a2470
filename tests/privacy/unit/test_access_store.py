"""The access journal's store: append-only, per municipality, purged by retention."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from imio.municipal.privacy.store import Access
from imio.municipal.privacy.store import AccessJournal

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


@pytest.fixture
def journal(tmp_path):
    found = AccessJournal(tmp_path / "journal.sqlite")
    yield found
    found.close()


def test_an_access_survives_reopening_the_file(tmp_path):
    path = tmp_path / "journal.sqlite"
    first = AccessJournal(path)
    first.append(access())
    first.close()
    again = AccessJournal(path)
    [found] = again.query("namur")
    assert found == access()
    assert again._connection().execute("PRAGMA journal_mode").fetchone()[0] == "wal"


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
    with pytest.raises(ValueError):
        journal.query("")


def test_newest_first_with_period_and_batches(journal):
    journal.append_many(access(at=NOW + timedelta(minutes=i), detail=str(i)) for i in range(5))
    assert [a.detail for a in journal.query("namur", limit=2, offset=1)] == ["3", "2"]
    found = journal.query(
        "namur", since=NOW + timedelta(minutes=1), until=NOW + timedelta(minutes=3)
    )
    assert [a.detail for a in found] == ["2", "1"]


def test_rows_cannot_be_changed(journal):
    journal.append(access())
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        journal._connection().execute("UPDATE access SET user_id = 'someone else'")
    assert journal.query("namur")[0].user_id == "namur-agent-urbanisme"


@pytest.mark.parametrize(
    "fields",
    [{"source": "telepathy"}, {"user_id": ""}, {"municipality": ""}, {"at": datetime(2026, 1, 1)}],
)
def test_incomplete_accesses_are_refused(fields):
    with pytest.raises(ValueError):
        access(**fields)


def test_purge_dry_run_counts_and_purge_deletes_only_the_old(journal):
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
    assert journal._connection().execute("SELECT count(*) FROM access_person").fetchone()[0] == 1
    assert journal.purge(365, now=NOW).entries == 0  # idempotent
    with pytest.raises(ValueError):
        journal.purge(0)


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
