"""Deliberation PDFs per second by LibreOffice pool size and concurrency.

    .venv/bin/python benchmarks/libreoffice.py [--pools 1,2] [--clients 1,2,4] [--seconds 20]

Sizing the LibreOffice workers of a deployment: for each pool size it starts
that many headless LibreOffice servers (own profiles, free ports) and, for
each client count, that many threads render the deliberation of the demo
(the template and values of benchmarks/documents.py) to PDF for a fixed time,
through appy exactly as collective.documentgenerator calls it (the UNO
wrapper, `ooPort` = the pool's ports: appy spreads the conversions over the
pool). It prints PDFs per second, the median and p95 of one PDF, and the
throughput per LibreOffice process. Exit 1 when a render fails.
"""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from statistics import median
from statistics import quantiles

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from documents import DemoValues  # noqa: E402
from imio.municipal.documents import libreoffice  # noqa: E402
from imio.municipal.documents.definitions import SPECS  # noqa: E402


def render_pdf(ports: list[int], uno: str, folder: Path) -> None:
    from appy.pod.renderer import Renderer

    result = folder / f"out-{threading.get_ident()}-{time.perf_counter_ns()}.pdf"
    Renderer(
        str(SPECS["deliberation"].path),
        {"view": DemoValues()},
        str(result),
        pythonWithUnoPath=uno,
        ooPort=ports if len(ports) > 1 else ports[0],
        forceOoCall=True,
        raiseOnError=True,
        html=True,
    ).run()
    if not result.read_bytes().startswith(b"%PDF"):
        raise RuntimeError(f"{result} is not a PDF")
    result.unlink()


def load(ports: list[int], uno: str, folder: Path, clients: int, seconds: float) -> dict:
    """`clients` threads rendering for `seconds`; the durations of each PDF."""
    durations: list[float] = []
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            start = time.perf_counter()
            render_pdf(ports, uno, folder)
            durations.append(time.perf_counter() - start)

    begin = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    elapsed = time.monotonic() - begin
    return {
        "pdfs": len(durations),
        "per_second": len(durations) / elapsed,
        "median": median(durations),
        "p95": quantiles(durations, n=20)[-1] if len(durations) > 1 else durations[0],
    }


def measure(pool_size: int, client_counts: list[int], seconds: float) -> list[dict]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-libreoffice-"))
    servers = []
    try:
        for index in range(pool_size):
            servers.append(
                libreoffice.Server(
                    port=libreoffice.free_port(), profile=tmp / f"profile-{index}"
                ).start()
            )
        ports = [server.port for server in servers]
        uno = libreoffice.write_uno_wrapper(tmp / "python-uno")
        for _warm_up in range(pool_size):  # each server loads its PDF filter once
            render_pdf(ports, uno, tmp)
        rows = []
        for clients in client_counts:
            row = load(ports, uno, tmp, clients, seconds)
            rows.append({"pool": pool_size, "clients": clients, **row})
            print(
                f"  pool {pool_size}, {clients} clients: {row['per_second']:.2f} PDF/s "
                f"({row['per_second'] / pool_size:.2f} per LibreOffice), "
                f"median {row['median'] * 1000:.0f} ms, p95 {row['p95'] * 1000:.0f} ms, "
                f"{row['pdfs']} PDFs",
                flush=True,
            )
        return rows
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def numbers(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pools", default=os.environ.get("BENCH_LO_POOLS", "1,2"))
    parser.add_argument("--clients", default=os.environ.get("BENCH_LO_CLIENTS", "1,2,4"))
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_SECONDS", 20)))
    args = parser.parse_args(argv)
    if not libreoffice.installed():
        sys.exit("LibreOffice is not installed (make libreoffice, as root).")
    print(f"Deliberation PDFs, {args.seconds:.0f} s per row, {os.cpu_count()} CPU cores")
    for pool_size in numbers(args.pools):
        measure(pool_size, numbers(args.clients), args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
