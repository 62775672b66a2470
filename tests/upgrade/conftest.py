"""The upgrade test runs Zope in processes of its own: the Plone layers that
tests/conftest.py keeps for the whole session are not needed here."""

import pytest


@pytest.fixture(scope="session")
def _keep_acceptance_session():
    """Not needed by the upgrade test."""


@pytest.fixture(scope="session")
def _keep_functional_session():
    """Not needed by the upgrade test."""


@pytest.fixture(scope="session")
def _keep_integration_session():
    """Not needed by the upgrade test."""
