"""The 1014 upgrade gives an existing site the public inquiries."""

from imio.municipal.upgrades import v1014_inquiries
from plone import api


def test_upgrade_installs_the_inquiry_type_and_workflow(portal):
    workflow = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Manager"]):
        portal.portal_types.manage_delObjects(["Inquiry"])
        workflow.manage_delObjects(["municipal_inquiry_workflow"])
        portal.manage_permission("imio.municipal: Add Inquiry", ["Manager"], acquire=False)
        v1014_inquiries.upgrade(None)
    assert "Inquiry" in portal.portal_types.objectIds()
    assert "Inquiry" in portal.portal_types["Dossier"].allowed_content_types
    assert workflow.getChainForPortalType("Inquiry") == ("municipal_inquiry_workflow",)
    roles = {
        entry["name"]
        for entry in portal.rolesOfPermission("imio.municipal: Add Inquiry")
        if entry["selected"]
    }
    assert {"ServiceEditor", "ServiceReviewer"} <= roles
