"""Browser tests: Debian's Chromium, driven by Playwright, against the acceptance layer.

The acceptance layer (``IMIO_MUNICIPAL_ACCEPTANCE_TESTING``) serves the demo
site on a random free port through plone.testing's WSGI server. Each test gets a
fresh browser context and a fresh DemoStorage (the layer's ``testSetUp``).

Never run ``playwright install``: the browser is ``/usr/bin/chromium`` (apt).
"""

from pathlib import Path
from plone.app.testing import PLONE_SITE_ID

import os
import pytest


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# plone.app.theming does not theme requests to 127.0.0.1 (hostname blacklist):
# always browse the test server through "localhost".
HOST = "localhost"
HERE = Path(__file__).parent
SCREENSHOTS = HERE / "screenshots"


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e is a browser test: mark it ``e2e``."""
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium; a missing browser never passes silently in CI."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def base_url(acceptance_session):
    """The Plone site served by the acceptance layer, e.g. http://localhost:PORT/plone."""
    return f"http://{HOST}:{acceptance_session['port']}/{PLONE_SITE_ID}"


@pytest.fixture
def context(acceptance, context):
    """Close the browser context before the acceptance test tears down.

    Depending on ``acceptance`` makes pytest finalize this fixture first, so
    late browser requests never write into the layer's shared database.
    """
    yield context


def login(page, user: str, password: str) -> None:
    """Log in through Plone's login form, and check the session cookie is set."""
    page.goto(f"/{PLONE_SITE_ID}/login")
    page.fill("#__ac_name", user)
    page.fill("#__ac_password", password)
    with page.expect_navigation():
        page.click("#buttons-login")
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    assert "__ac" in cookies, f"login of {user!r} failed: no __ac cookie ({page.url})"


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as tests/e2e/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name.removesuffix('.png')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(name="login")
def login_fixture():
    """``login(page, user, password)`` for the tests (conftest is not importable)."""
    return login


@pytest.fixture(name="screenshot")
def screenshot_fixture():
    """``screenshot(page, name)`` for the tests (conftest is not importable)."""
    return screenshot
