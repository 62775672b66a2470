"""Adopting acts (their number included), against publishing Documents.

    .venv/bin/python benchmarks/adopt.py [--count N] [--pairs M] [--warmup W]

In a throwaway database (var/bench/adopt), N + 2M council acts of Namur are
brought to "validated" (same session, so one number series), and as many
private Documents are added to the vanilla site. Then:

1. single process (a FileStorage): the secretary adopts N acts, each in its
   own transaction (the workflow transition, the gapless number taken from
   the series' counter, reindexing, the notification mail queued, commit),
   interleaved with a vanilla reviewer publishing N Documents; W of each
   first as warm-up;
2. two processes on a private ZEO server (runzeo on a free port): each
   adopts its M acts at the same time as the other, in the same series, so
   their counters conflict; a conflict aborts and retries, as the Zope
   publisher does. Then both publish M Documents each, the same way.

Every act's number is then checked: the series is 1..last, no gap, no
duplicate. Rates are operations per second of wall time (transaction
included); the medians are printed too.
"""

from pathlib import Path
from statistics import median

import argparse
import os
import sys
import time


sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import report  # noqa: E402
from lib import sites  # noqa: E402
from lib.instance import Instance  # noqa: E402
from lib.instance import zrun_result  # noqa: E402


SERIES = ("namur", "conseil")
SECRETARY = "namur-secretaire"
MAX_RETRIES = 100


# -- in Zope ---------------------------------------------------------------


def prepare(app, total: int) -> dict:
    """`total` validated acts and `total` private Documents."""
    from datetime import date
    from imio.municipal.demo.builders import build_act
    from imio.municipal.demo.builders import do_transition
    from plone import api

    import transaction

    municipality, body = SERIES
    portal = _site(app, sites.PRODUCT)
    acts = []
    for index in range(total):
        act = build_act(
            portal,
            municipality=municipality,
            title=f"Convention de benchmark n° {index}",
            body=body,
            session_date=date.today(),
        )
        do_transition(act, f"{municipality}-chef-{act.responsible_service}", "propose")
        do_transition(act, SECRETARY, "validate")
        acts.append("/".join(act.getPhysicalPath()))
        if index % 20 == 19:
            transaction.commit()
    transaction.commit()
    vanilla = _site(app, sites.VANILLA)
    documents = []
    with api.env.adopt_user(username=sites.VANILLA_AGENT):
        for index in range(total):
            document = api.content.create(
                container=vanilla[sites.VANILLA_FOLDER],
                type="Document",
                id=f"note-{index}",
                title=f"Note de benchmark n° {index}",
            )
            documents.append("/".join(document.getPhysicalPath()))
            if index % 20 == 19:
                transaction.commit()
    transaction.commit()
    return {"acts": acts, "documents": documents}


def _site(app, site_id: str):
    from zope.component.hooks import setSite

    site = app[site_id]
    setSite(site)
    return site


def adopt(app, path: str) -> int:
    """Adopt one act in its own transaction; returns the conflicts retried."""

    return _retrying(app, sites.PRODUCT, path, SECRETARY, "adopt")


def publish(app, path: str) -> int:
    return _retrying(app, sites.VANILLA, path, sites.VANILLA_REVIEWER, "publish")


def _retrying(app, site_id: str, path: str, user: str, transition: str) -> int:
    from imio.municipal.demo.builders import do_transition
    from ZODB.POSException import ConflictError

    import transaction

    conflicts = 0
    while True:
        transaction.begin()
        try:
            site = _site(app, site_id)
            do_transition(site.unrestrictedTraverse(path), user, transition)
            transaction.commit()
            return conflicts
        except ConflictError:
            transaction.abort()
            conflicts += 1
            if conflicts > MAX_RETRIES:
                raise


def single(app, acts: list, documents: list, warmup: int) -> dict:
    times = {"product": [], "vanilla": []}
    for index, (act, document) in enumerate(zip(acts, documents, strict=True)):
        for name, operation, path in (("product", adopt, act), ("vanilla", publish, document)):
            start = time.perf_counter()
            operation(app, path)
            if index >= warmup:
                times[name].append(time.perf_counter() - start)
    return times


def barrier(directory: str, phase: str, client: str) -> None:
    Path(directory, f"{phase}-{client}.ready").touch()
    while not Path(directory, f"{phase}.go").exists():
        time.sleep(0.005)


def worker(app, me: str, acts: list, documents: list, directory: str) -> dict:
    """One of the two ZEO clients: adopt its acts, then publish its Documents,
    each phase starting when both processes are ready."""
    import transaction

    result = {}
    for name, operation, paths in (("product", adopt, acts), ("vanilla", publish, documents)):
        transaction.begin()
        for path in paths:  # load them: both processes start warm
            app.unrestrictedTraverse(path).Title()
        barrier(directory, name, me)
        start = time.time()
        times, conflicts = [], 0
        for path in paths:
            begin = time.perf_counter()
            conflicts += operation(app, path)
            times.append(time.perf_counter() - begin)
        result[name] = {"start": start, "end": time.time(), "times": times, "conflicts": conflicts}
    return result


