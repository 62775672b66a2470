"""Installs citizen sign-in: the OIDC plugin, the citizen user factory, the
citizens' group and the NISS member property.

The provider comes from the environment (``make run`` starts a local one):
IMIO_MUNICIPAL_OIDC_ISSUER, IMIO_MUNICIPAL_OIDC_CLIENT_ID and
IMIO_MUNICIPAL_OIDC_CLIENT_SECRET.
"""

from imio.municipal import logger
from imio.municipal.counter.accounts import CitizenUserFactory
from imio.municipal.counter.accounts import FACTORY_ID
from imio.municipal.counter.citizens import CITIZEN_ROLE
from imio.municipal.counter.citizens import CITIZENS_GROUP
from pas.plugins.oidc import PLUGIN_ID
from pas.plugins.oidc.plugins import OIDCPlugin
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IChallengePlugin
from Products.PluggableAuthService.interfaces.plugins import IUserFactoryPlugin

import os


DEFAULT_ISSUER = "http://127.0.0.1:8220"
DEFAULT_CLIENT_ID = "imio-municipal"


def oidc_settings() -> dict:
    return {
        "issuer": os.environ.get("IMIO_MUNICIPAL_OIDC_ISSUER", DEFAULT_ISSUER),
        "client_id": os.environ.get("IMIO_MUNICIPAL_OIDC_CLIENT_ID", DEFAULT_CLIENT_ID),
        "client_secret": os.environ.get("IMIO_MUNICIPAL_OIDC_CLIENT_SECRET", ""),
    }


def configure_oidc_plugin(plugin, settings: dict) -> None:
    """The safe settings: namespaced ids are made by our callback, groups
    never come from claims, and the plugin issues Plone's own session."""
    plugin.manage_changeProperties(
        issuer=settings["issuer"],
        client_id=settings["client_id"],
        client_secret=settings["client_secret"],
        # Empty: the plugin then answers its own URL + /callback, as served
        # (a URL fixed at set-up would be the one of the set-up script).
        redirect_uris=(),
        scope=("openid", "profile", "email"),
        use_pkce=True,
        use_session_data_manager=False,
        create_user=True,
        create_groups=False,
        create_ticket=True,
        create_restapi_ticket=False,
        allowed_groups=(),
    )


def install_sign_in(portal) -> None:
    pas = portal.acl_users
    if PLUGIN_ID not in pas.objectIds():
        pas._setObject(PLUGIN_ID, OIDCPlugin(PLUGIN_ID, title="OpenID Connect (citizens)"))
    plugin = pas[PLUGIN_ID]
    configure_oidc_plugin(plugin, oidc_settings())
    # Never the challenge: staff keep Plone's login form; citizens start
    # their sign-in from the counter's pages.
    if IChallengePlugin.providedBy(plugin):
        active = pas.plugins.listPluginIds(IChallengePlugin)
        if PLUGIN_ID in active:
            pas.plugins.deactivatePlugin(IChallengePlugin, PLUGIN_ID)

    if FACTORY_ID not in pas.objectIds():
        pas._setObject(FACTORY_ID, CitizenUserFactory(FACTORY_ID))
    if FACTORY_ID not in pas.plugins.listPluginIds(IUserFactoryPlugin):
        pas.plugins.activatePlugin(IUserFactoryPlugin, FACTORY_ID)
    pas.plugins.movePluginsTop(IUserFactoryPlugin, [FACTORY_ID])

    if CITIZEN_ROLE not in portal.valid_roles():
        portal._addRole(CITIZEN_ROLE)
    if api.group.get(groupname=CITIZENS_GROUP) is None:
        api.group.create(groupname=CITIZENS_GROUP, title="Citoyens", roles=[CITIZEN_ROLE])
    memberdata = api.portal.get_tool("portal_memberdata")
    if not memberdata.hasProperty("niss"):
        memberdata.manage_addProperty("niss", "", "string")
    logger.info("Citizen sign-in configured for %s", oidc_settings()["issuer"])


def uninstall_sign_in(portal) -> None:
    """Take the sign-in's plugins out of PAS; the citizens' accounts, their
    group and role stay (they are the municipalities' data)."""
    pas = portal.acl_users
    for plugin_id in (PLUGIN_ID, FACTORY_ID):
        if plugin_id in pas.objectIds():
            pas.plugins.removePluginById(plugin_id)
            pas.manage_delObjects([plugin_id])
    logger.info("Citizen sign-in removed")
