"""``municipal-backup``: back up, restore, list and verify the database.

    municipal-backup backup  --data-fs var/filestorage/Data.fs --blob-dir var/blobstorage
                             [--journal var/access-journal.sqlite]
    municipal-backup restore --data-fs ... --blob-dir ... [--at 2026-12-07-05]
    municipal-backup backup  --dsn "dbname=imio_municipal host=127.0.0.1 port=5433 user=plone"
                             --journal-dsn "dbname=imio_municipal_journal host=..."
    municipal-backup list | verify

With ``--dsn`` the RelStorage database on PostgreSQL is meant, otherwise the
FileStorage and its blob directory. The access journal goes with either: the
SQLite file of ``--journal`` (default: ``access-journal.sqlite`` in the
folder above the Data.fs's, where ``make run`` keeps it), or the PostgreSQL
database of ``--journal-dsn`` (the cluster's, or ``make run``'s when its
``ACCESS_JOURNAL`` is a ``postgresql://`` URI). Exit status: 0 done, 1 refused or failed (the
reason on stderr), 2 wrong usage.
"""

from imio.municipal.backups import filestorage
from imio.municipal.backups import journal
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
    parser.add_argument(
        "--journal", type=Path, help="the access journal's SQLite file (default: beside var/)"
    )
    parser.add_argument(
        "--journal-dsn", help="the access journal's PostgreSQL database (libpq connection string)"
    )
    parser.add_argument("--full", action="store_true", help="a full backup, not an increment")
    parser.add_argument(
        "--keep", type=_keep, default=7, help="full backups (or dumps) kept (default 7)"
    )
    parser.add_argument("--at", type=_at, help="restore as of this UTC time (default: newest)")
    return parser


def _listing(options) -> dict:
    if options.dsn:
        return {
            "dumps": postgres.dumps(options.target / "relstorage"),
            "journal": journal.snapshots(options.target, ".dump"),
        }
    repository = options.target / "filestorage"
    return {
        "full": filestorage.full_stamps(repository),
        "all": filestorage.data_stamps(repository),
        "blob_snapshots": filestorage.snapshots(options.target / "blobs"),
        "journal": journal.snapshots(options.target, ".sqlite"),
    }


def journal_file(options) -> Path:
    # make run: var/filestorage/Data.fs and var/access-journal.sqlite
    return options.journal or options.data_fs.parent.parent / "access-journal.sqlite"


def _cluster(options) -> dict:
    if options.command == "backup":
        done = postgres.backup(options.dsn, options.target)
        if options.journal_dsn:
            done.update(
                journal.backup_postgresql(options.journal_dsn, options.target, done["stamp"])
            )
        done["deleted"] = retention.prune_dumps(options.target / "relstorage", options.keep)
        return done
    stamp = postgres.chosen(options.target, options.at)
    # both refused before either is touched: nothing half restored
    postgres.refuse_if_in_use(options.dsn)
    if options.journal_dsn:
        postgres.refuse_if_in_use(options.journal_dsn, "access journal")
    done = postgres.restore(options.dsn, options.target, stamp)
    if options.journal_dsn:
        done.update(
            journal.restore_postgresql(options.journal_dsn, options.target, stamp, options.at)
        )
    return done


def _filestorage(options) -> dict:
    path = journal_file(options)
    if options.command == "backup":
        done = filestorage.backup(options.data_fs, options.blob_dir, options.target, options.full)
        # an unchanged database still has new reads in its journal
        stamp = done["stamp"] if done["changed"] else journal.now_stamp()
        if options.journal_dsn:  # `make run` with ACCESS_JOURNAL=postgresql://…
            done.update(journal.backup_postgresql(options.journal_dsn, options.target, stamp))
        else:
            done.update(journal.backup_sqlite(path, options.target, stamp))
        done["deleted"] = retention.prune_filestorage(options.target, options.keep)
        return done
    aside = filestorage.free_aside_suffix((options.data_fs, options.blob_dir, path))
    done = filestorage.restore(
        options.data_fs, options.blob_dir, options.target, options.at, aside=aside
    )
    if options.journal_dsn:
        done.update(
            journal.restore_postgresql(
                options.journal_dsn, options.target, done["stamp"], options.at
            )
        )
    else:
        done.update(journal.restore_sqlite(path, options.target, done["stamp"], options.at, aside))
    return done


def run(options) -> dict:
    if options.command == "list":
        return _listing(options)
    if options.command == "verify":
        if options.dsn:
            raise BackupError("verify checks FileStorage backups; pg_restore --list reads a dump")
        return {"verified": filestorage.verify(options.target).strip().splitlines()[-1:]}
    return _cluster(options) if options.dsn else _filestorage(options)


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