def verify(app) -> dict:
    """The series of the benchmark's acts: numbers 1..last, each once."""
    from datetime import date
    from imio.municipal.platform import numbering

    municipality, body = SERIES
    site = _site(app, sites.PRODUCT)
    holder = site[municipality]
    year = date.today().year
    numbers = []
    for act in holder["actes"].objectValues():
        if getattr(act, "number", None):
            act_year, series, sequence = numbering.parse_reference(act.number)
            if (act_year, series) == (year, body):
                numbers.append(sequence)
    last = numbering.last_number(holder, "act", year, body)
    return {
        "numbered": len(numbers),
        "last": last,
        "gapless": sorted(numbers) == list(range(1, last + 1)),
    }


# -- the benchmark -----------------------------------------------------------


def wait_files(paths: list[Path], processes: list) -> None:
    while not all(path.exists() for path in paths):
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"a worker ended early (status {process.returncode})")
        time.sleep(0.01)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=int(os.environ.get("BENCH_COUNT", 100)))
    parser.add_argument("--pairs", type=int, default=None, help="acts per ZEO process")
    parser.add_argument("--warmup", type=int, default=10)
    args = parser.parse_args(argv)
    pairs = args.pairs if args.pairs is not None else args.count
    single_count = args.warmup + args.count

    instance = Instance("adopt").reset(sites.base().var)
    start = time.perf_counter()
    prepared = instance.zrun("adopt:prepare", total=single_count + 2 * pairs)
    print(
        f"prepared {single_count + 2 * pairs} acts and Documents in "
        f"{time.perf_counter() - start:.0f} s",
        flush=True,
    )
    acts, documents = prepared["acts"], prepared["documents"]

    one = instance.zrun(
        "adopt:single",
        acts=acts[:single_count],
        documents=documents[:single_count],
        warmup=args.warmup,
    )
    rest_acts, rest_documents = acts[single_count:], documents[single_count:]
    directory = instance.var / "barrier"
    directory.mkdir()
    with instance.zeo():
        processes = [
            instance.zrun_start(
                "adopt:worker",
                storage="zeo",
                client=client,
                me=client,
                acts=rest_acts[index::2],
                documents=rest_documents[index::2],
                directory=str(directory),
            )
            for index, client in enumerate("ab")
        ]
        for phase in ("product", "vanilla"):
            wait_files([directory / f"{phase}-{client}.ready" for client in "ab"], processes)
            (directory / f"{phase}.go").touch()
        two = [zrun_result(process) for process in processes]
        checked = instance.zrun("adopt:verify", storage="zeo", client="check")

    def rate(phase):
        begin = min(result[phase]["start"] for result in two)
        end = max(result[phase]["end"] for result in two)
        return 2 * pairs / (end - begin)

    def conflicts(phase):
        return sum(result[phase]["conflicts"] for result in two)

    rows = [
        report.Row(
            "1 process, per second",
            report.per_second(len(one["product"]), sum(one["product"])),
            report.per_second(len(one["vanilla"]), sum(one["vanilla"])),
            "op/s",
        ),
        report.Row(
            "1 process, median",
            report.ms(one["product"]),
            report.ms(one["vanilla"]),
            "ms",
        ),
        report.Row("2 processes on ZEO, per second", rate("product"), rate("vanilla"), "op/s"),
        report.Row(
            "2 processes on ZEO, median",
            median(t for result in two for t in result["product"]["times"]) * 1000,
            median(t for result in two for t in result["vanilla"]["times"]) * 1000,
            "ms",
        ),
        report.Row(
            "numbers gapless",
            checked["last"],
            None,
            "acts",
            "1..last, once each",
            lambda row: checked["gapless"] and checked["numbered"] == checked["last"],
        ),
    ]
    ok = report.print_table(
        "Adopt: an act's adoption (number assigned) vs publishing a Document",
        rows,
        [
            f"1 process: {args.count} of each after {args.warmup} warm-up, interleaved, "
            f"FileStorage, ZODB cache {instance.cache_size} objects",
            f"2 processes: {pairs} of each per process, both started together on one ZEO "
            f"server; conflicts retried: product {conflicts('product')}, "
            f"vanilla {conflicts('vanilla')}",
            f"series {SERIES[0]}/{SERIES[1]}: {checked['numbered']} numbered acts, "
            f"last number {checked['last']}, gapless: {checked['gapless']}",
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
