"""The default ports of `make run` (etc/ports.env), watched during a test.

A process started by a test must use the test's own servers, never those a
demo running on the same machine listens on. While a test runs, `Watch`
listens on each default port that is free and records who connects; a port
already taken (a demo runs) is left alone.
"""

from pathlib import Path

import re
import socket
import threading


PORTS_ENV = Path(__file__).resolve().parents[2] / "etc" / "ports.env"
# the servers a Zope process of ours connects to as a client
CLIENT_SIDE = ("LIBREOFFICE_PORT", "REGION_PORT", "TSA_PORT")


def defaults() -> dict[str, str]:
    """NAME -> default value, as etc/ports.env sets them."""
    return dict(re.findall(r'^: "\$\{(\w+):=([^}]*)\}"$', PORTS_ENV.read_text(), re.M))


class Watch:
    """Listen on the free default ports; `connections` lists who came."""

    def __init__(self, names=CLIENT_SIDE):
        self.connections = []
        self.sockets = {}
        self.skipped = []
        self.threads = []
        for name in names:
            port = int(defaults()[name])
            listener = socket.socket()
            try:
                listener.bind(("127.0.0.1", port))
            except OSError:
                listener.close()
                self.skipped.append(name)
                continue
            listener.listen(8)
            self.sockets[name] = listener
            thread = threading.Thread(target=self._accept, args=(name, listener), daemon=True)
            thread.start()
            self.threads.append(thread)

    def _accept(self, name: str, listener: socket.socket) -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:  # closed
                return
            self.connections.append(f"{name} ({listener.getsockname()[1]})")
            connection.close()

    def close(self) -> None:
        """Stop listening. A socket closed while another thread waits in
        accept() keeps listening until that accept returns (Linux): shut it
        down first, which wakes the thread, so the port is free at once for
        the next test (a demo on the default ports, say)."""
        for listener in self.sockets.values():
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        for thread in self.threads:
            thread.join(5)
