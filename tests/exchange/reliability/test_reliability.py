"""Reliability target of issue 7: 500 messages, 30 % faults, a worker killed twice.

The test runs the product as it runs in production, on loopback only:

- its own ZEO server over a FileStorage in a temporary directory (worker
  processes cannot reach a test layer's in-memory storage);
- a Plone site created there by ``scripts/create_site.py --no-demo`` through
  ``zconsole run``, then Namur (INS 92094) sending to the Guichet over HTTP and
  500 outbox messages, each a valid PIC package whose manifest messageId is
  the message id (``populate.py``, a second zconsole script);
- the regional simulator in this process, answering 30 % of the requests
  with a fault of every kind (HTTP 500, 429, timeout, dropped connection,
  network duplicate; seeded);
- two ``municipal-exchange-worker`` processes (ZEO clients), one of them
  killed with SIGKILL twice while it works and started again each time.

It ends when every message is acknowledged (read through a ZEO client
connection of this process), then checks that nothing was lost and nothing
recorded twice. The figures are printed (``-s``) and written to
``last-run.json`` next to this file when IMIO_MUNICIPAL_RELIABILITY_REPORT is set.

    .venv/bin/pytest -m reliability -s
"""

from datetime import datetime
from datetime import UTC
from imio.municipal.exchange.simulator import serve_in_thread
from imio.municipal.exchange.simulator_state import FAULT_KINDS
from pathlib import Path
from zeo_cluster import Cluster
from zeo_cluster import REPO
from zeo_cluster import tail
from zeo_cluster import VENV_BIN

import collections
import json
import os
import platform
import pytest
import requests
import time
import transaction


pytestmark = pytest.mark.reliability

HERE = Path(__file__).parent
MESSAGES = 500
SITE = "Plone"
TOKEN = "reliability-token"
OUTBOX_KEY = "imio.municipal.outbox"
FAULTS = {
    "fault_rate": 0.3,
    "fault_kinds": FAULT_KINDS,
    "fault_seed": 20261128,
    # a "timeout" fault answers after 1 s: the worker gave up after 0.5 s
    "timeout_seconds": 1.0,
}
WORKER_OPTIONS = ["--interval", "0.2", "--connect-timeout", "1", "--read-timeout", "0.5"]
# Timing tuned so that 30 % faults converge in seconds, not hours.
WORKER_ENV = {
    "IMIO_MUNICIPAL_EXCHANGE_MAX_ATTEMPTS": "50",
    "IMIO_MUNICIPAL_EXCHANGE_BACKOFF_BASE": "0.05",
    "IMIO_MUNICIPAL_EXCHANGE_BACKOFF_CAP": "1",
    "IMIO_MUNICIPAL_EXCHANGE_LEASE": "3",
    "IMIO_MUNICIPAL_TOKEN_GUICHET": TOKEN,
}
# The victim is killed (SIGKILL) while it holds a claim, once this many
# messages are acknowledged, then its second life once this many are.
KILL_AT = (100, 250)
DEADLINE = 240  # seconds for the deliveries, kills and restarts included


class OutboxReader:
    """The outbox as the database holds it, through a ZEO client of this process."""

    def __init__(self, address) -> None:
        import ZEO

        self.db = ZEO.DB(address, wait_timeout=30)
        self.manager = transaction.TransactionManager()
        self.connection = self.db.open(transaction_manager=self.manager)

    def outbox(self):
        self.manager.begin()  # sees what the workers committed since
        portal = self.connection.root()["Application"][SITE]
        return portal.__annotations__[OUTBOX_KEY]

    def states(self) -> collections.Counter:
        return collections.Counter(m.state for m in self.outbox().messages.values())

    def claimed_by(self) -> set:
        return {m.claimed_by for m in self.outbox().messages.values() if m.claimed_by}

    def close(self) -> None:
        self.manager.abort()
        self.connection.close()
        self.db.close()


def start_worker(cluster: Cluster, worker_id: str):
    return cluster.spawn(
        worker_id,
        [
            VENV_BIN / "municipal-exchange-worker",
            "--zope-conf",
            cluster.zope_conf,
            "--site",
            SITE,
            "--worker-id",
            worker_id,
            *WORKER_OPTIONS,
        ],
        env=WORKER_ENV,
    )


def run_workers(cluster: Cluster, reader: OutboxReader, figures: dict) -> None:
    """Two workers until every message is acknowledged; one killed twice."""
    stable = start_worker(cluster, "worker-b")
    lives = ["worker-a"]
    victim = start_worker(cluster, lives[-1])
    kills = figures["kills"] = []
    started = time.monotonic()
    deadline = started + DEADLINE
    while True:
        states = reader.states()
        done = states.get("acknowledged", 0)
        elapsed = round(time.monotonic() - started, 1)
        if done == MESSAGES:
            break
        assert not states.get("failed"), f"messages failed: {states}"
        assert time.monotonic() < deadline, f"not all acknowledged after {DEADLINE} s: {states}"
        for process in (stable, victim):
            assert process.poll() is None, f"a worker ended:\n{tail(process.log_path)}"
        if len(kills) < len(KILL_AT) and done >= KILL_AT[len(kills)]:
            # Killed while it holds a claim (the restarted one: once at work).
            if lives[-1] in reader.claimed_by():
                cluster.kill(victim)
                kills.append({"worker": lives[-1], "acknowledged": done, "at_seconds": elapsed})
                lives.append(f"worker-a-{len(lives) + 1}")
                victim = start_worker(cluster, lives[-1])
        time.sleep(0.25)
    figures["delivery_seconds"] = round(time.monotonic() - started, 1)
    figures["workers"] = ["worker-b", *lives]
    for process in (victim, stable):
        cluster.stop(process)
    # SIGTERM: each finishes its round and closes the database.
    figures["exit_codes_after_sigterm"] = [victim.returncode, stable.returncode]


