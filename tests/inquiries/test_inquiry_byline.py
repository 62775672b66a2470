"""Citizens never see the byline (who created or changed a page); staff do on Plone's content."""

from conftest import AGENT
from imio.municipal.core.calendar import belgian_today
from imio.municipal.inquiries.opening import open_inquiry
from imio.municipal.interfaces import IImioMunicipalLayer
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides
from zope.viewlet.interfaces import IViewletManager


def _below_title(context, request) -> str:
    view = context.restrictedTraverse("@@view")
    manager = getMultiAdapter(
        (context, request, view), IViewletManager, name="plone.belowcontenttitle"
    )
    manager.update()
    return manager.render()


def test_the_byline_is_hidden_for_citizens_only(portal, dossier, marie):
    """Staff see it on Plone's own content (here the platform's root), never
    on the product's (an inquiry); citizens see it nowhere."""
    request = portal.REQUEST
    alsoProvides(request, IImioMunicipalLayer)
    with api.env.adopt_user(username=AGENT):
        inquiry = open_inquiry(dossier, belgian_today(), [])
        assert 'id="section-byline"' in _below_title(portal, request)
        assert 'id="section-byline"' not in _below_title(inquiry, request)
    with api.env.adopt_user(username=marie):
        assert 'id="section-byline"' not in _below_title(portal, request)
        assert 'id="section-byline"' not in _below_title(inquiry, request)
        # The same on the municipality's pages (the e-counter's views live there).
        assert 'id="section-byline"' not in _below_title(portal["namur"], request)
