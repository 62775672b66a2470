"""The staff dashboard's query at 1 000, 10 000 and 100 000 case files.

    .venv/bin/python benchmarks/search.py [--sizes 1000,10000,100000] [--runs R]

For each size, a database with that many case files in Namur (spread over
the three services and the workflow's states, deadlines computed, every
one catalogued) and as many vanilla Documents (see lib/loader.py: direct
API, built once and kept in var/bench/search-SIZE; the build time is
printed). One Zope process per size opens it (ZODB cache 50 000 objects)
and, as Namur's urbanism agent, runs the dashboard as the page does: its
view's query (service urbanisme + state in_progress + overdue, sorted by
deadline), the first batch of 20 and their table rows; then, as the
vanilla agent, the vanilla equivalent: portal_type Document + Subject +
review_state pending + effective before today, sorted by effective date,
first 20 brains read. Same hits in both (the loader mirrors them). W
warm-up queries of each, then R runs interleaved. Goals (issue 9): median
under 150 ms at 100 000, growth from 1 000 to 100 000 under 2x.

Also (information, no goal) the « À traiter » box of the municipality's
home for the same agent: the 15 most urgent case files and acts waiting for
them (and whether there are more); vanilla: the agent's service's private
and pending Documents, earliest effective date first, 16 brains read.
"""

from pathlib import Path
from statistics import median

import argparse
import os
import sys
import time


sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import loader  # noqa: E402
from lib import report  # noqa: E402
from lib import sites  # noqa: E402


SIZES = os.environ.get("BENCH_SIZES", "1000,10000,100000")
GOAL_MS = 150
GOAL_GROWTH = 2.0
FORM = {"service": "urbanisme", "state": "in_progress", "due": "overdue"}
BOX = 15  # rows of the « À traiter » box


# -- in Zope -----------------------------------------------------------------


def measure(app, runs: int, warmup: int) -> dict:
    from datetime import timedelta
    from imio.municipal.dossiers.workflow import today
    from imio.municipal.interfaces import IImioMunicipalLayer
    from zope.annotation.interfaces import IAnnotations
    from zope.component import getMultiAdapter
    from zope.interface import alsoProvides

    import transaction

    request = app.REQUEST
    alsoProvides(request, IImioMunicipalLayer)

    def dashboard():
        site = sites.login(app, sites.PRODUCT, sites.AGENT)
        IAnnotations(request).clear()  # memoized view values: a new request each time
        request.form.clear()
        request.form.update(FORM)
        folder = site["namur"]["dossiers"]
        view = getMultiAdapter((folder, request), name="dashboard")
        batch = view.batch()
        rows = [view.row(brain) for brain in batch]
        return batch.sequence_length, len(rows)

    def vanilla_documents(**criteria):
        """The vanilla agent's service's Documents, by effective date."""
        site = sites.login(app, sites.VANILLA, sites.VANILLA_AGENT)
        return site.portal_catalog(
            portal_type="Document",
            path="/".join(site[sites.VANILLA_FOLDER].getPhysicalPath()),
            Subject=FORM["service"],
            sort_on="effective",
            **criteria,
        )

    def vanilla_rows(brains):
        return [(b.getURL(), b.Title, b.review_state, b.effective, b.Subject) for b in brains]

    def vanilla():
        results = vanilla_documents(
            review_state="pending",
            effective={"query": _start_of(today() - timedelta(days=1)), "range": "max"},
            b_start=0,
            b_size=20,
        )
        rows = vanilla_rows(results[:20])
        return results.actual_result_count, len(rows)

    def box():
        # The « À traiter » box on the municipality's home, as the agent.
        from imio.municipal.platform.worklist import worklist

        site = sites.login(app, sites.PRODUCT, sites.AGENT)
        items = worklist(site["namur"], site.portal_membership.getAuthenticatedMember(), BOX + 1)
        rows = [(i.url, i.title, i.state, i.deadline, i.reason) for i in items[:BOX]]
        return len(items), len(rows)

    def vanilla_box():
        # Vanilla's "waiting for me": the agent's service's private and
        # pending Documents, the earliest first.
        results = vanilla_documents(review_state=["private", "pending"], sort_limit=BOX + 1)
        rows = vanilla_rows(results[:BOX])
        return len(results[: BOX + 1]), len(rows)

    queries = {
        "product": dashboard,
        "vanilla": vanilla,
        "product_box": box,
        "vanilla_box": vanilla_box,
    }
    hits = {name: query() for name, query in queries.items()}
    times = {name: [] for name in queries}
    for run in range(warmup + runs):
        for name, query in queries.items():
            transaction.begin()
            start = time.perf_counter()
            query()
            if run >= warmup:
                times[name].append(time.perf_counter() - start)
            transaction.abort()
    return {"times": times, "hits": hits}


def _start_of(day):
    from DateTime import DateTime

    # the end of `day` in Brussels: effective dates are midnight of the deadline
    return DateTime(day.year, day.month, day.day, 23, 59, 59, "Europe/Brussels")


# -- the benchmark -----------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=SIZES)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))

    results, builds = {}, {}
    for size in sizes:
        built = loader.ensure(size)
        builds[size] = built
        results[size] = built["instance"].zrun("search:measure", runs=args.runs, warmup=args.warmup)

    rows, notes = [], []
    for size in sizes:
        times, hits = results[size]["times"], results[size]["hits"]
        rows.append(
            report.Row(
                f"dashboard query, {size:,} case files",
                report.ms(times["product"]),
                report.ms(times["vanilla"]),
                "ms",
                f"< {GOAL_MS} ms" if size == 100_000 else "",
                (lambda row: row.product < GOAL_MS) if size == 100_000 else None,
            )
        )
        built = builds[size]
        notes.append(
            f"{size:,}: hits product {hits['product'][0]} (rows {hits['product'][1]}), "
            f"vanilla {hits['vanilla'][0]} (rows {hits['vanilla'][1]}); database "
            f"{built['bytes'] / 1e6:.0f} MB, "
            + (
                "reused from var/bench"
                if built["cached"]
                else f"built in {built['seconds']} s from {built['from']:,}"
            )
            + f" (loader total {built['total_seconds']} s for {size:,} of each)"
        )
    for size in sizes:
        rows.append(
            report.Row(
                f"« À traiter » box, {size:,} case files",
                report.ms(results[size]["times"]["product_box"]),
                report.ms(results[size]["times"]["vanilla_box"]),
                "ms",
            )
        )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]

        def growth(name):
            return median(results[large]["times"][name]) / median(results[small]["times"][name])

        rows.append(
            report.Row(
                f"box growth {small:,} → {large:,}",
                growth("product_box"),
                growth("vanilla_box"),
                "×",
            )
        )

        rows.append(
            report.Row(
                f"growth {small:,} → {large:,}",
                growth("product"),
                growth("vanilla"),
                "×",
                f"< {GOAL_GROWTH}×" if (small, large) == (1000, 100_000) else "",
                (lambda row: row.product < GOAL_GROWTH)
                if (small, large) == (1000, 100_000)
                else None,
            )
        )
    ok = report.print_table(
        "Search: the staff dashboard (service + state + overdue, by deadline, first 20)",
        rows,
        [
            f"medians of {args.runs} runs after {args.warmup} warm-up, interleaved; one Zope "
            "process per size, ZODB cache 50000 objects; as the agent (catalog security on)",
            *notes,
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
