"""HTTP on loopback: a keep-alive client, and requests per second with wrk
(Debian package) or, without it, a bounded loop of Python threads."""

from urllib.parse import urlsplit

import base64
import http.client
import json as jsonlib
import os
import re
import shutil
import subprocess
import threading
import time


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class Client:
    """One keep-alive connection to the benchmark's server, as one user.

    Requests go to host ``localhost`` (plone.app.theming leaves 127.0.0.1
    unthemed)."""

    def __init__(self, base_url: str, user: str | None = None, password: str | None = None):
        """Anonymous without `user`."""
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.auth = basic(user, password) if user else None
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def request(self, method: str, path: str, json=None, accept="application/json"):
        """(status, headers, body); a JSON body is decoded."""
        if path.startswith("http"):
            path = urlsplit(path).path
        headers = {"Accept": accept}
        if self.auth:
            headers["Authorization"] = self.auth
        body = None
        if json is not None:
            body = jsonlib.dumps(json).encode()
            headers["Content-Type"] = "application/json"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, ConnectionError):
            self.connection.close()  # the server closed a kept-alive connection
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        data = response.read()
        if response.getheader("Content-Type", "").startswith("application/json") and data:
            data = jsonlib.loads(data)
        return response.status, dict(response.getheaders()), data

    def close(self):
        self.connection.close()


def requests_per_second(url: str, auth: str | None, seconds: int, connections: int) -> dict:
    """GET `url` as fast as `connections` clients can for `seconds` (anonymous
    when `auth` is None)."""
    if shutil.which("wrk"):
        return _wrk(url, auth, seconds, connections)
    return _threads(url, auth, seconds, connections)


def _wrk(url: str, auth: str | None, seconds: int, connections: int) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    if auth:
        command += ["-H", f"Authorization: {auth}"]
    command += ["-H", "Accept: text/html", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rate,
        "tool": "wrk",
        "non_2xx": int(failed.group(1)) if failed else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def _threads(url: str, auth: str | None, seconds: int, connections: int) -> dict:
    deadline = time.monotonic() + seconds
    counts = [0] * connections
    failures = [0] * connections
    parts = urlsplit(url)

    def loop(index):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        headers = {"Accept": "text/html"}
        if auth:
            headers["Authorization"] = auth
        while time.monotonic() < deadline:
            connection.request("GET", parts.path, headers=headers)
            response = connection.getresponse()
            response.read()
            counts[index] += 1
            failures[index] += response.status >= 400
        connection.close()

    start = time.monotonic()
    threads = [threading.Thread(target=loop, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    return {"rps": sum(counts) / elapsed, "tool": "python threads", "non_2xx": sum(failures)}


def add_throughput_arguments(parser) -> None:
    """--seconds, --connections and --rounds of the requests-per-second scripts."""
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
