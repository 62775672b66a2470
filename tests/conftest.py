"""pytest-plone fixtures built from the imio.municipal layers."""

from imio.municipal.testing import IMIO_MUNICIPAL_ACCEPTANCE_TESTING
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
