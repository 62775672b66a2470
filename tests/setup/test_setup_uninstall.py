"""Uninstalling the default profile."""

from imio.municipal import PACKAGE_NAME
from imio.municipal.counter.accounts import FACTORY_ID
from imio.municipal.counter.citizens import CITIZENS_GROUP
from imio.municipal.interfaces import IImioMunicipalLayer
from pas.plugins.oidc import PLUGIN_ID
from plone import api

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


def test_citizen_sign_in_installed(portal):
    assert {PLUGIN_ID, FACTORY_ID} <= set(portal.acl_users.objectIds())


def test_citizen_sign_in_plugins_removed(uninstalled_portal):
    pas = uninstalled_portal.acl_users
    for plugin_id in (PLUGIN_ID, FACTORY_ID):
        assert plugin_id not in pas.objectIds()
        for info in pas.plugins.listPluginTypeInfo():
            assert plugin_id not in pas.plugins.listPluginIds(info["interface"])
    # Users still sign in with Plone's own plugins; the citizens' group stays.
    assert api.group.get(groupname=CITIZENS_GROUP) is not None
    assert "source_users" in pas.objectIds()
