"""The demo's assemblies and sessions: real sizes, fictitious people, a week's work."""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.acts import SIGNATORIES
from imio.municipal.demo.compositions import ASSEMBLIES
from imio.municipal.demo.sessions import build_mandate
from imio.municipal.demo.sessions import POSTPONED_TITLE
from imio.municipal.sessions import composition
from imio.municipal.sessions import rules
from imio.municipal.sessions.agenda import act_of
from imio.municipal.sessions.localroles import SessionMemberRoles
from imio.municipal.sessions.members import members_in_office
from imio.municipal.testing import forget_cached_local_roles
from plone import api
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.globalrequest import getRequest

import pytest


def _objects(portal, city, portal_type):
    return [o for o in portal[city]["seances"].objectValues() if o.portal_type == portal_type]


def _sessions(portal):
    return {api.content.get_state(s): s for s in _objects(portal, "namur", "Session")}


@pytest.mark.parametrize(("city", "seats", "college"), [("namur", 47, 10), ("gembloux", 29, 8)])
def test_the_council_has_its_legal_size(portal, city, seats, college):
    council = _objects(portal, city, "Mandate")
    session_day = belgian_today()

    seats_today = [m.seat() for m in council]
    assert len(composition.members_in_office(seats_today, rules.COUNCIL, session_day)) == seats
    assert len(composition.members_in_office(seats_today, rules.COLLEGE, session_day)) == college
    assert ASSEMBLIES[city].seats == seats


def test_every_official_is_fictitious_and_linked_to_a_demo_login(portal):
    for city in ASSEMBLIES:
        mandates = {m.office: m for m in _objects(portal, city, "Mandate") if not m.acting}
        names = {row["name"] for row in SIGNATORIES[city]}
        assert mandates["bourgmestre"].person in names
        assert mandates["directeur_general"].person in names
        assert mandates["directeur_general"].user_id == f"{city}-secretaire"
        assert mandates["directeur_financier"].user_id == f"{city}-directeur-financier"
        acting = {m.office for m in _objects(portal, city, "Mandate") if m.acting}
        assert acting == {"directeur_general", "directeur_financier"}
        linked = [m for m in _objects(portal, city, "Mandate") if m.user_id == f"{city}-college"]
        assert [m.office for m in linked] == ["echevin"]
        assert api.user.get(username=linked[0].user_id) is not None


def test_namur_has_a_held_college_one_in_preparation_and_a_convened_council(portal):
    sessions = _sessions(portal)
    assert set(sessions) == {"closed", "preparation", "convened"}
    held = sessions["closed"]
    assert held.body == rules.COLLEGE
    assert 5 <= (belgian_today() - held.session_date).days <= 11
    outcomes = {act_of(item).Title(): item.outcome for item in held.agenda}
    assert outcomes.pop(POSTPONED_TITLE) == "postponed"
    assert set(outcomes.values()) == {"adopted"}
    numbers = [int(act_of(i).number.split("/")[-1]) for i in held.agenda if i.outcome == "adopted"]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert any(item.closed for item in held.agenda)
    assert "excused" in held.presences.values()
    council = sessions["convened"]
    assert council.body == rules.COUNCIL
    assert council.convocation_sent == belgian_today()
    assert (
        rules.convocation_refusal(belgian_today(), council.session_date, 1, rules.ORDINARY) is None
    )
    assert len(members_in_office(council)) == 47
    assert sessions["preparation"].session_date > belgian_today()


def test_the_college_member_reads_the_convened_council_not_the_one_in_preparation(portal):
    sessions = _sessions(portal)
    with api.env.adopt_user(username="namur-college"):
        assert api.user.has_permission("View", obj=sessions["convened"])
        assert not api.user.has_permission("View", obj=sessions["preparation"])


def test_the_members_are_found_without_a_site(portal):
    """The catalog's queue asks for local roles at commit, when no site is set."""
    council = _sessions(portal)["convened"]
    site = getSite()
    setSite(None)
    try:
        roles = dict(SessionMemberRoles(council).getAllRoles())
    finally:
        setSite(site)
    assert roles == {
        "namur-college": ("SessionMember",),
        "namur-conseiller": ("SessionMember",),
    }


def test_a_new_mandate_is_seen_in_the_same_transaction(portal):
    council = _sessions(portal)["convened"]
    assert not api.user.has_permission("View", username="namur-agent-travaux", obj=council)
    forget_cached_local_roles(getRequest())
    build_mandate(portal, person="Nouvelle Conseillère", user_id="namur-agent-travaux")
    forget_cached_local_roles(getRequest())
    assert api.user.has_permission("View", username="namur-agent-travaux", obj=council)
