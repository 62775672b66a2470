"""Back up and restore the RelStorage database (blobs included) with
PostgreSQL's own tools.

``pg_dump`` reads one consistent snapshot while the cluster serves requests;
``pg_restore`` replaces the tables in one transaction, and is refused while
any other session (a Zope process, the worker) is connected.
"""

from imio.municipal.backups import stamps
from imio.municipal.backups.filestorage import BackupError
from pathlib import Path

import datetime
import os
import subprocess


def _tool(name: str) -> str:
    folder = os.environ.get("PG_BIN")
    return str(Path(folder) / name) if folder else name


def _run(*args) -> str:
    try:
        done = subprocess.run(  # noqa: S603 - our own paths, no shell
            list(map(str, args)), capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            f"{args[0]} is not installed (apt-get install postgresql-client)"
        ) from None
    if done.returncode:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[-2000:]}")
    return done.stdout


def dumps(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(
        stamps.stamp_of(path.name) for path in folder.glob("*.dump") if stamps.stamp_of(path.name)
    )


def dump(dsn: str, folder: Path, stamp: str) -> dict:
    """``pg_dump`` of the database of ``dsn`` into ``folder/<stamp>.dump``."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{stamp}.dump"
    if final.exists():
        raise BackupError(f"{final} already exists: two backups in the same second?")
    partial = folder / f"{stamp}.dump.partial"
    _run(_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}", f"--dbname={dsn}")
    partial.rename(final)  # an interrupted dump never looks like a backup
    return {"stamp": stamp, "bytes": final.stat().st_size}


def backup(dsn: str, target: Path, stamp: str | None = None) -> dict:
    stamp = stamp or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d-%H-%M-%S")
    return dump(dsn, target / "relstorage", stamp)


def other_sessions(dsn: str) -> int:
    query = (
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    return int(_run(_tool("psql"), f"--dbname={dsn}", "-tAc", query).strip() or 0)


def refuse_if_in_use(dsn: str, what: str = "database") -> None:
    busy = other_sessions(dsn)
    if busy:
        raise BackupError(
            f"{busy} other session(s) use the {what}: stop the Zope processes and the "
            "worker first (PostgreSQL itself must run)"
        )


def put_back(dsn: str, dump_file: Path, what: str = "database") -> None:
    """Replace the tables of ``dsn`` by those of the dump, in one transaction."""
    refuse_if_in_use(dsn, what)
    _run(
        _tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={dsn}",
        dump_file,
    )


def chosen(source: Path, at: str | None = None) -> str:
    """The stamp of the dump to restore: the newest not after ``at``."""
    if at is not None:
        stamps.checked_at(at)
    folder = source / "relstorage"
    stamp = stamps.latest_at(dumps(folder), at)
    if stamp is None:
        raise BackupError(f"No dump in {folder}" + (f" up to {at}" if at else ""))
    return stamp


def restore(dsn: str, source: Path, stamp: str) -> dict:
    put_back(dsn, source / "relstorage" / f"{stamp}.dump")
    return {"stamp": stamp}
