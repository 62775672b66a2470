"""A local RFC 3161 timestamp authority for tests and the demo.

It creates (once, reused afterwards) a test CA and a TSA certificate with a
critical ``timeStamping`` extended key usage in ``directory``, and answers
``application/timestamp-query`` POSTs with ``openssl ts -reply`` on
127.0.0.1. Never use it for real publications: its CA is a test CA.

    python -m imio.municipal.publication.core.tsa --dir var/tsa --port 8210

>>> with LocalAuthority(Path(tempfile.mkdtemp())) as tsa:  # doctest: +SKIP
...     stamp = request_timestamp(b"pdf", tsa.url, tsa.root_pem)
"""

from cryptography.x509.oid import ExtendedKeyUsageOID
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from imio.municipal.publication.core.pki import distinguished_name
from imio.municipal.publication.core.pki import issue_signer
from imio.municipal.publication.core.pki import self_signed_root
from imio.municipal.publication.core.pki import write_certificate
from imio.municipal.publication.core.pki import write_private_key
from pathlib import Path

import argparse
import logging
import shutil
import signal
import subprocess  # noqa: S404 - openssl ts, with fixed arguments
import tempfile  # noqa: F401 - used in the docstring example
import threading


logger = logging.getLogger(__name__)

QUERY_TYPE = "application/timestamp-query"
REPLY_TYPE = "application/timestamp-reply"
MAX_QUERY = 64 * 1024
POLICY = "1.3.6.1.4.1.99999.1.1"  # a test policy (private arc), not a real one

_CONFIG = """\
[ tsa ]
default_tsa = local_tsa

[ local_tsa ]
dir = {dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = {policy}
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""


def create_authority_files(directory: Path, name: str = "imio.municipal test") -> None:
    """Write ca.pem, ca.key, tsa.pem, tsa.key, serial and tsa.cnf in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    ca, ca_key = self_signed_root(f"{name} root CA")
    tsa, tsa_key = issue_signer(
        distinguished_name(f"{name} timestamp authority"),
        ca,
        ca_key,
        extended_usage=[ExtendedKeyUsageOID.TIME_STAMPING],
    )
    write_private_key(directory / "ca.key", ca_key)
    write_private_key(directory / "tsa.key", tsa_key)
    write_certificate(directory / "ca.pem", ca)
    write_certificate(directory / "tsa.pem", tsa)
    (directory / "serial").write_text("01\n")
    (directory / "tsa.cnf").write_text(_CONFIG.format(dir=directory.resolve(), policy=POLICY))


class _Handler(BaseHTTPRequestHandler):
    server_version = "imio-municipal-tsa/1"
    authority: "LocalAuthority"

    def do_POST(self):  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip()
        if content_type != QUERY_TYPE or not 0 < length <= MAX_QUERY:
            self._answer(400, b"expected an application/timestamp-query body\n", "text/plain")
            return
        reply = self.authority.reply(self.rfile.read(length))
        if reply is None:
            self._answer(400, b"bad timestamp query\n", "text/plain")
        else:
            self._answer(200, reply, REPLY_TYPE)

    def _answer(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        logger.debug("tsa: " + format, *args)


class LocalAuthority:
    """A test timestamp authority on loopback; ``with LocalAuthority(d) as tsa:``."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        if not (self.directory / "tsa.cnf").exists():
            create_authority_files(self.directory)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def root_pem(self) -> bytes:
        """The test CA certificate (PEM): what verifiers must trust."""
        return (self.directory / "ca.pem").read_bytes()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the authority is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/"

    def reply(self, query: bytes) -> bytes | None:
        """The DER TimeStampResp for a DER query, or None if openssl refuses it."""
        openssl = shutil.which("openssl")
        if openssl is None:
            raise RuntimeError("the openssl command is needed for the local authority")
        with self._lock:  # openssl rewrites the serial file
            done = subprocess.run(  # noqa: S603 - fixed arguments
                [
                    openssl,
                    "ts",
                    "-reply",
                    "-config",
                    str(self.directory / "tsa.cnf"),
                    "-queryfile",
                    "/dev/stdin",
                ],
                input=query,
                capture_output=True,
                timeout=30,
                check=False,
            )
        if done.returncode != 0 or not done.stdout:
            logger.warning("openssl ts -reply failed: %s", done.stderr.decode(errors="replace"))
            return None
        return done.stdout

    def start(self, port: int = 0, host: str = "127.0.0.1") -> "LocalAuthority":
        handler = type("Handler", (_Handler,), {"authority": self})
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="local-tsa", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = self._thread = None

    def __enter__(self) -> "LocalAuthority":
        return self if self._server is not None else self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    """Serve a local authority in the foreground until SIGTERM or Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default="var/tsa", type=Path, help="certificates and state")
    parser.add_argument("--port", default=8210, type=int)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    authority = LocalAuthority(args.dir).start(args.port, args.host)
    logger.info(
        "timestamp authority on %s (root certificate: %s)",
        authority.url,
        (args.dir / "ca.pem").resolve(),
    )
    try:
        stop.wait()
    finally:
        authority.stop()
        logger.info("timestamp authority stopped")


if __name__ == "__main__":
    main()
