"""The inquiry's report names the people who reacted: the platform writes it
when the inquiry closes, and nobody generates it on request, whatever the
state — no « Documents » link, no generation view, anonymous or staff."""

from conftest import AGENT
from imio.municipal.core.calendar import belgian_today
from imio.municipal.documents.condition import refusal
from imio.municipal.documents.generation import NotHereView
from imio.municipal.errors import NotAllowed
from imio.municipal.inquiries.opening import open_inquiry
from imio.municipal.interfaces import IImioMunicipalLayer
from plone import api
from zope.interface import alsoProvides

import pytest
import transaction


def test_the_report_is_never_generated_on_request(portal, dossier):
    alsoProvides(portal.REQUEST, IImioMunicipalLayer)
    with api.env.adopt_user(username=AGENT):
        inquiry = open_inquiry(dossier, belgian_today(), [])
    template = portal["document-templates"]["inquiry_report"]
    for user in (AGENT, None):
        if user is None:
            assert not template.can_be_generated(inquiry)
            continue
        with api.env.adopt_user(username=user):
            assert not template.can_be_generated(inquiry)
    reason = refusal(template, inquiry)
    assert reason == "document_refused_not_on_demand"
    # The platform's own rendering is refused only for the state (not closed yet).
    assert refusal(template, inquiry, internal=True) == "document_refused_state"
    # Plone's generation views that store documents as a Manager are not offered.
    view = inquiry.restrictedTraverse("@@persistent-document-generation")
    assert isinstance(view, NotHereView)


def test_a_bare_creation_is_refused_and_nothing_is_saved(portal, dossier):
    """Plone's bare add form or a REST POST would skip the opening's checks
    and its computed end: refused, and the request's transaction is doomed."""
    with api.env.adopt_user(username=AGENT), pytest.raises(NotAllowed) as refused:
        api.content.create(
            container=dossier, type="Inquiry", id="bare", title="Bare", start=belgian_today()
        )
    assert refused.value.message == "refusal_inquiry_opening_only"
    assert transaction.get().isDoomed()


def test_an_inquiry_is_not_copied(portal, dossier):
    with api.env.adopt_user(username=AGENT):
        inquiry = open_inquiry(dossier, belgian_today(), [])
    assert not transaction.get().isDoomed()
    with api.env.adopt_roles(["Manager"]), pytest.raises(NotAllowed):
        api.content.copy(source=inquiry, target=dossier, safe_id=True)
    assert transaction.get().isDoomed()
