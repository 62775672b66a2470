"""Creating case files through the REST API, against vanilla Documents.

    .venv/bin/python benchmarks/create.py [--count N] [--warmup W]

One Zope process (runwsgi, four threads, on a free port) serves both sites
of a throwaway database in var/bench/create: the product's /Plone and a
vanilla /Vanilla without the add-on, one ZODB cache size. Over real HTTP, as
a service agent of each, it POSTs N case files (two applicants, a deposit
date: the deadline is computed, everything catalogued) to
/Plone/namur/dossiers and N Documents with the same amount of text to
/Vanilla/documents, one after the other (product, vanilla, product...),
after W warm-up creations of each. It prints the medians and their ratio.
Goal (issue 9): ratio at most 1.3.
"""

from pathlib import Path

import argparse
import os
import sys
import time


sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import payloads  # noqa: E402
from lib import report  # noqa: E402
from lib import sites  # noqa: E402
from lib.instance import Instance  # noqa: E402
from lib.web import Client  # noqa: E402


GOAL = 1.3


def post(client: Client, path: str, payload: dict) -> str:
    status, _headers, body = client.request("POST", path, json=payload)
    if status != 201:
        raise RuntimeError(f"POST {path}: {status} {body}")
    return body["@id"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=int(os.environ.get("BENCH_COUNT", 200)))
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args(argv)

    instance = Instance("create").reset(sites.base().var)
    with instance.serve() as url:
        agent = Client(url, sites.AGENT, sites.PASSWORD)
        vanilla = Client(url, sites.VANILLA_AGENT, sites.PASSWORD)
        product_path = f"/{sites.PRODUCT}/namur/dossiers"
        vanilla_path = f"/{sites.VANILLA}/{sites.VANILLA_FOLDER}"
        times = {"product": [], "vanilla": []}
        created = []
        for index in range(args.warmup + args.count):
            measured = index >= args.warmup
            for name, client, path, payload in (
                ("product", agent, product_path, payloads.dossier(index)),
                ("vanilla", vanilla, vanilla_path, payloads.document(index)),
            ):
                start = time.perf_counter()
                created.append(post(client, path, payload))
                if measured:
                    times[name].append(time.perf_counter() - start)
        # What was created is what a real case file has: deadlines, catalogued.
        _status, _headers, found = agent.request(
            "GET", f"{product_path}/@search?portal_type=Dossier&fullobjects=0&b_size=1"
        )
        _status, _headers, last = agent.request("GET", created[-2])
        if found["items_total"] < args.count or not last.get("completeness_deadline"):
            raise RuntimeError(f"case files not catalogued with their deadline: {found} {last}")
        agent.close()
        vanilla.close()

    rows = [
        report.Row(
            f"create over REST (n={args.count})",
            report.ms(times["product"]),
            report.ms(times["vanilla"]),
            "ms",
            f"ratio ≤ {GOAL}",
            lambda row: row.ratio <= GOAL,
        )
    ]
    ok = report.print_table(
        "Create: a case file (2 applicants, deadline, catalogued) vs a Document, POST over HTTP",
        rows,
        [
            f"medians of {args.count} creations each after {args.warmup} warm-up each, "
            "interleaved, one runwsgi process, "
            f"ZODB cache {instance.cache_size} objects for both sites",
            f"catalogued: {found['items_total']} case files, the last one's deadline "
            f"{last['completeness_deadline']}",
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
