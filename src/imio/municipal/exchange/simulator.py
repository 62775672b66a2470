"""The regional endpoint simulator: e-Tutelle, the Guichet (PIC) and the permit platform.

A small WSGI application (stdlib only, thread-safe, in-memory state, saved to
a JSON file with ``--state``) implementing the exchange protocol 1.0 of
``docs/exchange/README.md``, for the tests and the demo::

    municipal-region-simulator --port 8200 --token demo-token --outcome approve --outcome-after 30

From Python (tests)::

    base_url, stop = serve_in_thread({"token": "t", "timeout_seconds": 0.5})
    ...
    stop()

Every request needs ``Authorization: Bearer <token>``, the control API
(``/_sim/*``: 401 without a token, 403 with a wrong one) too. The
fault injection (``POST /_sim/faults``) gives a share of the requests to the
regional endpoints an HTTP 500, a 429 with ``Retry-After``, a slow answer
(``timeout``), a connection closed without answer (``drop``) or a network
duplicate (``duplicate``); ``POST /_sim/items`` publishes a bad item
(an extension of 9999 days, a date that is not one, another municipality's
receipt ...) for the client's checks.
"""

from collections.abc import Callable
from dataclasses import fields
from http import HTTPStatus
from imio.municipal.exchange.package import read_package
from imio.municipal.exchange.package import sha256_hex
from imio.municipal.exchange.permits import validate_json
from imio.municipal.exchange.simulator_server import DropConnection
from imio.municipal.exchange.simulator_server import make_threaded_server
from imio.municipal.exchange.simulator_server import serve_app_in_thread
from imio.municipal.exchange.simulator_state import DELIVER_TO
from imio.municipal.exchange.simulator_state import FAULT_KINDS
from imio.municipal.exchange.simulator_state import now_iso
from imio.municipal.exchange.simulator_state import OUTCOME_MODES
from imio.municipal.exchange.simulator_state import SimulatorConfig
from imio.municipal.exchange.simulator_state import SimulatorState
from imio.municipal.exchange.validation import validate
from urllib.parse import parse_qs

import argparse
import json
import re
import signal
import sys
import time


__all__ = [
    "DropConnection",
    "Simulator",
    "SimulatorConfig",
    "main",
    "make_app",
    "make_threaded_server",
    "serve_app_in_thread",
    "serve_in_thread",
]

PROTOCOL_VERSION = "1.0"
SUBMISSION_TARGETS = {
    "/etutelle/1.0/submissions": ("etutelle", "etutelle-1.0"),
    "/guichet/1.0/pic-plans": ("guichet", "pic-1.0"),
}
POLL_TARGETS = {"/etutelle/1.0/outcomes": "etutelle", "/guichet/1.0/decisions": "guichet"}
_NOTIFICATIONS = re.compile(r"^/permits/1\.0/instances/(?P<ins>[^/]+)/notifications$")
_NOTIFICATION = re.compile(r"^/permits/1\.0/notifications/(?P<id>[^/]+)/(?P<action>ack|responses)$")
_NS = {
    "etutelle": {"m": "urn:imio:municipal:etutelle:1.0"},
    "guichet": {"m": "urn:imio:municipal:pic:1.0"},
}


class Reply:
    """An answer: status, JSON body, extra headers."""

    def __init__(self, status: int, body: object = None, headers: dict | None = None) -> None:
        self.status = status
        self.body = body
        self.headers = headers or {}


def error(status: int, code: str, message: str, **extra) -> Reply:
    return Reply(status, {"error": {"code": code, "message": message, **extra}})


