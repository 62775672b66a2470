"""The steering dashboard, uncached, at 1 000, 10 000 and 100 000 case files.

    .venv/bin/python benchmarks/steering.py [--sizes 1000,10000,100000] [--runs R]

The case files of search.py's databases (N case files in Namur over three
services, the workflow's states and three years), loaded by the fast bulk
path of lib/bulk.py and kept in var/bench/steering-SIZE. One Zope process
per size; as Namur's secretary, the dashboard as the page builds it for the
last twelve months: every figure read from the catalog, the exchanges and
the sessions, the ten charts and their tables, with the RAM cache and the
drawn charts emptied before each run
(and, for information, with the charts already drawn: what a view costs
after a change that leaves its charts as they were). Beside it, in the same
process and interleaved, the staff dashboard's query as search.py runs it
(the reference: the ratio is steering / staff dashboard), and the figures
alone (the catalog part, no chart). Goals: the dashboard under 300 ms at
100 000, growth from 1 000 to 100 000 under 2x.
"""

from pathlib import Path
from statistics import median

import argparse
import os
import sys
import time


sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import bulk  # noqa: E402
from lib import report  # noqa: E402
from lib import sites  # noqa: E402


SIZES = os.environ.get("BENCH_SIZES", "1000,10000,100000")
GOAL_MS = 300
GOAL_GROWTH = 2.0
SECRETARY = "namur-secretaire"
STAFF_FORM = {"service": "urbanisme", "state": "in_progress", "due": "overdue"}


# -- in Zope -----------------------------------------------------------------


def measure(app, runs: int, warmup: int, cold: bool = False) -> dict:
    from imio.municipal.core.calendar import belgian_today
    from imio.municipal.interfaces import IImioMunicipalLayer
    from imio.municipal.steering import charts
    from imio.municipal.steering import compute
    from imio.municipal.steering.browser.sections import default_period
    from zope.annotation.interfaces import IAnnotations
    from zope.component import getMultiAdapter
    from zope.component import getUtility
    from zope.interface import alsoProvides
    from zope.ramcache.interfaces.ram import IRAMCache

    import transaction

    request = app.REQUEST
    alsoProvides(request, IImioMunicipalLayer)
    request["LANGUAGE"] = "fr"

    def fresh_request(form):
        IAnnotations(request).clear()
        request.form.clear()
        request.form.update(form)

    def steering(keep_charts=False):
        site = sites.login(app, sites.PRODUCT, SECRETARY)
        # The registered RAM cache: imio.helpers replaces plone.memoize's
        # global_cache with its own, so emptying global_cache empties nothing.
        getUtility(IRAMCache).invalidateAll()
        if not keep_charts:
            charts.draw.cache_clear()
        fresh_request({})
        view = getMultiAdapter((site["namur"], request), name="steering")
        found = view.figures()
        return len(found), sum(len(f["rows"]) for f in found)

    def figures_only():
        site = sites.login(app, sites.PRODUCT, SECRETARY)
        tables = compute.compute_catalog_tables(
            site["namur"], default_period(belgian_today()), None
        )
        flow = tables["dossier_flow"].rows
        return sum(row[1] for row in flow), sum(row[2] for row in flow)

    def staff_dashboard():
        site = sites.login(app, sites.PRODUCT, sites.AGENT)
        fresh_request(STAFF_FORM)
        view = getMultiAdapter((site["namur"]["dossiers"], request), name="dashboard")
        batch = view.batch()
        rows = [view.row(brain) for brain in batch]
        return batch.sequence_length, len(rows)

    def steering_drawn():
        return steering(keep_charts=True)

    queries = {
        "steering": steering,
        "drawn": steering_drawn,
        "figures": figures_only,
        "staff": staff_dashboard,
    }
    hits = {name: query() for name, query in queries.items()}
    times = {name: [] for name in queries}
    for run in range(warmup + runs):
        for name, query in queries.items():
            transaction.begin()
            if cold:  # every query reads the catalog from the storage again
                app._p_jar.cacheMinimize()
            start = time.perf_counter()
            query()
            if run >= warmup:
                times[name].append(time.perf_counter() - start)
            transaction.abort()
    return {"times": times, "hits": hits}


def per_procedure(app, runs: int = 20, cold: bool = False) -> dict:
    """The per-procedure figure alone, interleaved: from the two indexes
    (the dashboard's way) and from the records of the decisions of the
    period (the former way, kept here as the reference). Run on a kept
    snapshot: `.venv/bin/python benchmarks/lib/zrun.py
    var/bench/steering-SIZE/etc/zope-a.conf steering:per_procedure '{}' out.json`
    (`{"cold": true}`: the ZODB cache emptied before each run)."""
    from imio.municipal.core.calendar import belgian_today
    from imio.municipal.steering import figures
    from imio.municipal.steering import procedure_counts
    from imio.municipal.steering import queries
    from imio.municipal.steering.browser.sections import default_period
    from imio.municipal.steering.index_sets import CatalogSets

    site = sites.login(app, sites.PRODUCT, SECRETARY)
    catalog = site.portal_catalog
    period = default_period(belgian_today())
    columns = ("procedure", "received_date", "decision_date", "decision_deadline")

    def decided():
        sets = CatalogSets(catalog, queries.dossier_query(site["namur"]))
        return sets, sets.days_between("decision_date", period.start, period.end)

    def from_indexes():
        sets, ids = decided()
        return procedure_counts.procedure_table(sets, ids)

    def from_records():
        _sets, ids = decided()
        return figures.procedure_table(
            (p or None, *(queries.as_date(v) for v in rest))
            for p, *rest in queries.records_of(catalog, ids, columns)
        )

    assert from_indexes() == from_records()
    times = {"indexes": [], "records": []}
    for _run in range(runs):
        for name, compute in (("indexes", from_indexes), ("records", from_records)):
            if cold:  # both read from the database, not the ZODB cache
                app._p_jar.cacheMinimize()
            start = time.perf_counter()
            compute()
            times[name].append(time.perf_counter() - start)
    return {
        "decided": len(decided()[1]),
        **{name: round(median(values) * 1000, 1) for name, values in times.items()},
    }