def check(reader: OutboxReader, region: str, figures: dict) -> None:
    outbox = reader.outbox()
    messages = list(outbox.messages.values())
    receipts = [m.receipt_id for m in messages]
    auth = {"Authorization": f"Bearer {TOKEN}"}
    stats = requests.get(f"{region}/_sim/stats", headers=auth, timeout=5).json()
    state = requests.get(f"{region}/_sim/state", headers=auth, timeout=30).json()
    region_receipts = {
        key: record["receipt_id"] for key, record in state["records"]["guichet"].items()
    }
    acknowledged_events = [
        sum(text.startswith("acknowledged:") for _when, text in m.events) for m in messages
    ]
    attempts = [m.attempts for m in messages]
    figures.update(
        messages=len(messages),
        states=dict(collections.Counter(m.state for m in messages)),
        distinct_receipts=len(set(receipts) - {None}),
        by_receipt=len(outbox.by_receipt),
        deliveries=stats["deliveries"],
        distinct_keys=stats["distinct_keys"],
        duplicates_answered_with_the_original_receipt=stats["duplicates"],
        region_receipts=stats["receipts"],
        faults=stats["faults"],
        faults_total=sum(stats["faults"].values()),
        failed_attempts=sum(attempts),
        max_failed_attempts_of_a_message=max(attempts),
        leases_taken_over=sum(
            any("taken over" in text for _when, text in m.events) for m in messages
        ),
        repeated_receipts_ignored=sum(
            sum(text.startswith("repeated receipt") for _when, text in m.events) for m in messages
        ),
    )
    print("\nReliability figures:\n" + json.dumps(figures, indent=2))
    # The figures of docs/exchange.md: written only when asked for, so that a test
    # run leaves the working tree clean.
    if os.environ.get("IMIO_MUNICIPAL_RELIABILITY_REPORT"):
        (HERE / "last-run.json").write_text(json.dumps(figures, indent=2) + "\n")

    # Every message acknowledged, with one receipt, its own.
    assert len(messages) == MESSAGES
    assert figures["states"] == {"acknowledged": MESSAGES}
    assert None not in receipts
    assert acknowledged_events == [1] * MESSAGES
    assert len(set(receipts)) == MESSAGES
    assert len({m.obj_uid for m in messages}) == MESSAGES  # one receipt per object
    assert len(outbox.by_receipt) == MESSAGES
    assert {r: outbox.by_receipt[r] for r in receipts} == {m.receipt_id: m.id for m in messages}
    # The region stored each message once and the product holds its receipt.
    assert stats["receipts"] == MESSAGES
    assert stats["distinct_keys"] == MESSAGES
    assert region_receipts == {m.id: m.receipt_id for m in messages}
    assert all(record["message_id"] == key for key, record in state["records"]["guichet"].items())
    # Faults did happen: retries, duplicates, every kind.
    assert stats["deliveries"] > MESSAGES
    assert stats["duplicates"] > 0
    assert all(stats["faults"][kind] > 0 for kind in FAULT_KINDS), stats["faults"]
    assert len(figures["kills"]) == len(KILL_AT)
    assert figures["exit_codes_after_sigterm"] == [0, 0]


def test_500_messages_faults_and_killed_workers(tmp_path):
    begin = time.monotonic()
    figures = {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "messages_enqueued": MESSAGES,
    }
    figures["simulator"] = {
        key: list(v) if key == "fault_kinds" else v for key, v in FAULTS.items()
    }
    figures["worker"] = {"options": " ".join(WORKER_OPTIONS)} | {
        key.removeprefix("IMIO_MUNICIPAL_EXCHANGE_"): value
        for key, value in WORKER_ENV.items()
        if "TOKEN" not in key
    }
    region, stop_region = serve_in_thread({"token": TOKEN, "outcome": "none", **FAULTS})
    cluster = Cluster(tmp_path)
    reader = None
    try:
        cluster.start_zeo()
        cluster.zconsole("create-site", REPO / "scripts" / "create_site.py", "--no-demo")
        ids_file = tmp_path / "ids.json"
        cluster.zconsole(
            "populate",
            HERE / "populate.py",
            "--site",
            SITE,
            "--url",
            region,
            "--count",
            MESSAGES,
            "--ids",
            ids_file,
        )
        assert len(json.loads(ids_file.read_text())) == MESSAGES
        figures["setup_seconds"] = round(time.monotonic() - begin, 1)
        reader = OutboxReader(cluster.address)
        assert reader.states() == {"pending": MESSAGES}
        try:
            run_workers(cluster, reader, figures)
        except AssertionError:
            for log in sorted(cluster.logs.glob("worker-*.log")):
                print(f"--- {log.name}\n{tail(log)}")
            raise
        figures["total_seconds"] = round(time.monotonic() - begin, 1)
        check(reader, region, figures)
    finally:
        if reader is not None:
            reader.close()
        cluster.stop_all()
        stop_region()