class Request:
    def __init__(self, environ: dict) -> None:
        self.method = environ["REQUEST_METHOD"].upper()
        self.path = environ.get("PATH_INFO", "") or "/"
        self.query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        self.headers = environ
        length = environ.get("CONTENT_LENGTH") or "0"
        size = int(length) if length.isdigit() else 0
        self.body = environ["wsgi.input"].read(size) if size else b""

    def header(self, name: str) -> str:
        return self.headers.get("HTTP_" + name.upper().replace("-", "_"), "") or ""

    @property
    def content_type(self) -> str:
        return (self.headers.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()


class Simulator:
    """The WSGI application; ``state`` holds what it received."""

    def __init__(self, config: SimulatorConfig) -> None:
        self.config = config
        self.state = SimulatorState(config)

    # -- WSGI ---------------------------------------------------------------

    def __call__(self, environ: dict, start_response: Callable) -> list[bytes]:
        request = Request(environ)
        if request.path.startswith("/_sim/"):
            reply = self.refusal(request) or self.control(request)
        else:
            reply = self.regional(request)
        status = HTTPStatus(reply.status)
        payload = b"" if reply.body is None else json.dumps(reply.body, ensure_ascii=False)
        data = payload.encode("utf-8") if isinstance(payload, str) else payload
        headers = [("Content-Type", "application/json; charset=utf-8")] if data else []
        headers += [("Content-Length", str(len(data)))]
        headers += [(key, str(value)) for key, value in reply.headers.items()]
        start_response(f"{status.value} {status.phrase}", headers)
        return [data]

    def regional(self, request: Request) -> Reply:
        if not self.authorized(request):
            return Reply(
                401,
                {"error": {"code": "unauthorized", "message": "A valid bearer token is required."}},
                {"WWW-Authenticate": 'Bearer realm="region"'},
            )
        route = self.route(request)
        if isinstance(route, Reply):
            return route
        handler, duplicable = route
        if duplicable:
            with self.state.lock:
                self.state.deliveries += 1
                key = request.header("Idempotency-Key")
                if key:
                    self.state.seen_keys.add(f"{request.path}:{key}")
        fault = self.state.draw_fault(duplicable)
        if fault == "http500":
            return error(500, "internal_error", "Simulated server error; try again later.")
        if fault == "http429":
            return Reply(
                429,
                {"error": {"code": "too_many_requests", "message": "Slow down; retry later."}},
                {"Retry-After": "1"},
            )
        if fault == "drop":
            if self.state.coin():
                handler(request)
            raise DropConnection("simulated dropped connection")
        reply = handler(request)
        if fault == "duplicate":
            with self.state.lock:
                self.state.deliveries += 1
            reply = handler(request)
        if fault == "timeout":
            time.sleep(self.state.faults.timeout_seconds)
        return reply

    def refusal(self, request: Request) -> Reply | None:
        """Control needs the token too: 401 without one, 403 with a wrong one."""
        if not request.header("Authorization"):
            return Reply(
                401,
                {"error": {"code": "unauthorized", "message": "A valid bearer token is required."}},
                {"WWW-Authenticate": 'Bearer realm="region-control"'},
            )
        if not self.authorized(request):
            return error(403, "forbidden", "This token does not give access to the control API.")
        return None

    def authorized(self, request: Request) -> bool:
        scheme, _, token = request.header("Authorization").partition(" ")
        return scheme.lower() == "bearer" and token.strip() in self.config.token

    def route(self, request: Request) -> tuple[Callable[[Request], Reply], bool] | Reply:
        path, method = request.path, request.method
        if path in SUBMISSION_TARGETS:
            if method != "POST":
                return error(405, "method_not_allowed", f"{path} accepts POST only.")
            return self.submit, True
        if path in POLL_TARGETS:
            if method != "GET":
                return error(405, "method_not_allowed", f"{path} accepts GET only.")
            return self.poll, False
        if _NOTIFICATIONS.match(path):
            if method != "GET":
                return error(405, "method_not_allowed", f"{path} accepts GET only.")
            return self.notifications, False
        match = _NOTIFICATION.match(path)
        if match:
            if method != "POST":
                return error(405, "method_not_allowed", f"{path} accepts POST only.")
            if match["action"] == "ack":
                return self.ack, False
            return self.respond, True
        return error(404, "not_found", f"No endpoint {method} {path}.")

    # -- e-Tutelle and Guichet ---------------------------------------------

    def _repeat(self, target: str, key: str, digest: str) -> Reply | None:
        """The answer to a key already received (under the state lock), else None."""
        record = self.state.records[target].get(key)
        if record is None:
            return None
        if record["body_sha256"] != digest:
            return error(
                409,
                "idempotency_key_reused",
                f"The Idempotency-Key {key} was used for a different request body.",
            )
        self.state.duplicates += 1
        self.state.save()
        return Reply(200, record["answer"])

    def submit(self, request: Request) -> Reply:
        target, schema = SUBMISSION_TARGETS[request.path]
        key = request.header("Idempotency-Key")
        if not key:
            return error(400, "missing_idempotency_key", "The Idempotency-Key header is required.")
        if request.content_type != "application/zip":
            return error(415, "unsupported_media_type", "Send the ZIP package as application/zip.")
        digest = sha256_hex(request.body)
        with self.state.lock:
            repeated = self._repeat(target, key, digest)
        if repeated:
            return repeated
        try:
            manifest, files = read_package(request.body)
        except ValueError as problem:
            return error(422, "invalid_package", str(problem), errors=[str(problem)])
        problems = validate(manifest, schema)
        if problems:
            return error(
                422,
                "invalid_manifest",
                f"The manifest does not follow the {schema} format.",
                errors=problems,
            )
        from lxml import etree

        root = etree.fromstring(manifest)
        ns = _NS[target]
        if target == "etutelle":
            reference = root.findtext("m:act/m:number", "", ns)
        else:
            reference = root.findtext("m:plan/m:title", "", ns)
        with self.state.lock:
            repeated = self._repeat(target, key, digest)
            if repeated:
                return repeated
            moment = time.time()
            answer = {
                "receipt_id": self.state.next_id(target, moment),
                "message_id": root.findtext("m:messageId", "", ns),
                "received_at": now_iso(moment),
                "status": "received",
            }
            record = {
                **answer,
                "answer": answer,
                "idempotency_key": key,
                "body_sha256": digest,
                "ins_code": root.findtext("m:sender/m:insCode", "", ns),
                "reference": reference,
                "manifest": manifest.decode("utf-8"),
                "files": {name: sha256_hex(data) for name, data in files.items()},
            }
            self.state.schedule(record, target, moment)
            self.state.records[target][key] = record
            self.state.save()
        return Reply(201, answer)

    def poll(self, request: Request) -> Reply:
        target = POLL_TARGETS[request.path]
        ins = request.query.get("ins", "")
        after = request.query.get("after", "0") or "0"
        limit = request.query.get("limit", "100") or "100"
        if not re.fullmatch(r"\d{5}", ins):
            return error(400, "invalid_ins", f"ins must be an INS code of 5 digits, not {ins!r}.")
        if not after.isdigit() or not limit.isdigit() or not 1 <= int(limit) <= 1000:
            return error(
                400,
                "invalid_cursor",
                "after must be a cursor (an integer, 0 or more) and limit 1 to 1000.",
            )
        with self.state.lock:
            self.state.publish_due(target, time.time())
            items = [
                {key: value for key, value in item.items() if key != DELIVER_TO}
                for item in self.state.published[target]
                if item.get(DELIVER_TO, item.get("ins_code")) == ins and item["cursor"] > int(after)
            ][: int(limit)]
            self.state.save()
        cursor = items[-1]["cursor"] if items else int(after)
        return Reply(200, {"items": items, "cursor": cursor})

    # -- Permit platform ------------------------------------------------------

    def notifications(self, request: Request) -> Reply:
        ins = _NOTIFICATIONS.match(request.path)["ins"]
        status = request.query.get("status")
        if status not in (None, "pending", "acknowledged"):
            return error(400, "invalid_status", "status must be pending or acknowledged.")
        with self.state.lock:
            items = [
                notification
                for notification in self.state.notifications.values()
                if notification["ins_code"] == ins
                and (status is None or notification["status"] == status)
            ]
        return Reply(200, {"items": items})

    def ack(self, request: Request) -> Reply:
        identifier = _NOTIFICATION.match(request.path)["id"]
        with self.state.lock:
            notification = self.state.notifications.get(identifier)
            if notification is None:
                return error(404, "not_found", f"No notification {identifier}.")
            notification["status"] = "acknowledged"
            self.state.save()
        return Reply(200, {"id": identifier, "status": "acknowledged"})

    def respond(self, request: Request) -> Reply:
        identifier = _NOTIFICATION.match(request.path)["id"]
        key = request.header("Idempotency-Key")
        if not key:
            return error(400, "missing_idempotency_key", "The Idempotency-Key header is required.")
        with self.state.lock:
            if identifier not in self.state.notifications:
                return error(404, "not_found", f"No notification {identifier}.")
        digest = sha256_hex(request.body)
        with self.state.lock:
            repeated = self._repeat("permits", key, digest)
        if repeated:
            return repeated
        try:
            data = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as problem:
            return error(400, "invalid_json", f"The body is not JSON: {problem}.")
        problems = validate_json(data, "permit-response-1.0")
        if problems:
            return error(
                422,
                "invalid_response",
                "The response does not follow the permit-response-1.0 format.",
                errors=problems,
            )
        with self.state.lock:
            repeated = self._repeat("permits", key, digest)
            if repeated:
                return repeated
            moment = time.time()
            answer = {
                "response_id": self.state.next_id("permits", moment),
                "notification_id": identifier,
                "received_at": now_iso(moment),
            }
            self.state.records["permits"][key] = {
                **answer,
                "answer": answer,
                "idempotency_key": key,
                "body_sha256": digest,
                "kind": data["kind"],
                "dossier_reference": data["dossier_reference"],
                "decision": data.get("decision"),
                "complete": data.get("complete"),
            }
            self.state.save()
        return Reply(201, answer)

    # -- Control (/_sim/*, same token) ----------------------------------------

    def control(self, request: Request) -> Reply:
        action = (request.method, request.path)
        if action == ("GET", "/_sim/stats"):
            return Reply(200, self.state.stats())
        if action == ("GET", "/_sim/state"):
            return Reply(200, self.state.dump())
        if action == ("POST", "/_sim/reset"):
            self.state.reset()
            return Reply(200, self.state.stats())
        if action == ("GET", "/_sim/faults"):
            return Reply(200, self.state.faults.as_dict())
        try:
            data = json.loads(request.body.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError) as problem:
            return error(400, "invalid_json", f"The body is not JSON: {problem}.")
        if not isinstance(data, dict):
            return error(400, "invalid_json", "The body must be a JSON object.")
        if action == ("POST", "/_sim/faults"):
            try:
                self.state.set_faults(
                    data.get("rate", 0.0),
                    data.get("kinds", list(FAULT_KINDS)),
                    data.get("seed"),
                    data.get("timeout_seconds"),
                )
            except ValueError as problem:
                return error(400, "invalid_faults", str(problem))
            return Reply(200, self.state.faults.as_dict())
        if action == ("POST", "/_sim/outcomes"):
            return self.force_outcome(data)
        if action == ("POST", "/_sim/items"):
            return self.inject_item(data)
        if action == ("POST", "/_sim/notifications"):
            problems = validate_json(data, "permit-notification-1.0")
            if problems:
                return error(422, "invalid_notification", "Not a notification.", errors=problems)
            with self.state.lock:
                self.state.notifications[data["id"]] = data
                self.state.save()
            return Reply(201, data)
        return error(404, "not_found", f"No endpoint {request.method} {request.path}.")

    def force_outcome(self, data: dict) -> Reply:
        """Publish an outcome for a receipt now: ``{"receipt_id", "outcome", ...}``."""
        allowed = {
            "etutelle": ("approved", "annulled", "extended"),
            "guichet": ("approved", "to_correct"),
        }
        with self.state.lock:
            found = self.state.find_receipt(str(data.get("receipt_id")))
            if found is None or found[0] not in allowed:
                return error(404, "not_found", f"No receipt {data.get('receipt_id')!r}.")
            target, record = found
            if data.get("outcome") not in allowed[target]:
                return error(
                    400,
                    "invalid_outcome",
                    f"outcome must be one of {', '.join(allowed[target])}.",
                )
            item = self.state.publish(
                target,
                record,
                data["outcome"],
                extension_days=data.get("extension_days"),
                comment=data.get("comment"),
            )
            self.state.save()
        return Reply(201, item)

    def inject_item(self, data: dict) -> Reply:
        """Publish an item as given, right or wrong (to test the client's checks):
        ``{"target", "receipt_id"?, "outcome"?, "item"?, "omit"?, "deliver_to"?}``.

        With a known ``receipt_id`` the item starts as the outcome the region
        would publish for it (``outcome``, by default approved); ``item``'s fields
        replace or add to it (any JSON); ``omit`` lists fields to leave out;
        ``deliver_to`` is the INS code whose polls get it (default: the item's).
        """
        target = data.get("target")
        if target not in POLL_TARGETS.values():
            return error(400, "invalid_target", "target must be etutelle or guichet.")
        fields_ = data.get("item", {})
        omit = data.get("omit", [])
        if not isinstance(fields_, dict) or not isinstance(omit, list):
            return error(400, "invalid_item", "item must be an object and omit a list.")
        with self.state.lock:
            base = {}
            found = self.state.find_receipt(str(data.get("receipt_id")))
            if found is not None and found[0] == target:
                outcome = data.get("outcome") or "approved"
                base = self.state.outcome_item(target, found[1], outcome)
            elif "receipt_id" in data:
                base = {"receipt_id": data["receipt_id"]}
            item = {k: v for k, v in {**base, **fields_}.items() if k not in omit}
            deliver_to = data.get("deliver_to") or item.get("ins_code")
            if not isinstance(deliver_to, str) or not re.fullmatch(r"\d{5}", deliver_to):
                return error(400, "invalid_ins", "deliver_to (or the item's ins_code): 5 digits.")
            published = self.state.publish_raw(target, deliver_to, item)
            self.state.save()
        return Reply(201, published)


def make_app(config: SimulatorConfig | dict | None = None) -> tuple[Simulator, SimulatorState]:
    """The WSGI application and its state, from a config object or a dict of its fields."""
    if not isinstance(config, SimulatorConfig):
        config = SimulatorConfig(**(config or {}))
    app = Simulator(config)
    return app, app.state


def serve_in_thread(config: SimulatorConfig | dict | None = None) -> tuple[str, Callable[[], None]]:
    """A simulator on a free loopback port, in a daemon thread: ``(base_url, stop)``."""
    app, _state = make_app(config)
    return serve_app_in_thread(app)


def main(argv: list[str] | None = None) -> int:
    """``municipal-region-simulator``: serve the simulator until interrupted."""
    parser = argparse.ArgumentParser(
        prog="municipal-region-simulator",
        description="Regional endpoint simulator (e-Tutelle, Guichet PIC, permit platform).",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument(
        "--token",
        action="append",
        help="accepted bearer token (repeat for several; default: demo-token)",
    )
    parser.add_argument("--outcome", choices=OUTCOME_MODES, default="approve")
    parser.add_argument(
        "--outcome-after",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="delay between a receipt and its outcome (0: on the next poll)",
    )
    parser.add_argument("--fixtures", metavar="DIR", help="folder of permit notifications")
    parser.add_argument("--state", metavar="FILE", help="JSON file keeping the state")
    parser.add_argument("--fault-rate", type=float, default=0.0)
    parser.add_argument("--fault-kinds", default=",".join(FAULT_KINDS))
    parser.add_argument("--fault-seed", type=int)
    parser.add_argument("--timeout-seconds", type=float, default=3.0)
    parser.add_argument("--verbose", action="store_true", help="log every request")
    options = parser.parse_args(argv)
    known = {f.name for f in fields(SimulatorConfig)}
    values = {
        "token": tuple(options.token or ["demo-token"]),
        "outcome": options.outcome,
        "outcome_after": options.outcome_after,
        "fixtures": options.fixtures,
        "state": options.state,
        "fault_rate": options.fault_rate,
        "fault_kinds": tuple(k for k in options.fault_kinds.split(",") if k),
        "fault_seed": options.fault_seed,
        "timeout_seconds": options.timeout_seconds,
    }
    try:
        app, _state = make_app(SimulatorConfig(**{k: v for k, v in values.items() if k in known}))
    except ValueError as problem:
        parser.error(str(problem))
    server = make_threaded_server(app, options.host, options.port, quiet=not options.verbose)
    print(
        f"Regional simulator (protocol {PROTOCOL_VERSION}) on "
        f"http://{options.host}:{server.server_port}/ - outcome {options.outcome} "
        f"after {options.outcome_after:g} s; Ctrl-C to stop.",
        flush=True,
    )
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def _interrupt(signum, frame) -> None:
    # SIGTERM (make run stopping, kill) ends the server like Ctrl-C.
    raise KeyboardInterrupt


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
