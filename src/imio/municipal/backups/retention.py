"""How many backups are kept: the newest N full backups and what follows them.

An incremental backup is worthless without the full one before it, so the
unit of retention is a full backup with its increments, blob snapshots and
access journal snapshots.
"""

from imio.municipal.backups import filestorage
from imio.municipal.backups import stamps
from pathlib import Path

import shutil


def prune_filestorage(target: Path, keep: int) -> list[str]:
    """Delete what is older than the ``keep``-th newest full backup; the
    names deleted."""
    if keep < 1:
        raise ValueError("keep at least one full backup")
    fulls = filestorage.full_stamps(target / "filestorage")
    if len(fulls) <= keep:
        return []
    oldest_kept = fulls[-keep]
    deleted = []
    for path in sorted((target / "filestorage").iterdir()):
        stamp = stamps.stamp_of(path.name)
        if stamp is not None and stamp < oldest_kept:
            path.unlink()
            deleted.append(path.name)
    for name in filestorage.snapshots(target / "blobs"):
        if name < oldest_kept:
            shutil.rmtree(target / "blobs" / name)
            deleted.append(f"blobs/{name}")
    return deleted + prune_journal(target, oldest_kept)


def prune_journal(target: Path, oldest_kept: str) -> list[str]:
    """Delete the journal snapshots older than the oldest backup kept."""
    folder = target / "journal"
    deleted = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        stamp = stamps.stamp_of(path.name.split(".")[0])
        if stamp is not None and stamp < oldest_kept:
            path.unlink()
            deleted.append(f"journal/{path.name}")
    return deleted


def prune_dumps(folder: Path, keep: int) -> list[str]:
    """Keep the ``keep`` newest database dumps, and the journal dumps of
    the backups kept (``journal/`` beside ``folder``)."""
    if keep < 1:
        raise ValueError("keep at least one dump")
    dumps = sorted(folder.glob("*.dump")) if folder.is_dir() else []
    doomed = dumps[:-keep]
    for path in doomed:
        path.unlink()
    deleted = [path.name for path in doomed]
    if dumps:
        oldest_kept = stamps.stamp_of(dumps[-keep:][0].name)
        deleted += prune_journal(folder.parent, oldest_kept)
    return deleted
