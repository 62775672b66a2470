"""Anonymous throughput of a municipality home with one, then two Zope processes.

    .venv/bin/python benchmarks/cluster.py [--url http://localhost:8090/Plone/namur]
        [--duration 10] [--connections 4]

Uses the cluster of ``make run-cluster`` (RelStorage + PostgreSQL, two Zope
processes behind HAProxy): when it does not run, the script starts it with
``scripts/cluster.sh start`` and stops it at the end. Both measurements go
through HAProxy on port 8090, with the same load (same URL, connections and
duration, after the same warm-up of both processes):

1. one process: the second backend is put in maintenance through HAProxy's
   runtime API (``disable server``), so every request goes to the first;
2. two processes: the backend is enabled again (round-robin);

three rounds of both by default, the medians compared.

The load comes from ``wrk`` (Debian package, installed when run as root and
missing), or else from a bounded Python loop with as many threads as
connections. Each run is checked: every response 200 and, with two
processes, both served requests. Prints requests per second for both and
their ratio (issue 9's goal: at least 1.7). A second process can only help
if a second core is free: measure on an otherwise idle machine (the load
average before the runs is printed).
"""

from pathlib import Path

import argparse
import concurrent.futures
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse


REPO = Path(__file__).resolve().parents[1]
CLUSTER = REPO / "var" / "cluster"
SOCKET = CLUSTER / "run" / "haproxy.sock"
BACKEND = "zope"
GOAL = 1.7


def haproxy(command: str) -> str:
    """A command of HAProxy's runtime API; its answer."""
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(5)
        sock.connect(str(SOCKET))
        sock.sendall(command.encode() + b"\n")
        return b"".join(iter(lambda: sock.recv(65536), b"")).decode()


def servers() -> dict[str, dict]:
    """HAProxy's backend servers: name -> {status, total requests}."""
    lines = haproxy("show stat").splitlines()
    header = lines[0].lstrip("# ").split(",")
    found = {}
    for line in lines[1:]:
        row = dict(zip(header, line.split(","), strict=False))
        if row.get("pxname") == BACKEND and row.get("svname", "").startswith("zope-"):
            found[row["svname"]] = {"status": row["status"], "requests": int(row["stot"] or 0)}
    return found


def wait_status(name: str, wanted: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if servers()[name]["status"].startswith(wanted):
            return
        time.sleep(0.5)
    raise RuntimeError(f"{name} is not {wanted} after {timeout} s: {servers()[name]}")


def cluster_runs() -> bool:
    if not SOCKET.exists():
        return False
    try:
        return bool(servers())
    except OSError:
        return False


def get(url: str, timeout: float = 60) -> int:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path or "/")
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def ensure_wrk() -> str | None:
    wrk = shutil.which("wrk")
    if wrk is None and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (Debian package)...")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        # a fresh machine has no package lists yet
        for command in (["update"], ["install", "-y", "--no-install-recommends", "wrk"]):
            subprocess.run(  # noqa: S603 (Debian's apt-get, fixed arguments)
                ["apt-get", *command],  # noqa: S607
                check=False,
                stdout=subprocess.DEVNULL,
                env=env,
                timeout=600,
            )
        wrk = shutil.which("wrk")
    return wrk


