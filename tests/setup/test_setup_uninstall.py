"""Uninstalling the default profile."""

from imio.municipal import PACKAGE_NAME
from imio.municipal.interfaces import IImioMunicipalLayer

import pytest


@pytest.fixture
def uninstalled_portal(portal, installer):
    installer.uninstall_product(PACKAGE_NAME)
    return portal


def test_product_uninstalled(uninstalled_portal, installer):
    assert installer.is_product_installed(PACKAGE_NAME) is False


def test_browserlayer_removed(uninstalled_portal, browser_layers):
    assert IImioMunicipalLayer not in browser_layers


def test_municipalities_are_kept(uninstalled_portal):
    # Uninstalling the add-on must never destroy a municipality's records.
    assert "namur" in uninstalled_portal.objectIds()
