"""Browser tests: Debian's Chromium, driven by Playwright, against the acceptance layer.

The acceptance layer (``IMIO_MUNICIPAL_ACCEPTANCE_TESTING``) serves the demo
site on a random free port through plone.testing's WSGI server. Each test gets a
fresh browser context and a fresh DemoStorage (the layer's ``testSetUp``).

Never run ``playwright install``: the browser is ``/usr/bin/chromium`` (apt).
Accessibility checks inject axe-core from npm (``tests/e2e/package.json``,
installed by ``make test`` with ``npm ci --prefix tests/e2e``).
"""

from imio.municipal.demo.citizens import provider_claims
from oidc_provider_mock import run_server_in_thread
from oidc_provider_mock import User
from pas.plugins.oidc import PLUGIN_ID
from pathlib import Path
from plone.app.testing import PLONE_SITE_ID

import os
import pytest
import re
import shutil
import transaction


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
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
#: The Nu HTML checker (npm's vnu-jar); it runs on Java (8 or later).
VNU = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: Violations at these impacts fail a page (axe's "minor"/"moderate" are reported only).
AXE_BLOCKING = ("serious", "critical")


#: Set by ``make test``: the browser and axe-core were installed by it, so the
#: browser tests and the accessibility checks may not be skipped.
REQUIRED_BY_MAKE_TEST = "MUNICIPAL_BROWSER_CHECKS_REQUIRED"


def missing(message: str, required_by_make_test: bool = False) -> None:
    """Skip a test whose tool is missing; fail instead in CI (CI=true), and under
    ``make test`` for the browser and axe-core."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    if required_by_make_test and os.environ.get(REQUIRED_BY_MAKE_TEST) == "1":
        pytest.fail(f"{message} (make test requires it)", pytrace=False)
    pytest.skip(message)


def pytest_collection_modifyitems(config, items):
    """Every test under tests/e2e is a browser test: mark it ``e2e``."""
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium; a missing browser never passes silently in CI."""
    if not CHROMIUM.exists():
        missing(
            f"{CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium",
            required_by_make_test=True,
        )
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


#: The two widths every main page is looked at: a desktop and a phone.
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def both_widths(page, name: str) -> None:
    """Screenshots ``<name>-1280`` and ``<name>-390``; the phone's page must not
    scroll sideways (nothing cut off). The viewport is the desktop's again after."""
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"{name}-1280")
    page.set_viewport_size(PHONE)
    # Let the layout settle at the new width before measuring it.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)


@pytest.fixture(name="login")
def login_fixture():
    """``login(page, user, password)`` for the tests (conftest is not importable)."""
    return login


@pytest.fixture(name="screenshot")
def screenshot_fixture():
    """``screenshot(page, name)`` for the tests (conftest is not importable)."""
    return screenshot


@pytest.fixture(name="both_widths")
def both_widths_fixture():
    """``both_widths(page, name)``: screenshots at 1280 and 390 px (see ``both_widths``)."""
    return both_widths


def format_violations(violations: list[dict]) -> str:
    """axe's violations, one block each: rule, impact, help, the nodes' targets."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {node['html'][:160]}")
    return "\n".join(lines)


def check_accessibility(page, theme_exceptions=None) -> list[dict]:
    """Run axe-core on the page; fail on serious or critical violations.

    ``theme_exceptions`` maps a rule id to CSS selectors of the page's parts
    where that rule's violations are not ours (Plone's theme): the nodes inside
    them are left out of that rule only. Returns the remaining violations (the
    minor and moderate ones too) and those left out, as ``(kept, ignored)``.
    """
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """async (exceptions) => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            const ours = (rule, node) => {
                const selectors = exceptions[rule] || [];
                const target = node.target[node.target.length - 1];
                const element = typeof target === "string" ? document.querySelector(target) : null;
                return !element || !selectors.some((selector) => element.closest(selector));
            };
            const split = (keep) => results.violations
                .map((v) => ({...v, nodes: v.nodes.filter((n) => ours(v.id, n) === keep)}))
                .filter((v) => v.nodes.length);
            return {version: results.testEngine.version, kept: split(true), ignored: split(false)};
        }""",
        theme_exceptions or {},
    )
    blocking = [v for v in results["kept"] if v["impact"] in AXE_BLOCKING]
    assert not blocking, f"axe-core {results['version']} on {page.url}:\n" + format_violations(
        blocking
    )
    return results["kept"], results["ignored"]


class Axe:
    """``axe(page, theme_exceptions)`` checks a page (see check_accessibility);
    ``axe.format(violations)`` writes them readably."""

    check = staticmethod(check_accessibility)
    format = staticmethod(format_violations)

    def __call__(self, page, theme_exceptions=None):
        return self.check(page, theme_exceptions)


@pytest.fixture(name="axe")
def axe_fixture():
    """axe-core's check of a page (``Axe``).

    Skips when axe-core is not installed (``npm ci --prefix tests/e2e``), fails
    with CI=true.
    """
    if not AXE.exists():
        missing(
            f"{AXE} is missing: npm ci --prefix tests/e2e (make test does it)",
            required_by_make_test=True,
        )
    return Axe()


@pytest.fixture(name="vnu")
def vnu_fixture():
    """The command line of the Nu HTML checker (``java -jar vnu.jar``).

    Skips when vnu-jar or Java is missing (``npm ci --prefix tests/e2e``, a
    JRE), fails with CI=true.
    """
    if not VNU.exists():
        missing(f"{VNU} is missing: npm ci --prefix tests/e2e (make test does it)")
    java = shutil.which("java")
    if java is None:
        missing("java is missing: apt-get install -y --no-install-recommends default-jre-headless")
    return [java, "-jar", str(VNU)]


# --- Citizens signing in through a local OpenID Connect provider -----------


@pytest.fixture(scope="module")
def provider():
    """The local OIDC provider, knowing the demo's citizens."""
    users = [User(sub=sub, claims=claims) for sub, claims in provider_claims()]
    with run_server_in_thread(port=0, require_nonce=True, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def counter(acceptance, provider, timestamps):
    """The site's plugin points to the local provider, as `make run` does."""
    portal = acceptance["portal"]
    portal.acl_users[PLUGIN_ID].manage_changeProperties(
        issuer=provider, client_id="imio-municipal", client_secret="test-secret"
    )
    transaction.commit()
    return portal


def new_page(browser, browser_context_args):
    page = browser.new_context(**browser_context_args).new_page()
    # The sign-in crosses two servers and three redirects: leave it time.
    page.set_default_timeout(120_000)
    return page


def sign_in(page, base_url, sub: str):
    """Through the local provider's form, back to « Mes démarches »."""
    page.goto(f"{base_url}/@@mes-demarches")
    page.fill("input[name=sub]", sub)
    page.click("button[type=submit]:has-text('Authorize')", no_wait_after=True)
    page.wait_for_url(re.compile(r"/plone/@@mes-demarches"), timeout=120_000)


@pytest.fixture(name="new_page")
def new_page_fixture():
    """``new_page(browser, browser_context_args)``: a page in a context of its own."""
    return new_page


@pytest.fixture(name="sign_in")
def sign_in_fixture():
    """``sign_in(page, base_url, sub)``: a citizen signs in through the provider."""
    return sign_in
