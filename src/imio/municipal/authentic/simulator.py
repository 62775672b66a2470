"""The BCED simulator: the national register and the BCE behind one HTTP endpoint.

Stdlib WSGI (thread-safe, in memory), for the demo and the tests, speaking
the protocol of :mod:`imio.municipal.authentic.client`::

    python -m imio.municipal.authentic.simulator --port 8230 --token demo-token

From Python (tests)::

    base_url, stop = serve_in_thread(token="t")

Every request needs ``Authorization: Bearer <token>`` and a purpose
(``X-Purpose``): without them it answers 401 / 403, like the real data bank
refuses an unauthorised request. ``POST /_sim/faults`` with
``{"mode": "down" | "slow" | "garbage" | "wrong-number" | "none"}`` makes the
next answers fail (503, slower than any client timeout, not JSON, about
another number) for the error paths.
"""

from http import HTTPStatus
from imio.municipal.exchange.simulator_server import make_threaded_server
from imio.municipal.exchange.simulator_server import serve_app_in_thread
from pathlib import Path

import argparse
import json
import signal
import sys
import threading
import time


FIXTURES = Path(__file__).parent / "fixtures" / "registry.json"
FAULT_MODES = ("none", "down", "slow", "garbage", "wrong-number")


class BcedSimulator:
    def __init__(self, token: str, slow_seconds: float = 15.0) -> None:
        data = json.loads(FIXTURES.read_text(encoding="utf-8"))
        self.token = token
        self.slow_seconds = slow_seconds
        self.records = {
            "persons": {p["niss"]: p for p in data["persons"]},
            "enterprises": {e["bce"]: e for e in data["enterprises"]},
        }
        self.fault = "none"
        self.requests: list[dict] = []
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        status, body = self.answer(environ)
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        phrase = HTTPStatus(status).phrase
        start_response(f"{status} {phrase}", [("Content-Type", "application/json")])
        return [payload]

    def answer(self, environ) -> tuple[int, object]:
        if environ.get("HTTP_AUTHORIZATION") != f"Bearer {self.token}":
            return 401, {"error": "unauthorised"}
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        if path == "/_sim/faults" and method == "POST":
            return self.set_fault(environ)
        if path == "/_sim/requests" and method == "GET":
            with self.lock:
                return 200, {"requests": list(self.requests)}
        parts = path.strip("/").split("/")
        if method != "GET" or len(parts) != 2 or parts[0] not in self.records:
            return 404, {"error": "no such resource"}
        purpose = environ.get("HTTP_X_PURPOSE", "")
        if not purpose:
            return 403, {"error": "a purpose is required"}
        with self.lock:
            self.requests.append(
                {"path": path, "purpose": purpose, "requester": environ.get("HTTP_X_REQUESTER")}
            )
            fault = self.fault
        return self.faulty(fault, parts) or self.found(parts)

    def faulty(self, fault: str, parts: list[str]) -> tuple[int, object] | None:
        if fault == "down":
            return 503, {"error": "service unavailable"}
        if fault == "slow":
            time.sleep(self.slow_seconds)
        if fault == "garbage":
            return 200, b"<html>maintenance</html>"
        if fault == "wrong-number":
            other = next(k for k in self.records[parts[0]] if k != parts[1])
            return 200, self.records[parts[0]][other]
        return None

    def found(self, parts: list[str]) -> tuple[int, object]:
        record = self.records[parts[0]].get(parts[1])
        return (200, record) if record else (404, {"error": "unknown number"})

    def set_fault(self, environ) -> tuple[int, object]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        try:
            mode = json.loads(environ["wsgi.input"].read(length) or b"{}").get("mode")
        except (ValueError, AttributeError):
            mode = None
        if mode not in FAULT_MODES:
            return 400, {"error": f"mode must be one of {', '.join(FAULT_MODES)}"}
        with self.lock:
            self.fault = mode
        return 200, {"mode": mode}


def serve_in_thread(token: str, slow_seconds: float = 15.0):
    """The simulator on a free port of loopback: ``(base_url, stop)``."""
    return serve_app_in_thread(BcedSimulator(token, slow_seconds))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="BCED simulator (national register, BCE)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8230)
    parser.add_argument("--token", required=True)
    args = parser.parse_args(argv)
    server = make_threaded_server(BcedSimulator(args.token), args.host, args.port)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"BCED simulator on http://{args.host}:{args.port}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
