"""The navigation portlet names only what the user may view.

To draw the path down to the page, Plone's navigation tree adds the page's
containers found by an unrestricted catalog query: an anonymous visitor on a
public inquiry notice was shown the case file it sits in, with its address
and its workflow state. Where a container on that path is closed to the
user, the path is not completed with it (the tree shows what the user's own
catalog query finds).
"""

from AccessControl import getSecurityManager
from Acquisition import aq_inner
from Acquisition import aq_parent
from plone.app.layout.navigation.interfaces import INavtreeStrategy
from plone.app.portlets.portlets.navigation import INavigationPortlet
from plone.app.portlets.portlets.navigation import NavtreeStrategy
from plone.dexterity.interfaces import IDexterityContent
from Products.CMFCore.interfaces import ISiteRoot
from zope.component import adapter
from zope.interface import implementer


def _containers_viewable(context) -> bool:
    check = getSecurityManager().checkPermission
    container = aq_parent(aq_inner(context))
    while container is not None and not ISiteRoot.providedBy(container):
        if not check("View", container):
            return False
        container = aq_parent(container)
    return True


@implementer(INavtreeStrategy)
@adapter(IDexterityContent, INavigationPortlet)
class ViewableNavtreeStrategy(NavtreeStrategy):
    def __init__(self, context, portlet):
        super().__init__(context, portlet)
        self.showAllParents = self.showAllParents and _containers_viewable(context)