def run_wrk(wrk: str, url: str, duration: int, connections: int) -> dict:
    threads = min(2, connections)
    output = subprocess.run(  # noqa: S603 (wrk found on PATH, our arguments)
        [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", url],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    latency = re.search(r"Latency\s+(\S+)", output).group(1)
    return {
        "tool": "wrk",
        "requests": requests,
        "rate": rate,
        "failed": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "mean_latency": latency,
    }


def run_loop(url: str, duration: int, connections: int) -> dict:
    """The same load without wrk: one thread per connection, for ``duration`` s."""
    deadline = time.monotonic() + duration

    def client() -> tuple[int, int, float]:
        done = failed = 0
        spent = 0.0
        while time.monotonic() < deadline:
            begin = time.monotonic()
            try:
                failed += get(url, timeout=30) != 200
            except OSError:
                failed += 1
            spent += time.monotonic() - begin
            done += 1
        return done, failed, spent

    begin = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        results = list(pool.map(lambda _: client(), range(connections)))
    elapsed = time.monotonic() - begin
    requests = sum(r[0] for r in results)
    return {
        "tool": "python loop",
        "requests": requests,
        "rate": requests / elapsed,
        "failed": sum(r[1] for r in results),
        "socket_errors": "",
        "mean_latency": f"{sum(r[2] for r in results) / max(requests, 1) * 1000:.0f}ms",
    }


def measure(wrk, url, duration, connections) -> dict:
    before = {name: s["requests"] for name, s in servers().items()}
    if wrk:
        result = run_wrk(wrk, url, duration, connections)
    else:
        result = run_loop(url, duration, connections)
    after = servers()
    result["per_process"] = {name: after[name]["requests"] - before[name] for name in after}
    return result


def describe(result: dict) -> str:
    spread = ", ".join(f"{n} {c}" for n, c in sorted(result["per_process"].items()))
    errors = f", socket errors {result['socket_errors']}" if result["socket_errors"] else ""
    return (
        f"{result['rate']:7.1f} req/s  ({result['requests']} requests, mean latency "
        f"{result['mean_latency']}, {result['failed']} not 200{errors}; served by {spread})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://localhost:8090/Plone/namur")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--warmup", type=int, default=20, help="requests per process first")
    parser.add_argument("--rounds", type=int, default=3, help="1-then-2 measurements (median)")
    options = parser.parse_args()

    started_here = False
    if not cluster_runs():
        print("The cluster does not run: starting it (scripts/cluster.sh start)...")
        subprocess.run([REPO / "scripts" / "cluster.sh", "start"], check=True, timeout=900)  # noqa: S603
        started_here = True
    try:
        names = sorted(servers())
        if len(names) < 2:
            print(f"Need two Zope processes behind HAProxy, found {names}")
            return 0
        first, second = names[:2]
        # Warm both processes (templates compiled, caches filled) through
        # their own ports, so that neither measurement pays for a cold start.
        for name in (first, second):
            port = int(name.removeprefix("zope-"))
            direct = urllib.parse.urlsplit(options.url)._replace(netloc=f"localhost:{port}")
            for _ in range(options.warmup):
                assert get(direct.geturl()) == 200, f"{direct.geturl()} does not answer 200"

        wrk = ensure_wrk()
        load = os.getloadavg()
        print(
            f"\nAnonymous GET {options.url}: {options.connections} connections, "
            f"{options.rounds} rounds of {options.duration} s with 1 then 2 processes, "
            f"{wrk and 'wrk' or 'a Python loop'}; {os.cpu_count()} CPUs, "
            f"load average before {load[0]:.2f}"
        )
        rounds = []
        for number in range(1, options.rounds + 1):
            # alternating 1 and 2 within each round: a change of the machine's
            # load touches both sides alike
            haproxy(f"disable server {BACKEND}/{second}")
            try:
                wait_status(second, "MAINT")
                one = measure(wrk, options.url, options.duration, options.connections)
            finally:
                haproxy(f"enable server {BACKEND}/{second}")
            wait_status(second, "UP")
            two = measure(wrk, options.url, options.duration, options.connections)
            rounds.append((one, two))
            print(f"  round {number}:")
            for label, result in (("1 Zope process ", one), ("2 Zope processes", two)):
                print(f"    {label}: {describe(result)}")

        one_rate = statistics.median(one["rate"] for one, _ in rounds)
        two_rate = statistics.median(two["rate"] for _, two in rounds)
        ratio = two_rate / one_rate if one_rate else 0.0
        verdict = "goal met" if ratio >= GOAL else "goal NOT met"
        print(
            f"  median: 1 process {one_rate:.1f} req/s, 2 processes {two_rate:.1f} req/s; "
            f"ratio 2/1: {ratio:.2f}  (goal >= {GOAL}: {verdict})"
        )
        if any(result["failed"] for pair in rounds for result in pair):
            print("  WARNING: some responses were not 200: the figures are not valid")
        if not all(two["per_process"].get(name) for _, two in rounds for name in (first, second)):
            print("  WARNING: with two processes, one of them served nothing")
    finally:
        if started_here:
            subprocess.run(  # noqa: S603 (our own script)
                [REPO / "scripts" / "cluster.sh", "stop"], check=False, timeout=300
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
