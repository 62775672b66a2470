"""``municipal-retention``: closed case files and adopted acts past their retention, daily.

Cron-ready, like the other jobs::

    bin/python -m imio.municipal.jobs.retention --zope-conf etc/zope.conf --site Plone [--dry-run]

Per municipality, it lists the closed case files and adopted acts past
retention that are not under a legal hold (the proposal the secretariat signs off, REST
``@retention``) and applies the signed-off proposal: destroy, anonymise or
transfer, each with its disposal record. ``--dry-run`` lists and counts,
changes nothing. A progress bar on stderr, a summary on stdout; exit status
0, or 1 when a municipality failed.
"""

from imio.municipal import logger
from imio.municipal.jobs.scaffolding import console_main
from imio.municipal.jobs.scaffolding import each_municipality
from imio.municipal.jobs.scaffolding import in_own_transaction
from imio.municipal.jobs.scaffolding import job_arguments
from imio.municipal.jobs.scaffolding import run_on_site
from imio.municipal.records import disposal

import argparse
import sys


FATES = ("destroy", "anonymise", "transfer")


class ProgressBar:
    """``[#####.....] 5/10 namur`` on one line of a terminal (stderr)."""

    def __init__(self, total: int, label: str, out=sys.stderr, width: int = 30) -> None:
        self.total, self.label, self.out, self.width, self.done = total, label, out, width, 0

    def __call__(self) -> None:
        self.done += 1
        filled = self.width * self.done // max(self.total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        end = "\n" if self.done >= self.total else ""
        self.out.write(f"\r[{bar}] {self.done}/{self.total} {self.label}{end}")
        self.out.flush()


def parse_args(argv=None) -> argparse.Namespace:
    parser = job_arguments(
        "municipal-retention",
        "Dispose of the closed case files and adopted acts past their retention "
        "(signed-off proposals).",
        today="the day to run for (YYYY-MM-DD; default: today in Brussels)",
        dry_run="list what is due and what would be done; change nothing",
    )
    return parser.parse_args(argv)


def run_one(site, options, municipality_id: str, err=sys.stderr) -> dict:
    def work() -> dict:
        municipality = site[municipality_id]
        summary = {"destroy": 0, "anonymise": 0, "transfer": 0, "skipped": 0}
        found = disposal.proposal(municipality) or {}
        if found.get("signed_by") and not options.dry_run:
            progress = ProgressBar(len(found["items"]), municipality_id, err)
            summary.update(disposal.dispose(municipality, options.today, progress))
        # What remains due (after what was just done) awaits the next sign-off.
        items = disposal.propose(municipality, options.today)
        signed = bool((disposal.proposal(municipality) or {}).get("signed_by"))
        summary["due"] = len(items)
        summary["awaiting_sign_off"] = 0 if signed else len(items)
        if options.dry_run:
            for item in items:  # what a run would do once signed off
                summary[item["fate"]] += 1
        return summary

    return in_own_transaction(work, dry_run=options.dry_run, label=f"retention {municipality_id}")


def _merge(total: dict, one: dict) -> None:
    for key, value in one.items():
        total[key] = total.get(key, 0) + value


def run(app, options, out=sys.stdout, err=sys.stderr) -> int:
    def work(site, municipality_ids) -> int:
        total: dict = {}
        errors = each_municipality(
            municipality_ids,
            lambda municipality_id: run_one(site, options, municipality_id, err),
            _merge,
            total,
            "Retention",
            logger,
        )
        mode = "dry run" if options.dry_run else "run"
        print(f"Retention {mode} of {options.today.strftime('%d/%m/%Y')}:", file=out)
        for key in ("due", "awaiting_sign_off", *FATES, "skipped"):
            print(f"  {key}: {total.get(key, 0)}", file=out)
        for error in errors:
            print(f"  failed: {error}", file=out)
        return 1 if errors else 0

    return run_on_site(app, options, "Retention", logger, work)


def main(argv: list[str] | None = None) -> int:
    return console_main(argv, parse_args, run)


if __name__ == "__main__":
    sys.exit(main())
