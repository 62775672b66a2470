"""The 1014 upgrade gives an existing site the public inquiries."""

from conftest import AGENT  # at collection, while this folder's conftest is loaded
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


def test_the_1015_upgrade_installs_the_report_and_moves_weekend_ends(portal, dossier):
    from datetime import date
    from imio.municipal.core.calendar import belgian_today
    from imio.municipal.inquiries.opening import open_inquiry
    from imio.municipal.upgrades import v1015_inquiry_report

    with api.env.adopt_user(username=AGENT):
        inquiry = open_inquiry(dossier, belgian_today(), [])
    # As a 1014 site computed it: the fifteenth day, a Sunday.
    inquiry.start, inquiry.end = date(2026, 7, 2), date(2026, 8, 16)
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(portal["document-templates"]["inquiry_report"])
        moved = v1015_inquiry_report.upgrade(None)
    assert inquiry.end == date(2026, 8, 17)
    assert moved == ["/".join(inquiry.getPhysicalPath())]
    template = portal["document-templates"]["inquiry_report"]
    assert template.pod_portal_types == ["Inquiry"] and template.pod_formats == ["pdf"]


def test_the_browser_upgrade_installs_the_opening_form_and_close_link(portal):
    from imio.municipal.upgrades import v1015_inquiry_browser

    fti = portal.portal_types["Inquiry"]
    workflows = api.portal.get_tool("portal_workflow")
    close = workflows["municipal_inquiry_workflow"].transitions["close"]
    with api.env.adopt_roles(["Manager"]):
        fti.manage_changeProperties(add_view_expr="string:${folder_url}/++add++Inquiry")
        close.actbox_url = "%(content_url)s/@@content_status_modify?transition=close"
        v1015_inquiry_browser.upgrade(None)
    assert fti.add_view_expr == "string:${folder_url}/@@ouvrir-enquete-publique"
    close = workflows["municipal_inquiry_workflow"].transitions["close"]
    assert close.actbox_url.endswith("?workflow_action=close")
