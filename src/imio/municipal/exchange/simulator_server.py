"""Serving the regional simulator: a threaded wsgiref server that can drop connections.

stdlib only. :class:`DropConnection`, raised by the application, makes the
server close the socket without writing an answer, like a real server or
proxy failing mid-request (the client sees a connection error).
"""

from collections.abc import Callable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import make_server
from wsgiref.simple_server import ServerHandler
from wsgiref.simple_server import WSGIRequestHandler
from wsgiref.simple_server import WSGIServer

import socket
import sys
import threading


class DropConnection(Exception):
    """Raised by the application to close the connection without an answer.

    The server of :func:`make_threaded_server` turns it into a closed socket;
    another WSGI server answers 500.
    """


class _ServerHandler(ServerHandler):
    dropped = False

    def handle_error(self) -> None:
        if isinstance(sys.exc_info()[1], DropConnection):
            self.dropped = True
            return
        super().handle_error()


class _RequestHandler(WSGIRequestHandler):
    quiet = True

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        if not self.quiet:
            super().log_message(format, *args)

    def handle(self) -> None:
        # WSGIRequestHandler.handle, with a handler that can drop the connection.
        self.raw_requestline = self.rfile.readline(65537)
        if len(self.raw_requestline) > 65536:
            self.send_error(414)
            return
        if not self.parse_request():
            return
        handler = _ServerHandler(
            self.rfile, self.wfile, self.get_stderr(), self.get_environ(), multithread=True
        )
        handler.request_handler = self
        handler.run(self.server.get_app())
        if handler.dropped:
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True


def make_threaded_server(app: Callable, host: str = "127.0.0.1", port: int = 8200, quiet=True):
    """A threaded wsgiref server for ``app`` that can drop connections."""
    handler = type("RequestHandler", (_RequestHandler,), {"quiet": quiet})
    return make_server(host, port, app, server_class=_ThreadingWSGIServer, handler_class=handler)


def serve_app_in_thread(app: Callable, host: str = "127.0.0.1") -> tuple[str, Callable[[], None]]:
    """Serve ``app`` on a free port of ``host`` in a daemon thread: ``(base_url, stop)``."""
    server = make_threaded_server(app, host, 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    return f"http://{host}:{server.server_port}", stop
