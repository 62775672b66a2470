"""The BCED simulator for the tests, on a port of its own."""

from imio.municipal.authentic.simulator import serve_in_thread

import pytest
import requests


TOKEN = "bced-test-token"


class Bced:
    def __init__(self, base_url):
        self.url = base_url
        self.headers = {"Authorization": f"Bearer {TOKEN}"}

    def fault(self, mode):
        response = requests.post(
            f"{self.url}/_sim/faults", json={"mode": mode}, headers=self.headers
        )
        assert response.status_code == 200, response.text

    def requests(self) -> list[dict]:
        return requests.get(f"{self.url}/_sim/requests", headers=self.headers).json()["requests"]


@pytest.fixture(scope="session")
def bced_server():
    base_url, stop = serve_in_thread(TOKEN, slow_seconds=1.0)
    yield Bced(base_url)
    stop()


@pytest.fixture
def bced(bced_server, monkeypatch):
    """The simulator, configured as `make run` does (environment variables)."""
    monkeypatch.setenv("IMIO_MUNICIPAL_BCED_URL", bced_server.url)
    monkeypatch.setenv("IMIO_MUNICIPAL_BCED_TOKEN", TOKEN)
    monkeypatch.setenv("IMIO_MUNICIPAL_BCED_TIMEOUT", "0.5")
    yield bced_server
    bced_server.fault("none")
