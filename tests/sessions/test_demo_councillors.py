"""The demo's councillors: a login per municipality, linked to a council mandate,
who reads the convened council's agenda and its items, closed-session ones too."""

from imio.municipal.demo.councillors import councillor_login
from imio.municipal.interfaces import IImioMunicipalLayer
from imio.municipal.sessions import composition
from imio.municipal.sessions.agenda import act_of
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest


def _sessions(portal, city="namur"):
    folder = portal[city]["seances"]
    return {
        api.content.get_state(s): s for s in folder.objectValues() if s.portal_type == "Session"
    }


@pytest.mark.parametrize("city", ["namur", "gembloux"])
def test_the_councillor_login_is_linked_to_a_council_mandate(portal, city):
    login = councillor_login(city)
    assert api.user.get(username=login) is not None
    acl_users = api.portal.get_tool("acl_users")
    assert acl_users.authenticate(login, "demo", portal.REQUEST) is not None
    linked = [
        m
        for m in portal[city]["seances"].objectValues()
        if m.portal_type == "Mandate" and m.user_id == login
    ]
    assert [m.office for m in linked] == [composition.CONSEILLER]
    # No function group: what he reads comes from his mandate.
    assert not [
        g.getId() for g in api.group.get_groups(username=login) if g.getId() != "AuthenticatedUsers"
    ]


def test_the_councillor_reads_the_convened_council_and_its_items(portal, integration):
    sessions = _sessions(portal)
    council = sessions["convened"]
    assert any(item.closed for item in council.agenda)
    request = integration["request"]
    alsoProvides(request, IImioMunicipalLayer)
    with api.env.adopt_user(username="namur-conseiller"):
        assert api.user.has_permission("View", obj=council)
        for item in council.agenda:
            assert api.user.has_permission("View", obj=act_of(item)), act_of(item).Title()
        html = getMultiAdapter((council, request), name="view")()
        # Not the college's sessions, not a council still in preparation.
        for state, session in sessions.items():
            if session is not council:
                assert not api.user.has_permission("View", obj=session), state
    for item in council.agenda:
        assert act_of(item).Title() in html
    assert "session-move-up" not in html and "session-save-presences" not in html


def test_the_councillor_of_gembloux_does_not_read_namur(portal):
    council = _sessions(portal)["convened"]
    with api.env.adopt_user(username="gembloux-conseiller"):
        assert not api.user.has_permission("View", obj=council)
        assert not api.user.has_permission("View", obj=act_of(council.agenda[0]))
