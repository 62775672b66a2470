"""Fixtures of the publication unit tests: a local timestamp authority and
misbehaving servers, all on loopback, started once per session."""

from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from imio.municipal.publication.core.tsa import create_authority_files
from imio.municipal.publication.core.tsa import LocalAuthority

import pytest
import socket
import threading


def _der(tag: int, content: bytes) -> bytes:
    assert len(content) < 128
    return bytes([tag, len(content)]) + content


# TimeStampResp { status PKIStatusInfo { rejection(2), "unsupported", badAlg } }
REJECTION = _der(
    0x30,
    _der(0x30, _der(0x02, b"\x02") + _der(0x30, _der(0x0C, b"unsupported")) + b"\x03\x02\x07\x80"),
)


class _Fixed(BaseHTTPRequestHandler):
    status = 200
    body = b""

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(self.status)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def rejection():
    """A DER TimeStampResp refusing the request (status rejection, badAlg)."""
    return REJECTION


@pytest.fixture(scope="session")
def tsa(tmp_path_factory):
    """The local authority (test CA generated once for the session)."""
    with LocalAuthority(tmp_path_factory.mktemp("tsa")) as authority:
        yield authority


@pytest.fixture(scope="session")
def other_root(tmp_path_factory):
    """The root certificate of another, unrelated authority."""
    directory = tmp_path_factory.mktemp("other-tsa")
    create_authority_files(directory, name="another")
    return (directory / "ca.pem").read_bytes()


@pytest.fixture(scope="session")
def fixed_server():
    """``fixed_server(status, body)`` is the URL of a server always answering that."""
    servers = []

    def start(status: int, body: bytes) -> str:
        handler = type("Handler", (_Fixed,), {"status": status, "body": body})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def silent_url():
    """A server that accepts connections (kernel backlog) and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    listener.close()


@pytest.fixture
def closed_url():
    """A loopback port where nothing listens."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"http://127.0.0.1:{port}/"
