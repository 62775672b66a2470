"""Installing the default profile."""

from imio.municipal import PACKAGE_NAME
from imio.municipal.interfaces import IImioMunicipalLayer
from plone import api


def test_product_installed(installer):
    assert installer.is_product_installed(PACKAGE_NAME) is True


def test_browserlayer(browser_layers):
    assert IImioMunicipalLayer in browser_layers


def test_latest_version(profile_last_version):
    assert profile_last_version(f"{PACKAGE_NAME}:default") == "1015"


def test_restapi_is_installed_for_every_user(installer):
    assert installer.is_product_installed("plone.restapi") is True


def test_french_is_the_default_language(portal):
    assert api.portal.get_registry_record("plone.default_language") == "fr"
    assert api.portal.get_registry_record("plone.available_languages") == ["fr", "de", "en"]


def test_types_are_registered(portal):
    types = api.portal.get_tool("portal_types")
    for name in (
        "Municipality",
        "DossierFolder",
        "ActRegister",
        "InvestmentFolder",
        "PublicationFolder",
        "SharedProjectsFolder",
    ):
        assert name in types.objectIds()


def test_shared_projects_folder_exists(portal):
    folder = portal["shared-projects"]
    assert folder.portal_type == "SharedProjectsFolder"
    assert folder.Title() == "Projets partagés"


def test_municipal_staff_role_exists(portal):
    assert "MunicipalStaff" in portal.valid_roles()


def test_ins_code_is_indexed(portal):
    catalog = api.portal.get_tool("portal_catalog")
    assert "ins_code" in catalog.indexes()
    brains = api.content.find(portal_type="Municipality", ins_code="92142")
    assert [b.getId for b in brains] == ["gembloux"]


def test_no_pending_upgrade(setup_tool):
    assert setup_tool.listUpgrades(f"{PACKAGE_NAME}:default") == []
