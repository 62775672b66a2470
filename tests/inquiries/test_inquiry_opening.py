"""Opening a public inquiry: the end computed, the notice public, the case
file private; every refusal explained, nothing created."""

from AccessControl.PermissionRole import rolesForPermissionOn
from conftest import AGENT
from conftest import examined_dossier
from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_dossier
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.inquiries import rules
from imio.municipal.inquiries.opening import inquiries_of
from imio.municipal.inquiries.opening import open_inquiry
from plone import api
from zope.i18n import translate

import pytest


def _open(dossier, user=AGENT, start=None, released=None):
    start = start or belgian_today()
    released = [dossier["plan-masque"].UID()] if released is None else released
    with api.env.adopt_user(username=user):
        return open_inquiry(dossier, start, released)


def test_the_agent_opens_an_inquiry_whose_end_is_computed(portal, dossier):
    today = belgian_today()
    inquiry = _open(dossier)
    assert inquiry.portal_type == "Inquiry"
    assert api.content.get_state(inquiry) == "open"
    assert inquiry.start == today
    assert inquiry.end == rules.inquiry_end(today)
    assert inquiry.Title() == "Immeuble de quatre logements"
    assert inquiry.location == "Rue de Fer 12 5000 Namur"
    assert inquiry.released_documents == [dossier["plan-masque"].UID()]
    # The notice is public; the case file and its annexes are not.
    assert "Anonymous" in rolesForPermissionOn("View", inquiry)
    assert "Anonymous" not in rolesForPermissionOn("View", dossier)
    assert "Anonymous" not in rolesForPermissionOn("View", dossier["plan-masque"])


def test_changing_the_start_recomputes_the_end(portal, dossier):
    inquiry = _open(dossier)
    inquiry.start = belgian_today() + timedelta(days=3)
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    notify(ObjectModifiedEvent(inquiry))
    assert inquiry.end == rules.inquiry_end(inquiry.start)


def _refusal(excinfo) -> str:
    return translate(excinfo.value.reason(), target_language="fr")


def test_only_the_case_files_service_opens_one(portal, dossier):
    for user in ("namur-agent-travaux", "gembloux-agent-urbanisme", "namur-college"):
        with pytest.raises(NotAllowed) as refused:
            _open(dossier, user=user)
        assert "service" in _refusal(refused)
    assert inquiries_of(dossier) == []


def test_refusals_create_nothing(portal, dossier):
    today = belgian_today()
    with pytest.raises(InvalidInput) as refused:
        _open(dossier, start=today + timedelta(days=200))
    assert (today + timedelta(days=90)).strftime("%d/%m/%Y") in _refusal(refused)
    with pytest.raises(InvalidInput) as refused:
        _open(dossier, released=[dossier["carte-identite"].UID()])
    assert "confidenti" in _refusal(refused)
    assert inquiries_of(dossier) == []
    _open(dossier)
    with pytest.raises(StateRefusal) as refused:
        _open(dossier)
    assert "déjà" in _refusal(refused)
    assert len(inquiries_of(dossier)) == 1


def test_a_draft_case_file_has_no_inquiry(portal):
    draft = build_dossier(portal, title="Brouillon", location_address="Rue Haute 1")
    with pytest.raises(StateRefusal):
        _open(draft, released=[])
    assert inquiries_of(draft) == []


def test_the_notices_are_listed_for_anonymous_visitors(portal, dossier):
    from imio.municipal.inquiries.notices import public_notices
    from plone.app.testing import logout

    inquiry = _open(dossier)
    other = examined_dossier(portal)
    logout()
    assert [notice.UID() for notice in public_notices(portal["namur"]["publications"])] == [
        inquiry.UID()
    ]
    assert other is not None
    assert public_notices(portal["gembloux"]["publications"]) == []