def profile(app, runs: int = 3, top: int = 30) -> dict:
    """The figures' computation under cProfile, `runs` times (RAM cache
    emptied each time), on a kept snapshot: `.venv/bin/python
    benchmarks/lib/zrun.py var/bench/steering-SIZE/etc/zope-a.conf
    steering:profile '{}' out.json`; the statistics sorted by cumulative
    time are in the answer's `text`."""
    from imio.municipal.core.calendar import belgian_today
    from imio.municipal.steering import compute
    from imio.municipal.steering.browser.sections import default_period
    from io import StringIO

    import cProfile
    import pstats

    site = sites.login(app, sites.PRODUCT, SECRETARY)
    period = default_period(belgian_today())
    compute.compute_catalog_tables(site["namur"], period, None)  # warm the ZODB cache
    profiler = cProfile.Profile()
    began = time.perf_counter()
    profiler.enable()
    for _run in range(runs):
        compute.compute_catalog_tables(site["namur"], period, None)
    profiler.disable()
    seconds = time.perf_counter() - began
    out = StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return {"ms_per_run": round(seconds * 1000 / runs, 1), "text": out.getvalue()}


def refill_decisions(app) -> dict:
    """Index again `instruction_days` and `decided_in_time` of every decided
    file from its catalog record (the 1014 step's way): for snapshots loaded
    before the bulk loader read those two values for each file
    (`bulk.PER_FILE`), where a file may carry its probe's values."""
    from imio.municipal.upgrades import v1014_steering_indexes
    from zope.component.hooks import setSite

    import transaction

    setSite(app[sites.PRODUCT])
    began = time.perf_counter()
    v1014_steering_indexes.upgrade(None)
    transaction.get().note("benchmark snapshot: decisions indexed again")
    transaction.commit()
    return {"seconds": round(time.perf_counter() - began, 1)}


def prepare(app) -> dict:
    """Give a kept snapshot the indexes of the figures per procedure, as the
    1014 upgrade gives them to a site (until it is wired in the profile's
    upgrade steps, `sites.upgrade` does not run it)."""
    from imio.municipal.upgrades import v1014_steering_indexes
    from zope.component.hooks import setSite

    import transaction

    site = app[sites.PRODUCT]
    setSite(site)
    catalog = site.portal_catalog
    missing = [n for n, _t in v1014_steering_indexes.INDEXES if n not in catalog.indexes()]
    if not missing:
        return {"added": []}
    began = time.perf_counter()
    v1014_steering_indexes.upgrade(None)
    transaction.get().note("benchmark snapshot: steering indexes 1014")
    transaction.commit()
    return {"added": missing, "seconds": round(time.perf_counter() - began, 1)}


# -- the benchmark -----------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=SIZES)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--cold", action="store_true", help="empty the ZODB cache before each query"
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))

    results = {}
    for size in sizes:
        built = bulk.ensure(size)
        print(size, built["instance"].zrun("steering:prepare"), flush=True)
        results[size] = built["instance"].zrun(
            "steering:measure", runs=args.runs, warmup=args.warmup, cold=args.cold
        )

    rows, notes = [], []
    for size in sizes:
        times, hits = results[size]["times"], results[size]["hits"]
        at_goal_size = size == 100_000
        rows.append(
            report.Row(
                f"steering dashboard, {size:,} case files",
                report.ms(times["steering"]),
                report.ms(times["staff"]),
                "ms",
                f"< {GOAL_MS} ms" if at_goal_size else "",
                (lambda row: row.product < GOAL_MS) if at_goal_size else None,
            )
        )
        rows.append(
            report.Row(
                f"  same, its charts already drawn, {size:,}",
                report.ms(times["drawn"]),
                report.ms(times["staff"]),
                "ms",
            )
        )
        rows.append(
            report.Row(
                f"  its figures only, {size:,}",
                report.ms(times["figures"]),
                report.ms(times["staff"]),
                "ms",
            )
        )
        notes.append(
            f"{size:,}: {hits['steering'][0]} figures, {hits['steering'][1]} table rows; "
            f"received/decided in 12 months {hits['figures'][0]}/{hits['figures'][1]}; "
            f"staff dashboard hits {hits['staff'][0]}"
        )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]

        def growth(name):
            return median(results[large]["times"][name]) / median(results[small]["times"][name])

        goal_sizes = (small, large) == (1000, 100_000)
        rows.append(
            report.Row(
                f"growth {small:,} → {large:,}",
                growth("steering"),
                growth("staff"),
                "×",
                f"< {GOAL_GROWTH}×" if goal_sizes else "",
                (lambda row: row.product < GOAL_GROWTH) if goal_sizes else None,
            )
        )
        rows.append(
            report.Row(
                f"  figures only, growth {small:,} → {large:,}",
                growth("figures"),
                growth("staff"),
                "×",
            )
        )
    ok = report.print_table(
        "Steering: the dashboard uncached (vanilla column: the staff dashboard's query)",
        rows,
        [
            f"medians of {args.runs} runs after {args.warmup} warm-up, interleaved; one Zope "
            "process per size, ZODB cache 50000 objects; RAM cache emptied before each run"
            + ("; ZODB cache emptied before each query (--cold)" if args.cold else ""),
            *notes,
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
