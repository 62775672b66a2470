"""A worker asked to stop while Zope still opens exits cleanly, not killed."""

from imio.municipal.exchange import worker
from imio.municipal.jobs import scaffolding

import os
import pytest
import signal


@pytest.fixture
def restore_sigterm():
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


def test_sigterm_while_zope_opens_stops_the_worker_cleanly(monkeypatch, restore_sigterm):
    seen = []

    def opening_zope(argv, parse_args, work):
        # what a supervisor does when it stops the service during start-up
        os.kill(os.getpid(), signal.SIGTERM)
        seen.append("still running")
        return 0

    monkeypatch.setattr(scaffolding, "console_main", opening_zope)
    # stands for the default action, which would kill the process
    signal.signal(signal.SIGTERM, lambda *_: seen.append("killed"))

    assert worker.main(["--zope-conf", "zope.conf"]) == 0
    assert seen == ["still running"]


def test_sigterm_sets_the_stop_event(restore_sigterm):
    stopping = worker.stop_on_sigterm()
    os.kill(os.getpid(), signal.SIGTERM)
    assert stopping.wait(5)
