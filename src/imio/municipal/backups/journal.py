"""The access journal in the backups: its SQLite file or its PostgreSQL database.

The journal lives outside the ZODB (reads must not become ZODB writes), so
repozo and the RelStorage dump do not hold it. Each backup run saves it
beside them, under the stamp of the run:

- SQLite (``make run``): SQLite's online backup API copies a consistent
  snapshot while the server keeps appending (WAL mode: the copy reads one
  state of the file, the writers go on). The copy is turned into a single
  self-contained file (rollback journal, no ``-wal``), checked, and only then
  named ``journal/<stamp>.sqlite``.
- PostgreSQL (``make run-cluster``): ``pg_dump`` of the journal's own
  database into ``journal/<stamp>.dump``, put back by ``pg_restore``.

A restore never destroys the journal it replaces (who read what stays
provable): the SQLite file is renamed beside, the PostgreSQL database dumped
into ``journal/before-restore/`` first.

A run whose ZODB did not change still saves the journal (reads are what it
records) under the run's own stamp. A restore to a backup takes the newest
journal snapshot of that backup: not older than the database's stamp, not
after the time asked. The journal is copied a few seconds after the database:
it may hold the reads of those seconds, never an access that the restored
database cannot explain.
"""

from imio.municipal.backups import postgres
from imio.municipal.backups import stamps
from imio.municipal.backups.filestorage import BackupError
from pathlib import Path

import datetime
import shutil
import sqlite3


FOLDER = "journal"
#: Where the PostgreSQL journal replaced by a restore is kept (its dump).
ASIDE = "before-restore"
#: The files SQLite keeps beside a database in WAL mode: moved with it.
SIDE_FILES = ("-wal", "-shm", "-journal")


def now_stamp() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d-%H-%M-%S")


def snapshots(target: Path, suffix: str) -> list[str]:
    folder = target / FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        stamps.stamp_of(path.name)
        for path in folder.glob(f"*{suffix}")
        # "<stamp>.sqlite": a partial copy is "<stamp>.sqlite.partial"
        if path.name == f"{stamps.stamp_of(path.name)}{suffix}"
    )


def of_backup(target: Path, suffix: str, stamp: str, at: str | None) -> str | None:
    """The journal snapshot that goes with the database backup ``stamp``."""
    found = stamps.latest_at(snapshots(target, suffix), at)
    return found if found is not None and found >= stamp else None


def _rows(connection) -> int:
    return connection.execute("SELECT count(*) FROM access").fetchone()[0]


def backup_sqlite(path: Path, target: Path, stamp: str) -> dict:
    """Copy the live journal ``path`` into ``journal/<stamp>.sqlite``."""
    if not path.is_file():
        # no access journalled yet (a fresh instance): nothing to save
        return {"journal": None}
    folder = target / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{stamp}.sqlite"
    if final.exists():
        raise BackupError(f"{final} already exists: two backups in the same second?")
    partial = folder / f"{stamp}.sqlite.partial"
    partial.unlink(missing_ok=True)
    try:
        # a plain read-write open: a read-only one cannot join a WAL database
        # whose -shm file it may not create; the backup only reads
        source = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=30)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            checked = copy.execute("PRAGMA quick_check").fetchone()[0]
            rows = _rows(copy)
        finally:
            copy.close()
            source.close()
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The access journal {path} could not be copied: {error}") from None
    if checked != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"The copy of the access journal {path} is damaged: {checked}")
    partial.rename(final)  # a snapshot exists only once complete
    return {"journal": final.name, "journal_rows": rows}


def restore_sqlite(path: Path, source: Path, stamp: str, at: str | None, aside: str) -> dict:
    """Put back the journal of the backup ``stamp``; the live one (and its
    ``-wal``: a stale log must never be replayed into the restored file) is
    kept beside under the suffix ``aside``."""
    snapshot = of_backup(source, ".sqlite", stamp, at)
    if snapshot is None:
        # a backup made before the journal was saved: the live one stays
        return {"journal": None, "journal_kept_aside": []}
    kept = []
    for name in (path.name, *(path.name + side for side in SIDE_FILES)):
        live = path.with_name(name)
        if live.exists():
            moved = live.with_name(f"{name}.{aside}")
            live.rename(moved)
            kept.append(str(moved))
    path.parent.mkdir(parents=True, exist_ok=True)
    restoring = path.with_name(path.name + ".restoring")
    shutil.copy2(source / FOLDER / f"{snapshot}.sqlite", restoring)
    restoring.rename(path)
    return {"journal": f"{snapshot}.sqlite", "journal_kept_aside": kept}


def backup_postgresql(dsn: str, target: Path, stamp: str) -> dict:
    done = postgres.dump(dsn, target / FOLDER, stamp)
    return {"journal": f"{done['stamp']}.dump", "journal_bytes": done["bytes"]}


def restore_postgresql(dsn: str, source: Path, stamp: str, at: str | None) -> dict:
    """Put back the journal database of the backup ``stamp``. The live one is
    dumped first into ``journal/before-restore/<now>.dump`` and kept (never
    pruned): the accesses after the backup leave the live journal with the
    content they read, but the record of who read what is not destroyed."""
    snapshot = of_backup(source, ".dump", stamp, at)
    if snapshot is None:
        return {"journal": None, "journal_kept_aside": []}
    postgres.refuse_if_in_use(dsn, "access journal")
    kept = postgres.dump(dsn, source / FOLDER / ASIDE, now_stamp())
    postgres.put_back(dsn, source / FOLDER / f"{snapshot}.dump", what="access journal")
    kept_path = source / FOLDER / ASIDE / f"{kept['stamp']}.dump"
    return {"journal": f"{snapshot}.dump", "journal_kept_aside": [str(kept_path)]}
