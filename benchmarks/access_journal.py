"""The access journal's cost on an agent's case file page.

    .venv/bin/python benchmarks/access_journal.py [--seconds S] [--connections C] [--rounds R]
        [--journal postgresql://USER@HOST:PORT/DBNAME]

One Zope process (runwsgi, four threads, free port) on a throwaway database
in var/bench/access-journal, its journal a SQLite file beside it, or the
PostgreSQL journal of ``--journal`` (an empty database: its tables are
emptied first). The
urbanism agent creates two identical case files over REST; one is flagged as
holding personal data (every view appends a row to the journal), the other
not (the same page, the same subscribers, nothing appended). wrk (or a
bounded loop of Python threads) GETs each HTML page, authenticated, for S
seconds with C connections, R rounds alternating. It prints the median
time per page of each, their ratio, and how many rows the journal holds.
Goal (issue 21): with / without ≤ 1.05.
"""

from pathlib import Path
from statistics import median

import argparse
import os
import sqlite3
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


GOAL = 1.05


def journal_rows(location: str) -> int:
    if location.startswith("postgresql://"):
        import psycopg2

        with psycopg2.connect(location) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM access")
            return cursor.fetchone()[0]
    with sqlite3.connect(location) as connection:
        return connection.execute("SELECT count(*) FROM access").fetchone()[0]


def empty_postgresql_journal(location: str) -> None:
    import psycopg2

    with psycopg2.connect(location) as connection, connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS access_person, access")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_throughput_arguments(parser)
    parser.add_argument("--journal", help="a postgresql:// URI (default: a SQLite file)")
    args = parser.parse_args(argv)

    instance = Instance("access-journal").reset(sites.base().var)
    if args.journal:
        journal = instance.access_journal = args.journal
        empty_postgresql_journal(journal)
    else:
        journal = str(instance.var / "access-journal.sqlite")
        Path(journal).unlink(missing_ok=True)
    os.environ["IMIO_MUNICIPAL_ACCESS_JOURNAL"] = journal
    auth = basic(sites.AGENT, sites.PASSWORD)
    with instance.serve() as url:
        agent = Client(url, sites.AGENT, sites.PASSWORD)
        targets = {}
        for name, personal in (("with journal", True), ("without", False)):
            _s, _h, dossier = agent.request(
                "POST",
                f"/{sites.PRODUCT}/namur/dossiers",
                json={**payloads.dossier(1), "personal_data": personal},
            )
            status, _h, _b = agent.request("GET", dossier["@id"], accept="text/html")
            if status != 200:
                raise RuntimeError(f"GET {dossier['@id']}: {status}")
            targets[name] = dossier["@id"]
        agent.close()
        rates = {name: [] for name in targets}
        tool = ""
        for round_ in range(args.rounds + 1):  # round 0 warms up
            # the order flips each round: neither page always runs first
            order = list(targets.items())[:: -1 if round_ % 2 else 1]
            for name, page_url in order:
                seconds = 3 if round_ == 0 else args.seconds
                result = requests_per_second(page_url, auth, seconds, args.connections)
                if result["non_2xx"]:
                    raise RuntimeError(f"{name}: {result}")
                tool = result["tool"]
                if round_:
                    rates[name].append(result["rps"])
    rows_written = journal_rows(journal)
    with_journal, without = median(rates["with journal"]), median(rates["without"])
    # each round's pair ran back to back under the same load: its ratio is
    # the steadier figure on a shared machine; the spread says how steady
    pairs = sorted(b / a for a, b in zip(rates["with journal"], rates["without"], strict=True) if a)
    rows = [
        report.Row(
            "case file page (product: with journal, vanilla: without)",
            1000 / with_journal,
            1000 / without,
            "ms/page",
            f"ratio ≤ {GOAL}",
            lambda row: row.ratio <= GOAL,
        )
    ]
    ok = report.print_table(
        "Access journal: an agent's case file page with and without journalling"
        + (" (PostgreSQL)" if args.journal else " (SQLite)"),
        rows,
        [
            f"{tool}, {args.connections} connections, {args.rounds} rounds of {args.seconds} s "
            "after a warm-up round, alternating; one runwsgi process (4 threads)",
            f"rounds: with journal {[round(r, 2) for r in rates['with journal']]}, "
            f"without {[round(r, 2) for r in rates['without']]} req/s",
            f"ratio per round (time with / without): median {median(pairs):.3f}, "
            f"min {pairs[0]:.3f}, max {pairs[-1]:.3f} over {len(pairs)} rounds",
            f"journal rows written: {rows_written}",
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
