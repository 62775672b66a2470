"""Breadcrumbs that name only what the user may view.

Plone's breadcrumbs give the title and address of every container above the
page, whether or not the user may view it: a public inquiry notice, kept in
its case file, showed an anonymous visitor the case file's title. An object
the user may not view is left out of the trail, the page's own context
included (a public form on a closed inquiry does not name it either).
"""

from AccessControl import getSecurityManager
from Acquisition import aq_inner
from Products.CMFPlone.browser.navigation import get_view_url
from Products.CMFPlone.browser.navigation import PhysicalNavigationBreadcrumbs


class ViewableBreadcrumbs(PhysicalNavigationBreadcrumbs):
    def breadcrumbs(self):
        trail = tuple(super().breadcrumbs())
        context = aq_inner(self.context)
        if not trail or getSecurityManager().checkPermission("View", context):
            return trail
        # Each level of the trail is made by this view on that level's
        # object: only this object's own entry (the last, when Plone added
        # one) is this level's to remove.
        if trail[-1]["absolute_url"] == get_view_url(context)[1]:
            return trail[:-1]
        return trail
