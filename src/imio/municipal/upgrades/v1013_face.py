"""1012 -> 1013: the public face.

Municipalities get their identity behavior (logo, colours); the types lose
their own « History » action, which doubled Plone's in the toolbar; the
product's stylesheet and script are registered as a bundle; the platform gets
its logo (unless an administrator chose one) and its home page.
"""

from imio.municipal import logger
from imio.municipal.face.setup import install_face
from plone import api
from plone.base.interfaces.resources import IBundleRegistry
from plone.registry.interfaces import IRegistry
from zope.component import getUtility


PROFILE = "profile-imio.municipal:default"
BUNDLE = "plone.bundles/imio-municipal-face"
TYPES_WITH_HISTORY = ("Act", "Dossier", "Investment", "InvestmentPlan", "SharedProject")


def remove_history_actions(types_tool) -> list[str]:
    """Drop the types' own « history » action (Plone's object action stays)."""
    changed = []
    for name in TYPES_WITH_HISTORY:
        fti = types_tool.getTypeInfo(name)
        if fti is None:
            continue
        indexes = [i for i, action in enumerate(fti.listActions()) if action.getId() == "history"]
        if indexes:
            fti.deleteActions(indexes)
            changed.append(name)
    return changed


def register_bundle() -> None:
    """The bundle's records only: reimporting the whole registry step would
    reset settings administrators may have changed."""
    registry = getUtility(IRegistry)
    registry.registerInterface(IBundleRegistry, prefix=BUNDLE)
    bundle = registry.forInterface(IBundleRegistry, prefix=BUNDLE)
    bundle.enabled = True
    bundle.csscompilation = "++plone++imio.municipal/face.css"
    bundle.jscompilation = "++plone++imio.municipal/face.js"
    bundle.depends = "plone"
    bundle.load_async = False
    bundle.load_defer = False


def upgrade(context):
    setup_tool = api.portal.get_tool("portal_setup")
    setup_tool.runImportStepFromProfile(PROFILE, "typeinfo", run_dependencies=False)
    changed = remove_history_actions(api.portal.get_tool("portal_types"))
    register_bundle()
    install_face(api.portal.get())
    logger.info("Face: history action removed from %s; bundle and home page set", changed)
