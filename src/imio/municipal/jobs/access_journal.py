"""Purge the access journal of the accesses older than its retention.

Cron-ready, daily; the journal lives outside the ZODB, so no Zope start-up::

    python -m imio.municipal.jobs.access_journal --dry-run
    python -m imio.municipal.jobs.access_journal [--retention-days 1827] [--journal LOCATION]

The journal (a SQLite path or a ``postgresql://`` URI) and the retention
default to the instance's settings (``IMIO_MUNICIPAL_ACCESS_JOURNAL``,
``IMIO_MUNICIPAL_ACCESS_JOURNAL_RETENTION_DAYS``).
Idempotent: a second run finds nothing left to purge.
"""

from imio.municipal.privacy import settings
from imio.municipal.privacy.store import JournalError

import argparse
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journal", help="the journal: SQLite file or postgresql:// URI")
    parser.add_argument("--retention-days", type=int, help="keep the accesses of these days")
    parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args(argv)
    path = args.journal or settings.journal_path()
    retention = args.retention_days or settings.retention_days()
    if retention < 1:
        parser.error("--retention-days must be at least 1")
    try:
        journal = settings.open_journal(path)
        try:
            report = journal.purge(retention, dry_run=args.dry_run)
        finally:
            journal.close()
    except JournalError as error:
        print(f"access journal unavailable: {error}", file=sys.stderr)
        return 1
    verb = "would purge" if report.dry_run else "purged"
    print(
        f"{journal.location}: {verb} {report.entries} access(es) before "
        f"{report.cutoff:%d/%m/%Y %H:%M} UTC (retention {retention} days)"
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
