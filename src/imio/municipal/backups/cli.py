"""``municipal-backup``: back up, restore, list and verify the database.

    municipal-backup backup  --data-fs var/filestorage/Data.fs --blob-dir var/blobstorage
    municipal-backup restore --data-fs ... --blob-dir ... [--at 2026-12-07-05]
    municipal-backup backup  --dsn "dbname=imio_municipal host=127.0.0.1 port=5433 user=plone"
    municipal-backup list | verify

With ``--dsn`` the RelStorage database on PostgreSQL is meant, otherwise the
FileStorage and its blob directory. Exit status: 0 done, 1 refused or failed
(the reason on stderr), 2 wrong usage.
"""

from imio.municipal.backups import filestorage
from imio.municipal.backups import postgres
from imio.municipal.backups import retention
from imio.municipal.backups import stamps
from imio.municipal.backups.filestorage import BackupError
from pathlib import Path

import argparse
import json
import sys


def _at(value: str) -> str:
    try:
        return stamps.checked_at(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _keep(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"keep at least one backup, not {value!r}")
    return int(value)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="municipal-backup", description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("backup", "restore", "list", "verify"))
    parser.add_argument("--target", type=Path, default=Path("var/backups"), help="backup directory")
    parser.add_argument("--data-fs", type=Path, default=Path("var/filestorage/Data.fs"))
    parser.add_argument("--blob-dir", type=Path, default=Path("var/blobstorage"))
    parser.add_argument("--dsn", help="the RelStorage database (libpq connection string)")
    parser.add_argument("--full", action="store_true", help="a full backup, not an increment")
    parser.add_argument(
        "--keep", type=_keep, default=7, help="full backups (or dumps) kept (default 7)"
    )
    parser.add_argument("--at", type=_at, help="restore as of this UTC time (default: newest)")
    return parser


def _listing(options) -> dict:
    if options.dsn:
        return {"dumps": postgres.dumps(options.target / "relstorage")}
    repository = options.target / "filestorage"
    return {
        "full": filestorage.full_stamps(repository),
        "all": filestorage.data_stamps(repository),
        "blob_snapshots": filestorage.snapshots(options.target / "blobs"),
    }


def run(options) -> dict:
    if options.command == "list":
        return _listing(options)
    if options.command == "verify":
        if options.dsn:
            raise BackupError("verify checks FileStorage backups; pg_restore --list reads a dump")
        return {"verified": filestorage.verify(options.target).strip().splitlines()[-1:]}
    if options.dsn:
        if options.command == "backup":
            done = postgres.backup(options.dsn, options.target)
            done["deleted"] = retention.prune_dumps(options.target / "relstorage", options.keep)
            return done
        return postgres.restore(options.dsn, options.target, options.at)
    if options.command == "backup":
        done = filestorage.backup(options.data_fs, options.blob_dir, options.target, options.full)
        done["deleted"] = retention.prune_filestorage(options.target, options.keep)
        return done
    return filestorage.restore(options.data_fs, options.blob_dir, options.target, options.at)


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    try:
        result = run(options)
    except (BackupError, ValueError, OSError) as error:
        print(f"municipal-backup {options.command}: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
