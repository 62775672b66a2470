"""An agent viewing a case file's page, against viewing a vanilla Document.

    .venv/bin/python benchmarks/read.py [--seconds S] [--connections C] [--rounds R]

One Zope process (runwsgi, four threads, free port) serves both sites of a
throwaway database in var/bench/read. A service agent creates one case file
(two applicants) over REST, the vanilla agent one Document with the same
text; then wrk (or, without it, a bounded loop of Python threads) GETs each
HTML page, authenticated (Basic), for S seconds with C connections on
loopback, R rounds alternating product and vanilla. Authenticated pages are
not cached (no caching proxy, plone.app.caching answers them uncached: the
headers printed say so). It prints the median requests per second and
their ratio. Goal (issue 9): ratio at least 0.8.
"""

from pathlib import Path
from statistics import median

import argparse
import sys


sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import payloads  # noqa: E402
from lib import report  # noqa: E402
from lib import sites  # noqa: E402
from lib.instance import Instance  # noqa: E402
from lib.web import add_throughput_arguments  # noqa: E402
from lib.web import basic  # noqa: E402
from lib.web import Client  # noqa: E402
from lib.web import requests_per_second  # noqa: E402


GOAL = 0.8
CACHE_HEADERS = ("Cache-Control", "X-Cache-Rule", "X-Cache-Operation", "X-Cache", "Age")


def page(client: Client, url: str) -> dict:
    """GET the page once: it must be a 200 HTML page; its caching headers."""
    status, headers, body = client.request("GET", url, accept="text/html")
    if status != 200 or b"<html" not in body[:500].lower():
        raise RuntimeError(f"GET {url}: {status}")
    return {name: headers[name] for name in CACHE_HEADERS if name in headers}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_throughput_arguments(parser)
    args = parser.parse_args(argv)

    instance = Instance("read").reset(sites.base().var)
    with instance.serve() as url:
        agent = Client(url, sites.AGENT, sites.PASSWORD)
        vanilla = Client(url, sites.VANILLA_AGENT, sites.PASSWORD)
        _s, _h, dossier = agent.request(
            "POST", f"/{sites.PRODUCT}/namur/dossiers", json=payloads.dossier(1)
        )
        _s, _h, document = vanilla.request(
            "POST", f"/{sites.VANILLA}/{sites.VANILLA_FOLDER}", json=payloads.document(1)
        )
        targets = {
            "product": (dossier["@id"], basic(sites.AGENT, sites.PASSWORD)),
            "vanilla": (document["@id"], basic(sites.VANILLA_AGENT, sites.PASSWORD)),
        }
        headers = {
            "product": page(agent, dossier["@id"]),
            "vanilla": page(vanilla, document["@id"]),
        }
        rates = {"product": [], "vanilla": []}
        tool = ""
        for round_ in range(args.rounds + 1):  # round 0 warms up (templates, caches)
            for name, (page_url, auth) in targets.items():
                seconds = 3 if round_ == 0 else args.seconds
                result = requests_per_second(page_url, auth, seconds, args.connections)
                if result["non_2xx"]:
                    raise RuntimeError(f"{name}: {result}")
                tool = result["tool"]
                if round_:
                    rates[name].append(result["rps"])
        agent.close()
        vanilla.close()

    rows = [
        report.Row(
            "view page, authenticated",
            median(rates["product"]),
            median(rates["vanilla"]),
            "req/s",
            f"ratio ≥ {GOAL}",
            lambda row: row.ratio >= GOAL,
        )
    ]
    ok = report.print_table(
        "Read: an agent's case file page vs a vanilla Document page (uncached)",
        rows,
        [
            f"{tool}, {args.connections} connections, {args.rounds} rounds of {args.seconds} s "
            "each after a warm-up round, alternating; one runwsgi process (4 threads), "
            f"ZODB cache {instance.cache_size} objects for both sites",
            f"rounds: product {[round(r) for r in rates['product']]}, "
            f"vanilla {[round(r) for r in rates['vanilla']]} req/s",
            f"caching headers: product {headers['product'] or 'none'}, "
            f"vanilla {headers['vanilla'] or 'none'}",
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
