"""A regional simulator on loopback for the exchange tests."""

from exchange_samples import TOKEN
from imio.municipal.exchange.simulator import make_app
from imio.municipal.exchange.simulator import serve_app_in_thread

import pytest


@pytest.fixture
def simulator():
    """A simulator on a free loopback port: ``(base_url, state)``; small fault timeout."""
    app, state = make_app({"token": TOKEN, "timeout_seconds": 0.4})
    base_url, stop = serve_app_in_thread(app)
    yield base_url, state
    stop()


@pytest.fixture
def make_simulator():
    """``make_simulator(**config) -> (base_url, state)``, stopped after the test."""
    stops = []

    def start(**config):
        config.setdefault("token", TOKEN)
        config.setdefault("timeout_seconds", 0.4)
        app, state = make_app(config)
        base_url, stop = serve_app_in_thread(app)
        stops.append(stop)
        return base_url, state

    yield start
    for stop in stops:
        stop()
