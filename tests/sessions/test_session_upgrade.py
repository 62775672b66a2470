"""The 1012 upgrade gives an existing site the sessions."""

from imio.municipal.upgrades import v1012_sessions
from plone import api


def test_upgrade_creates_the_sessions_folders_and_types(portal):
    with api.env.adopt_roles(["Manager"]):
        for municipality in ("namur", "gembloux"):
            api.content.delete(obj=portal[municipality]["seances"], check_linkintegrity=False)
        portal.portal_types.manage_delObjects(["Session"])
        v1012_sessions.upgrade(None)
    assert "Session" in portal.portal_types.objectIds()
    for municipality in ("namur", "gembloux"):
        folder = portal[municipality]["seances"]
        assert folder.portal_type == "SessionFolder"
        assert api.content.get_state(folder) == "internal"
    chain = api.portal.get_tool("portal_workflow").getChainForPortalType("Session")
    assert chain == ("municipal_session_workflow",)
