"""A folder whose content is closed to the user says so, instead of an
empty listing that looks like a bug; Plone's personal dashboard leads
staff to their municipality's home instead."""

from imio.municipal.interfaces import IActRegister
from imio.municipal.interfaces import IDossierFolder
from imio.municipal.platform import naming
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser import BrowserView


class ClosedContentViewlet(ViewletBase):
    """Shown when the folder holds content none of which the user may see."""

    def update(self):
        super().update()
        self.hidden = 0
        # The case files' and acts' folders have their own dashboards, and
        # may hold 100 000 items: not counted twice on every view.
        busy = IDossierFolder.providedBy(self.context) or IActRegister.providedBy(self.context)
        if busy or api.user.is_anonymous():
            return
        catalog = api.portal.get_tool("portal_catalog")
        query = {"path": {"query": "/".join(self.context.getPhysicalPath()), "depth": 1}}
        if len(catalog(**query)):
            return
        self.hidden = len(catalog.unrestrictedSearchResults(**query))

    def available(self) -> bool:
        return self.hidden > 0

    def secretariat_email(self) -> str:
        municipality = self.context.aq_parent
        return getattr(municipality, "email", "") or ""


def home_of(user) -> str:
    """The home page of the first municipality the user works for, or the site's."""
    portal = api.portal.get()
    groups = {group.getId() for group in api.group.get_groups(user=user)}
    for brain in api.content.find(portal_type="Municipality", sort_on="sortable_title"):
        municipality = brain.getObject()
        if naming.staff_group(municipality.ins_code) in groups:
            return municipality.absolute_url()
    return portal.absolute_url()


class DashboardRedirect(BrowserView):
    """Plone's personal dashboard is empty here: the work is on the home page
    of the user's municipality (« À traiter »)."""

    def __call__(self):
        if api.user.is_anonymous():
            target = f"{api.portal.get().absolute_url()}/login"
        else:
            target = home_of(api.user.get_current())
        self.request.response.redirect(target)
        return ""
