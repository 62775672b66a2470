"""The watch on the default ports lets them go when a test ends."""

from default_ports import Watch

import socket


def test_the_default_ports_are_free_again_once_the_watch_is_closed():
    watch = Watch()
    watched = [listener.getsockname()[1] for listener in watch.sockets.values()]
    watch.close()
    for port in watched:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))  # OSError if still listened on
    assert all(not thread.is_alive() for thread in watch.threads)
