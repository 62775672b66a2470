"""Fixtures of the e-counter: a local OpenID Connect provider with the demo
citizens, and a sign-in through it against the functional server."""

from counter_helpers import LUC
from counter_helpers import make_citizen
from counter_helpers import MARIE
from imio.municipal.demo.citizens import provider_claims
from oidc_provider_mock import run_server_in_thread
from oidc_provider_mock import User
from pas.plugins.oidc import PLUGIN_ID
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import pytest
import requests
import transaction


@pytest.fixture(scope="session")
def provider():
    """The local provider on a free port; its nonce is required, as a real one."""
    users = [User(sub=sub, claims=claims) for sub, claims in provider_claims()]
    with run_server_in_thread(port=0, require_nonce=True, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def server_url(functional):
    return f"http://{functional['host']}:{functional['port']}/plone"


@pytest.fixture
def oidc(functional, functional_portal, provider):
    """The site's plugin points to the local provider (as `make run` does)."""
    plugin = functional_portal.acl_users[PLUGIN_ID]
    plugin.manage_changeProperties(
        issuer=provider,
        client_id="imio-municipal",
        client_secret="test-secret",
    )
    transaction.commit()
    return plugin


class SignIn:
    """The three legs of a sign-in, each one inspectable."""

    def __init__(self, server_url, provider):
        self.server_url = server_url
        self.provider = provider
        self.browser = requests.Session()

    def start(self) -> str:
        """Plone sends the browser to the provider; the authorize URL."""
        answer = self.browser.get(
            f"{self.server_url}/acl_users/{PLUGIN_ID}/login", allow_redirects=False
        )
        assert answer.status_code == 302, answer.text
        return answer.headers["Location"]

    def authorize(self, authorize_url: str, sub: str) -> str:
        """The citizen says who he is at the provider; the callback URL."""
        answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False)
        assert answer.status_code == 302, answer.text
        location = answer.headers["Location"]
        assert "code" in parse_qs(urlsplit(location).query), location
        return location

    def finish(self, callback_url: str, browser=None):
        return (browser or self.browser).get(callback_url, allow_redirects=False)

    def __call__(self, sub: str):
        answer = self.finish(self.authorize(self.start(), sub))
        assert answer.status_code == 302, answer.text
        return self.browser

    def put_user(self, sub: str, claims: dict) -> None:
        requests.put(f"{self.provider}/users/{sub}", json=claims).raise_for_status()


@pytest.fixture
def sign_in(oidc, server_url, provider):
    return SignIn(server_url, provider)


@pytest.fixture
def marie(portal):
    return make_citizen(MARIE)


@pytest.fixture
def luc(portal):
    return make_citizen(LUC)
