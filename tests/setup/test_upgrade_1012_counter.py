"""The 1012 counter step: sign-in installed and case files linked to citizens
on a site that had neither."""

from imio.municipal.counter.accounts import FACTORY_ID
from imio.municipal.demo.builders import build_dossier
from imio.municipal.upgrades import v1012_counter
from pas.plugins.oidc import PLUGIN_ID
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IChallengePlugin
from Products.PluggableAuthService.interfaces.plugins import IUserFactoryPlugin


def test_the_upgrade_installs_sign_in_and_fills_the_index(portal):
    dossier = build_dossier(portal)
    pas = portal.acl_users
    pas._delObject(PLUGIN_ID)
    pas._delObject(FACTORY_ID)
    api.group.delete(groupname="citizens")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("applicant_niss")

    v1012_counter.upgrade(portal.portal_setup)

    assert PLUGIN_ID in pas.objectIds()
    assert pas[PLUGIN_ID].getProperty("create_groups") is False
    assert PLUGIN_ID not in pas.plugins.listPluginIds(IChallengePlugin)
    assert pas.plugins.listPluginIds(IUserFactoryPlugin)[0] == FACTORY_ID
    assert "Citizen" in api.group.get(groupname="citizens").getRoles()
    found = catalog.unrestrictedSearchResults(applicant_niss="85073003328")
    assert dossier.UID() in {brain.UID for brain in found}
