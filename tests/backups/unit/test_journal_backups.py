"""The SQLite access journal goes into the FileStorage backups and comes back
with them (real FileStorage, real SQLite, repozo; no Plone)."""

from imio.municipal.backups import cli
from imio.municipal.backups import journal
from imio.municipal.backups import retention
from imio.municipal.privacy.store import Access
from imio.municipal.privacy.store_sqlite import SqliteAccessJournal
from test_filestorage_backups import Database

import json
import pytest
import sqlite3
import threading
import time
import transaction


def access(user_id: str) -> Access:
    return Access(user_id, "namur", "u1", "/plone/namur/d1", "Dossier", "view")


@pytest.fixture
def live(tmp_path):
    """A `make run` layout: var/filestorage/Data.fs, var/access-journal.sqlite."""
    transaction.manager.explicit = False
    db = Database(tmp_path / "var")
    store = SqliteAccessJournal(str(tmp_path / "var" / "access-journal.sqlite"))
    yield db, store
    store.close()


def run(capsys, tmp_path, db, *args) -> dict:
    """``municipal-backup`` as ``make backup``/``make restore`` call it."""
    options = ["--target", str(tmp_path / "backups"), "--data-fs", str(db.data_fs)]
    assert cli.main([*args, *options, "--blob-dir", str(db.blob_dir)]) == 0
    done = json.loads(capsys.readouterr().out)
    time.sleep(1.05)  # backups are named by the second
    return done


def users(store) -> list[str]:
    return sorted(entry.user_id for entry in store.query("namur"))


def test_the_journal_comes_back_with_its_backup(live, tmp_path, capsys):
    db, store = live
    db.write(plan=b"v1")
    store.append(access("before"))
    done = run(capsys, tmp_path, db, "backup")
    assert done["journal"] == f"{done['stamp']}.sqlite"
    assert done["journal_rows"] == 1

    db.write(plan=b"v2")
    store.append(access("after"))
    assert users(store) == ["after", "before"]
    store.close()  # the server is stopped before a restore

    restored = run(capsys, tmp_path, db, "restore")
    assert restored["journal"] == done["journal"]
    assert db.read() == {"plan": b"v1"}
    assert users(store) == ["before"]  # the later access is gone with the later data
    # the live journal is kept beside, never deleted
    [kept_file] = [
        path for path in restored["journal_kept_aside"] if ".sqlite.before-restore-" in path
    ]
    kept = sqlite3.connect(kept_file)
    assert kept.execute("SELECT count(*) FROM access").fetchone()[0] == 2
    kept.close()


def test_reads_alone_are_saved_and_a_restore_takes_the_journal_of_its_backup(
    live, tmp_path, capsys
):
    db, store = live
    db.write(plan=b"v1")
    store.append(access("first"))
    first = run(capsys, tmp_path, db, "backup")
    store.append(access("read-only"))  # a consultation: no ZODB change
    again = run(capsys, tmp_path, db, "backup")
    assert again["changed"] is False and again["journal_rows"] == 2
    db.write(plan=b"v2")
    store.append(access("third"))
    third = run(capsys, tmp_path, db, "backup")
    store.close()

    run(capsys, tmp_path, db, "restore", "--at", first["stamp"])
    assert (db.read(), users(store)) == ({"plan": b"v1"}, ["first"])
    store.close()
    # up to the read-only run: the same database, the reads it saved
    run(
        capsys,
        tmp_path,
        db,
        "restore",
        "--at",
        journal.snapshots(tmp_path / "backups", ".sqlite")[1],
    )
    assert (db.read(), users(store)) == ({"plan": b"v1"}, ["first", "read-only"])
    store.close()
    restored = run(capsys, tmp_path, db, "restore")
    assert restored["journal"] == f"{third['stamp']}.sqlite"
    assert users(store) == ["first", "read-only", "third"]


def test_the_copy_is_consistent_while_the_server_writes(live, tmp_path, capsys):
    db, store = live
    db.write(plan=b"v1")
    for number in range(2000):
        store.append(access(f"u{number}"))
    stop = threading.Event()

    def writer():
        writing = SqliteAccessJournal(store.path)
        while not stop.is_set():
            writing.append_many([access("w1"), access("w2")])  # one transaction
        writing.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        done = run(capsys, tmp_path, db, "backup")
    finally:
        stop.set()
        thread.join()
    copy = sqlite3.connect(tmp_path / "backups" / "journal" / done["journal"])
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
        counts = dict(copy.execute("SELECT user_id, count(*) FROM access GROUP BY user_id"))
    finally:
        copy.close()
    assert sum(1 for user in counts if user.startswith("u")) == 2000
    assert counts.get("w1", 0) == counts.get("w2", 0)  # never half a transaction


def test_an_instance_without_journal_backs_up_and_restores_without_one(tmp_path, capsys):
    transaction.manager.explicit = False
    db = Database(tmp_path / "var")
    db.write(plan=b"v1")
    done = run(capsys, tmp_path, db, "backup")
    assert done["journal"] is None
    restored = run(capsys, tmp_path, db, "restore")
    assert restored["journal"] is None
    assert not (tmp_path / "var" / "access-journal.sqlite").exists()


def test_retention_drops_the_journal_snapshots_of_the_dropped_backups(live, tmp_path, capsys):
    db, store = live
    fulls = []
    for round_ in range(3):
        db.write(plan=f"v{round_}".encode())
        store.append(access(f"r{round_}"))
        fulls.append(run(capsys, tmp_path, db, "backup", "--full", "--keep", "2")["stamp"])
    assert journal.snapshots(tmp_path / "backups", ".sqlite") == fulls[1:]
    deleted = retention.prune_filestorage(tmp_path / "backups", keep=1)
    assert f"journal/{fulls[1]}.sqlite" in deleted
    assert journal.snapshots(tmp_path / "backups", ".sqlite") == fulls[2:]


def test_an_unreadable_journal_refuses_the_backup_with_its_reason(live, tmp_path, capsys):
    db, store = live
    db.write(plan=b"v1")
    store.close()
    (tmp_path / "var" / "access-journal.sqlite").write_bytes(b"not a database" * 100)
    code = cli.main(["backup", "--target", str(tmp_path / "backups"), "--data-fs",
                     str(db.data_fs), "--blob-dir", str(db.blob_dir)])  # fmt: skip
    assert code == 1
    assert "access journal" in capsys.readouterr().err
    assert journal.snapshots(tmp_path / "backups", ".sqlite") == []


def test_the_cluster_keeps_the_journal_dumps_of_the_dumps_it_keeps(tmp_path):
    relstorage, kept_journal = tmp_path / "relstorage", tmp_path / "journal"
    relstorage.mkdir()
    (kept_journal / journal.ASIDE).mkdir(parents=True)
    days = [f"2026-12-0{day}-01-15-00" for day in range(1, 5)]
    for stamp in days:
        (relstorage / f"{stamp}.dump").write_bytes(b"content")
        (kept_journal / f"{stamp}.dump").write_bytes(b"journal")
    replaced = kept_journal / journal.ASIDE / "2026-12-02-09-00-00.dump"
    replaced.write_bytes(b"the journal a restore replaced")
    deleted = retention.prune_dumps(relstorage, keep=2)
    assert deleted == [f"{days[0]}.dump", f"{days[1]}.dump"] + [
        f"journal/{days[0]}.dump",
        f"journal/{days[1]}.dump",
    ]
    assert journal.snapshots(tmp_path, ".dump") == days[2:]
    assert replaced.exists()  # what a restore replaced is never pruned
