"""Snapshots of the blob directory, one per backup, sharing unchanged files.

A ZODB blob file is written once and never changed (a new revision is a new
file), so a snapshot links the files the previous snapshot already holds and
copies only the new ones: each snapshot is complete on its own, and costs the
disk of what changed.
"""

from pathlib import Path

import os
import shutil


def _files(root: Path):
    for folder, dirs, names in os.walk(root):
        if Path(folder) == root and "tmp" in dirs:
            dirs.remove("tmp")  # blobs of transactions not committed yet
        for name in names:
            path = Path(folder) / name
            yield path, path.relative_to(root)


def snapshot(blob_dir: Path, target: Path, previous: Path | None = None) -> dict:
    """Copy ``blob_dir`` into the new directory ``target``; linked from
    ``previous`` where the same file (same path and size) is there."""
    if target.exists():
        raise FileExistsError(f"{target} already exists: two backups in the same second?")
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    counts = {"linked": 0, "copied": 0, "bytes_copied": 0}
    for source, relative in _files(blob_dir):
        destination = partial / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        before = previous / relative if previous is not None else None
        if (
            before is not None
            and before.is_file()
            and before.stat().st_size == source.stat().st_size
        ):
            os.link(before, destination)
            counts["linked"] += 1
        else:
            shutil.copy2(source, destination)
            counts["copied"] += 1
            counts["bytes_copied"] += destination.stat().st_size
    partial.mkdir(parents=True, exist_ok=True)  # an empty blob directory is a snapshot too
    # a snapshot exists only once complete: an interrupted one is never restored
    partial.rename(target)
    return counts


def restore(snapshot_dir: Path, blob_dir: Path) -> int:
    """Make ``blob_dir`` (which must not exist) a copy of the snapshot; the
    number of files. Copies, not links: the live directory must not share
    inodes with the backups."""
    shutil.copytree(snapshot_dir, blob_dir, copy_function=shutil.copy2)
    blob_dir.chmod(0o700)  # ZODB refuses a blob directory others can read
    return sum(1 for _ in _files(blob_dir))
