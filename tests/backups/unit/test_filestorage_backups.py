"""Back up and restore a real FileStorage with blobs (repozo, no Plone)."""

from imio.municipal.backups import cli
from imio.municipal.backups import filestorage
from imio.municipal.backups import retention
from imio.municipal.backups.filestorage import BackupError
from pathlib import Path
from ZODB.blob import Blob
from ZODB.FileStorage import FileStorage

import datetime
import pytest
import time
import transaction
import ZODB


class Database:
    def __init__(self, folder: Path):
        self.data_fs = folder / "filestorage" / "Data.fs"
        self.blob_dir = folder / "blobstorage"
        self.data_fs.parent.mkdir(parents=True, exist_ok=True)

    def open(self):
        storage = FileStorage(str(self.data_fs), blob_dir=str(self.blob_dir))
        return ZODB.DB(storage)

    def write(self, **items: bytes) -> None:
        """Store each item as a blob under its name; None deletes it."""
        db = self.open()
        try:
            with db.transaction() as connection:
                root = connection.root()
                for name, data in items.items():
                    if data is None:
                        del root[name]
                        continue
                    blob = Blob()
                    with blob.open("w") as handle:
                        handle.write(data)
                    root[name] = blob
        finally:
            db.close()

    def read(self) -> dict:
        db = self.open()
        try:
            with db.transaction() as connection:
                return {name: blob.open("r").read() for name, blob in connection.root().items()}
        finally:
            db.close()


def backup(db: Database, target: Path, **options) -> dict:
    done = filestorage.backup(db.data_fs, db.blob_dir, target, **options)
    time.sleep(1.05)  # repozo names its files by the second
    return done


@pytest.fixture
def db(tmp_path):
    transaction.manager.explicit = False
    return Database(tmp_path / "live")


def test_restore_gives_back_the_database_and_blobs_of_the_backup(db, tmp_path):
    target = tmp_path / "backups"
    db.write(plan=b"plan v1", letter=b"letter")
    first = backup(db, target)
    db.write(plan=b"plan v2", minutes=b"new", letter=None)
    second = backup(db, target)
    assert (first["kind"], second["kind"]) == ("full", "incremental")
    assert second["linked"] >= 1  # the unchanged blob files are shared, not copied again
    db.write(plan=b"plan v3")

    restored = filestorage.restore(db.data_fs, db.blob_dir, target, at=first["stamp"])
    assert restored["stamp"] == first["stamp"] == restored["blob_snapshot"]
    assert db.read() == {"plan": b"plan v1", "letter": b"letter"}
    # what was live is kept aside, never deleted
    assert len(restored["kept_aside"]) == 2
    assert all(Path(path).exists() for path in restored["kept_aside"])

    filestorage.restore(db.data_fs, db.blob_dir, target)  # the newest
    assert db.read() == {"plan": b"plan v2", "minutes": b"new"}


def test_two_restores_in_the_same_second_keep_both_live_copies(db, tmp_path, monkeypatch):
    class FrozenClock(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime(2026, 12, 7, 10, 30, 19, tzinfo=tz)

    monkeypatch.setattr(filestorage.datetime, "datetime", FrozenClock)
    db.write(plan=b"v1")
    backup(db, tmp_path / "b")
    db.write(plan=b"live before the first restore")
    first = filestorage.restore(db.data_fs, db.blob_dir, tmp_path / "b")
    db.write(plan=b"live before the second restore")
    second = filestorage.restore(db.data_fs, db.blob_dir, tmp_path / "b")
    assert set(first["kept_aside"]).isdisjoint(second["kept_aside"])
    assert all(Path(path).exists() for path in first["kept_aside"] + second["kept_aside"])
    assert db.read() == {"plan": b"v1"}


def test_a_backup_without_changes_writes_nothing(db, tmp_path):
    db.write(plan=b"v1")
    first = backup(db, tmp_path / "b")
    again = backup(db, tmp_path / "b")
    assert again == {"stamp": first["stamp"], "changed": False}


def test_restore_is_refused_while_the_database_is_open(db, tmp_path):
    db.write(plan=b"v1")
    backup(db, tmp_path / "b")
    opened = db.open()
    try:
        with pytest.raises(BackupError, match="stop it first"):
            filestorage.restore(db.data_fs, db.blob_dir, tmp_path / "b")
    finally:
        opened.close()
    assert db.read() == {"plan": b"v1"}


def test_restore_without_backup_or_before_the_first_is_refused(db, tmp_path):
    db.write(plan=b"v1")
    with pytest.raises(BackupError, match="No backup"):
        filestorage.restore(db.data_fs, db.blob_dir, tmp_path / "none")
    backup(db, tmp_path / "b")
    with pytest.raises(BackupError, match="up to 2000-01-01"):
        filestorage.restore(db.data_fs, db.blob_dir, tmp_path / "b", at="2000-01-01")
    assert db.read() == {"plan": b"v1"}


def test_retention_keeps_the_newest_full_backups_with_their_increments(db, tmp_path):
    target = tmp_path / "b"
    stamps = []
    for round_ in range(3):
        db.write(plan=f"v{round_}".encode())
        stamps.append(backup(db, target, full=True)["stamp"])
        db.write(extra=f"e{round_}".encode())
        backup(db, target)
    deleted = retention.prune_filestorage(target, keep=2)
    assert f"{stamps[0]}.fs" in deleted and f"blobs/{stamps[0]}" in deleted
    assert filestorage.full_stamps(target / "filestorage") == stamps[1:]
    assert min(filestorage.snapshots(target / "blobs")) == stamps[1]
    filestorage.restore(db.data_fs, db.blob_dir, target, at=stamps[1])
    assert db.read() == {"plan": b"v1", "extra": b"e0"}


def test_the_command_line_answers_1_with_the_reason(db, tmp_path, capsys):
    code = cli.main(["restore", "--target", str(tmp_path / "none"), "--data-fs",
                     str(db.data_fs), "--blob-dir", str(db.blob_dir)])  # fmt: skip
    assert code == 1
    assert "No backup" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        cli.main(["restore", "--at", "yesterday"])
    assert usage.value.code == 2


def test_an_interrupted_blob_snapshot_is_never_restored(db, tmp_path):
    target = tmp_path / "b"
    db.write(plan=b"v1")
    first = backup(db, target)
    (target / "blobs" / "2099-01-01-00-00-00.partial").mkdir()
    assert filestorage.snapshots(target / "blobs") == [first["stamp"]]
