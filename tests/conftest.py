"""pytest-plone fixtures built from the imio.municipal layers."""

import os


# Compile the .po catalogs when Zope registers them (as zope.conf does for
# the instance): the French UI is what the tests look at.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

from imio.municipal.testing import IMIO_MUNICIPAL_ACCEPTANCE_TESTING  # noqa: E402
from imio.municipal.testing import IMIO_MUNICIPAL_FUNCTIONAL_TESTING
from imio.municipal.testing import IMIO_MUNICIPAL_INTEGRATION_TESTING
from pytest_plone import fixtures_factory


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
