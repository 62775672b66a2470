"""Back up and restore a FileStorage and its blobs, consistent with each other.

``repozo`` (ZODB's backup tool) copies the Data.fs while the ZEO server runs:
a full copy, then only what was appended since. The blob directory is saved
*after* it: every blob the saved transactions refer to was committed before
repozo read them, so it is in the snapshot (a blob committed in between is
saved too, unreferenced and harmless). Blobs disappear only when the database
is packed: do not pack during a backup.

Layout of the backup directory::

    filestorage/   repozo's files (YYYY-MM-DD-HH-MM-SS.fs, .deltafs, .dat, .index)
    blobs/<stamp>/ the blob directory as of the repozo file of the same stamp
"""

from imio.municipal.backups import blobs
from imio.municipal.backups import stamps
from pathlib import Path

import datetime
import fcntl
import subprocess
import sys


REPOZO = [sys.executable, "-m", "ZODB.scripts.repozo"]
DATA_SUFFIXES = (".fs", ".deltafs")


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says what to do."""


def _repozo(*args) -> str:
    done = subprocess.run(  # noqa: S603 - our own paths, no shell
        [*REPOZO, *map(str, args)], capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise BackupError(f"repozo failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return done.stdout + done.stderr


def data_stamps(repository: Path) -> list[str]:
    """The stamps of the Data.fs backups (full and incremental), oldest first."""
    if not repository.is_dir():
        return []
    return sorted(
        stamps.stamp_of(path.name)
        for path in repository.iterdir()
        if path.suffix in DATA_SUFFIXES and stamps.stamp_of(path.name)
    )


def full_stamps(repository: Path) -> list[str]:
    return sorted(
        stamps.stamp_of(path.name) for path in repository.glob("*.fs") if stamps.stamp_of(path.name)
    )


def snapshots(blob_root: Path) -> list[str]:
    if not blob_root.is_dir():
        return []
    return sorted(
        path.name
        for path in blob_root.iterdir()
        # a complete snapshot is named by its stamp alone (not "….partial")
        if path.is_dir() and stamps.stamp_of(path.name) == path.name
    )


def backup(data_fs: Path, blob_dir: Path, target: Path, full: bool = False) -> dict:
    """Save the Data.fs (incremental unless ``full``, or when repozo must),
    then the blobs under the stamp of the file repozo wrote."""
    if not data_fs.is_file():
        raise BackupError(f"No database at {data_fs}: nothing to back up")
    repository = target / "filestorage"
    repository.mkdir(parents=True, exist_ok=True)
    before = set(data_stamps(repository))
    _repozo("--backup", "--quick", "-r", repository, "-f", data_fs, *(["--full"] if full else []))
    new = sorted(set(data_stamps(repository)) - before)
    if not new:
        # nothing was committed since the last backup: it is still the newest
        return {"stamp": max(before), "changed": False}
    stamp = new[-1]
    blob_root = target / "blobs"
    previous = stamps.latest_at(snapshots(blob_root))
    counts = blobs.snapshot(blob_dir, blob_root / stamp, blob_root / previous if previous else None)
    kind = "full" if (repository / f"{stamp}.fs").exists() else "incremental"
    return {"stamp": stamp, "changed": True, "kind": kind, **counts}


def _refuse_if_in_use(data_fs: Path) -> None:
    lock = data_fs.with_name(data_fs.name + ".lock")
    if not lock.exists():
        return
    # the lock ZODB takes (zc.lockfile: flock on Data.fs.lock)
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BackupError(
                f"{data_fs} is open by a running ZEO server or Zope: stop it first (make stop)"
            ) from None
        fcntl.flock(handle, fcntl.LOCK_UN)


def free_aside_suffix(paths) -> str:
    """A ``before-restore-<time>`` suffix no kept-aside copy uses yet: two
    restores within one second must not overwrite the first one's copy."""
    base = datetime.datetime.now(datetime.timezone.utc).strftime("before-restore-%Y%m%d%H%M%S")
    suffix, counter = base, 1
    while any(path.with_name(f"{path.name}.{suffix}").exists() for path in paths):
        counter += 1
        suffix = f"{base}-{counter}"
    return suffix


def restore(
    data_fs: Path, blob_dir: Path, source: Path, at: str | None = None, aside: str | None = None
) -> dict:
    """Put back the database and its blobs as of the newest backup not after
    ``at`` (UTC; default: the newest). What was there is kept beside, renamed
    ``*.<aside>`` (default ``before-restore-<time>``), never deleted."""
    repository = source / "filestorage"
    if at is not None:
        stamps.checked_at(at)
    stamp = stamps.latest_at(data_stamps(repository), at)
    if stamp is None:
        raise BackupError(f"No backup in {repository}" + (f" up to {at}" if at else ""))
    snapshot = stamps.latest_at(snapshots(source / "blobs"), stamp)
    if snapshot is None:
        raise BackupError(f"No blob snapshot in {source / 'blobs'} up to {stamp}")
    _refuse_if_in_use(data_fs)
    data_fs.parent.mkdir(parents=True, exist_ok=True)
    restoring = data_fs.with_name(data_fs.name + ".restoring")
    restoring.unlink(missing_ok=True)
    _repozo("--recover", "-r", repository, "-o", restoring, "-D", stamp)
    aside = aside or free_aside_suffix((data_fs, blob_dir))
    kept = []
    for path in (data_fs, blob_dir):
        if path.exists():
            moved = path.with_name(f"{path.name}.{aside}")
            path.rename(moved)
            kept.append(str(moved))
    # the index and the old lock belong to the database that was replaced
    for suffix in (".index", ".tmp", ".lock"):
        data_fs.with_name(data_fs.name + suffix).unlink(missing_ok=True)
    restoring.rename(data_fs)
    files = blobs.restore(source / "blobs" / snapshot, blob_dir)
    return {"stamp": stamp, "blob_snapshot": snapshot, "blob_files": files, "kept_aside": kept}


def verify(source: Path) -> str:
    """repozo's check of the backup files against their recorded checksums."""
    return _repozo("--verify", "-r", source / "filestorage")
