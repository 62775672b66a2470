"""pytest-plone fixtures built from the imio.municipal layers."""

import os


# Compile the .po catalogs when Zope registers them (as zope.conf does for
# the instance): the French UI is what the tests look at.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

from imio.municipal.publication.core.tsa import LocalAuthority  # noqa: E402
from imio.municipal.testing import IMIO_MUNICIPAL_ACCEPTANCE_TESTING  # noqa: E402
from imio.municipal.testing import IMIO_MUNICIPAL_FUNCTIONAL_TESTING
from imio.municipal.testing import IMIO_MUNICIPAL_INTEGRATION_TESTING
from plone.app.testing import SITE_OWNER_NAME  # noqa: E402
from plone.app.testing import SITE_OWNER_PASSWORD  # noqa: E402
from pytest_plone import fixtures_factory  # noqa: E402

import pytest  # noqa: E402


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (IMIO_MUNICIPAL_ACCEPTANCE_TESTING, "acceptance"),
            (IMIO_MUNICIPAL_FUNCTIONAL_TESTING, "functional"),
            (IMIO_MUNICIPAL_INTEGRATION_TESTING, "integration"),
        )
    )
)


def _layer_kept_unless_only_unit_tests(prefix):
    """pytest-plone keeps each layer set up for the whole session through an
    autouse session fixture, so even a run of Plone-free unit tests would pay
    the layers' set-up. Keep them as it does, unless every collected test is
    in a ``unit/`` folder (``make test-unit``)."""

    @pytest.fixture(autouse=True, scope="session")
    def keep(request):
        if any("unit" not in item.path.parts for item in request.session.items):
            request.getfixturevalue(f"{prefix}_session")

    return keep


for _prefix in ("acceptance", "functional", "integration"):
    globals()[f"_keep_{_prefix}_session"] = _layer_kept_unless_only_unit_tests(_prefix)


@pytest.fixture
def api_as(request_factory):
    """``api_as("namur-secretaire")`` is a REST session of that demo user;
    ``api_as()`` is anonymous, ``api_as("admin")`` the site owner."""

    def session(login=None):
        if login is None:
            return request_factory(role="Anonymous")
        if login == "admin":
            return request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
        return request_factory(basic_auth=(login, "demo"))

    return session


@pytest.fixture(scope="session")
def authority(tmp_path_factory):
    """A local RFC 3161 timestamp authority on loopback (its own test CA)."""
    with LocalAuthority(tmp_path_factory.mktemp("tsa")) as running:
        yield running


@pytest.fixture
def timestamps(authority, monkeypatch, tmp_path):
    """Publication asks the local authority (as `make run` configures it)."""
    root = tmp_path / "tsa-root.pem"
    root.write_bytes(authority.root_pem)
    monkeypatch.setenv("IMIO_MUNICIPAL_TSA_URL", authority.url)
    monkeypatch.setenv("IMIO_MUNICIPAL_TSA_ROOT", str(root))
    return authority


@pytest.fixture(scope="session")
def signing_ca(tmp_path_factory):
    """A local test CA with one signing certificate per demo municipality."""
    from imio.municipal.publication.core.signing_ca import create_signing_identity

    directory = tmp_path_factory.mktemp("signing")
    for municipality_id, title in (
        ("namur", "Commune de Namur"),
        ("gembloux", "Commune de Gembloux"),
    ):
        create_signing_identity(directory, municipality_id, title)
    return directory


@pytest.fixture
def signatures(signing_ca, timestamps, monkeypatch):
    """The municipalities sign (as `make run` configures it), timestamps embedded."""
    monkeypatch.setenv("IMIO_MUNICIPAL_SIGNING_DIR", str(signing_ca))
    return signing_ca
