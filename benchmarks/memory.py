"""Resident memory of a Zope process that loads and touches every case file.

    .venv/bin/python benchmarks/memory.py [--size 100000]

Opens the search benchmark's database of SIZE case files and SIZE vanilla
Documents (lib/loader.py; built if missing, reused from var/bench otherwise)
in a Zope process (the zope.conf of the benchmarks: ZODB cache 50 000
objects), then touches every case file: a catalog query returning all of
them with their metadata read, every object loaded and its fields read
(title, applicants, deadlines, state), the cache trimmed every 1 000
objects as Zope does between requests. It reports the process's RSS after
that (VmRSS) and its peak (VmHWM). A second, separate process does the same
with the vanilla Documents (RSS is per process: the two cannot share one).
Goal (issue 9): under 1.5 GB.
"""

from pathlib import Path

import argparse
import os
import sys


sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import loader  # noqa: E402
from lib import report  # noqa: E402
from lib import sites  # noqa: E402


GOAL_MB = 1500
SIZE = max(int(size) for size in os.environ.get("BENCH_SIZES", "100000").split(","))


def rss_mb() -> dict:
    status = Path("/proc/self/status").read_text()
    values = {}
    for line in status.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(value.split()[0]) / 1024
    return values


# -- in Zope -----------------------------------------------------------------


def touch(app, site_id: str) -> dict:
    import transaction

    before = rss_mb()["VmRSS"]
    site = app[site_id]
    if site_id == sites.PRODUCT:
        folder, portal_type = site["namur"]["dossiers"], "Dossier"
        fields = ("applicants", "received_date", "current_deadline", "reference")
    else:
        folder, portal_type = site[sites.VANILLA_FOLDER], "Document"
        fields = ("text", "effective_date", "subject", "description")
    catalog = site.portal_catalog
    brains = catalog.unrestrictedSearchResults(
        portal_type=portal_type, path="/".join(folder.getPhysicalPath())
    )
    touched = 0
    for brain in brains:
        brain.Title, brain.review_state, brain.getURL()
        obj = folder._getOb(brain.getId)
        obj.Title()
        for name in fields:
            getattr(obj, name, None)
        touched += 1
        if touched % 1000 == 0:
            transaction.abort()  # the end of a "request": the cache is trimmed
            app._p_jar.cacheGC()
    transaction.abort()
    app._p_jar.cacheGC()
    after = rss_mb()
    return {
        "touched": touched,
        "before": before,
        "after": after["VmRSS"],
        "peak": after["VmHWM"],
        "cached_objects": app._p_jar.db().cacheSize(),
    }


# -- the benchmark -----------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=SIZE)
    args = parser.parse_args(argv)
    built = loader.ensure(args.size)
    instance = built["instance"]
    product = instance.zrun("memory:touch", site_id=sites.PRODUCT)
    vanilla = instance.zrun("memory:touch", site_id=sites.VANILLA)
    rows = [
        report.Row(
            f"RSS after touching {args.size:,}",
            product["after"],
            vanilla["after"],
            "MB",
            f"< {GOAL_MB} MB",
            lambda row: row.product < GOAL_MB,
        ),
        report.Row("peak RSS (VmHWM)", product["peak"], vanilla["peak"], "MB"),
        report.Row("RSS once started", product["before"], vanilla["before"], "MB"),
    ]
    ok = report.print_table(
        "Memory: a Zope process after loading and touching every case file / Document",
        rows,
        [
            f"touched: {product['touched']:,} case files, {vanilla['touched']:,} Documents "
            f"(catalog metadata + object + fields), two separate processes, "
            f"ZODB cache {instance.cache_size} objects; objects cached at the end: "
            f"{product['cached_objects']:,} / {vanilla['cached_objects']:,}",
            f"database {built['bytes'] / 1e6:.0f} MB "
            + ("reused" if built["cached"] else f"built in {built['seconds']} s"),
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
