"""The trail above a public notice names only what the visitor may view."""

from conftest import AGENT
from imio.municipal.core.calendar import belgian_today
from imio.municipal.inquiries.opening import open_inquiry
from imio.municipal.interfaces import IImioMunicipalLayer
from plone import api
from plone.app.portlets.portlets.navigation import Assignment
from plone.app.portlets.portlets.navigation import Renderer
from plone.app.testing import logout
from zope.component import getMultiAdapter
from zope.interface import alsoProvides


def _trail(context, request) -> list:
    view = getMultiAdapter((context, request), name="breadcrumbs_view")
    return [entry["absolute_url"] for entry in view.breadcrumbs()]


def test_an_anonymous_visitor_is_not_led_to_the_case_file(portal, dossier):
    """The notice sits in its case file: staff see the case file in the
    trail, a visitor sees neither its entry nor its address."""
    request = portal.REQUEST
    alsoProvides(request, IImioMunicipalLayer)
    with api.env.adopt_user(username=AGENT):
        inquiry = open_inquiry(dossier, belgian_today(), [])
        assert _trail(inquiry, request)[-2:] == [dossier.absolute_url(), inquiry.absolute_url()]

    logout()
    # The notice itself, which the visitor reads, keeps its entry.
    assert _trail(inquiry, request)[-1] == inquiry.absolute_url()
    assert dossier.absolute_url() not in _trail(inquiry, request)
    # The case file's own trail, asked directly, names nothing of it either.
    assert dossier.absolute_url() not in _trail(dossier, request)


def _navigation(context, request) -> str:
    view = context.restrictedTraverse("@@view")
    renderer = Renderer(context, request, view, None, Assignment())
    renderer.update()
    return renderer.render()


def test_the_navigation_portlet_does_not_lead_to_the_case_file(portal, dossier):
    request = portal.REQUEST
    with api.env.adopt_user(username=AGENT):
        inquiry = open_inquiry(dossier, belgian_today(), [])
        assert f'href="{dossier.absolute_url()}"' in _navigation(inquiry, request)
    logout()
    html = _navigation(inquiry, request)
    assert f'href="{dossier.absolute_url()}"' not in html
    assert "state-in_progress" not in html
